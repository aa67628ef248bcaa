#include "core/browse/levels.h"

#include <QtCore/QElapsedTimer>
#include <QtTest/QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <vector>

using browse::Levels;
using browse::LevelsMode;
using browse::LevelsRule;
using browse::ValueScale;

namespace {

constexpr float NaN = std::numeric_limits<float>::quiet_NaN();
constexpr float Inf = std::numeric_limits<float>::infinity();

LevelsRule rule(LevelsMode mode)
{
    LevelsRule result;
    result.mode = mode;
    return result;
}

LevelsRule percentiles(double low, double high)
{
    LevelsRule result;
    result.lowPercentile = low;
    result.highPercentile = high;
    return result;
}

// numpy.percentile(values[finite], p) by its definition: sort, then interpolate linearly at rank
// p/100 · (n − 1). The reference the radix selection must match exactly.
double sortedPercentile(std::vector<float> values, double percent)
{
    std::erase_if(values, [](float value) { return !std::isfinite(value); });
    std::sort(values.begin(), values.end());
    const double rank = percent / 100 * double(values.size() - 1);
    const auto below = std::size_t(rank);
    const double above = values[std::min(below + 1, values.size() - 1)];
    return values[below] + (rank - double(below)) * (above - values[below]);
}

void compareLevels(const std::optional<Levels> &actual, double low, double high)
{
    QVERIFY(actual.has_value());
    QCOMPARE(actual->low, low);
    QCOMPARE(actual->high, high);
}

} // namespace

class tst_Levels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void minMaxIgnoresNanAndInfinity();
    void percentilesInterpolateAsNumpy();
    void percentilesMatchASortOnAwkwardData();
    void meanSigmaIsClampedToTheData();
    void logLevelsUseOnlyPositiveValues();
    void noShownValueGivesNoLevels();
    void regionLevelsSeeOnlyTheRegion();
    void histogramCountsFiniteValuesInRange();
    void logarithmicHistogramSpacesDecadesEvenly();
    void scalePositions();
    void colourIndicesRoundAndMarkMissingValues();
    void largeFramesAreFast();
};

void tst_Levels::minMaxIgnoresNanAndInfinity()
{
    const std::vector<float> values{3, NaN, -2, Inf, 7, -Inf, 5};
    compareLevels(browse::autoLevels(values, rule(LevelsMode::MinMax)), -2, 7);
}

void tst_Levels::percentilesInterpolateAsNumpy()
{
    // numpy.percentile([10, 20, 30, 40], [25, 90]) == [17.5, 37.0]
    const std::vector<float> values{40, 10, NaN, 30, 20};
    compareLevels(browse::autoLevels(values, percentiles(25, 90)), 17.5, 37.0);
    // numpy.percentile(range(101), [0.5, 99.5]) == [0.5, 99.5]
    std::vector<float> ramp(101);
    std::iota(ramp.begin(), ramp.end(), 0.0f);
    std::shuffle(ramp.begin(), ramp.end(), std::mt19937(3));
    compareLevels(browse::autoLevels(ramp, LevelsRule{}), 0.5, 99.5);
    compareLevels(browse::autoLevels(ramp, percentiles(0, 100)), 0, 100);
    // One value: every percentile is it.
    const std::vector<float> single{NaN, 4.25f};
    compareLevels(browse::autoLevels(single, LevelsRule{}), 4.25, 4.25);
}

