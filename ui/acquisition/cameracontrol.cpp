#include "ui/acquisition/cameracontrol.h"

#include "core/acquisition/recorder.h"
#include "core/acquisition/stimulustimeline.h"
#include "core/error.h"
#include "hardware/camera/opencamera.h"

#include <nlohmann/json.hpp>

#include <QtCore/QThreadPool>

#include <chrono>
#include <mutex>
#include <thread>

namespace ui {

namespace {

// The preview is for the operator's eye: a copy every 50 ms is as smooth as the live view redraws.
constexpr auto PreviewCopyInterval = std::chrono::milliseconds(50);
// How long a preview grab may wait: bounds the time a job waits for the preview to stop.
constexpr auto PreviewGrabTimeout = std::chrono::milliseconds(100);

QString text(const std::exception &error)
{
    return QString::fromUtf8(error.what());
}

} // namespace

struct CameraControl::Private {
    QThreadPool jobs;

    // Touched by jobs only (one at a time), and by the preview thread between its start and stop.
    std::unique_ptr<acq::Camera> camera;
    std::string spec;
    std::shared_ptr<const acq::StimulusTimeline> cameraStimulus;  // what the simulated camera was opened with
    std::jthread preview;

    // Shared with the UI thread and the preview thread.
    mutable std::mutex mutex;
    acq::LiveFrame previewFrame;
    std::shared_ptr<acq::Recorder> recorder;

    // UI thread.
    nlohmann::json summary;
    acq::RecorderStatus finalStatus;

