#include "core/formats/parquet/metadata.h"

#include "core/formats/parquet/thriftcompact.h"

#include <array>
#include <initializer_list>
#include <type_traits>
#include <utility>

// Field ids and requiredness follow parquet.thrift (apache/parquet-format src/main/thrift/parquet.thrift).
namespace parquet {

namespace {

struct Required {
    std::int16_t id;
    const char *name;
};

// Decodes the fields of the structs in metadata.h over a CompactReader. Each struct decoder hands readStruct a
// function of the field id that reads the fields it knows through the typed getters below (which check the
// field's wire type) and returns false for the others, which are skipped.
class Decoder {
public:
    Decoder(std::span<const std::byte> bytes, std::string context) : m_in(bytes, std::move(context)) {}

    CompactReader &in() { return m_in; }

    template <class Field>
    void readStruct(const char *name, std::initializer_list<Required> required, Field &&field)
    {
        const char *outer = std::exchange(m_struct, name);
        m_in.beginStruct();
        std::uint64_t seen = 0;
        for (m_field = m_in.readFieldHeader(); m_field.type != CompactType::Stop; m_field = m_in.readFieldHeader()) {
            const std::int16_t id = m_field.id;
            if (!field(id))
                m_in.skip(m_field.type);
            else if (id < 64)
                seen |= std::uint64_t{1} << id;
        }
        m_in.endStruct();
        for (const auto &[id, fieldName] : required)
            if (!(seen >> id & 1))
                m_in.fail(std::string(name) + " lacks required field " + fieldName);
        m_struct = outer;
    }

    bool boolean()
    {
        if (m_field.type != CompactType::True && m_field.type != CompactType::False)
            mismatch("bool");
        return m_field.type == CompactType::True;
    }
    std::int8_t i8() { expect(CompactType::I8); return m_in.readI8(); }
    std::int16_t i16() { expect(CompactType::I16); return m_in.readI16(); }
    std::int32_t i32() { expect(CompactType::I32); return m_in.readI32(); }
    std::int64_t i64() { expect(CompactType::I64); return m_in.readI64(); }
    std::string binary() { expect(CompactType::Binary); return m_in.readBinary(); }
    template <class Enum>
    Enum enumeration() { return static_cast<Enum>(i32()); }

    // A struct-valued field: `read` decodes the struct itself.
    template <class Read>
    auto structure(Read &&read)
    {
        expect(CompactType::Struct);
        return read(*this);
    }
    // A struct-valued field whose content does not matter (the empty structs of LogicalType and TimeUnit).
    void skipStructure()
    {
        expect(CompactType::Struct);
        m_in.skip(CompactType::Struct);
    }

    // A list-valued field of elements of `elementType`, each decoded by `element()`.
    template <class T, class Element>
    std::vector<T> list(CompactType elementType, Element &&element)
    {
        expect(CompactType::List);
        const auto header = m_in.readListHeader();
        if (header.size > 0 && header.elementType != elementType)
            m_in.fail(where() + " is a list of " + toString(header.elementType) + ", expected a list of "
                      + toString(elementType));
        // No reserve(): the count is not trusted, and growth is paid only for elements actually decoded.
        std::vector<T> values;
        for (std::size_t i = 0; i < header.size; ++i)
            values.push_back(element());
        return values;
    }

    // Counts, sizes and offsets: a negative one would send the reader to a wrong place or size.
    template <class Int>
    Int nonNegative(Int value)
    {
        if (value < 0)
            m_in.fail(where() + " is negative (" + std::to_string(value) + ")");
        return value;
    }

private:
    std::string where() const { return "field " + std::to_string(m_field.id) + " of " + m_struct; }

    void expect(CompactType type)
    {
        if (m_field.type != type)
            mismatch(toString(type));
    }

    [[noreturn]] void mismatch(const std::string &expected)
    {
        m_in.fail(where() + " has type " + std::to_string(static_cast<int>(m_field.type)) + " ("
                  + toString(m_field.type) + "), expected " + expected);
    }

