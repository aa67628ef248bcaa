#include "core/error.h"
#include "core/genomics/genomebins.h"
#include "core/genomics/genomeregion.h"
#include "core/genomics/genomicintervals.h"

#include "tests/support/errorof.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <fstream>
#include <limits>
#include <random>

class tst_GenomeBins : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void chromSizesAreRead();
    void chromSizesErrorsNameFileAndLine_data();
    void chromSizesErrorsNameFileAndLine();
    void bedIsRead();
    void bedErrorsNameFileAndLine_data();
    void bedErrorsNameFileAndLine();
    void chromSizesAreTiled();
    void chromSizesWithinLimits();
    void bedBinsKeepWidthsAndGaps();
    void badBinOrderIsRejected_data();
    void badBinOrderIsRejected();
    void blacklistMatchesBruteForce();
    void binsAreFoundAndNamed();
    void axisLaysChromosomesEndToEnd();
    void rangesParse_data();
    void rangesParse();
    void rangesFormatAndRoundTrip();
    void badRangesAreRejected_data();
    void badRangesAreRejected();

private:
    std::filesystem::path write(const char *name, std::string_view text) const
    {
        const auto path = std::filesystem::path(m_dir.path().toStdString()) / name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
    QTemporaryDir m_dir;
};

namespace {

// Checks that `message` names the file, the line and the problem.
void expectMessage(const QString &message, const std::filesystem::path &path, int line, const char *problem)
{
    QVERIFY2(!message.isEmpty(), "reading must fail");
    const QString where = QString::fromStdString(path.string()) + ":" + QString::number(line) + ":";
    QVERIFY2(message.contains(where), qPrintable(message + " lacks " + where));
    QVERIFY2(message.contains(QLatin1String(problem)), qPrintable(message + " lacks " + problem));
}

// chr1: 3 bins of 100 with a gap; chr2: 2 bins of unequal width; chrM: 1 bin.
genomics::GenomeBins smallGenome()
{
    const std::vector<std::string> chrom{"chr1", "chr1", "chr1", "chr2", "chr2", "chrM"};
    return genomics::makeGenomeBins(chrom, {0, 100, 250, 0, 10, 0}, {100, 200, 350, 10, 60, 16}, {}, "small");
}

genomics::GenomeBins threeChromosomes()
{
    return genomics::binsFromChromSizes({{"chr1", 2'500'000}, {"chr2", 1'000'000}, {"chrHLA:01:02", 10'500}}, 1000);
}

} // namespace

void tst_GenomeBins::chromSizesAreRead()
{
    const auto path = write("hg.chrom.sizes", "# UCSC\nchr1\t248956422\n\nchr2 242193529\r\n  chrM\t16569\textra\n");
    const auto sizes = genomics::readChromSizes(path);
    QCOMPARE(sizes.size(), 3u);
    QCOMPARE(sizes[0].name, "chr1");
    QCOMPARE(sizes[0].length, 248956422);
    QCOMPARE(sizes[1].name, "chr2");
    QCOMPARE(sizes[1].length, 242193529);
    QCOMPARE(sizes[2].name, "chrM");
    QCOMPARE(sizes[2].length, 16569);
}

void tst_GenomeBins::chromSizesErrorsNameFileAndLine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("problem");
    QTest::newRow("not an integer") << "chr1\t100\nchr2\t1e5\n" << 2 << "'1e5' is not an integer";
    QTest::newRow("zero length") << "#\nchr1\t0\n" << 2 << "must be positive";
    QTest::newRow("negative length") << "chr1\t-5\n" << 1 << "must be positive";
    QTest::newRow("no length") << "chr1\t100\n\nchr2\n" << 3 << "expected a chromosome name and its length";
    QTest::newRow("name twice") << "chr1\t100\nchr2\t50\nchr1\t100\n" << 3 << "chr1 is given twice";
}

void tst_GenomeBins::chromSizesErrorsNameFileAndLine()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, problem);
    const auto path = write("bad.chrom.sizes", text.toStdString());
    expectMessage(errorOf([&] { genomics::readChromSizes(path); }), path, line, qPrintable(problem));
}

