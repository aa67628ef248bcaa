#include "core/buildinfo.h"
#include "core/h5/file.h"
#include "core/hash/sha256.h"

#include <nlohmann/json.hpp>

#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

// macroscope-cli as scripts use it: the real executable, its exit codes, stdout and stderr.
class tst_Cli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void usageAndVersion();
    void unknownCommandSuggestsOne();
    void canonPrintsRfc8785Bytes();
    void hashIsSha256OfCanonicalBytes();
    void hashWithSchemaFillsDefaultsFirst();
    void hashReportsInvalidDocuments_data();
    void hashReportsInvalidDocuments();
    void inspectJsonListsH5pyFile();
    void inspectFailsCleanly_data();
    void inspectFailsCleanly();
    void recordWithSimulatedCameraVerifies();
    void recordReadableByH5py();
    void recordUsageErrors_data();
    void recordUsageErrors();
    void verifyAndRecoverFailCleanly();
    void tablesConvertBetweenFormats();
    void parquetCatProjectsAndLimits();
    void parquetFailsCleanly_data();
    void parquetFailsCleanly();
    void convertKeepsExistingHdf5Tables();
    void parquetUsageErrors();
    void parquetJsonSurvivesInvalidUtf8();

private:
    struct Result {
        int exitCode;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &arguments, const QByteArray &input = {}) const;
    QString write(const QString &name, const QByteArray &content) const;
    QTemporaryDir m_dir;
};

tst_Cli::Result tst_Cli::run(const QStringList &arguments, const QByteArray &input) const
{
    QProcess process;
    process.start(QStringLiteral(MACROSCOPE_CLI), arguments);
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000))
        return {-1, {}, "timed out"};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

QString tst_Cli::write(const QString &name, const QByteArray &content) const
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(content);
    return path;
}

void tst_Cli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(MACROSCOPE_SOURCE_DIR "/tests/data/make_h5py_sample.py"), m_dir.path()});
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
}

void tst_Cli::usageAndVersion()
{
    const Result bare = run({});
    QCOMPARE(bare.exitCode, 2);
    QVERIFY(bare.err.contains("Usage: macroscope-cli COMMAND"));

    const Result help = run({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char *command : {"inspect", "canon", "hash", "validate", "demo"})
        QVERIFY2(help.out.contains(command), command);

    const Result version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out, QByteArray("macroscope-cli " + QByteArray::fromStdString(core::version()) + "\n"));

    const Result commandHelp = run({QStringLiteral("hash"), QStringLiteral("--help")});
    QCOMPARE(commandHelp.exitCode, 0);
    QVERIFY(commandHelp.out.startsWith("Usage: macroscope-cli hash [options] FILE.json"));
    QVERIFY(commandHelp.out.contains("--schema <NAME>"));

    const Result missing = run({QStringLiteral("inspect")});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("missing FILE.h5"));

    const Result badOption = run({QStringLiteral("inspect"), QStringLiteral("--colour")});
    QCOMPARE(badOption.exitCode, 2);
    QVERIFY(badOption.err.contains("Unknown option 'colour'"));
}

void tst_Cli::unknownCommandSuggestsOne()
{
    const Result result = run({QStringLiteral("inspct"), QStringLiteral("x.h5")});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("unknown command 'inspct'; did you mean 'inspect'?"));
}

void tst_Cli::canonPrintsRfc8785Bytes()
{
    // RFC 8785 section 3.2.2's example.
    const QString path = write(QStringLiteral("rfc.json"), R"({
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
})");
    const Result result = run({QStringLiteral("canon"), path});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(QString::fromUtf8(result.out),
             QString::fromUtf8(R"({"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"})"));
}

void tst_Cli::hashIsSha256OfCanonicalBytes()
{
    const QByteArray document = R"({"b": [1.0, 1e21, 1e-7], "a": "😀", "c": {"z": -0, "y": 0.1}})";
    const QString path = write(QStringLiteral("doc.json"), document);
    const Result canon = run({QStringLiteral("canon"), path});
    const Result hash = run({QStringLiteral("hash"), path});
    QCOMPARE(hash.exitCode, 0);
    QCOMPARE(hash.out, QByteArray::fromStdString(hash::sha256Hex(canon.out.toStdString()) + "\n"));
    // Standard input gives the same identity as the file.
    QCOMPARE(run({QStringLiteral("hash"), QStringLiteral("-")}, document).out, hash.out);
}

