#pragma once

#include "core/error.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <utility>

// Internals shared by the RLE/bit-packing hybrid and the DELTA_* decoders: one bounds-checked byte reader
// with the specification's varints, and one unpacker of LSB-first bit-packed groups of 8 values.
namespace parquet::detail {

// Reads an encoding's bytes front to back; every failure throws core::Error prefixed with the encoding's name.
class ByteReader {
public:
    ByteReader(std::span<const std::byte> input, std::string encoding)
        : m_input(input), m_encoding(std::move(encoding))
    {
    }

    [[noreturn]] void fail(const std::string &problem) const { throw core::Error(m_encoding + ": " + problem); }

    // ULEB128; `what` names the field in the error.
    std::uint64_t varint(std::string_view what)
    {
        std::uint64_t value = 0;
        for (int shift = 0;; shift += 7) {
            if (m_position == m_input.size())
                fail("data ends inside the " + std::string(what));
            const auto byte = std::to_integer<std::uint8_t>(m_input[m_position++]);
            // The tenth byte holds only bit 63; anything above it would be silently lost.
            if (shift == 63 && byte > 1)
                fail("the " + std::string(what) + " does not fit in 64 bits");
            value |= std::uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
    }

    // Zigzag ULEB128, returned in two's complement so that callers can keep wrapping arithmetic unsigned.
    std::uint64_t zigzag(std::string_view what)
    {
        const std::uint64_t raw = varint(what);
        return (raw >> 1) ^ (0 - (raw & 1));
    }

    // Fails unless `size` more bytes remain; `what` names them in the error (a view, so that the hot paths
    // build no string unless they fail).
    void require(std::size_t size, std::string_view what) const
    {
        if (size > remaining())
            fail("data ends inside " + std::string(what) + " (" + std::to_string(size) + " bytes, " +
                 std::to_string(remaining()) + " remain)");
    }

    std::span<const std::byte> take(std::size_t size, std::string_view what)
    {
        require(size, what);
        const auto bytes = m_input.subspan(m_position, size);
        m_position += size;
        return bytes;
    }

    std::size_t position() const { return m_position; }
    std::size_t remaining() const { return m_input.size() - m_position; }
    // The unread bytes: the unpacker may read ahead into them (see unpackValues).
    std::span<const std::byte> rest() const { return m_input.subspan(m_position); }

private:
    std::span<const std::byte> m_input;
    std::string m_encoding;
    std::size_t m_position = 0;
};

// The unpackers load 8 bytes at a time little-endian; a big-endian port would need a byte swap here.
static_assert(std::endian::native == std::endian::little);

// The fast unpacker reads up to this many bytes past a group's end.
inline constexpr std::size_t kUnpackSlack = 8;

// Receives each unpacked value with the slot it belongs in: the plain unpacker stores it, the delta decoder
// folds its running sum in while the value is still in a register.
struct StoreValue {
    template <class U>
    void operator()(U &slot, U value) const
    {
        slot = value;
    }
};

template <class U, int Width, std::size_t Index, class Sink>
inline void unpackOne(const std::byte *in, U *out, Sink &sink)
{
    if constexpr (Width == 0) {
        sink(out[Index], U(0));
    } else {
        constexpr std::size_t bit = Index * Width;
        constexpr std::size_t byte = bit / 8;
        constexpr int shift = bit % 8;
        std::uint64_t word;
        std::memcpy(&word, in + byte, sizeof word);
        std::uint64_t value = word >> shift;
        if constexpr (shift + Width > 64)
            value |= std::to_integer<std::uint64_t>(in[byte + 8]) << (64 - shift);
        if constexpr (Width < 64)
            value &= (std::uint64_t(1) << Width) - 1;
        sink(out[Index], static_cast<U>(value));
    }
}

// Compile-time widths turn every offset, shift and mask into a constant: one load, shift and mask per value.
template <class U, int Width, class Sink>
void unpackGroupsFixed(const std::byte *in, std::size_t groups, U *out, Sink &sink)
{
    // A local copy: the stores to `out` could alias the caller's sink and force its state through memory.
    Sink local = sink;
    for (std::size_t group = 0; group < groups; ++group, in += Width, out += 8)
        [&]<std::size_t... Index>(std::index_sequence<Index...>) {
            (unpackOne<U, Width, Index>(in, out, local), ...);
        }(std::make_index_sequence<8>{});
    sink = local;
}

template <class U, class Sink>
using GroupUnpacker = void (*)(const std::byte *, std::size_t, U *, Sink &);

template <class U, class Sink, int... Width>
constexpr std::array<GroupUnpacker<U, Sink>, sizeof...(Width)>
makeGroupUnpackers(std::integer_sequence<int, Width...>)
{
    return {&unpackGroupsFixed<U, Width, Sink>...};
}

// Indexed by bit width, 0 to the width of U.
template <class U, class Sink>
inline constexpr auto groupUnpackers =
    makeGroupUnpackers<U, Sink>(std::make_integer_sequence<int, sizeof(U) * 8 + 1>{});

// Unpacks `count` values of `bitWidth` bits (at most the width of U), packed LSB first in groups of 8 as the
// hybrid and delta encodings do, handing each to `sink` in order. `in` must hold the
// ceil(count * bitWidth / 8) bytes of the values; bytes after them are read ahead (and ignored) when `in`
// holds them, else the tail goes through a padded copy.
template <class U, class Sink>
void unpackValues(std::span<const std::byte> in, int bitWidth, std::size_t count, U *out, Sink &sink)
{
    const auto unpack = groupUnpackers<U, Sink>[static_cast<std::size_t>(bitWidth)];
    const auto width = static_cast<std::size_t>(bitWidth);
    const std::size_t groups = count / 8;
    const std::size_t fastGroups =
        width == 0 ? groups : std::min(groups, in.size() < kUnpackSlack ? 0 : (in.size() - kUnpackSlack) / width);
    unpack(in.data(), fastGroups, out, sink);

    std::array<std::byte, 64 + kUnpackSlack> padded;
    for (std::size_t group = fastGroups; group < groups; ++group) {
        padded.fill(std::byte{0});
        std::memcpy(padded.data(), in.data() + group * width, width);
        unpack(padded.data(), 1, out + group * 8, sink);
    }
    if (const std::size_t tail = count % 8) {
        padded.fill(std::byte{0});
        std::memcpy(padded.data(), in.data() + groups * width, (tail * width + 7) / 8);
        // The sink must see only the values wanted, not the whole group.
        std::array<U, 8> values;
        StoreValue store;
        groupUnpackers<U, StoreValue>[static_cast<std::size_t>(bitWidth)](padded.data(), 1, values.data(), store);
        for (std::size_t i = 0; i < tail; ++i)
            sink(out[groups * 8 + i], values[i]);
    }
}

template <class U>
void unpackValues(std::span<const std::byte> in, int bitWidth, std::size_t count, U *out)
{
    StoreValue store;
    unpackValues(in, bitWidth, count, out, store);
}

} // namespace parquet::detail
