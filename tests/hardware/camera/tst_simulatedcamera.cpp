#include "hardware/camera/hemodynamicresponse.h"
#include "hardware/camera/simulatedcamera.h"
#include "hardware/camera/syntheticcortex.h"
#include "hardware/camera/visualareas.h"

#include "core/acquisition/stimulustimeline.h"
#include "core/error.h"
#include "core/h5/file.h"
#include "core/stimulus/geometry.h"

#include <nlohmann/json.hpp>

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <algorithm>
#include <cmath>
#include <memory>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

constexpr std::int64_t Ms = 1'000'000;

std::vector<std::uint16_t> frameBuffer(const hw::SimulatedCamera &camera)
{
    const acq::CameraSettings s = camera.settings();
    return std::vector<std::uint16_t>(std::size_t(s.width) * std::size_t(s.height));
}

double meanOf(const std::vector<std::uint16_t> &frame, const std::vector<std::size_t> &pixels)
{
    double sum = 0;
    for (const std::size_t i : pixels)
        sum += frame[i];
    return sum / double(pixels.size());
}

// A stimulus as the schedule would present it from `startNs`: `gapS` of background, the bar held still at
// `barDeg` azimuth (an LR sweep's row) for `holdS`, then background again for `afterS`.
std::shared_ptr<const acq::StimulusTimeline> barHeldAt(double barDeg, std::int64_t startNs, double gapS,
                                                       double holdS, double afterS)
{
    constexpr double RefreshHz = 60;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<stimulus::StimulusFile::DisplayRow> rows;
    const auto background = [&](int count) {
        for (int i = 0; i < count; ++i)
            rows.push_back({0, -1, -1, nan, 0, 0, double(rows.size()) / RefreshHz});
    };
    background(int(gapS * RefreshHz));
    for (int i = 0; i < int(holdS * RefreshHz); ++i)
        rows.push_back({1, 0, 0, barDeg, std::int8_t(i % 12 < 6 ? 1 : -1), std::uint8_t(i % 2 == 0),
                        double(rows.size()) / RefreshHz});
    background(int(afterS * RefreshHz));
    auto timeline = std::make_shared<acq::StimulusTimeline>("bar held still", rows, RefreshHz,
                                                            acq::StimulusTimeline::Source::Schedule);
    for (std::uint64_t i = 0; i < rows.size(); ++i)
        timeline->recordPresented(i, startNs + std::llround(1e9 * double(i) / RefreshHz));
    return timeline;
}

// A camera's frames as the test sees them: time since the bar appeared, and the target/control ratio.
struct Series {
    std::vector<double> secondsSinceOnset;
    std::vector<double> targetOverControl;

    // The mean ratio over frames taken between fromS and toS after the onset.
    double meanBetween(double fromS, double toS) const
    {
        double sum = 0;
        int count = 0;
        for (std::size_t i = 0; i < secondsSinceOnset.size(); ++i) {
            if (secondsSinceOnset[i] >= fromS && secondsSinceOnset[i] < toS) {
                sum += targetOverControl[i];
                ++count;
            }
        }
        return count ? sum / count : std::numeric_limits<double>::quiet_NaN();
    }
};

} // namespace

class tst_SimulatedCamera : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void describesItselfWithDefaults();
    void refusesBadSettings_data();
    void refusesBadSettings();
    void appliesSettings();
    void deliversConsecutiveFramesAtTheFrameRate();
    void gainScalesTheImage();
    void timesOutBeforeTheNextFrameIsDue();
    void refusesMisuse();
    void lateCallerSeesAGap();
    void groundTruthHasMirroredAreasInsideTheStimulus();
    void hemodynamicResponseFollowsTheBarAfterTheDelay();
    void darkensWhereTheBarWasAfterTheHemodynamicDelay();
    void writesTheGroundTruth();
};

