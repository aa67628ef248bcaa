#include "core/error.h"
#include "core/h5/error.h"
#include "core/h5/file.h"
#include "core/h5/table.h"

#include <nlohmann/json.hpp>

#include "tests/support/jsoncompare.h"

#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <limits>
#include <map>

class tst_Table : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsColumnOrderAndTypes();
    void unstorableTablesAreRefusedBeforeWriting();
    void compressedColumnsAndEmptyTable();
    void mismatchedColumnLengthIsRejected();
    void tableWithoutColumnOrderUsesCreationOrder();
    void unsupportedColumnIsAnErrorNamingIt();
    void everyColumnTypeRoundTrips();
    void nullsInEveryStorageTypeRoundTrip();
    void emptyTablesKeepTheirTypes();
    void storageThatDoesNotFitTheTypeIsRejected();
    void columnsAreStoredInOneFormPerMeaning();
    void anndataReadsWhatWeWrite();
    void anndataObsTableIsRead();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

static h5::Table sampleTable()
{
    h5::Table table;
    // Deliberately not alphabetical: the stored order must be the order given.
    table.addColumn("zeta", std::vector<double>{1.5, -2.5, 3.0});
    table.addColumn("name", std::vector<std::string>{"a", "béta", ""});
    table.addColumn("alpha", std::vector<std::int64_t>{1, 2, 3});
    table.addColumn("good", std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::True});
    table.addColumn("count", std::vector<std::uint16_t>{0, 65535, 7});
    table.addColumn("small", std::vector<std::int8_t>{-128, 0, 127});
    table.addColumn("ratio", std::vector<float>{0.25f, 0.5f, 1.0f});
    return table;
}

void tst_Table::roundTripKeepsColumnOrderAndTypes()
{
    const auto table = sampleTable();
    {
        const auto file = h5::File::create(path("table.h5"));
        h5::writeTable(file.root(), "metadata/experiments", table);
    }
    const auto file = h5::File::open(path("table.h5"));
    const auto group = file.root().group("metadata/experiments");
    QCOMPARE_JSON(group.attributes().get("column-order"),
             nlohmann::json({"zeta", "name", "alpha", "good", "count", "small", "ratio"}));
    QCOMPARE(group.attributes().get("encoding-type").get<std::string>(), std::string("dataframe"));
    const auto read = h5::readTable(group);
    QCOMPARE(read.rowCount(), std::size_t(3));
    QVERIFY(read == table);
}

void tst_Table::compressedColumnsAndEmptyTable()
{
    const auto file = h5::File::create(path("compressed.h5"));
    h5::DatasetOptions options;
    options.chunk = {1024};
    options.filters = {h5::Filter::deflate(4)};
    h5::writeTable(file.root(), "t", sampleTable(), options);
    QCOMPARE(file.root().dataset("t/zeta").chunkShape(), std::optional<h5::Shape>(h5::Shape{3}));
    QVERIFY(h5::readTable(file.root().group("t")) == sampleTable());

    h5::Table empty;
    empty.addColumn("x", std::vector<double>{});
    h5::writeTable(file.root(), "empty", empty, options);
    QVERIFY(h5::readTable(file.root().group("empty")) == empty);
}

void tst_Table::mismatchedColumnLengthIsRejected()
{
    h5::Table table;
    table.addColumn("a", std::vector<double>{1, 2});
    QVERIFY_THROWS_EXCEPTION(core::Error, table.addColumn("b", std::vector<double>{1}));
    QVERIFY_THROWS_EXCEPTION(core::Error, table.addColumn("a", std::vector<double>{1, 2}));
}

void tst_Table::tableWithoutColumnOrderUsesCreationOrder()
{
    const auto file = h5::File::create(path("plain.h5"));
    const auto group = file.root().createGroup("plain");
    group.createDataset<double>("b", {2}).write<double>(std::vector<double>{1, 2});
    group.createDataset<double>("a", {2}).write<double>(std::vector<double>{3, 4});
    const auto table = h5::readTable(group);
    QCOMPARE(table.columns().at(0).name, std::string("b"));
    QCOMPARE(table.columns().at(1).name, std::string("a"));
}

