#pragma once

#include <complex>
#include <span>
#include <vector>

namespace retino {

enum class DriftRemoval {
    None,        // only the F0 leakage correction
    SlidingMean, // the mean over ±1 cycle around each frame (a local linear fit where the run cuts it short)
    Polynomial,  // a polynomial in time over the whole run, fitted jointly with the response's harmonics
};

struct DriftSettings {
    DriftRemoval method = DriftRemoval::Polynomial;
    int polynomialOrder = 2;
};

// The F1 (first harmonic at the stimulus frequency) of a pixel's time course as one weighted sum over its
// frames: F1 = Σ_k w_k · img_k. Each frame's phase θ_k comes from its own timestamp, so sampling may be uneven
// and the run need not hold whole cycles (SNLC's Gf1image.m):
//     F1 = 2/N · [Σ e^{iθ_k}·img_k − mean(img)·Σ e^{iθ_k}],
// the second term removing the leakage of F0 into F1 when the phases do not cancel. Drift removal is a linear
// map of the time course (img − D·img), so it folds into the weights too: w = 2/N · (I − D)ᵀ (e^{iθ} − mean);
// the polynomial one is a joint least-squares fit, whose coefficients are linear in the data as well.
// A pixel then needs only its running sum, whatever the drift removal: the frames stream through once.
// `timesS` increase; `cycleS` is the stimulus period (the sliding window's half-width).
std::vector<std::complex<double>> f1Weights(std::span<const double> timesS, std::span<const double> phasesRad,
                                            double cycleS, const DriftSettings &drift);

// Weights of a noise probe: the same sum at `harmonic` times the stimulus frequency (1.5, 2.5: between its
// harmonics), made orthogonal to a constant and to the stimulus's first three harmonics, and scaled to the
// norm of `f1` (the run's f1Weights). A periodic response then adds nothing to the probe even when the run holds few cycles
// (whose side lobes would otherwise reach it), while white noise gives the probe and the F1 the same
// expected size: the probe measures the noise the F1 carries.
std::vector<std::complex<double>> noiseProbeWeights(std::span<const double> timesS, std::span<const double> phasesRad,
                                                    double cycleS, const DriftSettings &drift, double harmonic,
                                                    std::span<const std::complex<double>> f1);

} // namespace retino
