#include "core/formats/tablecells.h"

#include "core/formats/parquet/decimal.h"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>

namespace formats {

namespace {

using Kind = h5::ColumnType::Kind;

template <class T>
const T &at(const h5::Column &column, std::size_t row)
{
    return std::get<std::vector<T>>(column.data)[row];
}

template <class T>
void appendInteger(std::string &out, T value)
{
    char buffer[24];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// Zero-padded to `width` digits, more when the value needs them.
void appendPadded(std::string &out, std::uint64_t value, std::size_t width)
{
    char buffer[24];
    char *end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    const auto digits = static_cast<std::size_t>(end - buffer);
    if (digits < width)
        out.append(width - digits, '0');
    out.append(buffer, end);
}

// Shortest round-trip text; every NaN reads "nan" (its sign and payload mean nothing to a reader).
template <class T>
void appendFloat(std::string &out, T value)
{
    if (std::isnan(value)) {
        out += "nan";
        return;
    }
    char buffer[32];
    out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// The IEEE half-precision value nearest to `value` (ties to even), as a float: 11 significant bits down to
// the smallest subnormal 2^-24, infinity beyond 65504.
float roundToHalf(float value)
{
    if (!std::isfinite(value) || value == 0)
        return value;
    int exponent = 0;
    std::frexp(value, &exponent);
    const int quantum = std::max(exponent - 11, -24);
    const float rounded = std::ldexp(std::nearbyint(std::ldexp(value, -quantum)), quantum);
    return std::fabs(rounded) > 65504.0f ? std::copysign(std::numeric_limits<float>::infinity(), value) : rounded;
}

// The shortest text that reads back to the same half-precision value (as numpy prints float16: 0.1, not the
// float32 text of the stored 0.0999755859375). Five significant digits tell every half apart; a value no
// half can hold (a column built in memory) falls back to its float32 text.
void appendHalf(std::string &out, float value)
{
    if (std::isfinite(value)) {
        for (int precision = 1; precision <= 5; ++precision) {
            char buffer[32];
            const char *end = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, precision).ptr;
            float candidate = 0;
            fast_float::from_chars(buffer, end, candidate);
            if (roundToHalf(candidate) == value)
                return appendFloat(out, candidate);
        }
    }
    appendFloat(out, value);
}

struct UnitScale {
    std::int64_t perSecond;
    std::size_t digits;
};

UnitScale scaleOf(h5::TimeUnit unit)
{
    switch (unit) {
    case h5::TimeUnit::Millis: return {1'000, 3};
    case h5::TimeUnit::Micros: return {1'000'000, 6};
    case h5::TimeUnit::Nanos: return {1'000'000'000, 9};
    }
    return {1'000'000, 6};
}

// Proleptic Gregorian year, month and day of a day count from 1970-01-01: Howard Hinnant's civil_from_days
// (the arithmetic behind std::chrono::year_month_day), in 64 bits because int64 milliseconds reach far
// beyond chrono's years -32767..32767.
void appendDate(std::string &out, std::int64_t days)
{
    days += 719468; // from 0000-03-01, so that a leap day ends each 4-year cycle
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<std::uint64_t>(days - era * 146097);
    const std::uint64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const std::uint64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::uint64_t shiftedMonth = (5 * dayOfYear + 2) / 153; // 0 = March
    const std::uint64_t day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    const std::uint64_t month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    const std::int64_t year = static_cast<std::int64_t>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0);
    // As C++20's %Y: at least four digits, a minus sign before year 0 (1 BC).
    if (year < 0)
        out += '-';
    appendPadded(out, year < 0 ? 0 - static_cast<std::uint64_t>(year) : static_cast<std::uint64_t>(year), 4);
    out += '-';
    appendPadded(out, month, 2);
    out += '-';
    appendPadded(out, day, 2);
}

// HH:MM:SS, then the fraction of a second when it is not zero, in whole groups of three digits.
void appendClock(std::string &out, std::uint64_t units, UnitScale scale)
{
    const auto perSecond = static_cast<std::uint64_t>(scale.perSecond);
    const std::uint64_t seconds = units / perSecond;
    std::uint64_t fraction = units % perSecond;
    appendPadded(out, seconds / 3600, 2);
    out += ':';
    appendPadded(out, seconds / 60 % 60, 2);
    out += ':';
    appendPadded(out, seconds % 60, 2);
    if (fraction == 0)
        return;
    std::size_t digits = scale.digits;
    while (fraction % 1000 == 0) {
        fraction /= 1000;
        digits -= 3;
    }
    out += '.';
    appendPadded(out, fraction, digits);
}

void appendTimestamp(std::string &out, std::int64_t value, const h5::ColumnType &type)
{
    const UnitScale scale = scaleOf(type.unit);
    const std::int64_t perDay = 86400 * scale.perSecond;
    // Floored division without forming days * perDay, which overflows near INT64_MIN.
    std::int64_t days = value / perDay, rest = value % perDay;
    if (rest < 0) {
        --days;
        rest += perDay;
    }
    appendDate(out, days);
    out += 'T';
    appendClock(out, static_cast<std::uint64_t>(rest), scale);
    if (type.utc)
        out += 'Z';
}

// Times outside a day (which no writer should store) still print, with a sign and hours past 23.
void appendTime(std::string &out, std::int64_t value, h5::TimeUnit unit)
{
    if (value < 0)
        out += '-';
    appendClock(out, value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value), scaleOf(unit));
}

// DuckDB's BLOB text: bytes outside printable ASCII, and the quotes, as \xHH. The backslash is escaped too
// (DuckDB leaves it), so that every backslash starts an escape and the text decodes unambiguously.
void appendBinary(std::string &out, std::string_view bytes)
{
    static constexpr char Hex[] = "0123456789ABCDEF";
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte <= 0x7e && c != '"' && c != '\'' && c != '\\') {
            out += c;
        } else {
            out += "\\x";
            out += Hex[byte >> 4];
            out += Hex[byte & 0xf];
        }
    }
}

template <class T>
void appendPlain(std::string &out, const T &value)
{
    if constexpr (std::is_same_v<T, std::string>)
        out += value;
    else if constexpr (std::is_same_v<T, h5::Bool>)
        out += value == h5::Bool::False ? "false" : "true";
    else if constexpr (std::is_floating_point_v<T>)
        appendFloat(out, value);
    else
        appendInteger(out, value);
}

// The cell's text, which must not be null.
void appendText(std::string &out, const h5::Column &column, std::size_t row)
{
    const h5::ColumnType &type = column.type;
    switch (type.kind) {
    case Kind::Timestamp: return appendTimestamp(out, at<std::int64_t>(column, row), type);
    case Kind::Date: return appendDate(out, at<std::int32_t>(column, row));
    case Kind::Time:
        return appendTime(out, type.unit == h5::TimeUnit::Millis ? at<std::int32_t>(column, row) : at<std::int64_t>(column, row),
                          type.unit);
    case Kind::Decimal:
        if (type.precision <= 18)
            return parquet::appendDecimalText(out, at<std::int64_t>(column, row), type.scale);
        out += at<std::string>(column, row);
        return;
    case Kind::Binary: return appendBinary(out, at<std::string>(column, row));
    case Kind::Float16: return appendHalf(out, at<float>(column, row));
    case Kind::Plain: break;
    }
    std::visit([&](const auto &values) { appendPlain(out, values[row]); }, column.data);
}

struct Utf8Sequence {
    std::size_t length;
    bool valid;
};

// The sequence starting at text[at], a byte >= 0x80: its length when it is well-formed UTF-8, else the
// length of its maximal well-formed prefix (at least 1), which one U+FFFD replaces (Unicode's "U+FFFD
// substitution of maximal subparts", as WHATWG decoders and Python's errors="replace" do).
Utf8Sequence utf8Sequence(std::string_view text, std::size_t at)
{
    const auto byte = [&](std::size_t index) { return static_cast<unsigned char>(text[index]); };
    const unsigned char lead = byte(at);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // the second byte's range: narrower after E0, ED, F0 and F4
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;  // overlong
        high = lead == 0xED ? 0x9F : 0xBF; // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;  // overlong
        high = lead == 0xF4 ? 0x8F : 0xBF; // beyond U+10FFFF
    } else {
        return {1, false};
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (at + k >= text.size())
            return {k, false};
        const unsigned char next = byte(at + k);
        if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF))
            return {k, false};
    }
    return {length, true};
}

