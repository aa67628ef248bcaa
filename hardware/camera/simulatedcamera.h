#pragma once

#include "core/acquisition/camera.h"

#include <cstdint>
#include <memory>

namespace acq {
class StimulusTimeline;
}

namespace hw {

struct SimulatedCameraOptions {
    std::uint64_t seed = 1;
    std::shared_ptr<const acq::StimulusTimeline> stimulus; // null: the cortex at rest (no response)
};

// A 12-bit camera looking at mouse visual cortex through a cranial window while the stimulus plays: what the
// whole product runs on without hardware ("sim"). Each frame is rendered at the moment it is due from a
// synthetic cortex (syntheticcortex.h) with known retinotopy, so the analysis can be checked against the
// ground truth that writeCameraData() stores: baseline reflectance with vessels, the intrinsic signal evoked
// by what the timeline says was on screen (hemodynamicresponse.h, responseimage.h), slow drift and
// vasomotion, and shot noise. Same seed and timing, same frames.
//
// Frames are due at start + k / frameRateHz on std::chrono::steady_clock; grab() sleeps until then. Like a
// real camera it buffers BufferedFrames: a caller later than that finds the oldest frames gone and sees a
// gap in the frame ids. Used from one thread at a time (acq::Camera).
class SimulatedCamera final : public acq::Camera {
public:
    static constexpr int BufferedFrames = 4;

    explicit SimulatedCamera(SimulatedCameraOptions options = {});
    ~SimulatedCamera() override;

    acq::CameraDescription description() const override;
    // Width and height 16–2048 (the image's size; the field of view stays the same), binning 1, 2 or 4,
    // frame rate 1–200 Hz, exposure up to the frame period, gain 0–24 dB (scales signal and noise as a
    // sensor's analogue gain does), pixel format Mono12 or Mono16. Zero means the default: 512 × 512 at
    // 10 Hz, 20 ms exposure.
    void configure(const acq::CameraSettings &settings) override;
    acq::CameraSettings settings() const override;
    void start() override;
    void stop() override;
    std::optional<acq::FrameInfo> grab(std::span<std::uint16_t> pixels, std::chrono::milliseconds timeout) override;
    // "sensor_temperature" in degC: warming up over the first half hour after the camera was created.
    std::vector<acq::StatusReading> status() override;
    // The group "ground_truth" with the maps and the model's parameters as attributes.
    void writeCameraData(h5::Group &group) const override;

private:
    struct Model;

    std::int64_t frameTimeNs(std::uint64_t frame) const;
    void render(std::int64_t timeNs, std::span<std::uint16_t> pixels);

    SimulatedCameraOptions m_options;
    acq::CameraSettings m_settings;
    std::unique_ptr<Model> m_model;
    std::int64_t m_createdNs;
    bool m_running = false;
    std::int64_t m_startNs = 0;
    std::uint64_t m_nextFrame = 0;
};

} // namespace hw