void tst_GenomeBins::bedIsRead()
{
    const auto path = write("bins.bed", "track name=bins\nbrowser position chr1\n# comment\nchr1\t0\t100\tname\t0\t+\n"
                                        "chr1 150 200\n\nchrX\t5\t6\r\n");
    const std::vector<genomics::GenomicInterval> expected{{"chr1", 0, 100}, {"chr1", 150, 200}, {"chrX", 5, 6}};
    QCOMPARE(genomics::readBed(path), expected);
}

void tst_GenomeBins::bedErrorsNameFileAndLine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("problem");
    QTest::newRow("two columns") << "chr1\t0\t10\nchr1\t20\n" << 2 << "expected at least three columns";
    QTest::newRow("end before start") << "chr1\t50\t10\n" << 1 << "end 10 is not after start 50";
    QTest::newRow("empty interval") << "track x\nchr1\t10\t10\n" << 2 << "end 10 is not after start 10";
    QTest::newRow("non-integer start") << "chr1\t1.5\t10\n" << 1 << "start '1.5' is not an integer";
    QTest::newRow("non-integer end") << "chr1\t1\tten\n" << 1 << "end 'ten' is not an integer";
    QTest::newRow("negative start") << "chr1\t-1\t10\n" << 1 << "start -1 is negative";
}

void tst_GenomeBins::bedErrorsNameFileAndLine()
{
    QFETCH(QString, text);
    QFETCH(int, line);
    QFETCH(QString, problem);
    const auto path = write("bad.bed", text.toStdString());
    expectMessage(errorOf([&] { genomics::readBed(path); }), path, line, qPrintable(problem));
    QVERIFY(errorOf([&] { genomics::readBed(path.string() + ".missing"); }).contains("bad.bed.missing"));
}

void tst_GenomeBins::chromSizesAreTiled()
{
    const auto bins = genomics::binsFromChromSizes({{"chrA", 2500}, {"chrB", 1000}, {"chrC", 999}}, 1000);
    const std::vector<std::int64_t> start{0, 1000, 2000, 0, 0}, end{1000, 2000, 2500, 1000, 999};
    QCOMPARE(bins.start, start);
    QCOMPARE(bins.end, end);
    QCOMPARE(bins.good, std::vector<std::uint8_t>(5, 1));
    QCOMPARE(bins.chromosomes.size(), 3u);
    const std::vector<std::size_t> first{0, 3, 4}, count{3, 1, 1};
    const std::vector<std::int64_t> length{2500, 1000, 999};
    for (std::size_t c = 0; c < 3; ++c) {
        QCOMPARE(bins.chromosomes[c].firstBin, first[c]);
        QCOMPARE(bins.chromosomes[c].binCount, count[c]);
        QCOMPARE(bins.chromosomes[c].length, length[c]);
    }
    QVERIFY(!errorOf([] { genomics::binsFromChromSizes({{"chr1", 10}}, 0); }).isEmpty());
}

void tst_GenomeBins::chromSizesWithinLimits()
{
    // hg38's chr1 and chr2 in bins of one base: 491,149,951 bins, refused before anything is allocated.
    const std::vector<genomics::ChromSize> human{{"chr1", 248'956'422}, {"chr2", 242'193'529}};
    QCOMPARE(errorOf([&] { genomics::binsFromChromSizes(human, 1); }),
             QString("bins of 1 bases would be 491149951, more than the 100000000 a genome may have: choose a larger "
                     "bin size"));

    // Each length fits in int64, their sum (the genome axis) would not.
    const std::int64_t huge = std::int64_t{1} << 62;
    QVERIFY(errorOf([&] { genomics::binsFromChromSizes({{"a", huge}, {"b", huge}}, huge); })
                .contains("the chromosomes up to a add up to more than 9007199254740992 bases"));
    const std::int64_t half = (std::int64_t{1} << 52) + 1;
    QVERIFY(errorOf([&] { genomics::binsFromChromSizes({{"a", half}, {"b", half}}, half); })
                .contains("up to b add up to more than 9007199254740992"));
    const std::int64_t limit = std::int64_t{1} << 53;
    const auto widest = genomics::binsFromChromSizes({{"a", limit - 10}, {"b", 10}}, limit / 2);
    QCOMPARE(widest.end, (std::vector<std::int64_t>{limit / 2, limit - 10, 10}));

    QCOMPARE(errorOf([] { genomics::binsFromChromSizes({{"a", 10}, {"b", 5}, {"a", 10}}, 5); }),
             QString("chromosome a is given twice"));
    QCOMPARE(errorOf([] { genomics::binsFromChromSizes({{"a", 0}}, 5); }),
             QString("length of a must be positive, not 0"));
}

