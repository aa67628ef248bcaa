#include "hardware/cli/recordingsession.h"

#include "core/acquisition/stimulustimeline.h"
#include "core/stimulus/stimulusfile.h"
#include "core/stimulus/stimuluslibrary.h"

#include <QtCore/QCommandLineParser>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <iomanip>
#include <mutex>
#include <ostream>
#include <thread>

namespace cli {

namespace {

std::atomic<bool> interrupted{false};

void printProgress(const acq::RecorderStatus &status, std::ostream &err)
{
    err << "\r" << status.framesWritten << " frames, " << std::fixed << std::setprecision(1)
        << status.elapsedSeconds << " s, buffer " << status.bufferFill << "/" << status.bufferCapacity
        << (status.framesDropped ? ", DROPPED " + std::to_string(status.framesDropped) : std::string()) << "   "
        << std::flush;
}

} // namespace

const QCommandLineOption &stimulusLibraryOption()
{
    static const QCommandLineOption option(QStringLiteral("library"),
                                           QStringLiteral("The stimulus library folder (default: "
                                                          "$MACROSCOPE_STIMULUS_LIBRARY, else the per-user data folder)."),
                                           QStringLiteral("DIR"));
    return option;
}

std::filesystem::path stimulusLibraryFolder(const QCommandLineParser &parser)
{
    return parser.isSet(stimulusLibraryOption()) ? std::filesystem::path(parser.value(stimulusLibraryOption()).toStdString())
                                                 : stimulus::StimulusLibrary::defaultLocation();
}

acq::RecordingStimulus obtainStimulus(const stimulus::StimulusParameters &parameters,
                                      const std::filesystem::path &library, Output &output)
{
    stimulus::StimulusLibrary store(library);
    const auto obtained = store.obtain(parameters);
    for (const auto &line : obtained.repaired)
        output.err << "warning: " << line << "\n";
    const stimulus::StimulusFile file(obtained.path);
    return acq::RecordingStimulus{
        obtained.path, std::make_shared<acq::StimulusTimeline>(obtained.sha256, file.displayRows(),
                                                               parameters.monitor.refreshHz,
                                                               acq::StimulusTimeline::Source::Schedule)};
}

void setFrameRate(acq::CameraSettings &settings, double frameRateHz)
{
    settings.frameRateHz = frameRateHz;
    settings.exposureUs = std::min(settings.exposureUs, std::floor(1e6 / frameRateHz));
}

nlohmann::json runRecorder(acq::Camera &camera, acq::RecordingPlan plan, bool progress, Output &output)
{
    std::mutex errMutex;
    plan.warning = [&](const std::string &message) {
        const std::lock_guard lock(errMutex);
        output.err << "\nwarning: " << message << "\n";
    };
    const auto timeline = plan.stimulus ? plan.stimulus->timeline : nullptr;
    acq::Recorder recorder(camera, std::move(plan));
    // Ctrl-C ends the recording as the operator's stop: the file is finished, not abandoned.
    interrupted = false;
    const auto previousHandler = std::signal(SIGINT, [](int) { interrupted = true; });
    if (timeline)
        std::const_pointer_cast<acq::StimulusTimeline>(timeline)->presentOnSchedule(acq::hostNowNs());
    recorder.start();
    const bool showProgress = progress && cli::standardErrorIsTerminal();
    for (;;) {
        const acq::RecorderStatus status = recorder.status();
        if (status.state == acq::RecorderStatus::State::Finished || status.state == acq::RecorderStatus::State::Failed)
            break;
        if (interrupted)
            recorder.requestStop();
        if (showProgress) {
            const std::lock_guard lock(errMutex);
            printProgress(status, output.err);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    recorder.wait();
    std::signal(SIGINT, previousHandler);
    if (showProgress)
        output.err << "\n";
    return recorder.summary();
}

bool endedAsPlanned(const nlohmann::json &summary, Output &output)
{
    if (summary.contains("error")) {
        output.err << summary["error"].get<std::string>() << "\n";
        return false;
    }
    // A complete file that ended before its plan (the camera failed, the disk filled) is still a failure
    // for a script that asked for N frames; the file keeps every frame it got.
    const std::string reason = summary["stop_reason"].get<std::string>();
    for (const char *planned : {"planned frames reached", "planned duration reached", "stopped by the operator",
                                "the camera's source ended"})
        if (reason == planned)
            return true;
    output.err << summary["path"].get<std::string>() << ": the recording ended early: " << reason << "\n";
    return false;
}

} // namespace cli
