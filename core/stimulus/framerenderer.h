#pragma once

#include "core/stimulus/geometry.h"
#include "core/stimulus/stimulusparameters.h"
#include "core/stimulus/stimulusplan.h"

#include <cstdint>
#include <span>
#include <vector>

namespace stimulus {

// The 8-bit value that makes the display show `luminance` (a fraction of its range, clamped to [0, 1]):
// round(255 · L^(1/gamma)), the inverse of the display's power law (schemas/stimulus.schema.json, gamma).
std::uint8_t encodeLuminance(double luminance, double gamma);

// Draws unique frames: the background everywhere except inside the bar, |coordinate − centre| ≤ width/2,
// where a counter-phase checkerboard of checker_size_deg squares shows background · (1 ± contrast)
// (Marshel et al. 2011, Fig. 1). Bar and checkers live in the sweep coordinates: visual-field angles with
// the spherical correction, flat-screen angles without (geometry.h). The square containing sweep
// coordinates (0°, 0°) is bright at phase +1: polarity = sign(cos(π a / size) · cos(π b / size)) · phase.
class FrameRenderer {
public:
    // `coordinates` = angleMaps(monitor, pose, parameters.correction).
    FrameRenderer(const StimulusParameters &parameters, AngleMaps coordinates);

    int width() const { return m_coordinates.width; }
    int height() const { return m_coordinates.height; }
    std::size_t frameBytes() const { return m_checker.size(); }

    // Fills `pixels` (frameBytes(), row-major, row 0 at the top). Const and without shared mutable state:
    // worker threads call it concurrently.
    void render(const UniqueFrame &frame, std::span<std::uint8_t> pixels) const;

private:
    AngleMaps m_coordinates;
    std::vector<std::int8_t> m_checker; // each pixel's square at phase +1: +1 bright, −1 dark
    double m_halfWidthDeg = 0;
    std::uint8_t m_background = 0;
    std::uint8_t m_bright = 0;
    std::uint8_t m_dark = 0;
};

} // namespace stimulus
