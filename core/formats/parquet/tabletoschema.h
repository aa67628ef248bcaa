#pragma once

#include "core/formats/parquet/metadata.h"
#include "core/h5/table.h"

// How the writer stores each table column in Parquet: its schema element and the order its statistics use.
namespace parquet {

// The specification's sort orders (LogicalTypes.md, "Sort Order"), as the writer compares a column's
// physical values for min/max statistics.
enum class SortOrder {
    Signed,       // INT32/INT64 as two's complement, BOOLEAN false < true
    Unsigned,     // INT32/INT64 holding the bit patterns of unsigned integers
    Float,        // FLOAT/DOUBLE: NaN ignored, -0.0 and +0.0 written as the zero bounds
    Bytes,        // BYTE_ARRAY: lexicographic over unsigned bytes
    DecimalBytes, // FIXED_LEN_BYTE_ARRAY DECIMAL: big-endian two's complement
    Float16,      // FIXED_LEN_BYTE_ARRAY FLOAT16: as Float
};

struct LeafSchema {
    SchemaElement element;
    SortOrder order = SortOrder::Signed;
};

// The leaf of a flat schema for `column`: REQUIRED without nulls, else OPTIONAL, with the logical type and,
// where one exists, the legacy converted type that older readers understand.
LeafSchema leafSchemaFor(const h5::Column &column);

} // namespace parquet
