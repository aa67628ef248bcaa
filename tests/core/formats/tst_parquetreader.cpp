#include "core/error.h"
#include "core/formats/parquet/compression.h"
#include "core/formats/parquet/parquetreader.h"
#include "tests/support/nodeoracle.h"

#include <nlohmann/json.hpp>

#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtCore/QProcessEnvironment>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <new>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace QTest {
template <>
char *toString(const std::string &value)
{
    return toString(QString::fromStdString(value));
}
template <>
char *toString(const h5::ColumnType &value)
{
    return toString(QString("{kind %1, unit %2, utc %3, precision %4, scale %5}")
                        .arg(static_cast<int>(value.kind))
                        .arg(static_cast<int>(value.unit))
                        .arg(value.utc)
                        .arg(value.precision)
                        .arg(value.scale));
}
} // namespace QTest

namespace {

using Kind = h5::ColumnType::Kind;

const QString corpus = MACROSCOPE_SHARED_DATA_DIR "/parquet";

std::filesystem::path corpusFile(const QString &name)
{
    return (corpus + "/" + name).toStdString();
}

#define SKIP_WITHOUT_CORPUS()                                                                                  \
    if (!QDir(corpus).exists())                                                                                \
    QSKIP(qPrintable("the Apache parquet-testing files are not at " + corpus + " (CI may lack ../shared/data)"))

// Under AddressSanitizer the same tests check memory safety; DuckDB comparisons would only add minutes of
// node start-ups (they run in the uninstrumented tst_parquetreader).
#ifdef MACROSCOPE_PARQUET_ASAN
constexpr bool compareWithDuckDb = false;
#else
constexpr bool compareWithDuckDb = true;
#endif

struct DuckDbRows {
    std::vector<std::string> columns;
    std::vector<std::string> types;
    std::vector<nlohmann::json> rows;
};

// The file as DuckDB reads it (tests/oracle/parquet_rows.mjs), or nothing when DuckDB refuses it.
std::optional<DuckDbRows> duckDbRows(const std::filesystem::path &file, QString &error)
{
    const QByteArray output = runOracle("parquet_rows.mjs", {QString::fromStdString(file.string())}, error);
    if (output.isNull())
        return std::nullopt;
    const QList<QByteArray> lines = output.trimmed().split('\n');
    const nlohmann::json header = nlohmann::json::parse(lines.front().toStdString());
    DuckDbRows result{header["columns"].get<std::vector<std::string>>(),
                      header["types"].get<std::vector<std::string>>(),
                      {}};
    for (qsizetype i = 1; i < lines.size(); ++i)
        result.rows.push_back(nlohmann::json::parse(lines[i].toStdString()));
    return result;
}

// Writes a file with DuckDB (tests/oracle/parquet_copy.mjs): COPY (query) TO file (FORMAT parquet, options).
void duckDbWrite(const std::filesystem::path &file, const std::string &query, const QStringList &options)
{
    QString error;
    const QByteArray output = runOracle(
        "parquet_copy.mjs", QStringList{QString::fromStdString(file.string()), QString::fromStdString(query)} + options,
        error);
    QVERIFY2(!output.isNull(), qPrintable(error));
}

// The message of the core::Error that `read` throws, or "no error".
template <typename Read>
std::string errorOf(Read read)
{
    try {
        read();
    } catch (const core::Error &error) {
        return error.what();
    }
    return "no error";
}

h5::Table readFile(const std::filesystem::path &file, const parquet::ReadOptions &options = {})
{
    return parquet::ParquetReader(file).read(options);
}

// errorOf(work), run in a child process whose address space may grow by `budget` bytes only: an allocation
// beyond it turns into "out of memory" (or std::bad_alloc) instead of the expected message.
template <typename Work>
std::string errorWithin(std::size_t budget, Work work)
{
    int channel[2];
    if (pipe(channel) != 0)
        qFatal("cannot create a pipe");
    const pid_t child = fork();
    if (child < 0)
        qFatal("cannot fork");
    if (child == 0) {
        close(channel[0]);
        std::size_t pages = 0;
        std::ifstream("/proc/self/statm") >> pages; // the address space's size so far
        const rlim_t limit = pages * static_cast<std::size_t>(sysconf(_SC_PAGESIZE)) + budget;
        const rlimit bound{limit, limit};
        std::string message = setrlimit(RLIMIT_AS, &bound) == 0 ? "" : "cannot limit the address space";
        if (message.empty()) {
            try {
                message = errorOf(work);
            } catch (const std::bad_alloc &) {
                message = "std::bad_alloc";
            } catch (const std::exception &error) {
                message = std::string("unexpected exception: ") + error.what();
            }
        }
        const bool written = write(channel[1], message.data(), message.size()) == static_cast<ssize_t>(message.size());
        _exit(written ? 0 : 1);
    }
    close(channel[1]);
    std::string message;
    char buffer[4096];
    for (ssize_t n; (n = read(channel[0], buffer, sizeof buffer)) > 0;)
        message.append(buffer, static_cast<std::size_t>(n));
    close(channel[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return "the child process failed (wait status " + std::to_string(status) + ")";
    return message;
}

template <typename T>
const std::vector<T> &values(const h5::Table &table, const char *column)
{
    const h5::Column *found = table.find(column);
    if (!found)
        throw std::runtime_error(std::string("no column ") + column);
    return std::get<std::vector<T>>(found->data);
}

// A cell as DuckDB's JSON rows show it, the normalisation the comparison rests on. Per type: null as
// null; booleans as true/false; integers as numbers, but BIGINT and UBIGINT as strings; FLOAT and DOUBLE as
// the double value, NaN and infinities as "NaN", "Infinity", "-Infinity"; VARCHAR as it is; BLOB as text with
// bytes outside printable ASCII and quotes written \xHH (upper case); DECIMAL as its exact text with `scale`
// fraction digits; DATE as 2009-03-01, years before 1 as "0006-03-01 (BC)"; TIME and TIMESTAMP at the
// precision of DuckDB's type (TIMESTAMP: microseconds, TIMESTAMP_NS: nanoseconds, TIMESTAMP_MS ...), rounded
// down, without trailing zeros in the fraction, with "+00" for WITH TIME ZONE (node runs with TZ=UTC).

std::int64_t floorDiv(std::int64_t value, std::int64_t divisor)
{
    return value / divisor - (value % divisor < 0 ? 1 : 0);
}

// "2009-03-01", or "0006-03-01 (BC)" for the astronomical year -5 (H. Hinnant's civil_from_days).
std::string duckDate(std::int64_t days)
{
    days += 719468;
    const std::int64_t era = floorDiv(days, 146097);
    const std::int64_t dayOfEra = days - era * 146097;
    const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::int64_t shiftedMonth = (5 * dayOfYear + 2) / 153;
    const std::int64_t day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
    const std::int64_t month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
    const std::int64_t year = yearOfEra + era * 400 + (month <= 2);
    char text[64];
    std::snprintf(text, sizeof text, "%04lld-%02lld-%02lld%s", static_cast<long long>(year > 0 ? year : 1 - year),
                  static_cast<long long>(month), static_cast<long long>(day), year > 0 ? "" : " (BC)");
    return text;
}

// "13:45:00.25": a time of day from `units` since midnight, `digits` fraction digits per second, trailing
// zeros dropped.
std::string duckTimeOfDay(std::int64_t units, int digits)
{
    std::int64_t perSecond = 1;
    for (int i = 0; i < digits; ++i)
        perSecond *= 10;
    const std::int64_t seconds = units / perSecond, fraction = units % perSecond;
    char text[64];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
    std::string result = text;
    if (fraction != 0) {
        std::string decimals = std::to_string(fraction);
        decimals.insert(0, static_cast<std::size_t>(digits) - decimals.size(), '0');
        while (decimals.back() == '0')
            decimals.pop_back();
        result += "." + decimals;
    }
    return result;
}

int unitDigits(h5::TimeUnit unit)
{
    return unit == h5::TimeUnit::Millis ? 3 : unit == h5::TimeUnit::Micros ? 6 : 9;
}

// The fraction digits DuckDB shows for a time or timestamp type.
int duckDigits(const std::string &duckType)
{
    if (duckType.starts_with("TIMESTAMP_NS") || duckType.starts_with("TIME_NS"))
        return 9;
    if (duckType.starts_with("TIMESTAMP_MS"))
        return 3;
    if (duckType.starts_with("TIMESTAMP_S"))
        return 0;
    return 6;
}

// `value` in units of `from` fraction digits per second, in units of `to` (rounding down).
std::int64_t rescale(std::int64_t value, int from, int to)
{
    for (; from > to; --from)
        value = floorDiv(value, 10);
    for (; from < to; ++from)
        value *= 10;
    return value;
}

std::string zoneSuffix(const std::string &duckType)
{
    return duckType.find("WITH TIME ZONE") != std::string::npos ? "+00" : "";
}

std::string duckTimestamp(std::int64_t value, h5::TimeUnit unit, const std::string &duckType)
{
    const int digits = duckDigits(duckType);
    std::int64_t perDay = 86400;
    for (int i = 0; i < unitDigits(unit); ++i)
        perDay *= 10;
    const std::int64_t days = floorDiv(value, perDay);
    const std::int64_t ofDay = rescale(value - days * perDay, unitDigits(unit), digits);
    return duckDate(days) + " " + duckTimeOfDay(ofDay, digits) + zoneSuffix(duckType);
}

std::string decimalText(std::int64_t unscaled, int scale)
{
    std::string digits = std::to_string(unscaled < 0 ? -static_cast<std::uint64_t>(unscaled)
                                                     : static_cast<std::uint64_t>(unscaled));
    if (static_cast<int>(digits.size()) <= scale)
        digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
    if (scale > 0)
        digits.insert(digits.size() - static_cast<std::size_t>(scale), ".");
    return (unscaled < 0 ? "-" : "") + digits;
}

std::string blobText(const std::string &bytes)
{
    std::string text;
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 32 && byte <= 126 && c != '\'' && c != '"') {
            text += c;
        } else {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
            text += escaped;
        }
    }
    return text;
}

nlohmann::json duckCell(const h5::Column &column, std::size_t row, const std::string &duckType)
{
    if (column.isNull(row))
        return nullptr;
    const h5::ColumnType &type = column.type;
    return std::visit(
        [&](const auto &cells) -> nlohmann::json {
            using T = typename std::decay_t<decltype(cells)>::value_type;
            const T &value = cells[row];
            if constexpr (std::is_same_v<T, std::string>) {
                return type.kind == Kind::Binary ? blobText(value) : value;
            } else if constexpr (std::is_same_v<T, h5::Bool>) {
                return value == h5::Bool::True;
            } else if constexpr (std::is_floating_point_v<T>) {
                if (std::isnan(value))
                    return "NaN";
                if (std::isinf(value))
                    return value > 0 ? "Infinity" : "-Infinity";
                return static_cast<double>(value);
            } else {
                switch (type.kind) {
                case Kind::Decimal: return decimalText(static_cast<std::int64_t>(value), type.scale);
                case Kind::Date: return duckDate(value);
                case Kind::Time:
                    return duckTimeOfDay(rescale(value, unitDigits(type.unit), duckDigits(duckType)),
                                         duckDigits(duckType)) +
                           zoneSuffix(duckType);
                case Kind::Timestamp: return duckTimestamp(static_cast<std::int64_t>(value), type.unit, duckType);
                default:
                    if (duckType == "BIGINT" || duckType == "UBIGINT" || duckType == "HUGEINT")
                        return std::to_string(value);
                    return value;
                }
            }
        },
        column.data);
}

// Compares `table` with DuckDB's rows of the same file, cell by cell, each column with DuckDB's column of
// the same name.
void compareWithRows(const h5::Table &table, const DuckDbRows &duck, const std::string &file)
{
    for (const h5::Column &column : table.columns()) {
        const auto found = std::find(duck.columns.begin(), duck.columns.end(), column.name);
        QVERIFY2(found != duck.columns.end(), qPrintable(QString::fromStdString(file + ": DuckDB has no column " +
                                                                                column.name)));
        const auto index = static_cast<std::size_t>(found - duck.columns.begin());
        QVERIFY2(column.size() == duck.rows.size(),
                 qPrintable(QString::fromStdString(file + ": " + column.name + ": " + std::to_string(column.size()) +
                                                   " rows, DuckDB " + std::to_string(duck.rows.size()))));
        for (std::size_t row = 0; row < column.size(); ++row) {
            const nlohmann::json ours = duckCell(column, row, duck.types[index]);
            const nlohmann::json &theirs = duck.rows[row][index];
            QVERIFY2(ours == theirs, qPrintable(QString::fromStdString(
                                         file + ": column " + column.name + " (" + duck.types[index] + "), row " +
                                         std::to_string(row) + ": ours " + ours.dump() + ", DuckDB " + theirs.dump())));
        }
    }
}

// Corpus files we reject although they are in data/, with the reason; DuckDB reads them because it does not
// check page CRCs. (nation.dict-malformed.parquet, whose chunk sizes leave out the dictionary page header as
// parquet-mr before 1.2.9 wrote them, reads and is compared with DuckDB like any other.)
const std::map<std::string, std::pair<std::string, std::string>> rejectedCorpusFiles = {
    {"datapage_v1-corrupt-checksum.parquet", {"page 0: CRC mismatch", "its first page's CRC is wrong on purpose"}},
    {"rle-dict-uncompressed-corrupt-checksum.parquet",
     {"CRC mismatch", "a page's CRC is wrong on purpose"}},
};

// Flat corpus files not compared with DuckDB, with the reason; the tests named check them by hand.
const std::map<std::string, std::string> notComparedWithDuckDb = {
    {"hadoop_lz4_compressed.parquet",
     "DuckDB does not read the LZ4 codec (Hadoop framing): lz4FramingsReadTheSameTable checks it"},
    {"hadoop_lz4_compressed_larger.parquet",
     "DuckDB does not read the LZ4 codec (Hadoop framing): lz4FramingsReadTheSameTable checks it"},
    {"non_hadoop_lz4_compressed.parquet",
     "DuckDB does not read the LZ4 codec (bare blocks): lz4FramingsReadTheSameTable checks it"},
    {"int96_from_spark.parquet",
     "its last value lies outside int64 microseconds, which DuckDB wraps around and we read in milliseconds: "
     "int96FromSparkKnownValues checks it"},
};

// Every type DuckDB writes, with nulls, NaN, pre-1970 dates and values past 32 and 64 bits.
const std::string allTypesQuery = R"(select
    i::INTEGER as id,
    case when i % 7 = 0 then null else i % 2 = 0 end as flag,
    (i % 256 - 128)::TINYINT as i8,
    (i % 256)::UTINYINT as u8,
    (i * 37 % 65536 - 32768)::SMALLINT as i16,
    (i * 13 % 65536)::USMALLINT as u16,
    case when i % 5 = 0 then null else i * 800003 - 2000000000 end::INTEGER as i32,
    (i * 2654435761 % 4294967296)::UINTEGER as u32,
    (i * 1234567890123 - 3000000000000000)::BIGINT as i64,
    (i::HUGEINT * 11400714819323198485 % 18446744073709551616)::UBIGINT as u64,
    (i / 3)::FLOAT as f32,
    case when i % 11 = 0 then null when i % 13 = 0 then 'nan'::DOUBLE else i / 7 - 300 end::DOUBLE as f64,
    case when i % 3 = 0 then null else 'text ' || i || repeat('é', i % 4) end as s,
    from_hex(printf('%02x%02x00ff', i % 256, (i * 7) % 256)) as bin,
    (i * 1.25 - 2000)::DECIMAL(9,2) as d9,
    (i * 12345.678 - 1e9)::DECIMAL(18,3) as d18,
    ((i - 2500)::HUGEINT * 1000000000000000000000000 + i * 12345)::DECIMAL(38,0)::DECIMAL(38,5)
        + ((i % 1000) / 1000)::DECIMAL(6,5) as d38,
    DATE '1970-01-01' + (i * 17 - 40000)::INTEGER as day,
    TIMESTAMP '1950-01-01' + to_microseconds(i * 987654321) as ts,
    TIMESTAMPTZ '2020-01-01 00:00:00+00' + to_milliseconds(i * 1001) as tstz,
    (TIMESTAMP '2000-01-01' + to_microseconds(i * 3))::TIMESTAMP_NS as tns,
    (TIMESTAMP '2000-01-01' + to_milliseconds(i * 3))::TIMESTAMP_MS as tms,
    TIME '00:00:00' + to_microseconds(i * 17000001) as t,
    'c' || (i % 5) as category
from range(0, 5000) t(i))";

