#include "core/error.h"
#include "hardware/camera/opencamera.h"
#include "hardware/camera/opencvcamera.h"

#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

constexpr int Width = 64;
constexpr int Height = 48;
constexpr int Frames = 12;
constexpr double FileRateHz = 50;

// Frame i is a left half at 20 + 15 i and a right half at 200 - 10 i: uniform areas survive MJPEG's
// compression within a few grey levels, and each frame differs from the others.
int leftValue(int frame) { return 20 + 15 * frame; }
int rightValue(int frame) { return 200 - 10 * frame; }

std::string writeVideo(const QTemporaryDir &dir)
{
    const std::string path = dir.filePath("replay.avi").toStdString();
    cv::VideoWriter writer(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), FileRateHz, cv::Size(Width, Height));
    if (!writer.isOpened()) {
        return {};
    }
    for (int i = 0; i < Frames; ++i) {
        cv::Mat frame(Height, Width, CV_8UC3, cv::Scalar::all(leftValue(i)));
        frame(cv::Rect(Width / 2, 0, Width / 2, Height)).setTo(cv::Scalar::all(rightValue(i)));
        writer.write(frame);
    }
    return path;
}

bool near(int value, int expected)
{
    return std::abs(value - expected) <= 3;
}

QString errorOf(const std::string &spec)
{
    try {
        hw::openCamera(spec);
    } catch (const core::Error &e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class tst_OpenCvCamera : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void describesAFile();
    void replaysEveryFrameInGrey();
    void pacesReplayAtTheFrameRate();
    void cutsTheRegionOfInterest();
    void refusesWhatOpenCvCannotSet();
    void namesTheProblemWhenOpening();

private:
    QTemporaryDir m_dir;
    std::string m_video;
};

void tst_OpenCvCamera::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_video = writeVideo(m_dir);
    QVERIFY2(!m_video.empty(), "OpenCV cannot write MJPG into an .avi here");
}

void tst_OpenCvCamera::describesAFile()
{
    const auto camera = hw::openCamera("opencv:" + m_video);
    QCOMPARE(camera->description().spec, "opencv:" + m_video);
    QCOMPARE(camera->description().model, std::string("replay.avi"));
    QCOMPARE(camera->description().bitDepth, 8);
    const acq::CameraSettings settings = camera->settings();
    QCOMPARE(settings.width, Width);
    QCOMPARE(settings.height, Height);
    QCOMPARE(settings.frameRateHz, FileRateHz);
    QCOMPARE(settings.pixelFormat, acq::PixelFormat::Mono8);
}

void tst_OpenCvCamera::replaysEveryFrameInGrey()
{
    hw::OpenCvCamera camera(m_video);
    camera.configure({.frameRateHz = 500, .pixelFormat = acq::PixelFormat::Mono16});
    QCOMPARE(camera.settings().pixelFormat, acq::PixelFormat::Mono8); // OpenCV delivers 8 bits whatever is asked

    for (int pass = 0; pass < 2; ++pass) { // each start() replays from the first frame
        camera.start();
        std::vector<std::uint16_t> pixels(Width * Height, 0xFFFF);
        for (int i = 0; i < Frames; ++i) {
            const auto info = camera.grab(pixels, 1s);
            QVERIFY2(info, qPrintable(QString("frame %1 of pass %2").arg(i).arg(pass)));
            QCOMPARE(info->cameraFrameId, std::uint64_t(i));
            // The time in the file, at the file's own rate, whatever the replay's pace.
            QCOMPARE(info->cameraTimestampNs, std::int64_t(i * 20'000'000));
            QVERIFY2(near(pixels[Height / 2 * Width + 4], leftValue(i)), qPrintable(QString::number(pixels[4])));
            QVERIFY(near(pixels[Height / 2 * Width + Width - 4], rightValue(i)));
            QVERIFY(!camera.hasEnded());
        }
        QVERIFY(!camera.grab(pixels, 100ms));
        QVERIFY(camera.hasEnded());
        QVERIFY(!camera.grab(pixels, 10ms)); // and stays ended
        camera.stop();
    }
}

