#include "core/acquisition/recorder.h"
#include "core/acquisition/recordingcheck.h"
#include "core/error.h"
#include "hardware/camera/araviscamera.h"
#include "hardware/camera/opencamera.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

constexpr const char *FakeGvCamera = "/usr/bin/arv-fake-gv-camera-0.8";
constexpr const char *FakeGvSerial = "MSCOPE1";

struct Grabbed {
    std::vector<acq::FrameInfo> infos;
    std::vector<std::vector<std::uint16_t>> frames;
};

Grabbed grabFrames(acq::Camera &camera, int count)
{
    const acq::CameraSettings settings = camera.settings();
    Grabbed grabbed;
    std::vector<std::uint16_t> pixels(static_cast<std::size_t>(settings.width) * settings.height);
    while (static_cast<int>(grabbed.infos.size()) < count) {
        const auto info = camera.grab(pixels, 2s);
        if (!info) {
            break;
        }
        grabbed.infos.push_back(*info);
        grabbed.frames.push_back(pixels);
    }
    return grabbed;
}

// What every camera must deliver: increasing ids and times, and pixels that show a picture.
void checkStream(const Grabbed &grabbed, int count)
{
    QCOMPARE(static_cast<int>(grabbed.infos.size()), count);
    for (std::size_t i = 1; i < grabbed.infos.size(); ++i) {
        QVERIFY2(grabbed.infos[i].cameraFrameId > grabbed.infos[i - 1].cameraFrameId, qPrintable(QString::number(i)));
        QVERIFY(grabbed.infos[i].cameraTimestampNs > grabbed.infos[i - 1].cameraTimestampNs);
        QVERIFY(grabbed.infos[i].hostTimestampNs >= grabbed.infos[i - 1].hostTimestampNs);
    }
    for (const auto &frame : grabbed.frames) {
        const auto [least, most] = std::minmax_element(frame.begin(), frame.end());
        QVERIFY2(*least != *most, "a frame of one value: the fake camera draws a pattern");
    }
    QVERIFY(grabbed.frames.front() != grabbed.frames.back());
}

acq::RecordingPlan recordingPlan(const QTemporaryDir &dir, const char *name, std::uint64_t frames)
{
    acq::RecordingPlan plan;
    plan.target = dir.filePath(QString::fromUtf8(name)).toStdString();
    plan.frames = frames;
    plan.session = {{"animal_id", "fake"}, {"operator", "test"}};
    plan.diskReserveBytes = 1 << 20;
    return plan;
}

} // namespace

class tst_AravisCamera : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void describesTheFakeCamera();
    void appliesSettingsAndReportsThem();
    void fallsBackToTheDeepestMonoFormat();
    void refusesSettingsOutOfBounds();
    void deliversConsecutiveFramesAcrossTheIdWrap();
    void stampsQueuedFramesWithTheirArrival();
    void widensMono8();
    void namesAnUnknownDevice();
    void listsTheSimulatedCameraFirst();
    void recordsFromTheFakeCamera();
    void gigeCameraRecordsUntilItVanishes();
};

void tst_AravisCamera::describesTheFakeCamera()
{
    const auto camera = hw::openCamera("aravis:Fake_1");
    const acq::CameraDescription description = camera->description();
    QCOMPARE(description.spec, std::string("aravis:Fake_1"));
    QCOMPARE(description.vendor, std::string("Aravis"));
    QCOMPARE(description.model, std::string("Fake"));
    QCOMPARE(description.serial, std::string("1"));
    QVERIFY(camera->status().empty()); // the fake camera has no DeviceTemperature
}

void tst_AravisCamera::appliesSettingsAndReportsThem()
{
    hw::AravisCamera camera("Fake_1");
    acq::CameraSettings wanted;
    wanted.width = 320;
    wanted.height = 240;
    wanted.offsetX = 16;
    wanted.offsetY = 8;
    wanted.exposureUs = 2000;
    wanted.gainDb = 3;
    wanted.frameRateHz = 40;
    wanted.pixelFormat = acq::PixelFormat::Mono16;
    camera.configure(wanted);

    const acq::CameraSettings applied = camera.settings();
    QCOMPARE(applied.width, 320);
    QCOMPARE(applied.height, 240);
    QCOMPARE(applied.offsetX, 16);
    QCOMPARE(applied.offsetY, 8);
    QCOMPARE(applied.binning, 1);
    QCOMPARE(applied.exposureUs, 2000.0);
    QCOMPARE(applied.gainDb, 3.0);
    QCOMPARE(applied.frameRateHz, 40.0);
    QCOMPARE(applied.pixelFormat, acq::PixelFormat::Mono16);
    QCOMPARE(camera.description().bitDepth, 16);

    // Zero width and height: the rest of the sensor from the offset.
    camera.configure(acq::CameraSettings{.offsetX = 48});
    QCOMPARE(camera.settings().width, 2048 - 48);
    QCOMPARE(camera.settings().height, 2048);
}