// JSON has no number for them.
template <class T>
bool appendNonFiniteJson(std::string &out, T value)
{
    if (std::isnan(value))
        out += "\"NaN\"";
    else if (std::isinf(value))
        out += value < 0 ? "\"-Infinity\"" : "\"Infinity\"";
    else
        return false;
    return true;
}

} // namespace

void appendJsonString(std::string &out, std::string_view text)
{
    static constexpr char Hex[] = "0123456789abcdef";
    const auto isPlain = [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x20 && byte < 0x80 && c != '"' && c != '\\';
    };
    out += '"';
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t plainEnd = static_cast<std::size_t>(
            std::find_if_not(text.begin() + static_cast<std::ptrdiff_t>(at), text.end(), isPlain) - text.begin());
        out.append(text.substr(at, plainEnd - at));
        at = plainEnd;
        if (at == text.size())
            break;
        const char c = text[at];
        if (static_cast<unsigned char>(c) >= 0x80) {
            const Utf8Sequence sequence = utf8Sequence(text, at);
            if (sequence.valid)
                out.append(text.substr(at, sequence.length));
            else
                out += "\xEF\xBF\xBD";
            at += sequence.length;
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            out += "\\u00";
            out += Hex[static_cast<unsigned char>(c) >> 4];
            out += Hex[static_cast<unsigned char>(c) & 0xf];
        }
        ++at;
    }
    out += '"';
}