void tst_SimulatedCamera::describesItselfWithDefaults()
{
    hw::SimulatedCamera camera({.seed = 42});
    const acq::CameraDescription d = camera.description();
    QCOMPARE(d.spec, std::string("sim"));
    QCOMPARE(d.vendor, std::string("Macroscope"));
    QCOMPARE(d.model, std::string("Simulated ISI camera"));
    QVERIFY(d.serial.find("42") != std::string::npos);
    QCOMPARE(d.bitDepth, 12);
    QVERIFY(hw::SimulatedCamera({.seed = 43}).description().serial != d.serial);

    const acq::CameraSettings s = camera.settings();
    QCOMPARE(s.width, 512);
    QCOMPARE(s.height, 512);
    QCOMPARE(s.frameRateHz, 10.0);
    QCOMPARE(s.binning, 1);
    QVERIFY(s.exposureUs > 0 && s.exposureUs <= 1e5);
    QVERIFY(s.pixelFormat == acq::PixelFormat::Mono12);

    const std::vector<acq::StatusReading> status = camera.status();
    QCOMPARE(status.size(), std::size_t(1));
    QCOMPARE(status[0].channel, std::string("sensor_temperature"));
    QCOMPARE(status[0].unit, std::string("degC"));
    QVERIFY2(status[0].value > 15 && status[0].value < 60, std::to_string(status[0].value).c_str());
}

void tst_SimulatedCamera::refusesBadSettings_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("binning");
    QTest::addColumn<int>("offsetX");
    QTest::addColumn<double>("frameRateHz");
    QTest::addColumn<double>("exposureUs");
    QTest::addColumn<double>("gainDb");
    QTest::addColumn<bool>("mono8");
    QTest::addColumn<QString>("named");

    QTest::newRow("width too small") << 8 << 1 << 0 << 10.0 << 0.0 << 0.0 << false << "width 8";
    QTest::newRow("width too large") << 4096 << 1 << 0 << 10.0 << 0.0 << 0.0 << false << "width 4096";
    QTest::newRow("offset beyond the sensor") << 512 << 1 << 1600 << 10.0 << 0.0 << 0.0 << false << "offset 1600";
    QTest::newRow("binning 3") << 512 << 3 << 0 << 10.0 << 0.0 << 0.0 << false << "binning 3";
    QTest::newRow("frame rate too low") << 512 << 1 << 0 << 0.5 << 0.0 << 0.0 << false << "frame rate 0.5";
    QTest::newRow("frame rate too high") << 512 << 1 << 0 << 500.0 << 0.0 << 0.0 << false << "frame rate 500";
    QTest::newRow("exposure over the period") << 512 << 1 << 0 << 100.0 << 20000.0 << 0.0 << false << "exposure";
    QTest::newRow("negative exposure") << 512 << 1 << 0 << 10.0 << -5.0 << 0.0 << false << "exposure";
    QTest::newRow("negative gain") << 512 << 1 << 0 << 10.0 << 0.0 << -1.0 << false << "gain -1";
    QTest::newRow("gain too high") << 512 << 1 << 0 << 10.0 << 0.0 << 30.0 << false << "gain 30";
    QTest::newRow("Mono8") << 512 << 1 << 0 << 10.0 << 0.0 << 0.0 << true << "Mono8";
}

void tst_SimulatedCamera::refusesBadSettings()
{
    QFETCH(int, width);
    QFETCH(int, binning);
    QFETCH(int, offsetX);
    QFETCH(double, frameRateHz);
    QFETCH(double, exposureUs);
    QFETCH(double, gainDb);
    QFETCH(bool, mono8);
    QFETCH(QString, named);

    hw::SimulatedCamera camera;
    acq::CameraSettings asked{.width = width, .height = 64, .offsetX = offsetX, .binning = binning,
                              .exposureUs = exposureUs, .gainDb = gainDb, .frameRateHz = frameRateHz};
    if (mono8)
        asked.pixelFormat = acq::PixelFormat::Mono8;
    try {
        camera.configure(asked);
        QFAIL("configure() accepted it");
    } catch (const core::Error &e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.startsWith("simulated camera: "), e.what());
        QVERIFY2(message.contains(named), e.what());
    }
    // Nothing of a refused configuration is applied.
    QCOMPARE(camera.settings().width, 512);
    QCOMPARE(camera.settings().height, 512);
}

