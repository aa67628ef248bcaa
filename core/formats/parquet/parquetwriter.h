#pragma once

#include "core/formats/parquet/metadata.h"
#include "core/h5/table.h"

#include <cstddef>
#include <filesystem>
#include <vector>

namespace parquet {

struct WriteOptions {
    Codec codec = Codec::Snappy; // UNCOMPRESSED, SNAPPY, GZIP, ZSTD (also LZ4_RAW, BROTLI)
    int compressionLevel = 0;    // 0: the codec's default
    std::size_t rowGroupRows = 1'000'000;
    std::size_t pageBytes = 1 << 20; // a data page is closed once its values reach this size
    // Dictionary-encode each column chunk (RLE_DICTIONARY) and fall back to PLAIN when the dictionary
    // grows past `dictionaryBytes`, as parquet-cpp and parquet-mr do.
    bool dictionary = true;
    std::size_t dictionaryBytes = 1 << 20;
    bool statistics = true; // min/max/null count per column chunk and page
    std::vector<KeyValue> keyValueMetadata;
};

// Writes `table` as a Parquet file (format version 2.6 logical types, data page v1), atomically: the file
// appears complete or not at all (files::AtomicFile). Every ColumnType maps to the logical type pandas,
// pyarrow and DuckDB read back as the same values (docs/formats.md "Parquet"). Errors are core::Error naming
// the file and the problem.
void writeParquet(const std::filesystem::path &path, const h5::Table &table, const WriteOptions &options = {});

// The same, into memory (the bytes of a whole file).
std::string writeParquetBytes(const h5::Table &table, const WriteOptions &options = {});

} // namespace parquet
