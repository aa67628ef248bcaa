#include "core/formats/tablefile.h"
#include "core/formats/tsv/delimitedtable.h"
#include "core/genomics/genomicstore.h"
#include "core/genomics/metadatayaml.h"
#include "core/genomics/storebuilder.h"
#include "core/genomics/storequeries.h"
#include "core/genomics/trackpyramid.h"
#include "core/h5/file.h"
#include "tests/support/bigwigfixture.h"
#include "tests/support/errorof.h"
#include "tests/support/syntheticgenome.h"

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <atomic>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <thread>

// The store built from inputs this test writes (chrom sizes, a blacklist, YAML metadata, bigWigs, an
// embeddings table as Parquet and as TSV), every query checked against values worked out here from those
// inputs; jointly-hic's layout read from a file h5py writes as jointly-hic does; the synthetic genome. Longer
// than most test files because the cases share the one store initTestCase builds and the hand-made inputs.
class tst_GenomicStore : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void binsFollowChromSizesBlacklistAndGoodBin();
    void metadataTablesAreStored();
    void trackSignalsAreBinMeansOfTheBigWigs();
    void embeddingsArePlacedByBinAndExperiment();
    void embeddingQueriesTallAndWide();
    void overlayAveragesTheBiosamplesTracks();
    void overlayMatchesOnlyGivenBiosamples();
    void readsFromSeveralThreadsAtOnce();
    void tsvEmbeddingsBuildTheSameStore();
    void binsFromBedOrTheEmbeddings();
    void metadataYamlTypes();
    void buildFailuresNameTheInputAndWriteNothing();
    void existingOutputNeedsOverwrite();
    void inconsistentStoresAreRefused();
    void readsJointlyHicFiles();
    void syntheticStoreRoundTrips();

private:
    std::filesystem::path path(const std::string &name) const
    {
        return std::filesystem::path(m_dir.path().toStdString()) / name;
    }
    genomics::StoreInputs inputs(const std::string &output) const;
    QTemporaryDir m_dir;
    std::unique_ptr<genomics::GenomicStore> m_store;
};

namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// chr1: 11 bins of 1000 (the last 500), chr2: 6 bins; chr3 has no bins (bins come from these sizes).
const std::vector<genomics::ChromSize> chromSizes{{"chr1", 10500}, {"chr2", 6000}};
struct HandBin {
    std::string chrom;
    std::int64_t start, end;
};
std::vector<HandBin> handBins()
{
    std::vector<HandBin> bins;
    for (std::int64_t s = 0; s < 10500; s += 1000)
        bins.push_back({"chr1", s, std::min<std::int64_t>(s + 1000, 10500)});
    for (std::int64_t s = 0; s < 6000; s += 1000)
        bins.push_back({"chr2", s, s + 1000});
    return bins;
}
// chr1:2500-3100 touches bins 2 and 3, chr2:5999-6000 the last of chr2; chr2:0-1000 is marked bad by the
// embeddings' good_bin; chr3's interval has no bins.
const std::string blacklistText = "chr1\t2500\t3100\nchr2\t5999\t6000\tlast\nchr3\t0\t100\n";
bool handGood(const HandBin &bin)
{
    return !((bin.chrom == "chr1" && (bin.start == 2000 || bin.start == 3000)) ||
             (bin.chrom == "chr2" && (bin.start == 5000 || bin.start == 0)));
}

const std::vector<std::string> experimentIds{"EXP_A", "EXP_B", "EXP_C"};
const std::vector<std::string> experimentBiosample{"GM12878", "K562", "GM12878"};
const std::string experimentsYaml = "# three experiments\n"
                                    "- accession: EXP_A\n  biosample: GM12878\n  replicate: 1\n"
                                    "- accession: EXP_B\n  biosample: K562\n  replicate: 2\n  note: \"yes\"\n"
                                    "- accession: EXP_C\n  biosample: GM12878\n  replicate: 1\n";

struct HandTrack {
    std::string accession, assay, experiment, biosample, file;
};
const std::vector<HandTrack> handTracks{{"TRK1", "H3K27ac", "ENCSR1", "GM12878", "TRK1.bigWig"},
                                        {"TRK2", "H3K27ac", "ENCSR2", "GM12878", "sub/second.bw"},
                                        {"TRK3", "CTCF", "ENCSR3", "K562", "TRK3.bw"}};
const std::string tracksYaml = "- accession: TRK1\n  assay: H3K27ac\n  experiment: ENCSR1\n  biosample: GM12878\n"
                               "- accession: TRK2\n  assay: H3K27ac\n  experiment: ENCSR2\n  biosample: GM12878\n"
                               "  file: sub/second.bw\n"
                               "- accession: TRK3\n  assay: CTCF\n  experiment: ENCSR3\n  biosample: K562\n";

// Spans with random lengths, gaps and values (a fixed LCG), leaving chr2:3000-4000 uncovered, plus a
// chromosome the bins do not have.
std::vector<BigWigSpan> trackSpans(std::uint32_t seed)
{
    std::uint32_t state = seed;
    const auto next = [&](std::uint32_t n) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % n;
    };
    std::vector<BigWigSpan> spans;
    for (const auto &[chrom, length] : chromSizes) {
        std::uint32_t at = next(200);
        while (at < length) {
            const std::uint32_t end = std::min<std::uint32_t>(at + 1 + next(400), static_cast<std::uint32_t>(length));
            if (!(chrom == "chr2" && end > 3000 && at < 4000))
                spans.push_back({chrom, at, end, static_cast<float>(next(400)) / 4.0f});
            at = end + next(300);
        }
    }
    spans.push_back({"chrM", 0, 100, 7.0f});
    return spans;
}

// The bin means by brute force: every span's overlap with every bin.
std::vector<double> bruteForceMeans(const std::vector<BigWigSpan> &spans)
{
    std::vector<double> means;
    for (const auto &bin : handBins()) {
        double sum = 0, covered = 0;
        for (const auto &span : spans) {
            if (span.chrom != bin.chrom)
                continue;
            const double overlap = static_cast<double>(std::min<std::int64_t>(span.end, bin.end) -
                                                       std::max<std::int64_t>(span.start, bin.start));
            if (overlap > 0) {
                sum += overlap * span.value;
                covered += overlap;
            }
        }
        means.push_back(covered > 0 ? sum / covered : missing);
    }
    return means;
}

const std::vector<std::string> componentNames{"PCA1", "PCA2", "umap1", "kmeans"};

// Experiment e's row for bin b is absent when (3b + e) % 5 == 0; PCA2 is null for bin 4 of EXP_B.
bool rowPresent(std::size_t b, std::size_t e)
{
    return (3 * b + e) % 5 != 0;
}
double handValue(std::size_t component, std::size_t b, std::size_t e)
{
    if (!rowPresent(b, e) || (component == 1 && b == 4 && e == 1))
        return missing;
    switch (component) {
    case 0:
        return static_cast<double>(b) + 0.25 * static_cast<double>(e);
    case 1:
        return -1.5 * static_cast<double>(b) + static_cast<double>(e);
    case 2:
        return 0.5 * static_cast<double>(b * e);
    default:
        return static_cast<double>(b % 4);
    }
}