void tst_Table::unsupportedColumnIsAnErrorNamingIt()
{
    const auto file = h5::File::create(path("bad.h5"));
    const auto group = file.root().createGroup("bad");
    group.createDataset<double>("matrix", {2, 2});
    try {
        (void)h5::readTable(group);
        QFAIL("a 2-D column must be rejected");
    } catch (const h5::Error &error) {
        QVERIFY2(std::string(error.what()).find("/bad/matrix") != std::string::npos, error.what());
        QVERIFY2(std::string(error.what()).find("one-dimensional") != std::string::npos, error.what());
    }
}

namespace {

using Kind = h5::ColumnType::Kind;

// One column of every logical type, each with the storage ColumnType prescribes.
h5::Table typedTable()
{
    h5::Table table;
    table.addColumn("ts_ms_utc", std::vector<std::int64_t>{-1, 0, 1'235'865'660'123}, {},
                    h5::ColumnType::timestamp(h5::TimeUnit::Millis, true));
    table.addColumn("ts_ns", std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(), 1, 2}, {},
                    h5::ColumnType::timestamp(h5::TimeUnit::Nanos));
    table.addColumn("date", std::vector<std::int32_t>{-719528, 0, 2932897}, {}, h5::ColumnType::date());
    table.addColumn("time_ms", std::vector<std::int32_t>{0, 49'500'250, 86'399'999}, {},
                    h5::ColumnType::time(h5::TimeUnit::Millis));
    table.addColumn("time_us", std::vector<std::int64_t>{0, 1, 86'399'999'999}, {}, h5::ColumnType::time(h5::TimeUnit::Micros));
    table.addColumn("price", std::vector<std::int64_t>{-5, 0, 999'999'999}, {}, h5::ColumnType::decimal(9, 2));
    table.addColumn("huge", std::vector<std::string>{"-1234567890123456789012345678.0123456789", "0", "0.5"}, {},
                    h5::ColumnType::decimal(38, 10));
    table.addColumn("bytes", std::vector<std::string>{std::string("\0\x01\xff", 3), "", std::string("a\0\0b", 4)}, {},
                    h5::ColumnType::binary());
    table.addColumn("half", std::vector<float>{0.5f, -65504.0f, 5.9604644775390625e-08f}, {}, h5::ColumnType::float16());
    return table;
}

// Every storage type with a null in row 1, and nullable logical types.
h5::Table nullableTable()
{
    const std::vector<std::uint8_t> valid{1, 0, 1};
    h5::Table table;
    table.addColumn("i8", std::vector<std::int8_t>{-1, 0, 1}, valid);
    table.addColumn("u8", std::vector<std::uint8_t>{255, 0, 1}, valid);
    table.addColumn("i16", std::vector<std::int16_t>{-300, 0, 1}, valid);
    table.addColumn("u16", std::vector<std::uint16_t>{65535, 0, 1}, valid);
    table.addColumn("i32", std::vector<std::int32_t>{-70000, 0, 1}, valid);
    table.addColumn("u32", std::vector<std::uint32_t>{4000000000u, 0, 1}, valid);
    table.addColumn("i64", std::vector<std::int64_t>{-5000000000, 0, 1}, valid);
    table.addColumn("u64", std::vector<std::uint64_t>{18446744073709551615u, 0, 1}, valid);
    table.addColumn("f32", std::vector<float>{0.25f, 0, std::numeric_limits<float>::infinity()}, valid);
    table.addColumn("f64", std::vector<double>{-0.5, 0, 1e300}, valid);
    table.addColumn("flag", std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::False}, valid);
    table.addColumn("text", std::vector<std::string>{"", "", "béta"}, valid);
    table.addColumn("when", std::vector<std::int64_t>{-1, 0, 1}, valid, h5::ColumnType::timestamp(h5::TimeUnit::Micros, true));
    table.addColumn("bytes", std::vector<std::string>{std::string("\0", 1), "", "x"}, valid, h5::ColumnType::binary());
    table.addColumn("price", std::vector<std::int64_t>{-5, 0, 5}, valid, h5::ColumnType::decimal(3, 2));
    table.addColumn("half", std::vector<float>{0.5f, 0, -2.0f}, valid, h5::ColumnType::float16());
    return table;
}

struct PythonRun {
    int exitCode = -1;
    QString output;
    QString errors;
};

PythonRun runPython(const QString &script, const QStringList &arguments)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral("-c"), script} + arguments);
    if (!python.waitForFinished(120000) || python.exitStatus() != QProcess::NormalExit)
        return {-1, {}, QStringLiteral("python3 did not finish")};
    return {python.exitCode(), QString::fromUtf8(python.readAllStandardOutput()),
            QString::fromUtf8(python.readAllStandardError())};
}

