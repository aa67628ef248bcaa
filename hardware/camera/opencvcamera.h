#pragma once

#include "core/acquisition/camera.h"

#include <memory>
#include <string>
#include <vector>

namespace hw {

// A camera OpenCV's VideoCapture can read: a video device (V4L2 on Linux, for webcams and cheap USB
// cameras on a test bench) or a video file replayed as if a camera were delivering it.
//
// OpenCV delivers 8-bit frames: colour is converted to grey and the values are widened to uint16 unchanged
// (0..255), so settings() reports Mono8 and description() a bit depth of 8 whatever pixel format was asked
// for. The region of interest is cut out of each frame. Binning, exposure and gain are refused: OpenCV's
// units for them differ by backend and device.
//
// A file replays from its first frame at each start(), paced on steady_clock at the configured frame rate
// (the file's own rate when none is configured), with FrameInfo::cameraFrameId the frame's index in the file
// and cameraTimestampNs its time in the file. A file that ends is not an error: grab() then waits out its
// timeout and returns nothing, and hasEnded() says why no frame comes.
class OpenCvCamera final : public acq::Camera {
public:
    // `source`: a device index ("0" for /dev/video0) or a video file's path. Throws core::Error
    // `camera "opencv:SOURCE": ...` when there is no such file or OpenCV cannot open it.
    explicit OpenCvCamera(const std::string &source);
    ~OpenCvCamera() override;
    OpenCvCamera(const OpenCvCamera &) = delete;
    OpenCvCamera &operator=(const OpenCvCamera &) = delete;

    acq::CameraDescription description() const override;
    void configure(const acq::CameraSettings &settings) override;
    acq::CameraSettings settings() const override;
    void start() override;
    void stop() override;
    std::optional<acq::FrameInfo> grab(std::span<std::uint16_t> pixels, std::chrono::milliseconds timeout) override;

    // Whether a replayed file has delivered its last frame. Never true for a device.
    bool hasEnded() const override;

    // The video capture devices present now (/dev/video* on Linux, without the metadata nodes UVC cameras
    // add), as "opencv:N". Reads sysfs only: quick, and opens no device.
    static std::vector<acq::CameraDescription> connectedDevices();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace hw
