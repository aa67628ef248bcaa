#include "core/h5/table.h"

#include "core/error.h"
#include "core/h5/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include <hdf5.h>

namespace h5 {

std::size_t Column::size() const
{
    return std::visit([](const auto &values) { return values.size(); }, data);
}

std::size_t Column::nullCount() const
{
    return valid.empty() ? 0 : static_cast<std::size_t>(std::count(valid.begin(), valid.end(), std::uint8_t{0}));
}

void Table::addColumn(std::string name, ColumnData data, std::vector<std::uint8_t> valid, ColumnType type)
{
    addColumn(Column{std::move(name), std::move(data), std::move(valid), type});
}

void Table::addColumn(Column column)
{
    if (!column.valid.empty() && column.valid.size() != column.size())
        throw core::Error("table: column '" + column.name + "' has " + std::to_string(column.size()) +
                          " values but " + std::to_string(column.valid.size()) + " validity entries");
    if (find(column.name))
        throw core::Error("table: duplicate column '" + column.name + "'");
    if (!m_columns.empty() && column.size() != rowCount())
        throw core::Error("table: column '" + column.name + "' has " + std::to_string(column.size()) +
                          " rows, the table has " + std::to_string(rowCount()));
    m_columns.push_back(std::move(column));
}

const Column *Table::find(std::string_view name) const
{
    for (const auto &column : m_columns)
        if (column.name == name)
            return &column;
    return nullptr;
}

void writeTable(const Group &parent, std::string_view name, const Table &table, const DatasetOptions &tableOptions)
{
    const Group group = parent.createGroup(name);
    const auto rows = static_cast<std::uint64_t>(table.rowCount());
    DatasetOptions options = tableOptions;
    if (rows == 0 || !options.chunk.empty()) {
        // A chunk may not be larger than a fixed-size dataset, nor may a chunk extent be zero.
        if (rows == 0) {
            options.chunk.clear();
            options.filters.clear();
        } else {
            options.chunk = {std::min<std::uint64_t>(options.chunk.front(), rows)};
        }
    }
    nlohmann::json order = nlohmann::json::array();
    for (const auto &column : table.columns()) {
        std::visit(
            [&](const auto &values) {
                using T = typename std::decay_t<decltype(values)>::value_type;
                // Filters on variable-length strings would only compress heap references, and HDF5 refuses
                // them; string columns stay unfiltered (seed 002: "String columns: No compression").
                DatasetOptions columnOptions = options;
                if constexpr (std::is_same_v<T, std::string>)
                    columnOptions.filters.clear();
                group.createDataset<T>(column.name, {rows}, columnOptions).template write<T>(values);
            },
            column.data);
        order.push_back(column.name);
    }
    const Attributes attributes = group.attributes();
    attributes.set("encoding-type", "dataframe");
    attributes.set("encoding-version", "0.2.0");
    attributes.set("column-order", order);
}

namespace {

ColumnData readColumn(const Dataset &dataset, const std::string &name)
{
    const DataType type = dataset.dataType();
    const auto fail = [&](const std::string &why) -> ColumnData {
        throw Error(dataset.fileName(), dataset.path(), "cannot read table column '" + name + "'", why);
    };
    if (dataset.shape().size() != 1)
        return fail("a column must be one-dimensional");
    const std::size_t size = type.size();
    switch (type.typeClass()) {
    case TypeClass::Bool:
        return dataset.read<Bool>();
    case TypeClass::String:
        return dataset.read<std::string>();
    case TypeClass::Float:
        if (size <= 4)
            return dataset.read<float>();
        return dataset.read<double>();
    case TypeClass::Integer: {
        const bool isSigned = H5Tget_sign(type.id()) != H5T_SGN_NONE;
        switch (size) {
        case 1: return isSigned ? ColumnData(dataset.read<std::int8_t>()) : ColumnData(dataset.read<std::uint8_t>());
        case 2: return isSigned ? ColumnData(dataset.read<std::int16_t>()) : ColumnData(dataset.read<std::uint16_t>());
        case 4: return isSigned ? ColumnData(dataset.read<std::int32_t>()) : ColumnData(dataset.read<std::uint32_t>());
        case 8: return isSigned ? ColumnData(dataset.read<std::int64_t>()) : ColumnData(dataset.read<std::uint64_t>());
        default: return fail("unsupported integer width");
        }
    }
    default:
        return fail("type " + type.name() + " cannot be a table column");
    }
}

} // namespace

Table readTable(const Group &group)
{
    std::vector<std::string> names;
    const Attributes attributes = group.attributes();
    if (attributes.contains("column-order")) {
        const nlohmann::json order = attributes.get("column-order");
        if (order.is_array())
            for (const auto &name : order)
                names.push_back(name.get<std::string>());
        else if (order.is_string()) // anndata writes a single column's order as a scalar string
            names.push_back(order.get<std::string>());
    } else {
        for (const auto &link : group.links())
            if (group.kindOf(link.name) == ObjectKind::Dataset)
                names.push_back(link.name);
    }
    Table table;
    for (const auto &name : names) {
        if (group.kindOf(name) != ObjectKind::Dataset)
            throw Error(group.fileName(), group.path(), "cannot read table", "column '" + name + "' is missing");
        table.addColumn(name, readColumn(group.dataset(name), name));
    }
    return table;
}

} // namespace h5
