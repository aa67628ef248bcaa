#include "core/error.h"
#include "core/genomics/trackpyramid.h"

#include "tests/support/errorof.h"

#include <QtTest/QTest>

#include <cmath>
#include <limits>
#include <random>

class tst_TrackPyramid : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void levelsMatchBruteForce();
    void lastLevelHasOneCellPerChromosome();
    void firstCellsFollowTheChromosomes();
    void allMissingCellsAreNaN();
    void levelIsChosenByBinsPerPixel();
    void smallAndMismatchedTracks();
};

namespace {

constexpr double noValue = std::numeric_limits<double>::quiet_NaN();

// Chromosomes of these bin counts, bins of random widths with gaps; values with NaNs, and runs of NaN long
// enough to empty whole cells several levels up.
struct RandomTrack {
    genomics::GenomeBins bins;
    std::vector<double> values;
};

RandomTrack randomTrack(const std::vector<std::size_t> &binCounts, std::uint64_t seed)
{
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<std::string> chrom;
    std::vector<std::int64_t> start, end;
    RandomTrack track;
    for (std::size_t c = 0; c < binCounts.size(); ++c) {
        std::int64_t at = 0;
        for (std::size_t i = 0; i < binCounts[c]; ++i) {
            chrom.push_back("chr" + std::to_string(c + 1));
            start.push_back(at);
            end.push_back(at + 1 + static_cast<std::int64_t>(unit(random) * 5000));
            at = end.back() + (unit(random) < 0.2 ? 100 : 0);
            const bool absent = unit(random) < 0.15 || (i >= 32 && i < 96);
            track.values.push_back(absent ? noValue : (unit(random) - 0.3) * 1000);
        }
    }
    track.bins = genomics::makeGenomeBins(chrom, std::move(start), std::move(end), {}, "random");
    return track;
}

std::size_t ceilDiv(std::size_t n, std::size_t d) { return (n + d - 1) / d; }

bool sameFloat(float actual, double expected, double relative)
{
    if (std::isnan(expected))
        return std::isnan(actual);
    return std::abs(actual - expected) <= relative * std::max(1.0, std::abs(expected));
}

} // namespace

void tst_TrackPyramid::levelsMatchBruteForce()
{
    const std::vector<std::size_t> counts{1, 3, 4, 5, 17, 64, 65, 300, 1025};
    const auto track = randomTrack(counts, 11);
    const auto pyramid = genomics::buildSummaryPyramid(track.bins, track.values);

    std::size_t expectedLevels = 1;
    for (std::size_t perCell = 1; perCell < 1025; perCell *= 4)
        ++expectedLevels;
    QCOMPARE(pyramid.size(), expectedLevels);

    std::size_t perCell = 1;
    for (std::size_t k = 0; k < pyramid.size(); ++k, perCell *= 4) {
        const auto &level = pyramid[k];
        QCOMPARE(level.binsPerCell, static_cast<std::int64_t>(perCell));
        std::size_t cell = 0;
        for (std::size_t c = 0; c < counts.size(); ++c) {
            const std::size_t first = track.bins.chromosomes[c].firstBin;
            for (std::size_t j = 0; j < ceilDiv(counts[c], perCell); ++j, ++cell) {
                double low = noValue, high = noValue, weighted = 0, width = 0;
                for (std::size_t bin = first + j * perCell; bin < first + std::min((j + 1) * perCell, counts[c]); ++bin) {
                    const double value = track.values[bin];
                    if (std::isnan(value))
                        continue;
                    const double w = static_cast<double>(track.bins.end[bin] - track.bins.start[bin]);
                    low = std::isnan(low) ? value : std::min(low, value);
                    high = std::isnan(high) ? value : std::max(high, value);
                    weighted += value * w;
                    width += w;
                }
                const double mean = width > 0 ? weighted / width : noValue;
                QVERIFY2(cell < level.size(), qPrintable(QString("level %1 has too few cells").arg(k)));
                const QString where = QString("level %1 cell %2").arg(k).arg(cell);
                QVERIFY2(sameFloat(level.min[cell], static_cast<float>(low), 0), qPrintable(where + " min"));
                QVERIFY2(sameFloat(level.max[cell], static_cast<float>(high), 0), qPrintable(where + " max"));
                QVERIFY2(sameFloat(level.mean[cell], mean, 1e-6), qPrintable(where + " mean"));
            }
        }
        QCOMPARE(level.size(), cell);
        QCOMPARE(level.min.size(), cell);
        QCOMPARE(level.max.size(), cell);
    }
}

