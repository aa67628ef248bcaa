#include "core/acquisition/framecompression.h"

#include "core/error.h"

#include <blosc.h>
#include <zlib.h>

#include <cstring>
#include <string>

namespace acq {

namespace {

constexpr int BloscFilterId = 32001;
constexpr unsigned BloscFilterVersion = 2; // FILTER_BLOSC_VERSION of the HDF5 blosc filter
constexpr int BloscLevel = 5;
constexpr int DeflateLevel = 1; // the fastest: a recording must keep up with the camera

} // namespace

std::string_view compressionName(Compression compression)
{
    switch (compression) {
    case Compression::None: return "none";
    case Compression::Blosc: return "blosc";
    case Compression::Gzip: return "gzip";
    }
    return "none";
}

std::optional<Compression> parseCompression(std::string_view name)
{
    for (Compression c : {Compression::None, Compression::Blosc, Compression::Gzip})
        if (compressionName(c) == name)
            return c;
    return std::nullopt;
}

std::vector<h5::Filter> frameFilters(Compression compression, std::size_t frameBytes)
{
    switch (compression) {
    case Compression::None:
        return {};
    case Compression::Blosc:
        // cd_values as the filter's set_local fills them: filter version, Blosc format version, type size,
        // chunk bytes, then the level, the shuffle and the compressor, which decoding reads from the chunk.
        return {h5::Filter{BloscFilterId,
                           {BloscFilterVersion, BLOSC_VERSION_FORMAT, sizeof(std::uint16_t),
                            static_cast<unsigned>(frameBytes), BloscLevel, BLOSC_BITSHUFFLE, BLOSC_LZ4}}};
    case Compression::Gzip:
        return {h5::Filter::shuffle(), h5::Filter::deflate(DeflateLevel)};
    }
    return {};
}

std::size_t maxEncodedSize(Compression compression, std::size_t frameBytes)
{
    switch (compression) {
    case Compression::None: return frameBytes;
    case Compression::Blosc: return frameBytes + BLOSC_MAX_OVERHEAD;
    case Compression::Gzip: return compressBound(static_cast<uLong>(frameBytes));
    }
    return frameBytes;
}

std::size_t encodeFrame(Compression compression, std::span<const std::uint16_t> frame,
                        std::span<std::uint8_t> out, std::span<std::uint8_t> scratch)
{
    const std::size_t bytes = frame.size_bytes();
    if (out.size() < maxEncodedSize(compression, bytes))
        throw core::Error("frame encoding: output buffer too small");
    switch (compression) {
    case Compression::None:
        std::memcpy(out.data(), frame.data(), bytes);
        return bytes;
    case Compression::Blosc: {
        // The context variant keeps no global state, so worker threads may encode at the same time.
        const int size = blosc_compress_ctx(BloscLevel, BLOSC_BITSHUFFLE, sizeof(std::uint16_t), bytes,
                                            frame.data(), out.data(), out.size(), BLOSC_LZ4_COMPNAME, 0, 1);
        if (size <= 0)
            throw core::Error("frame encoding: blosc failed (" + std::to_string(size) + ")");
        return static_cast<std::size_t>(size);
    }
    case Compression::Gzip: {
        if (scratch.size() < bytes)
            throw core::Error("frame encoding: scratch buffer too small");
        // HDF5's shuffle filter: all low bytes of the elements, then all high bytes.
        const auto *source = reinterpret_cast<const std::uint8_t *>(frame.data());
        const std::size_t count = frame.size();
        for (std::size_t i = 0; i < count; ++i) {
            scratch[i] = source[2 * i];
            scratch[count + i] = source[2 * i + 1];
        }
        uLongf size = static_cast<uLongf>(out.size());
        if (compress2(out.data(), &size, scratch.data(), static_cast<uLong>(bytes), DeflateLevel) != Z_OK)
            throw core::Error("frame encoding: deflate failed");
        return size;
    }
    }
    return 0;
}

} // namespace acq