    CompactReader m_in;
    const char *m_struct = "";
    FieldHeader m_field;
};

Statistics readStatistics(Decoder &d)
{
    Statistics s;
    d.readStruct("Statistics", {}, [&](std::int16_t id) {
        switch (id) {
        case 1: s.max = d.binary(); return true;
        case 2: s.min = d.binary(); return true;
        case 3: s.nullCount = d.i64(); return true;
        case 4: s.distinctCount = d.i64(); return true;
        case 5: s.maxValue = d.binary(); return true;
        case 6: s.minValue = d.binary(); return true;
        }
        return false;
    });
    return s;
}

KeyValue readKeyValue(Decoder &d)
{
    KeyValue kv;
    d.readStruct("KeyValue", {{1, "key"}}, [&](std::int16_t id) {
        switch (id) {
        case 1: kv.key = d.binary(); return true;
        case 2: kv.value = d.binary(); return true;
        }
        return false;
    });
    return kv;
}

std::vector<KeyValue> readKeyValues(Decoder &d)
{
    return d.list<KeyValue>(CompactType::Struct, [&] { return readKeyValue(d); });
}

// A TimeUnit union member this code does not know leaves the unit unset.
std::optional<LogicalTimeUnit> readTimeUnit(Decoder &d)
{
    std::optional<LogicalTimeUnit> unit;
    d.readStruct("TimeUnit", {}, [&](std::int16_t id) {
        if (id < 1 || id > 3) {
            unit.reset();
            return false;
        }
        d.skipStructure();
        unit = static_cast<LogicalTimeUnit>(id);
        return true;
    });
    return unit;
}

// TimeType and TimestampType have the same fields.
LogicalType readTimeType(Decoder &d, const char *name, LogicalType::Kind kind)
{
    LogicalType type;
    std::optional<LogicalTimeUnit> unit;
    d.readStruct(name, {{1, "isAdjustedToUTC"}, {2, "unit"}}, [&](std::int16_t id) {
        switch (id) {
        case 1: type.isAdjustedToUTC = d.boolean(); return true;
        case 2: unit = d.structure(readTimeUnit); return true;
        }
        return false;
    });
    type.kind = unit ? kind : LogicalType::Kind::Unrecognised;
    type.unit = unit.value_or(LogicalTimeUnit::Millis);
    return type;
}

LogicalType readDecimalType(Decoder &d)
{
    LogicalType type;
    type.kind = LogicalType::Kind::Decimal;
    d.readStruct("DecimalType", {{1, "scale"}, {2, "precision"}}, [&](std::int16_t id) {
        switch (id) {
        case 1: type.scale = d.i32(); return true;
        case 2: type.precision = d.i32(); return true;
        }
        return false;
    });
    return type;
}

LogicalType readIntType(Decoder &d)
{
    LogicalType type;
    type.kind = LogicalType::Kind::Integer;
    d.readStruct("IntType", {{1, "bitWidth"}, {2, "isSigned"}}, [&](std::int16_t id) {
        switch (id) {
        case 1: type.bitWidth = d.i8(); return true;
        case 2: type.isSigned = d.boolean(); return true;
        }
        return false;
    });
    return type;
}

// The LogicalType members that are empty structs, by field id (unset: a member with parameters, or none).
constexpr std::array<std::optional<LogicalType::Kind>, 16> emptyLogicalTypes = [] {
    using Kind = LogicalType::Kind;
    std::array<std::optional<Kind>, 16> kinds{};
    kinds[1] = Kind::String;
    kinds[2] = Kind::Map;
    kinds[3] = Kind::List;
    kinds[4] = Kind::Enum;
    kinds[6] = Kind::Date;
    kinds[11] = Kind::Unknown;
    kinds[12] = Kind::Json;
    kinds[13] = Kind::Bson;
    kinds[14] = Kind::Uuid;
    kinds[15] = Kind::Float16;
    return kinds;
}();

LogicalType readLogicalType(Decoder &d)
{
    using Kind = LogicalType::Kind;
    LogicalType type;
    type.kind = Kind::Unrecognised; // also when no member is set
    d.readStruct("LogicalType", {}, [&](std::int16_t id) {
        switch (id) {
        case 5: type = d.structure(readDecimalType); return true;
        case 7: type = d.structure([](Decoder &d) { return readTimeType(d, "TimeType", Kind::Time); }); return true;
        case 8:
            type = d.structure([](Decoder &d) { return readTimeType(d, "TimestampType", Kind::Timestamp); });
            return true;
        case 10: type = d.structure(readIntType); return true;
        }
        const bool empty = id >= 0 && id < static_cast<int>(emptyLogicalTypes.size()) && emptyLogicalTypes[id];
        if (empty)
            d.skipStructure();
        type = LogicalType{};
        type.kind = empty ? *emptyLogicalTypes[id] : Kind::Unrecognised;
        return empty;
    });
    return type;
}

SchemaElement readSchemaElement(Decoder &d)
{
    SchemaElement e;
    d.readStruct("SchemaElement", {{4, "name"}}, [&](std::int16_t id) {
        switch (id) {
        case 1: e.type = d.enumeration<Type>(); return true;
        case 2: e.typeLength = d.i32(); return true;
        case 3: e.repetitionType = d.enumeration<Repetition>(); return true;
        case 4: e.name = d.binary(); return true;
        case 5: e.numChildren = d.nonNegative(d.i32()); return true;
        case 6: e.convertedType = d.enumeration<ConvertedType>(); return true;
        case 7: e.scale = d.i32(); return true;
        case 8: e.precision = d.i32(); return true;
        case 9: e.fieldId = d.i32(); return true;
        case 10: e.logicalType = d.structure(readLogicalType); return true;
        }
        return false;
    });
    return e;
}

ColumnMetaData readColumnMetaData(Decoder &d)
{
    ColumnMetaData m;
    d.readStruct("ColumnMetaData",
                 {{1, "type"}, {2, "encodings"}, {3, "path_in_schema"}, {4, "codec"}, {5, "num_values"},
                  {6, "total_uncompressed_size"}, {7, "total_compressed_size"}, {9, "data_page_offset"}},
                 [&](std::int16_t id) {
        switch (id) {
        case 1: m.type = d.enumeration<Type>(); return true;
        case 2:
            m.encodings = d.list<Encoding>(CompactType::I32, [&] { return static_cast<Encoding>(d.in().readI32()); });
            return true;
        case 3:
            m.pathInSchema = d.list<std::string>(CompactType::Binary, [&] { return d.in().readBinary(); });
            return true;
        case 4: m.codec = d.enumeration<Codec>(); return true;
        case 5: m.numValues = d.nonNegative(d.i64()); return true;
        case 6: m.totalUncompressedSize = d.nonNegative(d.i64()); return true;
        case 7: m.totalCompressedSize = d.nonNegative(d.i64()); return true;
        case 8: m.keyValueMetadata = readKeyValues(d); return true;
        case 9: m.dataPageOffset = d.nonNegative(d.i64()); return true;
        case 10: m.indexPageOffset = d.nonNegative(d.i64()); return true;
        case 11: m.dictionaryPageOffset = d.nonNegative(d.i64()); return true;
        case 12: m.statistics = d.structure(readStatistics); return true;
        }
        return false;
    });
    return m;
}

ColumnChunk readColumnChunk(Decoder &d)
{
    ColumnChunk c;
    d.readStruct("ColumnChunk", {{2, "file_offset"}}, [&](std::int16_t id) {
        switch (id) {
        case 1: c.filePath = d.binary(); return true;
        case 2: c.fileOffset = d.i64(); return true;
        case 3: c.metaData = d.structure(readColumnMetaData); return true;
        }
        return false;
    });
    return c;
}

RowGroup readRowGroup(Decoder &d)
{
    RowGroup g;
    d.readStruct("RowGroup", {{1, "columns"}, {2, "total_byte_size"}, {3, "num_rows"}}, [&](std::int16_t id) {
        switch (id) {
        case 1: g.columns = d.list<ColumnChunk>(CompactType::Struct, [&] { return readColumnChunk(d); }); return true;
        case 2: g.totalByteSize = d.i64(); return true;
        case 3: g.numRows = d.nonNegative(d.i64()); return true;
        case 5: g.fileOffset = d.i64(); return true;
        case 6: g.totalCompressedSize = d.i64(); return true;
        case 7: g.ordinal = d.i16(); return true;
        }
        return false;
    });
    return g;
}

ColumnOrder readColumnOrder(Decoder &d)
{
    ColumnOrder order = ColumnOrder::Unrecognised;
    d.readStruct("ColumnOrder", {}, [&](std::int16_t id) {
        if (id != 1)
            return false;
        d.skipStructure();
        order = ColumnOrder::TypeDefined;
        return true;
    });
    return order;
}

FileMetaData readFileMetaData(Decoder &d)
{
    FileMetaData m;
    d.readStruct("FileMetaData", {{1, "version"}, {2, "schema"}, {3, "num_rows"}, {4, "row_groups"}},
                 [&](std::int16_t id) {
        switch (id) {
        case 1: m.version = d.i32(); return true;
        case 2:
            m.schema = d.list<SchemaElement>(CompactType::Struct, [&] { return readSchemaElement(d); });
            return true;
        case 3: m.numRows = d.nonNegative(d.i64()); return true;
        case 4: m.rowGroups = d.list<RowGroup>(CompactType::Struct, [&] { return readRowGroup(d); }); return true;
        case 5: m.keyValueMetadata = readKeyValues(d); return true;
        case 6: m.createdBy = d.binary(); return true;
        case 7:
            m.columnOrders = d.list<ColumnOrder>(CompactType::Struct, [&] { return readColumnOrder(d); });
            return true;
        }
        return false;
    });
    return m;
}

DataPageHeader readDataPageHeader(Decoder &d)
{
    DataPageHeader h;
    d.readStruct("DataPageHeader",
                 {{1, "num_values"}, {2, "encoding"}, {3, "definition_level_encoding"},
                  {4, "repetition_level_encoding"}},
                 [&](std::int16_t id) {
        switch (id) {
        case 1: h.numValues = d.nonNegative(d.i32()); return true;
        case 2: h.encoding = d.enumeration<Encoding>(); return true;
        case 3: h.definitionLevelEncoding = d.enumeration<Encoding>(); return true;
        case 4: h.repetitionLevelEncoding = d.enumeration<Encoding>(); return true;
        case 5: h.statistics = d.structure(readStatistics); return true;
        }
        return false;
    });
    return h;
}

DictionaryPageHeader readDictionaryPageHeader(Decoder &d)
{
    DictionaryPageHeader h;
    d.readStruct("DictionaryPageHeader", {{1, "num_values"}, {2, "encoding"}}, [&](std::int16_t id) {
        switch (id) {
        case 1: h.numValues = d.nonNegative(d.i32()); return true;
        case 2: h.encoding = d.enumeration<Encoding>(); return true;
        case 3: h.isSorted = d.boolean(); return true;
        }
        return false;
    });
    return h;
}

DataPageHeaderV2 readDataPageHeaderV2(Decoder &d)
{
    DataPageHeaderV2 h;
    d.readStruct("DataPageHeaderV2",
                 {{1, "num_values"}, {2, "num_nulls"}, {3, "num_rows"}, {4, "encoding"},
                  {5, "definition_levels_byte_length"}, {6, "repetition_levels_byte_length"}},
                 [&](std::int16_t id) {
        switch (id) {
        case 1: h.numValues = d.nonNegative(d.i32()); return true;
        case 2: h.numNulls = d.nonNegative(d.i32()); return true;
        case 3: h.numRows = d.nonNegative(d.i32()); return true;
        case 4: h.encoding = d.enumeration<Encoding>(); return true;
        case 5: h.definitionLevelsByteLength = d.nonNegative(d.i32()); return true;
        case 6: h.repetitionLevelsByteLength = d.nonNegative(d.i32()); return true;
        case 7: h.isCompressed = d.boolean(); return true;
        case 8: h.statistics = d.structure(readStatistics); return true;
        }
        return false;
    });
    return h;
}

PageHeader readPageHeader(Decoder &d)
{
    PageHeader h;
    d.readStruct("PageHeader", {{1, "type"}, {2, "uncompressed_page_size"}, {3, "compressed_page_size"}},
                 [&](std::int16_t id) {
        switch (id) {
        case 1: h.type = d.enumeration<PageType>(); return true;
        case 2: h.uncompressedPageSize = d.nonNegative(d.i32()); return true;
        case 3: h.compressedPageSize = d.nonNegative(d.i32()); return true;
        case 4: h.crc = d.i32(); return true;
        case 5: h.dataPageHeader = d.structure(readDataPageHeader); return true;
        case 7: h.dictionaryPageHeader = d.structure(readDictionaryPageHeader); return true;
        case 8: h.dataPageHeaderV2 = d.structure(readDataPageHeaderV2); return true;
        }
        return false;
    });
    return h;
}

// Writes the structs of metadata.h: field(id, value) writes a field of the Thrift type that matches the C++
// type of `value`, and nothing for an empty optional.
class Encoder {
public:
    std::string take() { return m_out.take(); }

