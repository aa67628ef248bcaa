#include "core/formats/parquet/schematotable.h"

#include "core/error.h"

#include <string>

namespace parquet {

namespace {

// Deeper trees come only from corrupt footers; the limit keeps the recursion off the end of the stack.
constexpr int maxSchemaDepth = 64;

h5::TimeUnit toTableUnit(LogicalTimeUnit unit)
{
    switch (unit) {
    case LogicalTimeUnit::Millis: return h5::TimeUnit::Millis;
    case LogicalTimeUnit::Micros: return h5::TimeUnit::Micros;
    case LogicalTimeUnit::Nanos: break;
    }
    return h5::TimeUnit::Nanos;
}

LogicalType integer(int bitWidth, bool isSigned)
{
    LogicalType type{LogicalType::Kind::Integer};
    type.bitWidth = static_cast<std::int8_t>(bitWidth);
    type.isSigned = isSigned;
    return type;
}

LogicalType timeType(LogicalType::Kind kind, LogicalTimeUnit unit)
{
    // The specification's compatibility table: the legacy TIME_* and TIMESTAMP_* are adjusted to UTC.
    LogicalType type{kind};
    type.unit = unit;
    type.isAdjustedToUTC = true;
    return type;
}

// The leaf's logical type, from the LogicalType union or else from the legacy converted type, as the
// specification's backward-compatibility rules translate it. Empty when neither says anything usable.
std::optional<LogicalType> effectiveLogicalType(const SchemaElement &element)
{
    if (element.logicalType)
        return element.logicalType;
    if (!element.convertedType)
        return std::nullopt;
    using Kind = LogicalType::Kind;
    switch (*element.convertedType) {
    case ConvertedType::Utf8: return LogicalType{Kind::String};
    case ConvertedType::Enum: return LogicalType{Kind::Enum};
    case ConvertedType::Json: return LogicalType{Kind::Json};
    case ConvertedType::Bson: return LogicalType{Kind::Bson};
    case ConvertedType::Date: return LogicalType{Kind::Date};
    case ConvertedType::Decimal: {
        if (!element.precision)
            return std::nullopt;
        LogicalType type{Kind::Decimal};
        type.precision = *element.precision;
        type.scale = element.scale.value_or(0);
        return type;
    }
    case ConvertedType::TimeMillis: return timeType(Kind::Time, LogicalTimeUnit::Millis);
    case ConvertedType::TimeMicros: return timeType(Kind::Time, LogicalTimeUnit::Micros);
    case ConvertedType::TimestampMillis: return timeType(Kind::Timestamp, LogicalTimeUnit::Millis);
    case ConvertedType::TimestampMicros: return timeType(Kind::Timestamp, LogicalTimeUnit::Micros);
    case ConvertedType::Uint8: return integer(8, false);
    case ConvertedType::Uint16: return integer(16, false);
    case ConvertedType::Uint32: return integer(32, false);
    case ConvertedType::Uint64: return integer(64, false);
    case ConvertedType::Int8: return integer(8, true);
    case ConvertedType::Int16: return integer(16, true);
    case ConvertedType::Int32: return integer(32, true);
    case ConvertedType::Int64: return integer(64, true);
    default: return std::nullopt;
    }
}

std::string unitText(LogicalTimeUnit unit)
{
    switch (unit) {
    case LogicalTimeUnit::Millis: return "MILLIS";
    case LogicalTimeUnit::Micros: return "MICROS";
    case LogicalTimeUnit::Nanos: return "NANOS";
    }
    return "unknown (" + std::to_string(static_cast<int>(unit)) + ")";
}

std::string decimalText(int precision, int scale)
{
    return "DECIMAL(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
}

std::string logicalTypeText(const SchemaElement &element)
{
    if (!element.logicalType) {
        if (!element.convertedType)
            return {};
        if (*element.convertedType == ConvertedType::Decimal)
            return decimalText(element.precision.value_or(0), element.scale.value_or(0));
        return toString(*element.convertedType);
    }
    const LogicalType &type = *element.logicalType;
    using Kind = LogicalType::Kind;
    switch (type.kind) {
    case Kind::String: return "STRING";
    case Kind::Map: return "MAP";
    case Kind::List: return "LIST";
    case Kind::Enum: return "ENUM";
    case Kind::Decimal: return decimalText(type.precision, type.scale);
    case Kind::Date: return "DATE";
    case Kind::Time:
    case Kind::Timestamp:
        return std::string(type.kind == Kind::Time ? "TIME(" : "TIMESTAMP(") + unitText(type.unit) +
               (type.isAdjustedToUTC ? ",UTC)" : ")");
    case Kind::Integer:
        return "INT(" + std::to_string(type.bitWidth) + (type.isSigned ? ",signed)" : ",unsigned)");
    case Kind::Unknown: return "UNKNOWN";
    case Kind::Json: return "JSON";
    case Kind::Bson: return "BSON";
    case Kind::Uuid: return "UUID";
    case Kind::Float16: return "FLOAT16";
    case Kind::Unrecognised: break;
    }
    return "UNRECOGNISED";
}

struct Mapping {
    h5::ColumnType type;
    Storage storage;
};

Mapping physicalMapping(Type type)
{
    using Kind = h5::ColumnType::Kind;
    switch (type) {
    case Type::Boolean: return {{}, Storage::Bool};
    case Type::Int32: return {{}, Storage::Int32};
    case Type::Int64: return {{}, Storage::Int64};
    case Type::Int96: return {{Kind::Timestamp, h5::TimeUnit::Nanos}, Storage::Int64};
    case Type::Float: return {{}, Storage::Float};
    case Type::Double: return {{}, Storage::Double};
    case Type::ByteArray:
    case Type::FixedLenByteArray: break;
    }
    return {{Kind::Binary}, Storage::String};
}

Storage integerStorage(int bitWidth, bool isSigned)
{
    switch (bitWidth) {
    case 8: return isSigned ? Storage::Int8 : Storage::UInt8;
    case 16: return isSigned ? Storage::Int16 : Storage::UInt16;
    case 32: return isSigned ? Storage::Int32 : Storage::UInt32;
    default: return isSigned ? Storage::Int64 : Storage::UInt64;
    }
}

// The table column a leaf becomes. An annotation that does not fit the physical type (INT(64) on INT32, a
// DECIMAL without a valid precision or wider than 38 digits, TIMESTAMP on INT32 ...) is ignored, like
// UNKNOWN and the union members this code does not know: the column is read as its physical type.
Mapping tableMapping(const SchemaElement &element, Type physical)
{
    const std::optional<LogicalType> logical = effectiveLogicalType(element);
    if (!logical)
        return physicalMapping(physical);
    using Kind = h5::ColumnType::Kind;
    const bool int32 = physical == Type::Int32, int64 = physical == Type::Int64;
    switch (logical->kind) {
    case LogicalType::Kind::String:
    case LogicalType::Kind::Enum:
    case LogicalType::Kind::Json:
        if (physical == Type::ByteArray)
            return {{}, Storage::String};
        break;
    case LogicalType::Kind::Decimal:
        // 38 digits: what 128 bits hold, the widest decimal the reader converts.
        if ((int32 || int64 || physical == Type::ByteArray || physical == Type::FixedLenByteArray) &&
            logical->precision >= 1 && logical->precision <= 38 && logical->scale >= 0 &&
            logical->scale <= logical->precision) {
            h5::ColumnType type{Kind::Decimal};
            type.precision = logical->precision;
            type.scale = logical->scale;
            return {type, logical->precision <= 18 ? Storage::Int64 : Storage::String};
        }
        break;
    case LogicalType::Kind::Date:
        if (int32)
            return {{Kind::Date}, Storage::Int32};
        break;
    case LogicalType::Kind::Time:
        if ((int32 && logical->unit == LogicalTimeUnit::Millis) ||
            (int64 && (logical->unit == LogicalTimeUnit::Micros || logical->unit == LogicalTimeUnit::Nanos)))
            return {{Kind::Time, toTableUnit(logical->unit), logical->isAdjustedToUTC},
                    int32 ? Storage::Int32 : Storage::Int64};
        break;
    case LogicalType::Kind::Timestamp:
        if (int64 && logical->unit >= LogicalTimeUnit::Millis && logical->unit <= LogicalTimeUnit::Nanos)
            return {{Kind::Timestamp, toTableUnit(logical->unit), logical->isAdjustedToUTC}, Storage::Int64};
        break;
    case LogicalType::Kind::Integer:
        if ((int32 && (logical->bitWidth == 8 || logical->bitWidth == 16 || logical->bitWidth == 32)) ||
            (int64 && logical->bitWidth == 64))
            return {{}, integerStorage(logical->bitWidth, logical->isSigned)};
        break;
    case LogicalType::Kind::Float16:
        if (physical == Type::FixedLenByteArray && element.typeLength == 2)
            return {{Kind::Float16}, Storage::Float};
        break;
    default:
        break;
    }
    return physicalMapping(physical);
}

class SchemaWalk {
public:
    explicit SchemaWalk(const std::vector<SchemaElement> &schema) : m_schema(schema) {}