void tst_SimulatedCamera::appliesSettings()
{
    hw::SimulatedCamera camera;
    camera.configure({.width = 64, .height = 48, .offsetX = 100, .offsetY = 200, .binning = 2, .exposureUs = 1000,
                      .gainDb = 6, .frameRateHz = 50, .pixelFormat = acq::PixelFormat::Mono16});
    const acq::CameraSettings s = camera.settings();
    QCOMPARE(s.width, 64);
    QCOMPARE(s.height, 48);
    QCOMPARE(s.offsetX, 100);
    QCOMPARE(s.offsetY, 200);
    QCOMPARE(s.binning, 2);
    QCOMPARE(s.exposureUs, 1000.0);
    QCOMPARE(s.gainDb, 6.0);
    QCOMPARE(s.frameRateHz, 50.0);
    QVERIFY(s.pixelFormat == acq::PixelFormat::Mono16);

    // Zero asks for the camera's own value; the default exposure shrinks to fit a short frame period.
    camera.configure({.frameRateHz = 200});
    QCOMPARE(camera.settings().width, 512);
    QCOMPARE(camera.settings().exposureUs, 5000.0);
}

void tst_SimulatedCamera::deliversConsecutiveFramesAtTheFrameRate()
{
    constexpr double RateHz = 50;
    hw::SimulatedCamera camera;
    camera.configure({.width = 40, .height = 32, .frameRateHz = RateHz});
    std::vector<std::uint16_t> frame = frameBuffer(camera);
    std::vector<acq::FrameInfo> infos;
    camera.start();
    for (int i = 0; i < 25; ++i) {
        const std::optional<acq::FrameInfo> info = camera.grab(frame, 1000ms);
        QVERIFY(info);
        infos.push_back(*info);
        const auto [low, high] = std::minmax_element(frame.begin(), frame.end());
        QVERIFY(*high <= 4095);
        QVERIFY2(*high - *low > 500, "the image should show the bright window and the dark skull");
    }
    camera.stop();

    for (std::size_t i = 0; i < infos.size(); ++i) {
        QCOMPARE(infos[i].cameraFrameId, std::uint64_t(i));
        if (i > 0) {
            QVERIFY(infos[i].hostTimestampNs > infos[i - 1].hostTimestampNs);
            QCOMPARE(infos[i].cameraTimestampNs - infos[i - 1].cameraTimestampNs,
                     infos[i].hostTimestampNs - infos[i - 1].hostTimestampNs);
        }
    }
    const double meanIntervalS = double(infos.back().hostTimestampNs - infos.front().hostTimestampNs) * 1e-9 /
                                 double(infos.size() - 1);
    QVERIFY2(meanIntervalS > 0.5 / RateHz && meanIntervalS < 2 / RateHz, std::to_string(meanIntervalS).c_str());
    // Frames are stamped on the host clock at the moment they are due, never in the future.
    QVERIFY(infos.back().hostTimestampNs <= acq::hostNowNs());
}

void tst_SimulatedCamera::gainScalesTheImage()
{
    const auto meanCounts = [](double gainDb) {
        hw::SimulatedCamera camera;
        camera.configure({.width = 64, .height = 64, .gainDb = gainDb, .frameRateHz = 200});
        std::vector<std::uint16_t> frame = frameBuffer(camera);
        camera.start();
        double sum = 0;
        for (int i = 0; i < 3; ++i) {
            if (!camera.grab(frame, 1000ms))
                return 0.0;
            for (int row = 24; row < 40; ++row) // the middle of the window
                for (int column = 24; column < 40; ++column)
                    sum += frame[std::size_t(row) * 64 + std::size_t(column)];
        }
        return sum / (3 * 16 * 16);
    };
    const double unity = meanCounts(0), doubled = meanCounts(20 * std::log10(1.5));
    QVERIFY2(unity > 1500 && unity < 3500, std::to_string(unity).c_str());
    QVERIFY2(std::abs(doubled / unity - 1.5) < 0.05, std::to_string(doubled / unity).c_str());
}

