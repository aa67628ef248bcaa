#include "core/error.h"
#include "core/formats/parquet/metadata.h"
#include "core/formats/parquet/thriftcompact.h"
#include "tests/support/errorof.h"

#include <nlohmann/json.hpp>

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtTest/QTest>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <set>

using namespace parquet;
using Kind = LogicalType::Kind;

class tst_ParquetMetadata : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void corpusFooterMatchesIndex_data();
    void corpusFooterMatchesIndex();
    void corpusFieldsTheIndexDoesNotList();
    void unknownLogicalTypeIsUnrecognised();
    void badDataFootersFailCleanly();

    void richMetadataRoundTrips();
    void pageHeadersRoundTrip();
    void newerLogicalTypesAreUnrecognised();
    void compactValuesRoundTrip();

    void unknownFieldsOfEveryTypeAreSkipped();
    void missingDataPageV2IsCompressedMeansCompressed();
    void missingRequiredFieldIsNamed();
    void wrongFieldTypeIsNamed();
    void corruptLengthsCountsAndNestingAreRejected();
    void everyTruncationFails();
    void randomCorruptionsFailCleanly();

    void wideFooterDecodesQuickly();
};

namespace {

const QString corpusDir = QStringLiteral(MACROSCOPE_SHARED_DATA_DIR "/parquet");

std::span<const std::byte> bytesOf(const std::string &s)
{
    return std::as_bytes(std::span(s.data(), s.size()));
}

std::string readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The footer of a Parquet file: the `length` bytes before the 4-byte little-endian length and "PAR1". Empty if
// the file does not end like a Parquet file.
std::string footerOf(const std::string &file)
{
    if (file.size() < 12 || file.compare(file.size() - 4, 4, "PAR1") != 0)
        return {};
    std::uint32_t length = 0;
    for (int i = 3; i >= 0; --i)
        length = length << 8 | static_cast<unsigned char>(file[file.size() - 8 + static_cast<std::size_t>(i)]);
    if (length > file.size() - 12)
        return {};
    return file.substr(file.size() - 8 - length, length);
}

std::string footerOfCorpusFile(const char *name)
{
    return footerOf(readFile((corpusDir + "/data/" + name).toStdString()));
}

// The offset of a column chunk's first page, as readers find it: a dictionary page offset of 0 means none
// (dict-page-offset-zero.parquet has one).
std::int64_t firstPageOffset(const ColumnMetaData &column)
{
    if (column.dictionaryPageOffset && *column.dictionaryPageOffset > 0
        && *column.dictionaryPageOffset < column.dataPageOffset)
        return *column.dictionaryPageOffset;
    return column.dataPageOffset;
}

// The logical type as pyarrow names it in the corpus index.
std::string nameOf(Kind kind)
{
    static const std::map<Kind, std::string> names = {
        {Kind::String, "STRING"}, {Kind::Map, "MAP"}, {Kind::List, "LIST"}, {Kind::Enum, "ENUM"},
        {Kind::Decimal, "DECIMAL"}, {Kind::Date, "DATE"}, {Kind::Time, "TIME"}, {Kind::Timestamp, "TIMESTAMP"},
        {Kind::Integer, "INTEGER"}, {Kind::Unknown, "NULL"}, {Kind::Json, "JSON"}, {Kind::Bson, "BSON"},
        {Kind::Uuid, "UUID"}, {Kind::Float16, "FLOAT16"}};
    return names.at(kind);
}

QStringList sorted(const std::set<std::string> &values)
{
    QStringList list;
    for (const auto &value : values)
        list << QString::fromStdString(value);
    return list;
}

QStringList sortedJson(const nlohmann::json &values)
{
    std::set<std::string> set;
    for (const auto &value : values)
        set.insert(value.get<std::string>());
    return sorted(set);
}

Statistics sampleStatistics(int seed)
{
    Statistics s;
    s.max = std::string("\xff\x00max", 5) + std::to_string(seed);
    s.min = std::string("\x00min", 4);
    s.nullCount = std::numeric_limits<std::int64_t>::max() - seed;
    s.distinctCount = 0;
    s.maxValue = std::string(300, 'M'); // longer than one varint byte of length
    s.minValue = std::string();
    return s;
}

LogicalType logical(Kind kind)
{
    LogicalType type;
    type.kind = kind;
    return type;
}

// A footer with every field of metadata.h set, every logical type and more than 14 of each list (the long
// list header).
FileMetaData richMetadata()
{
    FileMetaData m;
    m.version = 2;
    m.numRows = std::numeric_limits<std::int64_t>::max();
    m.createdBy = "macroscope test (build ünïcode)";
    m.columnOrders = {ColumnOrder::TypeDefined, ColumnOrder::TypeDefined};
    m.keyValueMetadata = {{"pandas", std::string("{\"x\":1}")}, {"no value", std::nullopt}, {"", std::string()}};

    SchemaElement root;
    root.name = "schema";
    m.schema.push_back(root);

    std::vector<LogicalType> logicals;
    for (Kind kind : {Kind::String, Kind::Map, Kind::List, Kind::Enum, Kind::Date, Kind::Unknown, Kind::Json,
                      Kind::Bson, Kind::Uuid, Kind::Float16})
        logicals.push_back(logical(kind));
    auto decimal = logical(Kind::Decimal);
    decimal.precision = 38;
    decimal.scale = 9;
    logicals.push_back(decimal);
    for (Kind kind : {Kind::Time, Kind::Timestamp})
        for (auto unit : {LogicalTimeUnit::Millis, LogicalTimeUnit::Micros, LogicalTimeUnit::Nanos})
            for (bool utc : {false, true}) {
                auto type = logical(kind);
                type.unit = unit;
                type.isAdjustedToUTC = utc;
                logicals.push_back(type);
            }
    for (std::int8_t bits : {8, 16, 32, 64})
        for (bool isSigned : {false, true}) {
            auto type = logical(Kind::Integer);
            type.bitWidth = bits;
            type.isSigned = isSigned;
            logicals.push_back(type);
        }

    const int columns = static_cast<int>(logicals.size()) + 2;
    m.schema[0].numChildren = columns;
    for (int i = 0; i < columns; ++i) {
        SchemaElement e;
        e.name = "column " + std::to_string(i);
        e.type = static_cast<Type>(i % 8);
        e.typeLength = i == 0 ? -1 : i * 1000;
        e.repetitionType = static_cast<Repetition>(i % 3);
        e.convertedType = static_cast<ConvertedType>(i % 22);
        e.scale = -i;
        e.precision = i;
        e.fieldId = i == 1 ? std::numeric_limits<std::int32_t>::min() : std::numeric_limits<std::int32_t>::max() - i;
        if (i < static_cast<int>(logicals.size()))
            e.logicalType = logicals[static_cast<std::size_t>(i)];
        m.schema.push_back(e);
    }

    for (int g = 0; g < 3; ++g) {
        RowGroup group;
        group.totalByteSize = -1; // not a size a reader uses: kept as written
        group.numRows = g * 1'000'000'000'000LL;
        group.fileOffset = 4;
        group.totalCompressedSize = 1LL << 40;
        group.ordinal = static_cast<std::int16_t>(g == 2 ? std::numeric_limits<std::int16_t>::min() : g);
        for (int i = 0; i < columns; ++i) {
            ColumnChunk chunk;
            chunk.fileOffset = -7;
            if (i == 1)
                chunk.filePath = "elsewhere.parquet";
            if (i != 2) {
                ColumnMetaData meta;
                meta.type = static_cast<Type>(i % 8);
                meta.encodings = {Encoding::Plain, Encoding::RleDictionary, Encoding::Rle, static_cast<Encoding>(42)};
                meta.pathInSchema = {"column " + std::to_string(i)};
                if (i == 3)
                    for (int k = 0; k < 20; ++k)
                        meta.pathInSchema.push_back("level " + std::to_string(k));
                meta.codec = static_cast<Codec>(i % 8);
                meta.numValues = i;
                meta.totalUncompressedSize = 100 + i;
                meta.totalCompressedSize = 50 + i;
                if (i % 2)
                    meta.keyValueMetadata = {{"k", std::string("v")}};
                meta.dataPageOffset = 4 + 1000LL * i;
                if (i % 3 == 0)
                    meta.indexPageOffset = 0;
                if (i % 4 == 0)
                    meta.dictionaryPageOffset = 4;
                if (i % 5)
                    meta.statistics = sampleStatistics(i);
                chunk.metaData = meta;
            }
            group.columns.push_back(chunk);
        }
        m.rowGroups.push_back(group);
    }
    return m;
}

std::vector<PageHeader> samplePageHeaders()
{
    PageHeader data;
    data.type = PageType::DataPage;
    data.uncompressedPageSize = 1 << 20;
    data.compressedPageSize = 12345;
    data.crc = -123456789;
    data.dataPageHeader = DataPageHeader{100000, Encoding::RleDictionary, Encoding::Rle, Encoding::BitPacked,
                                         sampleStatistics(1)};

    PageHeader dictionary;
    dictionary.type = PageType::DictionaryPage;
    dictionary.uncompressedPageSize = 0;
    dictionary.compressedPageSize = 0;
    dictionary.dictionaryPageHeader = DictionaryPageHeader{7, Encoding::PlainDictionary, true};

    PageHeader unsorted = dictionary;
    unsorted.dictionaryPageHeader = DictionaryPageHeader{7, Encoding::Plain, false};

    PageHeader v2;
    v2.type = PageType::DataPageV2;
    v2.uncompressedPageSize = std::numeric_limits<std::int32_t>::max();
    v2.compressedPageSize = 1;
    v2.dataPageHeaderV2 = DataPageHeaderV2{10, 3, 9, Encoding::DeltaBinaryPacked, 4, 0, false, sampleStatistics(2)};

    PageHeader v2Compressed = v2;
    v2Compressed.dataPageHeaderV2->isCompressed = true;
    v2Compressed.dataPageHeaderV2->statistics.reset();

    PageHeader index;
    index.type = PageType::IndexPage;

    return {data, dictionary, unsorted, v2, v2Compressed, index};
}

// Writes a field of every compact type with ids from `firstId` on (and one long-form id), none of which the
// struct being written knows.
void writeUnknownFields(CompactWriter &w, std::int16_t firstId)
{
    std::int16_t id = firstId;
    w.writeBoolField(id++, true);
    w.writeBoolField(id++, false);
    w.writeFieldHeader(id++, CompactType::I8);
    w.writeI8(-5);
    w.writeFieldHeader(id++, CompactType::I16);
    w.writeI16(-300);
    w.writeFieldHeader(id++, CompactType::I32);
    w.writeI32(std::numeric_limits<std::int32_t>::min());
    w.writeFieldHeader(id++, CompactType::I64);
    w.writeI64(std::numeric_limits<std::int64_t>::min());
    w.writeFieldHeader(id++, CompactType::Double);
    w.writeDouble(3.25);
    w.writeFieldHeader(id++, CompactType::Binary);
    w.writeBinary(std::string(200, '\0'));
    w.writeFieldHeader(id++, CompactType::List);
    w.writeListHeader(CompactType::I32, 20);
    for (int i = 0; i < 20; ++i)
        w.writeI32(i * 1000);
    w.writeFieldHeader(id++, CompactType::List);
    w.writeListHeader(CompactType::False, 3); // bools: the specification's element type
    for (bool b : {true, false, true})
        w.writeBool(b);
    w.writeFieldHeader(id++, CompactType::Set);
    w.writeListHeader(CompactType::Binary, 2);
    w.writeBinary("a");
    w.writeBinary("bc");
    w.writeFieldHeader(id++, CompactType::Map);
    w.writeMapHeader(CompactType::I32, CompactType::Struct, 2);
    for (int i = 0; i < 2; ++i) {
        w.writeI32(i);
        w.beginStruct();
        w.writeFieldHeader(1, CompactType::Binary);
        w.writeBinary("inner");
        w.endStruct();
    }
    w.writeFieldHeader(id++, CompactType::Map);
    w.writeMapHeader(CompactType::Binary, CompactType::I64, 0);
    w.writeFieldHeader(id++, CompactType::Uuid);
    for (int i = 0; i < 16; ++i)
        w.writeI8(static_cast<std::int8_t>(i));
    // A struct holding what a newer writer might nest: a list of structs with maps of lists, and bool fields.
    w.writeFieldHeader(id++, CompactType::Struct);
    w.beginStruct();
    w.writeBoolField(1, true);
    w.writeFieldHeader(2, CompactType::List);
    w.writeListHeader(CompactType::Struct, 2);
    for (int i = 0; i < 2; ++i) {
        w.beginStruct();
        w.writeFieldHeader(30, CompactType::Map);
        w.writeMapHeader(CompactType::Binary, CompactType::List, 1);
        w.writeBinary("key");
        w.writeListHeader(CompactType::Double, 1);
        w.writeDouble(-0.0);
        w.writeBoolField(31, false);
        w.endStruct();
    }
    w.endStruct();
    w.writeFieldHeader(1000, CompactType::Binary);
    w.writeBinary("far id");
}

// The bytes of a FileMetaData with a one-column schema and no row groups, written field by field so that a
// test can leave fields out or insert others: `extra(w, struct)` is called in FileMetaData and in the leaf
// SchemaElement before their last field.
template <class Extra>
std::string handWrittenFooter(Extra &&extra, bool withNumRows = true)
{
    CompactWriter w;
    w.beginStruct();
    w.writeFieldHeader(1, CompactType::I32);
    w.writeI32(1);
    w.writeFieldHeader(2, CompactType::List);
    w.writeListHeader(CompactType::Struct, 2);
    w.beginStruct();
    w.writeFieldHeader(4, CompactType::Binary);
    w.writeBinary("schema");
    w.writeFieldHeader(5, CompactType::I32);
    w.writeI32(1);
    w.endStruct();
    w.beginStruct();
    w.writeFieldHeader(1, CompactType::I32);
    w.writeI32(static_cast<std::int32_t>(Type::Double));
    extra(w, "SchemaElement");
    w.writeFieldHeader(4, CompactType::Binary);
    w.writeBinary("x");
    w.endStruct();
    if (withNumRows) {
        w.writeFieldHeader(3, CompactType::I64);
        w.writeI64(7);
    }
    w.writeFieldHeader(4, CompactType::List);
    w.writeListHeader(CompactType::Struct, 0);
    extra(w, "FileMetaData");
    w.writeFieldHeader(6, CompactType::Binary);
    w.writeBinary("hand");
    w.endStruct();
    return w.take();
}

FileMetaData handWrittenExpected()
{
    FileMetaData m;
    m.version = 1;
    SchemaElement root;
    root.name = "schema";
    root.numChildren = 1;
    SchemaElement leaf;
    leaf.name = "x";
    leaf.type = Type::Double;
    m.schema = {root, leaf};
    m.numRows = 7;
    m.createdBy = "hand";
    return m;
}

void noExtra(CompactWriter &, const char *) {}

// A FileMetaData whose first field is `id` of `type`, its value the `raw` bytes, followed by the struct's end.
std::string footerStartingWith(std::int16_t id, CompactType type, const std::string &raw)
{
    CompactWriter w;
    w.beginStruct();
    w.writeFieldHeader(id, type);
    return w.take() + raw + std::string(1, '\0');
}

// Every decode of `bytes` either succeeds or throws core::Error; anything else fails the test (or crashes
// under AddressSanitizer).
void decodeEitherWay(std::span<const std::byte> bytes)
{
    try {
        (void)decodeFileMetaData(bytes);
    } catch (const core::Error &) {
    }
    try {
        std::size_t consumed = 0;
        (void)decodePageHeader(bytes, consumed);
        QVERIFY(consumed <= bytes.size());
    } catch (const core::Error &) {
    }
}

} // namespace

