#include "core/acquisition/stimulustimeline.h"
#include "core/retinotopy/f1weights.h"
#include "core/retinotopy/livephasemaps.h"
#include "core/retinotopy/phaseaccumulator.h"
#include "core/retinotopy/positionmaps.h"
#include "core/retinotopy/sweepschedule.h"

#include <QtTest/QtTest>

#include <cmath>
#include <numbers>
#include <random>

using retino::DriftRemoval;

namespace {

constexpr double Pi = std::numbers::pi;

double degrees(double radians)
{
    return radians * 180 / Pi;
}

double wrapDeg(double deg)
{
    return std::remainder(deg, 360.0);
}

// A stack of `pixels` pixels sampled unevenly over 10.37 cycles of a 12 s period (not whole cycles), pixel p
// responding with phase p·10°, on a baseline with a linear drift of `driftPerCycle` counts each cycle.
struct SyntheticStack {
    std::vector<double> times, phases;
    std::vector<std::uint16_t> frames;
    int pixels = 36;

    explicit SyntheticStack(double driftPerCycle)
    {
        constexpr double cycleS = 12, fps = 10, amplitude = 20;
        std::mt19937 random(7);
        std::uniform_real_distribution<double> jitter(-0.3 / fps, 0.3 / fps);
        for (double t = 0.05; t < 10.37 * cycleS; t += 1 / fps) {
            const double time = t + jitter(random);
            times.push_back(time);
            phases.push_back(2 * Pi * time / cycleS);
            for (int p = 0; p < pixels; ++p) {
                const double value = 2000 + driftPerCycle * time / cycleS +
                                     amplitude * std::cos(phases.back() - p * 10 * Pi / 180);
                frames.push_back(std::uint16_t(std::lround(value)));
            }
        }
    }

    // The largest error of the recovered phases, in degrees.
    double worstPhaseError(const retino::DriftSettings &drift) const
    {
        const auto weights = retino::f1Weights(times, phases, 12, drift);
        retino::PhaseAccumulator sums{std::size_t(pixels)};
        // In uneven blocks, as a reader hands them over.
        for (std::size_t first = 0; first < times.size(); first += 7) {
            const std::size_t n = std::min<std::size_t>(7, times.size() - first);
            sums.add(std::span(frames).subspan(first * std::size_t(pixels), n * std::size_t(pixels)),
                     std::span(weights).subspan(first, n));
        }
        double worst = 0;
        for (int p = 0; p < pixels; ++p) {
            const double phase = degrees(std::arg(sums.value(0, std::size_t(p))));
            worst = std::max(worst, std::abs(wrapDeg(phase - p * 10)));
        }
        return worst;
    }
};

stimulus::StimulusFile::DisplayRow row(std::int8_t direction, std::int32_t sweep, double centre)
{
    return {0, direction, sweep, centre, 1, 0, 0};
}

// pre-gap rows, then sweeps of `rowsPerSweep` rows, LR from −40° up and RL back, `gap` rows between sweeps.
std::vector<stimulus::StimulusFile::DisplayRow> azimuthStimulus(int rowsPerSweep, int gap, int sweepsEach)
{
    std::vector<stimulus::StimulusFile::DisplayRow> rows(10, row(-1, -1, NAN));
    int sweep = 0;
    for (std::int8_t direction : {std::int8_t(0), std::int8_t(1)})
        for (int s = 0; s < sweepsEach; ++s, ++sweep) {
            for (int i = 0; i < rowsPerSweep; ++i)
                rows.push_back(row(direction, sweep, direction == 0 ? -40 + 0.5 * i : -40 + 0.5 * (rowsPerSweep - 1 - i)));
            for (int i = 0; i < gap; ++i)
                rows.push_back(row(-1, -1, NAN));
        }
    return rows;
}

} // namespace

