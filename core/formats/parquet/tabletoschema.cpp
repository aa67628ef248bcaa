#include "core/formats/parquet/tabletoschema.h"

#include "core/formats/parquet/decimal.h"

#include <bit>
#include <cstdint>
#include <type_traits>

namespace parquet {

namespace {

LogicalType integerType(int bits, bool isSigned)
{
    LogicalType type;
    type.kind = LogicalType::Kind::Integer;
    type.bitWidth = static_cast<std::int8_t>(bits);
    type.isSigned = isSigned;
    return type;
}

LogicalType timeType(LogicalType::Kind kind, const h5::ColumnType &columnType)
{
    LogicalType type;
    type.kind = kind;
    type.isAdjustedToUTC = columnType.utc;
    switch (columnType.unit) {
    case h5::TimeUnit::Millis: type.unit = LogicalTimeUnit::Millis; break;
    case h5::TimeUnit::Micros: type.unit = LogicalTimeUnit::Micros; break;
    case h5::TimeUnit::Nanos: type.unit = LogicalTimeUnit::Nanos; break;
    }
    return type;
}

// The converted types TIME_* and TIMESTAMP_* mean isAdjustedToUTC = true, and have no nanosecond unit: a
// local time or timestamp has none (LogicalTypes.md, "Deprecated time ConvertedType").
std::optional<ConvertedType> legacyTimeType(const h5::ColumnType &columnType, ConvertedType millis, ConvertedType micros)
{
    if (!columnType.utc || columnType.unit == h5::TimeUnit::Nanos)
        return std::nullopt;
    return columnType.unit == h5::TimeUnit::Millis ? millis : micros;
}

template <typename T>
LeafSchema plainLeaf()
{
    LeafSchema leaf;
    SchemaElement &element = leaf.element;
    if constexpr (std::is_same_v<T, h5::Bool>) {
        element.type = Type::Boolean;
    } else if constexpr (std::is_same_v<T, std::string>) {
        element.type = Type::ByteArray;
        element.logicalType = LogicalType{.kind = LogicalType::Kind::String};
        element.convertedType = ConvertedType::Utf8;
        leaf.order = SortOrder::Bytes;
    } else if constexpr (std::is_floating_point_v<T>) {
        element.type = std::is_same_v<T, float> ? Type::Float : Type::Double;
        leaf.order = SortOrder::Float;
    } else {
        constexpr int bits = 8 * sizeof(T);
        constexpr bool isSigned = std::is_signed_v<T>;
        element.type = bits == 64 ? Type::Int64 : Type::Int32;
        element.logicalType = integerType(bits, isSigned);
        constexpr ConvertedType signedTypes[] = {ConvertedType::Int8, ConvertedType::Int16, ConvertedType::Int32,
                                                 ConvertedType::Int64};
        constexpr ConvertedType unsignedTypes[] = {ConvertedType::Uint8, ConvertedType::Uint16, ConvertedType::Uint32,
                                                   ConvertedType::Uint64};
        constexpr int index = std::bit_width(sizeof(T)) - 1;
        element.convertedType = isSigned ? signedTypes[index] : unsignedTypes[index];
        leaf.order = isSigned ? SortOrder::Signed : SortOrder::Unsigned;
    }
    return leaf;
}

// Only Plain columns need their storage type: h5::Table has checked that every other kind has the storage
// its ColumnType prescribes.
LeafSchema leafFor(const h5::Column &column)
{
    const h5::ColumnType &columnType = column.type;
    LeafSchema leaf;
    SchemaElement &element = leaf.element;
    switch (columnType.kind) {
    case h5::ColumnType::Kind::Plain:
        return std::visit([](const auto &values) { return plainLeaf<typename std::decay_t<decltype(values)>::value_type>(); },
                          column.data);
    case h5::ColumnType::Kind::Timestamp:
        element.type = Type::Int64;
        element.logicalType = timeType(LogicalType::Kind::Timestamp, columnType);
        element.convertedType = legacyTimeType(columnType, ConvertedType::TimestampMillis, ConvertedType::TimestampMicros);
        break;
    case h5::ColumnType::Kind::Date:
        element.type = Type::Int32;
        element.logicalType = LogicalType{.kind = LogicalType::Kind::Date};
        element.convertedType = ConvertedType::Date;
        break;
    case h5::ColumnType::Kind::Time:
        element.type = columnType.unit == h5::TimeUnit::Millis ? Type::Int32 : Type::Int64;
        element.logicalType = timeType(LogicalType::Kind::Time, columnType);
        element.convertedType = legacyTimeType(columnType, ConvertedType::TimeMillis, ConvertedType::TimeMicros);
        break;
    case h5::ColumnType::Kind::Decimal: {
        const int precision = columnType.precision;
        const int scale = columnType.scale;
        if (precision <= 9) {
            element.type = Type::Int32;
        } else if (precision <= 18) {
            element.type = Type::Int64;
        } else {
            element.type = Type::FixedLenByteArray;
            element.typeLength = decimalByteWidth(precision);
            leaf.order = SortOrder::DecimalBytes;
        }
        element.logicalType = LogicalType{.kind = LogicalType::Kind::Decimal, .precision = precision, .scale = scale};
        element.convertedType = ConvertedType::Decimal;
        element.precision = precision;
        element.scale = scale;
        break;
    }
    case h5::ColumnType::Kind::Binary:
        element.type = Type::ByteArray;
        leaf.order = SortOrder::Bytes;
        break;
    case h5::ColumnType::Kind::Float16:
        element.type = Type::FixedLenByteArray;
        element.typeLength = 2;
        element.logicalType = LogicalType{.kind = LogicalType::Kind::Float16};
        leaf.order = SortOrder::Float16;
        break;
    }
    return leaf;
}

} // namespace

LeafSchema leafSchemaFor(const h5::Column &column)
{
    LeafSchema leaf = leafFor(column);
    leaf.element.name = column.name;
    leaf.element.repetitionType = column.valid.empty() ? Repetition::Required : Repetition::Optional;
    return leaf;
}

} // namespace parquet