void writeBytes(const std::filesystem::path &file, const std::string &bytes)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        qFatal("cannot write %s", file.c_str());
}

std::string fileBytes(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Files made page by page, for problems no writer makes on purpose: one INT32 column 'x' in one row group.
struct Page {
    parquet::PageHeader header;
    std::string data;
};

std::string littleEndian32(std::uint32_t value)
{
    std::string bytes(4, '\0');
    std::memcpy(bytes.data(), &value, 4);
    return bytes;
}

// PLAIN INT32 values.
std::string plain(const std::vector<std::int32_t> &values)
{
    std::string bytes;
    for (const std::int32_t value : values)
        bytes += littleEndian32(static_cast<std::uint32_t>(value));
    return bytes;
}

Page dataPage(std::int32_t values, std::string data, parquet::Encoding encoding = parquet::Encoding::Plain)
{
    Page page{{}, std::move(data)};
    page.header.type = parquet::PageType::DataPage;
    page.header.uncompressedPageSize = page.header.compressedPageSize = static_cast<std::int32_t>(page.data.size());
    page.header.dataPageHeader = parquet::DataPageHeader{values, encoding};
    return page;
}

Page dictionaryPage(const std::vector<std::int32_t> &values)
{
    Page page{{}, plain(values)};
    page.header.type = parquet::PageType::DictionaryPage;
    page.header.uncompressedPageSize = page.header.compressedPageSize = static_cast<std::int32_t>(page.data.size());
    page.header.dictionaryPageHeader = parquet::DictionaryPageHeader{static_cast<std::int32_t>(values.size())};
    return page;
}

// Compressed with `codec`, which does not change what the header says of the page's uncompressed size.
Page compressed(Page page, parquet::Codec codec)
{
    page.data = parquet::compress(codec, std::as_bytes(std::span(page.data)));
    page.header.compressedPageSize = static_cast<std::int32_t>(page.data.size());
    return page;
}

std::string craftFile(std::int64_t rows, const std::vector<Page> &pages, bool optional = false,
                      parquet::Codec codec = parquet::Codec::Uncompressed)
{
    std::string chunk;
    std::int64_t uncompressed = 0;
    for (const Page &page : pages) {
        const std::string header = parquet::encodePageHeader(page.header);
        chunk += header + page.data;
        uncompressed += static_cast<std::int64_t>(header.size()) + page.header.uncompressedPageSize;
    }
    parquet::FileMetaData metadata;
    parquet::SchemaElement root;
    root.name = "schema";
    root.numChildren = 1;
    parquet::SchemaElement leaf;
    leaf.type = parquet::Type::Int32;
    leaf.repetitionType = optional ? parquet::Repetition::Optional : parquet::Repetition::Required;
    leaf.name = "x";
    metadata.schema = {root, leaf};
    metadata.numRows = rows;
    parquet::ColumnMetaData column;
    column.type = parquet::Type::Int32;
    column.encodings = {parquet::Encoding::Plain};
    column.pathInSchema = {"x"};
    column.codec = codec;
    column.numValues = rows;
    column.totalUncompressedSize = uncompressed;
    column.totalCompressedSize = static_cast<std::int64_t>(chunk.size());
    column.dataPageOffset = 4;
    parquet::RowGroup group;
    group.columns = {parquet::ColumnChunk{std::nullopt, 4, column}};
    group.totalByteSize = uncompressed;
    group.numRows = rows;
    metadata.rowGroups = {group};
    const std::string footer = parquet::encodeFileMetaData(metadata);
    return "PAR1" + chunk + footer + littleEndian32(static_cast<std::uint32_t>(footer.size())) + "PAR1";
}

// craftFile's bytes as test data.
QByteArray craftedFile(std::int64_t rows, const std::vector<Page> &pages, bool optional = false,
                       parquet::Codec codec = parquet::Codec::Uncompressed)
{
    const std::string bytes = craftFile(rows, pages, optional, codec);
    return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size()));
}

} // namespace

