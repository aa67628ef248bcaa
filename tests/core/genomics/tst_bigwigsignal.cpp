#include "core/error.h"
#include "core/genomics/bigwigsignal.h"

#include "tests/support/bigwigfixture.h"
#include "tests/support/errorof.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <random>

class tst_BigWigSignal : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void meansMatchBruteForce();
    void baseResolutionChromosomes();
    void fileWithoutDataGivesNoValues();
    void missingAndForeignFilesAreRejected();
    void truncatedAndCorruptFilesAreRejected();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

namespace {

constexpr double noValue = std::numeric_limits<double>::quiet_NaN();

// Per chromosome, the value at every base (NaN where no span covers it): what a bin's mean is computed from
// here, one base at a time, independently of the sweep under test.
std::map<std::string, std::vector<double>> perBase(const std::vector<genomics::ChromSize> &chromosomes,
                                                   const std::vector<BigWigSpan> &spans)
{
    std::map<std::string, std::vector<double>> bases;
    for (const auto &chromosome : chromosomes)
        bases[chromosome.name].assign(static_cast<std::size_t>(chromosome.length), noValue);
    for (const auto &span : spans)
        for (std::uint32_t base = span.start; base < span.end; ++base)
            bases[span.chrom][base] = span.value;
    return bases;
}

std::vector<double> expectedMeans(const genomics::GenomeBins &bins,
                                  const std::map<std::string, std::vector<double>> &bases)
{
    std::vector<double> means(bins.size(), noValue);
    for (std::size_t bin = 0; bin < bins.size(); ++bin) {
        const auto found = bases.find(bins.chrom(bin));
        if (found == bases.end())
            continue;
        double sum = 0;
        std::size_t covered = 0;
        for (auto base = bins.start[bin]; base < bins.end[bin]; ++base) {
            if (static_cast<std::size_t>(base) < found->second.size() && !std::isnan(found->second[base])) {
                sum += found->second[base];
                ++covered;
            }
        }
        if (covered > 0)
            means[bin] = sum / static_cast<double>(covered);
    }
    return means;
}

void compareMeans(const genomics::GenomeBins &bins, const std::vector<double> &actual,
                  const std::vector<double> &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t bin = 0; bin < actual.size(); ++bin) {
        const QString where = QString::fromStdString(bins.name(bin)) +
                              QString(": %1 instead of %2").arg(actual[bin]).arg(expected[bin]);
        if (std::isnan(expected[bin]))
            QVERIFY2(std::isnan(actual[bin]), qPrintable(where));
        else
            QVERIFY2(std::abs(actual[bin] - expected[bin]) <= 1e-9 * std::max(1.0, std::abs(expected[bin])),
                     qPrintable(where));
    }
}

std::string readBytes(const std::filesystem::path &path)
{
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::filesystem::path &path, std::string_view bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

// Base-resolution stretches, longer spans crossing bin boundaries, and gaps, with values of either sign.
std::vector<BigWigSpan> randomSpans(const std::string &chrom, std::uint32_t length, std::mt19937_64 &random)
{
    std::uniform_real_distribution<float> value(-50, 200);
    std::uniform_int_distribution<std::uint32_t> pick(0, 99);
    std::vector<BigWigSpan> spans;
    for (std::uint32_t at = pick(random); at < length;) {
        const std::uint32_t kind = pick(random);
        const std::uint32_t width = kind < 60 ? 1 : kind < 90 ? 1 + pick(random) : 1 + 30 * pick(random);
        const std::uint32_t end = std::min(at + width, length);
        spans.push_back({chrom, at, end, value(random)});
        at = end + (pick(random) < 10 ? 1 + 20 * pick(random) : 0);
    }
    return spans;
}

} // namespace

