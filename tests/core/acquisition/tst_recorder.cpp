#include "core/acquisition/recorder.h"
#include "core/acquisition/recordingcheck.h"
#include "core/acquisition/recordinglayout.h"
#include "core/acquisition/recordingrecovery.h"
#include "core/error.h"
#include "core/h5/error.h"
#include "core/h5/file.h"
#include "core/stimulus/stimulusfile.h"

#include "tests/support/jsoncompare.h"
#include "tests/support/killedonexit.h"
#include "tests/support/scriptedcamera.h"
#include "tests/support/tinystimulus.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <csignal>
#include <fstream>
#include <optional>
#include <thread>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

// The acquisition pipeline end to end with a camera whose pixels are known: what reaches the file, how drops
// and failures are accounted for, and that a killed recording can be recovered.
class tst_Recorder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void recordsEveryFrameExactly_data();
    void recordsEveryFrameExactly();
    void durationPlanStopsOnTime();
    void storesThePresentationLog();
    void fullBufferDropsWithAccounting();
    void cameraFailureEndsWithCompleteFile();
    void refusesWithoutDiskSpace();
    void stopsCleanlyWhenDiskRunsLow();
    void refusesToReplaceAFile();
    void killedRecordingIsRecoverable();
    void finishesWhileAReaderWatches();
    void killedWhileFinishingIsRecoverable();
    void checkReportsProblems();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir->path().toStdString()) / name; }
    static acq::RecordingPlan plan(const std::filesystem::path &target, std::optional<std::uint64_t> frames)
    {
        acq::RecordingPlan p;
        p.target = target;
        p.frames = frames;
        p.session = {{"animal_id", "M1"}, {"operator", "test"}};
        p.diskReserveBytes = 1 << 20;
        return p;
    }
    static void checkFrames(const std::filesystem::path &file, std::uint64_t expected, bool allIds);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_Recorder::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// Every stored frame holds exactly the pixels of the id stored beside it.
void tst_Recorder::checkFrames(const std::filesystem::path &file, std::uint64_t expected, bool allIds)
{
    const h5::File h5file = h5::File::open(file);
    const h5::Group root = h5file.root();
    const h5::Dataset frames = root.dataset(acq::layout::Frames);
    const h5::Shape shape = frames.shape();
    QCOMPARE(shape.at(0), expected);
    const auto ids = root.dataset(acq::layout::FrameId).read<std::uint64_t>();
    QCOMPARE(ids.size(), expected);
    const std::uint64_t pixels = shape[1] * shape[2];
    for (std::uint64_t f = 0; f < expected; ++f) {
        if (allIds)
            QCOMPARE(ids[f], f);
        const auto frame = frames.read<std::uint16_t>({f, 0, 0}, {1, shape[1], shape[2]});
        for (std::uint64_t i = 0; i < pixels; i += 97)
            QCOMPARE(frame[i], ScriptedCamera::pixelValue(ids[f], i));
    }
}

void tst_Recorder::recordsEveryFrameExactly_data()
{
    QTest::addColumn<QString>("compression");
    QTest::newRow("none") << "none";
    QTest::newRow("blosc") << "blosc";
    QTest::newRow("gzip") << "gzip";
}