void tst_OpenCvCamera::pacesReplayAtTheFrameRate()
{
    hw::OpenCvCamera camera(m_video);
    constexpr std::int64_t PeriodNs = 100'000'000;
    camera.configure({.frameRateHz = 10});
    const std::int64_t beforeStartNs = acq::hostNowNs();
    camera.start();
    std::vector<std::uint16_t> pixels(Width * Height);
    std::vector<std::int64_t> hostNs;
    for (int i = 0; i < 4; ++i) {
        const auto info = camera.grab(pixels, 1s);
        QVERIFY(info);
        hostNs.push_back(info->hostTimestampNs);
    }
    // A frame is never early: frame i is due i periods after start(), and replay can only lag that schedule
    // (a loaded machine makes it later), never run ahead of it. The microsecond covers the schedule's
    // rounding to the clock's nanoseconds.
    for (std::size_t i = 0; i < hostNs.size(); ++i) {
        QVERIFY2(hostNs[i] >= beforeStartNs + std::int64_t(i) * PeriodNs - 1'000,
                 qPrintable(QString("frame %1 at %2 ns").arg(i).arg(hostNs[i] - beforeStartNs)));
    }
    // A timeout shorter than the wait for the next frame returns nothing, and the frame still comes.
    QVERIFY(!camera.grab(pixels, 1ms));
    QVERIFY(camera.grab(pixels, 1s));
}

void tst_OpenCvCamera::cutsTheRegionOfInterest()
{
    hw::OpenCvCamera camera(m_video);
    camera.configure({.width = 16, .height = 8, .offsetX = Width / 2 - 8, .offsetY = 10, .frameRateHz = 500});
    QCOMPARE(camera.settings().width, 16);
    QCOMPARE(camera.settings().height, 8);
    camera.start();
    std::vector<std::uint16_t> pixels(16 * 8);
    QVERIFY(camera.grab(pixels, 1s));
    // Straddles the two halves: left columns from the left half, right columns from the right.
    QVERIFY(near(pixels[3 * 16 + 2], leftValue(0)));
    QVERIFY(near(pixels[3 * 16 + 13], rightValue(0)));

    QVERIFY_THROWS_EXCEPTION(core::Error, camera.configure({.width = 16, .offsetX = Width - 8}));
}

void tst_OpenCvCamera::refusesWhatOpenCvCannotSet()
{
    hw::OpenCvCamera camera(m_video);
    QVERIFY_THROWS_EXCEPTION(core::Error, camera.configure({.binning = 2}));
    QVERIFY_THROWS_EXCEPTION(core::Error, camera.configure({.exposureUs = 1000}));
    QVERIFY_THROWS_EXCEPTION(core::Error, camera.configure({.gainDb = 6}));
}

void tst_OpenCvCamera::namesTheProblemWhenOpening()
{
    const std::string missing = m_dir.filePath("missing.avi").toStdString();
    QCOMPARE(errorOf("opencv:" + missing),
             QString::fromStdString("camera \"opencv:" + missing + "\": no such video file"));

    const std::string notAVideo = m_dir.filePath("notes.txt").toStdString();
    {
        QFile file(QString::fromStdString(notAVideo));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a video\n");
    }
    QCOMPARE(errorOf("opencv:" + notAVideo),
             QString::fromStdString("camera \"opencv:" + notAVideo + "\": OpenCV cannot read the file as a video"));

    QVERIFY2(errorOf("webcam:0").startsWith("camera \"webcam:0\": not a camera spec; expected \"sim\""),
             qPrintable(errorOf("webcam:0")));
    QVERIFY(errorOf("opencv:").startsWith("camera \"opencv:\": not a camera spec"));
}

QTEST_GUILESS_MAIN(tst_OpenCvCamera)
#include "tst_opencvcamera.moc"
