#include "core/h5/detail/errorstack.h"

#include <hdf5.h>

#include <vector>

namespace h5::detail {

void silenceAutomaticErrorPrinting()
{
    thread_local bool silenced = false;
    if (!silenced) {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        silenced = true;
    }
}

namespace {

herr_t collect(unsigned, const H5E_error2_t *entry, void *data)
{
    auto *reasons = static_cast<std::vector<std::string> *>(data);
    if (entry->desc && *entry->desc)
        reasons->emplace_back(entry->desc);
    return 0;
}

} // namespace

std::string takeErrorStack()
{
    std::vector<std::string> reasons;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &reasons);
    H5Eclear2(H5E_DEFAULT);

    // The API-level entry restates what our own message already says ("unable to open file"); the deepest
    // entries carry the cause ("truncated file: eof = 2048, ..."). Keep the last three distinct reasons.
    std::vector<std::string> distinct;
    for (const auto &reason : reasons)
        if (distinct.empty() || distinct.back() != reason)
            distinct.push_back(reason);
    if (distinct.size() > 3)
        distinct.erase(distinct.begin(), distinct.end() - 3);

    std::string text;
    for (const auto &reason : distinct)
        text += (text.empty() ? "" : ": ") + reason;
    return text;
}

namespace {

// H5Fget_name and H5Iget_name share this two-call protocol: ask for the length, then fill a buffer.
std::string nameFrom(Id id, ssize_t (*getName)(hid_t, char *, size_t))
{
    if (id < 0)
        return {};
    const ssize_t size = getName(id, nullptr, 0);
    if (size <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return {};
    }
    std::string name(static_cast<std::size_t>(size), '\0');
    getName(id, name.data(), name.size() + 1);
    return name;
}

} // namespace

std::string fileNameOf(Id id)
{
    return nameFrom(id, H5Fget_name);
}

std::string objectPathOf(Id id)
{
    return nameFrom(id, H5Iget_name);
}

} // namespace h5::detail