void tst_ParquetMetadata::corpusFooterMatchesIndex_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("index");
    std::ifstream index((corpusDir + "/INDEX.jsonl").toStdString());
    if (!index)
        QSKIP("the Parquet conformance files are not in ../shared/data/parquet");
    for (std::string line; std::getline(index, line);) {
        if (line.empty())
            continue;
        const auto file = nlohmann::json::parse(line).at("file").get<std::string>();
        QTest::newRow(file.c_str()) << QString::fromStdString(file) << QString::fromStdString(line);
    }
}

void tst_ParquetMetadata::corpusFooterMatchesIndex()
{
    QFETCH(QString, file);
    QFETCH(QString, index);
    const auto expected = nlohmann::json::parse(index.toStdString());
    const std::string bytes = readFile((corpusDir + "/" + file).toStdString());
    QCOMPARE(bytes.size(), expected.at("size").get<std::size_t>());
    const std::string footer = footerOf(bytes);
    QVERIFY(!footer.empty());

    const FileMetaData m = decodeFileMetaData(bytesOf(footer));
    QCOMPARE(m.numRows, expected.at("rows").get<std::int64_t>());
    QCOMPARE(m.version, expected.at("version").get<std::int32_t>());
    QCOMPARE(m.rowGroups.size(), expected.at("rgs").get<std::size_t>());
    QVERIFY(m.createdBy.value_or("").starts_with(expected.at("created_by").get<std::string>()));

    std::size_t leaves = 0;
    std::set<std::string> physical, annotations;
    for (const auto &element : m.schema)
        if (!element.numChildren) {
            ++leaves;
            // Writers that record column orders record one per leaf: TYPE_ORDER, except for the *_ieee754
            // columns of floating_orders_nan_count, ordered by IEEE_754_TOTAL_ORDER (newer than this code).
            if (!m.columnOrders.empty()) {
                const bool totalOrder = element.name.ends_with("_ieee754");
                QVERIFY(m.columnOrders.at(leaves - 1) ==
                        (totalOrder ? ColumnOrder::Unrecognised : ColumnOrder::TypeDefined));
            }
            QVERIFY(element.type);
            physical.insert(toString(*element.type));
            // The index names a leaf's logical type, or its converted type when it has no (known) logical type.
            if (element.logicalType && element.logicalType->kind != Kind::Unrecognised)
                annotations.insert(nameOf(element.logicalType->kind));
            else if (element.convertedType)
                annotations.insert(toString(*element.convertedType));
        }
    QCOMPARE(leaves, expected.at("leaves").get<std::size_t>());
    QVERIFY(m.columnOrders.empty() || m.columnOrders.size() == leaves);
    QCOMPARE(sorted(physical), sortedJson(expected.at("phys")));
    QCOMPARE(sorted(annotations), sortedJson(expected.at("logical")));

    QStringList keys;
    for (const auto &kv : m.keyValueMetadata)
        keys << QString::fromStdString(kv.key);
    QStringList expectedKeys;
    for (const auto &key : expected.at("kv"))
        expectedKeys << QString::fromStdString(key.get<std::string>());
    QCOMPARE(keys, expectedKeys);

    std::set<std::string> codecs, encodings, pageTypes;
    for (const auto &pageType : expected.at("pageTypes"))
        pageTypes.insert(pageType.get<std::string>());
    for (const auto &group : m.rowGroups) {
        QCOMPARE(group.columns.size(), leaves);
        for (const auto &chunk : group.columns) {
            QVERIFY(chunk.metaData);
            const ColumnMetaData &column = *chunk.metaData;
            codecs.insert(toString(column.codec));
            for (auto encoding : column.encodings)
                encodings.insert(toString(encoding));

            // A chunk without values may have no data page: column_chunk_key_value_metadata.parquet (0 rows)
            // stores a data page offset of 0.
            if (column.numValues == 0)
                continue;
            const auto offset = static_cast<std::size_t>(firstPageOffset(column));
            QVERIFY(offset < bytes.size());
            std::size_t consumed = 0;
            const PageHeader page = decodePageHeader(bytesOf(bytes).subspan(offset), consumed);
            QVERIFY(page.uncompressedPageSize >= 0 && page.compressedPageSize >= 0);
            QVERIFY(offset + consumed + static_cast<std::size_t>(page.compressedPageSize) <= bytes.size());
            switch (page.type) {
            case PageType::DictionaryPage: QVERIFY(page.dictionaryPageHeader); break;
            case PageType::DataPage: QVERIFY(page.dataPageHeader); break;
            case PageType::DataPageV2: QVERIFY(page.dataPageHeaderV2); break;
            default: QFAIL(qPrintable("first page is a " + QString::fromStdString(toString(page.type))));
            }
            // The index lists the page types of the column chunks' encoding statistics, when there are any.
            if (!pageTypes.empty())
                QVERIFY2(pageTypes.contains(toString(page.type)), toString(page.type).c_str());
        }
    }
    QCOMPARE(sorted(codecs), sortedJson(expected.at("codecs")));
    QCOMPARE(sorted(encodings), sortedJson(expected.at("encodings")));

    // What the writer encodes of a real footer decodes to the same values, but for logical types it does not
    // know, which it leaves out.
    FileMetaData known = m;
    for (auto &element : known.schema)
        if (element.logicalType && element.logicalType->kind == Kind::Unrecognised)
            element.logicalType.reset();
    QVERIFY(decodeFileMetaData(bytesOf(encodeFileMetaData(m))) == known);
}