void tst_SimulatedCamera::timesOutBeforeTheNextFrameIsDue()
{
    hw::SimulatedCamera camera;
    camera.configure({.width = 16, .height = 16, .frameRateHz = 1});
    std::vector<std::uint16_t> frame = frameBuffer(camera);
    camera.start();
    const std::optional<acq::FrameInfo> first = camera.grab(frame, 1000ms);
    QVERIFY(first);
    QCOMPARE(first->cameraFrameId, std::uint64_t(0));
    QVERIFY(!camera.grab(frame, 0ms));
    QVERIFY(!camera.grab(frame, 20ms));
}

void tst_SimulatedCamera::refusesMisuse()
{
    hw::SimulatedCamera camera;
    camera.configure({.width = 16, .height = 16, .frameRateHz = 100});
    std::vector<std::uint16_t> frame = frameBuffer(camera);
    QVERIFY_THROWS_EXCEPTION(core::Error, camera.grab(frame, 10ms));
    camera.start();
    std::vector<std::uint16_t> small(100);
    QVERIFY_THROWS_EXCEPTION(core::Error, camera.grab(small, 10ms));
    QVERIFY_THROWS_EXCEPTION(core::Error, camera.configure({.width = 32}));
    camera.stop();
    QVERIFY_THROWS_EXCEPTION(core::Error, camera.grab(frame, 10ms));
}

// Asserts only what holds however late the scheduler runs this thread: any stall adds to a deliberate
// lateness, and only makes the gaps larger.
void tst_SimulatedCamera::lateCallerSeesAGap()
{
    constexpr double RateHz = 100;
    constexpr std::int64_t PeriodNs = 10 * Ms;
    constexpr std::int64_t BufferedNs = hw::SimulatedCamera::BufferedFrames * PeriodNs;
    hw::SimulatedCamera camera;
    camera.configure({.width = 16, .height = 16, .frameRateHz = RateHz});
    std::vector<std::uint16_t> frame = frameBuffer(camera);
    camera.start();
    const std::optional<acq::FrameInfo> first = camera.grab(frame, 1000ms);
    QVERIFY(first);
    std::this_thread::sleep_for(200ms); // 20 frame periods: far beyond the camera's buffer
    const std::optional<acq::FrameInfo> late = camera.grab(frame, 1000ms);
    const std::int64_t lateReturnedNs = acq::hostNowNs();
    QVERIFY(late);
    QVERIFY2(late->cameraFrameId >= first->cameraFrameId + 10, std::to_string(late->cameraFrameId).c_str());
    // What a late caller gets is the oldest frame still buffered, taken in the past and stamped with the
    // time it was taken on the frame grid, not with the time it was handed over.
    QVERIFY2(late->hostTimestampNs <= lateReturnedNs - (BufferedNs - PeriodNs),
             std::to_string(lateReturnedNs - late->hostTimestampNs).c_str());
    QCOMPARE(late->hostTimestampNs - first->hostTimestampNs,
             std::int64_t(late->cameraFrameId - first->cameraFrameId) * PeriodNs);
    // The frames that survived in the buffer come next, in order, and keep the times they were taken at.
    // Only a stall of this thread beyond the buffer again can drop more of them; then the next frame is
    // the oldest one buffered when it was asked for.
    const std::int64_t nextAskedNs = acq::hostNowNs();
    const std::optional<acq::FrameInfo> next = camera.grab(frame, 1000ms);
    QVERIFY(next);
    QVERIFY2(next->cameraFrameId == late->cameraFrameId + 1 || next->hostTimestampNs > nextAskedNs - BufferedNs,
             std::to_string(next->cameraFrameId - late->cameraFrameId).c_str());
    QVERIFY(next->cameraFrameId > late->cameraFrameId);
    QCOMPARE(next->hostTimestampNs - late->hostTimestampNs,
             std::int64_t(next->cameraFrameId - late->cameraFrameId) * PeriodNs);
}

