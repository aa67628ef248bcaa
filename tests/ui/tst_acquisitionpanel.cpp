#include "ui/acquisition/acquisitionpanel.h"
#include "ui/acquisition/cameracontrol.h"
#include "ui/acquisition/liveview.h"
#include "ui/acquisition/outputbox.h"
#include "ui/acquisition/partialrecoveryprompt.h"
#include "ui/acquisition/recordingstatusview.h"
#include "ui/params/schemaform.h"
#include "ui/shell/mainwindow.h"

#include "core/acquisition/recorder.h"
#include "core/acquisition/recordingcheck.h"
#include "core/acquisition/recordinglayout.h"
#include "core/h5/file.h"
#include "hardware/camera/opencamera.h"

#include "tests/support/jsoncompare.h"
#include "tests/support/killedonexit.h"
#include "tests/support/namedchild.h"

#include <nlohmann/json.hpp>

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QLocale>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThreadPool>
#include <QtGui/QAction>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QDoubleSpinBox>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;

using nlohmann::json;

namespace {

// Set in the environment of this test's own executable, started again to record into the file it names.
constexpr char RecordTargetVariable[] = "TST_ACQUISITIONPANEL_RECORD_TO";

// The recording process of stalePartialIsOfferedAndRecovered: the simulated camera recording into `target`
// until the test kills it. The plan has an end, so that a process the test failed to kill stops by itself
// instead of filling the disk.
int recordUntilKilled(const std::filesystem::path &target)
{
    try {
        const std::unique_ptr<acq::Camera> camera = hw::openCamera("sim");
        camera->configure({.width = 64, .height = 64, .frameRateHz = 50});
        acq::RecordingPlan plan;
        plan.target = target;
        plan.seconds = 60;
        plan.session = {{"animal_id", "M8"}, {"operator", "test"}};
        plan.diskReserveBytes = 1 << 20;
        acq::Recorder recorder(*camera, std::move(plan));
        recorder.start();
        recorder.wait();
        return 0;
    } catch (const std::exception &error) {
        std::fprintf(stderr, "recording process: %s\n", error.what());
        return 1;
    }
}

} // namespace

// The acquisition panel driven as an operator would, on the simulated camera: a real recording from Record
// to a verified file, a recording finished when the panel is destroyed (the application quits), the camera
// left alone while recording, Record refused while the session metadata is invalid, and the offer to recover
// a recording whose process was killed.
class tst_AcquisitionPanel : public QObject {
    Q_OBJECT

public:
    // Run by QTEST_MAIN before the QApplication exists. In the process stalePartialIsOfferedAndRecovered
    // starts, it records and exits there: that process never has Qt's threads, nor anything else of the test.
    static void initMain()
    {
        if (const char *target = std::getenv(RecordTargetVariable))
            _exit(recordUntilKilled(target));
    }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void recordsAVerifiedFile();
    void destroyingPanelFinishesRecording_data();
    void destroyingPanelFinishesRecording();
    void cameraIsNotChangedWhileRecording();
    void invalidSessionDisablesRecord();
    void stalePartialIsOfferedAndRecovered();
    void mainWindowOpensPanel();

private:
    template <typename T = QWidget>
    T *child(const char *name) const
    {
        return namedChild<T>(m_panel.get(), name);
    }
    bool openPanel();
    void setValidSession() const;
    QString outputPath(const char *name) const { return QDir(m_output->path()).filePath(QString::fromLatin1(name)); }

    std::unique_ptr<QTemporaryDir> m_library;
    std::unique_ptr<QTemporaryDir> m_output;
    std::unique_ptr<ui::AcquisitionPanel> m_panel;
};

void tst_AcquisitionPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // An empty library: the stimulus list is None only, whatever the machine holds.
    m_library = std::make_unique<QTemporaryDir>();
    QVERIFY(m_library->isValid());
    qputenv("MACROSCOPE_STIMULUS_LIBRARY", QFile::encodeName(m_library->path()));
}

void tst_AcquisitionPanel::init()
{
    m_output = std::make_unique<QTemporaryDir>();
    QVERIFY(m_output->isValid());
}

void tst_AcquisitionPanel::cleanup()
{
    m_panel.reset();
    QThreadPool::globalInstance()->waitForDone();
    m_output.reset();
}

