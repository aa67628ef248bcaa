#include "core/formats/parquet/encodings.h"

#include "core/formats/parquet/bitunpack.h"

#include <limits>
#include <string_view>
#include <type_traits>

namespace parquet {

namespace {

// parquet-mr reads the block size into an int; anything larger is damage, and the cap keeps
// miniblock size * bit width far from overflow.
constexpr std::uint64_t kMaxBlockSize = std::numeric_limits<std::int32_t>::max();

// Turns unpacked deltas into values as they are unpacked.
template <class U>
struct RunningSum {
    U last;
    U minDelta;
    void operator()(U &slot, U delta)
    {
        last += minDelta + delta;
        slot = last;
    }
};

// A DELTA_BYTE_ARRAY value may repeat all of the previous one, so a small page can stand for any amount of
// data: like Arrow, refuse a page whose values add up to more than a page may hold (2 GiB).
constexpr std::uint64_t kMaxDecodedBytes = std::numeric_limits<std::int32_t>::max();

// A null `out` only walks the blocks and miniblocks, throwing what decoding would: callers check that the
// input holds `count` values before they size anything by it, at a step per miniblock rather than per value.
template <class T>
std::size_t decodeDelta(std::span<const std::byte> input, std::size_t count, T *out, const std::string &encoding)
{
    // The specification makes overflow wrap in two's complement: unsigned arithmetic does exactly that.
    using U = std::make_unsigned_t<T>;
    constexpr int maxWidth = sizeof(T) * 8;
    // Writers put a header even before no values, but a page of nulls may hand over no bytes at all.
    if (count == 0 && input.empty())
        return 0;
    detail::ByteReader reader(input, encoding);
    const std::uint64_t blockSize = reader.varint("block size");
    const std::uint64_t miniblocks = reader.varint("miniblock count");
    const std::uint64_t total = reader.varint("value count");
    const auto first = static_cast<U>(reader.zigzag("first value"));
    // The specification asks for blocks of a multiple of 128 values and miniblocks of a multiple of 32, yet
    // its own examples use blocks of 8; whole groups of 8 are all the unpacking needs.
    if (blockSize == 0 || blockSize > kMaxBlockSize || miniblocks == 0 || blockSize % miniblocks != 0 ||
        blockSize / miniblocks % 8 != 0)
        reader.fail("blocks of " + std::to_string(blockSize) + " values in " + std::to_string(miniblocks) +
                    " miniblocks are invalid");
    if (total != count)
        reader.fail("holds " + std::to_string(total) + " values, " + std::to_string(count) + " expected");
    if (count == 0)
        return reader.position();

    const std::size_t miniblockSize = blockSize / miniblocks;
    if (out)
        out[0] = static_cast<T>(first);
    RunningSum<U> sum{first, 0};
    std::vector<std::uint64_t> wide;
    // Signed and unsigned views of one integer may alias.
    U *values = reinterpret_cast<U *>(out);
    for (std::size_t done = 1; done < count;) {
        sum.minDelta = static_cast<U>(reader.zigzag("minimum delta"));
        const auto widths = reader.take(miniblocks, "the miniblocks' bit widths");
        // Miniblocks past the last value have no bytes, and their widths may be garbage.
        for (std::size_t miniblock = 0; miniblock < miniblocks && done < count; ++miniblock) {
            const int width = std::to_integer<int>(widths[miniblock]);
            if (width > 64)
                reader.fail("miniblock bit width " + std::to_string(width) + " exceeds 64");
            const auto rest = reader.rest();
            reader.take(miniblockSize * static_cast<std::size_t>(width) / 8, "a miniblock");
            const std::size_t used = std::min(miniblockSize, count - done);
            if (out && width <= maxWidth) {
                detail::unpackValues(rest, width, used, values + done, sum);
            } else if (out) {
                // INT32 deltas that overflow 32 bits come as 33- to 64-bit miniblocks from DuckDB and parquet-mr
                // (PARQUET-2435); under wrapping arithmetic only their low bits count.
                wide.resize(used);
                detail::unpackValues(rest, width, used, wide.data());
                for (std::size_t i = 0; i < used; ++i)
                    sum(values[done + i], static_cast<U>(wide[i]));
            }
            done += used;
        }
    }
    return reader.position();
}

// DELTA_LENGTH_BYTE_ARRAY's layout: `count` lengths, then the values' bytes back to back.
struct LengthsAndBytes {
    std::vector<std::int32_t> lengths;
    std::span<const std::byte> bytes;
    std::size_t consumed;
};

// `count` values of DELTA_BINARY_PACKED, allocated only once the input is known to hold them.
std::vector<std::int32_t> decodeCounted(std::span<const std::byte> input, std::size_t count,
                                        const std::string &encoding, std::size_t &consumed)
{
    decodeDelta(input, count, static_cast<std::int32_t *>(nullptr), encoding);
    std::vector<std::int32_t> values(count);
    consumed = decodeDelta(input, count, values.data(), encoding);
    return values;
}

LengthsAndBytes readLengthsAndBytes(std::span<const std::byte> input, std::size_t count, const std::string &encoding)
{
    std::size_t lengthBytes = 0;
    std::vector<std::int32_t> lengths = decodeCounted(input, count, encoding + " lengths", lengthBytes);
    std::uint64_t total = 0;
    for (const std::int32_t length : lengths) {
        if (length < 0)
            throw core::Error(encoding + ": negative length " + std::to_string(length));
        total += static_cast<std::uint64_t>(length);
    }
    const std::size_t remaining = input.size() - lengthBytes;
    if (total > remaining)
        throw core::Error(encoding + ": " + std::to_string(count) + " values need " + std::to_string(total) +
                          " bytes, " + std::to_string(remaining) + " remain");
    return {std::move(lengths), input.subspan(lengthBytes, total), lengthBytes + total};
}

std::string_view view(std::span<const std::byte> bytes)
{
    return {reinterpret_cast<const char *>(bytes.data()), bytes.size()};
}

} // namespace

std::size_t decodeDeltaBinaryPacked(std::span<const std::byte> input, std::size_t count, std::int32_t *out)
{
    return decodeDelta(input, count, out, "DELTA_BINARY_PACKED");
}

std::size_t decodeDeltaBinaryPacked(std::span<const std::byte> input, std::size_t count, std::int64_t *out)
{
    return decodeDelta(input, count, out, "DELTA_BINARY_PACKED");
}

std::size_t decodeDeltaLengthByteArray(std::span<const std::byte> input, std::size_t count,
                                       std::vector<std::string> &out)
{
    const auto [lengths, bytes, consumed] = readLengthsAndBytes(input, count, "DELTA_LENGTH_BYTE_ARRAY");
    out.reserve(out.size() + count);
    std::size_t offset = 0;
    for (const std::int32_t length : lengths) {
        out.emplace_back(view(bytes.subspan(offset, static_cast<std::size_t>(length))));
        offset += static_cast<std::size_t>(length);
    }
    return consumed;
}

std::size_t decodeDeltaByteArray(std::span<const std::byte> input, std::size_t count, std::vector<std::string> &out)
{
    std::size_t prefixBytes = 0;
    const std::vector<std::int32_t> prefixes =
        decodeCounted(input, count, "DELTA_BYTE_ARRAY prefix lengths", prefixBytes);
    const auto [suffixes, bytes, consumed] =
        readLengthsAndBytes(input.subspan(prefixBytes), count, "DELTA_BYTE_ARRAY suffixes");
    // The values' sizes follow from the lengths alone: checked before any value is built.
    std::uint64_t previous = 0, total = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (prefixes[i] < 0 || static_cast<std::uint64_t>(prefixes[i]) > previous)
            throw core::Error("DELTA_BYTE_ARRAY: value " + std::to_string(i) + " takes a prefix of " +
                              std::to_string(prefixes[i]) + " bytes from a previous value of " +
                              std::to_string(previous));
        previous = static_cast<std::uint64_t>(prefixes[i]) + static_cast<std::uint64_t>(suffixes[i]);
        total += previous;
        if (total > kMaxDecodedBytes)
            throw core::Error("DELTA_BYTE_ARRAY: " + std::to_string(i + 1) + " of the page's " + std::to_string(count) +
                              " values already take more than " + std::to_string(kMaxDecodedBytes) +
                              " bytes, the most a page may hold");
    }
    // Reserved up front, so that the previous value stays in place while the next one is appended.
    const std::size_t first = out.size();
    out.reserve(first + count);
    std::size_t offset = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string_view previous = i == 0 ? std::string_view() : std::string_view(out[first + i - 1]);
        const auto prefix = static_cast<std::size_t>(prefixes[i]);
        const auto suffix = view(bytes.subspan(offset, static_cast<std::size_t>(suffixes[i])));
        offset += suffix.size();
        std::string value;
        value.reserve(prefix + suffix.size());
        value.append(previous.substr(0, prefix)).append(suffix);
        out.push_back(std::move(value));
    }
    return prefixBytes + consumed;
}

} // namespace parquet
