#pragma once

#include "core/acquisition/camera.h"

#include <memory>
#include <string>
#include <vector>

namespace hw {

// A GenICam camera (GigE Vision, USB3 Vision, or Aravis's own fake camera) driven through Aravis. The
// acquisition runs in continuous mode into a pool of buffers Aravis fills on its own thread; grab() takes the
// oldest complete frame and hands its buffer straight back. Frames Aravis could not complete (missing
// packets, timeouts) are dropped there and show as gaps in FrameInfo::cameraFrameId, which is kept
// consecutive across the 16-bit wrap of GigE Vision 1.x block ids. A camera that stops answering (unplugged,
// switched off, link down: Aravis reports "control lost") makes grab() throw.
class AravisCamera final : public acq::Camera {
public:
    // `id` as Aravis names devices: "Aravis-GV01" (vendor-model-serial), "Fake_1", an IP address or a host
    // name; empty opens the first device found. Ids "Fake_*" enable Aravis's in-process fake camera. Throws
    // core::Error `camera "aravis:ID": ...` when the camera cannot be opened (no such device lists those
    // found). Discovery takes about a second.
    explicit AravisCamera(const std::string &id);
    ~AravisCamera() override;
    AravisCamera(const AravisCamera &) = delete;
    AravisCamera &operator=(const AravisCamera &) = delete;

    acq::CameraDescription description() const override;
    // Binning, pixel format, region, exposure, gain and frame rate, in that order (the region's bounds depend
    // on binning). A requested pixel format the camera lacks falls back to its deepest mono format; width and
    // height are rounded down to the camera's increments; values out of the camera's bounds are refused.
    void configure(const acq::CameraSettings &settings) override;
    acq::CameraSettings settings() const override;
    void start() override;
    // Never throws: a vanished camera is stopped as far as it can be, and the failure logged.
    void stop() override;
    std::optional<acq::FrameInfo> grab(std::span<std::uint16_t> pixels, std::chrono::milliseconds timeout) override;
    // "sensor_temperature" in degC, when the camera has the DeviceTemperature feature.
    std::vector<acq::StatusReading> status() override;

    // The GenICam cameras Aravis finds now (not its fake camera unless a "Fake_*" camera was opened). Takes
    // about a second (GigE Vision discovery); bitDepth is left at 16 because it is known only once opened.
    static std::vector<acq::CameraDescription> connectedCameras();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hw