// The tall table jointly-hic's pipeline writes, rows in an order of its own (experiments last first).
h5::Table embeddingsTable()
{
    const auto bins = handBins();
    std::vector<std::string> chrom, accession, binName;
    std::vector<std::int64_t> start, end, kmeans, index;
    std::vector<h5::Bool> good;
    std::vector<double> pca1, pca2;
    std::vector<float> umap1;
    std::vector<std::uint8_t> pca2Valid;
    for (std::size_t e = experimentIds.size(); e-- > 0;)
        for (std::size_t b = 0; b < bins.size(); ++b) {
            if (!rowPresent(b, e))
                continue;
            chrom.push_back(bins[b].chrom);
            start.push_back(bins[b].start);
            end.push_back(bins[b].end);
            good.push_back(bins[b].chrom == "chr2" && bins[b].start == 0 ? h5::Bool::False : h5::Bool::True);
            accession.push_back(experimentIds[e]);
            binName.push_back(bins[b].chrom + ":" + std::to_string(bins[b].start));
            index.push_back(static_cast<std::int64_t>(index.size()));
            pca1.push_back(handValue(0, b, e));
            pca2Valid.push_back(!std::isnan(handValue(1, b, e)));
            pca2.push_back(pca2Valid.back() ? handValue(1, b, e) : 0.0);
            umap1.push_back(static_cast<float>(handValue(2, b, e)));
            kmeans.push_back(static_cast<std::int64_t>(handValue(3, b, e)));
        }
    h5::Table table;
    table.addColumn("chrom", chrom);
    table.addColumn("start", start);
    table.addColumn("end", end);
    table.addColumn("good_bin", good);
    table.addColumn("accession", accession);
    table.addColumn("PCA1", pca1);
    table.addColumn("bin_label", binName);
    table.addColumn("PCA2", pca2, pca2Valid);
    table.addColumn("umap1", umap1);
    table.addColumn("kmeans", kmeans);
    table.addColumn("__index_level_0__", index);
    return table;
}

void writeText(const std::filesystem::path &path, const std::string &text)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

bool same(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

bool closeTo(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

bool sameValues(const std::vector<double> &a, const std::vector<double> &b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), same);
}

bool sameFloats(const std::vector<float> &a, const std::vector<float> &b)
{
    return sameValues(std::vector<double>(a.begin(), a.end()), std::vector<double>(b.begin(), b.end()));
}

bool samePyramid(const std::vector<genomics::SummaryLevel> &a, const std::vector<genomics::SummaryLevel> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t level = 0; level < a.size(); ++level)
        if (a[level].binsPerCell != b[level].binsPerCell || !sameFloats(a[level].min, b[level].min) ||
            !sameFloats(a[level].max, b[level].max) || !sameFloats(a[level].mean, b[level].mean))
            return false;
    return true;
}

template <class T>
const std::vector<T> &values(const h5::Table &table, std::string_view name)
{
    const h5::Column *column = table.find(name);
    if (!column)
        throw std::runtime_error("no column " + std::string(name));
    return std::get<std::vector<T>>(column->data);
}

// A double column's cell with nulls as NaN.
double cell(const h5::Table &table, std::string_view name, std::size_t row)
{
    const h5::Column *column = table.find(name);
    return column->isNull(row) ? missing : values<double>(table, name)[row];
}

std::vector<std::string> columnNames(const h5::Table &table)
{
    std::vector<std::string> names;
    for (const auto &column : table.columns())
        names.push_back(column.name);
    return names;
}

// Checks a query's bin columns against the hand-made bins, row r being about bin binOfRow(r).
template <class BinOfRow>
void checkBinColumns(const h5::Table &table, BinOfRow binOfRow)
{
    const auto bins = handBins();
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        const HandBin &bin = bins[binOfRow(row)];
        QCOMPARE(values<std::string>(table, "chrom")[row], bin.chrom);
        QCOMPARE(values<std::int64_t>(table, "start")[row], bin.start);
        QCOMPARE(values<std::int64_t>(table, "end")[row], bin.end);
        QCOMPARE(values<std::string>(table, "name")[row],
                 bin.chrom + ":" + std::to_string(bin.start) + "-" + std::to_string(bin.end));
        QCOMPARE(values<h5::Bool>(table, "good_bin")[row] == h5::Bool::True, handGood(bin));
    }
}

std::vector<std::size_t> goodBinIndices()
{
    std::vector<std::size_t> good;
    const auto bins = handBins();
    for (std::size_t b = 0; b < bins.size(); ++b)
        if (handGood(bins[b]))
            good.push_back(b);
    return good;
}

} // namespace

genomics::StoreInputs tst_GenomicStore::inputs(const std::string &output) const
{
    genomics::StoreInputs in;
    in.experiments = path("experiments.yaml");
    in.embeddings = path("embeddings.parquet");
    in.tracks = path("tracks/tracks.yaml");
    in.chromSizes = path("genome.chrom.sizes");
    in.binSize = 1000;
    in.blacklist = path("blacklist.bed");
    in.output = path(output);
    in.threads = 2;
    return in;
}

void tst_GenomicStore::initTestCase()
{
    QVERIFY(m_dir.isValid());
    writeText(path("genome.chrom.sizes"), "chr1\t10500\nchr2\t6000\n");
    writeText(path("blacklist.bed"), blacklistText);
    writeText(path("experiments.yaml"), experimentsYaml);
    writeText(path("tracks/tracks.yaml"), tracksYaml);
    std::vector<genomics::ChromSize> bigWigChromosomes = chromSizes;
    bigWigChromosomes.push_back({"chrM", 16569});
    for (std::size_t t = 0; t < handTracks.size(); ++t) {
        std::filesystem::create_directories(path("tracks/sub"));
        writeBigWig(path("tracks/" + handTracks[t].file), bigWigChromosomes, trackSpans(static_cast<std::uint32_t>(t + 1)));
    }
    formats::writeTableFile(formats::parseTableLocation(path("embeddings.parquet").string()), embeddingsTable());
    formats::writeDelimitedTable(path("embeddings.tsv"), embeddingsTable());

    std::vector<std::string> progress;
    const genomics::StoreSummary summary =
        genomics::buildGenomicStore(inputs("store.h5"), [&](const std::string &line) { progress.push_back(line); });
    QCOMPARE(summary.bins, handBins().size());
    QCOMPARE(summary.goodBins, goodBinIndices().size());
    QCOMPARE(summary.experiments, std::size_t{3});
    QCOMPARE(summary.embeddings, componentNames.size());
    QCOMPARE(summary.tracks, std::size_t{3});
    QVERIFY(summary.bigWigBytes > 0);
    QCOMPARE(progress.size(), std::size_t{9}); // experiments, table, bins, blacklist, embeddings, 3 tracks, wrote
    QCOMPARE(progress[3], "blacklist: 3 bins marked bad by " + path("blacklist.bed").string());
    QVERIFY(std::filesystem::exists(path("store.h5")));
    m_store = std::make_unique<genomics::GenomicStore>(path("store.h5"));
}

