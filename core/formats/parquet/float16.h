#pragma once

#include <bit>
#include <cstdint>

// IEEE 754 half precision, the storage of Parquet's FLOAT16 (2 bytes, little-endian) and of
// h5::ColumnType::Kind::Float16 columns, which hold the values widened to float in memory.
namespace parquet {

// Rounds to the nearest half, ties to even, as a hardware conversion does: values past the largest half
// (65504) become infinity, infinities stay infinities and NaN stays NaN (quiet, its sign and top payload
// bits kept).
inline std::uint16_t floatToHalf(float value)
{
    const auto bits = std::bit_cast<std::uint32_t>(value);
    const auto sign = static_cast<std::uint16_t>((bits >> 16) & 0x8000u);
    const std::uint32_t magnitude = bits & 0x7fffffffu;
    if (magnitude >= 0x7f800000u) {
        if (magnitude == 0x7f800000u)
            return sign | 0x7c00u;
        return static_cast<std::uint16_t>(sign | 0x7e00u | ((magnitude >> 13) & 0x3ffu));
    }
    // 65520 is halfway between 65504 and 65536; the tie goes to the even 65536, which is infinity.
    if (magnitude >= 0x477ff000u)
        return sign | 0x7c00u;
    if (magnitude >= 0x38800000u) { // normal halves: rebias the exponent from 127 to 15, round 13 bits away
        const std::uint32_t rebiased = magnitude - 0x38000000u;
        std::uint32_t half = rebiased >> 13;
        const std::uint32_t rest = rebiased & 0x1fffu;
        if (rest > 0x1000u || (rest == 0x1000u && (half & 1u)))
            ++half; // a carry out of the mantissa correctly moves to the next exponent
        return static_cast<std::uint16_t>(sign | half);
    }
    // 2^-25 is halfway between 0 and the smallest subnormal half 2^-24; the tie goes to the even 0.
    if (magnitude <= 0x33000000u)
        return sign;
    // Subnormal halves count units of 2^-24.
    const std::uint32_t mantissa = (magnitude & 0x7fffffu) | 0x800000u;
    const int shift = 126 - static_cast<int>(magnitude >> 23);
    std::uint32_t half = mantissa >> shift;
    const std::uint32_t rest = mantissa & ((1u << shift) - 1u);
    const std::uint32_t halfway = 1u << (shift - 1);
    if (rest > halfway || (rest == halfway && (half & 1u)))
        ++half;
    return static_cast<std::uint16_t>(sign | half);
}

// Exact: every half is a float.
inline float halfToFloat(std::uint16_t half)
{
    const std::uint32_t sign = static_cast<std::uint32_t>(half & 0x8000u) << 16;
    const std::uint32_t exponent = (half >> 10) & 0x1fu;
    std::uint32_t mantissa = half & 0x3ffu;
    if (exponent == 0x1fu)
        return std::bit_cast<float>(sign | 0x7f800000u | (mantissa << 13));
    if (exponent != 0)
        return std::bit_cast<float>(sign | ((exponent + 112u) << 23) | (mantissa << 13));
    if (mantissa == 0)
        return std::bit_cast<float>(sign);
    // A subnormal half is a normal float: shift the leading 1 into the implicit bit.
    int shift = 0;
    while (!(mantissa & 0x400u)) {
        mantissa <<= 1;
        ++shift;
    }
    return std::bit_cast<float>(sign | static_cast<std::uint32_t>(113 - shift) << 23 | ((mantissa & 0x3ffu) << 13));
}

} // namespace parquet