void tst_TrackPyramid::lastLevelHasOneCellPerChromosome()
{
    for (const auto &counts : std::vector<std::vector<std::size_t>>{{2}, {4, 1}, {5, 16, 3}, {17, 2000, 64}}) {
        const auto track = randomTrack(counts, counts.size());
        const auto pyramid = genomics::buildSummaryPyramid(track.bins, track.values);
        const std::size_t longest = *std::max_element(counts.begin(), counts.end());
        // The last level is the first whose cells hold a whole chromosome each.
        QCOMPARE(static_cast<std::size_t>(pyramid.back().binsPerCell) >= longest, true);
        QCOMPARE(static_cast<std::size_t>(pyramid[pyramid.size() - 2].binsPerCell) < longest, true);
        QCOMPARE(pyramid.back().size(), counts.size());
    }
}

void tst_TrackPyramid::firstCellsFollowTheChromosomes()
{
    const std::vector<std::size_t> counts{7, 1, 16, 33};
    const auto track = randomTrack(counts, 5);
    for (const std::int64_t perCell : {1, 4, 16, 64}) {
        std::size_t first = 0;
        for (std::size_t c = 0; c < counts.size(); ++c) {
            QCOMPARE(genomics::firstCellOf(track.bins, c, perCell), first);
            first += ceilDiv(counts[c], static_cast<std::size_t>(perCell));
        }
    }
}

void tst_TrackPyramid::allMissingCellsAreNaN()
{
    const auto bins = genomics::binsFromChromSizes({{"chr1", 8000}, {"chr2", 3000}}, 1000);
    std::vector<double> values(bins.size(), noValue);
    values[1] = 2;
    values[2] = -std::numeric_limits<double>::infinity();
    const auto pyramid = genomics::buildSummaryPyramid(bins, values);
    QCOMPARE(pyramid.size(), 3u);
    QVERIFY(std::isnan(pyramid[0].mean[0]));
    QCOMPARE(pyramid[0].mean[1], 2.0f);
    QCOMPARE(pyramid[1].min[0], -std::numeric_limits<float>::infinity());
    QCOMPARE(pyramid[1].max[0], 2.0f);
    for (const auto *level : {&pyramid[1], &pyramid[2]})
        for (std::size_t cell = 1; cell < level->size(); ++cell) {
            QVERIFY(std::isnan(level->min[cell]));
            QVERIFY(std::isnan(level->max[cell]));
            QVERIFY(std::isnan(level->mean[cell]));
        }
}

void tst_TrackPyramid::levelIsChosenByBinsPerPixel()
{
    const auto track = randomTrack({100}, 1); // levels of 1, 4, 16, 64, 256 bins per cell
    const auto pyramid = genomics::buildSummaryPyramid(track.bins, track.values);
    QCOMPARE(pyramid.size(), 5u);
    QCOMPARE(genomics::levelFor(pyramid, 0.01), 0u);
    QCOMPARE(genomics::levelFor(pyramid, 1), 0u);
    QCOMPARE(genomics::levelFor(pyramid, 3.99), 0u);
    QCOMPARE(genomics::levelFor(pyramid, 4), 1u);
    QCOMPARE(genomics::levelFor(pyramid, 15), 1u);
    QCOMPARE(genomics::levelFor(pyramid, 16), 2u);
    QCOMPARE(genomics::levelFor(pyramid, 255), 3u);
    QCOMPARE(genomics::levelFor(pyramid, 256), 4u);
    QCOMPARE(genomics::levelFor(pyramid, 1e12), 4u);
}

void tst_TrackPyramid::smallAndMismatchedTracks()
{
    const auto one = genomics::binsFromChromSizes({{"chr1", 10}, {"chr2", 5}}, 100);
    const std::vector<double> values{1.5, noValue};
    const auto pyramid = genomics::buildSummaryPyramid(one, values);
    QCOMPARE(pyramid.size(), 1u);
    QCOMPARE(pyramid[0].mean[0], 1.5f);
    QVERIFY(std::isnan(pyramid[0].max[1]));

    const genomics::GenomeBins empty;
    QCOMPARE(genomics::buildSummaryPyramid(empty, {}).size(), 1u);
    QCOMPARE(genomics::buildSummaryPyramid(empty, {}).front().size(), 0u);

    const std::vector<double> tooFew{1.0};
    QVERIFY(errorOf([&] { genomics::buildSummaryPyramid(one, tooFew); }).contains("1 values does not fit 2 bins"));
}

QTEST_GUILESS_MAIN(tst_TrackPyramid)
#include "tst_trackpyramid.moc"