void tst_GenomicStore::binsFollowChromSizesBlacklistAndGoodBin()
{
    const genomics::GenomicStore &store = *m_store;
    QCOMPARE(store.layout(), genomics::StoreLayout::Macroscope);
    const auto bins = handBins();
    QCOMPARE(store.bins().size(), bins.size());
    QCOMPARE(store.bins().chromosomes.size(), std::size_t{2});
    QCOMPARE(store.bins().chromosomes[0].length, std::int64_t{10500});

    const h5::Table all = genomics::queryBins(store);
    QCOMPARE(columnNames(all), (std::vector<std::string>{"name", "chrom", "start", "end", "good_bin"}));
    QCOMPARE(all.rowCount(), bins.size());
    checkBinColumns(all, [](std::size_t row) { return row; });

    const std::vector<std::size_t> good = goodBinIndices();
    QCOMPARE(good.size(), bins.size() - 4);
    const h5::Table goodOnly = genomics::queryBins(store, true);
    QCOMPARE(goodOnly.rowCount(), good.size());
    checkBinColumns(goodOnly, [&](std::size_t row) { return good[row]; });
}

void tst_GenomicStore::metadataTablesAreStored()
{
    const h5::Table experiments = genomics::queryExperiments(*m_store);
    QCOMPARE(columnNames(experiments), (std::vector<std::string>{"accession", "biosample", "replicate", "note"}));
    QCOMPARE(values<std::string>(experiments, "accession"), experimentIds);
    QCOMPARE(values<std::string>(experiments, "biosample"), experimentBiosample);
    QCOMPARE(values<std::int64_t>(experiments, "replicate"), (std::vector<std::int64_t>{1, 2, 1}));
    // A quoted "yes" stays text; the experiments without a note have none.
    const h5::Column &note = *experiments.find("note");
    QVERIFY(note.isNull(0) && !note.isNull(1) && note.isNull(2));
    QCOMPARE(values<std::string>(experiments, "note")[1], std::string("yes"));
    QCOMPARE(m_store->experimentAccessions(), experimentIds);

    const h5::Table tracks = genomics::queryTracks(*m_store);
    QCOMPARE(columnNames(tracks), (std::vector<std::string>{"accession", "assay", "experiment", "biosample"}));
    for (std::size_t t = 0; t < handTracks.size(); ++t) {
        QCOMPARE(values<std::string>(tracks, "accession")[t], handTracks[t].accession);
        QCOMPARE(values<std::string>(tracks, "assay")[t], handTracks[t].assay);
        QCOMPARE(values<std::string>(tracks, "experiment")[t], handTracks[t].experiment);
        QCOMPARE(values<std::string>(tracks, "biosample")[t], handTracks[t].biosample);
    }
    QCOMPARE(m_store->trackAccessions(), (std::vector<std::string>{"TRK1", "TRK2", "TRK3"}));
}

void tst_GenomicStore::trackSignalsAreBinMeansOfTheBigWigs()
{
    for (std::size_t t = 0; t < handTracks.size(); ++t) {
        const std::vector<double> expected = bruteForceMeans(trackSpans(static_cast<std::uint32_t>(t + 1)));
        const std::vector<double> signal = m_store->trackSignal(handTracks[t].accession);
        QCOMPARE(signal.size(), expected.size());
        for (std::size_t b = 0; b < expected.size(); ++b)
            QVERIFY2(closeTo(signal[b], expected[b]),
                     (handTracks[t].accession + " bin " + std::to_string(b) + ": " + std::to_string(signal[b]) +
                      " != " + std::to_string(expected[b])).c_str());
        QVERIFY(std::isnan(signal[11 + 3])); // chr2:3000-4000, which no span covers
        QCOMPARE(std::count_if(signal.begin(), signal.end(), [](double v) { return std::isnan(v); }), std::ptrdiff_t{1});
        QVERIFY(samePyramid(m_store->trackSummary(handTracks[t].accession),
                            genomics::buildSummaryPyramid(m_store->bins(), signal)));
        QVERIFY(m_store->trackSummary(handTracks[t].accession).size() > 1);
    }
    QVERIFY(!errorOf([&] { (void)m_store->trackSignal("TRK9"); }).isEmpty());
}

void tst_GenomicStore::embeddingsArePlacedByBinAndExperiment()
{
    QCOMPARE(m_store->embeddingNames(), componentNames);
    const std::size_t binCount = handBins().size();
    for (std::size_t c = 0; c < componentNames.size(); ++c) {
        const std::vector<double> matrix = m_store->embeddingMatrix(componentNames[c]);
        QCOMPARE(matrix.size(), binCount * experimentIds.size());
        for (std::size_t b = 0; b < binCount; ++b)
            for (std::size_t e = 0; e < experimentIds.size(); ++e)
                QVERIFY(same(matrix[b * experimentIds.size() + e], handValue(c, b, e)));
        for (std::size_t e = 0; e < experimentIds.size(); ++e) {
            const std::vector<double> column = m_store->embedding(componentNames[c], e);
            for (std::size_t b = 0; b < binCount; ++b)
                QVERIFY(same(column[b], handValue(c, b, e)));
        }
    }
    QVERIFY(errorOf([&] { (void)m_store->embedding("PCA9", 0); }).contains("PCA9"));
    QVERIFY(errorOf([&] { (void)m_store->embedding("PCA1", 3); }).contains("out of range"));
}

void tst_GenomicStore::embeddingQueriesTallAndWide()
{
    const std::size_t binCount = handBins().size();
    const h5::Table tall = genomics::queryEmbeddings(*m_store, {});
    QCOMPARE(columnNames(tall), (std::vector<std::string>{"name", "chrom", "start", "end", "good_bin", "accession",
                                                          "component", "value"}));
    QCOMPARE(tall.rowCount(), experimentIds.size() * binCount * componentNames.size());
    const auto tallBin = [&](std::size_t row) { return (row / componentNames.size()) % binCount; };
    checkBinColumns(tall, tallBin);
    for (std::size_t row = 0; row < tall.rowCount(); ++row) {
        const std::size_t e = row / (binCount * componentNames.size()), c = row % componentNames.size();
        QCOMPARE(values<std::string>(tall, "accession")[row], experimentIds[e]);
        QCOMPARE(values<std::string>(tall, "component")[row], componentNames[c]);
        QVERIFY(same(cell(tall, "value", row), handValue(c, tallBin(row), e)));
    }

    // One experiment, two components, good bins only.
    const std::vector<std::size_t> good = goodBinIndices();
    const h5::Table some = genomics::queryEmbeddings(
        *m_store, {{"kmeans", "PCA2"}, "EXP_B", genomics::EmbeddingLayout::Tall, true});
    QCOMPARE(some.rowCount(), good.size() * 2);
    checkBinColumns(some, [&](std::size_t row) { return good[row / 2]; });
    for (std::size_t row = 0; row < some.rowCount(); ++row) {
        const std::size_t c = row % 2 == 0 ? 3 : 1;
        QCOMPARE(values<std::string>(some, "component")[row], componentNames[c]);
        QVERIFY(same(cell(some, "value", row), handValue(c, good[row / 2], 1)));
    }

    const h5::Table wide = genomics::queryEmbeddings(*m_store, {{}, std::nullopt, genomics::EmbeddingLayout::Wide, false});
    std::vector<std::string> names{"name", "chrom", "start", "end", "good_bin"};
    for (const auto &accession : experimentIds)
        for (const auto &component : componentNames)
            names.push_back(accession + ":" + component);
    QCOMPARE(columnNames(wide), names);
    QCOMPARE(wide.rowCount(), binCount);
    checkBinColumns(wide, [](std::size_t row) { return row; });
    for (std::size_t b = 0; b < binCount; ++b)
        for (std::size_t e = 0; e < experimentIds.size(); ++e)
            for (std::size_t c = 0; c < componentNames.size(); ++c)
                QVERIFY(same(cell(wide, experimentIds[e] + ":" + componentNames[c], b), handValue(c, b, e)));

    const h5::Table one = genomics::queryEmbeddings(*m_store, {{"umap1"}, "EXP_C", genomics::EmbeddingLayout::Wide, true});
    QCOMPARE(columnNames(one), (std::vector<std::string>{"name", "chrom", "start", "end", "good_bin", "umap1"}));
    QCOMPARE(one.rowCount(), good.size());
    for (std::size_t row = 0; row < good.size(); ++row)
        QVERIFY(same(cell(one, "umap1", row), handValue(2, good[row], 2)));

    QVERIFY(errorOf([&] { (void)genomics::queryEmbeddings(*m_store, {{"PCA7"}}); }).contains("PCA7"));
    QVERIFY(errorOf([&] { (void)genomics::queryEmbeddings(*m_store, {{}, "EXP_Z"}); }).contains("EXP_Z"));
}

