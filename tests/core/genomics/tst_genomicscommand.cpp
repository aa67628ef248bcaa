#include "core/cli/commandregistry.h"
#include "core/cli/genomicscommand.h"
#include "core/formats/parquet/parquetreader.h"
#include "tests/support/bigwigfixture.h"
#include "tests/support/jsoncompare.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>
#include <sstream>

using nlohmann::json;

// `macroscope-cli genomics build` and `genomics query`, run in-process: a store built from inputs written
// here, every query in TSV, JSON and Parquet compared with what those inputs mean, and the exit codes and
// messages for bad input.
class tst_GenomicsCommand : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void buildPrintsSummaries();
    void binsAsTsv();
    void binsAsJson();
    void metadataQueries();
    void embeddingsWideTsv();
    void embeddingsTallParquet();
    void overlayJson();
    void outputFiles();
    void stdoutTsvIsTheFilesText();
    void failures_data();
    void failures();
    void buildFailureNamesTheFile();
    void existingOutputNeedsForce();

private:
    struct Result {
        int code = 0;
        std::string out, err;
    };
    Result run(const QStringList &arguments) const;
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
    QStringList buildArguments(const QString &output) const;
    QTemporaryDir m_dir;
};

namespace {

void writeText(const QString &path, const std::string &text)
{
    std::ofstream(path.toStdString(), std::ios::binary) << text;
}

std::string readText(const QString &path)
{
    std::ifstream file(path.toStdString(), std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// Bins: chr1 0-1000, 1000-2000, 2000-2500; chr2 0-1000, 1000-2000 (bad: the blacklist touches it).
const std::string binsTsv = "name\tchrom\tstart\tend\tgood_bin\n"
                            "chr1:0-1000\tchr1\t0\t1000\ttrue\n"
                            "chr1:1000-2000\tchr1\t1000\t2000\ttrue\n"
                            "chr1:2000-2500\tchr1\t2000\t2500\ttrue\n"
                            "chr2:0-1000\tchr2\t0\t1000\ttrue\n"
                            "chr2:1000-2000\tchr2\t1000\t2000\tfalse\n";

// E1 has every bin (umap1 missing at chr1:2000-2500); E2 only the first and last.
const std::string embeddingsTsv = "chrom\tstart\tend\taccession\tPCA1\tumap1\tnote\n"
                                  "chr2\t1000\t2000\tE2\t11\t21\tlast\n"
                                  "chr1\t0\t1000\tE1\t1.5\t-1\tx\n"
                                  "chr1\t1000\t2000\tE1\t2.5\t-2\tx\n"
                                  "chr1\t2000\t2500\tE1\t3.5\t\tx\n"
                                  "chr2\t0\t1000\tE1\t4.5\t-4\tx\n"
                                  "chr2\t1000\t2000\tE1\t5.5\t-5\tx\n"
                                  "chr1\t0\t1000\tE2\t10\t20\tfirst\n";

// The track: 2 over chr1's first bin, 4 over half of the second (the mean of the covered bases), nothing
// over the third, 1 over chr2.
const std::vector<BigWigSpan> trackSpans{{"chr1", 0, 1000, 2.0f}, {"chr1", 1000, 1500, 4.0f}, {"chr2", 0, 2000, 1.0f}};

} // namespace

tst_GenomicsCommand::Result tst_GenomicsCommand::run(const QStringList &arguments) const
{
    cli::CommandRegistry registry("macroscope-cli");
    registry.add(std::make_unique<cli::GenomicsCommand>());
    std::ostringstream out, err;
    cli::Output output{out, err};
    const int code = registry.run(QStringList{"macroscope-cli", "genomics"} + arguments, output);
    return {code, out.str(), err.str()};
}

QStringList tst_GenomicsCommand::buildArguments(const QString &output) const
{
    return {"build",          "--output",     output,
            "--experiments",  path("experiments.yaml"),
            "--embeddings",   path("embeddings.tsv"),
            "--tracks",       path("tracks.yaml"),
            "--chrom-sizes",  path("genome.sizes"),
            "--bin-size",     "1000",
            "--blacklist",    path("blacklist.bed"),
            "--threads",      "1"};
}

void tst_GenomicsCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    writeText(path("genome.sizes"), "chr1 2500\nchr2 2000\n");
    writeText(path("human.sizes"), "chr1 248956422\n");
    writeText(path("blacklist.bed"), "chr2\t1500\t1600\n");
    writeText(path("experiments.yaml"), "- accession: E1\n  biosample: B1\n  score: 0.5\n"
                                        "- accession: E2\n  biosample: B2\n  score: .nan\n");
    writeText(path("embeddings.tsv"), embeddingsTsv);
    writeText(path("tracks.yaml"), "- accession: T1\n  assay: H3K27ac\n  experiment: X1\n  biosample: B1\n  file: T1.bw\n");
    writeBigWig(path("T1.bw").toStdString(), {{"chr1", 2500}, {"chr2", 2000}}, trackSpans);
    const Result built = run(buildArguments(path("store.h5")));
    QCOMPARE(built.code, 0);
}

void tst_GenomicsCommand::buildPrintsSummaries()
{
    QStringList arguments = buildArguments(path("summary.h5"));
    arguments << "--json";
    const Result built = run(arguments);
    QCOMPARE(built.code, 0);
    QCOMPARE_JSON(json::parse(built.out),
             json({{"bins", 5}, {"good_bins", 4}, {"experiments", 2}, {"embeddings", 2}, {"tracks", 1}}));
    // One line per step: experiments, table, bins, blacklist, embeddings, the track, the file written.
    std::vector<std::string> lines;
    std::istringstream err(built.err);
    for (std::string line; std::getline(err, line);)
        lines.push_back(line);
    QCOMPARE(lines.size(), std::size_t{7});
    QVERIFY(lines.front().starts_with("experiments: 2 from "));
    QCOMPARE(lines[4], std::string("embeddings: PCA1, umap1"));
    QCOMPARE(lines.back(), "wrote " + path("summary.h5").toStdString());
    // Without --json, stdout stays empty.
    QCOMPARE(run(buildArguments(path("quiet.h5"))).out, std::string());
}

void tst_GenomicsCommand::binsAsTsv()
{
    const Result bins = run({"query", path("store.h5"), "bins"});
    QCOMPARE(bins.code, 0);
    QCOMPARE(bins.out, binsTsv);
    QCOMPARE(bins.err, std::string());
    const Result good = run({"query", path("store.h5"), "bins", "--good-only"});
    QCOMPARE(good.out, binsTsv.substr(0, binsTsv.rfind("chr2:1000")));
}

void tst_GenomicsCommand::binsAsJson()
{
    const Result bins = run({"query", path("store.h5"), "bins", "--good-only", "--format", "json"});
    QCOMPARE(bins.code, 0);
    const json rows = json::parse(bins.out);
    QCOMPARE(rows.size(), std::size_t{4});
    QCOMPARE_JSON(rows[2], json({{"name", "chr1:2000-2500"}, {"chrom", "chr1"}, {"start", 2000}, {"end", 2500},
                            {"good_bin", true}}));
    QCOMPARE_JSON(rows[3].at("name"), "chr2:0-1000");
}

void tst_GenomicsCommand::metadataQueries()
{
    const Result experiments = run({"query", path("store.h5"), "experiments", "--format", "json"});
    QCOMPARE(experiments.code, 0);
    // NaN is not a JSON number: written as the string, as `parquet cat` does.
    QCOMPARE_JSON(json::parse(experiments.out),
             json::parse(R"([{"accession":"E1","biosample":"B1","score":0.5},
                             {"accession":"E2","biosample":"B2","score":"NaN"}])"));
    const Result tracks = run({"query", path("store.h5"), "tracks"});
    QCOMPARE(tracks.out, std::string("accession\tassay\texperiment\tbiosample\nT1\tH3K27ac\tX1\tB1\n"));
}

void tst_GenomicsCommand::embeddingsWideTsv()
{
    const Result one = run({"query", path("store.h5"), "embeddings", "--experiment", "E1", "--layout", "wide"});
    QCOMPARE(one.code, 0);
    QCOMPARE(one.out, std::string("name\tchrom\tstart\tend\tgood_bin\tPCA1\tumap1\n"
                                  "chr1:0-1000\tchr1\t0\t1000\ttrue\t1.5\t-1.0\n"
                                  "chr1:1000-2000\tchr1\t1000\t2000\ttrue\t2.5\t-2.0\n"
                                  "chr1:2000-2500\tchr1\t2000\t2500\ttrue\t3.5\t\n"
                                  "chr2:0-1000\tchr2\t0\t1000\ttrue\t4.5\t-4.0\n"
                                  "chr2:1000-2000\tchr2\t1000\t2000\tfalse\t5.5\t-5.0\n"));
    const Result both = run({"query", path("store.h5"), "embeddings", "--layout", "wide", "--components", "umap1",
                             "--good-only"});
    QCOMPARE(both.out, std::string("name\tchrom\tstart\tend\tgood_bin\tE1:umap1\tE2:umap1\n"
                                   "chr1:0-1000\tchr1\t0\t1000\ttrue\t-1.0\t20.0\n"
                                   "chr1:1000-2000\tchr1\t1000\t2000\ttrue\t-2.0\t\n"
                                   "chr1:2000-2500\tchr1\t2000\t2500\ttrue\t\t\n"
                                   "chr2:0-1000\tchr2\t0\t1000\ttrue\t-4.0\t\n"));
}

void tst_GenomicsCommand::embeddingsTallParquet()
{
    const Result tall = run({"query", path("store.h5"), "embeddings", "--format", "parquet", "--output",
                             path("tall.parquet")});
    QCOMPARE(tall.code, 0);
    QCOMPARE(tall.err, "wrote 20 rows to " + path("tall.parquet").toStdString() + "\n");
    const h5::Table table = parquet::ParquetReader(path("tall.parquet").toStdString()).read();
    std::vector<std::string> names;
    for (const auto &column : table.columns())
        names.push_back(column.name);
    QCOMPARE(names, (std::vector<std::string>{"name", "chrom", "start", "end", "good_bin", "accession", "component",
                                              "value"}));
    QCOMPARE(table.rowCount(), std::size_t{20});
    // Experiment by experiment, bin by bin, PCA1 then umap1; 0 marks a missing value.
    const std::vector<double> expected{1.5, -1, 2.5, -2, 3.5, 0, 4.5, -4, 5.5, -5,
                                       10,  20, 0,   0,  0,   0, 0,   0,  11,  21};
    const std::vector<bool> present{true, true, true, true, true, false, true,  true,  true, true,
                                    true, true, false, false, false, false, false, false, true, true};
    const auto &accession = std::get<std::vector<std::string>>(table.find("accession")->data);
    const auto &component = std::get<std::vector<std::string>>(table.find("component")->data);
    const auto &start = std::get<std::vector<std::int64_t>>(table.find("start")->data);
    const h5::Column &value = *table.find("value");
    for (std::size_t row = 0; row < 20; ++row) {
        QCOMPARE(accession[row], std::string(row < 10 ? "E1" : "E2"));
        QCOMPARE(component[row], std::string(row % 2 ? "umap1" : "PCA1"));
        QCOMPARE(start[row], (std::vector<std::int64_t>{0, 1000, 2000, 0, 1000})[(row / 2) % 5]);
        QCOMPARE(!value.isNull(row), present[row]);
        if (present[row])
            QCOMPARE(std::get<std::vector<double>>(value.data)[row], expected[row]);
    }
}

void tst_GenomicsCommand::overlayJson()
{
    const Result overlay = run({"query", path("store.h5"), "overlay", "--assay", "H3K27ac", "--components", "PCA1",
                                "--format", "json"});
    QCOMPARE(overlay.code, 0);
    // Only E1's biosample has a track.
    const json expected = json::parse(R"([
        {"name":"chr1:0-1000","chrom":"chr1","start":0,"end":1000,"good_bin":true,"accession":"E1","biosample":"B1","assay":"H3K27ac","PCA1":1.5,"signal":2.0},
        {"name":"chr1:1000-2000","chrom":"chr1","start":1000,"end":2000,"good_bin":true,"accession":"E1","biosample":"B1","assay":"H3K27ac","PCA1":2.5,"signal":4.0},
        {"name":"chr1:2000-2500","chrom":"chr1","start":2000,"end":2500,"good_bin":true,"accession":"E1","biosample":"B1","assay":"H3K27ac","PCA1":3.5,"signal":null},
        {"name":"chr2:0-1000","chrom":"chr2","start":0,"end":1000,"good_bin":true,"accession":"E1","biosample":"B1","assay":"H3K27ac","PCA1":4.5,"signal":1.0},
        {"name":"chr2:1000-2000","chrom":"chr2","start":1000,"end":2000,"good_bin":false,"accession":"E1","biosample":"B1","assay":"H3K27ac","PCA1":5.5,"signal":1.0}
    ])");
    QCOMPARE_JSON(json::parse(overlay.out), expected);
    const Result e2 = run({"query", path("store.h5"), "overlay", "--experiment", "E2", "--format", "json"});
    QCOMPARE(e2.code, 0);
    QCOMPARE_JSON(json::parse(e2.out), json::array());
}