void tst_AravisCamera::fallsBackToTheDeepestMonoFormat()
{
    hw::AravisCamera camera("Fake_1");
    // The fake camera offers Mono8 and Mono16 only.
    camera.configure(acq::CameraSettings{.width = 64, .height = 64, .pixelFormat = acq::PixelFormat::Mono12});
    QCOMPARE(camera.settings().pixelFormat, acq::PixelFormat::Mono16);
    QCOMPARE(camera.description().bitDepth, 16);
}

void tst_AravisCamera::refusesSettingsOutOfBounds()
{
    hw::AravisCamera camera("Fake_1");
    const auto refused = [&](const acq::CameraSettings &settings, const char *expected) {
        try {
            camera.configure(settings);
        } catch (const core::Error &e) {
            const QString message = QString::fromUtf8(e.what());
            return message.startsWith("camera \"aravis:Fake_1\": ") && message.contains(QString::fromUtf8(expected));
        }
        return false;
    };
    QVERIFY(refused({.gainDb = 50}, "gain 50 dB: outside the camera's 0–10 dB"));
    QVERIFY(refused({.frameRateHz = 5000}, "frame rate 5000 Hz: outside"));
    QVERIFY(refused({.width = 4096, .height = 64}, "region 4096×64 at (0, 0): outside the 2048×2048"));
    QVERIFY(refused({.binning = 0}, "binning 0"));
}

void tst_AravisCamera::deliversConsecutiveFramesAcrossTheIdWrap()
{
    hw::AravisCamera camera("Fake_1");
    // (The fake camera's picture darkens with shorter exposures, to black at 1 ms: keep its default.)
    camera.configure({.width = 160, .height = 120, .frameRateHz = 250});
    camera.start();
    // The fake camera numbers its frames as GigE Vision 1.x does (16 bits, 65535 → 1) and starts close to
    // the wrap (65400), so 200 frames cross it. It spends an id only on a frame it puts in a buffer: when
    // the capture thread falls behind by more than the 16 buffers hold (64 ms here), it skips frames without
    // numbering them, so the ids stay consecutive however loaded the machine. The pause proves it, short of
    // the wrap so that the unwrapping is checked after the stream ran dry as well.
    Grabbed grabbed = grabFrames(camera, 60);
    std::this_thread::sleep_for(300ms);
    const Grabbed rest = grabFrames(camera, 140);
    camera.stop();
    grabbed.infos.insert(grabbed.infos.end(), rest.infos.begin(), rest.infos.end());
    grabbed.frames.insert(grabbed.frames.end(), rest.frames.begin(), rest.frames.end());
    checkStream(grabbed, 200);
    QCOMPARE(grabbed.frames.front().size(), std::size_t{160 * 120});
    for (std::size_t i = 1; i < grabbed.infos.size(); ++i) {
        QCOMPARE(grabbed.infos[i].cameraFrameId, grabbed.infos[i - 1].cameraFrameId + 1);
    }
    QVERIFY2(grabbed.infos.front().cameraFrameId < 0xFFFF && grabbed.infos.back().cameraFrameId > 0xFFFF,
             "the stream did not cross the 16-bit wrap");

    // A second acquisition on the same camera works as the first.
    camera.start();
    checkStream(grabFrames(camera, 10), 10);
    camera.stop();
}

// Frames that wait in Aravis's queue while the capture thread is busy keep the times they reached the host,
// a frame period apart, rather than the time they were taken off the queue, all within a moment.
void tst_AravisCamera::stampsQueuedFramesWithTheirArrival()
{
    constexpr double RateHz = 100;
    constexpr std::int64_t PeriodNs = 10'000'000;
    hw::AravisCamera camera("Fake_1");
    camera.configure({.width = 64, .height = 48, .frameRateHz = RateHz});
    camera.start();
    std::this_thread::sleep_for(300ms); // 30 frame periods: the 16 buffers fill up
    const std::int64_t grabbingNs = acq::hostNowNs();
    const Grabbed grabbed = grabFrames(camera, 5);
    camera.stop();
    checkStream(grabbed, 5);
    const std::int64_t spreadNs = grabbed.infos.back().hostTimestampNs - grabbed.infos.front().hostTimestampNs;
    QVERIFY2(spreadNs > 2 * PeriodNs, qPrintable(QString("%1 ns").arg(spreadNs)));
    // All of them reached the host before they were asked for.
    QVERIFY2(grabbed.infos.back().hostTimestampNs <= grabbingNs,
             qPrintable(QString("%1 ns late").arg(grabbed.infos.back().hostTimestampNs - grabbingNs)));
}

void tst_AravisCamera::widensMono8()
{
    hw::AravisCamera camera("Fake_1");
    camera.configure({.width = 256, .height = 64, .frameRateHz = 100, .pixelFormat = acq::PixelFormat::Mono8});
    QCOMPARE(camera.settings().pixelFormat, acq::PixelFormat::Mono8);
    QCOMPARE(camera.description().bitDepth, 8);
    camera.start();
    const Grabbed grabbed = grabFrames(camera, 5);
    checkStream(grabbed, 5);
    for (const auto &frame : grabbed.frames) {
        QVERIFY(*std::max_element(frame.begin(), frame.end()) <= 255);
    }
}