// Values known from the files' writers (parquet-testing's descriptions), for fields the index leaves out.
void tst_ParquetMetadata::corpusFieldsTheIndexDoesNotList()
{
    if (footerOfCorpusFile("binary.parquet").empty())
        QSKIP("the Parquet conformance files are not in ../shared/data/parquet");
    const auto metadataOf = [](const char *name) { return decodeFileMetaData(bytesOf(footerOfCorpusFile(name))); };
    const auto firstColumn = [](const FileMetaData &m) { return m.rowGroups.at(0).columns.at(0).metaData.value(); };

    const auto keyValues = metadataOf("column_chunk_key_value_metadata.parquet");
    QVERIFY(firstColumn(keyValues).keyValueMetadata
            == (std::vector<KeyValue>{{"foo", std::string("bar")}, {"thisiskeywithoutvalue", std::nullopt}}));
    QVERIFY(keyValues.rowGroups[0].columns.at(1).metaData->keyValueMetadata.empty());

    const auto strings = firstColumn(metadataOf("data_index_bloom_encoding_stats.parquet")).statistics.value();
    QCOMPARE(strings.nullCount, std::optional<std::int64_t>(0));
    QCOMPARE(strings.minValue.value_or(""), std::string("Hello"));
    QCOMPARE(strings.maxValue.value_or(""), std::string("today"));
    QVERIFY(!strings.min && !strings.max && !strings.distinctCount);
    QCOMPARE(firstColumn(metadataOf("nulls.snappy.parquet")).statistics.value().nullCount,
             std::optional<std::int64_t>(8));

    const auto unsigned64 = metadataOf("concatenated_gzip_members.parquet").schema.at(1);
    QVERIFY(unsigned64.convertedType == ConvertedType::Uint64);
    QVERIFY(unsigned64.logicalType.value().kind == Kind::Integer);
    QCOMPARE(unsigned64.logicalType->bitWidth, std::int8_t(64));
    QVERIFY(!unsigned64.logicalType->isSigned);
    const auto tiny = metadataOf("alltypes_tiny_pages_plain.parquet").schema.at(3);
    QCOMPARE(tiny.name, std::string("tinyint_col"));
    QCOMPARE(tiny.logicalType.value().bitWidth, std::int8_t(8));
    QVERIFY(tiny.logicalType->isSigned);

    const auto decimal = metadataOf("fixed_length_decimal.parquet").schema.at(1);
    QVERIFY(decimal.convertedType == ConvertedType::Decimal);
    QCOMPARE(decimal.typeLength, std::optional<std::int32_t>(11));
    QCOMPARE(decimal.precision, std::optional<std::int32_t>(25));
    QCOMPARE(decimal.scale, std::optional<std::int32_t>(2));
}