void tst_GenomicStore::overlayAveragesTheBiosamplesTracks()
{
    const std::size_t binCount = handBins().size();
    std::vector<std::vector<double>> means;
    for (std::size_t t = 0; t < handTracks.size(); ++t)
        means.push_back(bruteForceMeans(trackSpans(static_cast<std::uint32_t>(t + 1))));
    // GM12878's H3K27ac: TRK1 and TRK2 (the mean of those that have a value); K562's CTCF: TRK3. GM12878 has
    // no CTCF track and K562 no H3K27ac one, so those pairs give no rows.
    const auto gmMean = [&](std::size_t b) {
        const double x = means[0][b], y = means[1][b];
        if (std::isnan(x))
            return y;
        return std::isnan(y) ? x : (x + y) / 2;
    };
    struct Group {
        std::size_t experiment;
        std::string assay;
    };
    const std::vector<Group> groups{{0, "H3K27ac"}, {1, "CTCF"}, {2, "H3K27ac"}};

    const h5::Table overlay = genomics::queryOverlay(*m_store, {});
    std::vector<std::string> names{"name", "chrom", "start", "end", "good_bin", "accession", "biosample", "assay"};
    names.insert(names.end(), componentNames.begin(), componentNames.end());
    names.push_back("signal");
    QCOMPARE(columnNames(overlay), names);
    QCOMPARE(overlay.rowCount(), groups.size() * binCount);
    checkBinColumns(overlay, [&](std::size_t row) { return row % binCount; });
    for (std::size_t row = 0; row < overlay.rowCount(); ++row) {
        const Group &group = groups[row / binCount];
        const std::size_t b = row % binCount;
        QCOMPARE(values<std::string>(overlay, "accession")[row], experimentIds[group.experiment]);
        QCOMPARE(values<std::string>(overlay, "biosample")[row], experimentBiosample[group.experiment]);
        QCOMPARE(values<std::string>(overlay, "assay")[row], group.assay);
        for (std::size_t c = 0; c < componentNames.size(); ++c)
            QVERIFY(same(cell(overlay, componentNames[c], row), handValue(c, b, group.experiment)));
        const double expected = group.assay == "CTCF" ? means[2][b] : gmMean(b);
        QVERIFY(closeTo(cell(overlay, "signal", row), expected));
    }

    const std::vector<std::size_t> good = goodBinIndices();
    const h5::Table ctcf = genomics::queryOverlay(*m_store, {"CTCF", {"PCA1"}, std::nullopt, true});
    QCOMPARE(columnNames(ctcf).back(), std::string("signal"));
    QCOMPARE(ctcf.columns().size(), std::size_t{10});
    QCOMPARE(ctcf.rowCount(), good.size());
    for (std::size_t row = 0; row < good.size(); ++row) {
        QCOMPARE(values<std::string>(ctcf, "accession")[row], std::string("EXP_B"));
        QVERIFY(same(cell(ctcf, "PCA1", row), handValue(0, good[row], 1)));
        QVERIFY(closeTo(cell(ctcf, "signal", row), means[2][good[row]]));
    }
    const h5::Table experimentC = genomics::queryOverlay(*m_store, {std::nullopt, {}, "EXP_C", false});
    QCOMPARE(experimentC.rowCount(), binCount);
    QCOMPARE(values<std::string>(experimentC, "assay")[0], std::string("H3K27ac"));
    QVERIFY(errorOf([&] { (void)genomics::queryOverlay(*m_store, {"DNase"}); }).contains("DNase"));
}

void tst_GenomicStore::overlayMatchesOnlyGivenBiosamples()
{
    // E1 and T1 have no biosample: that is no match, not a biosample they share.
    genomics::StoreContents contents;
    contents.bins = genomics::binsFromChromSizes({{"chr1", 300}}, 100);
    contents.experiments.addColumn("accession", std::vector<std::string>{"E1", "E2"});
    contents.experiments.addColumn("biosample", std::vector<std::string>{"", "K562"}, {0, 1});
    contents.embeddings.components = {"PCA1"};
    contents.embeddings.values = {{1, 2, 3, 4, 5, 6}}; // bins x experiments: E2 has 2, 4, 6
    contents.tracks.addColumn("accession", std::vector<std::string>{"T1", "T2"});
    contents.tracks.addColumn("assay", std::vector<std::string>{"ATAC", "ATAC"});
    contents.tracks.addColumn("experiment", std::vector<std::string>{"X1", "X2"});
    contents.tracks.addColumn("biosample", std::vector<std::string>{"", "K562"}, {0, 1});
    contents.trackSignals = {{10, 20, 30}, {7, missing, 9}};
    genomics::writeGenomicStore(path("biosamples.h5"), contents);
    const genomics::GenomicStore store(path("biosamples.h5"));
    QVERIFY(store.experiments().find("biosample")->isNull(0));

    const h5::Table overlay = genomics::queryOverlay(store, {});
    QCOMPARE(overlay.rowCount(), std::size_t{3});
    QCOMPARE(values<std::string>(overlay, "accession"), (std::vector<std::string>(3, "E2")));
    QCOMPARE(values<std::string>(overlay, "biosample"), (std::vector<std::string>(3, "K562")));
    QVERIFY(same(cell(overlay, "PCA1", 0), 2) && same(cell(overlay, "PCA1", 1), 4) && same(cell(overlay, "PCA1", 2), 6));
    QVERIFY(same(cell(overlay, "signal", 0), 7) && same(cell(overlay, "signal", 1), missing) &&
            same(cell(overlay, "signal", 2), 9));
    QCOMPARE(genomics::queryOverlay(store, {std::nullopt, {}, "E1", false}).rowCount(), std::size_t{0});
}