void tst_AravisCamera::namesAnUnknownDevice()
{
    QString message;
    try {
        hw::openCamera("aravis:NoSuchCamera");
    } catch (const core::Error &e) {
        message = QString::fromUtf8(e.what());
    }
    QVERIFY2(message.startsWith("camera \"aravis:NoSuchCamera\": no such device (found: "), qPrintable(message));
}

void tst_AravisCamera::listsTheSimulatedCameraFirst()
{
    const hw::AravisCamera opened("Fake_1"); // which enables Aravis's fake interface, so that it is listed
    const auto cameras = hw::availableCameras();
    QVERIFY(!cameras.empty());
    QCOMPARE(cameras.front().spec, std::string("sim"));
    const auto fake =
        std::find_if(cameras.begin(), cameras.end(), [](const auto &c) { return c.spec == "aravis:Fake_1"; });
    QVERIFY(fake != cameras.end());
    QCOMPARE(fake->vendor, std::string("Aravis"));
    QCOMPARE(fake->model, std::string("Fake"));
}

void tst_AravisCamera::recordsFromTheFakeCamera()
{
    QTemporaryDir dir;
    auto camera = hw::openCamera("aravis:Fake_1");
    camera->configure({.width = 64, .height = 48, .frameRateHz = 100});
    acq::Recorder recorder(*camera, recordingPlan(dir, "fake.h5", 50));
    recorder.start();
    recorder.wait();
    const nlohmann::json summary = recorder.summary();
    QCOMPARE(summary["frames"].get<int>(), 50);
    QCOMPARE(summary["camera"]["spec"].get<std::string>(), std::string("aravis:Fake_1"));
    const acq::RecordingCheck check = acq::checkRecording(dir.filePath("fake.h5").toStdString());
    QVERIFY2(check.ok(), check.summary.dump().c_str());
}

// Frames from the GigE Vision fake on 127.0.0.1, then a recording from it that ends when it vanishes: the
// camera's failure ends the recording as a complete file with every frame received.
void tst_AravisCamera::gigeCameraRecordsUntilItVanishes()
{
    QVERIFY2(QFile::exists(FakeGvCamera), "aravis-tools is not installed (bootstrap.sh installs it)");
    QProcess server;
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(FakeGvCamera, {"--interface", "127.0.0.1", "--serial", FakeGvSerial});
    QVERIFY2(server.waitForStarted(), qPrintable(server.errorString()));

    // Discovery reaches the loopback interface too; each round takes a second.
    const std::string spec = std::string("aravis:Aravis-Fake-") + FakeGvSerial;
    const auto discovered = [&] {
        const auto cameras = hw::AravisCamera::connectedCameras();
        return std::any_of(cameras.begin(), cameras.end(), [&](const auto &c) { return c.spec == spec; });
    };
    QElapsedTimer waiting;
    waiting.start();
    while (!discovered()) {
        if (server.state() == QProcess::NotRunning) {
            QSKIP(qPrintable("the fake GigE Vision camera could not start on 127.0.0.1: " +
                             QString::fromLocal8Bit(server.readAll())));
        }
        QVERIFY2(waiting.elapsed() < 15'000, "discovery did not find the fake GigE Vision camera on 127.0.0.1");
    }

    auto camera = hw::openCamera(spec);
    QCOMPARE(camera->description().serial, std::string(FakeGvSerial));
    camera->configure({.width = 128, .height = 96, .frameRateHz = 50});
    camera->start();
    checkStream(grabFrames(*camera, 20), 20);

    camera->stop();

    QTemporaryDir dir;
    // Ten minutes at 50 fps: far longer than the camera lives, yet within the free space the recorder checks
    // for up front (0.7 GB; a million frames would ask for 23 GB).
    acq::Recorder recorder(*camera, recordingPlan(dir, "gige.h5", 30'000));
    recorder.start();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.status().framesWritten >= 30, 10'000);
    server.kill();
    server.waitForFinished();
    QElapsedTimer vanishing;
    vanishing.start();
    recorder.wait(); // Aravis notices the missing heartbeat within about 5 s
    const nlohmann::json summary = recorder.summary();
    const std::string reason = summary["stop_reason"].get<std::string>();
    QVERIFY2(reason.starts_with("camera failed: camera \"" + spec + "\": the camera stopped answering"), reason.c_str());
    QVERIFY(summary["frames"].get<int>() >= 30);
    const acq::RecordingCheck check = acq::checkRecording(dir.filePath("gige.h5").toStdString());
    QVERIFY2(check.ok(), check.summary.dump().c_str());
    qInfo("recording ended %lld ms after the camera vanished: %s", static_cast<long long>(vanishing.elapsed()),
          reason.c_str());
    camera.reset(); // must not hang on the vanished camera either
}

QTEST_GUILESS_MAIN(tst_AravisCamera)
#include "tst_araviscamera.moc"