void tst_SimulatedCamera::groundTruthHasMirroredAreasInsideTheStimulus()
{
    const hw::SyntheticCortex cortex(5, 128, 128);
    const auto az = cortex.azimuthDeg(), alt = cortex.altitudeDeg();
    const auto areas = cortex.areas();
    const auto sign = cortex.fieldSign();
    const int w = 128;

    // The sign stored agrees with the one computed from the maps (Juavinett et al. 2017), wherever a pixel's
    // neighbours lie in its own area; and areas meet V1 with the opposite sign.
    int agree = 0, compared = 0;
    std::vector<int> pixelsPerArea(hw::VisualAreaCount, 0);
    std::vector<bool> bordersV1(hw::VisualAreaCount, false);
    for (int r = 1; r < w - 1; ++r) {
        for (int c = 1; c < w - 1; ++c) {
            const auto i = std::size_t(r * w + c);
            const std::size_t left = i - 1, right = i + 1, up = i - std::size_t(w), down = i + std::size_t(w);
            ++pixelsPerArea[areas[i]];
            if (areas[i] == std::uint8_t(hw::VisualArea::V1))
                for (const std::size_t n : {left, right, up, down})
                    bordersV1[areas[n]] = true;
            if (areas[i] == 0 || areas[left] != areas[i] || areas[right] != areas[i] || areas[up] != areas[i] ||
                areas[down] != areas[i])
                continue;
            const double azRow = az[down] - az[up], azColumn = az[right] - az[left];
            const double altRow = alt[down] - alt[up], altColumn = alt[right] - alt[left];
            // sin(θalt − θaz) with θ = atan2(d/dcolumn, d/drow)
            const double computed = altColumn * azRow - altRow * azColumn;
            ++compared;
            agree += (computed > 0 ? 1 : -1) == sign[i];
        }
    }
    QVERIFY2(agree == compared, (std::to_string(agree) + " of " + std::to_string(compared)).c_str());
    for (int area = 1; area < hw::VisualAreaCount; ++area) {
        QVERIFY2(pixelsPerArea[std::size_t(area)] > 200, hw::areaName(hw::VisualArea(area)));
        QVERIFY2(bordersV1[std::size_t(area)], hw::areaName(hw::VisualArea(area)));
        if (area != int(hw::VisualArea::V1))
            QCOMPARE(hw::visualFieldSign(hw::VisualArea(area)), -hw::visualFieldSign(hw::VisualArea::V1));
    }
    QVERIFY(pixelsPerArea[std::size_t(hw::VisualArea::V1)] > 2 * pixelsPerArea[std::size_t(hw::VisualArea::LM)]);

    // Every represented point lies inside what the default stimulus sweeps, a bar's half width in from
    // where the sweeps start, so every receptive field is crossed completely.
    const stimulus::StimulusParameters defaults;
    const stimulus::AngleMaps screen = stimulus::angleMaps(defaults.monitor, defaults.pose, defaults.correction);
    const double margin = defaults.barWidthDeg / 2;
    const stimulus::AngleRange swept[] = {screen.azimuthRange(), screen.altitudeRange()};
    for (std::size_t i = 0; i < az.size(); ++i) {
        QCOMPARE(areas[i] != 0, std::isfinite(az[i]) && std::isfinite(alt[i]));
        if (areas[i] == 0)
            continue;
        QVERIFY(az[i] > swept[0].min + margin && az[i] < swept[0].max - margin);
        QVERIFY(alt[i] > swept[1].min + margin && alt[i] < swept[1].max - margin);
        QCOMPARE(cortex.responseMask()[i], std::uint8_t(1));
    }
}