void tst_Recorder::recordsEveryFrameExactly()
{
    QFETCH(QString, compression);
    ScriptedCamera camera(96, 64, 200, 5'000'000);
    acq::RecordingPlan p = plan(path("run.h5"), 60);
    p.compression = *acq::parseCompression(compression.toStdString());
    {
        acq::Recorder recorder(camera, p);
        QVERIFY(std::filesystem::exists(path("run.h5.partial")));
        recorder.start();
        recorder.wait();
        const nlohmann::json summary = recorder.summary();
        QCOMPARE_JSON(summary["frames"], 60);
        QCOMPARE_JSON(summary["dropped"], 0);
        QCOMPARE_JSON(summary["path"], path("run.h5").string());
        QCOMPARE_JSON(summary["stop_reason"], "planned frames reached");
        QVERIFY(summary["seconds"].get<double>() > 0.25);
    }
    QVERIFY(camera.started && camera.stopped);
    QVERIFY(!std::filesystem::exists(path("run.h5.partial")));
    const acq::RecordingCheck check = acq::checkRecording(path("run.h5"));
    QVERIFY2(check.ok(), check.summary.dump().c_str());
    QCOMPARE_JSON(check.summary["frames"], 60);
    QCOMPARE_JSON(check.summary["compression"], compression.toStdString());
    checkFrames(path("run.h5"), 60, true);

    const h5::File file = h5::File::open(path("run.h5"));
    const h5::Group root = file.root();
    QCOMPARE_JSON(root.attributes().get("complete"), true);
    QCOMPARE_JSON(root.group("session").attributes().get("animal_id"), "M1");
    const auto temperature = root.dataset("/acquisition/status/sensor_temperature/value").read<double>();
    QVERIFY(!temperature.empty());
    QCOMPARE(temperature.front(), 21.5);
    QVERIFY(root.contains("/acquisition/status/buffer_fill/value"));
    const auto hostTimes = root.dataset(acq::layout::HostTimestamp).read<std::int64_t>();
    QVERIFY(std::is_sorted(hostTimes.begin(), hostTimes.end()));
}

void tst_Recorder::durationPlanStopsOnTime()
{
    ScriptedCamera camera(32, 32, 100, 10'000'000);
    acq::RecordingPlan p = plan(path("timed.h5"), std::nullopt);
    p.seconds = 0.5;
    acq::Recorder recorder(camera, p);
    recorder.start();
    recorder.wait();
    const nlohmann::json summary = recorder.summary();
    QCOMPARE_JSON(summary["stop_reason"], "planned duration reached");
    // Frames are stamped with when they were due: exactly 50 fall in 0.5 s at 100 Hz, however late they came.
    QCOMPARE_JSON(summary["frames"], 50);
}

// The stimulus shown on its schedule during a recording of several checkpoints: the log grows block by
// block, every row once and in order, and the stimulus's identity and display table travel with the file.
void tst_Recorder::storesThePresentationLog()
{
    const std::filesystem::path stimulusPath = path("stimulus.h5");
    const auto parameters = stimulus::StimulusParameters::fromJson(tinyStimulusParameters(), "tiny stimulus");
    stimulus::writeStimulusFile(parameters, stimulusPath);
    const stimulus::StimulusFile stimulusFile(stimulusPath);
    auto timeline = std::make_shared<acq::StimulusTimeline>(stimulusFile.parametersSha256(),
                                                            stimulusFile.displayRows(), parameters.monitor.refreshHz,
                                                            acq::StimulusTimeline::Source::Schedule);
    ScriptedCamera camera(32, 24, 100, 10'000'000);
    acq::RecordingPlan p = plan(path("stimulus_run.h5"), std::nullopt);
    p.seconds = 2.5;
    p.stimulus = acq::RecordingStimulus{stimulusPath, timeline};
    acq::Recorder recorder(camera, p);
    timeline->presentOnSchedule(acq::hostNowNs());
    recorder.start();
    recorder.wait();

    QVERIFY(acq::checkRecording(path("stimulus_run.h5")).ok());
    const h5::File file = h5::File::open(path("stimulus_run.h5"));
    const h5::Group root = file.root();
    const auto rows = root.dataset(acq::layout::PresentationRow).read<std::uint64_t>();
    const auto times = root.dataset(acq::layout::PresentationTime).read<std::int64_t>();
    QVERIFY2(rows.size() >= 60, qPrintable(QString::number(rows.size()))); // 2 s and more at 30 Hz
    for (std::size_t i = 0; i < rows.size(); ++i)
        QCOMPARE(rows[i], std::uint64_t(i));
    QVERIFY(std::is_sorted(times.begin(), times.end()));
    QCOMPARE_JSON(root.group("stimulus").attributes().get("sha256"), stimulusFile.parametersSha256());
    QCOMPARE(root.group("stimulus/display").links().size(), std::size_t(7));
}

