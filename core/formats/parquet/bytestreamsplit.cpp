#include "core/formats/parquet/encodings.h"

#include "core/error.h"

#include <limits>

namespace parquet {

namespace {

// Inlined into each case below, so that the common widths get constant strides the compiler can unroll.
[[gnu::always_inline]] inline void interleave(const std::byte *in, std::size_t count, std::size_t width,
                                              std::byte *out)
{
    for (std::size_t i = 0; i < count; ++i)
        for (std::size_t stream = 0; stream < width; ++stream)
            out[i * width + stream] = in[stream * count + i];
}

} // namespace

void decodeByteStreamSplit(std::span<const std::byte> input, std::size_t count, std::size_t width, std::byte *out)
{
    // The streams end where the page ends, so the size must match exactly.
    if ((width != 0 && count > std::numeric_limits<std::size_t>::max() / width) || input.size() != count * width)
        throw core::Error("BYTE_STREAM_SPLIT: " + std::to_string(input.size()) + " bytes are not " +
                          std::to_string(count) + " values of " + std::to_string(width) + " bytes");
    switch (width) {
    case 2:
        return interleave(input.data(), count, 2, out);
    case 4:
        return interleave(input.data(), count, 4, out);
    case 8:
        return interleave(input.data(), count, 8, out);
    default:
        return interleave(input.data(), count, width, out);
    }
}

} // namespace parquet
