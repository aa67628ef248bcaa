#include "core/genomics/metadatayaml.h"

#include "core/error.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

namespace genomics {

namespace {

enum class Kind { Bool, Integer, Real, Text };

struct Value {
    std::string text; // as written
    Kind kind = Kind::Text;
    bool boolean = false;
    std::int64_t integer = 0;
    double real = 0;
};

std::string withoutUnderscores(const std::string &text)
{
    std::string result;
    for (char c : text)
        if (c != '_')
            result += c;
    return result;
}

// A plain scalar resolved as PyYAML's safe_load resolves it (YAML 1.1), except that integers are decimal
// only: "0123" (octal to PyYAML) and "0x1F" stay text, as identifiers written that way are meant to.
Value resolve(const YAML::Node &node)
{
    Value value{node.Scalar()};
    const std::string &text = value.text;
    // A quoted scalar ("!") or one tagged !!str is text whatever it holds.
    if (node.Tag() != "?")
        return value;
    static const std::regex boolTrue("yes|Yes|YES|true|True|TRUE|on|On|ON");
    static const std::regex boolFalse("no|No|NO|false|False|FALSE|off|Off|OFF");
    static const std::regex integer("[-+]?(0|[1-9][0-9_]*)");
    static const std::regex real("[-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9_]+([eE][-+][0-9]+)?");
    static const std::regex infinity("[-+]?\\.(inf|Inf|INF)");
    static const std::regex notANumber("\\.(nan|NaN|NAN)");
    if (std::regex_match(text, boolTrue) || std::regex_match(text, boolFalse)) {
        value.kind = Kind::Bool;
        value.boolean = std::regex_match(text, boolTrue);
    } else if (std::regex_match(text, integer)) {
        const std::string digits = withoutUnderscores(text);
        const char *first = digits.data() + (digits.front() == '+' ? 1 : 0);
        const auto [end, error] = std::from_chars(first, digits.data() + digits.size(), value.integer);
        if (error == std::errc() && end == digits.data() + digits.size())
            value.kind = Kind::Integer; // beyond int64 it stays text, so that no digit is lost
    } else if (std::regex_match(text, real)) {
        // strtod, not stod: "1.0e999" is infinity to PyYAML (stod throws), and "._" matches the pattern without
        // being a number (PyYAML fails on it; we keep it as text).
        const std::string digits = withoutUnderscores(text);
        char *end = nullptr;
        const double real = std::strtod(digits.c_str(), &end);
        if (end == digits.c_str() + digits.size()) {
            value.kind = Kind::Real;
            value.real = real;
        }
    } else if (std::regex_match(text, infinity)) {
        value.kind = Kind::Real;
        value.real = text.front() == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    } else if (std::regex_match(text, notANumber)) {
        value.kind = Kind::Real;
        value.real = std::numeric_limits<double>::quiet_NaN();
    }
    return value;
}

struct PendingColumn {
    std::string name;
    std::vector<std::optional<Value>> values; // one per row so far
};

h5::Column makeColumn(PendingColumn pending)
{
    bool allBool = true, allInteger = true, allNumber = true;
    for (const auto &value : pending.values) {
        if (!value)
            continue;
        allBool = allBool && value->kind == Kind::Bool;
        allInteger = allInteger && value->kind == Kind::Integer;
        allNumber = allNumber && (value->kind == Kind::Integer || value->kind == Kind::Real);
    }
    const std::size_t rows = pending.values.size();
    std::vector<std::uint8_t> valid(rows);
    for (std::size_t row = 0; row < rows; ++row)
        valid[row] = pending.values[row].has_value();
    const bool anyPresent = std::find(valid.begin(), valid.end(), 1) != valid.end();
    const auto fill = [&](auto convert) {
        using T = decltype(convert(std::declval<const Value &>()));
        std::vector<T> data(rows);
        for (std::size_t row = 0; row < rows; ++row)
            if (pending.values[row])
                data[row] = convert(*pending.values[row]);
        return h5::Column{std::move(pending.name), std::move(data), std::move(valid)};
    };
    if (anyPresent && allBool)
        return fill([](const Value &v) { return v.boolean ? h5::Bool::True : h5::Bool::False; });
    if (anyPresent && allInteger)
        return fill([](const Value &v) { return v.integer; });
    if (anyPresent && allNumber)
        return fill([](const Value &v) { return v.kind == Kind::Integer ? static_cast<double>(v.integer) : v.real; });
    return fill([](const Value &v) { return v.text; });
}

std::string where(const std::filesystem::path &path, const YAML::Mark &mark)
{
    return path.string() + ": line " + std::to_string(mark.line + 1);
}

using Entries = std::vector<std::pair<std::string, YAML::Node>>;

Entries::iterator findEntry(Entries &entries, const std::string &name)
{
    return std::find_if(entries.begin(), entries.end(), [&](const auto &entry) { return entry.first == name; });
}

// Adds `entry`, or gives the key already there the entry's value (keeping the key's place). reset(), not
// operator=: assigning a YAML::Node writes into the node it refers to, which would change the anchored
// mapping for every later alias of it.
void assign(Entries &entries, std::pair<std::string, YAML::Node> entry)
{
    if (const auto found = findEntry(entries, entry.first); found != entries.end())
        found->second.reset(entry.second);
    else
        entries.push_back(std::move(entry));
}

// A mapping's keys and values as PyYAML's safe_load orders them, merge keys ("<<: *defaults", which yaml-cpp
// leaves as a key of its own) resolved as PyYAML's flatten_mapping does: the merged mappings' keys first (of a
// list of them, the last one's first) with the first mapping's value winning, then the mapping's own keys,
// whose values win over merged ones.
Entries entriesOf(const YAML::Node &mapping, const std::filesystem::path &path)
{
    Entries merged, own;
    const auto merge = [&](const YAML::Node &source) {
        if (!source.IsMap())
            throw core::Error(where(path, source.Mark()) + ": '<<' must merge a mapping or a list of mappings");
        for (auto &entry : entriesOf(source, path))
            assign(merged, std::move(entry));
    };
    for (const auto &entry : mapping) {
        if (!entry.first.IsScalar())
            throw core::Error(where(path, entry.first.Mark()) + ": a key is not a name");
        const std::string name = entry.first.Scalar();
        if (name == "<<" && entry.first.Tag() == "?") {
            std::vector<YAML::Node> sources;
            if (entry.second.IsSequence())
                for (const YAML::Node &source : entry.second)
                    sources.push_back(source);
            else
                sources.push_back(entry.second);
            for (auto source = sources.rbegin(); source != sources.rend(); ++source)
                merge(*source);
            continue;
        }
        if (!entry.second.IsScalar() && !entry.second.IsNull())
            throw core::Error(where(path, entry.second.Mark()) + ": '" + name + "' is not a single value");
        if (findEntry(own, name) != own.end())
            throw core::Error(where(path, entry.first.Mark()) + ": '" + name + "' given twice in one item");
        own.emplace_back(name, entry.second);
    }
    for (auto &entry : own)
        assign(merged, std::move(entry));
    return merged;
}

} // namespace

h5::Table readMetadataYaml(const std::filesystem::path &path)
{
    YAML::Node document;
    try {
        document = YAML::LoadFile(path.string());
    } catch (const YAML::BadFile &) {
        throw core::Error(path.string() + ": cannot read (missing or unreadable)");
    } catch (const YAML::Exception &error) {
        throw core::Error(where(path, error.mark) + ": " + error.msg);
    }
    // An empty file (or one holding only comments) is no items, as pandas makes an empty frame of it.
    if (document.IsNull())
        return {};
    if (!document.IsSequence())
        throw core::Error(path.string() + ": not a list of mappings (one per row)");

    std::vector<PendingColumn> columns;
    std::size_t rows = 0;
    for (const YAML::Node &item : document) {
        if (!item.IsMap())
            throw core::Error(where(path, item.Mark()) + ": list item " + std::to_string(rows + 1) +
                              " is not a mapping of names to values");
        for (const auto &[name, value] : entriesOf(item, path)) {
            auto column = std::find_if(columns.begin(), columns.end(), [&](const auto &c) { return c.name == name; });
            if (column == columns.end()) {
                columns.push_back({name, std::vector<std::optional<Value>>(rows)});
                column = columns.end() - 1;
            }
            if (value.IsScalar())
                column->values.push_back(resolve(value));
            else
                column->values.emplace_back();
        }
        ++rows;
        for (auto &column : columns)
            column.values.resize(rows);
    }
    h5::Table table;
    for (auto &column : columns)
        table.addColumn(makeColumn(std::move(column)));
    return table;
}

} // namespace genomics
