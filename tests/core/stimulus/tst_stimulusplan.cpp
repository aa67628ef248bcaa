#include "core/stimulus/stimulusplan.h"

#include <QtTest/QTest>

#include <cmath>

using stimulus::Direction;
using stimulus::StimulusParameters;
using stimulus::StimulusPlan;
using stimulus::SweepExtents;

namespace {

// Azimuths −30..50 and altitudes −20..20 with a 20° bar at 10 °/s and 60 Hz: an LR or RL sweep covers
// 80 + 20 = 100° in 600 frames, a TB or BT sweep 40 + 20 = 60° in 360 frames.
const SweepExtents extents{{-30, 50}, {-20, 20}};

StimulusParameters parameters()
{
    StimulusParameters p;
    p.barWidthDeg = 20;
    p.speedDegPerS = 10;
    p.monitor.refreshHz = 60;
    p.flickerHz = 6;
    return p;
}

struct Run {
    std::size_t begin;
    std::size_t end; // one past
};

// The display rows of each sweep, in order.
std::vector<Run> sweepRuns(const StimulusPlan &plan)
{
    std::vector<Run> runs;
    for (std::size_t row = 0; row < plan.display.size(); ++row) {
        const auto sweep = plan.display[row].sweep;
        if (sweep < 0)
            continue;
        if (runs.size() == static_cast<std::size_t>(sweep))
            runs.push_back({row, row + 1});
        else
            runs.back().end = row + 1;
    }
    return runs;
}

} // namespace

class tst_StimulusPlan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void frameCounts_data();
    void frameCounts();
    void sweepsCoverTheScreen_data();
    void sweepsCoverTheScreen();
    void displayRowsPointAtTheirSweep();
    void repeatedDirectionsReuseFrames();
    void photodiodeMarksSweepsAndFlips();
    void polarityReversesEveryFlickerPeriod_data();
    void polarityReversesEveryFlickerPeriod();
};

void tst_StimulusPlan::frameCounts_data()
{
    QTest::addColumn<QStringList>("directions");
    QTest::addColumn<int>("sweeps");
    QTest::addColumn<double>("preGap");
    QTest::addColumn<double>("interGap");
    QTest::addColumn<double>("postGap");
    QTest::addColumn<int>("unique");
    QTest::addColumn<int>("displayed");
    // display = pre + sweeps + inter-sweep gaps between consecutive sweeps (not after the last) + post
    QTest::newRow("LR TB, 3 sweeps, all gaps")
        << QStringList{"LR", "TB"} << 3 << 1.5 << 0.5 << 2.0 << 1 + 600 + 360 << 90 + 3 * 600 + 3 * 360 + 5 * 30 + 120;
    QTest::newRow("four directions, no gaps")
        << QStringList{"LR", "RL", "TB", "BT"} << 2 << 0.0 << 0.0 << 0.0 << 1 + 2 * 600 + 2 * 360 << 4 * 600 + 4 * 360;
    QTest::newRow("one sweep: no inter-sweep gap at all")
        << QStringList{"BT"} << 1 << 0.0 << 7.0 << 0.0 << 1 + 360 << 360;
    QTest::newRow("gaps round to whole frames")
        << QStringList{"RL"} << 2 << 0.0125 << 0.0249 << 0.0084 << 1 + 600 << 1 + 2 * 600 + 1 + 1;
}

void tst_StimulusPlan::frameCounts()
{
    QFETCH(QStringList, directions);
    QFETCH(int, sweeps);
    QFETCH(double, preGap);
    QFETCH(double, interGap);
    QFETCH(double, postGap);
    QFETCH(int, unique);
    QFETCH(int, displayed);
    StimulusParameters p = parameters();
    p.directions.clear();
    for (const QString &code : directions)
        p.directions.push_back(stimulus::directionFromCode(code.toStdString()));
    p.sweepsPerDirection = sweeps;
    p.preGapS = preGap;
    p.interSweepGapS = interGap;
    p.postGapS = postGap;
    const StimulusPlan plan = stimulus::planStimulus(p, extents);
    QCOMPARE(plan.frames.size(), std::size_t(unique));
    QCOMPARE(plan.display.size(), std::size_t(displayed));
    QVERIFY(!plan.frames.front().direction);
    QCOMPARE(sweepRuns(plan).size(), directions.size() * std::size_t(sweeps));
}