class tst_ParquetReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void allTypesPlainKnownValues();
    void int96FromSparkKnownValues();
    void decimalsKnownValues_data();
    void decimalsKnownValues();
    void float16KnownValues();
    void nullsAndRleBooleans();
    void otherPageLayouts();
    void lz4FramingsReadTheSameTable();
    void keyValueMetadata();
    void schemaDescribesEveryLeaf();
    void pageChecksums();
    void nestedColumnsAreRefusedByName();
    void badOptionsNameTheProblem();
    void malformedFilesNameTheFile();
    void craftedPages();
    void badPagesNameThePage_data();
    void badPagesNameThePage();
    void hostileCountsNameTheProblem_data();
    void hostileCountsNameTheProblem();
    void hostileCountsAllocateLittle_data();
    void hostileCountsAllocateLittle();
    void corpusMatchesDuckDb_data();
    void corpusMatchesDuckDb();
    void duckDbWrittenFiles_data();
    void duckDbWrittenFiles();
    void projectionAndRowGroupSelection();
    void unrequestedChunksAreNeverRead();
    void badDataFilesFailCleanly_data();
    void badDataFilesFailCleanly();
    void truncatedFilesFailCleanly();
    void randomMutationsNeverCrash();

private:
    std::filesystem::path path(const std::string &name) const { return m_dir.path().toStdString() + "/" + name; }
    // A DuckDB-written file of allTypesQuery (made once per option set).
    std::filesystem::path allTypesFile(const QStringList &options);
    // Files of a few bytes whose counts and sizes claim gigabytes, with the error each must give.
    static void addHostileFiles();

    QTemporaryDir m_dir;
    std::map<QStringList, std::filesystem::path> m_allTypesFiles;
};

void tst_ParquetReader::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

std::filesystem::path tst_ParquetReader::allTypesFile(const QStringList &options)
{
    if (const auto found = m_allTypesFiles.find(options); found != m_allTypesFiles.end())
        return found->second;
    const std::filesystem::path file = path("alltypes_" + std::to_string(m_allTypesFiles.size()) + ".parquet");
    duckDbWrite(file, allTypesQuery, options);
    m_allTypesFiles[options] = file;
    return file;
}