// Compression far slower than the camera, with the smallest ring: most frames are dropped, and every
// captured frame is either stored or listed as dropped, never both, never neither.
void tst_Recorder::fullBufferDropsWithAccounting()
{
    // Said to run at 50 Hz (which sizes the disk reserve), delivering as fast as asked.
    ScriptedCamera camera(1024, 1024, 50, 0);
    acq::RecordingPlan p = plan(path("drops.h5"), 120);
    p.compression = acq::Compression::Gzip;
    p.encoderThreads = 1;
    p.bufferSeconds = 0;
    std::atomic<int> warnings = 0;
    p.warning = [&](const std::string &message) {
        if (message.find("dropped") != std::string::npos)
            ++warnings;
    };
    acq::Recorder recorder(camera, p);
    recorder.start();
    recorder.wait();
    const acq::RecorderStatus status = recorder.status();
    QCOMPARE(status.bufferCapacity, std::size_t(8));
    QCOMPARE(status.bufferHighWater, std::size_t(8));
    QVERIFY(status.framesDropped > 0);
    QVERIFY(warnings > 0);
    QCOMPARE(status.framesWritten + status.framesDropped, std::uint64_t(120));

    const acq::RecordingCheck check = acq::checkRecording(path("drops.h5"));
    QVERIFY2(check.ok(), check.summary.dump().c_str());
    const h5::File file = h5::File::open(path("drops.h5"));
    const auto stored = file.root().dataset(acq::layout::FrameId).read<std::uint64_t>();
    const auto dropped = file.root().dataset(acq::layout::DroppedFrameId).read<std::uint64_t>();
    std::set<std::uint64_t> all(stored.begin(), stored.end());
    for (std::uint64_t id : dropped)
        QVERIFY(all.insert(id).second);
    QCOMPARE(all.size(), std::size_t(120));
    QCOMPARE(*all.rbegin(), std::uint64_t(119));
    QCOMPARE_JSON(file.root().attributes().get("dropped_frames"), status.framesDropped);
}

void tst_Recorder::cameraFailureEndsWithCompleteFile()
{
    ScriptedCamera camera(64, 48, 500, 2'000'000);
    camera.failAfter = 25;
    std::string warning;
    acq::RecordingPlan p = plan(path("unplugged.h5"), 1000);
    p.warning = [&](const std::string &message) { warning = message; };
    acq::Recorder recorder(camera, p);
    recorder.start();
    recorder.wait();
    QCOMPARE_JSON(recorder.summary()["stop_reason"], "camera failed: scripted camera: unplugged");
    QVERIFY(warning.find("unplugged") != std::string::npos);
    QVERIFY(acq::checkRecording(path("unplugged.h5")).ok());
    checkFrames(path("unplugged.h5"), 25, true);
}

void tst_Recorder::refusesWithoutDiskSpace()
{
    ScriptedCamera camera(1024, 1024, 30, 0);
    acq::RecordingPlan p = plan(path("huge.h5"), std::nullopt);
    p.seconds = 1e9; // 30 years of frames
    try {
        acq::Recorder recorder(camera, p);
        QFAIL("a recording that cannot fit on the disk was accepted");
    } catch (const core::Error &e) {
        QVERIFY2(std::string(e.what()).find("not enough free disk space") != std::string::npos, e.what());
    }
    QVERIFY(!std::filesystem::exists(path("huge.h5.partial")));
}

