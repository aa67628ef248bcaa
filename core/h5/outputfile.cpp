#include "core/h5/outputfile.h"

#include "core/buildinfo.h"

#include <nlohmann/json.hpp>

#include <chrono>

namespace h5 {

std::string utcTimestampNow()
{
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

void writeRootAttributes(const File &file, const std::string &format, const std::string &formatVersion)
{
    const Attributes attributes = file.root().attributes();
    attributes.set("format", format);
    attributes.set("format_version", formatVersion);
    attributes.set("created", utcTimestampNow());
    attributes.set("software", core::softwareName());
    attributes.set("complete", false);
}

OutputFile::OutputFile(const std::filesystem::path &target, const std::string &format,
                       const std::string &formatVersion)
    : OutputFile(files::AtomicFile(target), format, formatVersion)
{
}

OutputFile::OutputFile(files::AtomicFile destination, const std::string &format, const std::string &formatVersion)
    : m_atomic(std::move(destination))
    , m_file(File::create(m_atomic.partialPath()))
{
    writeRootAttributes(m_file, format, formatVersion);
}

void OutputFile::commit(files::AtomicFile::Replace replace)
{
    m_file.root().attributes().set("complete", true);
    m_file.flush();
    m_file.close();
    m_atomic.commit(replace);
}

} // namespace h5