void tst_GenomicStore::readsFromSeveralThreadsAtOnce()
{
    // The const readers open the file per call: four threads reading every column and track at once must each
    // get what the inputs say.
    const genomics::GenomicStore &store = *m_store;
    std::vector<std::vector<double>> means;
    for (std::size_t t = 0; t < handTracks.size(); ++t)
        means.push_back(bruteForceMeans(trackSpans(static_cast<std::uint32_t>(t + 1))));
    std::atomic<int> wrong{0};
    {
        std::vector<std::jthread> readers;
        for (int r = 0; r < 4; ++r)
            readers.emplace_back([&] {
                try {
                    for (int round = 0; round < 5; ++round) {
                        for (std::size_t c = 0; c < componentNames.size(); ++c)
                            for (std::size_t e = 0; e < experimentIds.size(); ++e) {
                                const std::vector<double> column = store.embedding(componentNames[c], e);
                                for (std::size_t b = 0; b < column.size(); ++b)
                                    wrong += !same(column[b], handValue(c, b, e));
                            }
                        for (std::size_t t = 0; t < handTracks.size(); ++t) {
                            const auto pyramid = store.trackSummary(handTracks[t].accession);
                            for (std::size_t b = 0; b < means[t].size(); ++b)
                                wrong += !closeTo(pyramid[0].mean[b], static_cast<float>(means[t][b]));
                        }
                    }
                } catch (...) {
                    ++wrong;
                }
            });
    }
    QCOMPARE(wrong.load(), 0);
}

void tst_GenomicStore::tsvEmbeddingsBuildTheSameStore()
{
    genomics::StoreInputs in = inputs("from-tsv.h5");
    in.embeddings = path("embeddings.tsv");
    writeText(path("no-tracks.yaml"), "");
    in.tracks = path("no-tracks.yaml");
    genomics::buildGenomicStore(in);
    const genomics::GenomicStore store(path("from-tsv.h5"));
    QVERIFY(store.bins() == m_store->bins());
    QCOMPARE(store.embeddingNames(), componentNames);
    for (const auto &name : componentNames)
        QVERIFY(sameValues(store.embeddingMatrix(name), m_store->embeddingMatrix(name)));
    QVERIFY(store.trackAccessions().empty());
    QCOMPARE(genomics::queryTracks(store).rowCount(), std::size_t{0});
}

void tst_GenomicStore::binsFromBedOrTheEmbeddings()
{
    // The hand-made bins as BED give the store built from chrom sizes.
    std::string bed = "track name=bins\n";
    for (const auto &bin : handBins())
        bed += bin.chrom + "\t" + std::to_string(bin.start) + "\t" + std::to_string(bin.end) + "\n";
    writeText(path("bins.bed"), bed);
    genomics::StoreInputs in = inputs("from-bed.h5");
    in.chromSizes.reset();
    in.binsBed = path("bins.bed");
    in.tracks.reset();
    genomics::buildGenomicStore(in);
    QVERIFY(genomics::GenomicStore(path("from-bed.h5")).bins() == m_store->bins());

    in = inputs("from-embeddings.h5");
    in.chromSizes.reset();
    in.blacklist.reset();
    in.tracks.reset();
    genomics::buildGenomicStore(in);
    const genomics::GenomicStore store(path("from-embeddings.h5"));
    // Every bin has a row of some experiment; only good_bin marks a bin bad.
    const auto bins = handBins();
    QCOMPARE(store.bins().size(), bins.size());
    for (std::size_t b = 0; b < bins.size(); ++b) {
        QCOMPARE(store.bins().chrom(b), bins[b].chrom);
        QCOMPARE(store.bins().start[b], bins[b].start);
        QCOMPARE(store.bins().end[b], bins[b].end);
        QCOMPARE(store.bins().good[b], std::uint8_t(bins[b].chrom == "chr2" && bins[b].start == 0 ? 0 : 1));
    }
}

void tst_GenomicStore::metadataYamlTypes()
{
    writeText(path("types.yaml"), "- {a: 1, b: 1.5, c: yes, d: '7', e: x, f: 0123, g: ~}\n"
                                  "- {a: -2, b: 2, c: Off, d: 8, e: 3, f: 12, g: null}\n"
                                  "- {a: 3, b: .inf, c: true, e: 4.5, h: 9}\n");
    const h5::Table table = genomics::readMetadataYaml(path("types.yaml"));
    QCOMPARE(columnNames(table), (std::vector<std::string>{"a", "b", "c", "d", "e", "f", "g", "h"}));
    QCOMPARE(values<std::int64_t>(table, "a"), (std::vector<std::int64_t>{1, -2, 3}));
    QCOMPARE(values<double>(table, "b"), (std::vector<double>{1.5, 2.0, std::numeric_limits<double>::infinity()}));
    QCOMPARE(values<h5::Bool>(table, "c"), (std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::True}));
    // A quoted number is text, so the column is text, the numbers as written; the third item has none.
    QCOMPARE(values<std::string>(table, "d"), (std::vector<std::string>{"7", "8", ""}));
    QVERIFY(table.find("d")->isNull(2));
    QCOMPARE(values<std::string>(table, "e"), (std::vector<std::string>{"x", "3", "4.5"}));
    QCOMPARE(values<std::string>(table, "f"), (std::vector<std::string>{"0123", "12", ""}));
    QCOMPARE(table.find("g")->nullCount(), std::size_t{3});
    QCOMPARE(table.find("h")->nullCount(), std::size_t{2});
    QCOMPARE(values<std::int64_t>(table, "h")[2], std::int64_t{9});

    writeText(path("nested.yaml"), "- accession: A\n  tags: [x, y]\n");
    QCOMPARE(errorOf([&] { genomics::readMetadataYaml(path("nested.yaml")); }),
             QString::fromStdString(path("nested.yaml").string() + ": line 2: 'tags' is not a single value"));
    writeText(path("mapping.yaml"), "accession: A\n");
    QVERIFY(errorOf([&] { genomics::readMetadataYaml(path("mapping.yaml")); }).contains("not a list of mappings"));

    // PyYAML: 1.0e+999 is infinity, "._" fits its float pattern but is no number, and an exponent needs a sign.
    writeText(path("numbers.yaml"), "- {a: ._, b: 1.0e+999, c: -1_0.5, d: 1.0e999}\n");
    const h5::Table numbers = genomics::readMetadataYaml(path("numbers.yaml"));
    QCOMPARE(values<std::string>(numbers, "a"), (std::vector<std::string>{"._"}));
    QCOMPARE(values<double>(numbers, "b"), (std::vector<double>{std::numeric_limits<double>::infinity()}));
    QCOMPARE(values<double>(numbers, "c"), (std::vector<double>{-10.5}));
    QCOMPARE(values<std::string>(numbers, "d"), (std::vector<std::string>{"1.0e999"}));

    // Merge keys as PyYAML's safe_load resolves them (checked with it): the item's own keys win, then the first
    // of the merged mappings; keys come in PyYAML's order (D's: lab, biosample, assay after accession).
    writeText(path("merged.yaml"), "- &a {accession: A, assay: ChIP, biosample: K562}\n"
                                   "- &b {accession: B, lab: L1, biosample: HepG2}\n"
                                   "- <<: *a\n  accession: C\n"
                                   "- <<: [*a, *b]\n  accession: D\n"
                                   "- <<: *b\n  lab: L2\n"); // b as written, whatever D made of it
    const h5::Table merged = genomics::readMetadataYaml(path("merged.yaml"));
    QCOMPARE(columnNames(merged), (std::vector<std::string>{"accession", "assay", "biosample", "lab"}));
    QCOMPARE(values<std::string>(merged, "accession"), (std::vector<std::string>{"A", "B", "C", "D", "B"}));
    QCOMPARE(values<std::string>(merged, "assay"), (std::vector<std::string>{"ChIP", "", "ChIP", "ChIP", ""}));
    QVERIFY(merged.find("assay")->isNull(1));
    QCOMPARE(values<std::string>(merged, "biosample"),
             (std::vector<std::string>{"K562", "HepG2", "K562", "K562", "HepG2"}));
    QCOMPARE(values<std::string>(merged, "lab"), (std::vector<std::string>{"", "L1", "", "L1", "L2"}));
    QCOMPARE(merged.find("lab")->nullCount(), std::size_t{2});
    writeText(path("merge-scalar.yaml"), "- accession: A\n  <<: 5\n");
    QCOMPARE(errorOf([&] { genomics::readMetadataYaml(path("merge-scalar.yaml")); }),
             QString::fromStdString(path("merge-scalar.yaml").string() +
                                    ": line 2: '<<' must merge a mapping or a list of mappings"));
    writeText(path("twice.yaml"), "- {accession: A, accession: B}\n");
    QVERIFY(errorOf([&] { genomics::readMetadataYaml(path("twice.yaml")); }).contains("'accession' given twice"));

    // An empty file is no items, as pandas makes an empty frame of it.
    writeText(path("comment-only.yaml"), "# nothing yet\n");
    QCOMPARE(genomics::readMetadataYaml(path("comment-only.yaml")).columns().size(), std::size_t{0});
}

