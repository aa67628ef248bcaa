#pragma once

#include "core/h5/filter.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace acq {

// How a recording's frame chunks are stored. Chunks are encoded here, on worker threads, and written as they
// are with H5Dwrite_chunk; the dataset's filter pipeline says how to decode them, so any HDF5 reader can.
//   None   the raw uint16 frame.
//   Blosc  the standard HDF5 blosc filter's chunk (filter 32001, a plain Blosc 1 buffer): LZ4 with
//          bit-shuffle, level 5. Macroscope reads it with its own filter (core/h5/bloscfilter); other
//          readers need the blosc plugin (Debian hdf5-filter-plugin-blosc-serial, or h5py with hdf5plugin).
//   Gzip   byte shuffle then deflate level 1 (zlib), as h5py's shuffle=True, compression="gzip".
enum class Compression { None, Blosc, Gzip };

std::string_view compressionName(Compression compression);
std::optional<Compression> parseCompression(std::string_view name);

// The dataset's filter pipeline for frames of `frameBytes` bytes.
std::vector<h5::Filter> frameFilters(Compression compression, std::size_t frameBytes);

// The most bytes encodeFrame() can produce for a frame of `frameBytes`.
std::size_t maxEncodedSize(Compression compression, std::size_t frameBytes);

// Encodes one frame of uint16 pixels into `out` (at least maxEncodedSize() bytes) and returns the encoded
// size. `scratch` must hold the frame's bytes (gzip shuffles there first). Thread-safe.
std::size_t encodeFrame(Compression compression, std::span<const std::uint16_t> frame,
                        std::span<std::uint8_t> out, std::span<std::uint8_t> scratch);

} // namespace acq