    std::vector<SchemaLeaf> leaves()
    {
        if (m_schema.empty())
            throw core::Error("schema: the schema has no root");
        children(m_schema.front().numChildren.value_or(0), {}, false, 1);
        if (m_next != m_schema.size())
            throw core::Error("schema: " + std::to_string(m_schema.size() - m_next) +
                              " elements follow the last column");
        return std::move(m_leaves);
    }

private:
    void children(std::int32_t count, const std::string &parent, bool insideGroup, int depth)
    {
        if (count < 0)
            throw core::Error("schema: group '" + (parent.empty() ? m_schema.front().name : parent) + "' has " +
                              std::to_string(count) + " children");
        for (std::int32_t child = 0; child < count; ++child) {
            if (m_next >= m_schema.size())
                throw core::Error("schema: the schema ends inside group '" +
                                  (parent.empty() ? m_schema.front().name : parent) + "'");
            const SchemaElement &element = m_schema[m_next++];
            const std::string name = parent.empty() ? element.name : parent + "." + element.name;
            if (element.numChildren.value_or(0) > 0 || (element.numChildren && !element.type)) {
                if (depth >= maxSchemaDepth)
                    throw core::Error("schema: groups nested deeper than " + std::to_string(maxSchemaDepth) +
                                      " levels at '" + name + "'");
                children(*element.numChildren, name, true, depth + 1);
            } else {
                leaf(element, name, insideGroup);
            }
        }
    }