void tst_GenomicStore::buildFailuresNameTheInputAndWriteNothing()
{
    const auto expectFailure = [&](const genomics::StoreInputs &in, const std::vector<std::string> &parts) {
        const QString message = errorOf([&] { genomics::buildGenomicStore(in); });
        QVERIFY2(!message.isEmpty(), "the build must fail");
        for (const auto &part : parts)
            QVERIFY2(message.contains(QString::fromStdString(part)), qPrintable(message + " lacks " + part.c_str()));
        QVERIFY(!std::filesystem::exists(in.output));
        QVERIFY(!std::filesystem::exists(in.output.string() + ".partial"));
    };

    h5::Table unknownBin = embeddingsTable();
    {
        h5::Table table;
        for (const auto &column : unknownBin.columns()) {
            h5::Column changed = column;
            if (column.name == "start")
                std::get<std::vector<std::int64_t>>(changed.data)[5] = 20000;
            if (column.name == "end")
                std::get<std::vector<std::int64_t>>(changed.data)[5] = 21000;
            table.addColumn(changed);
        }
        formats::writeTableFile(formats::parseTableLocation(path("unknown-bin.parquet").string()), table);
    }
    genomics::StoreInputs in = inputs("failed.h5");
    in.embeddings = path("unknown-bin.parquet");
    expectFailure(in, {path("unknown-bin.parquet").string(), "row 6", ":20000-21000", "not among the bins"});

    writeText(path("two-experiments.yaml"), "- accession: EXP_A\n- accession: EXP_C\n");
    in = inputs("failed.h5");
    in.experiments = path("two-experiments.yaml");
    expectFailure(in, {path("embeddings.parquet").string(), "accession 'EXP_B' is not among the experiments"});

    writeText(path("tracks/missing.yaml"), tracksYaml + "- accession: TRK9\n  assay: ATAC\n  experiment: E9\n  biosample: K562\n");
    in = inputs("failed.h5");
    in.tracks = path("tracks/missing.yaml");
    expectFailure(in, {path("tracks/missing.yaml").string(), "TRK9", "no bigWig", "TRK9.bigWig"});

    writeText(path("tracks/twice.yaml"), tracksYaml + "- accession: TRK1\n  assay: ATAC\n  experiment: E9\n  biosample: K562\n");
    in.tracks = path("tracks/twice.yaml");
    expectFailure(in, {path("tracks/twice.yaml").string(), "'TRK1' given twice"});

    writeText(path("tracks/corrupt.bw"), "not a bigWig at all");
    writeText(path("tracks/corrupt.yaml"), "- {accession: BAD, assay: ATAC, experiment: E, biosample: K562, file: corrupt.bw}\n");
    in.tracks = path("tracks/corrupt.yaml");
    expectFailure(in, {path("tracks/corrupt.bw").string()});

    // The third line is indented less than the list it continues.
    writeText(path("malformed.yaml"), "- accession: EXP_A\n  biosample: GM12878\n - accession: EXP_B\n");
    in = inputs("failed.h5");
    in.experiments = path("malformed.yaml");
    expectFailure(in, {path("malformed.yaml").string() + ": line 3: "});
    QCOMPARE(errorOf([&] { genomics::readMetadataYaml(path("malformed.yaml")); }),
             QString::fromStdString(path("malformed.yaml").string() + ": line 3: end of sequence not found"));

    writeText(path("no-accession.yaml"), "- biosample: GM12878\n");
    in.experiments = path("no-accession.yaml");
    expectFailure(in, {path("no-accession.yaml").string(), "accession"});

    in = inputs("failed.h5");
    in.chromSizes = path("absent.sizes");
    expectFailure(in, {path("absent.sizes").string()});

    writeText(path("empty.yaml"), "");
    in = inputs("failed.h5");
    in.experiments = path("empty.yaml");
    expectFailure(in, {path("empty.yaml").string() + ": no experiments"});

    // A bin size of 1 on two human chromosomes: refused before the bins are made.
    writeText(path("human.sizes"), "chr1\t248956422\nchr2\t242193529\n");
    in = inputs("failed.h5");
    in.chromSizes = path("human.sizes");
    in.binSize = 1;
    expectFailure(in, {path("human.sizes").string() + ": bins of 1 bases would be 491149951, more than the 100000000"});

    // A coordinate no int64 holds (the column is float, as pandas leaves integers with gaps).
    writeText(path("far.tsv"), "chrom\tstart\tend\taccession\tPCA1\nchr1\t0\t1000\tEXP_A\t1\n"
                               "chr1\t1e300\t2000\tEXP_A\t2\n");
    in = inputs("failed.h5");
    in.embeddings = path("far.tsv");
    in.tracks.reset();
    expectFailure(in, {path("far.tsv").string() + ": row 2: start is not a whole number within int64's range"});

    // Bins from an empty BED: the BED is named, not the store that was not written.
    writeText(path("no-bins.bed"), "track name=none\n");
    in = inputs("failed.h5");
    in.chromSizes.reset();
    in.binsBed = path("no-bins.bed");
    expectFailure(in, {path("no-bins.bed").string() + ": no bins"});

    // The tracks are checked before the embeddings table is read.
    in = inputs("failed.h5");
    in.embeddings = path("absent.parquet");
    in.tracks = path("tracks/missing.yaml");
    expectFailure(in, {path("tracks/missing.yaml").string(), "TRK9", "no bigWig"});
}

