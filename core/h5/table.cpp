#include "core/h5/table.h"

#include "core/error.h"
#include "core/h5/detail/call.h"
#include "core/h5/detail/handle.h"
#include "core/h5/detail/nativetype.h"
#include "core/h5/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <optional>

#include <hdf5.h>

namespace h5 {

namespace {

using Kind = ColumnType::Kind;

// Indexed by ColumnData::index(), for messages.
constexpr std::array<const char *, 12> StorageNames = {"int8",  "uint8",  "int16",   "uint16",  "int32", "uint32",
                                                       "int64", "uint64", "float32", "float64", "bool",  "string"};
static_assert(std::variant_size_v<ColumnData> == StorageNames.size());

struct KindName {
    Kind kind;
    const char *name;
};
constexpr std::array<KindName, 6> LogicalTypeNames = {{{Kind::Timestamp, "timestamp"},
                                                       {Kind::Date, "date"},
                                                       {Kind::Time, "time"},
                                                       {Kind::Decimal, "decimal"},
                                                       {Kind::Binary, "binary"},
                                                       {Kind::Float16, "float16"}}};

struct UnitName {
    TimeUnit unit;
    const char *name;
};
constexpr std::array<UnitName, 3> UnitNames = {{{TimeUnit::Millis, "ms"}, {TimeUnit::Micros, "us"}, {TimeUnit::Nanos, "ns"}}};

const char *logicalTypeName(Kind kind)
{
    for (const auto &entry : LogicalTypeNames)
        if (entry.kind == kind)
            return entry.name;
    return "plain";
}

template <class T>
bool holds(const Column &column)
{
    return std::holds_alternative<std::vector<T>>(column.data);
}

// The fields a kind does not use, reset so that two columns of the same meaning compare equal and the
// stored attributes say everything the type holds.
ColumnType canonical(const ColumnType &type)
{
    ColumnType result;
    result.kind = type.kind;
    if (type.kind == Kind::Timestamp || type.kind == Kind::Time)
        result.unit = type.unit;
    if (type.kind == Kind::Timestamp)
        result.utc = type.utc;
    if (type.kind == Kind::Decimal) {
        result.precision = type.precision;
        result.scale = type.scale;
    }
    return result;
}

// Decimal text as the header defines it: -?(0|[1-9][0-9]*)(.[0-9]{1,scale})? with at most precision - scale
// integer digits. Leading zeros are refused because the text is also emitted as a JSON number.
bool isDecimalText(std::string_view text, int precision, int scale)
{
    if (!text.empty() && text.front() == '-')
        text.remove_prefix(1);
    const std::size_t point = text.find('.');
    const std::string_view integer = text.substr(0, point);
    const std::string_view fraction = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
    const auto digits = [](std::string_view part) {
        return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (integer.empty() || !digits(integer) || (integer.size() > 1 && integer.front() == '0'))
        return false;
    if (point != std::string_view::npos && (fraction.empty() || !digits(fraction)))
        return false;
    const std::size_t integerDigits = integer == "0" ? 0 : integer.size();
    return fraction.size() <= static_cast<std::size_t>(scale) &&
           integerDigits <= static_cast<std::size_t>(precision - scale);
}

void checkDecimal(const Column &column)
{
    const auto fail = [&](const std::string &why) {
        throw core::Error("table: column '" + column.name + "': " + why);
    };
    const int precision = column.type.precision, scale = column.type.scale;
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision)
        fail("a decimal needs 1 <= precision <= 38 and 0 <= scale <= precision, not precision " +
             std::to_string(precision) + " and scale " + std::to_string(scale));
    if (precision <= 18) {
        if (!holds<std::int64_t>(column))
            fail("a decimal of precision " + std::to_string(precision) + " is stored as int64, not " +
                 StorageNames[column.data.index()]);
        std::int64_t limit = 1;
        for (int i = 0; i < precision; ++i)
            limit *= 10;
        const auto &values = std::get<std::vector<std::int64_t>>(column.data);
        for (std::size_t row = 0; row < values.size(); ++row)
            if (values[row] <= -limit || values[row] >= limit)
                fail("row " + std::to_string(row) + ": unscaled value " + std::to_string(values[row]) +
                     " has more than " + std::to_string(precision) + " digits");
        return;
    }
    if (!holds<std::string>(column))
        fail("a decimal of precision " + std::to_string(precision) + " is stored as decimal text (string), not " +
             StorageNames[column.data.index()]);
    const auto &values = std::get<std::vector<std::string>>(column.data);
    for (std::size_t row = 0; row < values.size(); ++row)
        if (!column.isNull(row) && !isDecimalText(values[row], precision, scale))
            fail("row " + std::to_string(row) + ": '" + values[row] + "' is not a decimal of precision " +
                 std::to_string(precision) + " and scale " + std::to_string(scale));
}

void checkStorage(const Column &column)
{
    const auto require = [&](bool fits, const char *storage) {
        if (!fits)
            throw core::Error("table: column '" + column.name + "': a " + logicalTypeName(column.type.kind) +
                              " column is stored as " + storage + ", not " + StorageNames[column.data.index()]);
    };
    switch (column.type.kind) {
    case Kind::Plain: return;
    case Kind::Timestamp: return require(holds<std::int64_t>(column), "int64");
    case Kind::Date: return require(holds<std::int32_t>(column), "int32");
    case Kind::Time:
        if (column.type.unit == TimeUnit::Millis)
            return require(holds<std::int32_t>(column), "int32 (milliseconds)");
        return require(holds<std::int64_t>(column), "int64 (micro- or nanoseconds)");
    case Kind::Decimal: return checkDecimal(column);
    case Kind::Binary: return require(holds<std::string>(column), "string (bytes)");
    case Kind::Float16: return require(holds<float>(column), "float32");
    }
}

} // namespace

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
    // One representation per meaning, so that tables compare equal after a round trip through any format.
    if (std::find(column.valid.begin(), column.valid.end(), std::uint8_t{0}) == column.valid.end()) {
        column.valid.clear();
    } else {
        std::visit(
            [&](auto &values) {
                for (std::size_t row = 0; row < values.size(); ++row) {
                    column.valid[row] = column.valid[row] ? 1 : 0;
                    if (!column.valid[row])
                        values[row] = {};
                }
            },
            column.data);
    }
    column.type = canonical(column.type);
    checkStorage(column);
    m_columns.push_back(std::move(column));
}

