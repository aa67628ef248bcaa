#pragma once

#include "core/formats/parquet/metadata.h"
#include "core/h5/table.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace parquet {

// One leaf column of a file's schema, as `macroscope-cli parquet schema` shows it.
struct ColumnDescription {
    std::string name;         // the dotted path for nested leaves ("a.list.element")
    Type physicalType = Type::Int32;
    std::int32_t typeLength = 0;     // FIXED_LEN_BYTE_ARRAY
    std::string logicalType;  // "STRING", "DECIMAL(10,2)", "TIMESTAMP(MICROS,UTC)", "INT(8,unsigned)", "" ...
    bool optional = false;    // the leaf's own repetition: OPTIONAL
    bool repeated = false;    // the leaf's own repetition: REPEATED
    bool nested = false;      // the leaf is repeated or inside a group: read() refuses it
    h5::ColumnType tableType; // what the column becomes in a table (meaningless for nested leaves)
};

struct ReadOptions {
    std::vector<std::string> columns; // empty: every column, in schema order; else these, in this order
    std::vector<int> rowGroups;       // empty: every row group; else these, in this order
};

// A Parquet file opened for reading. The constructor reads only the footer; read() reads only the column
// chunks of the row groups and columns asked for, so a 10 GB file is never read whole. Every error is a
// core::Error whose message names the file and, where they apply, the row group, the column and the page:
// "data.parquet: row group 2, column 'price': page 3: snappy: corrupt input".
class ParquetReader {
public:
    explicit ParquetReader(std::filesystem::path path);

    const std::filesystem::path &path() const { return m_path; }
    const FileMetaData &metadata() const { return m_metadata; }
    std::int64_t rowCount() const { return m_metadata.numRows; }
    int rowGroupCount() const { return static_cast<int>(m_metadata.rowGroups.size()); }
    // Every leaf column, nested ones included (schema shows them; read() rejects them).
    const std::vector<ColumnDescription> &columns() const { return m_columns; }
    // The file's key-value metadata ("pandas", "ARROW:schema", ...).
    std::optional<std::string> keyValue(const std::string &key) const;

    // Reads the chosen columns of the chosen row groups into one table. A nested column asked for (or any
    // nested column when `columns` is empty) fails naming it: only flat schemas are supported.
    h5::Table read(const ReadOptions &options = {});

private:
    std::filesystem::path m_path;
    std::ifstream m_file;
    std::uint64_t m_fileSize = 0;
    std::uint64_t m_dataEnd = 0; // where the footer starts: column chunks lie before it
    FileMetaData m_metadata;
    std::vector<ColumnDescription> m_columns;
};

} // namespace parquet