void tst_ParquetMetadata::unknownLogicalTypeIsUnrecognised()
{
    const std::string footer = footerOfCorpusFile("unknown-logical-type.parquet");
    if (footer.empty())
        QSKIP("the Parquet conformance files are not in ../shared/data/parquet");
    const FileMetaData m = decodeFileMetaData(bytesOf(footer));
    std::multiset<Kind> kinds;
    for (const auto &element : m.schema)
        if (element.logicalType)
            kinds.insert(element.logicalType->kind);
    QVERIFY(kinds == (std::multiset<Kind>{Kind::String, Kind::Unrecognised}));
}

void tst_ParquetMetadata::badDataFootersFailCleanly()
{
    const QDir dir(corpusDir + "/bad_data");
    const auto files = dir.entryList({"*.parquet"}, QDir::Files, QDir::Name);
    if (files.isEmpty())
        QSKIP("the Parquet conformance files are not in ../shared/data/parquet/bad_data");
    for (const auto &name : files) {
        const std::string bytes = readFile(dir.filePath(name).toStdString());
        const std::string footer = footerOf(bytes);
        if (footer.empty())
            continue;
        try {
            const FileMetaData m = decodeFileMetaData(bytesOf(footer));
            for (const auto &group : m.rowGroups)
                for (const auto &chunk : group.columns) {
                    if (!chunk.metaData)
                        continue;
                    const auto offset = static_cast<std::uint64_t>(firstPageOffset(*chunk.metaData));
                    if (offset < bytes.size())
                        decodeEitherWay(bytesOf(bytes).subspan(offset));
                }
        } catch (const core::Error &error) {
            qInfo("%s: %s", qPrintable(name), error.what());
        }
    }
}