void tst_GenomeBins::bedBinsKeepWidthsAndGaps()
{
    const auto bins = smallGenome();
    QCOMPARE(bins.size(), 6u);
    QCOMPARE(bins.chromosomes.size(), 3u);
    QCOMPARE(bins.chromosomes[0].length, 350);
    QCOMPARE(bins.chromosomes[1].firstBin, 3u);
    QCOMPARE(bins.chromosomes[1].binCount, 2u);
    QCOMPARE(bins.chromosomes[1].length, 60);
    QCOMPARE(bins.chromosomes[2].binCount, 1u);

    const auto fromBed = genomics::binsFromBed({{"chr1", 0, 100}, {"chr1", 100, 200}, {"chr1", 250, 350},
                                                {"chr2", 0, 10}, {"chr2", 10, 60}, {"chrM", 0, 16}},
                                               "bins.bed");
    QCOMPARE(fromBed, bins);

    const std::vector<std::string> chrom{"chr1", "chr1"};
    const auto withGood = genomics::makeGenomeBins(chrom, {0, 10}, {10, 20}, {1, 0}, "x");
    QCOMPARE(withGood.good, (std::vector<std::uint8_t>{1, 0}));
}

void tst_GenomeBins::badBinOrderIsRejected_data()
{
    QTest::addColumn<QStringList>("chrom");
    QTest::addColumn<QList<qint64>>("start");
    QTest::addColumn<QList<qint64>>("end");
    QTest::addColumn<QString>("problem");
    QTest::newRow("not contiguous") << QStringList{"chr1", "chr2", "chr1"} << QList<qint64>{0, 0, 10}
                                    << QList<qint64>{10, 10, 20} << "bin 2 (chr1:10-20): the bins of chr1 are not contiguous";
    QTest::newRow("not sorted") << QStringList{"chr1", "chr1", "chr1"} << QList<qint64>{0, 20, 10}
                                << QList<qint64>{10, 30, 20} << "bin 2 (chr1:10-20): not ordered by start";
    QTest::newRow("overlap") << QStringList{"chr1", "chr1"} << QList<qint64>{0, 5} << QList<qint64>{10, 20}
                             << "bin 1 (chr1:5-20): overlaps the bin before";
    QTest::newRow("empty bin") << QStringList{"chr1", "chr1"} << QList<qint64>{0, 10} << QList<qint64>{10, 10}
                               << "bin 1 (chr1:10-10): end is not after start";
    QTest::newRow("negative start") << QStringList{"chr1"} << QList<qint64>{-10} << QList<qint64>{10}
                                    << "bin 0 (chr1:-10-10): start is negative";
    // 2^52 + 2^52 + 1 bases: more than 2^53.
    QTest::newRow("genome too long") << QStringList{"chr1", "chr2", "chr2"} << QList<qint64>{0, 0, 10}
                                     << QList<qint64>{qint64(1) << 52, 10, (qint64(1) << 52) + 1}
                                     << "bin 2 (chr2:10-4503599627370497): the chromosomes add up to more than "
                                        "9007199254740992 bases";
    QTest::newRow("the largest int64") << QStringList{"chr1"} << QList<qint64>{0}
                                       << QList<qint64>{std::numeric_limits<qint64>::max()}
                                       << "the chromosomes add up to more than";
}