void tst_StimulusPlan::sweepsCoverTheScreen_data()
{
    QTest::addColumn<QString>("direction");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("step");
    QTest::addColumn<int>("frames");
    QTest::newRow("LR") << "LR" << -40.0 << 10.0 / 60 << 600;
    QTest::newRow("RL") << "RL" << 60.0 << -10.0 / 60 << 600;
    QTest::newRow("BT") << "BT" << -30.0 << 10.0 / 60 << 360;
    QTest::newRow("TB") << "TB" << 30.0 << -10.0 / 60 << 360;
}

// The bar starts just off the screen on the near side and ends just off it on the far side.
void tst_StimulusPlan::sweepsCoverTheScreen()
{
    QFETCH(QString, direction);
    QFETCH(double, first);
    QFETCH(double, step);
    QFETCH(int, frames);
    StimulusParameters p = parameters();
    p.directions = {stimulus::directionFromCode(direction.toStdString())};
    const StimulusPlan plan = stimulus::planStimulus(p, extents);
    QCOMPARE(plan.frames.size(), std::size_t(1 + frames));
    for (int k = 0; k < frames; ++k) {
        const auto &frame = plan.frames[1 + k];
        QVERIFY(frame.direction == p.directions.front());
        QCOMPARE(frame.sweepFrame, k);
        QCOMPARE_LE(std::abs(frame.barCenterDeg - (first + k * step)), 1e-9);
    }
    const auto range = stimulus::sweepsAzimuth(p.directions.front()) ? extents.azimuth : extents.altitude;
    const double last = plan.frames.back().barCenterDeg;
    // The trailing edge has passed the far side of the screen within the last step.
    const double trailingEdge = step > 0 ? last - 10 : last + 10;
    const double farSide = step > 0 ? range.max : range.min;
    QCOMPARE_LE(std::abs(trailingEdge - farSide), std::abs(step) + 1e-9);
}

void tst_StimulusPlan::displayRowsPointAtTheirSweep()
{
    StimulusParameters p = parameters();
    p.directions = {Direction::TopToBottom, Direction::LeftToRight};
    p.sweepsPerDirection = 2;
    p.preGapS = 1;
    p.interSweepGapS = 0.5;
    p.postGapS = 1;
    const StimulusPlan plan = stimulus::planStimulus(p, extents);
    // Unique frames: background, TB (360), then LR (600), in order of first appearance.
    const std::vector<std::uint32_t> firstFrame{1, 1, 361, 361};
    const std::vector<Direction> expected{Direction::TopToBottom, Direction::TopToBottom, Direction::LeftToRight,
                                          Direction::LeftToRight};
    const auto runs = sweepRuns(plan);
    QCOMPARE(runs.size(), std::size_t(4));
    QCOMPARE(runs[0].begin, std::size_t(60));
    for (std::size_t s = 0; s < runs.size(); ++s) {
        for (std::size_t row = runs[s].begin; row < runs[s].end; ++row) {
            const auto &step = plan.display[row];
            QCOMPARE(step.frame, firstFrame[s] + static_cast<std::uint32_t>(row - runs[s].begin));
            QVERIFY(plan.frames[step.frame].direction == expected[s]);
        }
        if (s + 1 < runs.size())
            QCOMPARE(runs[s + 1].begin - runs[s].end, std::size_t(30));
    }
    QCOMPARE(plan.display.size() - runs.back().end, std::size_t(60));
    for (const auto &step : plan.display)
        if (step.sweep < 0)
            QCOMPARE(step.frame, 0u);
}

