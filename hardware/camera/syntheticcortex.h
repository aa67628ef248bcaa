#pragma once

#include "hardware/camera/imaginggeometry.h"

#include <cstdint>
#include <span>
#include <vector>

namespace h5 {
class Group;
}

namespace hw {

// The ground truth behind the simulated camera's images at one image size: what each pixel sees of the
// cortex and which point of the visual field it represents (visualareas.h). Row-major, width × height.
// Immutable once built; building a 1024 × 1024 cortex takes a few tenths of a second.
class SyntheticCortex {
public:
    SyntheticCortex(std::uint64_t seed, int width, int height);

    const ImagingGeometry &geometry() const { return m_geometry; }
    // Relative to evenly lit, vessel-free cortex (1): vessels, illumination and the skull around the window.
    std::span<const float> reflectance() const { return m_reflectance; }
    // In degrees; NaN where no visual area is.
    std::span<const float> azimuthDeg() const { return m_azimuthDeg; }
    std::span<const float> altitudeDeg() const { return m_altitudeDeg; }
    std::span<const std::uint8_t> areas() const { return m_areas; }      // VisualArea values
    std::span<const std::int8_t> fieldSign() const { return m_fieldSign; } // ±1, 0 outside the areas
    std::span<const std::uint8_t> responseMask() const { return m_responseMask; } // 1 where the bar evokes a response

    // Creates the datasets azimuth_deg, altitude_deg (float32), sign (int8), areas (uint8), vasculature
    // (float32, the reflectance) and response_mask (uint8), each height × width, in `group`, with attributes
    // saying what they hold. Throws h5::Error when HDF5 fails.
    void writeMaps(const h5::Group &group) const;

private:
    ImagingGeometry m_geometry;
    std::vector<float> m_reflectance;
    std::vector<float> m_azimuthDeg;
    std::vector<float> m_altitudeDeg;
    std::vector<std::uint8_t> m_areas;
    std::vector<std::int8_t> m_fieldSign;
    std::vector<std::uint8_t> m_responseMask;
};

} // namespace hw