void tst_ParquetMetadata::richMetadataRoundTrips()
{
    const FileMetaData m = richMetadata();
    const std::string bytes = encodeFileMetaData(m);
    const FileMetaData decoded = decodeFileMetaData(bytesOf(bytes));
    QCOMPARE(decoded.schema.size(), m.schema.size());
    for (std::size_t i = 0; i < m.schema.size(); ++i)
        QVERIFY2(decoded.schema[i] == m.schema[i], m.schema[i].name.c_str());
    QCOMPARE(decoded.rowGroups.size(), m.rowGroups.size());
    for (std::size_t g = 0; g < m.rowGroups.size(); ++g)
        for (std::size_t c = 0; c < m.rowGroups[g].columns.size(); ++c)
            QVERIFY2(decoded.rowGroups[g].columns[c] == m.rowGroups[g].columns[c], qPrintable(QString::number(c)));
    QVERIFY(decoded == m);
    QCOMPARE(encodeFileMetaData(decoded), bytes);
}

void tst_ParquetMetadata::pageHeadersRoundTrip()
{
    const std::string pageData = "PAGE DATA";
    for (const auto &header : samplePageHeaders()) {
        const std::string bytes = encodePageHeader(header);
        std::size_t consumed = 0;
        const PageHeader decoded = decodePageHeader(bytesOf(bytes + pageData), consumed);
        QCOMPARE(consumed, bytes.size());
        QVERIFY2(decoded == header, toString(header.type).c_str());
    }
}

