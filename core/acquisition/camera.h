#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace h5 {
class Group;
}

namespace acq {

// How the sensor's values arrive. Every format is stored as uint16: Mono8 is widened, Mono12 and Mono16 are
// copied; `bitDepth` says how many low bits carry signal (12 for a 12-bit sensor).
enum class PixelFormat { Mono8, Mono12, Mono16 };

// What the operator asks of a camera. Zero means "the camera's own value" (full sensor, default exposure).
// A camera applies what it can and reports what it applied through Camera::settings().
struct CameraSettings {
    int width = 0;           // region of interest, in binned pixels
    int height = 0;
    int offsetX = 0;
    int offsetY = 0;
    int binning = 1;         // the same factor horizontally and vertically
    double exposureUs = 0;
    double gainDb = 0;
    double frameRateHz = 0;
    PixelFormat pixelFormat = PixelFormat::Mono16;
};

// Which camera this is, for the recording's metadata and the panel's picker.
struct CameraDescription {
    std::string spec;    // what openCamera() accepts to open it again: "sim", "aravis:ID", "opencv:SPEC"
    std::string vendor;
    std::string model;
    std::string serial;
    int bitDepth = 16;   // significant bits per pixel
};

// One frame's identity and times. The host timestamp is std::chrono::steady_clock in ns, taken when the
// frame reached the host: the clock the stimulus display stamps its presentations with, so that each frame
// can be placed in the stimulus cycle. The camera's own timestamp is kept as the camera reports it.
struct FrameInfo {
    std::uint64_t cameraFrameId = 0;  // consecutive at the camera: a gap is a frame the camera or link lost
    std::int64_t cameraTimestampNs = 0;
    std::int64_t hostTimestampNs = 0;
};

// One reading of a hardware status channel (sensor temperature, say).
struct StatusReading {
    std::string channel;  // a short identifier: "sensor_temperature"
    std::string unit;     // "degC"
    double value = 0;
};

// What the acquisition pipeline needs from a camera. A camera is used from one thread at a time: configured
// and started by the controller, then grab() is called only from the capture thread until stop().
class Camera {
public:
    virtual ~Camera() = default;

    virtual CameraDescription description() const = 0;
    // Before start(). Throws core::Error naming the camera and the setting it refused.
    virtual void configure(const CameraSettings &settings) = 0;
    // The settings in effect: width and height are the frame size grab() delivers.
    virtual CameraSettings settings() const = 0;
    virtual void start() = 0;
    virtual void stop() = 0;
    // Waits at most `timeout` for the next frame and copies its width × height pixels (row-major) into
    // `pixels`. Returns nothing on timeout. Throws core::Error when the camera failed or vanished.
    virtual std::optional<FrameInfo> grab(std::span<std::uint16_t> pixels, std::chrono::milliseconds timeout) = 0;
    // A source with an end (a video file replayed as a camera) has delivered its last frame: grab() will
    // only time out from now on, and a recording of it stops.
    virtual bool hasEnded() const { return false; }
    // The current status readings; may be empty. Called from the capture thread about once a second.
    virtual std::vector<StatusReading> status() { return {}; }
    // Anything the camera itself should leave in the recording, written under /acquisition/camera when the
    // recording is created (the simulated camera's ground truth). Nothing by default.
    virtual void writeCameraData(h5::Group &group) const { (void)group; }
};

// steady_clock now, in ns: the host clock of FrameInfo and of stimulus presentation.
inline std::int64_t hostNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch()).count();
}

} // namespace acq
