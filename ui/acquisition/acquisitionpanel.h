#pragma once

#include <QtCore/QFutureWatcher>
#include <QtCore/QTimer>
#include <QtWidgets/QWidget>

#include <cstdint>
#include <memory>
#include <optional>

class QLabel;
class QPushButton;

namespace acq {
class StimulusTimeline;
struct LiveFrame;
struct RecordingPlan;
}

namespace ui {

class CameraControl;
class CameraSettingsBox;
class LiveMapsFeed;
class LiveMapsView;
class LiveView;
class MessageBanner;
class OutputBox;
class PartialRecoveryPrompt;
class RecordingStatusView;
class SchemaForm;
class StimulusChoiceBox;
class StimulusPresenter;
struct LiveImage;

// Records camera frames while a stimulus plays. Left, what to record: the camera and its settings, the
// session metadata (the "session" schema; Record stays disabled while it is invalid, with the validator's
// message beside the button), the stimulus and where it is shown, the output file. Middle, the live view.
// Right, Record/Stop, the recording's status and, while a recording with a stimulus runs, its live maps
// (azimuth and altitude forming as the frames arrive; they stay until the next recording). Across the top, warnings from the recorder (dropped
// frames, an early stop) and the offer to recover recordings a crash left in the output folder.
//
// Record prepares the stimulus, then the camera control creates the file and starts the capture; the
// stimulus window (or schedule) starts with it. Stop, the planned duration or a failure end the recording;
// the file is finished off the UI thread and the outcome stays under the status: the complete file, or the
// error naming the .partial to recover.
class AcquisitionPanel : public QWidget {
    Q_OBJECT

public:
    explicit AcquisitionPanel(QWidget *parent = nullptr);
    // A running recording is stopped and its file finished before the panel goes.
    ~AcquisitionPanel() override;

    void record();
    void stop();
    bool isRecording() const;
    // The outcome of the last recording: the complete file and its numbers, or why it is not complete.
    QString resultText() const;

Q_SIGNALS:
    void recordingStarted();
    // The recording is over and its file closed; resultText() says how it went.
    void recordingFinished();

private:
    enum class Phase { Idle, PreparingStimulus, Starting, Recording, Stopping };

    void updateControls();
    void outputFolderChanged(const QString &folder);
    void stimulusChanged();
    void startCapture();
    void captureStarted();
    void captureFailedToStart(const QString &message);
    void pollStatus();
    void pollLiveFrame();
    void captureFinished();
    void showResult(const QString &text, bool good);
    void showPlannedOutput();

    Phase m_phase = Phase::Idle;
    std::unique_ptr<acq::RecordingPlan> m_plan;
    std::shared_ptr<acq::LiveFrame> m_liveFrame;  // the live-view worker's buffer, reused frame to frame
    QFutureWatcher<std::optional<LiveImage>> *m_rendering = nullptr;
    QFutureWatcher<std::optional<std::uint64_t>> *m_diskFree = nullptr;
    std::optional<std::uint64_t> m_freeBytes;  // in the output folder, when it could be asked
    // The stimulus of the recording being started, for its live maps.
    std::shared_ptr<const acq::StimulusTimeline> m_liveMapsTimeline;
    QTimer m_statusTimer;
    QTimer m_liveTimer;

    CameraControl *m_camera = nullptr;
    StimulusPresenter *m_presenter = nullptr;
    MessageBanner *m_banner = nullptr;
    PartialRecoveryPrompt *m_recovery = nullptr;
    CameraSettingsBox *m_cameraBox = nullptr;
    SchemaForm *m_session = nullptr;
    StimulusChoiceBox *m_stimulus = nullptr;
    OutputBox *m_output = nullptr;
    LiveView *m_live = nullptr;
    LiveMapsFeed *m_liveMapsFeed = nullptr;
    LiveMapsView *m_liveMaps = nullptr;
    QPushButton *m_record = nullptr;
    QPushButton *m_stop = nullptr;
    QLabel *m_validation = nullptr;
    RecordingStatusView *m_status = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace ui
