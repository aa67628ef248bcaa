#pragma once

#include "core/retinotopy/analysisparameters.h"
#include "core/retinotopy/retinotopymaps.h"
#include "core/retinotopy/sweepschedule.h"

#include <array>
#include <complex>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace retino {

// Noise probes: the F1 at 1.5 and 2.5 times the stimulus frequency, between its harmonics, where a periodic
// response has no power. Their size per pixel is the noise the response is judged against (the mask).
inline constexpr std::array<double, 2> NoiseProbeHarmonics{1.5, 2.5};
inline constexpr std::size_t Components = 1 + NoiseProbeHarmonics.size(); // F1, then the probes

// A direction's F1 of the activity (−ΔR/R for a negative response) and its noise probes, over its runs.
struct DirectionF1 {
    std::array<std::vector<std::complex<double>>, Components> components; // each rows × cols
    std::uint64_t frames = 0;

    const std::vector<std::complex<double>> &f1() const { return components[0]; }
    // Adds a run of `frames` frames: counts(c, p) is component c's F1 of pixel p in camera counts, `sums`
    // the pixels' sums of counts. Runs count by their frames.
    void addRun(const std::function<std::complex<double>(std::size_t, std::size_t)> &counts,
                std::span<const double> sums, std::uint64_t runFrames, bool negativeResponse);
    // Divides by the frames once every run is in.
    void finish();
    // Takes `offset` from every pixel of each component (a stimulus-locked common signal, globalsignal.h).
    void subtract(const std::array<std::complex<double>, Components> &offset);
};

// Kalatsky & Stryker 2003: with the bar sweeping one way the response phase is φ₊ = θ₊(x) + Δ, the other way
// φ₋ = θ₋(x) + Δ, where θ(x) is the phase at which the bar is at the pixel's position x and Δ the delay.
// θ₊(x) + θ₋(x) = c is the same for every x (equal speed, mirrored sweeps), so F₊·F₋·e^{−ic} has phase 2Δ:
// the delay, up to a half cycle, taken within ±¼ cycle of `expectedDelayS`. Then θ₊ = φ₊ − Δ, and x is where
// the rendered sweep put the bar at θ₊. With one direction only, Δ is the expected delay (said in `notes`).
// The positions, delays, magnitudes and signal-to-noise ratios of one axis from its two directions.
struct AxisMaps {
    cv::Mat1f positionDeg, delayS, magnitude, snr;
};
AxisMaps combineDirections(const std::optional<DirectionF1> &forward, const SweepProfile *forwardProfile,
                           const std::optional<DirectionF1> &backward, const SweepProfile *backwardProfile,
                           double refreshHz, double expectedDelayS, int rows, int cols, std::vector<std::string> &notes);

// Fills the position, delay, magnitude, power and mask maps of `maps` from the four directions' F1
// (index 0 LR, 1 RL, 2 TB, 3 BT; absent where not shown), first smoothed by f1FilterSigma.
// The F1 as a two-channel (re, im) float image, as results store it.
cv::Mat2f f1Image(const DirectionF1 &direction, int rows, int cols);

void fillPositionMaps(RetinotopyMaps &maps, std::vector<std::optional<DirectionF1>> directions,
                      const SweepSchedule &schedule, const AnalysisParameters &parameters, int rows, int cols);

} // namespace retino