void tst_GenomicsCommand::outputFiles()
{
    const Result tsv = run({"query", path("store.h5"), "bins", "--output", path("bins.tsv")});
    QCOMPARE(tsv.code, 0);
    QCOMPARE(tsv.out, std::string());
    QCOMPARE(readText(path("bins.tsv")), binsTsv);
    // The format follows the extension unless --format says otherwise.
    QCOMPARE(run({"query", path("store.h5"), "tracks", "--output", path("tracks.json")}).code, 0);
    QCOMPARE_JSON(json::parse(readText(path("tracks.json"))),
             json::parse(R"([{"accession":"T1","assay":"H3K27ac","experiment":"X1","biosample":"B1"}])"));
    QCOMPARE(run({"query", path("store.h5"), "bins", "--output", path("bins.parquet")}).code, 0);
    QCOMPARE(parquet::ParquetReader(path("bins.parquet").toStdString()).rowCount(), std::int64_t{5});
    QCOMPARE(run({"query", path("store.h5"), "bins", "--format", "json", "--output", path("bins.txt")}).code, 0);
    QCOMPARE_JSON(json::parse(readText(path("bins.txt"))).size(), std::size_t{5});
}

void tst_GenomicsCommand::stdoutTsvIsTheFilesText()
{
    // Cells with a tab, a backslash and a newline (YAML escapes) are escaped on stdout as in a TSV file.
    writeText(path("escapes.yaml"), "- accession: E1\n  note: \"a\\tb \\\\ c\\nd\"\n- accession: E2\n");
    QStringList arguments = buildArguments(path("escapes.h5"));
    arguments[arguments.indexOf("--experiments") + 1] = path("escapes.yaml");
    QCOMPARE(run(arguments).code, 0);
    const Result printed = run({"query", path("escapes.h5"), "experiments"});
    QCOMPARE(printed.code, 0);
    QCOMPARE(printed.out, std::string("accession\tnote\nE1\ta\\tb \\\\ c\\nd\nE2\t\n"));
    QCOMPARE(run({"query", path("escapes.h5"), "experiments", "--output", path("escapes.tsv")}).code, 0);
    QCOMPARE(readText(path("escapes.tsv")), printed.out);
}