void tst_ParquetMetadata::newerLogicalTypesAreUnrecognised()
{
    // VARIANT (member 16, which has a field) and a TIMESTAMP in a time unit after NANOS.
    const std::function<void(CompactWriter &)> members[] = {
        [](CompactWriter &w) {
            w.writeFieldHeader(16, CompactType::Struct);
            w.beginStruct();
            w.writeFieldHeader(1, CompactType::I8);
            w.writeI8(1);
            w.endStruct();
        },
        [](CompactWriter &w) {
            w.writeFieldHeader(8, CompactType::Struct);
            w.beginStruct();
            w.writeBoolField(1, true);
            w.writeFieldHeader(2, CompactType::Struct);
            w.beginStruct();
            w.writeFieldHeader(4, CompactType::Struct);
            w.beginStruct();
            w.endStruct();
            w.endStruct();
            w.endStruct();
        },
    };
    for (const auto &member : members) {
        const std::string footer = handWrittenFooter([&](CompactWriter &w, const char *where) {
            if (std::strcmp(where, "SchemaElement") != 0)
                return;
            w.writeFieldHeader(10, CompactType::Struct);
            w.beginStruct();
            member(w);
            w.endStruct();
        });
        const FileMetaData m = decodeFileMetaData(bytesOf(footer));
        QVERIFY(m.schema[1].logicalType);
        QVERIFY(m.schema[1].logicalType->kind == Kind::Unrecognised);
        // What was not kept cannot be written: the writer leaves the logical type out.
        QVERIFY(decodeFileMetaData(bytesOf(encodeFileMetaData(m))) == handWrittenExpected());
    }
}

void tst_ParquetMetadata::compactValuesRoundTrip()
{
    const std::vector<std::int64_t> i64s = {0, 1, -1, 63, -64, 64, std::numeric_limits<std::int64_t>::max(),
                                            std::numeric_limits<std::int64_t>::min()};
    const std::vector<std::int32_t> i32s = {0, -1, 1 << 30, std::numeric_limits<std::int32_t>::max(),
                                            std::numeric_limits<std::int32_t>::min()};
    const std::vector<std::int16_t> fieldIds = {1, 15, 16, 2, 300, -5, 32767};
    CompactWriter w;
    w.beginStruct();
    for (auto id : fieldIds)
        w.writeFieldHeader(id, CompactType::I64);
    for (auto value : i64s)
        w.writeI64(value);
    for (auto value : i32s)
        w.writeI32(value);
    w.writeI16(std::numeric_limits<std::int16_t>::min());
    w.writeI8(-128);
    w.writeBool(true);
    w.writeBool(false);
    w.writeDouble(-1.5e300);
    w.writeBinary(std::string("\0\xff", 2));
    for (std::size_t size : {0, 14, 15, 1000})
        w.writeListHeader(CompactType::I8, size);
    w.writeMapHeader(CompactType::Binary, CompactType::Struct, 3);
    w.endStruct();
    const std::string tail(1000, '\0'); // room for the elements the headers claim
    const std::string bytes = w.bytes() + tail;

    CompactReader r(bytesOf(bytes), "test");
    r.beginStruct();
    for (auto id : fieldIds) {
        const auto field = r.readFieldHeader();
        QCOMPARE(field.id, id);
        QCOMPARE(toString(field.type), toString(CompactType::I64));
    }
    for (auto value : i64s)
        QCOMPARE(r.readI64(), value);
    for (auto value : i32s)
        QCOMPARE(r.readI32(), value);
    QCOMPARE(r.readI16(), std::numeric_limits<std::int16_t>::min());
    QCOMPARE(r.readI8(), std::int8_t(-128));
    QCOMPARE(r.readBool(), true);
    QCOMPARE(r.readBool(), false);
    QCOMPARE(r.readDouble(), -1.5e300);
    QCOMPARE(r.readBinary(), std::string("\0\xff", 2));
    for (std::size_t size : {0, 14, 15, 1000}) {
        const auto list = r.readListHeader();
        QCOMPARE(list.size, size);
        QCOMPARE(toString(list.elementType), toString(CompactType::I8));
    }
    const auto map = r.readMapHeader();
    QCOMPARE(map.size, std::size_t(3));
    QCOMPARE(toString(map.keyType), toString(CompactType::Binary));
    QCOMPARE(toString(map.valueType), toString(CompactType::Struct));
    QCOMPARE(toString(r.readFieldHeader().type), toString(CompactType::Stop));
    r.endStruct();
    QCOMPARE(r.position(), w.bytes().size());
}

void tst_ParquetMetadata::unknownFieldsOfEveryTypeAreSkipped()
{
    QVERIFY(decodeFileMetaData(bytesOf(handWrittenFooter(noExtra))) == handWrittenExpected());
    const std::string withUnknown =
        handWrittenFooter([](CompactWriter &w, const char *) { writeUnknownFields(w, 20); });
    QVERIFY(decodeFileMetaData(bytesOf(withUnknown)) == handWrittenExpected());

    // Page headers skip them too, and report the length with them.
    CompactWriter w;
    w.beginStruct();
    w.writeFieldHeader(1, CompactType::I32);
    w.writeI32(static_cast<std::int32_t>(PageType::IndexPage));
    w.writeFieldHeader(2, CompactType::I32);
    w.writeI32(5);
    w.writeFieldHeader(3, CompactType::I32);
    w.writeI32(6);
    writeUnknownFields(w, 9);
    w.endStruct();
    std::size_t consumed = 0;
    const PageHeader header = decodePageHeader(bytesOf(w.bytes() + "data"), consumed);
    QCOMPARE(consumed, w.bytes().size());
    QCOMPARE(header.compressedPageSize, 6);
}