void tst_Cli::hashWithSchemaFillsDefaultsFirst()
{
    const QString schema = QStringLiteral(MACROSCOPE_SOURCE_DIR "/tests/data/schemas/rig.schema.json");
    const QString sparse = write(QStringLiteral("sparse.json"), R"({"name": "rig1"})");
    const Result filled = run({QStringLiteral("validate"), QStringLiteral("--schema"), schema, QStringLiteral("--print"), sparse});
    QCOMPARE(filled.exitCode, 0);
    QVERIFY(nlohmann::json::parse(filled.out.toStdString()).contains("monitor"));
    const QString explicitDocument = write(QStringLiteral("explicit.json"), filled.out);

    const Result a = run({QStringLiteral("hash"), QStringLiteral("--schema"), schema, sparse});
    const Result b = run({QStringLiteral("hash"), QStringLiteral("--schema"), schema, explicitDocument});
    QCOMPARE(a.exitCode, 0);
    QCOMPARE(a.out, b.out);
    QVERIFY(a.out != run({QStringLiteral("hash"), sparse}).out);
}

void tst_Cli::hashReportsInvalidDocuments_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("schema rule") << QByteArray(R"({"name": "rig1", "monitor": {"refresh_hz": 0}})")
                                 << QByteArray("bad.json: /monitor/refresh_hz: must be > 0, got 0");
    QTest::newRow("syntax") << QByteArray(R"({"name": )") << QByteArray("bad.json: line 1");
    QTest::newRow("duplicate key") << QByteArray(R"({"name": "a", "name": "b"})") << QByteArray("duplicate key \"name\"");
}

void tst_Cli::hashReportsInvalidDocuments()
{
    QFETCH(QByteArray, document);
    QFETCH(QByteArray, message);
    const QString path = write(QStringLiteral("bad.json"), document);
    const Result result = run({QStringLiteral("hash"), QStringLiteral("--schema"),
                               QStringLiteral(MACROSCOPE_SOURCE_DIR "/tests/data/schemas/rig.schema.json"), path});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(message), result.err.constData());
    QVERIFY(result.out.isEmpty());
}

void tst_Cli::inspectJsonListsH5pyFile()
{
    const Result result = run({QStringLiteral("inspect"), m_dir.filePath(QStringLiteral("sample.h5")), QStringLiteral("--json")});
    QCOMPARE(result.exitCode, 0);
    const auto inspection = nlohmann::json::parse(result.out.toStdString());
    std::map<std::string, nlohmann::json> objects;
    for (const auto &object : inspection["objects"])
        objects[object["path"]] = object;
    QCOMPARE(objects.at("/ints/uint64")["dtype"].get<std::string>(), std::string("uint64"));
    QCOMPARE(objects.at("/chunked_gzip")["chunks"].dump(), std::string("[10,100]"));
    QCOMPARE(objects.at("/external")["kind"].get<std::string>(), std::string("external_link"));

    const Result text = run({QStringLiteral("inspect"), m_dir.filePath(QStringLiteral("sample.h5"))});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("/chunked_gzip"));
    QVERIFY(text.out.contains("deflate(6)"));
    QVERIFY(text.out.contains("soft link → /ints/int32"));
}

void tst_Cli::inspectFailsCleanly_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("truncated") << "truncated" << QByteArray("truncated file");
    QTest::newRow("not hdf5") << "text" << QByteArray("not an HDF5 file");
    QTest::newRow("missing") << "missing" << QByteArray("no such file");
}

void tst_Cli::inspectFailsCleanly()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, reason);
    const QString path = m_dir.filePath(kind + QStringLiteral(".h5"));
    if (kind == QLatin1String("truncated")) {
        QFile::remove(path);
        QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("sample.h5")), path));
        QFile file(path);
        QVERIFY(file.resize(file.size() / 2));
    } else if (kind == QLatin1String("text")) {
        write(kind + QStringLiteral(".h5"), "hello\n");
    }
    const Result result = run({QStringLiteral("inspect"), path});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(result.err.count('\n'), 1); // one clear line
    QVERIFY2(result.err.contains(path.toUtf8()), result.err.constData());
    QVERIFY2(result.err.contains(reason), result.err.constData());
}