bool tst_AcquisitionPanel::openPanel()
{
    m_panel = std::make_unique<ui::AcquisitionPanel>();
    m_panel->resize(1480, 900);
    m_panel->show();
    if (!QTest::qWaitForWindowExposed(m_panel.get()))
        return false;
    m_panel->findChild<ui::OutputBox *>()->setFolder(m_output->path());
    // The simulated camera opens in the background; its identity appears once it is ready.
    return QTest::qWaitFor([&] { return !child<QLabel>("cameraIdentity")->text().isEmpty(); }, 20000);
}

void tst_AcquisitionPanel::setValidSession() const
{
    m_panel->findChild<ui::SchemaForm *>(QStringLiteral("sessionForm"))
        ->setDocument({{"animal_id", "M7"}, {"operator", "test"}});
}

void tst_AcquisitionPanel::recordsAVerifiedFile()
{
    QVERIFY(openPanel());
    child<QSpinBox>("cameraWidth")->setValue(64);
    child<QSpinBox>("cameraHeight")->setValue(64);
    child<QDoubleSpinBox>("cameraFrameRate")->setValue(50);
    child<QPushButton>("applyCameraSettings")->click();
    setValidSession();
    auto *output = m_panel->findChild<ui::OutputBox *>();
    output->setFileName(QStringLiteral("run"));
    output->setSeconds(1);
    auto *record = child<QPushButton>("record");
    QTRY_VERIFY_WITH_TIMEOUT(record->isEnabled(), 20000);

    QSignalSpy finished(m_panel.get(), &ui::AcquisitionPanel::recordingFinished);
    record->click();
    QTRY_VERIFY(m_panel->isRecording());
    // Found by name: the view declares no signals, so it has no meta-object of its own to find it by.
    const auto *status = child<ui::RecordingStatusView>("recordingStatus");
    // While recording, the file is named for what it is: not yet complete.
    QTRY_VERIFY(status->outputText().endsWith(QStringLiteral("run.h5.partial")));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);

    const std::filesystem::path file = outputPath("run.h5").toStdString();
    QVERIFY(std::filesystem::exists(file));
    QVERIFY(!std::filesystem::exists(outputPath("run.h5.partial").toStdString()));
    const acq::RecordingCheck check = acq::checkRecording(file);
    QVERIFY2(check.ok(), check.summary.dump().c_str());
    QCOMPARE_JSON(check.summary["width"], 64);
    QCOMPARE_JSON(check.summary["height"], 64);
    const auto frames = check.summary["frames"].get<qulonglong>();
    QVERIFY2(frames >= 2, check.summary.dump().c_str());
    // Not a count of frames, which a loaded machine thins out (frames dropped, or skipped by a capture thread
    // that fell more than the camera's four buffered frames behind). The simulated camera numbers and stamps
    // each frame by when it is due, and what was lost leaves holes in the ids: the ids the written frames span
    // over the time they span give the frame rate asked for, whatever was lost.
    const double seconds = check.summary.value("seconds", 0.0);
    const double idsSpanned = double(frames + check.summary["camera_gaps"].get<qulonglong>());
    QVERIFY2(qAbs((idsSpanned - 1) / seconds - 50) < 0.5, check.summary.dump().c_str());
    // It ran for its planned second rather than stopping early. The last frames before the end are lost if
    // the capture thread stalls there, so the written frames need span only half of it.
    QVERIFY2(m_panel->resultText().contains(QStringLiteral("planned duration reached")),
             qPrintable(m_panel->resultText()));
    QVERIFY2(seconds >= 0.5, check.summary.dump().c_str());
    QCOMPARE(status->framesText(), QLocale().toString(frames));
    QCOMPARE(status->outputText(), QDir::toNativeSeparators(outputPath("run.h5")));
    QVERIFY2(m_panel->resultText().startsWith(QStringLiteral("Recorded ")), qPrintable(m_panel->resultText()));
    QVERIFY(child<ui::LiveView>("liveView")->hasImage());
    QVERIFY(!m_panel->isRecording());
    QTRY_VERIFY(record->isEnabled());
}