    // Whether a recording holds the camera: set and cleared by jobs only, so a job sees it settled.
    bool recording() const;
    void startPreview(CameraControl *control);
    void stopPreview();
    void previewLoop(const std::stop_token &stop, CameraControl *control);
};

bool CameraControl::Private::recording() const
{
    const std::lock_guard lock(mutex);
    return recorder != nullptr;
}

void CameraControl::Private::startPreview(CameraControl *control)
{
    if (camera)
        preview = std::jthread([this, control](std::stop_token stop) { previewLoop(stop, control); });
}

void CameraControl::Private::stopPreview()
{
    if (preview.joinable()) {
        preview.request_stop();
        preview.join();
    }
}

void CameraControl::Private::previewLoop(const std::stop_token &stop, CameraControl *control)
{
    try {
        camera->start();
        const acq::CameraSettings applied = camera->settings();
        std::vector<std::uint16_t> pixels(std::size_t(applied.width) * std::size_t(applied.height));
        auto lastCopy = std::chrono::steady_clock::time_point();
        while (!stop.stop_requested()) {
            const std::optional<acq::FrameInfo> info = camera->grab(pixels, PreviewGrabTimeout);
            const auto now = std::chrono::steady_clock::now();
            if (!info || now - lastCopy < PreviewCopyInterval)
                continue;
            lastCopy = now;
            const std::lock_guard lock(mutex);
            previewFrame.info = *info;
            previewFrame.width = applied.width;
            previewFrame.height = applied.height;
            previewFrame.pixels.assign(pixels.begin(), pixels.end());
            ++previewFrame.sequence;
        }
        camera->stop();
    } catch (const std::exception &error) {
        try {
            camera->stop();
        } catch (const std::exception &) {
            // The failure that matters is the one being reported.
        }
        control->post([control, message = text(error)] { Q_EMIT control->cameraFailed(message); });
    }
}

CameraControl::CameraControl(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->jobs.setMaxThreadCount(1);
    d->jobs.setObjectName(QStringLiteral("camera"));
}

CameraControl::~CameraControl()
{
    if (recorderStatus())
        stopRecording();
    d->jobs.waitForDone();
    d->stopPreview();
    d->recorder.reset();
    d->camera.reset();
}

template <typename Job>
void CameraControl::submit(Job job)
{
    if (m_pendingJobs++ == 0)
        Q_EMIT busyChanged();
    d->jobs.start([this, job = std::move(job)]() mutable {
        job();
        post([this] {
            if (--m_pendingJobs == 0)
                Q_EMIT busyChanged();
        });
    });
}

template <typename Result>
void CameraControl::post(Result result)
{
    // Queued to this object: dropped, not run, if the control is gone (its destructor waits for the jobs).
    QMetaObject::invokeMethod(this, std::move(result), Qt::QueuedConnection);
}

void CameraControl::open(const QString &spec, const acq::CameraSettings &settings)
{
    submit([this, spec = spec.toStdString(), settings] {
        // The Recorder uses the camera until it is collected: reopening it underneath would pull it from the
        // capture thread. The panel locks the camera settings meanwhile, but a job asked for before the lock
        // (or by another caller) still gets here, so the refusal is made where the camera is touched.
        if (d->recording()) {
            post([this] {
                Q_EMIT cameraFailed(tr("The camera cannot be changed while a recording runs: stop the recording "
                                       "first."));
            });
            return;
        }
        d->stopPreview();
        try {
            d->camera.reset();
            d->camera = hw::openCamera(spec);
            d->spec = spec;
            d->cameraStimulus.reset();
        } catch (const std::exception &error) {
            post([this, message = text(error)] {
                m_description.reset();
                Q_EMIT cameraFailed(message);
            });
            return;
        }
        try {
            d->camera->configure(settings);
        } catch (const std::exception &error) {
            post([this, message = text(error)] { Q_EMIT cameraFailed(message); });
        }
        const acq::CameraDescription description = d->camera->description();
        const acq::CameraSettings applied = d->camera->settings();
        d->startPreview(this);
        post([this, description, applied] {
            m_description = description;
            m_settings = applied;
            Q_EMIT cameraReady();
        });
    });
}

void CameraControl::configure(const acq::CameraSettings &settings)
{
    submit([this, settings] {
        if (!d->camera)
            return;
        // As in open(): reconfiguring the camera would change it under the running capture.
        if (d->recording()) {
            post([this] {
                Q_EMIT cameraFailed(tr("The camera settings cannot be changed while a recording runs: stop "
                                       "the recording first."));
            });
            return;
        }
        d->stopPreview();
        try {
            d->camera->configure(settings);
        } catch (const std::exception &error) {
            post([this, message = text(error)] { Q_EMIT cameraFailed(message); });
        }
        const acq::CameraSettings applied = d->camera->settings();
        d->startPreview(this);
        post([this, applied] {
            m_settings = applied;
            Q_EMIT cameraReady();
        });
    });
}

void CameraControl::startRecording(acq::RecordingPlan plan)
{
    m_recording = true;
    m_stopRequested = false;
    // Called on the capture or writer thread; must not block.
    plan.warning = [this](const std::string &message) {
        post([this, message = QString::fromStdString(message)] { Q_EMIT warning(message); });
    };
    submit([this, plan = std::move(plan)]() mutable {
        d->stopPreview();
        try {
            const auto timeline = plan.stimulus ? plan.stimulus->timeline : nullptr;
            if (d->camera && d->spec == "sim" && timeline != d->cameraStimulus) {
                const acq::CameraSettings settings = d->camera->settings();
                d->camera.reset();
                d->camera = hw::openCamera(d->spec, hw::CameraOpenOptions{.stimulus = timeline});
                d->cameraStimulus = timeline;
                d->camera->configure(settings);
            }
            if (!d->camera)
                throw core::Error("no camera is open");
            auto recorder = std::make_shared<acq::Recorder>(*d->camera, std::move(plan));
            if (timeline && timeline->source() == acq::StimulusTimeline::Source::Schedule)
                std::const_pointer_cast<acq::StimulusTimeline>(timeline)->presentOnSchedule(acq::hostNowNs());
            recorder->start();
            {
                const std::lock_guard lock(d->mutex);
                d->recorder = std::move(recorder);
            }
            post([this] { Q_EMIT recordingStarted(); });
        } catch (const std::exception &error) {
            d->startPreview(this);
            post([this, message = text(error)] {
                m_recording = false;
                Q_EMIT recordingFailedToStart(message);
            });
        }
    });
}

void CameraControl::stopRecording()
{
    std::shared_ptr<acq::Recorder> recorder;
    {
        const std::lock_guard lock(d->mutex);
        recorder = d->recorder;
    }
    if (!recorder || m_stopRequested)
        return;
    m_stopRequested = true;
    recorder->requestStop();
    submit([this] {
        std::shared_ptr<acq::Recorder> recorder;
        {
            const std::lock_guard lock(d->mutex);
            recorder = std::move(d->recorder);
        }
        // Waits for the last frames to be written and the file to be renamed (or left as .partial).
        recorder->wait();
        nlohmann::json summary = recorder->summary();
        acq::RecorderStatus status = recorder->status();
        recorder.reset();
        d->startPreview(this);
        post([this, summary = std::move(summary), status = std::move(status)] {
            d->summary = summary;
            d->finalStatus = status;
            m_recording = false;
            Q_EMIT recordingFinished();
        });
    });
}

const nlohmann::json &CameraControl::lastSummary() const
{
    return d->summary;
}

const acq::RecorderStatus &CameraControl::lastStatus() const
{
    return d->finalStatus;
}

bool CameraControl::takeLiveFrame(acq::LiveFrame &frame) const
{
    const std::lock_guard lock(d->mutex);
    if (d->recorder)
        return d->recorder->takeLiveFrame(frame);
    if (d->previewFrame.sequence == frame.sequence)
        return false;
    frame = d->previewFrame;
    return true;
}

std::optional<acq::RecorderStatus> CameraControl::recorderStatus() const
{
    const std::lock_guard lock(d->mutex);
    if (!d->recorder)
        return std::nullopt;
    return d->recorder->status();
}

} // namespace ui