const Column *Table::find(std::string_view name) const
{
    for (const auto &column : m_columns)
        if (column.name == name)
            return &column;
    return nullptr;
}

namespace {

// IEEE half precision as h5py stores numpy's float16: sign bit 15, exponent bits 10-14 (bias 15), mantissa
// bits 0-9. HDF5 converts float32 to and from it.
DataType float16Type()
{
    const DataType type(detail::call({}, "cannot create a float16 type", [] { return H5Tcopy(H5T_IEEE_F32LE); }));
    detail::call({}, "cannot create a float16 type", [&] { return H5Tset_fields(type.id(), 15, 10, 5, 0, 10); });
    detail::call({}, "cannot create a float16 type", [&] { return H5Tset_size(type.id(), 2); });
    detail::call({}, "cannot create a float16 type", [&] { return H5Tset_ebias(type.id(), 15); });
    return type;
}

// Bytes may hold NULs, which a variable-length string would cut off: binary is a variable-length sequence
// of uint8 per row (h5py's vlen(uint8), numpy object arrays of uint8 arrays).
Dataset writeBinary(const Group &group, const std::string &path, const std::vector<std::string> &values,
                    const DatasetOptions &options)
{
    const detail::Where where{group.id(), {}, {}};
    const DataType fileType(detail::call(where, "cannot create a binary type", [] { return H5Tvlen_create(H5T_STD_U8LE); }));
    const Dataset dataset = group.createDataset(path, fileType, {values.size()}, options);
    if (values.empty())
        return dataset;
    const detail::TypeHandle memoryType(
        detail::call(where, "cannot create a binary type", [] { return H5Tvlen_create(H5T_NATIVE_UINT8); }));
    std::vector<hvl_t> sequences;
    sequences.reserve(values.size());
    for (const auto &bytes : values)
        sequences.push_back(hvl_t{bytes.size(), const_cast<char *>(bytes.data())});
    detail::call({dataset.id()}, "cannot write dataset", [&] {
        return H5Dwrite(dataset.id(), memoryType.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, sequences.data());
    });
    return dataset;
}

std::vector<std::string> readBinary(const Dataset &dataset)
{
    const detail::Where where{dataset.id(), {}, {}};
    const hsize_t rows = dataset.shape().front();
    std::vector<std::string> values;
    if (rows == 0)
        return values;
    const detail::TypeHandle memoryType(
        detail::call(where, "cannot create a binary type", [] { return H5Tvlen_create(H5T_NATIVE_UINT8); }));
    std::vector<hvl_t> sequences(rows, hvl_t{0, nullptr});
    detail::call(where, "cannot read dataset", [&] {
        return H5Dread(dataset.id(), memoryType.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, sequences.data());
    });
    // HDF5 allocated every sequence: they are freed even when copying them out throws.
    struct Reclaim {
        hid_t type;
        std::vector<hvl_t> &sequences;
        ~Reclaim()
        {
            const hsize_t count = sequences.size();
            const detail::SpaceHandle space(H5Screate_simple(1, &count, nullptr));
            detail::reclaimVariableLength(type, space.id, sequences.data());
        }
    } reclaim{memoryType.id, sequences};
    values.reserve(rows);
    for (const auto &sequence : sequences)
        values.emplace_back(static_cast<const char *>(sequence.p), sequence.len);
    return values;
}

// The values of one column (without its nulls) as a dataset at `path` under `group`.
Dataset writeValues(const Group &group, const std::string &path, const Column &column, const DatasetOptions &options)
{
    const std::uint64_t rows = column.size();
    return std::visit(
        [&](const auto &values) -> Dataset {
            using T = typename std::decay_t<decltype(values)>::value_type;
            if constexpr (std::is_same_v<T, std::string>) {
                // Filters on variable-length data would only compress heap references, and HDF5 refuses
                // them; string and binary columns stay unfiltered (seed 002: "String columns: No compression").
                DatasetOptions unfiltered = options;
                unfiltered.filters.clear();
                if (column.type.kind == Kind::Binary)
                    return writeBinary(group, path, values, unfiltered);
                const Dataset dataset = group.createDataset<T>(path, {rows}, unfiltered);
                dataset.template write<T>(values);
                return dataset;
            } else {
                const bool half = std::is_same_v<T, float> && column.type.kind == Kind::Float16;
                const Dataset dataset = group.createDataset(path, half ? float16Type() : DataType::of<T>(), {rows}, options);
                dataset.template write<T>(values);
                return dataset;
            }
        },
        column.data);
}

// anndata's names for a nullable column of each storage, "nullable-float" being ours.
const char *nullableEncoding(const ColumnData &data)
{
    if (std::holds_alternative<std::vector<Bool>>(data))
        return "nullable-boolean";
    if (std::holds_alternative<std::vector<std::string>>(data))
        return "nullable-string-array";
    if (std::holds_alternative<std::vector<float>>(data) || std::holds_alternative<std::vector<double>>(data))
        return "nullable-float";
    return "nullable-integer";
}

bool isNullableEncoding(const std::string &encoding)
{
    return encoding == "nullable-integer" || encoding == "nullable-boolean" || encoding == "nullable-string-array" ||
           encoding == "nullable-float";
}

void writeColumnType(const Attributes &attributes, const ColumnType &type)
{
    if (type.kind == Kind::Plain)
        return;
    attributes.set("logical-type", logicalTypeName(type.kind));
    if (type.kind == Kind::Timestamp || type.kind == Kind::Time)
        for (const auto &entry : UnitNames)
            if (entry.unit == type.unit)
                attributes.set("unit", entry.name);
    if (type.kind == Kind::Timestamp)
        attributes.set("utc", type.utc);
    if (type.kind == Kind::Decimal) {
        attributes.set("precision", type.precision);
        attributes.set("scale", type.scale);
    }
}

} // namespace