void tst_ParquetMetadata::missingDataPageV2IsCompressedMeansCompressed()
{
    CompactWriter w;
    w.beginStruct();
    w.writeFieldHeader(1, CompactType::I32);
    w.writeI32(static_cast<std::int32_t>(PageType::DataPageV2));
    w.writeFieldHeader(2, CompactType::I32);
    w.writeI32(5);
    w.writeFieldHeader(3, CompactType::I32);
    w.writeI32(6);
    w.writeFieldHeader(8, CompactType::Struct);
    w.beginStruct();
    for (std::int16_t id = 1; id <= 6; ++id) {
        w.writeFieldHeader(id, CompactType::I32);
        w.writeI32(id == 4 ? static_cast<std::int32_t>(Encoding::RleDictionary) : 1);
    }
    w.endStruct();
    w.endStruct();
    std::size_t consumed = 0;
    const PageHeader header = decodePageHeader(bytesOf(w.bytes()), consumed);
    QVERIFY(header.dataPageHeaderV2);
    QVERIFY(header.dataPageHeaderV2->isCompressed);
    QCOMPARE(toString(header.dataPageHeaderV2->encoding), toString(Encoding::RleDictionary));
}

void tst_ParquetMetadata::missingRequiredFieldIsNamed()
{
    const std::string footer = handWrittenFooter(noExtra, false);
    QCOMPARE(errorOf([&] { decodeFileMetaData(bytesOf(footer)); }),
             QString("corrupt footer: FileMetaData lacks required field num_rows"));

    CompactWriter w;
    w.beginStruct();
    w.writeFieldHeader(1, CompactType::I32);
    w.writeI32(0);
    w.writeFieldHeader(3, CompactType::I32);
    w.writeI32(6);
    w.endStruct();
    std::size_t consumed = 0;
    QCOMPARE(errorOf([&] { decodePageHeader(bytesOf(w.bytes()), consumed); }),
             QString("corrupt page header: PageHeader lacks required field uncompressed_page_size"));
}

void tst_ParquetMetadata::wrongFieldTypeIsNamed()
{
    const std::string footer = handWrittenFooter([](CompactWriter &w, const char *where) {
        if (std::strcmp(where, "SchemaElement") == 0) {
            w.writeFieldHeader(5, CompactType::Binary);
            w.writeBinary("not a count");
        }
    });
    QCOMPARE(errorOf([&] { decodeFileMetaData(bytesOf(footer)); }),
             QString("corrupt footer: field 5 of SchemaElement has type 8 (binary), expected i32"));

    FileMetaData m = handWrittenExpected();
    m.keyValueMetadata = {{"k", std::nullopt}};
    std::string bytes = encodeFileMetaData(m);
    // The key-value list's header after its field header: a list of one i32 instead of one struct.
    const auto at = bytes.find("\x19\x1c");
    QVERIFY(at != std::string::npos);
    bytes[at + 1] = 0x15;
    QCOMPARE(errorOf([&] { decodeFileMetaData(bytesOf(bytes)); }),
             QString("corrupt footer: field 5 of FileMetaData is a list of i32, expected a list of struct"));
}

void tst_ParquetMetadata::corruptLengthsCountsAndNestingAreRejected()
{
    const auto footerError = [](std::int16_t id, CompactType type, const std::string &raw) {
        return errorOf([&] { decodeFileMetaData(bytesOf(footerStartingWith(id, type, raw))); });
    };
    const std::string deepStructs(100, '\x1c'); // field 1, a struct, in a struct, ...
    const std::string deepLists(100, '\x19');   // a list of one list of one list ...
    const struct {
        std::int16_t id;
        CompactType type;
        std::string raw;
        std::string message;
    } cases[] = {
        {20, CompactType::Binary, "\xff\xff\xff\xff\x0f", "negative binary length at byte 2"},
        {20, CompactType::Binary, "\x7f" "abc", "truncated: binary of 127 bytes at byte 3, 4 left"},
        {20, CompactType::List, "\xf5\xff\xff\xff\xff\x07",
         "list of 2147483647 elements at byte 8 cannot fit in the 1 bytes left"},
        {2, CompactType::List, "\xfc\x80\x80\x80\x80\x04",
         "list of 1073741824 elements at byte 7 cannot fit in the 1 bytes left"},
        {20, CompactType::List, "\xf5\xff\xff\xff\xff\x0f", "negative list length at byte 3"},
        {20, CompactType::List, "\x37", "list of 3 elements at byte 3 cannot fit in the 1 bytes left"},
        {20, CompactType::List, std::string("\x30", 1), "list at byte 3 has an invalid element type"},
        {20, CompactType::Map, "\xff\xff\xff\xff\x07\x55",
         "map of 2147483647 elements at byte 8 cannot fit in the 1 bytes left"},
        {20, CompactType::Map, "\x02\xe5", "map at byte 4 has an invalid element type"},
        {20, CompactType::Struct, deepStructs, "nesting deeper than 64 levels at byte 65"},
        {20, CompactType::List, deepLists, "nesting deeper than 64 levels at byte 66"},
        {20, CompactType::I64, std::string(11, '\xff'), "varint at byte 2 is longer than 10 bytes"},
        {1, CompactType::I32, "\xff\xff\xff\xff\x1f", "i32 at byte 1 is out of range"},
        {20, static_cast<CompactType>(14), "", "value of unknown type 14 before byte 2"},
        {3, CompactType::I64, "\x01", "field 3 of FileMetaData is negative (-1)"},
        {4, CompactType::List, "\x1c\x36\x01", "field 3 of RowGroup is negative (-1)"},
    };
    for (const auto &c : cases)
        QCOMPARE(footerError(c.id, c.type, c.raw), QString::fromStdString("corrupt footer: " + c.message));

    // Every read stays inside the span it was given, even when the bytes after it would complete the value.
    const std::string footer = encodeFileMetaData(handWrittenExpected());
    QCOMPARE(errorOf([&] { decodeFileMetaData(bytesOf(footer).first(footer.size() - 1)); }),
             QString("corrupt footer: truncated: field header of 1 bytes at byte %1, 0 left").arg(footer.size() - 1));

    PageHeader header = samplePageHeaders()[0];
    header.compressedPageSize = -5;
    std::size_t consumed = 0;
    QCOMPARE(errorOf([&] { decodePageHeader(bytesOf(encodePageHeader(header)), consumed); }),
             QString("corrupt page header: field 3 of PageHeader is negative (-5)"));
}

