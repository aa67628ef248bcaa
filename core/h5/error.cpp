#include "core/h5/error.h"

namespace h5 {

namespace {

std::string compose(const std::string &file, const std::string &object, const std::string &what,
                    const std::string &reason)
{
    std::string text = file.empty() ? std::string("<no file>") : file;
    if (!object.empty())
        text += ": " + object;
    text += ": " + what;
    if (!reason.empty())
        text += " (" + reason + ")";
    return text;
}

} // namespace

Error::Error(std::string file, std::string object, std::string what, std::string reason)
    : core::Error(compose(file, object, what, reason))
    , m_file(std::move(file))
    , m_object(std::move(object))
    , m_reason(std::move(reason))
{
}

} // namespace h5