void tst_GenomeBins::badBinOrderIsRejected()
{
    QFETCH(QStringList, chrom);
    QFETCH(QList<qint64>, start);
    QFETCH(QList<qint64>, end);
    QFETCH(QString, problem);
    std::vector<std::string> names;
    for (const auto &name : chrom)
        names.push_back(name.toStdString());
    const QString message = errorOf([&] {
        genomics::makeGenomeBins(names, {start.begin(), start.end()}, {end.begin(), end.end()}, {}, "bins.bed");
    });
    QVERIFY2(message.startsWith("bins.bed: "), qPrintable(message));
    QVERIFY2(message.contains(problem), qPrintable(message + " lacks " + problem));
}

void tst_GenomeBins::blacklistMatchesBruteForce()
{
    std::mt19937_64 random(7);
    const auto uniform = [&](std::int64_t low, std::int64_t high) {
        return std::uniform_int_distribution<std::int64_t>(low, high)(random);
    };
    for (int round = 0; round < 20; ++round) {
        // Bins of random widths with random gaps on three chromosomes; some already bad.
        std::vector<std::string> chrom;
        std::vector<std::int64_t> start, end;
        std::vector<std::uint8_t> good;
        for (const char *name : {"chr1", "chr2", "chr3"}) {
            std::int64_t at = uniform(0, 50);
            for (int i = uniform(1, 300); i > 0; --i) {
                chrom.push_back(name);
                start.push_back(at);
                end.push_back(at + uniform(1, 100));
                good.push_back(uniform(0, 9) > 0);
                at = end.back() + (uniform(0, 2) == 0 ? uniform(1, 60) : 0);
            }
        }
        auto bins = genomics::makeGenomeBins(chrom, start, end, good, "random");

        std::vector<genomics::GenomicInterval> blacklist;
        for (int i = uniform(0, 60); i > 0; --i) {
            const char *names[] = {"chr1", "chr2", "chr3", "chrUn"};
            const std::int64_t s = uniform(0, 15000);
            blacklist.push_back({names[uniform(0, 3)], s, s + uniform(1, i % 5 == 0 ? 3000 : 80)});
        }
        blacklist.push_back({"chr2", 0, 1}); // touching, nested and repeated intervals
        blacklist.push_back({"chr2", 0, 1});
        blacklist.push_back({"chr1", end[0], end[0] + 1});

        std::size_t newlyBad = 0;
        std::vector<std::uint8_t> expected = good;
        for (std::size_t bin = 0; bin < chrom.size(); ++bin) {
            for (const auto &interval : blacklist) {
                if (interval.chrom == chrom[bin] && interval.start < end[bin] && interval.end > start[bin]) {
                    newlyBad += expected[bin];
                    expected[bin] = 0;
                }
            }
        }
        QCOMPARE(genomics::markBlacklisted(bins, blacklist), newlyBad);
        QCOMPARE(bins.good, expected);
    }
}