namespace {

// What HDF5 cannot store as the table says, found before anything is written: a column name is one link name,
// and a variable-length string ends at its first NUL byte (binary columns keep them).
void checkStorable(const Group &parent, std::string_view name, const Table &table)
{
    const auto fail = [&](const std::string &why) {
        throw Error(parent.fileName(), parent.path() + "/" + std::string(name), "cannot write table", why);
    };
    for (const auto &column : table.columns()) {
        if (column.name.empty() || column.name == "." || column.name.find('/') != std::string::npos)
            fail("column name '" + column.name + "' cannot name an HDF5 dataset (empty, '.' or holding '/')");
        const auto *strings = std::get_if<std::vector<std::string>>(&column.data);
        if (!strings || column.type.kind == ColumnType::Kind::Binary)
            continue;
        for (std::size_t row = 0; row < strings->size(); ++row)
            if ((*strings)[row].find('\0') != std::string::npos)
                fail("column '" + column.name + "', row " + std::to_string(row) +
                     ": a NUL byte, where an HDF5 string would end (a binary column keeps it)");
    }
}

} // namespace

void writeTable(const Group &parent, std::string_view name, const Table &table, const DatasetOptions &tableOptions)
{
    checkStorable(parent, name, table);
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
        if (column.nullCount() == 0) {
            writeColumnType(writeValues(group, column.name, column, options).attributes(), column.type);
        } else {
            const Group nullable = group.createGroup(column.name);
            writeValues(nullable, "values", column, options);
            std::vector<Bool> missing(column.valid.size());
            std::transform(column.valid.begin(), column.valid.end(), missing.begin(),
                           [](std::uint8_t valid) { return valid ? Bool::False : Bool::True; });
            nullable.createDataset<Bool>("mask", {rows}, options).write<Bool>(missing);
            const Attributes attributes = nullable.attributes();
            attributes.set("encoding-type", nullableEncoding(column.data));
            attributes.set("encoding-version", "0.1.0");
            writeColumnType(attributes, column.type);
        }
        order.push_back(column.name);
    }
    const Attributes attributes = group.attributes();
    attributes.set("encoding-type", "dataframe");
    attributes.set("encoding-version", "0.2.0");
    attributes.set("column-order", order);
}

