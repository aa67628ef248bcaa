#include "core/formats/tsv/delimitedtable.h"

#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/files/extension.h"
#include "core/formats/tablecells.h"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string_view>
#include <type_traits>
#include <variant>

namespace formats {

namespace {

bool isCsv(const std::filesystem::path &path)
{
    return files::lowercaseExtension(path) == ".csv";
}

[[noreturn]] void fail(const std::filesystem::path &path, std::size_t line, const std::string &problem)
{
    throw core::Error(path.string() + ":" + std::to_string(line) + ": " + problem);
}

struct Cell {
    std::string text;
    bool quoted = false; // CSV's "": an empty string, where an unquoted empty cell is null
};

// Splits the text into records of cells, counting lines for messages.
class Parser {
public:
    Parser(const std::filesystem::path &path, std::string_view text, bool csv)
        : m_path(path), m_text(text), m_csv(csv)
    {
        if (m_text.starts_with("\xEF\xBB\xBF")) // the byte-order mark spreadsheet programs write
            m_text.remove_prefix(3);
    }

    bool atEnd() const { return m_at == m_text.size(); }
    // The line the last record started on.
    std::size_t recordLine() const { return m_recordLine; }

    void record(std::vector<Cell> &cells)
    {
        cells.clear();
        m_recordLine = m_line;
        for (;;) {
            cells.push_back(m_csv && m_at < m_text.size() && m_text[m_at] == '"' ? quotedCell() : plainCell());
            if (m_at == m_text.size())
                return;
            const char separator = m_text[m_at++];
            if (separator == '\n') {
                ++m_line;
                return;
            }
        }
    }

private:
    // Up to the next delimiter or line end (a CR before LF belongs to the line end).
    Cell plainCell()
    {
        const char delimiter = m_csv ? ',' : '\t';
        std::size_t end = m_at;
        while (end < m_text.size() && m_text[end] != delimiter && m_text[end] != '\n')
            ++end;
        std::string_view raw = m_text.substr(m_at, end - m_at);
        if (end < m_text.size() && m_text[end] == '\n' && raw.ends_with('\r'))
            raw.remove_suffix(1);
        m_at = end;
        return {m_csv ? std::string(raw) : unescape(raw), false};
    }

    // RFC 4180: "" inside stands for one quote; the closing quote ends the cell.
    Cell quotedCell()
    {
        const std::size_t openedOn = m_line;
        Cell cell{{}, true};
        ++m_at;
        for (;;) {
            const std::size_t quote = m_text.find('"', m_at);
            if (quote == std::string_view::npos)
                fail(m_path, openedOn, "the quote opened here is never closed");
            const std::string_view part = m_text.substr(m_at, quote - m_at);
            m_line += static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n'));
            cell.text += part;
            m_at = quote + 1;
            if (m_at < m_text.size() && m_text[m_at] == '"') {
                cell.text += '"';
                ++m_at;
                continue;
            }
            break;
        }
        const std::string_view rest = m_text.substr(m_at);
        if (!rest.empty() && rest.front() != ',' && rest.front() != '\n' && !rest.starts_with("\r\n"))
            fail(m_path, m_line, "a quoted cell must end at a comma or the line's end, not at '" +
                                     std::string(1, rest.front()) + "'");
        if (rest.starts_with("\r\n"))
            ++m_at;
        return cell;
    }

    // TSV's backslash escapes; a backslash before any other character stays as it is.
    static std::string unescape(std::string_view raw)
    {
        std::string text;
        text.reserve(raw.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] != '\\' || i + 1 == raw.size()) {
                text += raw[i];
                continue;
            }
            switch (raw[i + 1]) {
            case 't': text += '\t'; break;
            case 'n': text += '\n'; break;
            case 'r': text += '\r'; break;
            case '\\': text += '\\'; break;
            default: text += '\\'; continue;
            }
            ++i;
        }
        return text;
    }

    const std::filesystem::path &m_path;
    std::string_view m_text;
    bool m_csv;
    std::size_t m_at = 0;
    std::size_t m_line = 1;
    std::size_t m_recordLine = 1;
};

template <class T>
bool parse(std::string_view text, T &value)
{
    const auto [end, error] = [&] {
        if constexpr (std::is_floating_point_v<T>)
            return fast_float::from_chars(text.data(), text.data() + text.size(), value);
        else
            return std::from_chars(text.data(), text.data() + text.size(), value);
    }();
    return error == std::errc() && end == text.data() + text.size();
}

bool parseBool(std::string_view text, h5::Bool &value)
{
    if (text == "true" || text == "True" || text == "TRUE")
        value = h5::Bool::True;
    else if (text == "false" || text == "False" || text == "FALSE")
        value = h5::Bool::False;
    else
        return false;
    return true;
}

template <class T, class Parse>
h5::Column convert(std::string name, const std::vector<Cell> &cells, Parse parseCell)
{
    std::vector<T> values(cells.size());
    std::vector<std::uint8_t> valid(cells.size(), 1);
    for (std::size_t row = 0; row < cells.size(); ++row) {
        if (cells[row].text.empty())
            valid[row] = 0;
        else
            parseCell(cells[row].text, values[row]);
    }
    return {std::move(name), std::move(values), std::move(valid), {}};
}

// The narrowest of int64, double, bool and string that holds every non-empty cell.
// -?[0-9]+
bool hasIntegerForm(std::string_view text)
{
    const std::size_t digits = !text.empty() && text.front() == '-' ? 1 : 0;
    return text.size() > digits &&
           std::all_of(text.begin() + static_cast<std::ptrdiff_t>(digits), text.end(),
                       [](char c) { return c >= '0' && c <= '9'; });
}