bool hasAnndata()
{
    return QFileInfo::exists(QStringLiteral("/usr/bin/python3")) &&
           runPython(QStringLiteral("import anndata, h5py, pandas"), {}).exitCode == 0;
}

const char *const NoAnndata = "needs /usr/bin/python3 with anndata and h5py (Debian python3-anndata, python3-h5py)";

} // namespace

void tst_Table::everyColumnTypeRoundTrips()
{
    const auto table = typedTable();
    h5::DatasetOptions compressed;
    compressed.chunk = {2};
    compressed.filters = {h5::Filter::deflate(4)};
    {
        const auto file = h5::File::create(path("typed.h5"));
        h5::writeTable(file.root(), "t", table);
        h5::writeTable(file.root(), "compressed", table, compressed);
    }
    const auto file = h5::File::open(path("typed.h5"));
    QVERIFY(h5::readTable(file.root().group("t")) == table);
    QVERIFY(h5::readTable(file.root().group("compressed")) == table);

    const auto attributes = [&](const char *column) { return file.root().dataset(std::string("t/") + column).attributes(); };
    QCOMPARE(attributes("ts_ms_utc").getString("logical-type"), std::string("timestamp"));
    QCOMPARE(attributes("ts_ms_utc").getString("unit"), std::string("ms"));
    QCOMPARE_JSON(attributes("ts_ms_utc").get("utc"), nlohmann::json(true));
    QCOMPARE_JSON(attributes("ts_ns").get("utc"), nlohmann::json(false));
    QCOMPARE(attributes("date").getString("logical-type"), std::string("date"));
    QVERIFY(!attributes("date").contains("unit"));
    QCOMPARE(attributes("time_us").getString("unit"), std::string("us"));
    QVERIFY(!attributes("time_us").contains("utc"));
    QCOMPARE(attributes("price").getString("logical-type"), std::string("decimal"));
    QCOMPARE_JSON(attributes("price").get("precision"), nlohmann::json(9));
    QCOMPARE_JSON(attributes("price").get("scale"), nlohmann::json(2));
    QCOMPARE(attributes("bytes").getString("logical-type"), std::string("binary"));
    QCOMPARE(attributes("half").getString("logical-type"), std::string("float16"));
    QCOMPARE(file.root().dataset("t/bytes").dataType().name(), std::string("vlen(uint8)"));
    QCOMPARE(file.root().dataset("t/half").dataType().name(), std::string("float16"));
    QCOMPARE(file.root().dataset("t/date").dataType().name(), std::string("int32"));
    QCOMPARE(file.root().dataset("t/huge").dataType().typeClass(), h5::TypeClass::String);
    // Variable-length data is never filtered; numbers are.
    QVERIFY(file.root().dataset("compressed/bytes").filters().empty());
    QCOMPARE(file.root().dataset("compressed/half").filters().size(), std::size_t(1));
}