namespace {

// A dataset's values, and the kind its storage alone implies (a float16 or vlen(uint8) dataset from h5py
// carries no logical-type attribute).
struct Stored {
    ColumnData data;
    Kind kind = Kind::Plain;
};

Stored readStored(const Dataset &dataset, const std::string &name)
{
    const DataType type = dataset.dataType();
    const auto fail = [&](const std::string &why) -> Stored {
        throw Error(dataset.fileName(), dataset.path(), "cannot read table column '" + name + "'", why);
    };
    if (dataset.shape().size() != 1)
        return fail("a column must be one-dimensional");
    const std::size_t size = type.size();
    switch (type.typeClass()) {
    case TypeClass::Bool:
        return {dataset.read<Bool>()};
    case TypeClass::String:
        return {dataset.read<std::string>()};
    case TypeClass::Float:
        if (size <= 4)
            return {dataset.read<float>(), size == 2 ? Kind::Float16 : Kind::Plain};
        return {dataset.read<double>()};
    case TypeClass::Integer: {
        const bool isSigned = type.isSigned();
        switch (size) {
        case 1: return {isSigned ? ColumnData(dataset.read<std::int8_t>()) : ColumnData(dataset.read<std::uint8_t>())};
        case 2: return {isSigned ? ColumnData(dataset.read<std::int16_t>()) : ColumnData(dataset.read<std::uint16_t>())};
        case 4: return {isSigned ? ColumnData(dataset.read<std::int32_t>()) : ColumnData(dataset.read<std::uint32_t>())};
        case 8: return {isSigned ? ColumnData(dataset.read<std::int64_t>()) : ColumnData(dataset.read<std::uint64_t>())};
        default: return fail("unsupported integer width");
        }
    }
    case TypeClass::VariableLength: {
        const DataType base = type.baseType();
        if (base.typeClass() == TypeClass::Integer && base.size() == 1)
            return {readBinary(dataset), Kind::Binary};
        return fail("type " + type.name() + " cannot be a table column");
    }
    default:
        return fail("type " + type.name() + " cannot be a table column");
    }
}

// The ColumnType stored as attributes of `owner` (a column's dataset or nullable group).
template <class Owner>
ColumnType readColumnType(const Owner &owner, const std::string &name, Kind implied)
{
    const Attributes attributes = owner.attributes();
    ColumnType type;
    type.kind = implied;
    if (!attributes.contains("logical-type"))
        return type;
    const auto fail = [&](const std::string &why) -> ColumnType {
        throw Error(owner.fileName(), owner.path(), "cannot read the type of table column '" + name + "'", why);
    };
    const std::string logicalType = attributes.getString("logical-type");
    const auto known = std::find_if(LogicalTypeNames.begin(), LogicalTypeNames.end(),
                                    [&](const KindName &entry) { return entry.name == logicalType; });
    if (known == LogicalTypeNames.end())
        return fail("unknown logical-type '" + logicalType + "'");
    type.kind = known->kind;
    if (type.kind == Kind::Timestamp || type.kind == Kind::Time) {
        if (!attributes.contains("unit"))
            return fail("a " + logicalType + " needs the attribute 'unit'");
        const std::string unit = attributes.getString("unit");
        const auto entry = std::find_if(UnitNames.begin(), UnitNames.end(),
                                        [&](const UnitName &candidate) { return candidate.name == unit; });
        if (entry == UnitNames.end())
            return fail("unknown unit '" + unit + "' (ms, us or ns)");
        type.unit = entry->unit;
    }
    if (type.kind == Kind::Timestamp && attributes.contains("utc")) {
        const nlohmann::json utc = attributes.get("utc");
        if (!utc.is_boolean() && !utc.is_number_integer())
            return fail("'utc' must be a bool");
        type.utc = utc.is_boolean() ? utc.get<bool>() : utc.get<std::int64_t>() != 0;
    }
    if (type.kind == Kind::Decimal) {
        if (!attributes.contains("precision"))
            return fail("a decimal needs the attribute 'precision'");
        const nlohmann::json precision = attributes.get("precision");
        const nlohmann::json scale = attributes.contains("scale") ? attributes.get("scale") : nlohmann::json(0);
        if (!precision.is_number_integer() || !scale.is_number_integer())
            return fail("'precision' and 'scale' must be integers");
        type.precision = precision.get<int>();
        type.scale = scale.get<int>();
    }
    return type;
}

// anndata's categorical: the values are categories[codes], -1 codes being null.
Column readCategorical(const Group &group, const std::string &name)
{
    const auto codes = group.dataset("codes").read<std::int64_t>();
    Stored categories = readStored(group.dataset("categories"), name);
    Column column{name, {}, std::vector<std::uint8_t>(codes.size(), 1), readColumnType(group, name, categories.kind)};
    std::visit(
        [&](const auto &levels) {
            using T = typename std::decay_t<decltype(levels)>::value_type;
            std::vector<T> values(codes.size());
            for (std::size_t row = 0; row < codes.size(); ++row) {
                if (codes[row] == -1)
                    column.valid[row] = 0;
                else if (codes[row] < 0 || static_cast<std::uint64_t>(codes[row]) >= levels.size())
                    throw Error(group.fileName(), group.path(), "cannot read table column '" + name + "'",
                                "row " + std::to_string(row) + " has code " + std::to_string(codes[row]) + " but " +
                                    std::to_string(levels.size()) + " categories");
                else
                    values[row] = levels[static_cast<std::size_t>(codes[row])];
            }
            column.data = std::move(values);
        },
        categories.data);
    return column;
}

Column readColumn(const Group &table, const std::string &name)
{
    if (table.kindOf(name) == ObjectKind::Dataset) {
        const Dataset dataset = table.dataset(name);
        Stored stored = readStored(dataset, name);
        return Column{name, std::move(stored.data), {}, readColumnType(dataset, name, stored.kind)};
    }
    if (table.kindOf(name) != ObjectKind::Group)
        throw Error(table.fileName(), table.path(), "cannot read table", "column '" + name + "' is missing");
    const Group group = table.group(name);
    const Attributes attributes = group.attributes();
    const std::string encoding = attributes.contains("encoding-type") ? attributes.getString("encoding-type") : "";
    if (encoding == "categorical")
        return readCategorical(group, name);
    if (!isNullableEncoding(encoding))
        throw Error(group.fileName(), group.path(), "cannot read table column '" + name + "'",
                    encoding.empty() ? "a group without encoding-type is not a column"
                                     : "encoding-type '" + encoding + "' is not a column");
    Stored stored = readStored(group.dataset("values"), name);
    const auto missing = group.dataset("mask").read<std::uint8_t>();
    std::vector<std::uint8_t> valid(missing.size());
    std::transform(missing.begin(), missing.end(), valid.begin(), [](std::uint8_t mask) { return mask ? 0 : 1; });
    return Column{name, std::move(stored.data), std::move(valid), readColumnType(group, name, stored.kind)};
}

bool isColumn(const Group &table, const std::string &name)
{
    switch (table.kindOf(name)) {
    case ObjectKind::Dataset: return true;
    case ObjectKind::Group: {
        const Attributes attributes = table.group(name).attributes();
        if (!attributes.contains("encoding-type"))
            return false;
        const std::string encoding = attributes.getString("encoding-type");
        return encoding == "categorical" || isNullableEncoding(encoding);
    }
    default: return false;
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
            if (isColumn(group, link.name))
                names.push_back(link.name);
    }
    Table table;
    for (const auto &name : names) {
        Column column = readColumn(group, name);
        try {
            table.addColumn(std::move(column));
        } catch (const core::Error &error) {
            throw Error(group.fileName(), group.path(), "cannot read table column '" + name + "'", error.what());
        }
    }
    return table;
}

} // namespace h5
