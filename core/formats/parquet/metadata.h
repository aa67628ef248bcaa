#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

// The Parquet footer and page headers as C++ values: the Thrift structs of the Apache parquet-format
// specification (parquet.thrift), with the fields a flat reader and writer use. Field names follow the
// specification in camelCase; enums keep the specification's numbers, and a value this code does not know
// is kept as its number so that the reader can name it in an error.
namespace parquet {

enum class Type : std::int32_t {
    Boolean = 0, Int32 = 1, Int64 = 2, Int96 = 3, Float = 4, Double = 5, ByteArray = 6, FixedLenByteArray = 7
};
enum class Repetition : std::int32_t { Required = 0, Optional = 1, Repeated = 2 };
enum class ConvertedType : std::int32_t {
    Utf8 = 0, Map = 1, MapKeyValue = 2, List = 3, Enum = 4, Decimal = 5, Date = 6, TimeMillis = 7,
    TimeMicros = 8, TimestampMillis = 9, TimestampMicros = 10, Uint8 = 11, Uint16 = 12, Uint32 = 13,
    Uint64 = 14, Int8 = 15, Int16 = 16, Int32 = 17, Int64 = 18, Json = 19, Bson = 20, Interval = 21
};
enum class Encoding : std::int32_t {
    Plain = 0, PlainDictionary = 2, Rle = 3, BitPacked = 4, DeltaBinaryPacked = 5, DeltaLengthByteArray = 6,
    DeltaByteArray = 7, RleDictionary = 8, ByteStreamSplit = 9
};
enum class Codec : std::int32_t {
    Uncompressed = 0, Snappy = 1, Gzip = 2, Lzo = 3, Brotli = 4, Lz4 = 5, Zstd = 6, Lz4Raw = 7
};
enum class PageType : std::int32_t { DataPage = 0, IndexPage = 1, DictionaryPage = 2, DataPageV2 = 3 };
enum class LogicalTimeUnit : std::int32_t { Millis = 1, Micros = 2, Nanos = 3 };

// The LogicalType union. `Unknown` is the specification's UNKNOWN (always null); a union member this code
// does not know (a newer writer's type) is `Unrecognised`, and readers fall back to the physical type.
struct LogicalType {
    enum class Kind {
        String, Map, List, Enum, Decimal, Date, Time, Timestamp, Integer, Unknown, Json, Bson, Uuid, Float16,
        Unrecognised
    };
    Kind kind = Kind::String;
    std::int32_t precision = 0; // Decimal
    std::int32_t scale = 0;     // Decimal
    bool isAdjustedToUTC = false;                   // Time, Timestamp
    LogicalTimeUnit unit = LogicalTimeUnit::Millis; // Time, Timestamp
    std::int8_t bitWidth = 0;                       // Integer
    bool isSigned = true;                           // Integer

    bool operator==(const LogicalType &) const = default;
};

struct SchemaElement {
    std::optional<Type> type;
    std::optional<std::int32_t> typeLength;
    std::optional<Repetition> repetitionType;
    std::string name;
    std::optional<std::int32_t> numChildren;
    std::optional<ConvertedType> convertedType;
    std::optional<std::int32_t> scale;
    std::optional<std::int32_t> precision;
    std::optional<std::int32_t> fieldId;
    std::optional<LogicalType> logicalType;

    bool operator==(const SchemaElement &) const = default;
};

struct KeyValue {
    std::string key;
    std::optional<std::string> value;

    bool operator==(const KeyValue &) const = default;
};

// Min/max are the PLAIN encoding of the value (for BYTE_ARRAY: the bytes without length prefix).
struct Statistics {
    std::optional<std::string> max;
    std::optional<std::string> min;
    std::optional<std::int64_t> nullCount;
    std::optional<std::int64_t> distinctCount;
    std::optional<std::string> maxValue;
    std::optional<std::string> minValue;