void tst_Cli::recordWithSimulatedCameraVerifies()
{
    const QString out = m_dir.filePath(QStringLiteral("sim.h5"));
    const Result result = run({"record", "--camera", "sim", "--out", out, "--frames", "40", "--fps", "100",
                               "--size", "64x48", "--compression", "blosc", "--json"});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const auto summary = nlohmann::json::parse(result.out.toStdString());
    QCOMPARE(summary["frames"].get<int>(), 40);
    QCOMPARE(summary["dropped"].get<int>(), 0);
    QCOMPARE(summary["path"].get<std::string>(), out.toStdString());
    QVERIFY(summary["seconds"].get<double>() > 0.3);

    const Result verified = run({"verify", out});
    QVERIFY2(verified.exitCode == 0, verified.err.constData());
    QVERIFY(verified.out.contains("ok, 40 frames of 64x48"));
    // The same file again: a recording never replaces one.
    const Result again = run({"record", "--out", out, "--frames", "5", "--size", "16x16"});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains("already exists"), again.err.constData());
}

// The interchange promise: Debian's h5py, with the blosc plugin HDF5 loads by itself, reads frames and
// timestamps of a blosc recording, and the frames equal what Macroscope itself reads.
void tst_Cli::recordReadableByH5py()
{
    const QString out = m_dir.filePath(QStringLiteral("forh5py.h5"));
    const Result result = run({"record", "--out", out, "--frames", "12", "--fps", "100", "--size", "32x24",
                               "--compression", "blosc"});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import h5py, sys\n"
                                 "f = h5py.File(sys.argv[1], 'r')\n"
                                 "frames = f['acquisition/frames'][:]\n"
                                 "t = f['acquisition/host_timestamp_ns'][:]\n"
                                 "assert frames.shape == (12, 24, 32), frames.shape\n"
                                 "assert frames.dtype == 'uint16' and 0 < frames.mean() < 4096\n"
                                 "assert len(t) == 12 and (t[1:] > t[:-1]).all()\n"
                                 "print(int(frames[7].sum()))\n"),
                  out});
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const h5::File file = h5::File::open(out.toStdString());
    const auto frame = file.root().dataset("acquisition/frames").read<std::uint16_t>({7, 0, 0}, {1, 24, 32});
    std::uint64_t sum = 0;
    for (std::uint16_t v : frame)
        sum += v;
    QCOMPARE(python.readAllStandardOutput().trimmed().toULongLong(), sum);
}

void tst_Cli::recordUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("no out") << QStringList{"record", "--frames", "3"} << "--out";
    QTest::newRow("frames and seconds") << QStringList{"record", "--out", "x.h5", "--frames", "3", "--seconds", "1"}
                                        << "exactly one of --frames";
    QTest::newRow("neither") << QStringList{"record", "--out", "x.h5"} << "exactly one of --frames";
    QTest::newRow("compression") << QStringList{"record", "--out", "x.h5", "--frames", "3", "--compression", "zip"}
                                 << "not one of none, blosc, gzip";
    QTest::newRow("size") << QStringList{"record", "--out", "x.h5", "--frames", "3", "--size", "big"}
                          << "not WIDTHxHEIGHT";
}

void tst_Cli::recordUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
}

void tst_Cli::verifyAndRecoverFailCleanly()
{
    const QString missing = m_dir.filePath(QStringLiteral("absent.h5"));
    const Result verified = run({"verify", missing});
    QCOMPARE(verified.exitCode, 1);
    QVERIFY2(verified.err.startsWith(missing.toUtf8() + ": "), verified.err.constData());

    const QString text = write(QStringLiteral("notes.h5.partial"), "not hdf5");
    const Result recovered = run({"recover", text});
    QCOMPARE(recovered.exitCode, 1);
    QVERIFY2(recovered.err.contains("not an HDF5 file"), recovered.err.constData());

    const Result camera = run({"record", "--camera", "aravis:NoSuchCamera", "--out", m_dir.filePath("cam.h5"),
                               "--frames", "3"});
    QCOMPARE(camera.exitCode, 1);
    QVERIFY2(camera.err.contains("aravis:NoSuchCamera"), camera.err.constData());
    QVERIFY(!QFile::exists(m_dir.filePath("cam.h5.partial")));
}

