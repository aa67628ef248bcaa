#pragma once

#include "core/acquisition/camera.h"

#include <nlohmann/json_fwd.hpp>

#include <QtCore/QObject>

#include <memory>
#include <optional>

namespace acq {
struct LiveFrame;
struct RecorderStatus;
struct RecordingPlan;
}

namespace ui {

// The panel's camera and its recording. acq::Camera may be used by one thread at a time, and opening,
// configuring, creating a recording file and waiting for one to finish can each take long, so every such
// operation is a job on one private worker thread, run in the order asked. Between jobs, while no recording
// runs, a preview thread grabs frames for the live view; a job that needs the camera stops it first and the
// job restarts it. Outcomes arrive as signals on the UI thread; the methods are called on the UI thread,
// except takeLiveFrame() and recorderStatus(), which any thread may call.
class CameraControl : public QObject {
    Q_OBJECT

public:
    explicit CameraControl(QObject *parent = nullptr);
    // Stops the preview; a recording still running is asked to stop and waited for, so that its file is
    // finished rather than abandoned.
    ~CameraControl() override;

    // Opens the camera `spec` names (hw::openCamera), applies `settings` and starts the preview. Both are
    // refused with cameraFailed() while a recording holds the camera (from its start until it is collected).
    void open(const QString &spec, const acq::CameraSettings &settings);
    void configure(const acq::CameraSettings &settings);

    // Creates the recording file (acq::Recorder) and starts it. A simulated camera is first reopened with
    // the plan's stimulus timeline, so that its cortex responds to what is shown; a timeline of source
    // Schedule is started in the same instant as the capture. plan.warning is set here: warnings arrive
    // through warning().
    void startRecording(acq::RecordingPlan plan);
    // Asks the recording to stop; recordingFinished() follows once the file is closed and renamed. Also how
    // a recording that ended by itself (planned duration, full disk, camera failure) is collected.
    void stopRecording();

    bool isRecording() const { return m_recording; }
    // True while jobs are queued or running: the camera cannot take new settings or a recording meanwhile.
    bool isBusy() const { return m_pendingJobs > 0; }
    const std::optional<acq::CameraDescription> &description() const { return m_description; }
    const acq::CameraSettings &settings() const { return m_settings; }
    // The last finished recording's summary (Recorder::summary()) and final status.
    const nlohmann::json &lastSummary() const;
    const acq::RecorderStatus &lastStatus() const;

    // Copies the newest frame (the recording's, else the preview's) into `frame` if it differs from
    // frame.sequence. Any thread.
    bool takeLiveFrame(acq::LiveFrame &frame) const;
    // The running recording's status; nothing while none runs. Any thread.
    std::optional<acq::RecorderStatus> recorderStatus() const;

Q_SIGNALS:
    // The camera is open with description() and settings() (those it applied, which may differ from those
    // asked for).
    void cameraReady();
    // Opening, configuring or grabbing failed; the message is the core::Error text.
    void cameraFailed(const QString &message);
    void busyChanged();
    void recordingStarted();
    void recordingFailedToStart(const QString &message);
    void recordingFinished();
    // From the Recorder: frames are being dropped, or the recording stopped early.
    void warning(const QString &message);

private:
    struct Private;

    template <typename Job>
    void submit(Job job);
    template <typename Result>
    void post(Result result);

    std::unique_ptr<Private> d;
    int m_pendingJobs = 0;
    bool m_recording = false;
    bool m_stopRequested = false;
    std::optional<acq::CameraDescription> m_description;
    acq::CameraSettings m_settings;
};

} // namespace ui