// The filter alone, on a timeline in the past, so that nothing waits: a bar held at azimuth 40° from t = 1 s
// to 4 s drives the 40° bins only, starting exactly one hemodynamic delay later, as two low-pass stages.
void tst_SimulatedCamera::hemodynamicResponseFollowsTheBarAfterTheDelay()
{
    using hw::SweepAxis;
    constexpr std::int64_t T0 = 1'000'000 * Ms;
    const auto timeline = barHeldAt(40, T0, 1, 3, 30);
    hw::HemodynamicResponse response;
    response.reset(T0);
    const int at40 = response.bin(SweepAxis::Azimuth, 40), at80 = response.bin(SweepAxis::Azimuth, 80);
    const int altitude = response.bin(SweepAxis::Altitude, 40);
    const double delayS = hw::HemodynamicModel::DelayS, tau = hw::HemodynamicModel::TimeConstantS;
    const auto advanceTo = [&](double seconds) { response.advance(*timeline, T0 + std::llround(seconds * 1e9)); };

    advanceTo(1 + delayS - 0.02);
    QCOMPARE(response.response(SweepAxis::Azimuth, at40), 0.0f);
    for (const double s : {1 + delayS + 1.0, 1 + delayS + 2.0, 1 + delayS + 3.0}) {
        advanceTo(s);
        const double t = (s - 1 - delayS) / tau;
        const double twoStages = 1 - std::exp(-t) * (1 + t);
        QVERIFY2(std::abs(response.response(SweepAxis::Azimuth, at40) - twoStages) < 0.02,
                 std::to_string(response.response(SweepAxis::Azimuth, at40)).c_str());
        QVERIFY(response.response(SweepAxis::Azimuth, at80) < 1e-3f);
        QCOMPARE(response.response(SweepAxis::Altitude, altitude), 0.0f);
    }
    advanceTo(30); // long after the bar left: back to rest
    QVERIFY(response.response(SweepAxis::Azimuth, at40) < 1e-3f);
}

// A bar held at azimuth 40° darkens the pixels that represent 40° once the hemodynamic delay has passed,
// relative to pixels representing far-away azimuths in the same frames (which cancels the global drift and
// vasomotion); a camera without a stimulus, imaging the same cortex at the same moments, shows nothing.
void tst_SimulatedCamera::darkensWhereTheBarWasAfterTheHemodynamicDelay()
{
    constexpr int Size = 320;
    constexpr double RateHz = 100, BarDeg = 40, GapS = 1, HoldS = 3;
    constexpr std::uint64_t Seed = 7;
    const hw::SyntheticCortex cortex(Seed, Size, Size);
    std::vector<std::size_t> target, control;
    for (std::size_t i = 0; i < cortex.azimuthDeg().size(); ++i) {
        if (!cortex.responseMask()[i])
            continue;
        const double distance = std::abs(cortex.azimuthDeg()[i] - BarDeg);
        if (distance < 5)
            target.push_back(i);
        else if (distance > 35)
            control.push_back(i);
    }
    QVERIFY2(target.size() > 1000 && control.size() > 1000, std::to_string(target.size()).c_str());

    // Late enough that both cameras are running before the first row.
    const std::int64_t startNs = acq::hostNowNs() + 300 * Ms;
    const std::int64_t onsetNs = startNs + std::llround(GapS * 1e9);
    hw::SimulatedCamera stimulated({.seed = Seed, .stimulus = barHeldAt(BarDeg, startNs, GapS, HoldS, 2)});
    hw::SimulatedCamera resting({.seed = Seed});
    Series stimulatedSeries, restingSeries;
    std::vector<std::uint16_t> frame(Size * Size);
    for (hw::SimulatedCamera *camera : {&stimulated, &resting})
        camera->configure({.width = Size, .height = Size, .frameRateHz = RateHz});
    stimulated.start();
    resting.start();
    constexpr double EndS = 4.0;
    while (acq::hostNowNs() < onsetNs + std::llround(EndS * 1e9)) {
        for (auto [camera, series] : {std::pair{&stimulated, &stimulatedSeries}, std::pair{&resting, &restingSeries}}) {
            const std::optional<acq::FrameInfo> info = camera->grab(frame, 1000ms);
            QVERIFY(info);
            series->secondsSinceOnset.push_back(double(info->hostTimestampNs - onsetNs) * 1e-9);
            series->targetOverControl.push_back(meanOf(frame, target) / meanOf(frame, control));
        }
    }

    // The change of the target/control ratio from before the onset.
    const auto change = [](const Series &s, double fromS, double toS) {
        return s.meanBetween(fromS, toS) / s.meanBetween(-0.9, 0) - 1;
    };
    const double beforeDelay = change(stimulatedSeries, 0.1, 0.9);
    const double afterDelay = change(stimulatedSeries, 2.8, EndS);
    const double atRest = change(restingSeries, 2.8, EndS);
    qInfo("ΔR/R of the target pixels: %.5f before the delay, %.5f after it, %.5f at rest", beforeDelay, afterDelay,
          atRest);
    // Expected about −0.0012 after the delay. Each window's mean has an s.d. near 0.00009 (shot noise of
    // about 2000 target pixels over 80–120 frames), so the bounds lie more than 4 s.d. from what is expected.
    QVERIFY2(afterDelay < -7e-4, std::to_string(afterDelay).c_str());
    QVERIFY2(std::abs(beforeDelay) < 4e-4, std::to_string(beforeDelay).c_str());
    QVERIFY2(std::abs(atRest) < 4e-4, std::to_string(atRest).c_str());
}

