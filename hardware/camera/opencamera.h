#pragma once

#include "core/acquisition/camera.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace acq {
class StimulusTimeline;
}

namespace hw {

struct CameraOpenOptions {
    std::uint64_t seed = 1;                                  // simulated camera only
    std::shared_ptr<const acq::StimulusTimeline> stimulus;   // simulated camera only; null: the cortex at rest
};

// Opens the camera a spec names:
//   "sim"           the simulated camera
//   "aravis:ID"     a GenICam camera, ID as Aravis names devices ("Aravis-GV01", "Fake_1", an IP address);
//                   "aravis:" alone opens the first one found
//   "opencv:N"      video device N (/dev/videoN)
//   "opencv:PATH"   a video file, replayed as a camera
// Throws core::Error naming the spec and the reason: `camera "aravis:XYZ": no such device (found: Fake_1)`.
std::unique_ptr<acq::Camera> openCamera(const std::string &spec, const CameraOpenOptions &options = {});

// The cameras that can be opened now, for the acquisition panel's picker: "sim" first, then the Aravis
// cameras, then the video devices. Takes about a second (GigE Vision discovery); never throws because a
// subsystem is absent. Call it off the UI thread.
std::vector<acq::CameraDescription> availableCameras();

} // namespace hw