// A small table with every kind of value a TSV infers, and a null in each column but the first.
static const QByteArray sampleTsv = "id\tscore\tname\tflag\n"
                                    "1\t2.5\talpha\ttrue\n"
                                    "2\t\tbeta gamma\tfalse\n"
                                    "3\t-0.125\t\t\n";

void tst_Cli::tablesConvertBetweenFormats()
{
    const QString tsv = write(QStringLiteral("sample.tsv"), sampleTsv);
    const QString parquetFile = m_dir.filePath(QStringLiteral("sample.parquet"));
    const Result toParquet = run({"convert", tsv, parquetFile, "--codec", "zstd", "--row-group-rows", "2"});
    QVERIFY2(toParquet.exitCode == 0, toParquet.err.constData());

    const Result schema = run({"parquet", "schema", parquetFile, "--json"});
    QVERIFY2(schema.exitCode == 0, schema.err.constData());
    const Result valid = run({"validate", write(QStringLiteral("schema.json"), schema.out), "--schema", "parquet-schema"});
    QVERIFY2(valid.exitCode == 0, valid.err.constData());
    const auto described = nlohmann::json::parse(schema.out.toStdString());
    QCOMPARE(described["rows"].get<int>(), 3);
    QCOMPARE(described["row_groups"].size(), std::size_t(2));
    const std::vector<std::pair<std::string, std::string>> expectedColumns{
        {"id", "INT64"}, {"score", "DOUBLE"}, {"name", "BYTE_ARRAY"}, {"flag", "BOOLEAN"}};
    QCOMPARE(described["columns"].size(), expectedColumns.size());
    for (std::size_t i = 0; i < expectedColumns.size(); ++i) {
        QCOMPARE(described["columns"][i]["name"].get<std::string>(), expectedColumns[i].first);
        QCOMPARE(described["columns"][i]["physical_type"].get<std::string>(), expectedColumns[i].second);
    }
    QCOMPARE(described["columns"][2]["logical_type"].get<std::string>(), std::string("STRING"));
    QCOMPARE(described["columns"][0]["repetition"].get<std::string>(), std::string("required"));
    QCOMPARE(described["columns"][1]["repetition"].get<std::string>(), std::string("optional"));

    const Result cat = run({"parquet", "cat", parquetFile, "--json"});
    QVERIFY2(cat.exitCode == 0, cat.err.constData());
    QCOMPARE(cat.out, QByteArray("{\"id\":1,\"score\":2.5,\"name\":\"alpha\",\"flag\":true}\n"
                                 "{\"id\":2,\"score\":null,\"name\":\"beta gamma\",\"flag\":false}\n"
                                 "{\"id\":3,\"score\":-0.125,\"name\":null,\"flag\":null}\n"));

    // Parquet -> HDF5 table -> CSV gives the same cells back.
    const QString h5 = m_dir.filePath(QStringLiteral("tables.h5"));
    const Result toHdf5 = run({"convert", parquetFile, h5 + "::/tables/sample"});
    QVERIFY2(toHdf5.exitCode == 0, toHdf5.err.constData());
    const QString csv = m_dir.filePath(QStringLiteral("sample.csv"));
    const Result toCsv = run({"convert", h5 + "::tables/sample", csv});
    QVERIFY2(toCsv.exitCode == 0, toCsv.err.constData());
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    QCOMPARE(csvFile.readAll(), QByteArray("id,score,name,flag\n1,2.5,alpha,true\n2,,beta gamma,false\n3,-0.125,,\n"));

    const Result text = run({"parquet", "cat", parquetFile});
    QVERIFY2(text.exitCode == 0, text.err.constData());
    const QList<QByteArray> lines = text.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines[0].startsWith("id") && lines[0].contains("score") && lines[0].contains("flag"), lines[0].constData());
    QVERIFY2(lines[2].contains("beta gamma") && lines[2].contains("null"), lines[2].constData());
}

void tst_Cli::parquetCatProjectsAndLimits()
{
    const QString parquetFile = m_dir.filePath(QStringLiteral("projected.parquet"));
    const Result converted = run({"convert", write(QStringLiteral("projected.tsv"), sampleTsv), parquetFile,
                                  "--row-group-rows", "1"});
    QVERIFY2(converted.exitCode == 0, converted.err.constData());
    const Result cat = run({"parquet", "cat", parquetFile, "--json", "--columns", "name,id", "--limit", "2"});
    QVERIFY2(cat.exitCode == 0, cat.err.constData());
    QCOMPARE(cat.out, QByteArray("{\"name\":\"alpha\",\"id\":1}\n{\"name\":\"beta gamma\",\"id\":2}\n"));
}