// A finite number as people write one ("3.5", "-1e-3"); from_chars alone would also take "INF", "Infinity"
// and "nan(x)" in any case, turning a column of such words into numbers.
bool hasRealForm(std::string_view text)
{
    return !text.empty() && std::none_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z' && c != 'e') || (c >= 'A' && c <= 'Z' && c != 'E');
    });
}

h5::Column inferColumn(std::string name, std::vector<Cell> &cells)
{
    bool any = false, integers = true, numbers = true, booleans = true, finite = false;
    for (const auto &cell : cells) {
        if (cell.text.empty())
            continue;
        any = true;
        const std::string_view text = cell.text;
        std::int64_t integer = 0;
        double number = 0;
        h5::Bool boolean = h5::Bool::False;
        const bool integerForm = hasIntegerForm(text);
        // Leading zeros mark identifiers ("007", zip codes), and an integer beyond int64 would lose digits as
        // a double: either keeps the column text.
        const std::size_t sign = text.front() == '-' ? 1 : 0;
        if (integerForm && ((text.size() > sign + 1 && text[sign] == '0') || !parse(text, integer))) {
            integers = numbers = false;
        } else {
            integers = integers && integerForm;
            // The words cellText writes for non-finite values count only beside real numbers.
            const bool word = text == "nan" || text == "inf" || text == "-inf";
            const bool real = integerForm || (!word && hasRealForm(text) && parse(text, number));
            finite = finite || real;
            numbers = numbers && (real || (word && parse(text, number)));
        }
        booleans = booleans && parseBool(cell.text, boolean);
        if (!numbers && !booleans)
            break;
    }
    if (any && integers)
        return convert<std::int64_t>(std::move(name), cells, parse<std::int64_t>);
    if (any && numbers && finite)
        return convert<double>(std::move(name), cells, parse<double>);
    if (any && booleans)
        return convert<h5::Bool>(std::move(name), cells, parseBool);
    std::vector<std::string> values(cells.size());
    std::vector<std::uint8_t> valid(cells.size(), 1);
    for (std::size_t row = 0; row < cells.size(); ++row) {
        valid[row] = !cells[row].text.empty() || cells[row].quoted;
        values[row] = std::move(cells[row].text);
    }
    return {std::move(name), std::move(values), std::move(valid), {}};
}

// A float cell written so that it reads back as a float: "1.0", not "1" (which would read as an integer), and
// "-0.0" keeping its sign.
std::string floatText(const h5::Column &column, std::size_t row)
{
    std::string text = cellText(column, row);
    if (!column.isNull(row) && hasIntegerForm(text))
        text += ".0";
    return text;
}

std::string readFile(const std::filesystem::path &path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw core::Error("cannot open " + path.string() + ": " + std::strerror(errno));
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    if (file.bad())
        throw core::Error("cannot read " + path.string() + ": " + std::strerror(errno));
    return text;
}

void appendCell(std::string &out, const std::string &text, bool csv, bool isNull)
{
    if (csv) {
        // An empty string is quoted so that it reads back as "" and not as null.
        if ((text.empty() && !isNull) || text.find_first_of(",\"\r\n") != std::string::npos) {
            out += '"';
            for (const char c : text) {
                if (c == '"')
                    out += '"';
                out += c;
            }
            out += '"';
        } else {
            out += text;
        }
        return;
    }
    for (const char c : text) {
        switch (c) {
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\\': out += "\\\\"; break;
        default: out += c;
        }
    }
}

} // namespace

h5::Table readDelimitedTable(const std::filesystem::path &path)
{
    const std::string text = readFile(path);
    const bool csv = isCsv(path);
    Parser parser(path, text, csv);
    h5::Table table;
    if (parser.atEnd())
        return table;
    std::vector<Cell> header;
    parser.record(header);
    std::vector<std::vector<Cell>> columns(header.size());
    std::vector<Cell> cells;
    while (!parser.atEnd()) {
        parser.record(cells);
        // A blank line cannot be a record of several cells: spreadsheets and editors leave them at the end.
        if (header.size() > 1 && cells.size() == 1 && cells.front().text.empty() && !cells.front().quoted)
            continue;
        if (cells.size() != header.size())
            fail(path, parser.recordLine(), std::to_string(cells.size()) + (cells.size() == 1 ? " cell" : " cells") +
                                                ", but the header names " + std::to_string(header.size()) + " columns");
        for (std::size_t i = 0; i < cells.size(); ++i)
            columns[i].push_back(std::move(cells[i]));
    }
    for (std::size_t i = 0; i < header.size(); ++i) {
        try {
            table.addColumn(inferColumn(std::move(header[i].text), columns[i]));
        } catch (const core::Error &error) {
            fail(path, 1, error.what());
        }
    }
    return table;
}

std::string delimitedText(const h5::Table &table, bool csv)
{
    const char delimiter = csv ? ',' : '\t';
    std::string out;
    const auto &columns = table.columns();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i > 0)
            out += delimiter;
        appendCell(out, columns[i].name, csv, false);
    }
    if (!columns.empty())
        out += '\n';
    std::vector<bool> floatColumn;
    for (const auto &column : columns)
        floatColumn.push_back(std::holds_alternative<std::vector<float>>(column.data) ||
                              std::holds_alternative<std::vector<double>>(column.data));
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i > 0)
                out += delimiter;
            appendCell(out, floatColumn[i] ? floatText(columns[i], row) : cellText(columns[i], row), csv,
                       columns[i].isNull(row));
        }
        out += '\n';
    }
    return out;
}

void writeDelimitedTable(const std::filesystem::path &path, const h5::Table &table)
{
    files::writeFileAtomically(path, delimitedText(table, isCsv(path)));
}

} // namespace formats