void tst_ParquetReader::allTypesPlainKnownValues()
{
    SKIP_WITHOUT_CORPUS();
    const h5::Table table = readFile(corpusFile("data/alltypes_plain.parquet"));
    QCOMPARE(table.rowCount(), std::size_t(8));
    QCOMPARE(values<std::int32_t>(table, "id"), (std::vector<std::int32_t>{4, 5, 6, 7, 2, 3, 0, 1}));
    using h5::Bool;
    QCOMPARE(values<Bool>(table, "bool_col"),
             (std::vector<Bool>{Bool::True, Bool::False, Bool::True, Bool::False, Bool::True, Bool::False,
                                Bool::True, Bool::False}));
    QCOMPARE(values<std::int64_t>(table, "bigint_col"), (std::vector<std::int64_t>{0, 10, 0, 10, 0, 10, 0, 10}));
    QCOMPARE(values<float>(table, "float_col")[1], 1.1f);
    QCOMPARE(values<double>(table, "double_col")[1], 10.1);
    // Impala wrote the strings without a UTF8 annotation: bytes.
    QCOMPARE(table.find("string_col")->type.kind, Kind::Binary);
    QCOMPARE(values<std::string>(table, "date_string_col")[0], std::string("03/01/09"));
    // INT96: 2009-03-01 00:00:00 and 00:01:00 as nanoseconds since the epoch.
    const h5::Column &timestamps = *table.find("timestamp_col");
    QCOMPARE(timestamps.type, (h5::ColumnType{Kind::Timestamp, h5::TimeUnit::Nanos, false}));
    QCOMPARE(values<std::int64_t>(table, "timestamp_col")[0], std::int64_t(1235865600) * 1'000'000'000);
    QCOMPARE(values<std::int64_t>(table, "timestamp_col")[1], std::int64_t(1235865660) * 1'000'000'000);
    // The same data dictionary-encoded and snappy-compressed: its first two rows.
    const h5::Table snappy = readFile(corpusFile("data/alltypes_plain.snappy.parquet"));
    QCOMPARE(values<std::int32_t>(snappy, "id"), (std::vector<std::int32_t>{6, 7}));
    QCOMPARE(values<std::int64_t>(snappy, "timestamp_col")[0], std::int64_t(1238544000) * 1'000'000'000);
}

void tst_ParquetReader::int96FromSparkKnownValues()
{
    SKIP_WITHOUT_CORPUS();
    // Spark's INT96 with sentinels far outside the nanoseconds' range (1677 to 2262), the last one even
    // outside int64 microseconds: the column falls back to milliseconds so that every value survives.
    const h5::Table table = readFile(corpusFile("data/int96_from_spark.parquet"));
    const h5::Column &column = *table.find("a");
    QCOMPARE(column.type, (h5::ColumnType{Kind::Timestamp, h5::TimeUnit::Millis, false}));
    QCOMPARE(column.size(), std::size_t(6));
    QCOMPARE(std::get<std::vector<std::int64_t>>(column.data),
             (std::vector<std::int64_t>{
                 1704141296123,     // 2024-01-01 20:34:56.123(456)
                 1704070800000,     // 2024-01-01 01:00:00
                 253402225200000,   // 9999-12-31 03:00:00
                 1735599600000,     // 2024-12-30 23:00:00
                 0,                 // null
                 -9357363680509552, // Julian day -105862232 and -32509.551616 s: year -294 542
             }));
    QVERIFY(column.isNull(4));
}

void tst_ParquetReader::decimalsKnownValues_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("precision");
    QTest::addColumn<bool>("asText");

    QTest::newRow("INT32") << "int32_decimal.parquet" << 4 << false;
    QTest::newRow("INT64") << "int64_decimal.parquet" << 10 << false;
    QTest::newRow("BYTE_ARRAY") << "byte_array_decimal.parquet" << 4 << false;
    QTest::newRow("FIXED_LEN_BYTE_ARRAY, legacy converted type") << "fixed_length_decimal_legacy.parquet" << 13
                                                                 << false;
    QTest::newRow("FIXED_LEN_BYTE_ARRAY(11), 25 digits") << "fixed_length_decimal.parquet" << 25 << true;
}

void tst_ParquetReader::decimalsKnownValues()
{
    QFETCH(QString, file);
    QFETCH(int, precision);
    QFETCH(bool, asText);
    SKIP_WITHOUT_CORPUS();

    // Each file holds 1.00, 2.00, ... 24.00.
    const h5::Column column = readFile(corpusFile("data/" + file)).columns().front();
    QCOMPARE(column.type.kind, Kind::Decimal);
    QCOMPARE(column.type.precision, precision);
    QCOMPARE(column.type.scale, 2);
    QCOMPARE(column.size(), std::size_t(24));
    for (std::size_t row = 0; row < 24; ++row) {
        if (asText)
            QCOMPARE(std::get<std::vector<std::string>>(column.data)[row], std::to_string(row + 1) + ".00");
        else
            QCOMPARE(std::get<std::vector<std::int64_t>>(column.data)[row], std::int64_t(row + 1) * 100);
    }
}

void tst_ParquetReader::float16KnownValues()
{
    SKIP_WITHOUT_CORPUS();
    const h5::Column column = readFile(corpusFile("data/float16_nonzeros_and_nans.parquet")).columns().front();
    QCOMPARE(column.type.kind, Kind::Float16);
    const auto &floats = std::get<std::vector<float>>(column.data);
    QCOMPARE(floats.size(), std::size_t(8));
    QVERIFY(column.isNull(0));
    QCOMPARE(floats[1], 1.0f);
    QCOMPARE(floats[2], -2.0f);
    QVERIFY(std::isnan(floats[3]));
    QCOMPARE(floats[4], 0.0f);
    QCOMPARE(floats[5], -1.0f);
    QVERIFY(floats[6] == 0.0f && std::signbit(floats[6]));
    QCOMPARE(floats[7], 2.0f);
}

void tst_ParquetReader::nullsAndRleBooleans()
{
    SKIP_WITHOUT_CORPUS();
    // RLE-encoded booleans in data page v2, with nulls.
    const h5::Column column = readFile(corpusFile("data/rle_boolean_encoding.parquet")).columns().front();
    QCOMPARE(column.size(), std::size_t(68));
    const auto &flags = std::get<std::vector<h5::Bool>>(column.data);
    const std::string expected = "tf_ttfftttffttf_"; // the first rows, as DuckDB reads them ('_' null)
    for (std::size_t row = 0; row < expected.size(); ++row) {
        QCOMPARE(column.isNull(row), expected[row] == '_');
        if (expected[row] != '_')
            QCOMPARE(flags[row] == h5::Bool::True, expected[row] == 't');
        else
            QCOMPARE(flags[row], h5::Bool::False); // a null row's slot holds the default value
    }
}

void tst_ParquetReader::otherPageLayouts()
{
    SKIP_WITHOUT_CORPUS();
    // A data page v2 with no values at all and a compressed size of 0.
    const h5::Column empty = readFile(corpusFile("data/page_v2_empty_compressed.parquet")).columns().front();
    QCOMPARE(empty.size(), std::size_t(10));
    // A chunk whose dictionary_page_offset is 0 although it starts with a dictionary page.
    const h5::Table dictionary = readFile(corpusFile("data/dict-page-offset-zero.parquet"));
    QCOMPARE(dictionary.rowCount(), std::size_t(39));
    QCOMPARE(values<std::int32_t>(dictionary, "l_partkey")[0], 1552);
    // A file with one row group and no rows.
    const h5::Table noRows = readFile(corpusFile("data/column_chunk_key_value_metadata.parquet"));
    QCOMPARE(noRows.columns().size(), std::size_t(2));
    QCOMPARE(noRows.rowCount(), std::size_t(0));
}

void tst_ParquetReader::lz4FramingsReadTheSameTable()
{
    SKIP_WITHOUT_CORPUS();
    // parquet-testing writes the same four rows with LZ4_RAW, Hadoop-framed LZ4 and bare LZ4 blocks.
    const h5::Table raw = readFile(corpusFile("data/lz4_raw_compressed.parquet"));
    QCOMPARE(raw.rowCount(), std::size_t(4));
    QCOMPARE(values<std::int64_t>(raw, "c0")[0], std::int64_t(1593604800));
    QCOMPARE(values<std::string>(raw, "c1")[0], std::string("abc"));
    QCOMPARE(values<double>(raw, "v11")[0], 42.0);
    QVERIFY(readFile(corpusFile("data/hadoop_lz4_compressed.parquet")) == raw);
    QVERIFY(readFile(corpusFile("data/non_hadoop_lz4_compressed.parquet")) == raw);
    // 10000 rows over several Hadoop LZ4 blocks per page.
    const h5::Table larger = readFile(corpusFile("data/hadoop_lz4_compressed_larger.parquet"));
    QCOMPARE(larger.rowCount(), std::size_t(10000));
    QCOMPARE(values<std::string>(larger, "a")[0], std::string("c7ce6bef-d5b0-4863-b199-8ea8c7fb117b"));
}

void tst_ParquetReader::keyValueMetadata()
{
    SKIP_WITHOUT_CORPUS();
    const parquet::ParquetReader reader(corpusFile("data/alltypes_tiny_pages_plain.parquet"));
    QCOMPARE(reader.keyValue("writer.model.name"), std::optional<std::string>("2.1.1-cdh6.x-SNAPSHOT"));
    QCOMPARE(reader.keyValue("no such key"), std::optional<std::string>());
    QCOMPARE(reader.rowCount(), std::int64_t(7300));
    QCOMPARE(reader.rowGroupCount(), 1);
}

void tst_ParquetReader::schemaDescribesEveryLeaf()
{
    SKIP_WITHOUT_CORPUS();
    const parquet::ParquetReader tinyPages(corpusFile("data/alltypes_tiny_pages_plain.parquet"));
    const parquet::ColumnDescription &tinyint = tinyPages.columns()[2];
    QCOMPARE(tinyint.name, std::string("tinyint_col"));
    QVERIFY(tinyint.physicalType == parquet::Type::Int32);
    QCOMPARE(tinyint.logicalType, std::string("INT(8,signed)"));
    QVERIFY(tinyint.optional && !tinyint.repeated && !tinyint.nested);
    QCOMPARE(std::get<std::vector<std::int8_t>>(
                 readFile(corpusFile("data/alltypes_tiny_pages_plain.parquet"), {{"tinyint_col"}, {}})
                     .columns()
                     .front()
                     .data)
                 .size(),
             std::size_t(7300));

    const parquet::ParquetReader decimal(corpusFile("data/fixed_length_decimal.parquet"));
    QVERIFY(decimal.columns().front().physicalType == parquet::Type::FixedLenByteArray);
    QCOMPARE(decimal.columns().front().typeLength, 11);
    QCOMPARE(decimal.columns().front().logicalType, std::string("DECIMAL(25,2)"));
    QCOMPARE(decimal.columns().front().tableType, (h5::ColumnType{.kind = Kind::Decimal, .precision = 25, .scale = 2}));

    const parquet::ParquetReader unknown(corpusFile("data/unknown-logical-type.parquet"));
    QCOMPARE(unknown.columns()[0].tableType.kind, Kind::Plain);
    QCOMPARE(unknown.columns()[1].logicalType, std::string("UNRECOGNISED"));
    QCOMPARE(unknown.columns()[1].tableType.kind, Kind::Binary); // the physical type, BYTE_ARRAY

    const parquet::ParquetReader nested(corpusFile("data/nested_lists.snappy.parquet"));
    QCOMPARE(nested.columns()[0].name, std::string("a.list.element.list.element.list.element"));
    QVERIFY(nested.columns()[0].nested);
    QCOMPARE(nested.columns()[1].name, std::string("b"));
    QVERIFY(!nested.columns()[1].nested);
}

void tst_ParquetReader::pageChecksums()
{
    SKIP_WITHOUT_CORPUS();
    // Pages with correct CRCs read, uncompressed and compressed, v1 and v2 pages.
    for (const char *file :
         {"datapage_v1-uncompressed-checksum.parquet", "datapage_v1-snappy-compressed-checksum.parquet",
          "plain-dict-uncompressed-checksum.parquet", "rle-dict-snappy-checksum.parquet"})
        QCOMPARE(errorOf([&] { readFile(corpusFile(QString("data/") + file)); }), std::string("no error"));
    const std::filesystem::path corrupt = corpusFile("data/datapage_v1-corrupt-checksum.parquet");
    const std::string message = errorOf([&] { readFile(corrupt); });
    QVERIFY2(message.starts_with(corrupt.string() + ": row group 0, column 'a': page 0: CRC mismatch (header 0x"),
             message.c_str());
}

void tst_ParquetReader::nestedColumnsAreRefusedByName()
{
    SKIP_WITHOUT_CORPUS();
    const std::filesystem::path file = corpusFile("data/nested_lists.snappy.parquet");
    const std::string all = errorOf([&] { readFile(file); });
    QVERIFY2(all.starts_with(file.string() + ": ") && all.find("'a.list.element.list.element.list.element'") !=
                                                          std::string::npos,
             all.c_str());
    const std::string asked = errorOf([&] { readFile(file, {{"a.list.element.list.element.list.element"}, {}}); });
    QVERIFY2(asked.find("nested") != std::string::npos, asked.c_str());
    // Its flat column reads on its own.
    QCOMPARE(values<std::int32_t>(readFile(file, {{"b"}, {}}), "b"), (std::vector<std::int32_t>{1, 1, 1}));
}

void tst_ParquetReader::badOptionsNameTheProblem()
{
    SKIP_WITHOUT_CORPUS();
    const std::filesystem::path file = corpusFile("data/alltypes_plain.parquet");
    parquet::ParquetReader reader(file);
    QCOMPARE(errorOf([&] { reader.read({{"id", "nope"}, {}}); }), file.string() + ": no column 'nope'");
    QCOMPARE(errorOf([&] { reader.read({{"id", "id"}, {}}); }), file.string() + ": column 'id' asked for twice");
    QCOMPARE(errorOf([&] { reader.read({{}, {1}}); }), file.string() + ": no row group 1 (the file has 1)");
    QCOMPARE(errorOf([&] { reader.read({{}, {-1}}); }), file.string() + ": no row group -1 (the file has 1)");
    // The reader stays usable after errors.
    QCOMPARE(reader.read({{"id"}, {0}}).rowCount(), std::size_t(8));
}

void tst_ParquetReader::malformedFilesNameTheFile()
{
    SKIP_WITHOUT_CORPUS();
    const std::string valid = fileBytes(corpusFile("data/alltypes_plain.parquet"));
    const auto errorFor = [&](const std::string &name, const std::string &bytes) {
        writeBytes(path(name), bytes);
        return errorOf([&] { readFile(path(name)); });
    };
    const std::string missing = path("missing.parquet").string();
    QCOMPARE(errorOf([&] { readFile(missing); }), missing + ": cannot read file (No such file or directory)");
    QCOMPARE(errorFor("text.parquet", "this is not a Parquet file at all"),
             path("text.parquet").string() + ": not a Parquet file (no PAR1 magic at its start and end)");
    QCOMPARE(errorFor("short.parquet", "PAR1PAR1"), path("short.parquet").string() + ": not a Parquet file (8 bytes)");

    std::string longFooter = valid;
    longFooter[longFooter.size() - 5] = '\x7f'; // the footer length's top byte
    QVERIFY2(errorFor("long-footer.parquet", longFooter)
                 .starts_with(path("long-footer.parquet").string() + ": footer of 2130"),
             errorFor("long-footer.parquet", longFooter).c_str());

    std::string corruptFooter = valid;
    std::uint32_t footerSize;
    std::memcpy(&footerSize, valid.data() + valid.size() - 8, 4);
    for (std::size_t i = valid.size() - 8 - footerSize; i < valid.size() - 8; i += 3)
        corruptFooter[i] = '\xff';
    const std::string corrupt = errorFor("corrupt-footer.parquet", corruptFooter);
    QVERIFY2(corrupt.starts_with(path("corrupt-footer.parquet").string() + ": "), corrupt.c_str());

    // A column chunk that runs past the data: the row group and column are named.
    std::string cut = valid.substr(0, 4) + valid.substr(valid.size() - 8 - footerSize);
    const std::string truncated = errorFor("no-data.parquet", cut);
    QVERIFY2(truncated.starts_with(path("no-data.parquet").string() + ": row group 0, column 'id': "),
             truncated.c_str());
}

void tst_ParquetReader::craftedPages()
{
    // The pages the bad ones below start from read as intended.
    Page dictionary = dictionaryPage({10, 20});
    Page indices = dataPage(4, std::string("\x01\x08\x01", 3), parquet::Encoding::RleDictionary); // 4 times index 1
    writeBytes(path("crafted.parquet"), craftFile(7, {dictionary, indices, dataPage(3, plain({1, 2, 3}))}));
    QCOMPARE(values<std::int32_t>(readFile(path("crafted.parquet")), "x"),
             (std::vector<std::int32_t>{20, 20, 20, 20, 1, 2, 3}));

    // A data page v2 of an optional column: levels 1, 0 (two RLE runs), one value.
    Page v2{{}, std::string("\x02\x01\x02\x00", 4) + plain({42})};
    v2.header.type = parquet::PageType::DataPageV2;
    v2.header.uncompressedPageSize = v2.header.compressedPageSize = static_cast<std::int32_t>(v2.data.size());
    v2.header.dataPageHeaderV2 = parquet::DataPageHeaderV2{2, 1, 2, parquet::Encoding::Plain, 4, 0, false};
    writeBytes(path("crafted.parquet"), craftFile(2, {v2}, true));
    const h5::Table table = readFile(path("crafted.parquet"));
    QCOMPARE(values<std::int32_t>(table, "x"), (std::vector<std::int32_t>{42, 0}));
    QCOMPARE(table.find("x")->valid, (std::vector<std::uint8_t>{1, 0}));
}

void tst_ParquetReader::badPagesNameThePage_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("problem");

    const Page dictionary = dictionaryPage({10, 20});
    QTest::newRow("dictionary index out of range")
        << craftedFile(4, {dictionary, dataPage(4, std::string("\x03\x08\x05", 3), parquet::Encoding::RleDictionary)})
        << "page 1: dictionary index 5 out of range (the dictionary has 2 values)";
    QTest::newRow("dictionary indices without a dictionary")
        << craftedFile(4, {dataPage(4, std::string("\x01\x08\x01", 3), parquet::Encoding::RleDictionary)})
        << "page 0: RLE_DICTIONARY page without a dictionary page";
    QTest::newRow("more values than rows") << craftedFile(4, {dataPage(5, plain({1, 2, 3, 4, 5}))})
                                           << "page 0: the page holds 5 values, only 4 rows of the row group are left";
    QTest::newRow("fewer values than rows") << craftedFile(4, {dataPage(3, plain({1, 2, 3}))})
                                            << "the column chunk ends after 3 of the row group's 4 rows";
    QTest::newRow("values shorter than the page says") << craftedFile(4, {dataPage(4, plain({1, 2, 3}))})
                                                       << "page 0: PLAIN: 4 values of 4 bytes overrun the page's 12";
    Page longPage = dataPage(4, plain({1, 2, 3, 4}));
    longPage.header.compressedPageSize = 100;
    QTest::newRow("page past the chunk") << craftedFile(4, {longPage})
                                         << "page 0: page of 100 bytes runs past the end of the column chunk (16 bytes "
                                            "left)";
    Page sizes = dataPage(4, plain({1, 2, 3, 4}));
    sizes.header.uncompressedPageSize = 12;
    QTest::newRow("uncompressed sizes disagree") << craftedFile(4, {sizes})
                                                 << "page 0: uncompressed page of 16 bytes, its header says 12";
    QTest::newRow("undecompressable page") << craftedFile(4, {dataPage(4, plain({1, 2, 3, 4}))}, false, parquet::Codec::Zstd)
                                           << "page 0: ZSTD: ";
    Page crc = dataPage(4, plain({1, 2, 3, 4}));
    crc.header.crc = 0x12345678;
    QTest::newRow("CRC mismatch") << craftedFile(4, {crc}) << "page 0: CRC mismatch (header 0x12345678, data 0x";
    Page nulls{{}, std::string("\x02\x01\x02\x00", 4) + plain({42})};
    nulls.header.type = parquet::PageType::DataPageV2;
    nulls.header.uncompressedPageSize = nulls.header.compressedPageSize = static_cast<std::int32_t>(nulls.data.size());
    nulls.header.dataPageHeaderV2 = parquet::DataPageHeaderV2{2, 0, 2, parquet::Encoding::Plain, 4, 0, false};
    QTest::newRow("level and null counts disagree")
        << craftedFile(2, {nulls}, true) << "page 0: the definition levels hold 1 nulls, the page header says 0";
    QTest::newRow("dictionary page after data")
        << craftedFile(4, {dataPage(2, plain({1, 2})), dictionary}) << "page 1: dictionary page after the chunk's first page";
    QTest::newRow("unsupported encoding")
        << craftedFile(4, {dataPage(4, plain({1, 2, 3, 4}), parquet::Encoding::DeltaByteArray)})
        << "page 0: DELTA_BYTE_ARRAY encoding cannot hold INT32 values";
}

void tst_ParquetReader::badPagesNameThePage()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, problem);

    writeBytes(path("bad-page.parquet"), file.toStdString());
    const std::string error = errorOf([&] { readFile(path("bad-page.parquet")); });
    const std::string expected =
        path("bad-page.parquet").string() + ": row group 0, column 'x': " + problem.toStdString();
    QVERIFY2(error.starts_with(expected), qPrintable(QString::fromStdString(error + "\nexpected: " + expected)));
}