void tst_GenomeBins::binsAreFoundAndNamed()
{
    const auto bins = smallGenome();
    QCOMPARE(bins.name(0), "chr1:0-100");
    QCOMPARE(bins.name(2), "chr1:250-350");
    QCOMPARE(bins.name(4), "chr2:10-60");
    QCOMPARE(bins.chrom(5), "chrM");
    const std::vector<std::size_t> chromosomeOf{0, 0, 0, 1, 1, 2};
    for (std::size_t bin = 0; bin < bins.size(); ++bin)
        QCOMPARE(bins.chromosomeOf(bin), chromosomeOf[bin]);
    QCOMPARE(bins.chromosomeIndex("chr2"), std::optional<std::size_t>(1));
    QCOMPARE(bins.chromosomeIndex("chr3"), std::nullopt);

    QCOMPARE(bins.find("chr1", 0), std::optional<std::size_t>(0));
    QCOMPARE(bins.find("chr1", 99), std::optional<std::size_t>(0));
    QCOMPARE(bins.find("chr1", 100), std::optional<std::size_t>(1));
    QCOMPARE(bins.find("chr1", 200), std::nullopt); // the gap
    QCOMPARE(bins.find("chr1", 249), std::nullopt);
    QCOMPARE(bins.find("chr1", 250), std::optional<std::size_t>(2));
    QCOMPARE(bins.find("chr1", 350), std::nullopt);
    QCOMPARE(bins.find("chr1", -1), std::nullopt);
    QCOMPARE(bins.find("chr2", 59), std::optional<std::size_t>(4));
    QCOMPARE(bins.find("chrM", 0), std::optional<std::size_t>(5));
    QCOMPARE(bins.find("chrX", 0), std::nullopt);

    QCOMPARE(bins.findExact("chr1", 250, 350), std::optional<std::size_t>(2));
    QCOMPARE(bins.findExact("chr1", 250, 300), std::nullopt);
    QCOMPARE(bins.findExact("chr1", 260, 350), std::nullopt);
    QCOMPARE(bins.findExact("chr2", 10, 60), std::optional<std::size_t>(4));
    QCOMPARE(bins.findExact("chrX", 10, 60), std::nullopt);

    const auto tiled = threeChromosomes();
    for (const std::size_t bin : {std::size_t(0), std::size_t(2499), std::size_t(2500), std::size_t(3510)}) {
        const auto &chrom = tiled.chrom(bin);
        QCOMPARE(tiled.find(chrom, tiled.end[bin] - 1), std::optional<std::size_t>(bin));
        QCOMPARE(tiled.findExact(chrom, tiled.start[bin], tiled.end[bin]), std::optional<std::size_t>(bin));
    }
}