void tst_Table::nullsInEveryStorageTypeRoundTrip()
{
    const auto table = nullableTable();
    {
        const auto file = h5::File::create(path("nulls.h5"));
        h5::DatasetOptions options;
        options.chunk = {1024};
        options.filters = {h5::Filter::deflate(1)};
        h5::writeTable(file.root(), "t", table, options);
    }
    const auto file = h5::File::open(path("nulls.h5"));
    const auto read = h5::readTable(file.root().group("t"));
    QVERIFY(read == table);
    for (const auto &column : read.columns())
        QVERIFY2(column.isNull(1) && column.nullCount() == 1, column.name.c_str());

    const std::map<std::string, std::string> encodings{
        {"i8", "nullable-integer"},  {"u64", "nullable-integer"},       {"f32", "nullable-float"},
        {"f64", "nullable-float"},   {"flag", "nullable-boolean"},      {"text", "nullable-string-array"},
        {"when", "nullable-integer"}, {"bytes", "nullable-string-array"}, {"half", "nullable-float"}};
    for (const auto &[column, encoding] : encodings) {
        QCOMPARE(file.root().kindOf("t/" + column), h5::ObjectKind::Group);
        const auto group = file.root().group("t/" + column);
        QCOMPARE(group.attributes().getString("encoding-type"), encoding);
        QCOMPARE(group.attributes().getString("encoding-version"), std::string("0.1.0"));
        QCOMPARE(group.dataset("mask").dataType().name(), std::string("bool"));
    }
    // anndata's mask is true where the value is MISSING.
    QVERIFY(file.root().dataset("t/i8/mask").read<std::uint8_t>() == (std::vector<std::uint8_t>{0, 1, 0}));
    QCOMPARE(file.root().group("t/when").attributes().getString("logical-type"), std::string("timestamp"));
    QVERIFY(!file.root().dataset("t/when/values").attributes().contains("logical-type"));
    QCOMPARE(file.root().dataset("t/bytes/values").dataType().name(), std::string("vlen(uint8)"));
    QCOMPARE(file.root().dataset("t/half/values").dataType().name(), std::string("float16"));
}

void tst_Table::emptyTablesKeepTheirTypes()
{
    h5::Table empty;
    empty.addColumn("when", std::vector<std::int64_t>{}, {}, h5::ColumnType::timestamp(h5::TimeUnit::Nanos, true));
    empty.addColumn("bytes", std::vector<std::string>{}, {}, h5::ColumnType::binary());
    empty.addColumn("half", std::vector<float>{}, {}, h5::ColumnType::float16());
    empty.addColumn("huge", std::vector<std::string>{}, {}, h5::ColumnType::decimal(30, 3));
    empty.addColumn("flag", std::vector<h5::Bool>{});
    h5::DatasetOptions options;
    options.chunk = {64};
    options.filters = {h5::Filter::deflate(4)};
    const auto file = h5::File::create(path("empty.h5"));
    h5::writeTable(file.root(), "empty", empty, options);
    h5::writeTable(file.root(), "none", h5::Table());
    QVERIFY(h5::readTable(file.root().group("empty")) == empty);
    QCOMPARE(h5::readTable(file.root().group("empty")).columns().at(3).type, h5::ColumnType::decimal(30, 3));
    QVERIFY(h5::readTable(file.root().group("none")) == h5::Table());
}