void tst_AcquisitionPanel::destroyingPanelFinishesRecording_data()
{
    QTest::addColumn<bool>("started");
    // Destroyed while recording, and while the recording is still being started (its file not yet created).
    QTest::newRow("recording") << true;
    QTest::newRow("starting") << false;
}

// Quitting the application while it records destroys the panel: the recording is stopped and its file
// finished (NAME.h5, complete) before the panel goes, without calling into the panel as it is destroyed.
void tst_AcquisitionPanel::destroyingPanelFinishesRecording()
{
    QFETCH(bool, started);
    QVERIFY(openPanel());
    setValidSession();
    auto *output = m_panel->findChild<ui::OutputBox *>();
    output->setFileName(QStringLiteral("quit"));
    output->setSeconds(0);  // until stopped: only destroying the panel ends it
    auto *record = child<QPushButton>("record");
    QTRY_VERIFY_WITH_TIMEOUT(record->isEnabled(), 20000);

    QSignalSpy recordingStarted(m_panel.get(), &ui::AcquisitionPanel::recordingStarted);
    record->click();
    QVERIFY(m_panel->isRecording());
    if (started) {
        QTRY_COMPARE_WITH_TIMEOUT(recordingStarted.count(), 1, 20000);
        const auto *status = child<ui::RecordingStatusView>("recordingStatus");
        QTRY_VERIFY_WITH_TIMEOUT(QLocale().toULongLong(status->framesText()) > 0, 20000);
    }
    m_panel.reset();

    const std::filesystem::path file = outputPath("quit.h5").toStdString();
    QVERIFY(std::filesystem::exists(file));
    QVERIFY(!std::filesystem::exists(outputPath("quit.h5.partial").toStdString()));
    const acq::RecordingCheck check = acq::checkRecording(file);
    QVERIFY2(check.ok(), check.summary.dump().c_str());
    QCOMPARE_JSON(check.summary["complete"], true);
    if (started)
        QVERIFY2(check.summary["frames"].get<qulonglong>() > 0, check.summary.dump().c_str());
}

// The panel locks the camera settings while recording; the camera control refuses on its own as well, so a
// request that gets past the lock cannot pull the camera from under the recording.
void tst_AcquisitionPanel::cameraIsNotChangedWhileRecording()
{
    QVERIFY(openPanel());
    setValidSession();
    auto *output = m_panel->findChild<ui::OutputBox *>();
    output->setFileName(QStringLiteral("locked"));
    output->setSeconds(0);
    auto *record = child<QPushButton>("record");
    QTRY_VERIFY_WITH_TIMEOUT(record->isEnabled(), 20000);
    auto *camera = m_panel->findChild<ui::CameraControl *>();
    QVERIFY(camera);
    const acq::CameraSettings settings = camera->settings();

    QSignalSpy recordingStarted(m_panel.get(), &ui::AcquisitionPanel::recordingStarted);
    record->click();
    QTRY_COMPARE_WITH_TIMEOUT(recordingStarted.count(), 1, 20000);
    QSignalSpy failed(camera, &ui::CameraControl::cameraFailed);
    acq::CameraSettings other = settings;
    other.width = settings.width / 2;
    camera->configure(other);
    camera->open(QStringLiteral("sim"), other);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 20000);
    for (const QList<QVariant> &arguments : failed)
        QVERIFY2(arguments.at(0).toString().contains(QStringLiteral("while a recording runs")),
                 qPrintable(arguments.at(0).toString()));
    QCOMPARE(camera->settings().width, settings.width);

    QSignalSpy finished(m_panel.get(), &ui::AcquisitionPanel::recordingFinished);
    m_panel->stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    const acq::RecordingCheck check = acq::checkRecording(outputPath("locked.h5").toStdString());
    QVERIFY2(check.ok(), check.summary.dump().c_str());
    QCOMPARE_JSON(check.summary["width"], settings.width);
}