void tst_StimulusPlan::repeatedDirectionsReuseFrames()
{
    StimulusParameters p = parameters();
    p.directions = {Direction::LeftToRight, Direction::BottomToTop, Direction::LeftToRight};
    p.sweepsPerDirection = 1;
    const StimulusPlan plan = stimulus::planStimulus(p, extents);
    QCOMPARE(plan.frames.size(), std::size_t(1 + 600 + 360));
    const auto runs = sweepRuns(plan);
    QCOMPARE(runs.size(), std::size_t(3));
    QCOMPARE(runs[2].end - runs[2].begin, runs[0].end - runs[0].begin);
    for (std::size_t k = 0; k < runs[0].end - runs[0].begin; ++k)
        QCOMPARE(plan.display[runs[2].begin + k].frame, plan.display[runs[0].begin + k].frame);
}

// On for each sweep's first frame and every other one after it (sweeps of odd length would otherwise drift
// out of phase with their onsets); off in every gap.
void tst_StimulusPlan::photodiodeMarksSweepsAndFlips()
{
    StimulusParameters p = parameters();
    // A sweep of E degrees then takes ceil(4.2 · E) frames: 425 for LR over 80 + 1 + 20°, odd on purpose.
    p.speedDegPerS = 100.0 / 7;
    p.directions = {Direction::LeftToRight, Direction::BottomToTop};
    p.sweepsPerDirection = 2;
    p.preGapS = 0.5;
    p.interSweepGapS = 0.1;
    p.postGapS = 0.5;
    const StimulusPlan plan = stimulus::planStimulus(p, {{-30, 51}, {-20, 20}});
    const auto runs = sweepRuns(plan);
    QCOMPARE(runs.size(), std::size_t(4));
    QCOMPARE((runs[0].end - runs[0].begin) % 2, std::size_t(1));
    std::size_t sweepRows = 0;
    for (const auto &run : runs) {
        for (std::size_t row = run.begin; row < run.end; ++row)
            QCOMPARE(plan.display[row].photodiode, std::uint8_t((row - run.begin) % 2 == 0 ? 1 : 0));
        sweepRows += run.end - run.begin;
    }
    std::size_t gapRows = 0;
    for (const auto &step : plan.display)
        if (step.sweep < 0) {
            QCOMPARE(step.photodiode, std::uint8_t(0));
            ++gapRows;
        }
    QCOMPARE(gapRows + sweepRows, plan.display.size());
    QCOMPARE(gapRows, std::size_t(30 + 3 * 6 + 30));
}

void tst_StimulusPlan::polarityReversesEveryFlickerPeriod_data()
{
    QTest::addColumn<double>("flicker");
    QTest::addColumn<QList<int>>("flips"); // sweep frames where the phase changes, within the first 40
    QTest::newRow("6 Hz at 60 Hz: every 10 frames") << 6.0 << QList<int>{10, 20, 30};
    QTest::newRow("7 Hz at 60 Hz: after 8.57 frames") << 7.0 << QList<int>{9, 18, 26, 35};
    QTest::newRow("0 Hz: never") << 0.0 << QList<int>{};
}

void tst_StimulusPlan::polarityReversesEveryFlickerPeriod()
{
    QFETCH(double, flicker);
    QFETCH(QList<int>, flips);
    StimulusParameters p = parameters();
    p.flickerHz = flicker;
    p.directions = {Direction::RightToLeft};
    const StimulusPlan plan = stimulus::planStimulus(p, extents);
    QCOMPARE(plan.frames[0].polarity, std::int8_t(0));
    QCOMPARE(plan.frames[1].polarity, std::int8_t(1));
    QList<int> found;
    for (int k = 1; k < 40; ++k)
        if (plan.frames[1 + k].polarity != plan.frames[k].polarity)
            found.push_back(k);
    QCOMPARE(found, flips);
}

QTEST_GUILESS_MAIN(tst_StimulusPlan)
#include "tst_stimulusplan.moc"