void tst_Table::storageThatDoesNotFitTheTypeIsRejected()
{
    struct Case {
        const char *name;
        h5::ColumnData data;
        h5::ColumnType type;
        const char *why;
    };
    const std::vector<Case> cases{
        {"ts_int32", std::vector<std::int32_t>{1}, h5::ColumnType::timestamp(), "int64"},
        {"ts_double", std::vector<double>{1}, h5::ColumnType::timestamp(), "float64"},
        {"date_int64", std::vector<std::int64_t>{1}, h5::ColumnType::date(), "int32"},
        {"time_ms_int64", std::vector<std::int64_t>{1}, h5::ColumnType::time(h5::TimeUnit::Millis), "int32"},
        {"time_ns_int32", std::vector<std::int32_t>{1}, h5::ColumnType::time(h5::TimeUnit::Nanos), "int64"},
        {"decimal_p0", std::vector<std::int64_t>{1}, h5::ColumnType::decimal(0, 0), "precision"},
        {"decimal_p39", std::vector<std::string>{"1"}, h5::ColumnType::decimal(39, 0), "precision"},
        {"decimal_negative_scale", std::vector<std::int64_t>{1}, h5::ColumnType::decimal(5, -1), "scale"},
        {"decimal_scale_above", std::vector<std::int64_t>{1}, h5::ColumnType::decimal(5, 6), "scale"},
        {"decimal_small_string", std::vector<std::string>{"1"}, h5::ColumnType::decimal(18, 0), "int64"},
        {"decimal_big_int64", std::vector<std::int64_t>{1}, h5::ColumnType::decimal(19, 0), "string"},
        {"decimal_too_many_digits", std::vector<std::int64_t>{100}, h5::ColumnType::decimal(2, 0), "100"},
        {"decimal_too_many_negative", std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min()},
         h5::ColumnType::decimal(18, 0), "digits"},
        {"decimal_long_fraction", std::vector<std::string>{"1.234"}, h5::ColumnType::decimal(20, 2), "1.234"},
        {"decimal_long_integer", std::vector<std::string>{"123"}, h5::ColumnType::decimal(20, 18), "123"},
        {"decimal_leading_zero", std::vector<std::string>{"01"}, h5::ColumnType::decimal(20, 0), "01"},
        {"decimal_exponent", std::vector<std::string>{"1e5"}, h5::ColumnType::decimal(20, 0), "1e5"},
        {"decimal_bare_point", std::vector<std::string>{"1."}, h5::ColumnType::decimal(20, 2), "1."},
        {"decimal_empty", std::vector<std::string>{""}, h5::ColumnType::decimal(20, 2), "''"},
        {"binary_int", std::vector<std::uint8_t>{1}, h5::ColumnType::binary(), "string"},
        {"half_double", std::vector<double>{1}, h5::ColumnType::float16(), "float32"},
    };
    for (const auto &test : cases) {
        h5::Table table;
        try {
            table.addColumn(test.name, test.data, {}, test.type);
            QFAIL((std::string(test.name) + " must be rejected").c_str());
        } catch (const core::Error &error) {
            const std::string message = error.what();
            QVERIFY2(message.find(std::string("'") + test.name + "'") != std::string::npos, message.c_str());
            QVERIFY2(message.find(test.why) != std::string::npos, message.c_str());
        }
        QCOMPARE(table.columns().size(), std::size_t(0));
    }
    // A null row's text is not checked: it holds no decimal.
    h5::Table table;
    table.addColumn("ok", std::vector<std::string>{"-0.5", "junk"}, {1, 0}, h5::ColumnType::decimal(20, 1));
    QVERIFY_THROWS_EXCEPTION(core::Error, table.addColumn("short", std::vector<std::string>{"1", "2"}, {1}));
}

void tst_Table::columnsAreStoredInOneFormPerMeaning()
{
    h5::Table table;
    h5::ColumnType date = h5::ColumnType{Kind::Date, h5::TimeUnit::Nanos, true};
    date.precision = 4;
    table.addColumn("date", std::vector<std::int32_t>{1, 2}, {1, 1}, date);
    table.addColumn("n", std::vector<std::int32_t>{7, 8}, {0, 5});
    table.addColumn("s", std::vector<std::string>{"left over", "b"}, {0, 1});
    const auto &columns = table.columns();
    QVERIFY(columns[0].valid.empty());
    QCOMPARE(columns[0].type, h5::ColumnType::date());
    QCOMPARE(columns[1].valid, (std::vector<std::uint8_t>{0, 1}));
    QVERIFY(columns[1].data == h5::ColumnData(std::vector<std::int32_t>{0, 8}));
    QVERIFY(columns[2].data == h5::ColumnData(std::vector<std::string>{"", "b"}));
}

