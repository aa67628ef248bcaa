#include "core/h5/outputfile.h"

#include "core/buildinfo.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>

namespace h5 {

std::string utcTimestampNow()
{
    using namespace std::chrono;
    const auto now = floor<seconds>(system_clock::now());
    const auto day = floor<days>(now);
    const year_month_day date(day);
    const hh_mm_ss time(now - day);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(date.year()), unsigned(date.month()),
                  unsigned(date.day()), int(time.hours().count()), int(time.minutes().count()),
                  int(time.seconds().count()));
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