void tst_BigWigSignal::meansMatchBruteForce()
{
    std::mt19937_64 random(17);
    const std::vector<genomics::ChromSize> chromosomes{
        {"chr1", 40'000}, {"chrFileOnly", 5'000}, {"chrEmpty", 3'000}, {"chr2", 9'500}};
    std::vector<BigWigSpan> spans;
    for (const auto &chromosome : chromosomes) {
        if (chromosome.name == "chrEmpty") // listed in the file, without data
            continue;
        const auto more = randomSpans(chromosome.name, static_cast<std::uint32_t>(chromosome.length), random);
        spans.insert(spans.end(), more.begin(), more.end());
    }
    // A stretch of chr1 without data, so that whole bins have no value.
    std::erase_if(spans, [](const BigWigSpan &span) { return span.chrom == "chr1" && span.end > 20'000 && span.start < 23'000; });
    writeBigWig(path("signal.bw"), chromosomes, spans);

    // Bins in another order than the file's chromosomes, of uneven widths with gaps, one chromosome the file
    // lacks, and chr2's bins running past the file's chromosome end.
    std::vector<std::string> chrom;
    std::vector<std::int64_t> start, end;
    const auto add = [&](const char *name, std::int64_t s, std::int64_t e) {
        chrom.push_back(name);
        start.push_back(s);
        end.push_back(e);
    };
    for (std::int64_t at = 0; at < 10'000; at += 1000)
        add("chr2", at, at + 1000);
    add("chrBinsOnly", 0, 1000);
    add("chrEmpty", 0, 3000);
    std::uniform_int_distribution<std::int64_t> width(1, 2500);
    for (std::int64_t at = 3; at < 40'000;) {
        const std::int64_t e = std::min<std::int64_t>(at + width(random), 40'000);
        add("chr1", at, e);
        at = e + (width(random) < 500 ? width(random) : 0);
    }
    const auto bins = genomics::makeGenomeBins(chrom, start, end, {}, "bins");

    genomics::BigWigReadStats stats;
    const auto means = genomics::bigWigBinMeans(path("signal.bw"), bins, &stats);
    const auto expected = expectedMeans(bins, perBase(chromosomes, spans));
    compareMeans(bins, means, expected);
    QVERIFY(std::isnan(means[10])); // chrBinsOnly
    QVERIFY(std::isnan(means[11])); // chrEmpty
    QVERIFY(std::count_if(means.begin(), means.end(), [](double m) { return std::isnan(m); }) >= 2);

    const auto readSpans = std::count_if(spans.begin(), spans.end(), [](const BigWigSpan &s) { return s.chrom != "chrFileOnly"; });
    QCOMPARE(stats.intervals, static_cast<std::uint64_t>(readSpans));
    QCOMPARE(stats.bytesRead, static_cast<std::uint64_t>(std::filesystem::file_size(path("signal.bw"))));
}

void tst_BigWigSignal::baseResolutionChromosomes()
{
    // Two chromosomes of 2 Mb, one value per base (thousands of data blocks, so many iterator steps), with a
    // 5 kb gap every 300 kb; bins of 1 kb and some of 777 bases that straddle blocks and gaps.
    const std::vector<genomics::ChromSize> chromosomes{{"chrA", 2'000'000}, {"chrB", 2'000'000}};
    std::vector<BigWigSpan> spans;
    spans.reserve(4'000'000);
    for (const auto &chromosome : chromosomes) {
        for (std::uint32_t base = 0; base < chromosome.length; ++base) {
            if (base % 300'000 >= 295'000)
                continue;
            const float value = static_cast<float>(std::sin(base * 0.001) * 100 + (base % 7) + (chromosome.name == "chrB" ? 1000 : 0));
            spans.push_back({chromosome.name, base, base + 1, value});
        }
    }
    writeBigWig(path("bases.bw"), chromosomes, spans);

    std::vector<std::string> chrom;
    std::vector<std::int64_t> start, end;
    for (const auto &[name, width] : {std::pair<std::string, std::int64_t>{"chrA", 1000}, {"chrB", 777}}) {
        for (std::int64_t at = 0; at < 2'000'000; at += width) {
            chrom.push_back(name);
            start.push_back(at);
            end.push_back(std::min<std::int64_t>(at + width, 2'000'000));
        }
    }
    const auto bins = genomics::makeGenomeBins(chrom, start, end, {}, "bins");

    genomics::BigWigReadStats stats;
    const auto means = genomics::bigWigBinMeans(path("bases.bw"), bins, &stats);
    const auto bases = perBase(chromosomes, spans);
    spans = {};
    compareMeans(bins, means, expectedMeans(bins, bases));
    QCOMPARE(stats.intervals, static_cast<std::uint64_t>(2 * (2'000'000 - 6 * 5000)));
    QCOMPARE(stats.bytesRead, static_cast<std::uint64_t>(std::filesystem::file_size(path("bases.bw"))));
}

void tst_BigWigSignal::fileWithoutDataGivesNoValues()
{
    const std::vector<genomics::ChromSize> chromosomes{{"chr1", 2000}};
    writeBigWig(path("empty.bw"), chromosomes, {});
    genomics::BigWigReadStats stats;
    const auto means = genomics::bigWigBinMeans(path("empty.bw"), genomics::binsFromChromSizes(chromosomes, 1000), &stats);
    QCOMPARE(means.size(), 2u);
    QVERIFY(std::isnan(means[0]) && std::isnan(means[1]));
    QCOMPARE(stats.intervals, 0u);
}

void tst_BigWigSignal::missingAndForeignFilesAreRejected()
{
    const auto bins = genomics::binsFromChromSizes({{"chr1", 1000}}, 100);
    const auto missing = path("absent.bw");
    QString message = errorOf([&] { genomics::bigWigBinMeans(missing, bins); });
    QVERIFY2(message.contains(QString::fromStdString(missing.string())), qPrintable(message));
    QVERIFY2(message.contains("no such"), qPrintable(message));

    writeBytes(path("track.bedGraph"), "chr1\t0\t100\t1.5\nchr1\t100\t200\t2\n");
    message = errorOf([&] { genomics::bigWigBinMeans(path("track.bedGraph"), bins); });
    QVERIFY2(message.contains("track.bedGraph") && message.contains("not a bigWig"), qPrintable(message));

    writeBytes(path("tiny.bw"), "ab");
    message = errorOf([&] { genomics::bigWigBinMeans(path("tiny.bw"), bins); });
    QVERIFY2(message.contains("tiny.bw") && message.contains("not a bigWig"), qPrintable(message));

    const std::uint32_t bigBedMagic = 0x8789F2EB;
    std::string bigBed(64, '\0');
    std::memcpy(bigBed.data(), &bigBedMagic, sizeof bigBedMagic);
    writeBytes(path("peaks.bb"), bigBed);
    message = errorOf([&] { genomics::bigWigBinMeans(path("peaks.bb"), bins); });
    QVERIFY2(message.contains("peaks.bb") && message.contains("bigBed"), qPrintable(message));

    message = errorOf([&] { genomics::bigWigBinMeans(m_dir.path().toStdString(), bins); });
    QVERIFY2(message.contains(m_dir.path()), qPrintable(message));
}

void tst_BigWigSignal::truncatedAndCorruptFilesAreRejected()
{
    std::mt19937_64 random(5);
    const std::vector<genomics::ChromSize> chromosomes{{"chr1", 200'000}};
    const auto spans = randomSpans("chr1", 200'000, random);
    writeBigWig(path("whole.bw"), chromosomes, spans);
    const auto bins = genomics::binsFromChromSizes(chromosomes, 1000);
    QVERIFY(errorOf([&] { genomics::bigWigBinMeans(path("whole.bw"), bins); }).isEmpty());

    const std::string bytes = readBytes(path("whole.bw"));
    for (const std::size_t size : {std::size_t(16), std::size_t(100), bytes.size() / 2}) {
        writeBytes(path("truncated.bw"), std::string_view(bytes).substr(0, size));
        const QString message = errorOf([&] { genomics::bigWigBinMeans(path("truncated.bw"), bins); });
        QVERIFY2(message.contains("truncated.bw"), qPrintable(QString("%1 bytes: '%2'").arg(size).arg(message)));
    }

    // Scramble the first compressed data block: the header says where the data start (offset 0x10) and
    // end (the index, offset 0x18); the block count takes the first 8 bytes.
    std::uint64_t dataOffset = 0, indexOffset = 0;
    std::memcpy(&dataOffset, bytes.data() + 0x10, 8);
    std::memcpy(&indexOffset, bytes.data() + 0x18, 8);
    QVERIFY(indexOffset > dataOffset + 1000);
    std::string corrupt = bytes;
    for (std::size_t at = dataOffset + 8 + 16; at < dataOffset + 8 + 400; ++at)
        corrupt[at] = static_cast<char>(at * 37);
    writeBytes(path("corrupt.bw"), corrupt);
    const QString message = errorOf([&] { genomics::bigWigBinMeans(path("corrupt.bw"), bins); });
    QVERIFY2(message.contains("corrupt.bw") && message.contains("corrupt data on chr1"), qPrintable(message));
}

QTEST_GUILESS_MAIN(tst_BigWigSignal)
#include "tst_bigwigsignal.moc"