void tst_GenomeBins::axisLaysChromosomesEndToEnd()
{
    const auto bins = smallGenome();
    const genomics::GenomeAxis axis(bins);
    QCOMPARE(axis.length(), 350 + 60 + 16);
    QCOMPARE(axis.offset(0), 0);
    QCOMPARE(axis.offset(1), 350);
    QCOMPARE(axis.offset(2), 410);
    QCOMPARE(axis.wholeChromosome(1), (genomics::GenomeRange{350, 410}));
    QCOMPARE(axis.binRange(2), (genomics::GenomeRange{250, 350}));
    QCOMPARE(axis.binRange(4), (genomics::GenomeRange{360, 410}));
    QCOMPARE(axis.binRange(5), (genomics::GenomeRange{410, 426}));
    QCOMPARE(axis.chromosomeAt(-5), 0u);
    QCOMPARE(axis.chromosomeAt(349), 0u);
    QCOMPARE(axis.chromosomeAt(350), 1u);
    QCOMPARE(axis.chromosomeAt(425), 2u);
    QCOMPARE(axis.chromosomeAt(10'000), 2u);
}

void tst_GenomeBins::rangesParse_data()
{
    // chr1 2,500,000 bases at 0; chr2 1,000,000 at 2,500,000; "chrHLA:01:02" 10,500 at 3,500,000.
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::newRow("range") << "chr1:1,000,001-2,000,000" << qint64(1'000'000) << qint64(2'000'000);
    QTest::newRow("no commas") << "chr2:1-10" << qint64(2'500'000) << qint64(2'500'010);
    QTest::newRow("spaces") << " chr2 : 11 - 20 " << qint64(2'500'010) << qint64(2'500'020);
    QTest::newRow("one base") << "chr2:5-5" << qint64(2'500'004) << qint64(2'500'005);
    QTest::newRow("to the end") << "chr2:999,001-1,000,000" << qint64(3'499'000) << qint64(3'500'000);
    QTest::newRow("chromosome") << "chr2" << qint64(2'500'000) << qint64(3'500'000);
    QTest::newRow("colons in the name") << "chrHLA:01:02:101-200" << qint64(3'500'100) << qint64(3'500'200);
    QTest::newRow("whole name with colons") << "chrHLA:01:02" << qint64(3'500'000) << qint64(3'510'500);
    QTest::newRow("point") << "chr1:1,500,000" << qint64(1'499'499) << qint64(1'500'499);
    QTest::newRow("point at the start") << "chr2:1" << qint64(2'500'000) << qint64(2'501'000);
    QTest::newRow("point at the end") << "chr2:1000000" << qint64(3'499'000) << qint64(3'500'000);
    QTest::newRow("across") << "chr1:2,400,001-chr2:5,000" << qint64(2'400'000) << qint64(2'505'000);
    QTest::newRow("genome") << "genome" << qint64(0) << qint64(3'510'500);
    QTest::newRow("all") << "all" << qint64(0) << qint64(3'510'500);
    QTest::newRow("empty") << "" << qint64(0) << qint64(3'510'500);
}

void tst_GenomeBins::rangesParse()
{
    QFETCH(QString, text);
    QFETCH(qint64, start);
    QFETCH(qint64, end);
    const auto bins = threeChromosomes();
    const genomics::GenomeAxis axis(bins);
    QCOMPARE(axis.parse(text.toStdString()), (genomics::GenomeRange{start, end}));
}

void tst_GenomeBins::rangesFormatAndRoundTrip()
{
    const auto bins = threeChromosomes();
    const genomics::GenomeAxis axis(bins);
    QCOMPARE(axis.format({1'000'000, 2'000'000}), "chr1:1,000,001-2,000,000");
    QCOMPARE(axis.format({2'500'000, 2'500'010}), "chr2:1-10");
    QCOMPARE(axis.format({2'400'000, 2'505'000}), "chr1:2,400,001-chr2:5,000");
    QCOMPARE(axis.format({2'400'000, 3'500'000}), "chr1:2,400,001-chr2:1,000,000");
    QCOMPARE(axis.format({0, 3'510'500}), "genome");
    QCOMPARE(axis.format({2'500'000, 3'500'000}), "chr2:1-1,000,000");
    QCOMPARE(axis.format({3'500'100, 3'500'200}), "chrHLA:01:02:101-200");

    std::mt19937_64 random(3);
    std::uniform_int_distribution<std::int64_t> position(0, axis.length());
    for (int i = 0; i < 500; ++i) {
        std::int64_t a = position(random), b = position(random);
        if (a == b)
            continue;
        const genomics::GenomeRange range{std::min(a, b), std::max(a, b)};
        const std::string text = axis.format(range);
        QCOMPARE(axis.parse(text), range);
    }
}

void tst_GenomeBins::badRangesAreRejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("problem");
    QTest::newRow("unknown chromosome") << "chr9:1-100" << "unknown chromosome 'chr9'";
    QTest::newRow("unknown bare name") << "chrZ" << "unknown chromosome 'chrZ'";
    QTest::newRow("past the end") << "chr2:1-1,000,001" << "position 1,000,001 is outside chr2 (1-1,000,000)";
    QTest::newRow("position zero") << "chr2:0-100" << "position 0 is outside chr2";
    QTest::newRow("point past the end") << "chr2:2,000,000" << "outside chr2";
    QTest::newRow("reversed") << "chr1:200-100" << "ends before it starts";
    QTest::newRow("reversed across") << "chr2:5-chr1:100" << "ends before it starts";
    QTest::newRow("letters") << "chr1:abc-100" << "is not a genome range";
    QTest::newRow("no end") << "chr1:100-" << "is not a genome range";
    QTest::newRow("unknown end chromosome") << "chr1:100-chr7:5" << "unknown chromosome 'chr7'";
    QTest::newRow("negative end") << "chr2:5--100,000" << "position -100,000 is outside chr2";
}

void tst_GenomeBins::badRangesAreRejected()
{
    QFETCH(QString, text);
    QFETCH(QString, problem);
    const auto bins = threeChromosomes();
    const genomics::GenomeAxis axis(bins);
    const QString message = errorOf([&] { axis.parse(text.toStdString()); });
    QVERIFY2(message.contains(problem), qPrintable(message + " lacks " + problem));
}

QTEST_GUILESS_MAIN(tst_GenomeBins)
#include "tst_genomebins.moc"
