#pragma once

#include "core/retinotopy/positionmaps.h"

#include <opencv2/core/mat.hpp>

#include <array>
#include <complex>
#include <cstdint>
#include <span>
#include <vector>

namespace retino {

// A fluctuation common to the whole image (vasomotion near 0.1 Hz, illumination), multiplicative, leaks into
// every pixel's F1 when it is near the stimulus frequency. Dividing each frame by its mean removes it, but
// the mean also holds the evoked response, so that every pixel's F1 loses the same stimulus-locked vector and
// the maps bend. So the common signal is taken from where nothing responds: each tile of a coarse grid keeps
// the weighted sums of its total counts, and once the maps show which tiles respond, the quiet tiles'
// relative fluctuation δ(t) gives the correction. To first order, dividing by (1 + δ) subtracts F1(δ) from
// every pixel's F1 of ΔR/R: a constant per run and component, which those sums give, so the frames are read
// once and the memory does not grow with the recording.
class GlobalSignal {
public:
    GlobalSignal(int rows, int cols, std::size_t runs, int gridSide = 16);

    // Frames of `run`, each rows × cols, one after the other, with their weights as PhaseAccumulator::add
    // takes them.
    void add(std::size_t run, std::span<const std::uint16_t> frames, std::span<const std::complex<double>> weights);

    // The tiles fewer than `maxFraction` of whose pixels are in `responseMask`; all tiles when none is.
    std::vector<bool> quietTiles(const cv::Mat1b &responseMask, double maxFraction) const;
    std::vector<bool> allTiles() const { return std::vector<bool>(std::size_t(m_side * m_side), true); }

    // F1(δ) of `run` for each component, δ the relative fluctuation of the sum over `tiles`.
    std::array<std::complex<double>, Components> f1(std::size_t run, const std::vector<bool> &tiles) const;

private:
    struct RunSums {
        std::vector<std::array<std::complex<double>, Components>> weighted; // per tile: Σ_k w_kc · counts_kt
        std::vector<double> counts;                                          // per tile: Σ_k counts_kt
        std::array<std::complex<double>, Components> weights{};              // Σ_k w_kc
        std::uint64_t frames = 0;
    };
    int m_rows, m_cols, m_side;
    std::vector<int> m_tileOf; // per pixel
    std::vector<RunSums> m_runs;
};

} // namespace retino