void tst_ParquetReader::addHostileFiles()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("problem");
    constexpr std::int32_t manyRows = 300'000'000;

    QTest::newRow("rows the values cannot back")
        << craftedFile(manyRows, {dataPage(manyRows, plain({1, 2}))})
        << "page 0: PLAIN: 300000000 values of 4 bytes overrun the page's 8 bytes";
    QTest::newRow("dictionary indices the page cannot back")
        << craftedFile(manyRows, {dictionaryPage({10, 20}),
                           dataPage(manyRows, std::string("\x01\x08\x01", 3), parquet::Encoding::RleDictionary)})
        << "page 1: dictionary indices: RLE: data ends inside the run header";
    // Level 1 once, then nothing for the other rows.
    QTest::newRow("levels the page cannot back")
        << craftedFile(manyRows, {dataPage(manyRows, littleEndian32(2) + std::string("\x02\x01", 2))}, true)
        << "page 0: definition levels: RLE: data ends inside the run header";

    // 16 MiB of zeros hold 16 Mi INT32 values, not one per bit; gzip makes them 16 KiB.
    Page zeros{{}, std::string(std::size_t{16} << 20, '\0')};
    zeros.header.type = parquet::PageType::DictionaryPage;
    zeros.header.uncompressedPageSize = static_cast<std::int32_t>(zeros.data.size());
    zeros.header.dictionaryPageHeader = parquet::DictionaryPageHeader{8 << 24};
    QTest::newRow("dictionary larger than its page")
        << craftedFile(1, {compressed(zeros, parquet::Codec::Gzip)}, false, parquet::Codec::Gzip)
        << "page 0: PLAIN: 134217728 values of 4 bytes overrun the page's 16777216 bytes";

    // A few compressed bytes whose header claims all but 2 GiB.
    const std::pair<parquet::Codec, const char *> codecs[] = {{parquet::Codec::Gzip, "GZIP"},
                                                              {parquet::Codec::Zstd, "ZSTD"},
                                                              {parquet::Codec::Brotli, "BROTLI"},
                                                              {parquet::Codec::Lz4Raw, "LZ4_RAW"}};
    for (const auto &[codec, name] : codecs) {
        Page page = compressed(dataPage(1, plain({7})), codec);
        page.header.uncompressedPageSize = std::numeric_limits<std::int32_t>::max() - 1;
        QTest::addRow("%s page claiming 2 GiB", name)
            << craftedFile(1, {page}, false, codec)
            << QString("page 0: %1: page holds 4 bytes, its header says 2147483646").arg(name);
    }
    // The codecs' own framing may claim the size too: Hadoop's LZ4 block sizes, Snappy's preamble.
    const std::string seven = plain({7});
    const std::string block = parquet::compress(parquet::Codec::Lz4Raw, std::as_bytes(std::span(seven)));
    const auto bigEndian32 = [](std::uint32_t value) {
        return std::string{static_cast<char>(value >> 24), static_cast<char>(value >> 16),
                           static_cast<char>(value >> 8), static_cast<char>(value)};
    };
    Page hadoop = dataPage(1, bigEndian32(4) + bigEndian32(static_cast<std::uint32_t>(block.size())) + block);
    hadoop.header.uncompressedPageSize = std::numeric_limits<std::int32_t>::max() - 1;
    QTest::newRow("LZ4 page claiming 2 GiB")
        << craftedFile(1, {hadoop}, false, parquet::Codec::Lz4) << "page 0: LZ4: page holds 4 bytes, its header says 2147483646";
    Page snappy = dataPage(1, "\xfe\xff\xff\xff\x07" + std::string("\x0c", 1) + plain({7}));
    snappy.header.uncompressedPageSize = std::numeric_limits<std::int32_t>::max() - 1;
    QTest::newRow("SNAPPY page claiming 2 GiB")
        << craftedFile(1, {snappy}, false, parquet::Codec::Snappy)
        << "page 0: SNAPPY: 10 bytes cannot hold a page of 2147483646";
}