void tst_ParquetMetadata::everyTruncationFails()
{
    std::vector<std::string> footers = {encodeFileMetaData(richMetadata())};
    for (const char *name : {"alltypes_plain.parquet", "data_index_bloom_encoding_with_length.parquet",
                             "byte_stream_split.zstd.parquet"})
        if (const auto footer = footerOfCorpusFile(name); !footer.empty())
            footers.push_back(footer);
    for (const auto &footer : footers) {
        QVERIFY(decodeFileMetaData(bytesOf(footer)).numRows >= 0);
        for (std::size_t length = 0; length < footer.size(); ++length)
            QVERIFY_THROWS_EXCEPTION(core::Error, decodeFileMetaData(bytesOf(footer).first(length)));
    }
    for (const auto &header : samplePageHeaders()) {
        const std::string bytes = encodePageHeader(header);
        std::size_t consumed = 0;
        for (std::size_t length = 0; length < bytes.size(); ++length)
            QVERIFY_THROWS_EXCEPTION(core::Error, decodePageHeader(bytesOf(bytes).first(length), consumed));
    }
}

void tst_ParquetMetadata::randomCorruptionsFailCleanly()
{
    std::vector<std::string> inputs = {encodeFileMetaData(richMetadata())};
    for (const auto &header : samplePageHeaders())
        inputs.push_back(encodePageHeader(header));
    for (const char *name : {"alltypes_tiny_pages_plain.parquet", "unknown-logical-type.parquet",
                             "delta_binary_packed.parquet"})
        if (const auto footer = footerOfCorpusFile(name); !footer.empty())
            inputs.push_back(footer);

    std::mt19937 random(20240611);
    int decoded = 0, rejected = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string bytes = inputs[random() % inputs.size()];
        const int changes = 1 + static_cast<int>(random() % 4);
        for (int i = 0; i < changes; ++i) {
            const std::size_t at = random() % bytes.size();
            // Small values often make plausible type nibbles, deltas and lengths; any byte is possible.
            bytes[at] = static_cast<char>(random() % 3 == 0 ? random() % 16 : random());
        }
        if (random() % 4 == 0)
            bytes.resize(random() % bytes.size());
        try {
            (void)decodeFileMetaData(bytesOf(bytes));
            ++decoded;
        } catch (const core::Error &) {
            ++rejected;
        }
        decodeEitherWay(bytesOf(bytes));
    }
    qInfo("%d corrupted footers decoded, %d rejected", decoded, rejected);
    QVERIFY(rejected > 0);
}

void tst_ParquetMetadata::wideFooterDecodesQuickly()
{
    constexpr int columns = 10000;
    FileMetaData m;
    m.numRows = 1000;
    m.schema.resize(columns + 1);
    m.schema[0].name = "schema";
    m.schema[0].numChildren = columns;
    RowGroup group;
    group.numRows = 1000;
    for (int i = 0; i < columns; ++i) {
        SchemaElement &e = m.schema[static_cast<std::size_t>(i) + 1];
        e.name = "column_" + std::to_string(i);
        e.type = Type::Double;
        e.repetitionType = Repetition::Optional;
        ColumnMetaData meta;
        meta.type = Type::Double;
        meta.encodings = {Encoding::Plain, Encoding::Rle};
        meta.pathInSchema = {e.name};
        meta.codec = Codec::Zstd;
        meta.numValues = 1000;
        meta.dataPageOffset = 4 + 8000LL * i;
        meta.statistics = Statistics{std::nullopt, std::nullopt, 0, std::nullopt, std::string(8, 'x'),
                                     std::string(8, 'n')};
        group.columns.push_back(ColumnChunk{std::nullopt, 0, meta});
    }
    m.rowGroups = {group};
    const std::string bytes = encodeFileMetaData(m);

    QElapsedTimer timer;
    timer.start();
    const FileMetaData decoded = decodeFileMetaData(bytesOf(bytes));
    const auto elapsed = timer.elapsed();
    qInfo("a footer of %d columns (%zu bytes) decoded in %lld ms", columns, bytes.size(),
          static_cast<long long>(elapsed));
    QVERIFY(decoded == m);
    // Generous for sanitizer builds on a loaded machine; a quadratic decoder would take far longer.
    QVERIFY(elapsed < 2000);
}

QTEST_APPLESS_MAIN(tst_ParquetMetadata)
#include "tst_parquetmetadata.moc"