void tst_GenomicsCommand::failures_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("message"); // the start of stderr's first line, after "macroscope-cli genomics: "

    const QString store = path("store.h5");
    QTest::newRow("no action") << QStringList{} << 2 << "missing ACTION";
    QTest::newRow("unknown action") << QStringList{"make"} << 2 << "unknown ACTION 'make'";
    QTest::newRow("no what") << QStringList{"query", store} << 2 << "missing WHAT";
    QTest::newRow("unknown what") << QStringList{"query", store, "genes"} << 2 << "unknown WHAT 'genes'";
    QTest::newRow("parquet to stdout") << QStringList{"query", store, "bins", "--format", "parquet"} << 2
                                       << "--format parquet needs --output";
    QTest::newRow("unknown format") << QStringList{"query", store, "bins", "--format", "xml"} << 2
                                    << "unknown --format 'xml'";
    QTest::newRow("unknown extension") << QStringList{"query", store, "bins", "--output", path("bins.xlsx")} << 2
                                       << "cannot tell the format from the name " + path("bins.xlsx");
    QTest::newRow("layout for bins") << QStringList{"query", store, "bins", "--layout", "wide"} << 2
                                     << "--layout does not apply to query bins";
    QTest::newRow("assay for embeddings") << QStringList{"query", store, "embeddings", "--assay", "CTCF"} << 2
                                          << "--assay does not apply to query embeddings";
    QTest::newRow("unknown layout") << QStringList{"query", store, "embeddings", "--layout", "long"} << 2
                                    << "unknown --layout 'long'";
    QTest::newRow("build option in query") << QStringList{"query", store, "bins", "--force"} << 2
                                           << "--force does not apply to query";
    QTest::newRow("build without output") << QStringList{"build", "--experiments", "e.yaml", "--embeddings", "x.tsv"}
                                          << 2 << "build needs --output";
    QTest::newRow("bin size alone") << QStringList{"build", "--output", "o.h5", "--experiments", "e.yaml",
                                                   "--embeddings", "x.tsv", "--bin-size", "100"}
                                    << 2 << "--chrom-sizes and --bin-size go together";
    QTest::newRow("bad bin size") << QStringList{"build", "--output", "o.h5", "--experiments", "e.yaml", "--embeddings",
                                                 "x.tsv", "--chrom-sizes", "g", "--bin-size", "0"}
                                  << 2 << "--bin-size needs a whole number, 1 or more";
    QTest::newRow("missing store") << QStringList{"query", path("absent.h5"), "bins"} << 1 << path("absent.h5");
    QTest::newRow("not a store") << QStringList{"query", path("genome.sizes"), "bins"} << 1 << path("genome.sizes");
    QTest::newRow("unknown component") << QStringList{"query", store, "embeddings", "--components", "PCA1,PCA9"} << 1
                                       << store + ": no embedding 'PCA9' (the store has PCA1, umap1)";
    QTest::newRow("unknown experiment") << QStringList{"query", store, "overlay", "--experiment", "E7"} << 1
                                        << store + ": no experiment 'E7'";
    QTest::newRow("unknown assay") << QStringList{"query", store, "overlay", "--assay", "ATAC"} << 1
                                   << store + ": no track of assay 'ATAC'";
}