    bool operator==(const Statistics &) const = default;
};

struct ColumnMetaData {
    Type type = Type::Int32;
    std::vector<Encoding> encodings;
    std::vector<std::string> pathInSchema;
    Codec codec = Codec::Uncompressed;
    std::int64_t numValues = 0;
    std::int64_t totalUncompressedSize = 0;
    std::int64_t totalCompressedSize = 0;
    std::vector<KeyValue> keyValueMetadata;
    std::int64_t dataPageOffset = 0;
    std::optional<std::int64_t> indexPageOffset;
    std::optional<std::int64_t> dictionaryPageOffset;
    std::optional<Statistics> statistics;

    bool operator==(const ColumnMetaData &) const = default;
};

struct ColumnChunk {
    std::optional<std::string> filePath;
    std::int64_t fileOffset = 0;
    std::optional<ColumnMetaData> metaData;

    bool operator==(const ColumnChunk &) const = default;
};

struct RowGroup {
    std::vector<ColumnChunk> columns;
    std::int64_t totalByteSize = 0;
    std::int64_t numRows = 0;
    std::optional<std::int64_t> fileOffset;
    std::optional<std::int64_t> totalCompressedSize;
    std::optional<std::int16_t> ordinal;

    bool operator==(const RowGroup &) const = default;
};

// The ColumnOrder union. TYPE_ORDER (field 1) is the only order the specification defines; a writer must set
// it for every leaf, or readers do not trust Statistics.minValue/maxValue.
enum class ColumnOrder { TypeDefined, Unrecognised };

struct FileMetaData {
    std::int32_t version = 1;
    std::vector<SchemaElement> schema; // depth-first, the root first
    std::int64_t numRows = 0;
    std::vector<RowGroup> rowGroups;
    std::vector<KeyValue> keyValueMetadata;
    std::optional<std::string> createdBy;
    std::vector<ColumnOrder> columnOrders; // field 7: empty when the file has none, else one per leaf

    bool operator==(const FileMetaData &) const = default;
};

struct DataPageHeader {
    std::int32_t numValues = 0;
    Encoding encoding = Encoding::Plain;
    Encoding definitionLevelEncoding = Encoding::Rle;
    Encoding repetitionLevelEncoding = Encoding::Rle;
    std::optional<Statistics> statistics;

    bool operator==(const DataPageHeader &) const = default;
};

struct DictionaryPageHeader {
    std::int32_t numValues = 0;
    Encoding encoding = Encoding::Plain;
    std::optional<bool> isSorted;

    bool operator==(const DictionaryPageHeader &) const = default;
};

struct DataPageHeaderV2 {
    std::int32_t numValues = 0;
    std::int32_t numNulls = 0;
    std::int32_t numRows = 0;
    Encoding encoding = Encoding::Plain;
    std::int32_t definitionLevelsByteLength = 0;
    std::int32_t repetitionLevelsByteLength = 0;
    bool isCompressed = true;
    std::optional<Statistics> statistics;

    bool operator==(const DataPageHeaderV2 &) const = default;
};

struct PageHeader {
    PageType type = PageType::DataPage;
    std::int32_t uncompressedPageSize = 0;
    std::int32_t compressedPageSize = 0;
    std::optional<std::int32_t> crc;
    std::optional<DataPageHeader> dataPageHeader;
    std::optional<DictionaryPageHeader> dictionaryPageHeader;
    std::optional<DataPageHeaderV2> dataPageHeaderV2;

    bool operator==(const PageHeader &) const = default;
};

// Decoding throws core::Error with the problem only ("corrupt footer: field 4 of SchemaElement has type
// 9, expected i32", "truncated: ..."); the reader adds the file, row group and column. Fields this code does
// not know are skipped, whatever their type. Nothing is read outside `bytes`, whatever they hold.
FileMetaData decodeFileMetaData(std::span<const std::byte> bytes);
// `consumed` receives the header's length: the page's data follows it.
PageHeader decodePageHeader(std::span<const std::byte> bytes, std::size_t &consumed);

std::string encodeFileMetaData(const FileMetaData &metadata);
std::string encodePageHeader(const PageHeader &header);

// Names as the specification spells them ("RLE_DICTIONARY", "SNAPPY", "INT96"), or "unknown (N)".
std::string toString(Type type);
std::string toString(Encoding encoding);
std::string toString(Codec codec);
std::string toString(ConvertedType type);
std::string toString(PageType type);

} // namespace parquet
