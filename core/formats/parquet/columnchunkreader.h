#pragma once

#include "core/formats/parquet/schematotable.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace parquet {

// What the footer says of a column chunk, as far as decoding its pages goes.
struct ChunkInfo {
    Codec codec = Codec::Uncompressed;
    std::int64_t rows = 0;             // of its row group: a flat column has a value (or a null) per row
    std::int64_t uncompressedSize = 0; // total_uncompressed_size: no page decompresses to more
    // The chunk's last `slack` bytes lie past its stated size (see chunkSizeSlack): pages are read from them
    // only while rows are missing.
    std::size_t slack = 0;
};

// Decodes the column chunks of one flat (required or optional) column, row group after row group, straight
// into the vector of a table column.
class ColumnChunkReader {
public:
    virtual ~ColumnChunkReader() = default;

    // Appends the rows of one column chunk. `chunk` holds its pages as the file stores them, from the first
    // page (dictionary or data) to the chunk's total_compressed_size. Throws core::Error with the problem,
    // prefixed "page N: " when it lies in a page (pages count from 0, the dictionary page included).
    virtual void appendChunk(std::span<const std::byte> chunk, const ChunkInfo &info) = 0;

    // The column read so far, named `name`. Called once, after the last chunk.
    virtual h5::Column finish(std::string name) = 0;
};

// A reader for `leaf`, which must not be nested; `expectedRows` is reserved up front.
std::unique_ptr<ColumnChunkReader> makeColumnChunkReader(const SchemaLeaf &leaf, std::size_t expectedRows);

} // namespace parquet
