#include "hardware/camera/opencamera.h"

#include "core/error.h"
#include "hardware/camera/araviscamera.h"
#include "hardware/camera/opencvcamera.h"
#include "hardware/camera/simulatedcamera.h"

#include <QtCore/QDebug>

#include <string_view>

namespace hw {

namespace {

constexpr std::string_view AravisPrefix = "aravis:";
constexpr std::string_view OpenCvPrefix = "opencv:";

} // namespace

std::unique_ptr<acq::Camera> openCamera(const std::string &spec, const CameraOpenOptions &options)
{
    if (spec == "sim") {
        return std::make_unique<SimulatedCamera>(SimulatedCameraOptions{options.seed, options.stimulus});
    }
    if (spec.starts_with(AravisPrefix)) {
        return std::make_unique<AravisCamera>(spec.substr(AravisPrefix.size()));
    }
    if (spec.starts_with(OpenCvPrefix) && spec.size() > OpenCvPrefix.size()) {
        return std::make_unique<OpenCvCamera>(spec.substr(OpenCvPrefix.size()));
    }
    throw core::Error("camera \"" + spec + "\": not a camera spec; expected \"sim\", \"aravis:ID\", "
                      "\"opencv:N\" (a video device) or \"opencv:PATH\" (a video file)");
}

std::vector<acq::CameraDescription> availableCameras()
{
    std::vector<acq::CameraDescription> cameras;
    // Built for its own description rather than a copy of it here (about 0.1 s, for its synthetic cortex).
    cameras.push_back(SimulatedCamera().description());
    // The picker must still come up when one subsystem fails; the failure is only logged.
    try {
        for (auto &camera : AravisCamera::connectedCameras()) {
            cameras.push_back(std::move(camera));
        }
    } catch (const std::exception &e) {
        qWarning().noquote() << "listing Aravis cameras:" << e.what();
    }
    try {
        for (auto &camera : OpenCvCamera::connectedDevices()) {
            cameras.push_back(std::move(camera));
        }
    } catch (const std::exception &e) {
        qWarning().noquote() << "listing video devices:" << e.what();
    }
    return cameras;
}

} // namespace hw