void tst_ParquetReader::hostileCountsNameTheProblem_data()
{
    addHostileFiles();
}

void tst_ParquetReader::hostileCountsNameTheProblem()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, problem);
    writeBytes(path("hostile.parquet"), file.toStdString());
    const std::string error = errorOf([&] { readFile(path("hostile.parquet")); });
    const std::string expected = path("hostile.parquet").string() + ": row group 0, column 'x': " + problem.toStdString();
    QVERIFY2(error.starts_with(expected), qPrintable(QString::fromStdString(error + "\nexpected: " + expected)));
}

void tst_ParquetReader::hostileCountsAllocateLittle_data()
{
    addHostileFiles();
}

void tst_ParquetReader::hostileCountsAllocateLittle()
{
#ifdef MACROSCOPE_PARQUET_ASAN
    QSKIP("AddressSanitizer reserves terabytes of address space: RLIMIT_AS cannot bound what a read allocates");
#endif
    QFETCH(QByteArray, file);
    QFETCH(QString, problem);
    // Far less than the gigabytes the files claim; the dictionary's page alone decompresses to 16 MiB.
    constexpr std::size_t budget = std::size_t{256} << 20;
    writeBytes(path("hostile.parquet"), file.toStdString());
    const std::string error = errorWithin(budget, [&] { readFile(path("hostile.parquet")); });
    const std::string expected = path("hostile.parquet").string() + ": row group 0, column 'x': " + problem.toStdString();
    QVERIFY2(error.starts_with(expected), qPrintable(QString::fromStdString(error + "\nexpected: " + expected)));
}