void tst_SimulatedCamera::writesTheGroundTruth()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::filesystem::path path = std::filesystem::path(dir.path().toStdString()) / "truth.h5";
    hw::SimulatedCamera camera({.seed = 3});
    camera.configure({.width = 48, .height = 40});
    {
        h5::File file = h5::File::create(path);
        h5::Group cameraGroup = file.root().createGroup("acquisition/camera");
        camera.writeCameraData(cameraGroup);
    }
    const h5::File file = h5::File::open(path);
    const h5::Group truth = file.root().group("acquisition/camera/ground_truth");
    const std::vector<std::pair<const char *, const char *>> expected{
        {"azimuth_deg", "float32"}, {"altitude_deg", "float32"}, {"sign", "int8"},
        {"areas", "uint8"},         {"vasculature", "float32"},  {"response_mask", "uint8"}};
    for (const auto &[name, dtype] : expected) {
        QVERIFY2(truth.contains(name), name);
        const h5::Dataset dataset = truth.dataset(name);
        QCOMPARE(dataset.shape(), (h5::Shape{40, 48}));
        QCOMPARE(dataset.dataType().name(), std::string(dtype));
    }
    const h5::Attributes attributes = truth.attributes();
    QCOMPARE(attributes.get("seed").get<int>(), 3);
    QVERIFY(attributes.get("response_amplitude").get<double>() < 0);
    QVERIFY(attributes.get("hemodynamic_delay_s").get<double>() > 0);
    QVERIFY(attributes.get("hemodynamic_time_constant_s").get<double>() > 0);
    QVERIFY(attributes.get("rf_sigma_deg").get<double>() > 0);
    QVERIFY(attributes.get("baseline_counts").get<double>() > 1000);

    const hw::SyntheticCortex same(3, 48, 40);
    const std::vector<float> azimuth = truth.dataset("azimuth_deg").read<float>();
    QVERIFY(std::equal(azimuth.begin(), azimuth.end(), same.azimuthDeg().begin(), same.azimuthDeg().end(),
                       [](float a, float b) { return a == b || (std::isnan(a) && std::isnan(b)); }));
}

QTEST_APPLESS_MAIN(tst_SimulatedCamera)
#include "tst_simulatedcamera.moc"