void tst_GenomicStore::existingOutputNeedsOverwrite()
{
    writeText(path("taken.h5"), "something else");
    genomics::StoreInputs in = inputs("taken.h5");
    in.tracks.reset();
    QVERIFY(errorOf([&] { genomics::buildGenomicStore(in); }).contains("exists already"));
    in.overwrite = true;
    genomics::buildGenomicStore(in);
    QCOMPARE(genomics::GenomicStore(path("taken.h5")).bins().size(), handBins().size());
}

void tst_GenomicStore::inconsistentStoresAreRefused()
{
    writeText(path("text.h5"), "not HDF5");
    QVERIFY(errorOf([&] { genomics::GenomicStore(path("text.h5")); }).contains(QString::fromStdString(path("text.h5").string())));

    // Another Macroscope file: `convert` writes tables as "macroscope.table".
    formats::writeTableFile(formats::parseTableLocation(path("table.h5").string() + "::/t"), embeddingsTable());
    QCOMPARE(errorOf([&] { genomics::GenomicStore(path("table.h5")); }),
             QString::fromStdString(path("table.h5").string() +
                                    ": /: format 'macroscope.table' is not a genomic store (macroscope.genomics)"));

    std::filesystem::copy_file(path("store.h5"), path("bad-shape.h5"));
    {
        const h5::File file = h5::File::open(path("bad-shape.h5"), h5::Access::ReadWrite);
        file.root().createDataset<double>("embeddings/odd", {5, 3});
    }
    QCOMPARE(errorOf([&] { genomics::GenomicStore(path("bad-shape.h5")); }),
             QString::fromStdString(path("bad-shape.h5").string() +
                                    ": embeddings/odd: shape (5, 3) is not bins x experiments (17, 3)"));

    // A track whose signal is not one value per bin.
    {
        const h5::File file = h5::File::create(path("short-track.h5"));
        const h5::Group root = file.root();
        const std::vector<std::string> chrom{"chr1", "chr1", "chr2"};
        const std::vector<std::int64_t> start{0, 100, 0}, end{100, 200, 100};
        const std::vector<h5::Bool> good(3, h5::Bool::True);
        root.createDataset<std::string>("bins/chrom", {3}).write<std::string>(chrom);
        root.createDataset<std::int64_t>("bins/start", {3}).write<std::int64_t>(start);
        root.createDataset<std::int64_t>("bins/end", {3}).write<std::int64_t>(end);
        root.createDataset<h5::Bool>("bins/good_bin", {3}).write<h5::Bool>(good);
        h5::Table experiments;
        experiments.addColumn("accession", std::vector<std::string>{"E1"});
        h5::writeTable(root, "metadata/experiments", experiments);
        h5::Table tracks;
        for (const char *name : {"accession", "assay", "experiment", "biosample"})
            tracks.addColumn(name, std::vector<std::string>{"X"});
        h5::writeTable(root, "metadata/tracks", tracks);
        root.createDataset<double>("tracks/X", {4});
    }
    QCOMPARE(errorOf([&] { genomics::GenomicStore(path("short-track.h5")); }),
             QString::fromStdString(path("short-track.h5").string() + ": tracks/X: shape (4) is not one value per bin (3)"));

    // Bins that a few kilobytes declare (chunks never written take no room): refused before anything is read.
    {
        const h5::File file = h5::File::create(path("huge-bins.h5"));
        const h5::Group root = file.root();
        const h5::Shape shape{std::uint64_t{1} << 36};
        const h5::DatasetOptions chunked{.chunk = {1 << 16}};
        root.createDataset<std::string>("bins/chrom", shape, chunked);
        root.createDataset<std::int64_t>("bins/start", shape, chunked);
        root.createDataset<std::int64_t>("bins/end", shape, chunked);
        root.createDataset<h5::Bool>("bins/good_bin", shape, chunked);
    }
    QVERIFY(std::filesystem::file_size(path("huge-bins.h5")) < 1'000'000);
    QCOMPARE(errorOf([&] { genomics::GenomicStore(path("huge-bins.h5")); }),
             QString::fromStdString(path("huge-bins.h5").string() +
                                    ": bins/start: 68719476736 bins, more than the 100000000 a genome may have"));
}

