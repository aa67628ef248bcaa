#pragma once

#include "core/formats/parquet/metadata.h"

#include <cstddef>
#include <span>
#include <string>

namespace parquet {

// Decompresses one page. `uncompressedSize` is the page header's size: a result of any other size, or data
// the codec rejects, throws core::Error naming the codec and the problem. GZIP input may hold several
// concatenated gzip members; LZ4 accepts both the Hadoop framing (big-endian sizes before each block) that
// parquet-mr writes and a bare LZ4 block (older parquet-cpp). LZO is not supported (named in the error).
std::string decompress(Codec codec, std::span<const std::byte> input, std::size_t uncompressedSize);

// Compresses one page with UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW or BROTLI. `level` 0 = the codec's
// default.
std::string compress(Codec codec, std::span<const std::byte> input, int level = 0);

} // namespace parquet
