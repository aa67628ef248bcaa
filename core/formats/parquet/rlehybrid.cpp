#include "core/formats/parquet/encodings.h"

#include "core/formats/parquet/bitunpack.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <limits>
#include <numeric>

namespace parquet {

namespace {

void checkBitWidth(const char *encoding, int bitWidth)
{
    if (bitWidth < 0 || bitWidth > 32)
        throw core::Error(std::string(encoding) + ": bit width " + std::to_string(bitWidth) + " is outside 0..32");
}

// The specification caps run lengths at 2^31 - 1 so that readers can hold them in a signed 32-bit integer.
constexpr std::size_t kMaxRunLength = std::numeric_limits<std::int32_t>::max();

void appendVarint(std::string &out, std::uint64_t value)
{
    for (; value >= 0x80; value >>= 7)
        out += static_cast<char>(value | 0x80);
    out += static_cast<char>(value);
}

// Packs values LSB first, padding the last group of 8 with zeros.
void appendBitPacked(std::string &out, std::span<const std::uint32_t> values, int bitWidth)
{
    const std::size_t groups = (values.size() + 7) / 8;
    std::uint64_t buffer = 0;
    int buffered = 0;
    for (std::size_t i = 0; i < groups * 8; ++i) {
        buffer |= std::uint64_t(i < values.size() ? values[i] : 0) << buffered;
        for (buffered += bitWidth; buffered >= 8; buffered -= 8, buffer >>= 8)
            out += static_cast<char>(buffer & 0xff);
    }
}

} // namespace

// A null `out` only walks the runs, throwing what decoding would: callers check that the input holds `count`
// values before they size anything by it, at a step per run rather than per value.
std::size_t decodeRleHybrid(std::span<const std::byte> input, int bitWidth, std::size_t count, std::uint32_t *out)
{
    checkBitWidth("RLE", bitWidth);
    detail::ByteReader reader(input, "RLE");
    const auto width = static_cast<std::size_t>(bitWidth);
    const std::size_t valueBytes = (width + 7) / 8;
    std::size_t done = 0;
    while (done < count) {
        const std::uint64_t header = reader.varint("run header");
        const std::size_t wanted = count - done;
        if (header & 1) {
            const std::uint64_t groups = header >> 1;
            // The last group may be padded past `count`, and some writers drop the padding's bytes: only the
            // values this call needs must be present.
            const std::size_t used = groups > wanted / 8 ? wanted : static_cast<std::size_t>(groups) * 8;
            reader.require((used * width + 7) / 8, "a bit-packed run");
            if (out)
                detail::unpackValues(reader.rest(), bitWidth, used, out + done);
            const std::size_t runBytes =
                width == 0 || groups <= reader.remaining() / width ? groups * width : reader.remaining();
            reader.take(runBytes, "a bit-packed run");
            done += used;
        } else {
            const std::uint64_t length = header >> 1;
            std::uint32_t value = 0;
            const auto bytes = reader.take(valueBytes, "the run value");
            for (std::size_t i = 0; i < valueBytes; ++i)
                value |= std::to_integer<std::uint32_t>(bytes[i]) << (8 * i);
            if (width < 32 && value >> width)
                reader.fail("run value " + std::to_string(value) + " does not fit in " + std::to_string(width) +
                            " bits");
            const std::size_t used = std::min<std::uint64_t>(length, wanted);
            if (out)
                std::fill_n(out + done, used, value);
            done += used;
        }
    }
    return reader.position();
}

std::size_t decodeBitPackedLegacy(std::span<const std::byte> input, int bitWidth, std::size_t count,
                                  std::uint32_t *out)
{
    checkBitWidth("BIT_PACKED", bitWidth);
    detail::ByteReader reader(input, "BIT_PACKED");
    const auto width = static_cast<std::size_t>(bitWidth);
    if (width != 0 && count > (std::numeric_limits<std::size_t>::max() - 7) / width)
        reader.fail(std::to_string(count) + " values are too many");
    const auto bytes = reader.take((count * width + 7) / 8, std::to_string(count) + " values");
    // Most significant bit first: bytes enter the buffer from the right, values leave from its top.
    std::uint64_t buffer = 0;
    std::size_t buffered = 0;
    std::size_t next = 0;
    const std::uint64_t mask = (std::uint64_t(1) << width) - 1;
    for (std::size_t i = 0; i < count; ++i) {
        for (; buffered < width; buffered += 8)
            buffer = buffer << 8 | std::to_integer<std::uint64_t>(bytes[next++]);
        buffered -= width;
        out[i] = static_cast<std::uint32_t>((buffer >> buffered) & mask);
    }
    return reader.position();
}

std::string encodeRleHybrid(std::span<const std::uint32_t> values, int bitWidth)
{
    checkBitWidth("RLE", bitWidth);
    const std::uint32_t all = std::accumulate(values.begin(), values.end(), std::uint32_t(0), std::bit_or<>());
    if (bitWidth < 32 && all >> bitWidth)
        throw core::Error("RLE: a value needs more than " + std::to_string(bitWidth) + " bits");

    std::string out;
    // Enough for all values bit-packed; runs only make it shorter, but for their headers.
    out.reserve((values.size() + 7) / 8 * static_cast<std::size_t>(bitWidth) + 16);
    const std::size_t valueBytes = (static_cast<std::size_t>(bitWidth) + 7) / 8;
    // Literal groups wait here until a run (or the end) closes them, so that one header covers them all.
    std::size_t literalStart = 0;
    std::size_t literalCount = 0;
    const auto flushLiterals = [&] {
        for (std::size_t start = literalStart; literalCount > 0;) {
            const std::size_t count = std::min(literalCount, kMaxRunLength / 8 * 8);
            appendVarint(out, (count + 7) / 8 << 1 | 1);
            appendBitPacked(out, values.subspan(start, count), bitWidth);
            start += count;
            literalCount -= count;
        }
    };

    // Runs are looked for at group boundaries only: a run of 8 or more starting there becomes an RLE run,
    // anything else joins the literal groups (parquet-cpp's RleEncoder makes the same choice). Zero-width
    // values are always one run, the shape every reader expects of a single-entry dictionary's indices.
    for (std::size_t i = 0; i < values.size();) {
        std::size_t run = 1;
        while (i + run < values.size() && values[i + run] == values[i])
            ++run;
        if (run >= 8 || bitWidth == 0) {
            flushLiterals();
            for (std::size_t left = run; left > 0;) {
                const std::size_t length = std::min(left, kMaxRunLength);
                appendVarint(out, std::uint64_t(length) << 1);
                for (std::size_t b = 0; b < valueBytes; ++b)
                    out += static_cast<char>(values[i] >> (8 * b) & 0xff);
                left -= length;
            }
            i += run;
            literalStart = i;
        } else {
            const std::size_t group = std::min<std::size_t>(8, values.size() - i);
            literalCount += group;
            i += group;
        }
    }
    flushLiterals();
    return out;
}

int bitWidthFor(std::uint64_t maxValue)
{
    return std::bit_width(maxValue);
}

} // namespace parquet
