#pragma once

#include <optional>
#include <string>
#include <string_view>

// DECIMAL values as unscaled integers: h5::Table holds those wider than 18 digits as decimal text, which the
// writer turns into the unscaled integer (FIXED_LEN_BYTE_ARRAY big-endian two's complement) and the reader
// and the cell text make from it.
namespace parquet {

__extension__ using Int128 = __int128;
__extension__ using Unsigned128 = unsigned __int128;

Unsigned128 powerOfTen(int exponent);

// The fewest bytes whose two's complement holds every unscaled value of `precision` (1 to 38) decimal digits.
int decimalByteWidth(int precision);

// The unscaled value of decimal text ("-1234.5678", "+1.5", ".5") at `scale`, when it has at most
// `precision` digits there. Fraction digits past the scale must be zeros: dropping others would change the
// value. Nothing else is accepted: no spaces, exponents or digit separators.
std::optional<Int128> unscaledDecimal(std::string_view text, int precision, int scale);

// Appends the decimal text of `unscaled` × 10^-scale with exactly `scale` fraction digits ("-0.05", "12.50").
void appendDecimalText(std::string &out, Int128 unscaled, int scale);

} // namespace parquet
