#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

// The value encodings of the Parquet specification (Encodings.md), apart from PLAIN, which the reader and
// writer do inline. Every decoder reads only inside `input` and throws core::Error naming the encoding and
// the problem ("RLE: run of 4000 values overruns the page's 100") when the input is short or inconsistent.
namespace parquet {

// The RLE / bit-packing hybrid (levels, dictionary indices, RLE booleans) without a length prefix: exactly
// `count` values of `bitWidth` (0..32) bits into `out`. Returns the bytes consumed.
// For this decoder and decodeDeltaBinaryPacked, a null `out` only checks the input (throwing what decoding
// would): the reader does so before it sizes anything by a count the file states.
std::size_t decodeRleHybrid(std::span<const std::byte> input, int bitWidth, std::size_t count, std::uint32_t *out);
// The legacy BIT_PACKED level encoding (most significant bit first). Returns the bytes consumed.
std::size_t decodeBitPackedLegacy(std::span<const std::byte> input, int bitWidth, std::size_t count,
                                  std::uint32_t *out);
// The hybrid encoding of `values` (each < 2^bitWidth), without a length prefix: RLE runs where values repeat,
// bit-packed groups of 8 elsewhere.
std::string encodeRleHybrid(std::span<const std::uint32_t> values, int bitWidth);

// DELTA_BINARY_PACKED of `count` values. Returns the bytes consumed (the next encoding's data follows, in
// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY).
std::size_t decodeDeltaBinaryPacked(std::span<const std::byte> input, std::size_t count, std::int32_t *out);
std::size_t decodeDeltaBinaryPacked(std::span<const std::byte> input, std::size_t count, std::int64_t *out);
// DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY of `count` values, appended to `out`.
std::size_t decodeDeltaLengthByteArray(std::span<const std::byte> input, std::size_t count,
                                       std::vector<std::string> &out);
std::size_t decodeDeltaByteArray(std::span<const std::byte> input, std::size_t count,
                                 std::vector<std::string> &out);
// BYTE_STREAM_SPLIT of `count` values of `width` bytes each (4 or 8 for FLOAT/DOUBLE, 4/8 for INT32/INT64,
// any for FIXED_LEN_BYTE_ARRAY): `out` receives count * width bytes in PLAIN order.
void decodeByteStreamSplit(std::span<const std::byte> input, std::size_t count, std::size_t width, std::byte *out);

// The number of bits needed for values up to `maxValue` (0 for 0).
int bitWidthFor(std::uint64_t maxValue);

} // namespace parquet