    void leaf(const SchemaElement &element, const std::string &name, bool insideGroup)
    {
        if (!element.type)
            throw core::Error("schema: column '" + name + "' has no physical type");
        const Type physical = *element.type;
        if (static_cast<std::int32_t>(physical) < 0 || physical > Type::FixedLenByteArray)
            throw core::Error("schema: column '" + name + "' has physical type " + toString(physical));
        ColumnDescription description;
        description.name = name;
        description.physicalType = physical;
        if (physical == Type::FixedLenByteArray) {
            if (!element.typeLength || *element.typeLength < 0)
                throw core::Error("schema: FIXED_LEN_BYTE_ARRAY column '" + name + "' has no valid type_length");
            description.typeLength = *element.typeLength;
        }
        description.logicalType = logicalTypeText(element);
        description.optional = element.repetitionType == Repetition::Optional;
        description.repeated = element.repetitionType == Repetition::Repeated;
        description.nested = insideGroup || element.repetitionType == Repetition::Repeated;
        const Mapping mapping = tableMapping(element, physical);
        description.tableType = mapping.type;
        m_leaves.push_back({std::move(description), mapping.storage});
    }

    const std::vector<SchemaElement> &m_schema;
    std::size_t m_next = 1;
    std::vector<SchemaLeaf> m_leaves;
};

} // namespace

std::vector<SchemaLeaf> schemaLeaves(const std::vector<SchemaElement> &schema)
{
    return SchemaWalk(schema).leaves();
}

} // namespace parquet
