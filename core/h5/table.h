#pragma once

#include "core/h5/dataset.h"
#include "core/h5/group.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace h5 {

using ColumnData = std::variant<std::vector<std::int8_t>, std::vector<std::uint8_t>, std::vector<std::int16_t>,
                                std::vector<std::uint16_t>, std::vector<std::int32_t>, std::vector<std::uint32_t>,
                                std::vector<std::int64_t>, std::vector<std::uint64_t>, std::vector<float>,
                                std::vector<double>, std::vector<Bool>, std::vector<std::string>>;

enum class TimeUnit { Millis, Micros, Nanos };

// What a column's stored values mean beyond their C++ type: the logical types Parquet, Arrow and pandas
// users know. The storage each kind uses:
//   Plain      any ColumnData alternative, taken at face value
//   Timestamp  int64: `unit`s since 1970-01-01T00:00:00; `utc` = an instant (Arrow's tz="UTC"), else a
//              wall-clock time without zone
//   Date       int32: days since 1970-01-01
//   Time       int32 (Millis) or int64 (Micros, Nanos): `unit`s since midnight
//   Decimal    int64 unscaled value (value = unscaled * 10^-scale) when precision <= 18, else std::string
//              holding the exact decimal text ("-1234.5678")
//   Binary     std::string holding arbitrary bytes (not text)
//   Float16    float (IEEE half precision where it is stored, widened in memory)
struct ColumnType {
    enum class Kind { Plain, Timestamp, Date, Time, Decimal, Binary, Float16 };
    Kind kind = Kind::Plain;
    TimeUnit unit = TimeUnit::Micros;
    bool utc = false;
    int precision = 0;
    int scale = 0;

    static ColumnType timestamp(TimeUnit unit = TimeUnit::Micros, bool utc = false)
    {
        return {Kind::Timestamp, unit, utc};
    }
    static ColumnType date() { return {Kind::Date}; }
    static ColumnType time(TimeUnit unit) { return {Kind::Time, unit}; }
    static ColumnType decimal(int precision, int scale) { return {Kind::Decimal, TimeUnit::Micros, false, precision, scale}; }
    static ColumnType binary() { return {Kind::Binary}; }
    static ColumnType float16() { return {Kind::Float16}; }

    bool operator==(const ColumnType &) const = default;
};

struct Column {
    std::string name;
    ColumnData data;
    // Empty when no row is null; otherwise one entry per row, 0 where the row is null. A null row's slot in
    // `data` holds a default value (0, false or "").
    std::vector<std::uint8_t> valid;
    ColumnType type;

    std::size_t size() const;
    bool isNull(std::size_t row) const { return !valid.empty() && !valid[row]; }
    std::size_t nullCount() const;
    bool operator==(const Column &) const = default;
};

// Named, typed columns of equal length in a fixed order: the table type shared by the HDF5, Parquet and TSV
// code. Stored as a group with one dataset per column (the layout pandas/anndata users know), see
// docs/formats.md.
class Table {
public:
    // Throws core::Error naming the column when the name is taken, the length differs from the existing
    // columns, `valid` is neither empty nor one entry per row, or the storage does not fit `type` (see
    // ColumnType; a Decimal's values must also fit its precision and scale, its text being
    // -?(0|[1-9][0-9]*)(.[0-9]+)?). The column is stored in one form per meaning, so that tables compare
    // equal after any round trip: `valid` emptied when no row is null (else entries 0 or 1), null rows'
    // values reset to the default, and the ColumnType fields its kind does not use reset to theirs.
    void addColumn(std::string name, ColumnData data, std::vector<std::uint8_t> valid = {}, ColumnType type = {});
    void addColumn(Column column);

    const std::vector<Column> &columns() const { return m_columns; }
    const Column *find(std::string_view name) const;
    std::size_t rowCount() const { return m_columns.empty() ? 0 : m_columns.front().size(); }

    bool operator==(const Table &) const = default;

private:
    std::vector<Column> m_columns;
};

// Writes `table` as the new group `name` under `parent`: one 1-D dataset per column, with the group
// attributes encoding-type = "dataframe", encoding-version = "0.2.0" and column-order = the column names.
// A column with nulls is a group {values, mask} (anndata's nullable-integer / nullable-boolean /
// nullable-string-array, and nullable-float for floats); a column whose type is not Plain carries its
// ColumnType as attributes. Binary is stored as variable-length sequences of uint8 (a variable-length string
// would end at the first NUL), Float16 as IEEE half precision (docs/formats.md "Tables").
// `columnOptions` applies to every column (chunking and compression); empty columns are never chunked.
void writeTable(const Group &parent, std::string_view name, const Table &table, const DatasetOptions &columnOptions = {});

// Reads a table group: columns in `column-order` when present, else in creation order, else by name.
// Besides what writeTable writes it reads anndata's categorical columns (codes + categories) as columns of
// the categories' type, null where the code is -1, and takes a float16 dataset as Float16 and a vlen(uint8)
// one as Binary even without a logical-type attribute.
// Datasets that are not 1-D, or whose types the table cannot hold, fail with an error naming them.
Table readTable(const Group &group);

} // namespace h5