void tst_Cli::parquetFailsCleanly_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("reason");
    QTest::newRow("not parquet") << "text" << QByteArray("not a Parquet file");
    QTest::newRow("truncated") << "truncated" << QByteArray("truncated");
    QTest::newRow("missing") << "missing" << QByteArray("No such file");
    QTest::newRow("unknown column") << "column" << QByteArray("'nope'");
}

void tst_Cli::parquetFailsCleanly()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, reason);
    const QString path = m_dir.filePath(kind + QStringLiteral(".parquet"));
    QStringList arguments{"parquet", "cat", path};
    if (kind == QLatin1String("text")) {
        write(kind + QStringLiteral(".parquet"), "id,name\n1,a\n");
    } else if (kind == QLatin1String("truncated") || kind == QLatin1String("column")) {
        const Result made = run({"convert", write(kind + QStringLiteral(".tsv"), sampleTsv), path});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        if (kind == QLatin1String("truncated")) {
            QFile file(path);
            QVERIFY(file.resize(file.size() / 2));
        } else {
            arguments << "--columns" << "id,nope";
        }
    }
    const Result result = run(arguments);
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.out.isEmpty());
    QCOMPARE(result.err.count('\n'), 1); // one clear line
    QVERIFY2(result.err.contains(path.toUtf8()), result.err.constData());
    QVERIFY2(result.err.contains(reason), result.err.constData());
}

void tst_Cli::convertKeepsExistingHdf5Tables()
{
    const QString tsv = write(QStringLiteral("kept.tsv"), sampleTsv);
    const QString h5 = m_dir.filePath(QStringLiteral("kept.h5"));
    QCOMPARE(run({"convert", tsv, h5 + "::/a"}).exitCode, 0);
    QCOMPARE(run({"convert", tsv, h5 + "::/b/c"}).exitCode, 0);
    const Result again = run({"convert", tsv, h5 + "::/a"});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains((h5 + "::/a: already exists").toUtf8()), again.err.constData());
    QVERIFY(!QFile::exists(h5 + ".partial"));
    const h5::File file = h5::File::open(h5.toStdString());
    QVERIFY(file.root().contains("a/id"));
    QVERIFY(file.root().contains("b/c/name"));
}

void tst_Cli::parquetUsageErrors()
{
    QCOMPARE(run({"parquet"}).exitCode, 2);
    QCOMPARE(run({"parquet", "frobnicate", "x.parquet"}).exitCode, 2);
    QCOMPARE(run({"convert", "only-one.parquet"}).exitCode, 2);
    QCOMPARE(run({"convert", "a.tsv", "b.parquet", "--codec", "lzo"}).exitCode, 2);
    const Result unknown = run({"convert", "table.xlsx", "out.parquet"});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains("table.xlsx: unknown table format"), unknown.err.constData());
    const Result unnamed = run({"convert", "a.tsv", "out.h5"});
    QCOMPARE(unnamed.exitCode, 1);
    QVERIFY2(unnamed.err.contains("out.h5::/path/to/table"), unnamed.err.constData());
}

void tst_Cli::parquetJsonSurvivesInvalidUtf8()
{
    // A column name is bytes from the file: invalid UTF-8 must still give valid JSON (U+FFFD in its place).
    const QString parquetFile = m_dir.filePath(QStringLiteral("latin1.parquet"));
    const Result made = run({"convert", write(QStringLiteral("latin1.tsv"), "caf\xe9\n1\n"), parquetFile});
    QVERIFY2(made.exitCode == 0, made.err.constData());
    const Result cat = run({"parquet", "cat", parquetFile, "--json"});
    QVERIFY2(cat.exitCode == 0, cat.err.constData());
    QCOMPARE(cat.out, QByteArray("{\"caf\xef\xbf\xbd\":1}\n"));
    const Result schema = run({"parquet", "schema", parquetFile, "--json"});
    QVERIFY2(schema.exitCode == 0, schema.err.constData());
    QCOMPARE(nlohmann::json::parse(schema.out.toStdString())["columns"][0]["name"].get<std::string>(),
             std::string("caf\xef\xbf\xbd"));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