    template <class Fields>
    void structure(Fields &&fields)
    {
        m_out.beginStruct();
        fields();
        m_out.endStruct();
    }
    template <class Fields>
    void structField(std::int16_t id, Fields &&fields)
    {
        header(id, CompactType::Struct);
        structure(fields);
    }

    void field(std::int16_t id, bool value) { m_out.writeBoolField(id, value); }
    void field(std::int16_t id, std::int8_t value) { header(id, CompactType::I8); m_out.writeI8(value); }
    void field(std::int16_t id, std::int16_t value) { header(id, CompactType::I16); m_out.writeI16(value); }
    void field(std::int16_t id, std::int32_t value) { header(id, CompactType::I32); m_out.writeI32(value); }
    void field(std::int16_t id, std::int64_t value) { header(id, CompactType::I64); m_out.writeI64(value); }
    void field(std::int16_t id, const std::string &value)
    {
        header(id, CompactType::Binary);
        m_out.writeBinary(value);
    }
    template <class Enum>
        requires std::is_enum_v<Enum>
    void field(std::int16_t id, Enum value)
    {
        field(id, static_cast<std::int32_t>(value));
    }
    // A struct, which encode(Encoder &, const T &) writes.
    template <class T>
        requires std::is_class_v<T>
    void field(std::int16_t id, const T &value)
    {
        header(id, CompactType::Struct);
        encode(*this, value);
    }
    template <class T>
    void field(std::int16_t id, const std::optional<T> &value)
    {
        if (value)
            field(id, *value);
    }
    template <class T>
    void field(std::int16_t id, const std::vector<T> &values)
    {
        header(id, CompactType::List);
        if constexpr (std::is_same_v<T, std::string>) {
            m_out.writeListHeader(CompactType::Binary, values.size());
            for (const auto &value : values)
                m_out.writeBinary(value);
        } else if constexpr (std::is_enum_v<T>) {
            m_out.writeListHeader(CompactType::I32, values.size());
            for (const auto value : values)
                m_out.writeI32(static_cast<std::int32_t>(value));
        } else {
            m_out.writeListHeader(CompactType::Struct, values.size());
            for (const auto &value : values)
                encode(*this, value);
        }
    }

