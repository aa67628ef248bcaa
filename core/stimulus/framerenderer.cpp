#include "core/stimulus/framerenderer.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>

namespace stimulus {

namespace {

// The index of the square of side `size` containing `angle`, squares centred on multiples of `size`, so that
// cos(π · angle / size) > 0 exactly on the even ones and the floor parity reproduces the sign of the cosines.
long long squareIndex(float angle, double size)
{
    return static_cast<long long>(std::floor(angle / size + 0.5));
}

} // namespace

std::uint8_t encodeLuminance(double luminance, double gamma)
{
    const double clamped = std::clamp(luminance, 0.0, 1.0);
    return static_cast<std::uint8_t>(std::lround(255 * std::pow(clamped, 1 / gamma)));
}

FrameRenderer::FrameRenderer(const StimulusParameters &parameters, AngleMaps coordinates)
    : m_coordinates(std::move(coordinates))
    , m_halfWidthDeg(parameters.barWidthDeg / 2)
    , m_background(encodeLuminance(parameters.background, parameters.monitor.gamma))
    , m_bright(encodeLuminance(parameters.background * (1 + parameters.contrast), parameters.monitor.gamma))
    , m_dark(encodeLuminance(parameters.background * (1 - parameters.contrast), parameters.monitor.gamma))
{
    // The board does not move, only its phase flips, so each pixel's square is found once.
    const std::size_t pixels = m_coordinates.azimuthDeg.size();
    m_checker.resize(pixels);
    for (std::size_t i = 0; i < pixels; ++i) {
        const long long squares = squareIndex(m_coordinates.azimuthDeg[i], parameters.checkerSizeDeg) +
                                  squareIndex(m_coordinates.altitudeDeg[i], parameters.checkerSizeDeg);
        m_checker[i] = squares % 2 == 0 ? 1 : -1;
    }
}

void FrameRenderer::render(const UniqueFrame &frame, std::span<std::uint8_t> pixels) const
{
    if (pixels.size() != frameBytes())
        throw core::Error("stimulus: frame buffer of " + std::to_string(pixels.size()) + " bytes, expected " +
                          std::to_string(frameBytes()));
    if (!frame.direction) {
        std::fill(pixels.begin(), pixels.end(), m_background);
        return;
    }
    const std::vector<float> &coordinate =
        sweepsAzimuth(*frame.direction) ? m_coordinates.azimuthDeg : m_coordinates.altitudeDeg;
    const double centre = frame.barCenterDeg;
    for (std::size_t i = 0; i < pixels.size(); ++i) {
        if (std::abs(coordinate[i] - centre) > m_halfWidthDeg)
            pixels[i] = m_background;
        else
            pixels[i] = m_checker[i] * frame.polarity > 0 ? m_bright : m_dark;
    }
}

} // namespace stimulus
