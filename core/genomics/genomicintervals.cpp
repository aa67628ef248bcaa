#include "core/genomics/genomicintervals.h"

#include "core/error.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <string_view>
#include <unordered_set>

namespace genomics {

namespace {

[[noreturn]] void fail(const std::filesystem::path &path, std::size_t line, const std::string &problem)
{
    throw core::Error(path.string() + ":" + std::to_string(line) + ": " + problem);
}

// Calls `row(line, fields)` for every line with content, its fields split at tabs and spaces; a CR before the
// line end (files from Windows) is dropped.
template <class Row>
void forEachRow(const std::filesystem::path &path, Row &&row)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw core::Error("cannot open " + path.string() + ": " + std::strerror(errno));
    std::string text;
    std::vector<std::string_view> fields;
    for (std::size_t line = 1; std::getline(file, text); ++line) {
        if (!text.empty() && text.back() == '\r')
            text.pop_back();
        fields.clear();
        const std::string_view view = text;
        for (std::size_t at = 0; at < view.size();) {
            const std::size_t begin = view.find_first_not_of(" \t", at);
            if (begin == std::string_view::npos)
                break;
            const std::size_t end = std::min(view.find_first_of(" \t", begin), view.size());
            fields.push_back(view.substr(begin, end - begin));
            at = end;
        }
        if (!fields.empty() && !fields.front().starts_with('#'))
            row(line, fields);
    }
    if (file.bad())
        throw core::Error("cannot read " + path.string() + ": " + std::strerror(errno));
}

std::int64_t integer(const std::filesystem::path &path, std::size_t line, std::string_view text,
                     const char *what)
{
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size())
        fail(path, line, std::string(what) + " '" + std::string(text) + "' is not an integer");
    return value;
}

} // namespace

std::vector<ChromSize> readChromSizes(const std::filesystem::path &path)
{
    std::vector<ChromSize> sizes;
    std::unordered_set<std::string> seen;
    forEachRow(path, [&](std::size_t line, const std::vector<std::string_view> &fields) {
        if (fields.size() < 2)
            fail(path, line, "expected a chromosome name and its length");
        const std::int64_t length = integer(path, line, fields[1], "length");
        if (length <= 0)
            fail(path, line, "length of " + std::string(fields[0]) + " must be positive, not " +
                                 std::string(fields[1]));
        std::string name(fields[0]);
        if (!seen.insert(name).second)
            fail(path, line, "chromosome " + name + " is given twice");
        sizes.push_back({std::move(name), length});
    });
    return sizes;
}

std::vector<GenomicInterval> readBed(const std::filesystem::path &path)
{
    std::vector<GenomicInterval> intervals;
    forEachRow(path, [&](std::size_t line, const std::vector<std::string_view> &fields) {
        if (fields.front() == "track" || fields.front() == "browser")
            return;
        if (fields.size() < 3)
            fail(path, line, "expected at least three columns (chrom, start, end), found " +
                                 std::to_string(fields.size()));
        const std::int64_t start = integer(path, line, fields[1], "start");
        const std::int64_t end = integer(path, line, fields[2], "end");
        if (start < 0)
            fail(path, line, "start " + std::to_string(start) + " is negative");
        if (end <= start)
            fail(path, line, "end " + std::to_string(end) + " is not after start " + std::to_string(start));
        intervals.push_back({std::string(fields[0]), start, end});
    });
    return intervals;
}

} // namespace genomics
