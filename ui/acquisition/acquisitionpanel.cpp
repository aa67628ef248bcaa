#include "ui/acquisition/acquisitionpanel.h"

#include "ui/acquisition/cameracontrol.h"
#include "ui/acquisition/camerasettingsbox.h"
#include "ui/acquisition/liveimage.h"
#include "ui/acquisition/livemapsfeed.h"
#include "ui/acquisition/livemapsview.h"
#include "ui/acquisition/liveview.h"
#include "ui/acquisition/outputbox.h"
#include "ui/acquisition/partialrecoveryprompt.h"
#include "ui/acquisition/recordingstatusview.h"
#include "ui/acquisition/stimuluschoicebox.h"
#include "ui/acquisition/stimuluspresenter.h"
#include "ui/params/schemaform.h"
#include "ui/shell/messagebanner.h"

#include "core/acquisition/recorder.h"
#include "core/params/jsonschema.h"

#include <nlohmann/json.hpp>

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QLocale>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStyle>

#include <filesystem>

namespace ui {

namespace {

constexpr auto StatusInterval = std::chrono::milliseconds(250);
constexpr auto LiveInterval = std::chrono::milliseconds(50);
// Recording runs on past the stimulus's last row: the haemodynamic response lags it by seconds, and a
// displayed stimulus first spends about two seconds checking the monitor's refresh.
constexpr double StimulusMarginSeconds = 5;

QGroupBox *group(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

// The disk's free bytes, or nothing when the folder (or its nearest existing parent) cannot be asked.
std::optional<std::uint64_t> freeBytesFor(const QString &folder)
{
    std::filesystem::path path(folder.toStdString());
    while (!path.empty() && !std::filesystem::exists(path) && path != path.parent_path())
        path = path.parent_path();
    try {
        return acq::freeDiskBytes(path / "probe");
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

} // namespace

AcquisitionPanel::AcquisitionPanel(QWidget *parent)
    : QWidget(parent), m_liveFrame(std::make_shared<acq::LiveFrame>())
{
    setObjectName(QStringLiteral("acquisitionPanel"));
    setWindowTitle(tr("Acquisition — Macroscope"));
    m_camera = new CameraControl(this);
    m_presenter = new StimulusPresenter(this);
    m_rendering = new QFutureWatcher<std::optional<LiveImage>>(this);
    m_diskFree = new QFutureWatcher<std::optional<std::uint64_t>>(this);

    m_banner = new MessageBanner(this);
    m_recovery = new PartialRecoveryPrompt(this);
    m_cameraBox = new CameraSettingsBox(this);
    m_session = new SchemaForm("session", this);
    m_session->setObjectName(QStringLiteral("sessionForm"));
    if (const QString user = qEnvironmentVariable("USER"); !user.isEmpty())
        m_session->setDocument({{"operator", user.toStdString()}});
    m_stimulus = new StimulusChoiceBox(this);
    m_output = new OutputBox(this);
    m_live = new LiveView(this);
    m_liveMapsFeed = new LiveMapsFeed(
        [camera = m_camera](acq::LiveFrame &frame) { return camera->takeLiveFrame(frame); }, this);
    m_liveMaps = new LiveMapsView(this);
    m_liveMaps->hide();

    m_record = new QPushButton(tr("● Record"), this);
    m_record->setObjectName(QStringLiteral("record"));
    m_record->setStyleSheet(QStringLiteral("QPushButton { font-weight: bold; padding: 8px 18px; }"
                                           "QPushButton:enabled { color: #b3261e; }"));
    m_stop = new QPushButton(tr("■ Stop"), this);
    m_stop->setObjectName(QStringLiteral("stop"));
    m_stop->setStyleSheet(QStringLiteral("QPushButton { font-weight: bold; padding: 8px 18px; }"));
    m_validation = new QLabel(this);
    m_validation->setObjectName(QStringLiteral("recordBlocked"));
    m_validation->setWordWrap(true);
    m_validation->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_status = new RecordingStatusView(this);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("recordingResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *settings = new QWidget;
    auto *settingsLayout = new QVBoxLayout(settings);
    settingsLayout->setContentsMargins(0, 0, 4, 0);
    settingsLayout->addWidget(m_cameraBox);
    settingsLayout->addWidget(group(tr("Session"), m_session, settings));
    settingsLayout->addWidget(m_stimulus);
    settingsLayout->addWidget(m_output);
    settingsLayout->addStretch(1);
    auto *settingsScroll = new QScrollArea(this);
    settingsScroll->setWidget(settings);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Wide enough for every field: the column scrolls vertically only.
    settingsScroll->setMinimumWidth(settings->minimumSizeHint().width() +
                                    settingsScroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 8);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_record, 1);
    buttons->addWidget(m_stop, 1);
    auto *controls = new QWidget(this);
    auto *controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    controlsLayout->addLayout(buttons);
    controlsLayout->addWidget(m_validation);
    controlsLayout->addWidget(m_status);
    controlsLayout->addWidget(m_result);
    controlsLayout->addWidget(m_liveMaps);
    controlsLayout->addStretch(1);
    controls->setMinimumWidth(380);

    auto *columns = new QSplitter(Qt::Horizontal, this);
    columns->addWidget(settingsScroll);
    columns->addWidget(group(tr("Live view"), m_live, columns));
    columns->addWidget(controls);
    columns->setStretchFactor(0, 0);
    columns->setStretchFactor(1, 1);
    columns->setStretchFactor(2, 0);
    columns->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_banner);
    layout->addWidget(m_recovery);
    layout->addWidget(columns, 1);

    m_statusTimer.setInterval(StatusInterval);
    m_liveTimer.setInterval(LiveInterval);
    connect(&m_statusTimer, &QTimer::timeout, this, &AcquisitionPanel::pollStatus);
    connect(&m_liveTimer, &QTimer::timeout, this, &AcquisitionPanel::pollLiveFrame);
    connect(m_rendering, &QFutureWatcher<std::optional<LiveImage>>::finished, this, [this] {
        if (const std::optional<LiveImage> image = m_rendering->result())
            m_live->setImage(*image);
    });
    connect(m_liveMapsFeed, &LiveMapsFeed::mapsUpdated, this,
            [this] { m_liveMaps->showMaps(m_liveMapsFeed->maps(), m_liveMapsFeed->framesUsed()); });
    connect(m_diskFree, &QFutureWatcher<std::optional<std::uint64_t>>::finished, this, [this] {
        m_freeBytes = m_diskFree->result();
        showPlannedOutput();
    });

    connect(m_record, &QPushButton::clicked, this, &AcquisitionPanel::record);
    connect(m_stop, &QPushButton::clicked, this, &AcquisitionPanel::stop);
    connect(m_session, &SchemaForm::documentChanged, this, [this] {
        updateControls();
        showPlannedOutput();
    });
    connect(m_output, &OutputBox::folderChanged, this, &AcquisitionPanel::outputFolderChanged);
    connect(m_output, &OutputBox::changed, this, &AcquisitionPanel::showPlannedOutput);
    connect(m_stimulus, &StimulusChoiceBox::choiceChanged, this, &AcquisitionPanel::stimulusChanged);

    connect(m_cameraBox, &CameraSettingsBox::cameraChosen, this, [this](const QString &spec) {
        m_cameraBox->showError({});
        m_live->setMessage(tr("Opening %1…").arg(spec));
        m_camera->open(spec, m_cameraBox->requestedSettings());
    });
    connect(m_cameraBox, &CameraSettingsBox::applyRequested, this, [this] {
        m_cameraBox->showError({});
        m_camera->configure(m_cameraBox->requestedSettings());
    });
    connect(m_camera, &CameraControl::cameraReady, this, [this] {
        if (m_camera->description())
            m_cameraBox->showCamera(*m_camera->description(), m_camera->settings());
        updateControls();
    });
    connect(m_camera, &CameraControl::cameraFailed, this, [this](const QString &message) {
        m_cameraBox->showError(message);
        if (!m_camera->description())
            m_live->setMessage(message);
        updateControls();
    });
    connect(m_camera, &CameraControl::busyChanged, this, &AcquisitionPanel::updateControls);
    connect(m_camera, &CameraControl::warning, m_banner, &MessageBanner::showMessage);
    connect(m_camera, &CameraControl::recordingStarted, this, &AcquisitionPanel::captureStarted);
    connect(m_camera, &CameraControl::recordingFailedToStart, this, &AcquisitionPanel::captureFailedToStart);
    connect(m_camera, &CameraControl::recordingFinished, this, &AcquisitionPanel::captureFinished);

    connect(m_presenter, &StimulusPresenter::prepared, this, &AcquisitionPanel::startCapture);
    connect(m_presenter, &StimulusPresenter::preparationFailed, this, &AcquisitionPanel::captureFailedToStart);
    connect(m_presenter, &StimulusPresenter::presentationFailed, this, [this](const QString &message) {
        // Frames without the stimulus they were meant for are not the experiment: the recording stops.
        m_banner->showMessage(tr("The stimulus failed, so the recording was stopped: %1").arg(message));
        stop();
    });
    connect(m_presenter, &StimulusPresenter::presentationFinished, this,
            [this](const QString &summary) { m_result->setText(summary); });

    m_live->setMessage(tr("Opening the simulated camera…"));
    m_camera->open(m_cameraBox->cameraSpec(), m_cameraBox->requestedSettings());
    m_liveTimer.start();
    outputFolderChanged(m_output->folder());
    updateControls();
}

AcquisitionPanel::~AcquisitionPanel()
{
    m_presenter->stop();
    // The live-view and live-maps jobs read from the camera control, which goes next.
    m_rendering->waitForFinished();
    m_liveMapsFeed->disconnect(this);
    m_liveMapsFeed->stop();
    m_diskFree->waitForFinished();
    // The control's destructor stops a running recording and waits for its file to be finished, emitting
    // busyChanged() on the way. Left to ~QWidget, which deletes the children after this destructor has run,
    // that would call updateControls() on a half-destroyed panel; so the control is cut off from this panel
    // and deleted while the panel is still whole.
    m_camera->disconnect(this);
    delete m_camera;
}

void AcquisitionPanel::record()
{
    if (!m_record->isEnabled())
        return;
    const nlohmann::json &session = m_session->document();
    m_plan = std::make_unique<acq::RecordingPlan>();
    m_plan->target = m_output->targetFor(QString::fromStdString(session.value("animal_id", std::string())),
                                         QDateTime::currentDateTime())
                         .toStdString();
    m_plan->compression = m_output->compression();
    m_plan->seconds = m_output->seconds();
    m_plan->session = session;
    m_banner->dismiss();
    m_result->clear();
    try {
        std::filesystem::create_directories(m_plan->target.parent_path());
    } catch (const std::exception &error) {
        captureFailedToStart(QString::fromUtf8(error.what()));
        return;
    }
    if (const auto stimulus = m_stimulus->stimulus()) {
        m_phase = Phase::PreparingStimulus;
        m_presenter->prepare(stimulus->path, m_stimulus->screenName());
    } else {
        startCapture();
    }
    updateControls();
}

bool AcquisitionPanel::isRecording() const
{
    return m_phase != Phase::Idle;
}

QString AcquisitionPanel::resultText() const
{
    return m_result->text();
}

void AcquisitionPanel::startCapture()
{
    m_liveMapsTimeline.reset();
    if (m_stimulus->stimulus()) {
        m_plan->stimulus = m_presenter->recordingStimulus();
        m_liveMapsTimeline = m_plan->stimulus->timeline;
    }
    m_phase = Phase::Starting;
    m_camera->startRecording(std::move(*m_plan));
    m_plan.reset();
    updateControls();
}

void AcquisitionPanel::captureStarted()
{
    m_phase = Phase::Recording;
    m_presenter->start();
    if (m_liveMapsTimeline) {
        m_liveMaps->setMessage(tr("Forming once both sweep directions of an axis have been shown…"));
        m_liveMaps->show();
        m_liveMapsFeed->start(m_liveMapsTimeline);
    } else {
        m_liveMaps->hide();
    }
    m_statusTimer.start();
    pollStatus();
    updateControls();
    Q_EMIT recordingStarted();
}

void AcquisitionPanel::captureFailedToStart(const QString &message)
{
    m_phase = Phase::Idle;
    m_plan.reset();
    showResult(message, false);
    m_banner->showMessage(message);
    updateControls();
}

void AcquisitionPanel::stop()
{
    m_presenter->stop();
    if (m_phase != Phase::Recording)
        return;
    m_phase = Phase::Stopping;
    m_camera->stopRecording();
    updateControls();
}

void AcquisitionPanel::pollStatus()
{
    const std::optional<acq::RecorderStatus> status = m_camera->recorderStatus();
    if (!status)
        return;
    m_status->showStatus(*status);
    using State = acq::RecorderStatus::State;
    if (m_phase == Phase::Recording && (status->state == State::Finished || status->state == State::Failed))
        stop();
}

void AcquisitionPanel::pollLiveFrame()
{
    // A frame still being rendered means the machine is busy: this tick is skipped rather than queued.
    if (m_rendering->isRunning() || !m_camera->description())
        return;
    const int bitDepth = m_camera->description()->bitDepth;
    m_rendering->setFuture(QtConcurrent::run(
        [camera = m_camera, frame = m_liveFrame, bitDepth]() -> std::optional<LiveImage> {
            if (!camera->takeLiveFrame(*frame))
                return std::nullopt;
            return renderLiveImage(*frame, bitDepth);
        }));
}

void AcquisitionPanel::captureFinished()
{
    m_statusTimer.stop();
    m_liveMapsFeed->stop();
    m_presenter->stop();
    m_phase = Phase::Idle;
    const acq::RecorderStatus &status = m_camera->lastStatus();
    const nlohmann::json &summary = m_camera->lastSummary();
    m_status->showStatus(status);
    if (summary.value("complete", false)) {
        const QLocale locale;
        showResult(tr("Recorded %1: %2 frames, %3 dropped, %4 s (%5).")
                       .arg(QDir::toNativeSeparators(QString::fromStdString(summary.value("path", std::string()))),
                            locale.toString(summary.value("frames", qulonglong(0))),
                            locale.toString(summary.value("dropped", qulonglong(0))),
                            locale.toString(summary.value("seconds", 0.0), 'f', 1),
                            QString::fromStdString(summary.value("stop_reason", std::string()))),
                   true);
    } else {
        const QString error = QString::fromStdString(summary.value("error", std::string("the recording failed")));
        showResult(error, false);
        m_banner->showMessage(error);
    }
    // A failed recording leaves its .partial: it is offered for recovery like any other.
    m_recovery->scan(m_output->folder());
    updateControls();
    Q_EMIT recordingFinished();
}

void AcquisitionPanel::showResult(const QString &text, bool good)
{
    m_result->setText(text);
    m_result->setStyleSheet(good ? QStringLiteral("QLabel { color: #1b7f3b; }")
                                 : QStringLiteral("QLabel { color: #b3261e; }"));
}

void AcquisitionPanel::outputFolderChanged(const QString &folder)
{
    m_recovery->scan(folder);
    m_diskFree->waitForFinished();
    m_diskFree->setFuture(QtConcurrent::run(&freeBytesFor, folder));
}

void AcquisitionPanel::showPlannedOutput()
{
    if (m_phase != Phase::Idle)
        return;
    const QString animal = QString::fromStdString(m_session->document().value("animal_id", std::string()));
    m_status->showPlanned(m_output->targetFor(animal, QDateTime::currentDateTime()), m_freeBytes);
}

void AcquisitionPanel::stimulusChanged()
{
    if (const auto stimulus = m_stimulus->stimulus())
        m_output->setSeconds(stimulus->seconds + StimulusMarginSeconds);
    updateControls();
}

void AcquisitionPanel::updateControls()
{
    const bool idle = m_phase == Phase::Idle;
    QString blocked;
    if (!m_session->isValid()) {
        QStringList issues;
        for (const params::ValidationIssue &issue : m_session->issues())
            issues << QString::fromStdString(issue.text());
        blocked = tr("Session metadata: %1").arg(issues.join(QStringLiteral("; ")));
    } else if (!m_camera->description()) {
        blocked = tr("No camera is open.");
    }
    m_validation->setText(blocked);
    m_validation->setVisible(!blocked.isEmpty() && idle);
    m_record->setEnabled(idle && blocked.isEmpty() && !m_camera->isBusy());
    m_stop->setEnabled(m_phase == Phase::Recording);
    m_cameraBox->setLocked(!idle);
    m_session->setEnabled(idle);
    m_stimulus->setLocked(!idle);
    m_output->setLocked(!idle);
}

} // namespace ui
