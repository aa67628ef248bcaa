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

struct Column {
    std::string name;
    ColumnData data;

    std::size_t size() const;
    bool operator==(const Column &) const = default;
};

// Named, typed columns of equal length in a fixed order: the table type shared by the HDF5, Parquet and TSV
// code. Stored as a group with one dataset per column (the layout pandas/anndata users know), see
// docs/formats.md.
class Table {
public:
    // Throws core::Error when the name is taken or the length differs from the existing columns.
    void addColumn(std::string name, ColumnData data);

    const std::vector<Column> &columns() const { return m_columns; }
    const Column *find(std::string_view name) const;
    std::size_t rowCount() const { return m_columns.empty() ? 0 : m_columns.front().size(); }

    bool operator==(const Table &) const = default;

private:
    std::vector<Column> m_columns;
};

// Writes `table` as the new group `name` under `parent`: one 1-D dataset per column, with the group
// attributes encoding-type = "dataframe", encoding-version = "0.2.0" and column-order = the column names.
// `columnOptions` applies to every column (chunking and compression); empty columns are never chunked.
void writeTable(const Group &parent, std::string_view name, const Table &table, const DatasetOptions &columnOptions = {});

// Reads a table group: columns in `column-order` when present, else in creation order, else by name.
// Datasets that are not 1-D, or whose types the table cannot hold, fail with an error naming them.
Table readTable(const Group &group);

} // namespace h5