std::string cellText(const h5::Column &column, std::size_t row)
{
    std::string text;
    if (!column.isNull(row))
        appendText(text, column, row);
    return text;
}

void appendCellJson(std::string &out, const h5::Column &column, std::size_t row)
{
    if (column.isNull(row)) {
        out += "null";
        return;
    }
    switch (column.type.kind) {
    case Kind::Decimal: // the text of a decimal is a JSON number (h5::Table checks string decimals)
        return appendText(out, column, row);
    case Kind::Float16:
        if (!appendNonFiniteJson(out, at<float>(column, row)))
            appendText(out, column, row);
        return;
    case Kind::Timestamp:
    case Kind::Date:
    case Kind::Time: // digits and -:.TZ only: nothing to escape
        out += '"';
        appendText(out, column, row);
        out += '"';
        return;
    case Kind::Binary: {
        std::string text;
        appendText(text, column, row);
        return appendJsonString(out, text);
    }
    case Kind::Plain: break;
    }
    std::visit(
        [&](const auto &values) {
            using T = typename std::decay_t<decltype(values)>::value_type;
            if constexpr (std::is_same_v<T, std::string>) {
                appendJsonString(out, values[row]);
            } else if constexpr (std::is_floating_point_v<T>) {
                if (!appendNonFiniteJson(out, values[row]))
                    appendFloat(out, values[row]);
            } else {
                appendPlain(out, values[row]);
            }
        },
        column.data);
}

JsonRows::JsonRows(const h5::Table &table) : m_table(table)
{
    for (const auto &column : table.columns()) {
        std::string key;
        appendJsonString(key, column.name);
        m_keys.push_back(key + ':');
    }
}

void JsonRows::append(std::string &out, std::size_t row) const
{
    out += '{';
    for (std::size_t c = 0; c < m_keys.size(); ++c) {
        if (c > 0)
            out += ',';
        out += m_keys[c];
        appendCellJson(out, m_table.columns()[c], row);
    }
    out += '}';
}

} // namespace formats