// The reserve set just below what is free now: a few frames later the disk counts as nearly full.
void tst_Recorder::stopsCleanlyWhenDiskRunsLow()
{
    ScriptedCamera camera(512, 512, 200, 5'000'000);
    acq::RecordingPlan p = plan(path("full.h5"), std::nullopt);
    p.diskReserveBytes = acq::freeDiskBytes(p.target) - (2 << 20);
    acq::Recorder recorder(camera, p);
    recorder.start();
    // Should the free space not shrink (another process freeing as much), the test ends all the same.
    const std::jthread watchdog([&](std::stop_token stop) {
        for (int i = 0; i < 300 && !stop.stop_requested(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        recorder.requestStop();
    });
    recorder.wait();
    const nlohmann::json summary = recorder.summary();
    QVERIFY2(summary["stop_reason"].get<std::string>().starts_with("disk nearly full"), summary.dump().c_str());
    QCOMPARE_JSON(summary["complete"], true);
    const acq::RecordingCheck check = acq::checkRecording(path("full.h5"));
    QVERIFY2(check.ok(), check.summary.dump().c_str());
    checkFrames(path("full.h5"), summary["frames"], true);
}

void tst_Recorder::refusesToReplaceAFile()
{
    { std::ofstream(path("taken.h5")) << "precious"; }
    ScriptedCamera camera(16, 16, 30, 0);
    QVERIFY_THROWS_EXCEPTION(core::Error, acq::Recorder(camera, plan(path("taken.h5"), 5)));
    std::ifstream in(path("taken.h5"));
    std::string content;
    in >> content;
    QCOMPARE(content, "precious");
}

// A child process records until it is killed; meanwhile this process reads the growing file as an SWMR
// reader. recover then salvages every frame checkpointed before the kill, leaving the .partial untouched.
void tst_Recorder::killedRecordingIsRecoverable()
{
    const std::filesystem::path target = path("killed.h5");
    KilledOnExit child(fork());
    QVERIFY(child.pid >= 0);
    if (child.pid == 0) {
        ScriptedCamera camera(128, 96, 100, 10'000'000);
        acq::RecordingPlan p = plan(target, std::nullopt);
        p.seconds = 60; // ends even if nobody kills it
        // More string attributes than HDF5 keeps compact by default: copying densely stored ones crashed
        // HDF5 1.10.8's H5Ocopy, which recovery uses.
        p.session = {{"animal_id", "M7"}, {"species", "Mus musculus"}, {"strain", "C57BL/6J"}, {"sex", "female"},
                     {"age_days", 84}, {"hemisphere", "left"}, {"operator", "test"}, {"rig", "rig 2"},
                     {"experiment", "retinotopy"}, {"anesthesia", "isoflurane 1%"}, {"notes", "killed on purpose"}};
        acq::Recorder recorder(camera, p);
        recorder.start();
        recorder.wait();
        _exit(0);
    }
    const std::filesystem::path partial = path("killed.h5.partial");
    std::uint64_t seen = 0;
    for (int attempt = 0; attempt < 100 && seen < 150; ++attempt) {
        QTest::qWait(50);
        if (!std::filesystem::exists(partial))
            continue;
        try {
            const h5::File reader = h5::File::open(partial, h5::Access::SwmrRead);
            seen = reader.root().dataset(acq::layout::FrameId).shape().at(0);
            if (seen > 0) {
                const auto frame = reader.root().dataset(acq::layout::Frames).read<std::uint16_t>({seen - 1, 0, 0}, {1, 96, 128});
                const auto id = reader.root().dataset(acq::layout::FrameId).read<std::uint64_t>({seen - 1}, {1});
                QCOMPARE(frame[1000], ScriptedCamera::pixelValue(id[0], 1000));
            }
        } catch (const std::exception &) {
            // the file may still be being created
        }
    }
    child.kill();
    QVERIFY2(seen >= 150, "the SWMR reader never saw the recording grow");
    QVERIFY(!std::filesystem::exists(target));
    const auto sizeBefore = std::filesystem::file_size(partial);
    const auto timeBefore = std::filesystem::last_write_time(partial);

    const nlohmann::json summary = acq::recoverRecording(partial);
    QVERIFY2(summary["frames"] >= seen, summary.dump().c_str());
    QCOMPARE(std::filesystem::file_size(partial), sizeBefore);
    QVERIFY(std::filesystem::last_write_time(partial) == timeBefore);
    const acq::RecordingCheck check = acq::checkRecording(target);
    QVERIFY2(check.ok(), check.summary.dump().c_str());
    QCOMPARE_JSON(check.summary["recovered"], true);
    checkFrames(target, summary["frames"], true);
    QCOMPARE_JSON(h5::File::open(target).root().group("session").attributes().get("notes"), "killed on purpose");
    QVERIFY_THROWS_EXCEPTION(core::Error, acq::recoverRecording(partial));  // NAME.h5 now exists
}

// Someone watching the recording (an SWMR reader in another process) holds HDF5's file lock until they close
// it: the recording must still finish, and a .partial being recorded is not offered for recovery.
void tst_Recorder::finishesWhileAReaderWatches()
{
    const std::filesystem::path target = path("watched.h5");
    const std::filesystem::path partial = path("watched.h5.partial");
    KilledOnExit child(fork());
    QVERIFY(child.pid >= 0);
    if (child.pid == 0) {
        ScriptedCamera camera(64, 48, 100, 10'000'000);
        acq::Recorder recorder(camera, plan(target, 150));
        recorder.start();
        recorder.wait();
        _exit(recorder.status().state == acq::RecorderStatus::State::Finished ? 0 : 1);
    }
    std::optional<h5::File> reader;
    for (int attempt = 0; attempt < 200 && !reader; ++attempt) {
        QTest::qWait(10);
        try {
            reader = h5::File::open(partial, h5::Access::SwmrRead);
        } catch (const std::exception &) {
            // not created yet
        }
    }
    const bool offered = !acq::partialRecordingsIn(m_dir->path().toStdString()).empty();
    int status = 0;
    ::waitpid(child.pid, &status, 0);
    child.pid = -1;
    QVERIFY2(reader.has_value(), "the recording never became readable");
    QVERIFY2(!offered, "a .partial being recorded was offered for recovery");
    QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the recording did not finish while a reader watched");
    reader.reset();
    const acq::RecordingCheck check = acq::checkRecording(target);
    QVERIFY2(check.ok(), check.summary.dump().c_str());
}

// finish() reopens the closed file normally to write the summary; a process killed right then leaves marks
// HDF5 1.10 lets no reader past. recover reads a copy with the marks cleared, and the .partial stays as it was.
void tst_Recorder::killedWhileFinishingIsRecoverable()
{
    ScriptedCamera camera(32, 24, 500, 0);
    {
        acq::Recorder recorder(camera, plan(path("finishing.h5"), 12));
        recorder.start();
        recorder.wait();
    }
    const std::filesystem::path partial = path("finishing.h5.partial");
    std::filesystem::rename(path("finishing.h5"), partial);
    {
        KilledOnExit child(fork());
        QVERIFY(child.pid >= 0);
        if (child.pid == 0) {
            const h5::File file = h5::File::open(partial, h5::Access::ReadWrite);
            _exit(0); // dies with the file open for writing
        }
        int status = 0;
        ::waitpid(child.pid, &status, 0);
        child.pid = -1;
    }
    QVERIFY_THROWS_EXCEPTION(h5::Error, h5::File::open(partial, h5::Access::ReadOnly));
    const auto sizeBefore = std::filesystem::file_size(partial);

    const nlohmann::json summary = acq::recoverRecording(partial);
    QCOMPARE_JSON(summary["frames"], 12);
    QCOMPARE(std::filesystem::file_size(partial), sizeBefore);
    QVERIFY_THROWS_EXCEPTION(h5::Error, h5::File::open(partial, h5::Access::ReadOnly));
    QVERIFY(!std::filesystem::exists(path("finishing.h5.recovering.source")));
    const acq::RecordingCheck check = acq::checkRecording(path("finishing.h5"));
    QVERIFY2(check.ok(), check.summary.dump().c_str());
    checkFrames(path("finishing.h5"), 12, true);
}

void tst_Recorder::checkReportsProblems()
{
    const acq::RecordingCheck missing = acq::checkRecording(path("absent.h5"));
    QVERIFY(!missing.ok());
    QVERIFY(missing.problems.front().starts_with(path("absent.h5").string()));

    ScriptedCamera camera(16, 16, 500, 0);
    acq::Recorder recorder(camera, plan(path("ok.h5"), 10));
    recorder.start();
    recorder.wait();
    {
        h5::File file = h5::File::open(path("ok.h5"), h5::Access::ReadWrite);
        file.root().attributes().set("complete", false);
        file.root().group("session").attributes().set("sex", "robot");
    }
    const acq::RecordingCheck check = acq::checkRecording(path("ok.h5"));
    QVERIFY(!check.ok());
    const std::string problems = check.summary["problems"].dump();
    QVERIFY2(problems.find("not complete") != std::string::npos, problems.c_str());
    QVERIFY2(problems.find("/session: /sex") != std::string::npos, problems.c_str());
}

QTEST_GUILESS_MAIN(tst_Recorder)
#include "tst_recorder.moc"
