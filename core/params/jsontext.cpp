#include "core/params/jsontext.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <system_error>
#include <vector>

namespace params {

namespace {

// "line L, column C" for a byte offset, both 1-based. Columns count code points, not bytes, so that they
// match what an editor shows on a line with non-ASCII text.
std::string location(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Byte offset of the opening quote of the `ordinal`-th object key (0-based, in document order). nlohmann's
// parser callback does not report positions, so the key is found again in the text. Only called for a key
// the parser has already accepted, so every string before it is well formed.
std::size_t keyOffset(std::string_view text, std::size_t ordinal)
{
    std::size_t keysSeen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '"')
            continue;
        const std::size_t start = i;
        for (++i; i < text.size() && text[i] != '"'; ++i) {
            if (text[i] == '\\')
                ++i;
        }
        const std::size_t next = text.find_first_not_of(" \t\r\n", i + 1);
        if (next != std::string_view::npos && text[next] == ':' && keysSeen++ == ordinal)
            return start;
    }
    return text.size();
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 7: syntax error ...";
// we keep only the explanation, because our own prefix names the source and counts columns in code points.
std::string reason(const nlohmann::json::exception &error)
{
    std::string_view what = error.what();
    if (const std::size_t id = what.find("] "); what.starts_with("[json.exception.") && id != what.npos)
        what.remove_prefix(id + 2);
    if (const std::size_t colon = what.find(": "); what.starts_with("parse error") && colon != what.npos)
        what.remove_prefix(colon + 2);
    return std::string(what);
}

} // namespace

nlohmann::json parseJson(std::string_view text, const std::string &source)
{
    // One key set per open object: RFC 8259 only says names "SHOULD" be unique and nlohmann keeps the last
    // value, but a silently dropped member would change a dataset's identity hash without anyone noticing.
    std::vector<std::set<std::string>> openObjects;
    std::size_t keyOrdinal = 0;
    const auto rejectDuplicateKeys = [&](int, nlohmann::json::parse_event_t event, nlohmann::json &parsed) {
        using Event = nlohmann::json::parse_event_t;
        if (event == Event::object_start) {
            openObjects.emplace_back();
        } else if (event == Event::object_end) {
            openObjects.pop_back();
        } else if (event == Event::key) {
            const auto &key = parsed.get_ref<const std::string &>();
            if (!openObjects.back().insert(key).second) {
                throw JsonError(source + ": " + location(text, keyOffset(text, keyOrdinal)) + ": duplicate key "
                                + parsed.dump());
            }
            ++keyOrdinal;
        }
        return true;
    };

    try {
        return nlohmann::json::parse(text, rejectDuplicateKeys);
    } catch (const nlohmann::json::parse_error &error) {
        // `byte` is the 1-based index of the last character read, i.e. the one that made the text invalid.
        const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        throw JsonError(source + ": " + location(text, offset) + ": " + reason(error));
    } catch (const nlohmann::json::exception &error) {
        // A number beyond the range of a double (out_of_range.406) comes without a position.
        throw JsonError(source + ": " + reason(error));
    }
}

nlohmann::json readJsonFile(const std::filesystem::path &path)
{
    const std::string name = path.string();
    const auto cannotRead = [&name](int error) {
        return JsonError(name + ": cannot read file (" + std::generic_category().message(error) + ")");
    };

    // C stdio rather than iostreams: it reports why it failed through errno on every platform we build on.
    const std::unique_ptr<std::FILE, int (*)(std::FILE *)> file(std::fopen(name.c_str(), "rb"), &std::fclose);
    if (!file)
        throw cannotRead(errno);

    std::string text;
    char buffer[65536];
    std::size_t count = 0;
    while ((count = std::fread(buffer, 1, sizeof buffer, file.get())) > 0)
        text.append(buffer, count);
    if (std::ferror(file.get()))
        throw cannotRead(errno);

    return parseJson(text, name);
}

} // namespace params