void tst_GenomicStore::readsJointlyHicFiles()
{
    QProcess probe;
    probe.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import h5py, numpy")});
    if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        QSKIP("jointly-hic's layout is written with h5py: /usr/bin/python3 with h5py and numpy is needed");
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(MACROSCOPE_SOURCE_DIR "/tests/data/make_jointly_hic_sample.py"),
                  QString::fromStdString(path("jointly.h5").string())});
    QVERIFY2(python.waitForFinished(60000), "python3 did not finish");
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());

    const genomics::GenomicStore store(path("jointly.h5"));
    QCOMPARE(store.layout(), genomics::StoreLayout::JointlyHic);
    // jointly-hic sorts bins by chromosome name as text.
    std::vector<HandBin> bins;
    for (const auto &[chrom, count] : std::vector<std::pair<std::string, int>>{{"chr1", 5}, {"chr10", 3}, {"chr2", 4}})
        for (int i = 0; i < count; ++i)
            bins.push_back({chrom, i * 1000, (i + 1) * 1000});
    QCOMPARE(store.bins().size(), bins.size());
    const h5::Table binTable = genomics::queryBins(store);
    for (std::size_t b = 0; b < bins.size(); ++b) {
        QCOMPARE(values<std::string>(binTable, "name")[b],
                 bins[b].chrom + ":" + std::to_string(bins[b].start) + "-" + std::to_string(bins[b].end));
        const bool bad = (bins[b].chrom == "chr10" && bins[b].start == 1000) || (bins[b].chrom == "chr2" && bins[b].start == 3000);
        QCOMPARE(values<h5::Bool>(binTable, "good_bin")[b] == h5::Bool::True, !bad);
    }
    QCOMPARE(genomics::queryBins(store, true).rowCount(), bins.size() - 2);

    const h5::Table experiments = genomics::queryExperiments(store);
    QCOMPARE(columnNames(experiments), (std::vector<std::string>{"accession", "biosample", "replicate", "note"}));
    QCOMPARE(values<std::string>(experiments, "accession"), (std::vector<std::string>{"ENCSR001", "ENCSR002", "ENCSR003"}));
    QCOMPARE(values<std::string>(experiments, "biosample"), (std::vector<std::string>{"GM12878", "K562", "GM12878"}));
    QCOMPARE(values<std::string>(experiments, "replicate"), (std::vector<std::string>{"1", "1", "2"}));
    QCOMPARE(values<std::string>(experiments, "note"), (std::vector<std::string>{"first", "nan", "third"}));

    // Track groups come in name order, as h5py lists them.
    const std::vector<std::string> trackOrder{"ENCFF050DDD", "ENCFF100AAA", "ENCFF200BBB", "ENCFF300CCC"};
    const std::map<std::string, std::pair<std::size_t, HandTrack>> written{
        {"ENCFF100AAA", {0, {"ENCFF100AAA", "H3K27ac", "ENCSR900", "GM12878", ""}}},
        {"ENCFF200BBB", {1, {"ENCFF200BBB", "CTCF", "ENCSR901", "K562", ""}}},
        {"ENCFF300CCC", {2, {"ENCFF300CCC", "H3K27ac", "ENCSR902", "GM12878", ""}}},
        {"ENCFF050DDD", {3, {"ENCFF050DDD", "H3K27ac", "ENCSR903", "K562", ""}}}};
    QCOMPARE(store.trackAccessions(), trackOrder);
    const h5::Table tracks = genomics::queryTracks(store);
    QCOMPARE(columnNames(tracks), (std::vector<std::string>{"accession", "assay", "experiment", "biosample"}));
    const auto trackValue = [&](const std::string &accession, std::size_t b) {
        const std::size_t t = written.at(accession).first;
        return b == t + 1 ? missing : 10.0 * static_cast<double>(t + 1) + static_cast<double>(b) / 2;
    };
    for (std::size_t row = 0; row < trackOrder.size(); ++row) {
        const HandTrack &track = written.at(trackOrder[row]).second;
        QCOMPARE(values<std::string>(tracks, "assay")[row], track.assay);
        QCOMPARE(values<std::string>(tracks, "experiment")[row], track.experiment);
        QCOMPARE(values<std::string>(tracks, "biosample")[row], track.biosample);
        const std::vector<double> signal = store.trackSignal(track.accession);
        for (std::size_t b = 0; b < bins.size(); ++b)
            QVERIFY(same(signal[b], trackValue(track.accession, b)));
        QVERIFY(samePyramid(store.trackSummary(track.accession), genomics::buildSummaryPyramid(store.bins(), signal)));
    }

    // HDF5 lists h5py's links by name: capitals first.
    const std::vector<std::string> embeddings{"PCA1", "PCA2", "kmeans1", "leiden1", "umap1_n500", "umap2_n500"};
    QCOMPARE(store.embeddingNames(), embeddings);
    const auto embeddingValue = [&](const std::string &name, std::size_t b, std::size_t e) {
        if ((b + e) % 7 == 3)
            return missing;
        if (name == "kmeans1")
            return static_cast<double>(b % 3);
        if (name == "leiden1")
            return static_cast<double>(b % 2);
        const std::map<std::string, int> k{{"PCA1", 0}, {"PCA2", 1}, {"umap1_n500", 2}, {"umap2_n500", 3}};
        return 100.0 * k.at(name) + static_cast<double>(b) + static_cast<double>(e) / 10;
    };
    const h5::Table wide = genomics::queryEmbeddings(store, {{}, std::nullopt, genomics::EmbeddingLayout::Wide, false});
    for (std::size_t b = 0; b < bins.size(); ++b)
        for (std::size_t e = 0; e < 3; ++e)
            for (const auto &name : embeddings)
                QVERIFY(same(cell(wide, values<std::string>(experiments, "accession")[e] + ":" + name, b),
                             embeddingValue(name, b, e)));

    // GM12878 (ENCSR001, ENCSR003): H3K27ac from ENCFF100AAA and ENCFF300CCC; K562 (ENCSR002): H3K27ac from
    // ENCFF050DDD, CTCF from ENCFF200BBB. Assays in the order of the tracks table: H3K27ac, CTCF.
    const h5::Table overlay = genomics::queryOverlay(store, {std::nullopt, {"PCA1"}, std::nullopt, false});
    struct Group {
        std::size_t experiment;
        std::string assay;
        std::vector<std::string> tracks;
    };
    const std::vector<Group> groups{{0, "H3K27ac", {"ENCFF100AAA", "ENCFF300CCC"}},
                                    {1, "H3K27ac", {"ENCFF050DDD"}},
                                    {1, "CTCF", {"ENCFF200BBB"}},
                                    {2, "H3K27ac", {"ENCFF100AAA", "ENCFF300CCC"}}};
    QCOMPARE(overlay.rowCount(), groups.size() * bins.size());
    for (std::size_t row = 0; row < overlay.rowCount(); ++row) {
        const Group &group = groups[row / bins.size()];
        const std::size_t b = row % bins.size();
        QCOMPARE(values<std::string>(overlay, "assay")[row], group.assay);
        QCOMPARE(values<std::string>(overlay, "accession")[row],
                 values<std::string>(experiments, "accession")[group.experiment]);
        QVERIFY(same(cell(overlay, "PCA1", row), embeddingValue("PCA1", b, group.experiment)));
        double sum = 0;
        int count = 0;
        for (const auto &track : group.tracks)
            if (!std::isnan(trackValue(track, b))) {
                sum += trackValue(track, b);
                ++count;
            }
        QVERIFY(closeTo(cell(overlay, "signal", row), count ? sum / count : missing));
    }
}

void tst_GenomicStore::syntheticStoreRoundTrips()
{
    SyntheticGenomeOptions options;
    options.binCount = 5000;
    const genomics::StoreContents contents = syntheticGenome(options);
    // The same options give the same genome; another seed another one.
    const genomics::StoreContents again = syntheticGenome(options);
    QVERIFY(again.bins == contents.bins);
    QVERIFY(sameValues(again.embeddings.values[3], contents.embeddings.values[3]));
    QVERIFY(sameValues(again.trackSignals[2], contents.trackSignals[2]));
    options.seed = 2;
    QVERIFY(!sameValues(syntheticGenome(options).embeddings.values[3], contents.embeddings.values[3]));
    options.seed = 1;
    genomics::writeGenomicStore(path("synthetic.h5"), contents);
    const genomics::GenomicStore store(path("synthetic.h5"));
    QCOMPARE(store.layout(), genomics::StoreLayout::Macroscope);
    QCOMPARE(store.bins().size(), options.binCount);
    QCOMPARE(store.bins().chromosomes.size(), std::size_t{23});
    QVERIFY(store.bins() == contents.bins);
    QVERIFY(store.experiments() == contents.experiments);
    QVERIFY(store.tracks() == contents.tracks);
    QCOMPARE(store.embeddingNames(), contents.embeddings.components);
    for (std::size_t i = 0; i < contents.embeddings.components.size(); ++i)
        QVERIFY(sameValues(store.embeddingMatrix(contents.embeddings.components[i]), contents.embeddings.values[i]));
    for (std::size_t t = 0; t < contents.trackSignals.size(); ++t) {
        QVERIFY(sameValues(store.trackSignal(store.trackAccessions()[t]), contents.trackSignals[t]));
        QVERIFY(samePyramid(store.trackSummary(store.trackAccessions()[t]),
                            genomics::buildSummaryPyramid(contents.bins, contents.trackSignals[t])));
    }
}

QTEST_GUILESS_MAIN(tst_GenomicStore)
#include "tst_genomicstore.moc"