void tst_AcquisitionPanel::invalidSessionDisablesRecord()
{
    QVERIFY(openPanel());
    auto *form = m_panel->findChild<ui::SchemaForm *>(QStringLiteral("sessionForm"));
    auto *record = child<QPushButton>("record");
    auto *blocked = child<QLabel>("recordBlocked");
    setValidSession();
    QTRY_VERIFY(record->isEnabled());

    form->setDocument({{"animal_id", ""}, {"operator", "test"}});
    QVERIFY(!record->isEnabled());
    QVERIFY(blocked->isVisible());
    QVERIFY2(blocked->text().contains(QStringLiteral("/animal_id")), qPrintable(blocked->text()));
    m_panel->record();
    QVERIFY(!m_panel->isRecording());

    setValidSession();
    QVERIFY(record->isEnabled());
    QVERIFY(!blocked->isVisible());
}

void tst_AcquisitionPanel::stalePartialIsOfferedAndRecovered()
{
    // A recording whose process dies: this test's executable, started again, records into the output folder
    // (initMain) and is killed once frames have been checkpointed.
    const std::filesystem::path target = outputPath("crashed.h5").toStdString();
    const std::filesystem::path partial = outputPath("crashed.h5.partial").toStdString();
    const std::string program = QFile::encodeName(QCoreApplication::applicationFilePath()).toStdString();
    std::vector<std::string> environment;
    for (char **variable = environ; *variable; ++variable)
        environment.emplace_back(*variable);
    environment.push_back(std::string(RecordTargetVariable) + "=" + target.string());
    std::vector<char *> envp;
    for (std::string &variable : environment)
        envp.push_back(variable.data());
    envp.push_back(nullptr);
    char *argv[] = {const_cast<char *>(program.c_str()), nullptr};
    KilledOnExit recorderProcess;
    QCOMPARE(::posix_spawn(&recorderProcess.pid, program.c_str(), nullptr, nullptr, argv, envp.data()), 0);

    std::uint64_t seen = 0;
    const bool checkpointed = QTest::qWaitFor(
        [&] {
            try {
                const h5::File reader = h5::File::open(partial, h5::Access::SwmrRead);
                seen = reader.root().dataset(acq::layout::FrameId).shape().at(0);
            } catch (const std::exception &) {
                // not created yet, or no checkpoint yet
            }
            return seen > 0;
        },
        30000);
    const int status = recorderProcess.kill();
    QVERIFY2(checkpointed, qPrintable(QStringLiteral("the killed recording never checkpointed a frame (wait status %1)")
                                      .arg(status)));
    QVERIFY(!std::filesystem::exists(target));

    QVERIFY(openPanel());
    auto *prompt = m_panel->findChild<ui::PartialRecoveryPrompt *>();
    const QString partialPath = outputPath("crashed.h5.partial");
    QTRY_COMPARE(prompt->partials(), QStringList{partialPath});
    QVERIFY(prompt->isVisible());

    QSignalSpy recovered(prompt, &ui::PartialRecoveryPrompt::recoveryFinished);
    child<QPushButton>("recover:crashed.h5.partial")->click();
    QTRY_COMPARE_WITH_TIMEOUT(recovered.count(), 1, 20000);
    QCOMPARE(recovered.at(0).at(2).toString(), QString());
    QVERIFY(std::filesystem::exists(target));
    const acq::RecordingCheck check = acq::checkRecording(target);
    QVERIFY2(check.ok(), check.summary.dump().c_str());
    QCOMPARE_JSON(check.summary["recovered"], true);
    QVERIFY(check.summary["frames"].get<std::uint64_t>() >= seen);
    QVERIFY2(prompt->resultText().startsWith(QStringLiteral("Recovered ")), qPrintable(prompt->resultText()));
    QVERIFY(prompt->partials().isEmpty());

    // Once recovered, the .partial is no longer offered.
    prompt->scan(m_output->path());
    QSignalSpy scanned(prompt, &ui::PartialRecoveryPrompt::scanned);
    QTRY_COMPARE(scanned.count(), 1);
    QVERIFY(prompt->partials().isEmpty());
}

void tst_AcquisitionPanel::mainWindowOpensPanel()
{
    ui::MainWindow window;
    window.show();
    auto *action = window.findChild<QAction *>(QStringLiteral("acquisitionAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    action->trigger();
    auto *panel = window.findChild<ui::AcquisitionPanel *>();
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    QCOMPARE(window.showAcquisitionPanel(), panel);
}

QTEST_MAIN(tst_AcquisitionPanel)
#include "tst_acquisitionpanel.moc"
