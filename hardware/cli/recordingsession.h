#pragma once

#include "core/acquisition/recorder.h"
#include "core/cli/command.h"
#include "core/stimulus/stimulusparameters.h"

#include <nlohmann/json.hpp>

#include <QtCore/QCommandLineOption>

#include <filesystem>

// What `record` and `demo` share: a stimulus from the library played on its schedule, and a recording run to
// its end with progress on stderr and Ctrl-C as the operator's stop.
namespace cli {

// --library DIR, and the folder it names (default: $MACROSCOPE_STIMULUS_LIBRARY, else the per-user one).
const QCommandLineOption &stimulusLibraryOption();
std::filesystem::path stimulusLibraryFolder(const QCommandLineParser &parser);

// The stimulus from the library in `library` (generated there if missing), as a timeline played on schedule.
acq::RecordingStimulus obtainStimulus(const stimulus::StimulusParameters &parameters,
                                      const std::filesystem::path &library, Output &output);

// Sets the frame rate; a faster rate than the exposure allows is what the operator asked for, so the
// exposure gives way.
void setFrameRate(acq::CameraSettings &settings, double frameRateHz);

// Records with `camera` (configured) until the plan ends, starting the stimulus schedule with the recording.
// Progress goes to output.err when `progress` and stderr is a terminal. Returns Recorder::summary().
nlohmann::json runRecorder(acq::Camera &camera, acq::RecordingPlan plan, bool progress, Output &output);

// Whether the summary's recording ended as planned (or by the operator); says why not on output.err.
bool endedAsPlanned(const nlohmann::json &summary, Output &output);

} // namespace cli
