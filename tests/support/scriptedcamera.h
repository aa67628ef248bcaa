#pragma once

#include "core/acquisition/camera.h"
#include "core/error.h"

#include <cstdint>
#include <optional>
#include <span>
#include <thread>

// A camera for pipeline tests whose every pixel is known: frame `id` holds pixelValue(id, i) at pixel i, so
// a test can check any stored frame against its id. Frames are due every `periodNs` from the first grab()
// (0: as fast as asked) and stamped with the time they were due, so a stalled caller changes nothing in the
// file but how late frames came; after `failAfter` frames grab() throws, as a camera that vanished.
class ScriptedCamera final : public acq::Camera {
public:
    static std::uint16_t pixelValue(std::uint64_t id, std::size_t pixel)
    {
        return std::uint16_t((id * 7 + pixel) & 0x0fff);
    }

    ScriptedCamera(int width, int height, double frameRateHz, std::int64_t periodNs)
        : m_periodNs(periodNs)
    {
        m_settings.width = width;
        m_settings.height = height;
        m_settings.frameRateHz = frameRateHz;
    }

    std::optional<std::uint64_t> failAfter;
    bool started = false;
    bool stopped = false;

    acq::CameraDescription description() const override { return {"scripted", "Tests", "Scripted", "1", 12}; }
    void configure(const acq::CameraSettings &settings) override { m_settings = settings; }
    acq::CameraSettings settings() const override { return m_settings; }
    void start() override { started = true; }
    void stop() override { stopped = true; }
    std::optional<acq::FrameInfo> grab(std::span<std::uint16_t> pixels, std::chrono::milliseconds) override
    {
        if (failAfter && m_id >= *failAfter)
            throw core::Error("scripted camera: unplugged");
        if (m_first == 0)
            m_first = acq::hostNowNs();
        const std::int64_t due = m_first + std::int64_t(m_id) * m_periodNs;
        while (acq::hostNowNs() < due)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        for (std::size_t i = 0; i < pixels.size(); ++i)
            pixels[i] = pixelValue(m_id, i);
        const acq::FrameInfo info{m_id, std::int64_t(m_id) * 1000,
                                  m_periodNs > 0 ? due : acq::hostNowNs()};
        ++m_id;
        return info;
    }
    std::vector<acq::StatusReading> status() override { return {{"sensor_temperature", "degC", 21.5}}; }

private:
    acq::CameraSettings m_settings;
    std::int64_t m_periodNs;
    std::int64_t m_first = 0;
    std::uint64_t m_id = 0;
};