void tst_ParquetReader::corpusMatchesDuckDb_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("nested");
    if (!QDir(corpus).exists())
        QSKIP(qPrintable("the Apache parquet-testing files are not at " + corpus + " (CI may lack ../shared/data)"));
    std::ifstream index((corpus + "/INDEX.jsonl").toStdString());
    for (std::string line; std::getline(index, line);) {
        if (line.empty())
            continue;
        const nlohmann::json entry = nlohmann::json::parse(line);
        const QString file = QString::fromStdString(entry["file"].get<std::string>());
        QTest::newRow(qPrintable(file)) << file << entry["nested"].get<bool>();
    }
}

void tst_ParquetReader::corpusMatchesDuckDb()
{
    QFETCH(QString, file);
    QFETCH(bool, nested);

    const std::filesystem::path path = corpusFile(file);
    const std::string name = path.filename().string();
    std::optional<h5::Table> table;
    const std::string error = errorOf([&] {
        if (nested) {
            // Nested files are refused whole, naming a nested column; their flat columns read.
            parquet::ParquetReader reader(path);
            std::vector<std::string> flat;
            for (const parquet::ColumnDescription &column : reader.columns())
                if (!column.nested)
                    flat.push_back(column.name);
            if (!flat.empty())
                table = reader.read({flat, {}});
        } else {
            table = readFile(path);
        }
    });
    if (const auto rejected = rejectedCorpusFiles.find(name); rejected != rejectedCorpusFiles.end()) {
        QVERIFY2(error != "no error", qPrintable(QString::fromStdString(name + " must be rejected: " +
                                                                          rejected->second.second)));
        QVERIFY2(error.starts_with(path.string() + ": ") && error.find(rejected->second.first) != std::string::npos,
                 error.c_str());
        return;
    }
    QCOMPARE(error, std::string("no error"));
    if (nested) {
        const std::string refused = errorOf([&] { readFile(path); });
        QVERIFY2(refused.starts_with(path.string() + ": nested columns"), refused.c_str());
    }

    if (!compareWithDuckDb)
        QSKIP("DuckDB comparisons run in tst_parquetreader, not under AddressSanitizer");
    if (const QString reason = duckDbUnavailable(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    if (const auto skipped = notComparedWithDuckDb.find(name); skipped != notComparedWithDuckDb.end())
        QSKIP(skipped->second.c_str());
    if (nested && !table)
        QSKIP("a nested file without flat columns: only its refusal is checked");
    QString oracleError;
    const std::optional<DuckDbRows> duck = duckDbRows(path, oracleError);
    if (nested && !duck)
        QSKIP(qPrintable("DuckDB refuses this nested file (" + oracleError + "): only its refusal is checked"));
    QVERIFY2(duck, qPrintable("DuckDB refuses " + file + ": " + oracleError));
    compareWithRows(*table, *duck, name);
}

void tst_ParquetReader::duckDbWrittenFiles_data()
{
    QTest::addColumn<QStringList>("options");

    for (const char *codec : {"uncompressed", "snappy", "gzip", "zstd", "lz4_raw", "brotli"})
        QTest::addRow("%s, format v1", codec) << QStringList{QString("COMPRESSION=") + codec, "ROW_GROUP_SIZE=2048"};
    // Format v2: data pages v2, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, BYTE_STREAM_SPLIT.
    for (const char *codec : {"uncompressed", "zstd"})
        QTest::addRow("%s, format v2", codec) << QStringList{QString("COMPRESSION=") + codec, "ROW_GROUP_SIZE=2048",
                                                             "PARQUET_VERSION=v2"};
}

void tst_ParquetReader::duckDbWrittenFiles()
{
    QFETCH(QStringList, options);
    if (!compareWithDuckDb)
        QSKIP("DuckDB comparisons run in tst_parquetreader, not under AddressSanitizer");
    if (const QString reason = duckDbUnavailable(); !reason.isEmpty())
        QSKIP(qPrintable(reason));

    const std::filesystem::path file = allTypesFile(options);
    QString error;
    const std::optional<DuckDbRows> duck = duckDbRows(file, error);
    QVERIFY2(duck, qPrintable(error));
    parquet::ParquetReader reader(file);
    QCOMPARE(reader.rowGroupCount(), 3);
    h5::Table table;
    QCOMPARE(errorOf([&] { table = reader.read(); }), std::string("no error"));
    QCOMPARE(table.columns().size(), duck->columns.size());
    compareWithRows(table, *duck, file.filename().string());

    // The table types DuckDB's logical types map to (docs/formats.md).
    const auto type = [&](const char *column) { return table.find(column)->type; };
    QCOMPARE(type("d9"), (h5::ColumnType{.kind = Kind::Decimal, .precision = 9, .scale = 2}));
    QVERIFY(std::holds_alternative<std::vector<std::string>>(table.find("d38")->data));
    QCOMPARE(type("day").kind, Kind::Date);
    QCOMPARE(type("ts"), (h5::ColumnType{Kind::Timestamp, h5::TimeUnit::Micros, false}));
    QCOMPARE(type("tstz"), (h5::ColumnType{Kind::Timestamp, h5::TimeUnit::Micros, true}));
    QCOMPARE(type("tns"), (h5::ColumnType{Kind::Timestamp, h5::TimeUnit::Nanos, false}));
    QCOMPARE(type("tms"), (h5::ColumnType{Kind::Timestamp, h5::TimeUnit::Millis, false}));
    QCOMPARE(type("t"), (h5::ColumnType{Kind::Time, h5::TimeUnit::Micros, false}));
    QCOMPARE(type("bin").kind, Kind::Binary);
    QVERIFY(std::holds_alternative<std::vector<std::uint64_t>>(table.find("u64")->data));
    QVERIFY(std::holds_alternative<std::vector<std::int8_t>>(table.find("i8")->data));
    QVERIFY(std::holds_alternative<std::vector<std::uint16_t>>(table.find("u16")->data));
    QCOMPARE(table.find("flag")->nullCount(), std::size_t(715));
    QVERIFY(table.find("id")->valid.empty());
}

void tst_ParquetReader::projectionAndRowGroupSelection()
{
    if (!compareWithDuckDb)
        QSKIP("DuckDB comparisons run in tst_parquetreader, not under AddressSanitizer");
    if (const QString reason = duckDbUnavailable(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    const std::filesystem::path file = allTypesFile({"COMPRESSION=snappy", "ROW_GROUP_SIZE=2048"});
    QString error;
    const std::optional<DuckDbRows> duck = duckDbRows(file, error);
    QVERIFY2(duck, qPrintable(error));

    parquet::ParquetReader reader(file);
    const h5::Table table = reader.read({{"s", "id", "f64"}, {2, 0}});
    QCOMPARE(table.columns().size(), std::size_t(3));
    QCOMPARE(table.columns()[0].name, std::string("s"));
    QCOMPARE(table.columns()[1].name, std::string("id"));
    // Row group 2 (rows 4096 to 4999), then row group 0 (rows 0 to 2047).
    DuckDbRows expected = *duck;
    expected.rows.assign(duck->rows.begin() + 4096, duck->rows.end());
    expected.rows.insert(expected.rows.end(), duck->rows.begin(), duck->rows.begin() + 2048);
    compareWithRows(table, expected, "row groups 2 and 0");

    const h5::Table middle = reader.read({{"id"}, {1}});
    QCOMPARE(values<std::int32_t>(middle, "id").front(), 2048);
    QCOMPARE(values<std::int32_t>(middle, "id").back(), 4095);
}

void tst_ParquetReader::unrequestedChunksAreNeverRead()
{
    SKIP_WITHOUT_CORPUS();
    // Overwrite every byte of the chunks of one column: the other columns still read, so the reader never
    // touched those bytes; the broken column fails naming itself.
    const std::filesystem::path source = corpusFile("data/alltypes_tiny_pages_plain.parquet");
    const parquet::ParquetReader original(source);
    std::string bytes = fileBytes(source);
    const parquet::ColumnMetaData &chunk = *original.metadata().rowGroups[0].columns[9].metaData;
    QCOMPARE(chunk.pathInSchema, std::vector<std::string>{"string_col"});
    QVERIFY(!chunk.dictionaryPageOffset);
    const auto start = static_cast<std::size_t>(chunk.dataPageOffset);
    std::fill(bytes.begin() + static_cast<std::ptrdiff_t>(start),
              bytes.begin() + static_cast<std::ptrdiff_t>(start + static_cast<std::size_t>(chunk.totalCompressedSize)),
              '\xee');
    writeBytes(path("overwritten.parquet"), bytes);

    parquet::ParquetReader reader(path("overwritten.parquet"));
    std::vector<std::string> others;
    for (const parquet::ColumnDescription &column : reader.columns())
        if (column.name != "string_col")
            others.push_back(column.name);
    const h5::Table table = reader.read({others, {}});
    QVERIFY(table == readFile(source, {others, {}}));
    const std::string error = errorOf([&] { reader.read({{"id", "string_col"}, {}}); });
    QVERIFY2(error.starts_with(path("overwritten.parquet").string() + ": row group 0, column 'string_col': page 0: "),
             error.c_str());
}

void tst_ParquetReader::badDataFilesFailCleanly_data()
{
    QTest::addColumn<QString>("file");
    if (!QDir(corpus).exists())
        QSKIP(qPrintable("the Apache parquet-testing files are not at " + corpus + " (CI may lack ../shared/data)"));
    for (const QString &name : QDir(corpus + "/bad_data").entryList({"*.parquet"}, QDir::Files, QDir::Name))
        QTest::newRow(qPrintable(name)) << "bad_data/" + name;
}

void tst_ParquetReader::badDataFilesFailCleanly()
{
    QFETCH(QString, file);
    const std::filesystem::path path = corpusFile(file);
    if (file == "bad_data/ARROW-GH-43605.parquet") {
        // Not bad: its dictionary indices have bit width 0 (a one-value dictionary), which crashed arrow-go's
        // unpacking. DuckDB and Arrow C++ read it as 21186 zeros, and so do we.
        const h5::Table table = readFile(path);
        QCOMPARE(values<std::uint16_t>(table, "min_fl"), std::vector<std::uint16_t>(21186, 0));
        return;
    }
    const std::string error = errorOf([&] { readFile(path); });
    QVERIFY2(error.starts_with(path.string() + ": "), error.c_str());
    qInfo("%s", error.c_str());
}

void tst_ParquetReader::truncatedFilesFailCleanly()
{
    SKIP_WITHOUT_CORPUS();
    for (const char *name : {"alltypes_plain.parquet", "datapage_v2_empty_datapage.snappy.parquet",
                             "int96_from_spark.parquet", "rle_boolean_encoding.parquet"}) {
        const std::string bytes = fileBytes(corpusFile(QString("data/") + name));
        for (std::size_t size = 0; size < bytes.size(); ++size) {
            writeBytes(path("truncated.parquet"), bytes.substr(0, size));
            const std::string error = errorOf([&] { readFile(path("truncated.parquet")); });
            QVERIFY2(error.starts_with(path("truncated.parquet").string() + ": "),
                     qPrintable(QString("%1 cut to %2 bytes: %3").arg(name).arg(size).arg(error.c_str())));
        }
    }
}

void tst_ParquetReader::randomMutationsNeverCrash()
{
    SKIP_WITHOUT_CORPUS();
    // Deterministic: the same mutations on every run. Each either reads or throws core::Error; anything
    // else (a crash, another exception, AddressSanitizer's report) fails the test.
    std::mt19937 random(20240611);
    const char *files[] = {"alltypes_plain.parquet", "alltypes_dictionary.parquet", "alltypes_plain.snappy.parquet",
                           "int96_from_spark.parquet", "rle_boolean_encoding.parquet", "fixed_length_decimal.parquet",
                           "byte_array_decimal.parquet", "float16_nonzeros_and_nans.parquet",
                           "datapage_v2_empty_datapage.snappy.parquet", "delta_length_byte_array.parquet",
                           "byte_stream_split.zstd.parquet", "page_v2_empty_compressed.parquet",
                           "dict-page-offset-zero.parquet", "lz4_raw_compressed.parquet",
                           "delta_encoding_optional_column.parquet"};
    int errors = 0, reads = 0;
    for (const char *name : files) {
        const std::string original = fileBytes(corpusFile(QString("data/") + name));
        for (int mutation = 0; mutation < 300; ++mutation) {
            std::string bytes = original;
            const int changes = 1 + static_cast<int>(random() % 4);
            for (int change = 0; change < changes; ++change) {
                // Half of the changes hit the footer, whose every byte steers the reader.
                const std::size_t footerStart = bytes.size() > 200 ? bytes.size() - 200 : 0;
                const std::size_t at = random() % 2 ? footerStart + random() % (bytes.size() - footerStart)
                                                    : random() % bytes.size();
                bytes[at] = static_cast<char>(random() % 4 ? random() % 256 : bytes[at] ^ (1 << (random() % 8)));
            }
            writeBytes(path("mutated.parquet"), bytes);
            try {
                parquet::ParquetReader reader(path("mutated.parquet"));
                std::vector<std::string> flat;
                for (const parquet::ColumnDescription &column : reader.columns())
                    if (!column.nested)
                        flat.push_back(column.name);
                reader.read({flat, {}});
                ++reads;
            } catch (const core::Error &error) {
                QVERIFY2(std::string(error.what()).starts_with(path("mutated.parquet").string() + ": "), error.what());
                ++errors;
            }
        }
    }
    qInfo("%d mutated files read, %d refused", reads, errors);
    QVERIFY(errors > 0);
}

QTEST_GUILESS_MAIN(tst_ParquetReader)
#include "tst_parquetreader.moc"
