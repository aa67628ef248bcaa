#pragma once

#include <complex>
#include <cstdint>
#include <span>
#include <vector>

namespace retino {

// Per pixel, the running sums Σ_k w_ck·img_k (complex, one per component c: the stimulus frequency and the
// noise probes) and Σ_k img_k over the frames added so far: all the memory the F1 of a stack needs,
// whatever its length (f1weights.h gives the w_ck). Frames are added a block at a time, on every core.
class PhaseAccumulator {
public:
    explicit PhaseAccumulator(std::size_t pixels = 0, std::size_t components = 1);

    // `frames` holds n frames of pixels() values each, one after the other; `weights` n · components()
    // weights, frame by frame (frame k's weight for component c at k · components() + c). Each frame is
    // multiplied by its `scales` entry first when `scales` is given (n values).
    void add(std::span<const std::uint16_t> frames, std::span<const std::complex<double>> weights,
             std::span<const double> scales = {});

    std::size_t pixels() const { return m_sum.size(); }
    std::size_t components() const { return m_real.size(); }
    std::uint64_t frames() const { return m_frames; }
    std::complex<double> value(std::size_t component, std::size_t pixel) const
    {
        return {m_real[component][pixel], m_imag[component][pixel]};
    }
    std::span<const double> sum() const { return m_sum; }

    // 1 / the mean of each of the frames in `frames` (0 for a black frame): as `scales`, these divide out a
    // fluctuation common to the whole image (global vasomotion, illumination) before it leaks into the F1.
    static std::vector<double> inverseMeans(std::span<const std::uint16_t> frames, std::size_t pixels);

private:
    std::vector<std::vector<double>> m_real, m_imag;
    std::vector<double> m_sum;
    std::uint64_t m_frames = 0;
};

} // namespace retino
