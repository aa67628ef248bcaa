#include "core/formats/parquet/decimal.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>

namespace parquet {

Unsigned128 powerOfTen(int exponent)
{
    Unsigned128 power = 1;
    for (int i = 0; i < exponent; ++i)
        power *= 10;
    return power;
}

int decimalByteWidth(int precision)
{
    // Unscaled values lie strictly between -10^precision and 10^precision.
    const Unsigned128 limit = powerOfTen(precision);
    int width = 1;
    while ((Unsigned128{1} << (8 * width - 1)) < limit)
        ++width;
    return width;
}

std::optional<Int128> unscaledDecimal(std::string_view text, int precision, int scale)
{
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    const std::size_t point = text.find('.');
    const std::string_view whole = text.substr(0, point);
    const std::string_view fraction = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
    if (whole.empty() && fraction.empty())
        return std::nullopt;
    const Unsigned128 limit = powerOfTen(precision);
    Unsigned128 magnitude = 0;
    const auto append = [&](char digit) {
        if (digit < '0' || digit > '9')
            return false;
        const auto value = static_cast<unsigned>(digit - '0');
        if (magnitude > (limit - 1 - value) / 10)
            return false;
        magnitude = magnitude * 10 + value;
        return true;
    };
    for (const char digit : whole)
        if (!append(digit))
            return std::nullopt;
    for (std::size_t i = 0; i < fraction.size(); ++i)
        if (static_cast<int>(i) < scale ? !append(fraction[i]) : fraction[i] != '0')
            return std::nullopt;
    for (auto i = static_cast<int>(fraction.size()); i < scale; ++i)
        if (!append('0'))
            return std::nullopt;
    return negative ? -static_cast<Int128>(magnitude) : static_cast<Int128>(magnitude);
}

void appendDecimalText(std::string &out, Int128 unscaled, int scale)
{
    Unsigned128 magnitude = unscaled < 0 ? Unsigned128{0} - static_cast<Unsigned128>(unscaled)
                                         : static_cast<Unsigned128>(unscaled);
    char buffer[40];
    char *end = buffer;
    if (magnitude <= std::numeric_limits<std::uint64_t>::max()) {
        // The common case (precision <= 18, every int64 column) without 128-bit divisions.
        end = std::to_chars(buffer, buffer + sizeof buffer, static_cast<std::uint64_t>(magnitude)).ptr;
    } else {
        char *begin = buffer + sizeof buffer;
        do {
            *--begin = static_cast<char>('0' + static_cast<int>(magnitude % 10));
            magnitude /= 10;
        } while (magnitude != 0);
        end = std::copy(begin, buffer + sizeof buffer, buffer);
    }
    const std::string_view digits(buffer, static_cast<std::size_t>(end - buffer));
    const auto fractionDigits = static_cast<std::size_t>(scale);
    if (unscaled < 0)
        out += '-';
    if (digits.size() <= fractionDigits) {
        out += "0.";
        out.append(fractionDigits - digits.size(), '0');
        out += digits;
        return;
    }
    out += digits.substr(0, digits.size() - fractionDigits);
    if (fractionDigits > 0) {
        out += '.';
        out += digits.substr(digits.size() - fractionDigits);
    }
}

} // namespace parquet
