#include "core/buildinfo.h"
#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/formats/parquet/decimal.h"
#include "core/formats/parquet/float16.h"
#include "core/formats/parquet/metadata.h"
#include "core/formats/parquet/parquetreader.h"
#include "core/formats/parquet/parquetwriter.h"

#include <nlohmann/json.hpp>

#include "tests/support/jsoncompare.h"
#include "tests/support/nodeoracle.h"

#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

namespace {

using Kind = h5::ColumnType::Kind;
using parquet::Codec;
using parquet::Encoding;

constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// One column of a table together with what DuckDB must read back: its type name and every cell in DuckDB's
// JSON form (tests/oracle/parquet_rows.mjs), written out here by hand rather than by our cell formatter.
struct Expected {
    h5::Column column;
    std::string duckType;
    nlohmann::json cells;
};

h5::Column column(std::string name, h5::ColumnData data, std::vector<std::uint8_t> valid = {}, h5::ColumnType type = {})
{
    return h5::Column{std::move(name), std::move(data), std::move(valid), type};
}

h5::ColumnType timeType(Kind kind, h5::TimeUnit unit, bool utc = false)
{
    return {.kind = kind, .unit = unit, .utc = utc};
}

h5::ColumnType decimalType(int precision, int scale)
{
    return {.kind = Kind::Decimal, .precision = precision, .scale = scale};
}

// Every ColumnType over six rows: extremes, repeats (rows 3 and 4 mostly repeat rows 0 and 1, so that the
// first row group of four rows is dictionary-encoded) and nulls. Every value survives a round trip exactly:
// decimal text has its scale's digits and Float16 values are halves.
std::vector<Expected> everyType()
{
    using I64 = std::numeric_limits<std::int64_t>;
    using I32 = std::numeric_limits<std::int32_t>;
    const float fnan = std::numeric_limits<float>::quiet_NaN();
    const float finf = std::numeric_limits<float>::infinity();
    const std::int64_t leapDay = 951'782'400'000; // 2000-02-29T00:00:00 in milliseconds
    const auto T = h5::Bool::True, F = h5::Bool::False;
    return {
        {column("i8", std::vector<std::int8_t>{-128, 127, 0, -128, 127, -1}, {1, 1, 0, 1, 1, 1}), "TINYINT",
         {-128, 127, nullptr, -128, 127, -1}},
        {column("i16", std::vector<std::int16_t>{-32768, 32767, 0, -32768, 32767, 1}), "SMALLINT",
         {-32768, 32767, 0, -32768, 32767, 1}},
        {column("i32", std::vector<std::int32_t>{I32::min(), I32::max(), 0, I32::min(), I32::max(), 7}), "INTEGER",
         {-2147483648LL, 2147483647, 0, -2147483648LL, 2147483647, 7}},
        {column("i64", std::vector<std::int64_t>{I64::min(), I64::max(), 0, I64::min(), 42, 0}, {1, 1, 1, 1, 1, 0}),
         "BIGINT", {"-9223372036854775808", "9223372036854775807", "0", "-9223372036854775808", "42", nullptr}},
        {column("u8", std::vector<std::uint8_t>{0, 255, 1, 0, 255, 128}), "UTINYINT", {0, 255, 1, 0, 255, 128}},
        {column("u16", std::vector<std::uint16_t>{0, 65535, 1, 0, 65535, 32768}), "USMALLINT",
         {0, 65535, 1, 0, 65535, 32768}},
        {column("u32", std::vector<std::uint32_t>{0, 4294967295u, 2147483648u, 0, 4294967295u, 1}), "UINTEGER",
         {0, 4294967295u, 2147483648u, 0, 4294967295u, 1}},
        {column("u64", std::vector<std::uint64_t>{0, 18446744073709551615u, 9223372036854775808u, 0, 18446744073709551615u, 1}),
         "UBIGINT", {"0", "18446744073709551615", "9223372036854775808", "0", "18446744073709551615", "1"}},
        {column("f32", std::vector<float>{1.5f, -0.0f, finf, 1.5f, fnan, -2.25f}), "FLOAT",
         {1.5, 0, "Infinity", 1.5, "NaN", -2.25}},
        {column("f64", std::vector<double>{0.1, -infinity, 1e300, 0.1, 5e-324, 0}, {1, 1, 1, 1, 1, 0}), "DOUBLE",
         {0.1, "-Infinity", 1e300, 0.1, 5e-324, nullptr}},
        {column("flag", std::vector<h5::Bool>{T, F, F, T, T, F}, {1, 1, 0, 1, 1, 1}), "BOOLEAN",
         {true, false, nullptr, true, true, false}},
        {column("text", std::vector<std::string>{"", "h\xc3\xa9llo \"q\"", "x", "", "\xe6\x97\xa5\xe6\x9c\xac", ""},
                {1, 1, 1, 1, 1, 0}),
         "VARCHAR", {"", "h\xc3\xa9llo \"q\"", "x", "", "\xe6\x97\xa5\xe6\x9c\xac", nullptr}},
        // DuckDB prints a BLOB's bytes outside printable ASCII, and its quotes, as \xHH.
        {column("blob", std::vector<std::string>{std::string("\x00\xff", 2), "abc", "", std::string("\x00\xff", 2), "a'b\"\\", "\x7f"},
                {}, {.kind = Kind::Binary}),
         "BLOB", {"\\x00\\xFF", "abc", "", "\\x00\\xFF", "a\\x27b\\x22\\", "\\x7F"}},
        {column("ts_ms", std::vector<std::int64_t>{0, 1234567890123, -1, 0, 1234567890123, leapDay}, {},
                timeType(Kind::Timestamp, h5::TimeUnit::Millis)),
         "TIMESTAMP", {"1970-01-01 00:00:00", "2009-02-13 23:31:30.123", "1969-12-31 23:59:59.999", "1970-01-01 00:00:00",
                       "2009-02-13 23:31:30.123", "2000-02-29 00:00:00"}},
        {column("ts_us_utc", std::vector<std::int64_t>{0, 1234567890123456, -1, 0, 1234567890123456, leapDay * 1000}, {},
                timeType(Kind::Timestamp, h5::TimeUnit::Micros, true)),
         "TIMESTAMP WITH TIME ZONE",
         {"1970-01-01 00:00:00+00", "2009-02-13 23:31:30.123456+00", "1969-12-31 23:59:59.999999+00",
          "1970-01-01 00:00:00+00", "2009-02-13 23:31:30.123456+00", "2000-02-29 00:00:00+00"}},
        {column("ts_ms_utc", std::vector<std::int64_t>{0, 1234567890123, -1, 0, 1234567890123, leapDay}, {1, 1, 0, 1, 1, 1},
                timeType(Kind::Timestamp, h5::TimeUnit::Millis, true)),
         "TIMESTAMP WITH TIME ZONE",
         {"1970-01-01 00:00:00+00", "2009-02-13 23:31:30.123+00", nullptr, "1970-01-01 00:00:00+00",
          "2009-02-13 23:31:30.123+00", "2000-02-29 00:00:00+00"}},
        {column("ts_ns", std::vector<std::int64_t>{0, 1234567890123456789, -1, 0, 1234567890123456789, leapDay * 1'000'000}, {},
                timeType(Kind::Timestamp, h5::TimeUnit::Nanos)),
         "TIMESTAMP_NS", {"1970-01-01 00:00:00", "2009-02-13 23:31:30.123456789", "1969-12-31 23:59:59.999999999",
                          "1970-01-01 00:00:00", "2009-02-13 23:31:30.123456789", "2000-02-29 00:00:00"}},
        // DuckDB keeps an instant in microseconds.
        {column("ts_ns_utc", std::vector<std::int64_t>{0, 1234567890123456000, -1000, 0, 1234567890123456000, 1000}, {},
                timeType(Kind::Timestamp, h5::TimeUnit::Nanos, true)),
         "TIMESTAMP WITH TIME ZONE",
         {"1970-01-01 00:00:00+00", "2009-02-13 23:31:30.123456+00", "1969-12-31 23:59:59.999999+00",
          "1970-01-01 00:00:00+00", "2009-02-13 23:31:30.123456+00", "1970-01-01 00:00:00.000001+00"}},
        {column("day", std::vector<std::int32_t>{0, 19000, -1, 0, 11016, -719162}, {}, {.kind = Kind::Date}), "DATE",
         {"1970-01-01", "2022-01-08", "1969-12-31", "1970-01-01", "2000-02-29", "0001-01-01"}},
        {column("t_ms", std::vector<std::int32_t>{0, 45296789, 86399999, 0, 45296789, 1000}, {},
                timeType(Kind::Time, h5::TimeUnit::Millis)),
         "TIME", {"00:00:00", "12:34:56.789", "23:59:59.999", "00:00:00", "12:34:56.789", "00:00:01"}},
        {column("t_us", std::vector<std::int64_t>{0, 45296789012, 86399999999, 0, 45296789012, 1}, {1, 1, 0, 1, 1, 1},
                timeType(Kind::Time, h5::TimeUnit::Micros)),
         "TIME", {"00:00:00", "12:34:56.789012", nullptr, "00:00:00", "12:34:56.789012", "00:00:00.000001"}},
        {column("t_ns", std::vector<std::int64_t>{0, 45296789012345, 86399999999999, 0, 45296789012345, 1}, {},
                timeType(Kind::Time, h5::TimeUnit::Nanos)),
         "TIME_NS", {"00:00:00", "12:34:56.789012345", "23:59:59.999999999", "00:00:00", "12:34:56.789012345",
                     "00:00:00.000000001"}},
        {column("d9", std::vector<std::int64_t>{-999999999, 12345, 0, -999999999, 12345, 5}, {}, decimalType(9, 2)),
         "DECIMAL(9,2)", {"-9999999.99", "123.45", "0.00", "-9999999.99", "123.45", "0.05"}},
        {column("d18", std::vector<std::int64_t>{-999999999999999999, 999999999999999999, 0, -999999999999999999, 12345, 1},
                {}, decimalType(18, 4)),
         "DECIMAL(18,4)", {"-99999999999999.9999", "99999999999999.9999", "0.0000", "-99999999999999.9999", "1.2345", "0.0001"}},
        {column("d30", std::vector<std::string>{"-12345678901234567890123456.7891", "1.5000", "", "-12345678901234567890123456.7891",
                                                "1.5000", "-0.0001"},
                {1, 1, 0, 1, 1, 1}, decimalType(30, 4)),
         "DECIMAL(30,4)", {"-12345678901234567890123456.7891", "1.5000", nullptr, "-12345678901234567890123456.7891",
                           "1.5000", "-0.0001"}},
        {column("d38", std::vector<std::string>{"-99999999999999999999999999999999999999", "99999999999999999999999999999999999999",
                                                "0", "-99999999999999999999999999999999999999",
                                                "99999999999999999999999999999999999999", "1"},
                {}, decimalType(38, 0)),
         "DECIMAL(38,0)", {"-99999999999999999999999999999999999999", "99999999999999999999999999999999999999", "0",
                           "-99999999999999999999999999999999999999", "99999999999999999999999999999999999999", "1"}},
        {column("d20_20", std::vector<std::string>{"0.12345678901234567890", "-0.00000000000000000001", "0.00000000000000000000",
                                                   "0.12345678901234567890", "-0.99999999999999999999", "0.00000000000000000000"},
                {}, decimalType(20, 20)),
         "DECIMAL(20,20)", {"0.12345678901234567890", "-0.00000000000000000001", "0.00000000000000000000",
                            "0.12345678901234567890", "-0.99999999999999999999", "0.00000000000000000000"}},
        {column("f16", std::vector<float>{1.5f, 65504.0f, 0.0999755859375f, 1.5f, -finf, fnan}, {}, {.kind = Kind::Float16}),
         "FLOAT", {1.5, 65504, 0.0999755859375, 1.5, "-Infinity", "NaN"}},
    };
}

h5::Table tableOf(const std::vector<Expected> &columns)
{
    h5::Table table;
    for (const Expected &expected : columns)
        table.addColumn(expected.column);
    return table;
}

// 50,000 rows of nulls, repeats and distinct values: a dictionary of ten entries ("category"), of one entry
// whose indices take no bits ("constant"), a column of nulls only ("none"), and distinct values everywhere else.
h5::Table manyRows()
{
    constexpr std::size_t rows = 50'000;
    std::vector<std::int64_t> id(rows), seconds(rows);
    std::vector<std::int32_t> maybe(rows);
    std::vector<std::uint8_t> maybeValid(rows), categoryValid(rows), noneValid(rows, 0);
    std::vector<std::string> category(rows), unique(rows), constant(rows, "same");
    std::vector<double> quarter(rows), none(rows);
    std::vector<h5::Bool> flag(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        const auto n = static_cast<std::int64_t>(i);
        id[i] = n * 1'000'003 - 25'000'000'000;
        maybeValid[i] = i % 3 != 0;
        maybe[i] = maybeValid[i] ? static_cast<std::int32_t>(n - 25'000) : 0;
        categoryValid[i] = i % 7 != 0;
        category[i] = categoryValid[i] ? "cat" + std::to_string(i % 10) : "";
        unique[i] = "row-" + std::to_string(i);
        quarter[i] = static_cast<double>(n) * 0.25;
        flag[i] = i % 3 == 1 ? h5::Bool::True : h5::Bool::False;
        seconds[i] = n * 1'000'000;
    }
    h5::Table table;
    table.addColumn("id", id);
    table.addColumn("maybe", maybe, maybeValid);
    table.addColumn("category", category, categoryValid);
    table.addColumn("constant", constant);
    table.addColumn("none", none, noneValid);
    table.addColumn("unique", unique);
    table.addColumn("quarter", quarter);
    table.addColumn("flag", flag);
    table.addColumn("ts", seconds, {}, timeType(Kind::Timestamp, h5::TimeUnit::Micros, true));
    return table;
}

// Table equality with floats compared by their bits: NaN equals itself, -0.0 differs from 0.0.
bool sameTable(const h5::Table &a, const h5::Table &b, QString &difference)
{
    if (a.columns().size() != b.columns().size()) {
        difference = "column counts differ";
        return false;
    }
    for (std::size_t i = 0; i < a.columns().size(); ++i) {
        const h5::Column &x = a.columns()[i], &y = b.columns()[i];
        const bool sameData = x.data.index() == y.data.index() && std::visit(
            [&](const auto &values) {
                using T = typename std::decay_t<decltype(values)>::value_type;
                const auto &other = std::get<std::vector<T>>(y.data);
                if constexpr (std::is_same_v<T, std::string>)
                    return values == other;
                else
                    return values.size() == other.size() &&
                           (values.empty() || std::memcmp(values.data(), other.data(), values.size() * sizeof(T)) == 0);
            },
            x.data);
        if (x.name != y.name || !sameData || x.valid != y.valid || !(x.type == y.type)) {
            difference = QString::fromStdString("column '" + x.name + "' (read as '" + y.name + "') differs");
            return false;
        }
    }
    return true;
}

// The file as DuckDB reads it: the header line ({"columns", "types"}) and one JSON array per row.
void readWithDuckDb(const std::filesystem::path &path, nlohmann::json &header, std::vector<nlohmann::json> &rows)
{
    QString error;
    const QByteArray output = runOracle("parquet_rows.mjs", {QString::fromStdString(path.string())}, error);
    QVERIFY2(!output.isNull(), qPrintable(error));
    const QList<QByteArray> lines = output.trimmed().split('\n');
    header = nlohmann::json::parse(lines.front().toStdString());
    rows.clear();
    for (qsizetype i = 1; i < lines.size(); ++i)
        rows.push_back(nlohmann::json::parse(lines[i].toStdString()));
}

void compareWithDuckDb(const std::filesystem::path &path, const std::vector<Expected> &expected, std::size_t rowCount)
{
    nlohmann::json header;
    std::vector<nlohmann::json> rows;
    readWithDuckDb(path, header, rows);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(rows.size(), rowCount);
    for (std::size_t c = 0; c < expected.size(); ++c) {
        const std::string &name = expected[c].column.name;
        QCOMPARE(header["columns"][c].get<std::string>(), name);
        QVERIFY2(header["types"][c] == expected[c].duckType,
                 qPrintable(QString::fromStdString(name + ": DuckDB reads " + header["types"][c].dump())));
        for (std::size_t r = 0; r < rowCount; ++r)
            QVERIFY2(rows[r][c] == expected[c].cells[r],
                     qPrintable(QString::fromStdString(name + ", row " + std::to_string(r) + ": DuckDB reads " +
                                                       rows[r][c].dump() + ", expected " + expected[c].cells[r].dump())));
    }
}

std::string fileBytes(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::span<const std::byte> bytesOf(std::string_view text, std::size_t offset = 0)
{
    return std::as_bytes(std::span(text.data(), text.size())).subspan(offset);
}

parquet::FileMetaData footerOf(const std::string &file)
{
    std::uint32_t length = 0;
    std::memcpy(&length, file.data() + file.size() - 8, 4);
    return parquet::decodeFileMetaData(bytesOf(std::string_view(file).substr(file.size() - 8 - length, length)));
}

// CRC-32 (ISO-HDLC, zlib's), bit by bit: an implementation independent of the writer's zlib call.
std::uint32_t crc32(std::string_view bytes)
{
    std::uint32_t crc = 0xffffffffu;
    for (const char byte : bytes) {
        crc ^= static_cast<std::uint8_t>(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

struct Page {
    parquet::PageHeader header;
    bool crcMatches = false;
};

// The pages of a column chunk, walked from its first page through its compressed size.
std::vector<Page> pagesOf(const std::string &file, const parquet::ColumnMetaData &chunk)
{
    std::vector<Page> pages;
    std::size_t offset = static_cast<std::size_t>(chunk.dictionaryPageOffset.value_or(chunk.dataPageOffset));
    const std::size_t end = offset + static_cast<std::size_t>(chunk.totalCompressedSize);
    while (offset < end) {
        std::size_t consumed = 0;
        Page page;
        page.header = parquet::decodePageHeader(bytesOf(std::string_view(file).substr(0, end), offset), consumed);
        offset += consumed;
        const std::string_view data = std::string_view(file).substr(offset, static_cast<std::size_t>(page.header.compressedPageSize));
        page.crcMatches = page.header.crc && static_cast<std::uint32_t>(*page.header.crc) == crc32(data);
        offset += data.size();
        pages.push_back(page);
    }
    return pages;
}

bool hasEncoding(const parquet::ColumnMetaData &chunk, Encoding encoding)
{
    return std::find(chunk.encodings.begin(), chunk.encodings.end(), encoding) != chunk.encodings.end();
}

template <typename T>
std::string plainBytes(T value)
{
    std::string bytes(sizeof(T), '\0');
    std::memcpy(bytes.data(), &value, sizeof(T));
    return bytes;
}

} // namespace

namespace QTest {
template <>
char *toString(const std::string &value)
{
    return toString(QString::fromStdString(value));
}
} // namespace QTest

class tst_ParquetWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void duckDbReadsEveryType_data();
    void duckDbReadsEveryType();
    void duckDbReadsManyRowGroupsAndPages();
    void emptyTableKeepsItsSchema();
    void schemaCarriesLogicalAndConvertedTypes();
    void statisticsFollowTheSortOrders();
    void statisticsCanBeLeftOut();
    void roundTripThroughOwnReader_data();
    void roundTripThroughOwnReader();
    void bytesAreTheFile();
    void float16RoundsToNearestEven_data();
    void float16RoundsToNearestEven();
    void decimalTextIsParsedExactly_data();
    void decimalTextIsParsedExactly();
    void unwritablePathIsAnErrorNamingTheFile();
    void existingFileIsReplaced();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

void tst_ParquetWriter::duckDbReadsEveryType_data()
{
    QTest::addColumn<int>("codec");
    QTest::addColumn<QString>("encoding");

    const std::pair<Codec, const char *> codecs[] = {{Codec::Uncompressed, "uncompressed"}, {Codec::Snappy, "snappy"},
                                                     {Codec::Gzip, "gzip"},                 {Codec::Zstd, "zstd"},
                                                     {Codec::Lz4Raw, "lz4_raw"},            {Codec::Brotli, "brotli"}};
    for (const auto &[codec, name] : codecs)
        QTest::newRow(name) << int(codec) << "dictionary";
    QTest::newRow("plain") << int(Codec::Snappy) << "plain";
    QTest::newRow("dictionary too large") << int(Codec::Snappy) << "fallback";
}

void tst_ParquetWriter::duckDbReadsEveryType()
{
    if (const QString why = duckDbUnavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QFETCH(int, codec);
    QFETCH(QString, encoding);

    const auto expected = everyType();
    parquet::WriteOptions options;
    options.codec = Codec(codec);
    options.rowGroupRows = 4; // two row groups, the second partial
    options.pageBytes = 8;    // pages of one or two values
    options.dictionary = encoding != "plain";
    if (encoding == "fallback")
        options.dictionaryBytes = 1;
    const auto file = path("every_type.parquet");
    parquet::writeParquet(file, tableOf(expected), options);
    compareWithDuckDb(file, expected, 6);

    // The first row group repeats values: there, and only there, the dictionary pays (BOOLEAN never has one).
    const parquet::FileMetaData footer = footerOf(fileBytes(file));
    QCOMPARE(footer.rowGroups.size(), std::size_t(2));
    for (std::size_t c = 0; c < expected.size(); ++c) {
        const auto &chunk = *footer.rowGroups[0].columns[c].metaData;
        const bool dictionary = encoding == "dictionary" && expected[c].column.name != "flag";
        QVERIFY2(hasEncoding(chunk, Encoding::RleDictionary) == dictionary, expected[c].column.name.c_str());
        QCOMPARE(chunk.dictionaryPageOffset.has_value(), dictionary);
        QVERIFY(chunk.codec == Codec(codec));
        QVERIFY(!hasEncoding(*footer.rowGroups[1].columns[c].metaData, Encoding::RleDictionary));
    }
}

void tst_ParquetWriter::duckDbReadsManyRowGroupsAndPages()
{
    if (const QString why = duckDbUnavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    const h5::Table table = manyRows();
    const std::size_t rows = table.rowCount();
    parquet::WriteOptions options;
    options.codec = Codec::Zstd;
    options.rowGroupRows = 10'000;
    options.pageBytes = 4096;
    options.dictionaryBytes = 64 * 1024; // less than 10,000 distinct strings or doubles take
    const auto file = path("many.parquet");
    parquet::writeParquet(file, table, options);

    nlohmann::json header;
    std::vector<nlohmann::json> read;
    readWithDuckDb(file, header, read);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE_JSON(header["types"], nlohmann::json({"BIGINT", "INTEGER", "VARCHAR", "VARCHAR", "DOUBLE", "VARCHAR", "DOUBLE",
                                                   "BOOLEAN", "TIMESTAMP WITH TIME ZONE"}));
    QCOMPARE(read.size(), rows);
    const auto two = [](std::int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    for (std::size_t i = 0; i < rows; ++i) {
        const auto n = static_cast<std::int64_t>(i);
        const nlohmann::json expected = {
            std::to_string(n * 1'000'003 - 25'000'000'000),
            i % 3 != 0 ? nlohmann::json(n - 25'000) : nlohmann::json(nullptr),
            i % 7 != 0 ? nlohmann::json("cat" + std::to_string(i % 10)) : nlohmann::json(nullptr),
            "same",
            nullptr,
            "row-" + std::to_string(i),
            static_cast<double>(n) * 0.25,
            i % 3 == 1,
            "1970-01-01 " + two(n / 3600) + ":" + two(n / 60 % 60) + ":" + two(n % 60) + "+00",
        };
        if (read[i] != expected)
            QFAIL(qPrintable(QString::fromStdString("row " + std::to_string(i) + ": DuckDB reads " + read[i].dump() +
                                                    ", expected " + expected.dump())));
    }

    // Five row groups; every page checksummed; pages that add up to the chunk; several data pages where the
    // values take more than pageBytes; the dictionary only where it stays under dictionaryBytes and has fewer
    // entries than values ("constant" has 0-bit indices).
    const std::string bytes = fileBytes(file);
    const parquet::FileMetaData footer = footerOf(bytes);
    QCOMPARE(footer.numRows, std::int64_t(rows));
    QCOMPARE(footer.rowGroups.size(), std::size_t(5));
    QCOMPARE(footer.rowGroups.back().numRows, std::int64_t(10'000));
    const bool dictionary[] = {false, false, true, true, false, false, false, false, false};
    const bool severalPages[] = {true, true, true, false, false, true, true, false, true};
    for (const auto &group : footer.rowGroups) {
        for (std::size_t c = 0; c < group.columns.size(); ++c) {
            const auto &chunk = *group.columns[c].metaData;
            const QByteArray name = QByteArray::fromStdString(chunk.pathInSchema.front());
            QCOMPARE(chunk.numValues, group.numRows);
            QVERIFY2(hasEncoding(chunk, Encoding::RleDictionary) == dictionary[c], name);
            const std::vector<Page> pages = pagesOf(bytes, chunk);
            QVERIFY2((pages.size() > (dictionary[c] ? 2u : 1u)) == severalPages[c], name);
            std::int64_t values = 0, nulls = 0;
            for (std::size_t p = 0; p < pages.size(); ++p) {
                QVERIFY2(pages[p].crcMatches, name);
                if (p == 0 && dictionary[c]) {
                    QVERIFY(pages[p].header.type == parquet::PageType::DictionaryPage);
                    continue;
                }
                QVERIFY(pages[p].header.type == parquet::PageType::DataPage);
                values += pages[p].header.dataPageHeader->numValues;
                nulls += pages[p].header.dataPageHeader->statistics->nullCount.value();
            }
            QCOMPARE(values, chunk.numValues);
            QCOMPARE(nulls, chunk.statistics->nullCount.value());
        }
    }
}

void tst_ParquetWriter::emptyTableKeepsItsSchema()
{
    if (const QString why = duckDbUnavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    h5::Table table;
    table.addColumn("when", std::vector<std::int64_t>{}, {}, timeType(Kind::Timestamp, h5::TimeUnit::Millis));
    table.addColumn("amount", std::vector<std::string>{}, {}, decimalType(30, 4));
    const auto file = path("empty.parquet");
    parquet::writeParquet(file, table);
    nlohmann::json header;
    std::vector<nlohmann::json> rows;
    readWithDuckDb(file, header, rows);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE_JSON(header["types"], nlohmann::json({"TIMESTAMP", "DECIMAL(30,4)"}));
    QVERIFY(rows.empty());
    const parquet::FileMetaData footer = footerOf(fileBytes(file));
    QVERIFY(footer.rowGroups.empty());
    QCOMPARE(footer.numRows, std::int64_t(0));
}

void tst_ParquetWriter::schemaCarriesLogicalAndConvertedTypes()
{
    using parquet::ConvertedType;
    using parquet::LogicalType;
    using parquet::Type;
    struct Leaf {
        Type type;
        std::optional<std::int32_t> typeLength;
        std::optional<LogicalType::Kind> logical;
        std::optional<ConvertedType> converted;
    };
    // The columns of everyType(), in order.
    const Leaf leaves[] = {
        {Type::Int32, {}, LogicalType::Kind::Integer, ConvertedType::Int8},
        {Type::Int32, {}, LogicalType::Kind::Integer, ConvertedType::Int16},
        {Type::Int32, {}, LogicalType::Kind::Integer, ConvertedType::Int32},
        {Type::Int64, {}, LogicalType::Kind::Integer, ConvertedType::Int64},
        {Type::Int32, {}, LogicalType::Kind::Integer, ConvertedType::Uint8},
        {Type::Int32, {}, LogicalType::Kind::Integer, ConvertedType::Uint16},
        {Type::Int32, {}, LogicalType::Kind::Integer, ConvertedType::Uint32},
        {Type::Int64, {}, LogicalType::Kind::Integer, ConvertedType::Uint64},
        {Type::Float, {}, {}, {}},
        {Type::Double, {}, {}, {}},
        {Type::Boolean, {}, {}, {}},
        {Type::ByteArray, {}, LogicalType::Kind::String, ConvertedType::Utf8},
        {Type::ByteArray, {}, {}, {}},
        // The converted TIMESTAMP_* types mean UTC, and have no nanoseconds.
        {Type::Int64, {}, LogicalType::Kind::Timestamp, {}},
        {Type::Int64, {}, LogicalType::Kind::Timestamp, ConvertedType::TimestampMicros},
        {Type::Int64, {}, LogicalType::Kind::Timestamp, ConvertedType::TimestampMillis},
        {Type::Int64, {}, LogicalType::Kind::Timestamp, {}},
        {Type::Int64, {}, LogicalType::Kind::Timestamp, {}},
        {Type::Int32, {}, LogicalType::Kind::Date, ConvertedType::Date},
        {Type::Int32, {}, LogicalType::Kind::Time, {}},
        {Type::Int64, {}, LogicalType::Kind::Time, {}},
        {Type::Int64, {}, LogicalType::Kind::Time, {}},
        {Type::Int32, {}, LogicalType::Kind::Decimal, ConvertedType::Decimal},
        {Type::Int64, {}, LogicalType::Kind::Decimal, ConvertedType::Decimal},
        {Type::FixedLenByteArray, 13, LogicalType::Kind::Decimal, ConvertedType::Decimal},
        {Type::FixedLenByteArray, 16, LogicalType::Kind::Decimal, ConvertedType::Decimal},
        {Type::FixedLenByteArray, 9, LogicalType::Kind::Decimal, ConvertedType::Decimal},
        {Type::FixedLenByteArray, 2, LogicalType::Kind::Float16, {}},
    };
    const auto expected = everyType();
    QCOMPARE(std::size(leaves), expected.size());
    parquet::WriteOptions options;
    options.keyValueMetadata = {{"origin", "macroscope test"}, {"empty", std::nullopt}};
    const parquet::FileMetaData footer = footerOf(parquet::writeParquetBytes(tableOf(expected), options));

    QCOMPARE(footer.version, 2);
    QCOMPARE(footer.createdBy.value(), "macroscope version " + core::version());
    QCOMPARE(footer.keyValueMetadata.size(), std::size_t(2));
    QCOMPARE(footer.keyValueMetadata[0].value.value(), std::string("macroscope test"));
    QVERIFY(!footer.keyValueMetadata[1].value);
    QVERIFY(footer.columnOrders == std::vector<parquet::ColumnOrder>(expected.size(), parquet::ColumnOrder::TypeDefined));
    QCOMPARE(footer.schema.size(), expected.size() + 1);
    QCOMPARE(footer.schema[0].name, std::string("schema"));
    QCOMPARE(footer.schema[0].numChildren.value(), static_cast<std::int32_t>(expected.size()));
    QVERIFY(!footer.schema[0].type);
    for (std::size_t c = 0; c < expected.size(); ++c) {
        const parquet::SchemaElement &element = footer.schema[c + 1];
        const h5::Column &column = expected[c].column;
        const QByteArray name = QByteArray::fromStdString(column.name);
        QCOMPARE(element.name, column.name);
        QVERIFY2(element.type == leaves[c].type, name);
        QVERIFY2(element.typeLength == leaves[c].typeLength, name);
        QVERIFY2(element.convertedType == leaves[c].converted, name);
        QVERIFY2(element.logicalType.has_value() == leaves[c].logical.has_value(), name);
        if (element.logicalType)
            QVERIFY2(element.logicalType->kind == *leaves[c].logical, name);
        QVERIFY2(element.repetitionType == (column.valid.empty() ? parquet::Repetition::Required : parquet::Repetition::Optional),
                 name);
        if (element.logicalType && element.logicalType->kind == LogicalType::Kind::Integer) {
            const bool isSigned = *element.convertedType >= ConvertedType::Int8;
            QVERIFY2(element.logicalType->isSigned == isSigned, name);
        }
        if (column.type.kind == Kind::Decimal) {
            QCOMPARE(element.precision.value(), column.type.precision);
            QCOMPARE(element.scale.value(), column.type.scale);
            QCOMPARE(element.logicalType->precision, column.type.precision);
            QCOMPARE(element.logicalType->scale, column.type.scale);
        }
        if (column.type.kind == Kind::Timestamp || column.type.kind == Kind::Time)
            QVERIFY2(element.logicalType->isAdjustedToUTC == column.type.utc, name);
    }
    QCOMPARE(footer.schema[1].logicalType->bitWidth, std::int8_t(8));
    QCOMPARE(footer.schema[8].logicalType->bitWidth, std::int8_t(64));
    QVERIFY(footer.schema[20].logicalType->unit == parquet::LogicalTimeUnit::Millis);
    QVERIFY(footer.schema[22].logicalType->unit == parquet::LogicalTimeUnit::Nanos);
}

void tst_ParquetWriter::statisticsFollowTheSortOrders()
{
    using I64 = std::numeric_limits<std::int64_t>;
    const float fnan = std::numeric_limits<float>::quiet_NaN();
    h5::Table table;
    table.addColumn("i64", std::vector<std::int64_t>{I64::max(), 0, I64::min(), 5});
    table.addColumn("u64", std::vector<std::uint64_t>{0, std::numeric_limits<std::uint64_t>::max(), 5, 1u << 31});
    table.addColumn("u32", std::vector<std::uint32_t>{1, 4294967295u, 2147483648u, 7});
    table.addColumn("text", std::vector<std::string>{"b", "", "\xff", "a"}, {1, 1, 1, 0});
    table.addColumn("f64", std::vector<double>{notANumber, -0.0, 3.0, -infinity});
    table.addColumn("zeros", std::vector<double>{0.0, 0.0, 0.0, 0.0});
    table.addColumn("nans", std::vector<float>{fnan, fnan, fnan, fnan});
    table.addColumn("nulls", std::vector<std::int8_t>{0, 0, 0, 0}, {0, 0, 0, 0});
    table.addColumn("flag", std::vector<h5::Bool>{h5::Bool::True, h5::Bool::True, h5::Bool::False, h5::Bool::True});
    table.addColumn("d30", std::vector<std::string>{"-1", "2", "0", "-0.5"}, {}, decimalType(30, 1));
    table.addColumn("half", std::vector<float>{0.0f, 2.0f, fnan, 1.0f}, {}, {.kind = Kind::Float16});
    table.addColumn("d9", std::vector<std::int64_t>{-5, 3, 0, 2}, {}, decimalType(9, 0));
    table.addColumn("long", std::vector<std::string>{std::string(5000, 'x'), "short", "", "z"}, {1, 1, 1, 0});

    parquet::WriteOptions options;
    options.dictionary = false;
    const parquet::FileMetaData footer = footerOf(parquet::writeParquetBytes(table, options));
    const auto statistics = [&](std::size_t column) { return footer.rowGroups.at(0).columns.at(column).metaData->statistics.value(); };
    const auto check = [&](std::size_t column, const std::string &min, const std::string &max, std::int64_t nulls) {
        const parquet::Statistics s = statistics(column);
        const QByteArray name = QByteArray::fromStdString(table.columns()[column].name);
        QVERIFY2(s.minValue == min, name);
        QVERIFY2(s.maxValue == max, name);
        QVERIFY2(s.nullCount == nulls, name);
    };

    check(0, plainBytes(I64::min()), plainBytes(I64::max()), 0);
    // Unsigned order over the bit patterns.
    check(1, plainBytes(std::uint64_t(0)), plainBytes(std::numeric_limits<std::uint64_t>::max()), 0);
    check(2, plainBytes(std::uint32_t(1)), plainBytes(std::uint32_t(4294967295u)), 0);
    // Byte arrays without a length prefix, ordered by unsigned bytes; the null row counts but does not order.
    check(3, "", "\xff", 1);
    // NaN ignored; a zero minimum is -0.0.
    check(4, plainBytes(-infinity), plainBytes(3.0), 0);
    check(5, plainBytes(-0.0), plainBytes(0.0), 0);
    // Only NaN, only nulls: no bounds, the null count still.
    QVERIFY(!statistics(6).minValue && !statistics(6).maxValue);
    QCOMPARE(statistics(6).nullCount.value(), std::int64_t(0));
    QVERIFY(!statistics(7).minValue && !statistics(7).maxValue);
    QCOMPARE(statistics(7).nullCount.value(), std::int64_t(4));
    check(8, std::string(1, '\0'), std::string(1, '\1'), 0);
    // DECIMAL(30,1) in FIXED_LEN_BYTE_ARRAY(13), signed big-endian: -1.0 (unscaled -10, 0xff...f6) is the minimum.
    check(9, std::string(12, '\xff') + "\xf6", std::string(12, '\0') + "\x14", 0);
    // FLOAT16: little-endian halves; NaN ignored, the zero minimum as -0.
    check(10, std::string("\x00\x80", 2), std::string("\x00\x40", 2), 0);
    check(11, plainBytes(std::int32_t(-5)), plainBytes(std::int32_t(3)), 0);
    // A 5000-byte value would be copied into every footer and page header: no bounds.
    QVERIFY(!statistics(12).minValue);
    QCOMPARE(statistics(12).nullCount.value(), std::int64_t(1));
}

void tst_ParquetWriter::statisticsCanBeLeftOut()
{
    h5::Table table;
    table.addColumn("x", std::vector<double>{1, 2, 3});
    parquet::WriteOptions options;
    options.statistics = false;
    const std::string bytes = parquet::writeParquetBytes(table, options);
    const parquet::FileMetaData footer = footerOf(bytes);
    const auto &chunk = *footer.rowGroups.at(0).columns.at(0).metaData;
    QVERIFY(!chunk.statistics);
    for (const Page &page : pagesOf(bytes, chunk))
        QVERIFY(!page.header.dataPageHeader || !page.header.dataPageHeader->statistics);
}

void tst_ParquetWriter::roundTripThroughOwnReader_data()
{
    QTest::addColumn<bool>("many");
    QTest::addColumn<bool>("dictionary");
    QTest::addColumn<int>("rowGroupRows");
    QTest::addColumn<int>("pageBytes");

    QTest::newRow("every type") << false << true << 4 << 8;
    QTest::newRow("every type, plain") << false << false << 1'000'000 << (1 << 20);
    QTest::newRow("many rows") << true << true << 10'000 << 4096;
}

void tst_ParquetWriter::roundTripThroughOwnReader()
{
    QFETCH(bool, many);
    QFETCH(bool, dictionary);
    QFETCH(int, rowGroupRows);
    QFETCH(int, pageBytes);
    const h5::Table table = many ? manyRows() : tableOf(everyType());
    parquet::WriteOptions options;
    options.codec = Codec::Zstd;
    options.dictionary = dictionary;
    options.rowGroupRows = std::size_t(rowGroupRows);
    options.pageBytes = std::size_t(pageBytes);
    const auto file = path("round_trip.parquet");
    std::filesystem::remove(file);
    parquet::writeParquet(file, table, options);
    QString difference;
    QVERIFY2(sameTable(table, parquet::ParquetReader(file).read(), difference), qPrintable(difference));
}

void tst_ParquetWriter::bytesAreTheFile()
{
    const h5::Table table = tableOf(everyType());
    const auto file = path("bytes.parquet");
    parquet::writeParquet(file, table);
    const std::string bytes = parquet::writeParquetBytes(table);
    QCOMPARE(fileBytes(file), bytes);
    QCOMPARE(bytes.substr(0, 4), std::string("PAR1"));
    QCOMPARE(bytes.substr(bytes.size() - 4), std::string("PAR1"));
}

void tst_ParquetWriter::float16RoundsToNearestEven_data()
{
    QTest::addColumn<float>("value");
    QTest::addColumn<int>("half");

    QTest::newRow("one") << 1.0f << 0x3c00;
    QTest::newRow("-2") << -2.0f << 0xc000;
    QTest::newRow("largest") << 65504.0f << 0x7bff;
    QTest::newRow("below the overflow tie") << 65519.0f << 0x7bff;
    QTest::newRow("overflow tie to infinity") << 65520.0f << 0x7c00;
    QTest::newRow("infinity") << std::numeric_limits<float>::infinity() << 0x7c00;
    QTest::newRow("-infinity") << -std::numeric_limits<float>::infinity() << 0xfc00;
    QTest::newRow("-0") << -0.0f << 0x8000;
    QTest::newRow("0.1") << 0.1f << 0x2e66;
    QTest::newRow("tie down to even") << 1.0f + std::ldexp(1.0f, -11) << 0x3c00;
    QTest::newRow("tie up to even") << 1.0f + 3 * std::ldexp(1.0f, -11) << 0x3c02;
    QTest::newRow("above the tie") << 1.0f + std::ldexp(1.0f, -11) + std::ldexp(1.0f, -20) << 0x3c01;
    QTest::newRow("smallest normal") << std::ldexp(1.0f, -14) << 0x0400;
    QTest::newRow("largest subnormal") << std::ldexp(1023.0f, -24) << 0x03ff;
    QTest::newRow("rounds up to normal") << std::ldexp(2047.0f, -25) << 0x0400;
    QTest::newRow("smallest subnormal") << std::ldexp(1.0f, -24) << 0x0001;
    QTest::newRow("underflow tie to zero") << std::ldexp(1.0f, -25) << 0x0000;
    QTest::newRow("above the underflow tie") << std::ldexp(1.0f, -25) * 1.0001f << 0x0001;
    QTest::newRow("subnormal tie to even") << std::ldexp(3.0f, -25) << 0x0002;
    QTest::newRow("tiny negative") << -1e-30f << 0x8000;
}

void tst_ParquetWriter::float16RoundsToNearestEven()
{
    QFETCH(float, value);
    QFETCH(int, half);
    QCOMPARE(int(parquet::floatToHalf(value)), half);
    // Every half is a float: the way back is exact.
    if (std::isfinite(value) && std::abs(value) <= 65504.0f && parquet::halfToFloat(std::uint16_t(half)) == value)
        QCOMPARE(int(parquet::floatToHalf(parquet::halfToFloat(std::uint16_t(half)))), half);
}

void tst_ParquetWriter::decimalTextIsParsedExactly_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("precision");
    QTest::addColumn<int>("scale");
    QTest::addColumn<QString>("unscaled"); // empty: rejected

    QTest::newRow("scale digits") << "-1234.5678" << 30 << 4 << "-12345678";
    QTest::newRow("padded") << "1.5" << 30 << 4 << "15000";
    QTest::newRow("integer") << "42" << 20 << 2 << "4200";
    QTest::newRow("zero fraction past scale") << "1.2300" << 20 << 2 << "123";
    QTest::newRow("plus and bare point") << "+.5" << 20 << 1 << "5";
    QTest::newRow("38 nines") << "99999999999999999999999999999999999999" << 38 << 0
                              << "99999999999999999999999999999999999999";
    QTest::newRow("-38 nines") << "-9999999999999999999999999999999999999.9" << 38 << 1
                               << "-99999999999999999999999999999999999999";
    QTest::newRow("too many digits") << "100000000000000000000000000000000000000" << 38 << 0 << "";
    QTest::newRow("integer digits past precision - scale") << "123" << 20 << 18 << "";
    QTest::newRow("fraction past scale") << "1.234" << 20 << 2 << "";
    QTest::newRow("empty") << "" << 20 << 2 << "";
    QTest::newRow("sign only") << "-" << 20 << 2 << "";
    QTest::newRow("point only") << "." << 20 << 2 << "";
    QTest::newRow("exponent") << "1e5" << 20 << 2 << "";
    QTest::newRow("two points") << "1.2.3" << 20 << 4 << "";
    QTest::newRow("space") << " 1" << 20 << 2 << "";
    QTest::newRow("two signs") << "--1" << 20 << 2 << "";
}

void tst_ParquetWriter::decimalTextIsParsedExactly()
{
    QFETCH(QString, text);
    QFETCH(int, precision);
    QFETCH(int, scale);
    QFETCH(QString, unscaled);
    const std::optional<parquet::Int128> value = parquet::unscaledDecimal(text.toStdString(), precision, scale);
    QCOMPARE(value.has_value(), !unscaled.isEmpty());
    if (!value)
        return;
    parquet::Unsigned128 magnitude = *value < 0 ? -static_cast<parquet::Unsigned128>(*value) : static_cast<parquet::Unsigned128>(*value);
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(magnitude % 10)));
        magnitude /= 10;
    } while (magnitude != 0);
    QCOMPARE(QString::fromStdString((*value < 0 ? "-" : "") + digits), unscaled);
}

void tst_ParquetWriter::unwritablePathIsAnErrorNamingTheFile()
{
    h5::Table table;
    table.addColumn("x", std::vector<double>{1, 2, 3});
    {
        std::ofstream(path("plain_file")) << "not a folder";
    }
    for (const auto &file : {path("missing") / "t.parquet", path("plain_file") / "t.parquet"}) {
        try {
            parquet::writeParquet(file, table);
            QFAIL("no error");
        } catch (const core::Error &error) {
            QVERIFY2(QString(error.what()).startsWith(QString::fromStdString(file.string() + ": ")), error.what());
        }
        QVERIFY(!std::filesystem::exists(file));
        QVERIFY(!std::filesystem::exists(files::partialPathFor(file)));
    }
}

void tst_ParquetWriter::existingFileIsReplaced()
{
    const auto file = path("replaced.parquet");
    h5::Table first, second;
    first.addColumn("x", std::vector<double>{1, 2, 3});
    second.addColumn("y", std::vector<std::string>{"a"});
    parquet::writeParquet(file, first);
    parquet::writeParquet(file, second);
    QCOMPARE(fileBytes(file), parquet::writeParquetBytes(second));
    QVERIFY(!std::filesystem::exists(files::partialPathFor(file)));
}

QTEST_GUILESS_MAIN(tst_ParquetWriter)
#include "tst_parquetwriter.moc"