    // A list of structs whose fields `fields(element)` writes.
    template <class T, class Fields>
    void structList(std::int16_t id, const std::vector<T> &values, Fields &&fields)
    {
        header(id, CompactType::List);
        m_out.writeListHeader(CompactType::Struct, values.size());
        for (const auto &value : values)
            structure([&] { fields(value); });
    }

private:
    void header(std::int16_t id, CompactType type) { m_out.writeFieldHeader(id, type); }

    CompactWriter m_out;
};

void encode(Encoder &e, const Statistics &s)
{
    e.structure([&] {
        e.field(1, s.max);
        e.field(2, s.min);
        e.field(3, s.nullCount);
        e.field(4, s.distinctCount);
        e.field(5, s.maxValue);
        e.field(6, s.minValue);
    });
}

void encode(Encoder &e, const KeyValue &kv)
{
    e.structure([&] {
        e.field(1, kv.key);
        e.field(2, kv.value);
    });
}

// Only a recognised kind can be written: an unrecognised one was not kept.
void encode(Encoder &e, const LogicalType &type)
{
    using Kind = LogicalType::Kind;
    e.structure([&] {
        switch (type.kind) {
        case Kind::Decimal:
            e.structField(5, [&] {
                e.field(1, type.scale);
                e.field(2, type.precision);
            });
            return;
        case Kind::Time:
        case Kind::Timestamp:
            e.structField(type.kind == Kind::Time ? 7 : 8, [&] {
                e.field(1, type.isAdjustedToUTC);
                e.structField(2, [&] { e.structField(static_cast<std::int16_t>(type.unit), [] {}); });
            });
            return;
        case Kind::Integer:
            e.structField(10, [&] {
                e.field(1, type.bitWidth);
                e.field(2, type.isSigned);
            });
            return;
        default:
            for (std::int16_t id = 0; id < static_cast<std::int16_t>(emptyLogicalTypes.size()); ++id)
                if (emptyLogicalTypes[id] == type.kind)
                    e.structField(id, [] {});
        }
    });
}

void encode(Encoder &e, const SchemaElement &element)
{
    e.structure([&] {
        e.field(1, element.type);
        e.field(2, element.typeLength);
        e.field(3, element.repetitionType);
        e.field(4, element.name);
        e.field(5, element.numChildren);
        e.field(6, element.convertedType);
        e.field(7, element.scale);
        e.field(8, element.precision);
        e.field(9, element.fieldId);
        if (element.logicalType && element.logicalType->kind != LogicalType::Kind::Unrecognised)
            e.field(10, *element.logicalType);
    });
}

void encode(Encoder &e, const ColumnMetaData &m)
{
    e.structure([&] {
        e.field(1, m.type);
        e.field(2, m.encodings);
        e.field(3, m.pathInSchema);
        e.field(4, m.codec);
        e.field(5, m.numValues);
        e.field(6, m.totalUncompressedSize);
        e.field(7, m.totalCompressedSize);
        if (!m.keyValueMetadata.empty())
            e.field(8, m.keyValueMetadata);
        e.field(9, m.dataPageOffset);
        e.field(10, m.indexPageOffset);
        e.field(11, m.dictionaryPageOffset);
        e.field(12, m.statistics);
    });
}

void encode(Encoder &e, const ColumnChunk &c)
{
    e.structure([&] {
        e.field(1, c.filePath);
        e.field(2, c.fileOffset);
        e.field(3, c.metaData);
    });
}

void encode(Encoder &e, const RowGroup &g)
{
    e.structure([&] {
        e.field(1, g.columns);
        e.field(2, g.totalByteSize);
        e.field(3, g.numRows);
        e.field(5, g.fileOffset);
        e.field(6, g.totalCompressedSize);
        e.field(7, g.ordinal);
    });
}

void encode(Encoder &e, const FileMetaData &m)
{
    e.structure([&] {
        e.field(1, m.version);
        e.field(2, m.schema);
        e.field(3, m.numRows);
        e.field(4, m.rowGroups);
        if (!m.keyValueMetadata.empty())
            e.field(5, m.keyValueMetadata);
        e.field(6, m.createdBy);
        // An unrecognised order was not kept: it is written as the empty union, which readers ignore.
        if (!m.columnOrders.empty())
            e.structList(7, m.columnOrders, [&](ColumnOrder order) {
                if (order == ColumnOrder::TypeDefined)
                    e.structField(1, [] {});
            });
    });
}

void encode(Encoder &e, const DataPageHeader &h)
{
    e.structure([&] {
        e.field(1, h.numValues);
        e.field(2, h.encoding);
        e.field(3, h.definitionLevelEncoding);
        e.field(4, h.repetitionLevelEncoding);
        e.field(5, h.statistics);
    });
}

void encode(Encoder &e, const DictionaryPageHeader &h)
{
    e.structure([&] {
        e.field(1, h.numValues);
        e.field(2, h.encoding);
        e.field(3, h.isSorted);
    });
}

void encode(Encoder &e, const DataPageHeaderV2 &h)
{
    e.structure([&] {
        e.field(1, h.numValues);
        e.field(2, h.numNulls);
        e.field(3, h.numRows);
        e.field(4, h.encoding);
        e.field(5, h.definitionLevelsByteLength);
        e.field(6, h.repetitionLevelsByteLength);
        e.field(7, h.isCompressed);
        e.field(8, h.statistics);
    });
}

void encode(Encoder &e, const PageHeader &h)
{
    e.structure([&] {
        e.field(1, h.type);
        e.field(2, h.uncompressedPageSize);
        e.field(3, h.compressedPageSize);
        e.field(4, h.crc);
        e.field(5, h.dataPageHeader);
        e.field(7, h.dictionaryPageHeader);
        e.field(8, h.dataPageHeaderV2);
    });
}

template <class T>
std::string encoded(const T &value)
{
    Encoder e;
    encode(e, value);
    return e.take();
}

std::string nameOf(std::int32_t value, std::span<const char *const> names)
{
    if (value >= 0 && static_cast<std::size_t>(value) < names.size() && names[static_cast<std::size_t>(value)])
        return names[static_cast<std::size_t>(value)];
    return "unknown (" + std::to_string(value) + ")";
}

} // namespace

FileMetaData decodeFileMetaData(std::span<const std::byte> bytes)
{
    Decoder d(bytes, "corrupt footer");
    return readFileMetaData(d);
}

PageHeader decodePageHeader(std::span<const std::byte> bytes, std::size_t &consumed)
{
    Decoder d(bytes, "corrupt page header");
    PageHeader header = readPageHeader(d);
    consumed = d.in().position();
    return header;
}

std::string encodeFileMetaData(const FileMetaData &metadata)
{
    return encoded(metadata);
}

std::string encodePageHeader(const PageHeader &header)
{
    return encoded(header);
}

std::string toString(Type type)
{
    static constexpr const char *names[] = {"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY",
                                            "FIXED_LEN_BYTE_ARRAY"};
    return nameOf(static_cast<std::int32_t>(type), names);
}

std::string toString(Encoding encoding)
{
    // 1 was GROUP_VAR_INT, never used and removed from the specification.
    static constexpr const char *names[] = {"PLAIN", nullptr, "PLAIN_DICTIONARY", "RLE", "BIT_PACKED",
                                            "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY",
                                            "RLE_DICTIONARY", "BYTE_STREAM_SPLIT"};
    return nameOf(static_cast<std::int32_t>(encoding), names);
}

std::string toString(Codec codec)
{
    static constexpr const char *names[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD",
                                            "LZ4_RAW"};
    return nameOf(static_cast<std::int32_t>(codec), names);
}

std::string toString(ConvertedType type)
{
    static constexpr const char *names[] = {
        "UTF8", "MAP", "MAP_KEY_VALUE", "LIST", "ENUM", "DECIMAL", "DATE", "TIME_MILLIS", "TIME_MICROS",
        "TIMESTAMP_MILLIS", "TIMESTAMP_MICROS", "UINT_8", "UINT_16", "UINT_32", "UINT_64", "INT_8", "INT_16",
        "INT_32", "INT_64", "JSON", "BSON", "INTERVAL"};
    return nameOf(static_cast<std::int32_t>(type), names);
}

std::string toString(PageType type)
{
    static constexpr const char *names[] = {"DATA_PAGE", "INDEX_PAGE", "DICTIONARY_PAGE", "DATA_PAGE_V2"};
    return nameOf(static_cast<std::int32_t>(type), names);
}

} // namespace parquet