class tst_PhaseMaps : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void phaseFromTimestampsWithoutDrift()
    {
        const SyntheticStack stack(0);
        QVERIFY2(stack.worstPhaseError({DriftRemoval::None, 0}) < 1.0, "F0-corrected F1 of uneven, partial cycles");
    }

    void linearDriftIsRemoved()
    {
        const SyntheticStack stack(40); // over the run the drift is 20× the response amplitude
        const double untreated = stack.worstPhaseError({DriftRemoval::None, 0});
        const double sliding = stack.worstPhaseError({DriftRemoval::SlidingMean, 0});
        const double polynomial = stack.worstPhaseError({DriftRemoval::Polynomial, 1});
        qInfo("worst phase error with a linear drift: none %.2f deg, sliding %.3f deg, polynomial %.3f deg",
              untreated, sliding, polynomial);
        QVERIFY2(untreated > 5, "the drift must matter, or this test shows nothing");
        QVERIFY(sliding < 2);
        QVERIFY(polynomial < 2);
    }

    void quadraticDriftNeedsItsOrder()
    {
        SyntheticStack stack(0);
        for (std::size_t k = 0; k < stack.times.size(); ++k)
            for (int p = 0; p < stack.pixels; ++p)
                stack.frames[k * std::size_t(stack.pixels) + std::size_t(p)] +=
                    std::uint16_t(std::lround(2 * std::pow(stack.times[k] / 12, 2)));
        QVERIFY(stack.worstPhaseError({DriftRemoval::Polynomial, 2}) < 2);
        QVERIFY(stack.worstPhaseError({DriftRemoval::SlidingMean, 0}) < 2);
    }

    void scheduleGivesPhaseFromPresentationTimes()
    {
        const auto rows = azimuthStimulus(100, 20, 2);
        std::vector<retino::SweepSchedule::PresentedRow> presented;
        constexpr std::int64_t period = 16'666'667;
        for (std::uint64_t r = 0; r < rows.size(); ++r)
            if (r != 50) // a dropped row: the one before it stayed up for two refreshes
                presented.push_back({r, std::int64_t(r) * period});
        const retino::SweepSchedule schedule(rows, presented, 60);
        QCOMPARE(schedule.runs().size(), std::size_t(2));
        QCOMPARE(schedule.runs()[0].direction, 0);
        QCOMPARE(schedule.runs()[0].firstRow, std::uint64_t(10));
        QCOMPARE(schedule.runs()[0].sweeps, 2);
        QCOMPARE(schedule.runs()[0].cycleRows, 120.0);
        // Half way through row 70 (60 rows into the first run) the phase is 60.5 / 120 of a cycle.
        const auto phase = schedule.phaseAt(70 * period + period / 2);
        QVERIFY(phase);
        QCOMPARE(phase->run, std::size_t(0));
        QVERIFY(std::abs(phase->radians - 2 * Pi * 60.5 / 120) < 1e-6);
        QVERIFY(!schedule.phaseAt(5 * period)); // the pre-gap
        QVERIFY(!schedule.phaseAt(-1));
        const auto second = schedule.phaseAt(std::int64_t(10 + 240 + 3) * period);
        QVERIFY(second);
        QCOMPARE(second->run, std::size_t(1));
        // The profile puts row i's bar at i + 0.5; in the gap it keeps moving at the sweep's speed.
        const retino::SweepProfile &lr = schedule.profile(0);
        QVERIFY(std::abs(lr.positionAt(2 * Pi * 0.5 / 120) - -40) < 1e-9);
        QVERIFY(std::abs(lr.positionAt(2 * Pi * 110.5 / 120) - (-40 + 0.5 * 110)) < 1e-9);
        QVERIFY(std::abs(lr.phaseAt(lr.positionAt(1.234)) - 1.234) < 1e-9);
        QVERIFY_THROWS_EXCEPTION(std::exception, schedule.profile(2));
    }

    void oppositeDirectionsGivePositionAndDelay()
    {
        const auto rows = azimuthStimulus(200, 40, 1);
        std::vector<retino::SweepSchedule::PresentedRow> presented;
        for (std::uint64_t r = 0; r < rows.size(); ++r)
            presented.push_back({r, std::int64_t(r) * 16'666'667});
        const retino::SweepSchedule schedule(rows, presented, 60);
        const retino::SweepProfile &lr = schedule.profile(0), &rl = schedule.profile(1);
        const double cycleS = 240 / 60.0, delayS = 1.3;
        const std::vector<double> truth{-30, 0, 12.5, 45, 58};
        retino::DirectionF1 forward, backward;
        for (double x : truth) {
            const double delay = 2 * Pi * delayS / cycleS;
            forward.components[0].push_back(std::polar(0.01, lr.phaseAt(x) + delay));
            backward.components[0].push_back(std::polar(0.03, rl.phaseAt(x) + delay));
            for (std::size_t c = 1; c < retino::Components; ++c) {
                forward.components[c].push_back(std::polar(0.001, 0.3 * double(c)));
                backward.components[c].push_back(std::polar(0.001, 0.7 * double(c)));
            }
        }
        std::vector<std::string> notes;
        const auto axis = retino::combineDirections(forward, &lr, backward, &rl, 60, 2.0, 1, int(truth.size()), notes);
        for (int i = 0; i < int(truth.size()); ++i) {
            QVERIFY2(std::abs(axis.positionDeg(i) - truth[std::size_t(i)]) < 1e-3, qPrintable(QString::number(axis.positionDeg(i))));
            QVERIFY(std::abs(axis.delayS(i) - delayS) < 1e-4);
            QVERIFY(std::abs(axis.magnitude(i) - 0.02f) < 1e-6);
            QVERIFY(std::abs(axis.snr(i) - 20.0f) < 1e-3); // magnitude over the probes' rms
        }
        QVERIFY(notes.empty());
        // One direction alone: the expected delay stands in for the measured one, and the user is told.
        const auto single = retino::combineDirections(forward, &lr, std::nullopt, nullptr, 60, delayS, 1, int(truth.size()), notes);
        QVERIFY(std::abs(single.positionDeg(2) - 12.5) < 1e-3);
        QCOMPARE(notes.size(), std::size_t(1));
    }

    void liveMapsFormFromFramesAsTheyCome()
    {
        const auto rows = azimuthStimulus(200, 40, 2);
        acq::StimulusTimeline timeline("live-test", rows, 60, acq::StimulusTimeline::Source::Schedule);
        timeline.presentOnSchedule(0);
        // Every display row is in the log now; the live maps read it as it grows, which is the same here.
        retino::AnalysisParameters parameters;
        parameters.globalSignal = retino::AnalysisParameters::GlobalSignalMode::Keep;
        parameters.f1FilterSigma = 0;
        constexpr double delayS = 1.6, cycleS = 240 / 60.0;
        // Runs are cut at the expected delay: with the true one no frame answers the other direction.
        parameters.expectedDelayS = delayS;
        retino::LivePhaseMaps live(timeline, parameters);
        const retino::SweepSchedule schedule(rows, {{0, 0}}, 60);
        const retino::SweepProfile &lr = schedule.profile(0), &rl = schedule.profile(1);
        constexpr int width = 12, height = 2;
        std::vector<double> truth(width);
        for (int c = 0; c < width; ++c)
            truth[std::size_t(c)] = -30 + 7.5 * c;
        std::vector<std::uint16_t> frame(width * height);
        QVERIFY(!live.addFrame(frame, width, height, 0)); // the pre-gap: no run yet
        for (double t = 0; t < double(rows.size()) / 60 + 2; t += 1 / 30.0) {
            // The response follows the stimulus `delayS` late: its direction is the one shown then.
            const double row = t * 60 - 10; // rows since the first sweep started
            const bool rightward = row - delayS * 60 < 480;
            const double theta = 2 * Pi * (rightward ? row : row - 480) / 240;
            for (int c = 0; c < width; ++c) {
                const double x = truth[std::size_t(c)];
                const double preferred = (rightward ? lr.phaseAt(x) : rl.phaseAt(x)) + 2 * Pi * delayS / cycleS;
                const double activity = std::cos(theta - preferred);
                for (int r = 0; r < height; ++r)
                    frame[std::size_t(r * width + c)] = std::uint16_t(std::lround(2000 * (1 - 0.01 * activity)));
            }
            live.addFrame(frame, width, height, std::int64_t(t * 1e9));
        }
        QVERIFY(live.framesUsed() > 400);
        const retino::RetinotopyMaps maps = live.snapshot();
        QCOMPARE(maps.azimuthDeg.cols, width);
        QVERIFY(maps.altitudeDeg.empty()); // no TB/BT sweeps
        for (int c = 0; c < width; ++c) {
            QVERIFY2(std::abs(maps.azimuthDeg(0, c) - truth[std::size_t(c)]) < 0.2,
                     qPrintable(QStringLiteral("column %1: %2 for %3").arg(c).arg(maps.azimuthDeg(0, c)).arg(truth[std::size_t(c)])));
            QVERIFY(std::abs(maps.azimuthDelayS(0, c) - delayS) < 0.05);
        }
    }
};

QTEST_GUILESS_MAIN(tst_PhaseMaps)
#include "tst_phasemaps.moc"
