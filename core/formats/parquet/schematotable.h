#pragma once

#include "core/formats/parquet/parquetreader.h"

#include <vector>

// How the leaves of a Parquet schema become table columns (docs/formats.md "Parquet").
namespace parquet {

// The ColumnData alternative a leaf's values are stored in.
enum class Storage { Bool, Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float, Double, String };

struct SchemaLeaf {
    ColumnDescription description;
    Storage storage = Storage::Int32;
};

// Every leaf of `schema` (depth-first, the root first, as FileMetaData holds it), in schema order. Throws
// core::Error with the problem only ("schema: ...") when the element tree is inconsistent, a leaf has no
// or an unknown physical type, or a FIXED_LEN_BYTE_ARRAY has no length.
std::vector<SchemaLeaf> schemaLeaves(const std::vector<SchemaElement> &schema);

} // namespace parquet
