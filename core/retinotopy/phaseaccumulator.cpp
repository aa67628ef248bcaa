#include "core/retinotopy/phaseaccumulator.h"

#include "core/error.h"

#include <opencv2/core/utility.hpp>

#include <algorithm>

namespace retino {

namespace {

// Pixels per task: the stripe's sums (7 doubles a pixel with the noise probes) stay in L1/L2 while every
// frame of the block passes.
constexpr std::size_t StripePixels = 512;

} // namespace

PhaseAccumulator::PhaseAccumulator(std::size_t pixels, std::size_t components)
    : m_real(components, std::vector<double>(pixels)), m_imag(components, std::vector<double>(pixels)), m_sum(pixels)
{
}

void PhaseAccumulator::add(std::span<const std::uint16_t> frames, std::span<const std::complex<double>> weights,
                           std::span<const double> scales)
{
    const std::size_t n = pixels(), c = components();
    const std::size_t count = c ? weights.size() / c : 0;
    if (c == 0 || weights.size() != count * c || frames.size() != count * n || (!scales.empty() && scales.size() != count))
        throw core::Error("PhaseAccumulator: " + std::to_string(frames.size()) + " values and " +
                          std::to_string(weights.size()) + " weights are not whole frames of " + std::to_string(n) +
                          " pixels with " + std::to_string(c) + " components");
    const int stripes = int((n + StripePixels - 1) / StripePixels);
    cv::parallel_for_(cv::Range(0, stripes), [&](const cv::Range &range) {
        double values[StripePixels];
        for (int stripe = range.start; stripe < range.end; ++stripe) {
            const std::size_t begin = std::size_t(stripe) * StripePixels, width = std::min(n, begin + StripePixels) - begin;
            double *__restrict sum = m_sum.data() + begin;
            for (std::size_t k = 0; k < count; ++k) {
                const std::uint16_t *__restrict frame = frames.data() + k * n + begin;
                const double scale = scales.empty() ? 1.0 : scales[k];
                for (std::size_t p = 0; p < width; ++p) {
                    values[p] = scale * frame[p];
                    sum[p] += values[p];
                }
                for (std::size_t component = 0; component < c; ++component) {
                    const double wr = weights[k * c + component].real(), wi = weights[k * c + component].imag();
                    double *__restrict re = m_real[component].data() + begin;
                    double *__restrict im = m_imag[component].data() + begin;
                    for (std::size_t p = 0; p < width; ++p) {
                        re[p] += wr * values[p];
                        im[p] += wi * values[p];
                    }
                }
            }
        }
    });
    m_frames += count;
}

std::vector<double> PhaseAccumulator::inverseMeans(std::span<const std::uint16_t> frames, std::size_t pixels)
{
    std::vector<double> scales(pixels ? frames.size() / pixels : 0);
    for (std::size_t k = 0; k < scales.size(); ++k) {
        double sum = 0;
        for (std::size_t p = 0; p < pixels; ++p)
            sum += frames[k * pixels + p];
        scales[k] = sum > 0 ? double(pixels) / sum : 0.0;
    }
    return scales;
}

} // namespace retino