void tst_Table::anndataReadsWhatWeWrite()
{
    if (!hasAnndata())
        QSKIP(NoAnndata);
    {
        const auto file = h5::File::create(path("for_anndata.h5"));
        h5::Table table;
        table.addColumn("n", std::vector<std::int64_t>{1, 0, -3}, {1, 0, 1});
        table.addColumn("flag", std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::False}, {1, 0, 1});
        h5::writeTable(file.root(), "t", table);
        h5::writeTable(file.root(), "typed", typedTable());
    }
    const auto run = runPython(
        QStringLiteral(
            "import sys, h5py, pandas as pd\n"
            "from anndata.experimental import read_elem\n"
            "with h5py.File(sys.argv[1]) as f:\n"
            "    for name in ('t/n', 't/flag'):\n"
            "        s = pd.Series(read_elem(f[name]))\n"
            "        print(s.dtype, [None if v is pd.NA else v for v in s.tolist()])\n"
            "    print(f['typed/half'].dtype, f['typed/half'][()].tolist())\n"
            "    print([bytes(b) for b in f['typed/bytes'][()]])\n"
            "    print(f['typed/ts_ms_utc'].attrs['unit'], bool(f['typed/ts_ms_utc'].attrs['utc']))\n"),
        {QString::fromStdString(path("for_anndata.h5").string())});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors));
    QCOMPARE(run.output, QStringLiteral("Int64 [1, None, -3]\n"
                                        "boolean [True, None, False]\n"
                                        "float16 [0.5, -65504.0, 5.960464477539063e-08]\n"
                                        "[b'\\x00\\x01\\xff', b'', b'a\\x00\\x00b']\n"
                                        "ms True\n"));
}

void tst_Table::anndataObsTableIsRead()
{
    if (!hasAnndata())
        QSKIP(NoAnndata);
    const auto file = path("obs.h5ad");
    const auto run = runPython(
        QStringLiteral("import sys, anndata, pandas as pd\n"
                       "obs = pd.DataFrame({'count': pd.array([1, None, 3], dtype='Int64'),\n"
                       "                    'ok': pd.array([True, None, False], dtype='boolean'),\n"
                       "                    'kind': pd.Categorical(['b', None, 'b'], categories=['a', 'b']),\n"
                       "                    'level': pd.Categorical([10, 20, None]),\n"
                       "                    'name': ['x', 'y', 'z']}, index=['c1', 'c2', 'c3'])\n"
                       "anndata.AnnData(obs=obs).write_h5ad(sys.argv[1])\n"),
        {QString::fromStdString(file.string())});
    QVERIFY2(run.exitCode == 0, qPrintable(run.errors));

    h5::Table expected;
    expected.addColumn("count", std::vector<std::int64_t>{1, 0, 3}, {1, 0, 1});
    expected.addColumn("ok", std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::False}, {1, 0, 1});
    expected.addColumn("kind", std::vector<std::string>{"b", "", "b"}, {1, 0, 1});
    expected.addColumn("level", std::vector<std::int64_t>{10, 20, 0}, {1, 1, 0});
    expected.addColumn("name", std::vector<std::string>{"x", "y", "z"});
    const auto read = h5::readTable(h5::File::open(file).root().group("obs"));
    QCOMPARE(read.columns().size(), expected.columns().size());
    for (std::size_t i = 0; i < read.columns().size(); ++i)
        QVERIFY2(read.columns()[i] == expected.columns()[i], read.columns()[i].name.c_str());
}

void tst_Table::unstorableTablesAreRefusedBeforeWriting()
{
    const auto file = h5::File::create(path("unstorable.h5"));
    const auto refusal = [&](const std::string &name, h5::Column column) -> std::string {
        h5::Table table;
        table.addColumn(std::move(column));
        try {
            h5::writeTable(file.root(), name, table);
        } catch (const core::Error &error) {
            return error.what();
        }
        return "no error";
    };
    // An HDF5 string ends at a NUL byte: it would be cut short silently. Binary columns keep NULs.
    const std::string nul = refusal("strings", {"s", std::vector<std::string>{"ok", std::string("x\0y", 3)}});
    QVERIFY2(nul.find("column 's', row 1: a NUL byte") != std::string::npos, nul.c_str());
    QVERIFY(!file.root().contains("strings"));
    QCOMPARE(refusal("binary", {"b", std::vector<std::string>{std::string("x\0y", 3)}, {}, h5::ColumnType::binary()}),
             std::string("no error"));
    // A column name is one HDF5 link name.
    for (const std::string name : {"a/b", ".", ""}) {
        const std::string error = refusal("named", {name, std::vector<std::int32_t>{1}});
        QVERIFY2(error.find("cannot name an HDF5 dataset") != std::string::npos, error.c_str());
        QVERIFY(!file.root().contains("named"));
    }
}

QTEST_GUILESS_MAIN(tst_Table)
#include "tst_table.moc"