void tst_GenomicsCommand::failures()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, code);
    QFETCH(QString, message);
    const Result result = run(arguments);
    QCOMPARE(result.code, code);
    QCOMPARE(result.out, std::string());
    const std::string prefix = "macroscope-cli genomics: " + message.toStdString();
    QVERIFY2(result.err.starts_with(prefix), result.err.c_str());
    if (code == 1)
        QCOMPARE(std::count(result.err.begin(), result.err.end(), '\n'), std::ptrdiff_t{1});
    else
        QVERIFY(result.err.find("Usage: macroscope-cli genomics") != std::string::npos);
}

void tst_GenomicsCommand::buildFailureNamesTheFile()
{
    writeText(path("stranger.tsv"), embeddingsTsv + "chr1\t0\t1000\tE9\t1\t2\tx\n");
    QStringList arguments = buildArguments(path("failed.h5"));
    arguments[arguments.indexOf("--embeddings") + 1] = path("stranger.tsv");
    const Result result = run(arguments);
    QCOMPARE(result.code, 1);
    const std::string last = result.err.substr(result.err.rfind('\n', result.err.size() - 2) + 1);
    QCOMPARE(last, "macroscope-cli genomics: " + path("stranger.tsv").toStdString() +
                       ": row 8: accession 'E9' is not among the experiments\n");
    QVERIFY(!QFile::exists(path("failed.h5")));
    QVERIFY(!QFile::exists(path("failed.h5.partial")));

    // Chrom sizes whose bins would be absurdly many: exit 1, the last line naming the file, nothing written.
    arguments = buildArguments(path("huge.h5"));
    arguments[arguments.indexOf("--chrom-sizes") + 1] = path("human.sizes");
    arguments[arguments.indexOf("--bin-size") + 1] = "1";
    const Result huge = run(arguments);
    QCOMPARE(huge.code, 1);
    QVERIFY(huge.err.ends_with("\nmacroscope-cli genomics: " + path("human.sizes").toStdString() +
                               ": bins of 1 bases would be 248956422, more than the 100000000 a genome may have: "
                               "choose a larger bin size\n"));
    QVERIFY(!QFile::exists(path("huge.h5")));
}

void tst_GenomicsCommand::existingOutputNeedsForce()
{
    writeText(path("taken.h5"), "keep me");
    const Result refused = run(buildArguments(path("taken.h5")));
    QCOMPARE(refused.code, 1);
    QCOMPARE(refused.err, "macroscope-cli genomics: " + path("taken.h5").toStdString() + ": exists already\n");
    QCOMPARE(readText(path("taken.h5")), std::string("keep me"));
    QStringList arguments = buildArguments(path("taken.h5"));
    arguments << "--force";
    QCOMPARE(run(arguments).code, 0);
    QCOMPARE(run({"query", path("taken.h5"), "bins"}).out, binsTsv);
}

QTEST_GUILESS_MAIN(tst_GenomicsCommand)
#include "tst_genomicscommand.moc"