void tst_Levels::percentilesMatchASortOnAwkwardData()
{
    std::mt19937 random(11);
    std::normal_distribution<float> normal(0, 1000);
    // Mostly zeros (both signs), duplicates, a wide dynamic range, NaN and ±inf: every bin boundary of the
    // radix selection is crossed somewhere.
    std::vector<float> values(200'003);
    for (std::size_t i = 0; i < values.size(); ++i) {
        switch (i % 9) {
        case 0: values[i] = NaN; break;
        case 1: values[i] = i % 2 ? Inf : -Inf; break;
        case 2: values[i] = -0.0f; break;
        case 3: case 4: values[i] = 0.0f; break;
        case 5: values[i] = std::round(normal(random)); break;
        case 6: values[i] = normal(random) * 1e-30f; break;
        default: values[i] = normal(random) * float(i); break;
        }
    }
    for (const auto &[low, high] : {std::pair{0.5, 99.5}, std::pair{0.0, 100.0}, std::pair{10.0, 90.0},
                                    std::pair{33.3, 66.7}, std::pair{50.0, 50.0}}) {
        const auto levels = browse::autoLevels(values, percentiles(low, high));
        QVERIFY(levels.has_value());
        QCOMPARE(levels->low, sortedPercentile(values, low));
        QCOMPARE(levels->high, sortedPercentile(values, high));
    }
}

void tst_Levels::meanSigmaIsClampedToTheData()
{
    // mean 5, numpy.std 2
    const std::vector<float> values{2, 4, 4, NaN, 4, 5, 5, 7, 9};
    LevelsRule oneSigma = rule(LevelsMode::MeanSigma);
    oneSigma.sigmas = 1;
    compareLevels(browse::autoLevels(values, oneSigma), 3, 7);
    compareLevels(browse::autoLevels(values, rule(LevelsMode::MeanSigma)), 2, 9);
    // A large common offset does not swamp the deviation.
    std::vector<float> offset(values);
    for (float &value : offset)
        value += 100000;
    const auto levels = browse::autoLevels(offset, oneSigma);
    QVERIFY(levels.has_value());
    QCOMPARE(levels->low, 100003.0);
    QCOMPARE(levels->high, 100007.0);
}

void tst_Levels::logLevelsUseOnlyPositiveValues()
{
    const std::vector<float> values{-5, 0, -0.0f, 0, 1, 10, 100, 1000, NaN, Inf};
    compareLevels(browse::autoLevels(values, rule(LevelsMode::MinMax), ValueScale::Log), 1, 1000);
    // The positives are 1, 10, 100, 1000: the median is at rank 1.5.
    compareLevels(browse::autoLevels(values, percentiles(0, 50), ValueScale::Log), 1, 55);
    compareLevels(browse::autoLevels(values, rule(LevelsMode::MinMax), ValueScale::Linear), -5, 1000);
}

void tst_Levels::noShownValueGivesNoLevels()
{
    const std::vector<float> nothing{NaN, Inf, -Inf};
    QVERIFY(!browse::autoLevels(nothing, LevelsRule{}).has_value());
    QVERIFY(!browse::autoLevels(nothing, rule(LevelsMode::MeanSigma)).has_value());
    const std::vector<float> notPositive{0, -1, NaN};
    QVERIFY(!browse::autoLevels(notPositive, rule(LevelsMode::MinMax), ValueScale::Log).has_value());
    QVERIFY(!browse::autoLevels(std::vector<float>{}, LevelsRule{}).has_value());
}

void tst_Levels::regionLevelsSeeOnlyTheRegion()
{
    // 4 wide, 3 high; the region is the middle two columns of the last two rows.
    const std::vector<float> image{1000, 1, 2, -1000,
                                   1000, 3, 4, -1000,
                                   1000, 5, 6, -1000};
    const browse::ImageRegion region{1, 1, 2, 2};
    compareLevels(browse::autoLevels(image, 4, region, rule(LevelsMode::MinMax)), 3, 6);
    compareLevels(browse::autoLevels(image, 4, region, percentiles(50, 50)), 4.5, 4.5);
    // Clipped to the image.
    compareLevels(browse::autoLevels(image, 4, {2, 2, 10, 10}, rule(LevelsMode::MinMax)), -1000, 6);
    QVERIFY(!browse::autoLevels(image, 4, {4, 0, 3, 3}, LevelsRule{}).has_value());
}

void tst_Levels::histogramCountsFiniteValuesInRange()
{
    const std::vector<float> values{0, 0.5f, 1, 1.5f, 2, NaN, 3, -1, Inf, 1.9f};
    const browse::Histogram histogram = browse::histogram(values, 0, 2, 4);
    QCOMPARE(histogram.low, 0.0);
    QCOMPARE(histogram.high, 2.0);
    QCOMPARE(histogram.counts, (std::vector<std::uint32_t>{1, 1, 1, 3}));
    // Equal ends: the values at them, in the first bin.
    QCOMPARE(browse::histogram(values, 1, 1, 3).counts, (std::vector<std::uint32_t>{1, 0, 0}));
    // More values than a block of the implementation.
    const std::vector<float> many(5000, 0.25f);
    QCOMPARE(browse::histogram(many, 0, 1, 2).counts, (std::vector<std::uint32_t>{5000, 0}));
}

void tst_Levels::logarithmicHistogramSpacesDecadesEvenly()
{
    const std::vector<float> values{2, 20, 200, 999, 0, -1, 5000};
    QCOMPARE(browse::histogram(values, 1, 1000, 3, browse::BinSpacing::Logarithmic).counts,
             (std::vector<std::uint32_t>{1, 1, 2}));
    // A log histogram needs a positive low end.
    QCOMPARE(browse::histogram(values, 0, 1000, 3, browse::BinSpacing::Logarithmic).counts,
             (std::vector<std::uint32_t>{0, 0, 0}));
}

void tst_Levels::scalePositions()
{
    const auto near = [](double actual, double expected) { return std::abs(actual - expected) < 1e-6; };
    const Levels linear{0, 10};
    QVERIFY(near(browse::scalePosition(5, linear, ValueScale::Linear), 0.5));
    QCOMPARE(browse::scalePosition(-1, linear, ValueScale::Linear), 0.0);
    QCOMPARE(browse::scalePosition(11, linear, ValueScale::Linear), 1.0);
    QCOMPARE(browse::scalePosition(Inf, linear, ValueScale::Linear), 1.0);
    QCOMPARE(browse::scalePosition(-Inf, linear, ValueScale::Linear), 0.0);
    QVERIFY(std::isnan(browse::scalePosition(NaN, linear, ValueScale::Linear)));
    // Inverted levels invert the map.
    QVERIFY(near(browse::scalePosition(2, {10, 0}, ValueScale::Linear), 0.8));

    const Levels decades{1, 100};
    QVERIFY(near(browse::scalePosition(10, decades, ValueScale::Log), 0.5));
    QVERIFY(near(browse::scalePosition(1000, decades, ValueScale::Log), 1.0));
    QVERIFY(near(browse::scalePosition(0.5, decades, ValueScale::Log), 0.0));
    QVERIFY(std::isnan(browse::scalePosition(0, decades, ValueScale::Log)));
    QVERIFY(std::isnan(browse::scalePosition(-3, decades, ValueScale::Log)));
    // A low level ≤ 0 on Log means six decades below the high one: 1 is 4 of 6 decades up from 1e-4.
    QVERIFY(near(browse::scalePosition(1, {0, 100}, ValueScale::Log), 4.0 / 6));
    QVERIFY(std::isnan(browse::scalePosition(1, {-1, -0.5}, ValueScale::Log)));

    QVERIFY(near(browse::scalePosition(25, {0, 100}, ValueScale::Sqrt), 0.5));
    QVERIFY(std::isnan(browse::scalePosition(NaN, {0, 100}, ValueScale::Sqrt)));

    // Equal levels (a flat frame): below, at and above.
    for (const ValueScale scale : {ValueScale::Linear, ValueScale::Log, ValueScale::Sqrt}) {
        QCOMPARE(browse::scalePosition(4, {5, 5}, scale), 0.0);
        QCOMPARE(browse::scalePosition(5, {5, 5}, scale), scale == ValueScale::Sqrt ? double(std::sqrt(0.5f)) : 0.5);
        QCOMPARE(browse::scalePosition(6, {5, 5}, scale), 1.0);
    }

    // The log used per pixel is float-accurate: between levels 1 and 2 the position is log2 itself, and
    // the octave (the float's exponent) is exact.
    double worst = 0;
    for (float value = 1; value < 2; value += 1.0f / 4096)
        worst = std::max(worst, std::abs(browse::scalePosition(value, {1, 2}, ValueScale::Log) - std::log2(value)));
    QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
    QVERIFY(near(browse::scalePosition(std::ldexp(1.0, -100), {std::ldexp(1.0, -120), std::ldexp(1.0, 80)},
                                       ValueScale::Log),
                 0.1));
}

void tst_Levels::colourIndicesRoundAndMarkMissingValues()
{
    const std::vector<float> values{0, 127, 254, 300, -1, NaN, 126.6f, 126.4f, Inf};
    std::vector<std::uint8_t> indices(values.size());
    browse::colourIndices(values, {0, 254}, ValueScale::Linear, indices);
    QCOMPARE(indices, (std::vector<std::uint8_t>{0, 127, 254, 254, 0, browse::NoColourIndex, 127, 126, 254}));

    const std::vector<float> logValues{1, 10, 100, 0, -5, 1000};
    std::vector<std::uint8_t> logIndices(logValues.size());
    browse::colourIndices(logValues, {1, 100}, ValueScale::Log, logIndices);
    QCOMPARE(logIndices, (std::vector<std::uint8_t>{0, 127, 254, browse::NoColourIndex, browse::NoColourIndex, 254}));
}

void tst_Levels::largeFramesAreFast()
{
    constexpr std::size_t Side = 2048;
    std::vector<float> frame(Side * Side);
    std::mt19937 random(5);
    std::normal_distribution<float> normal(1000, 50);
    std::generate(frame.begin(), frame.end(), [&] { return normal(random); });
    frame[12345] = NaN;
    std::vector<std::uint8_t> indices(frame.size());

    // The best of a few runs: the first pays for page faults, and a loaded machine adds noise.
    const auto bestMs = [](auto &&work) {
        qint64 best = std::numeric_limits<qint64>::max();
        for (int run = 0; run < 5; ++run) {
            QElapsedTimer timer;
            timer.start();
            work();
            best = std::min(best, timer.nsecsElapsed());
        }
        return double(best) / 1e6;
    };
    const double percentileMs = bestMs([&] { QVERIFY(browse::autoLevels(frame, LevelsRule{}).has_value()); });
    const double minMaxMs = bestMs([&] { QVERIFY(browse::autoLevels(frame, rule(LevelsMode::MinMax)).has_value()); });
    const double histogramMs = bestMs([&] { QCOMPARE(browse::histogram(frame, 800, 1200, 256).counts.size(), 256u); });
    const double linearMs = bestMs([&] { browse::colourIndices(frame, {900, 1100}, ValueScale::Linear, indices); });
    const double logMs = bestMs([&] { browse::colourIndices(frame, {900, 1100}, ValueScale::Log, indices); });
    qInfo("2048 x 2048 float frame: percentiles %.1f ms, min/max %.1f ms, histogram %.1f ms, colour indices "
          "linear %.1f ms, log %.1f ms",
          percentileMs, minMaxMs, histogramMs, linearMs, logMs);
    // Generous bounds that a shared test machine still meets; a full sort alone takes ~300 ms.
    QVERIFY2(percentileMs < 100, "percentiles of a 4 Mpx frame");
    QVERIFY2(logMs < 100, "log colour indices of a 4 Mpx frame");
}

QTEST_APPLESS_MAIN(tst_Levels)
#include "tst_levels.moc"
