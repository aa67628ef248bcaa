#include "core/retinotopy/positionmaps.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace retino {

namespace {

constexpr double Pi = std::numbers::pi;
constexpr int NoiseRadius = 12; // pixels over which the noise power is averaged (σ = 3)

// The value below which `fraction` of the finite values of `map` where `mask` is set (everywhere if empty) lie.
float percentile(const cv::Mat1f &map, const cv::Mat1b &mask, double fraction)
{
    std::vector<float> values;
    values.reserve(map.total());
    for (int i = 0; i < int(map.total()); ++i)
        if (std::isfinite(map(i)) && (mask.empty() || mask(i)))
            values.push_back(map(i));
    if (values.empty())
        return 0;
    const auto k = std::size_t(std::clamp(fraction, 0.0, 1.0) * double(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(k), values.end());
    return values[k];
}

cv::Mat1f powerOf(const cv::Mat1f &magnitude, const cv::Mat1b &mask)
{
    float top = percentile(magnitude, mask, 0.999);
    if (!(top > 0))
        top = percentile(magnitude, {}, 0.999);
    cv::Mat1f power(magnitude.size());
    for (int i = 0; i < int(magnitude.total()); ++i)
        power(i) = top > 0 ? std::min(1.0f, magnitude(i) / top) : 0.0f;
    return power;
}

// Smooths each component in the complex domain, where a phase map can be averaged across its wrap.
void smooth(DirectionF1 &direction, double sigma, int rows, int cols)
{
    if (!(sigma > 0))
        return;
    const int size = 2 * int(4 * sigma + 0.5) + 1;
    for (auto &component : direction.components) {
        cv::Mat2d map(rows, cols, reinterpret_cast<cv::Vec2d *>(component.data()));
        cv::GaussianBlur(map, map, cv::Size(size, size), sigma, sigma, cv::BORDER_REFLECT);
    }
}

double noisePower(const DirectionF1 &direction, std::size_t pixel)
{
    double power = 0;
    for (std::size_t c = 1; c < Components; ++c)
        power += std::norm(direction.components[c][pixel]);
    return power / double(Components - 1);
}

} // namespace

void DirectionF1::addRun(const std::function<std::complex<double>(std::size_t, std::size_t)> &counts,
                         std::span<const double> sums, std::uint64_t runFrames, bool negativeResponse)
{
    if (components[0].empty())
        for (auto &component : components)
            component.assign(sums.size(), 0.0);
    const double n = double(runFrames), sign = negativeResponse ? -1 : 1;
    for (std::size_t p = 0; p < sums.size(); ++p) {
        const double f0 = sums[p] / n;
        if (!(f0 > 0))
            continue;
        // ΔR/R: F1 of the counts over their mean.
        for (std::size_t c = 0; c < Components; ++c)
            components[c][p] += sign * counts(c, p) / f0 * n;
    }
    frames += runFrames;
}

void DirectionF1::finish()
{
    for (auto &component : components)
        for (std::complex<double> &value : component)
            value /= double(frames);
}

cv::Mat2f f1Image(const DirectionF1 &direction, int rows, int cols)
{
    cv::Mat2f image(rows, cols);
    for (int i = 0; i < rows * cols; ++i) {
        const std::complex<double> value = direction.f1()[std::size_t(i)];
        image(i) = cv::Vec2f(float(value.real()), float(value.imag()));
    }
    return image;
}

void DirectionF1::subtract(const std::array<std::complex<double>, Components> &offset)
{
    for (std::size_t c = 0; c < Components; ++c)
        for (std::complex<double> &value : components[c])
            value -= offset[c];
}

AxisMaps combineDirections(const std::optional<DirectionF1> &forward, const SweepProfile *forwardProfile,
                           const std::optional<DirectionF1> &backward, const SweepProfile *backwardProfile,
                           double refreshHz, double expectedDelayS, int rows, int cols, std::vector<std::string> &notes)
{
    AxisMaps axis;
    if (!forward && !backward)
        return axis;
    axis.positionDeg.create(rows, cols);
    axis.delayS.create(rows, cols);
    axis.magnitude.create(rows, cols);
    axis.snr.create(rows, cols);
    const bool both = forward && backward && forwardProfile->cycleRows() == backwardProfile->cycleRows();
    if (forward && backward && !both)
        notes.push_back("opposite sweeps of different periods: positions from one direction with the expected delay");
    const SweepProfile &profile = forward ? *forwardProfile : *backwardProfile;
    const DirectionF1 &main = forward ? *forward : *backward;
    const double cycleS = profile.cycleRows() / refreshHz;
    const double expected = 2 * Pi * expectedDelayS / cycleS;
    if (!forward || !backward)
        notes.push_back("a direction without its opposite: delay not removed, taken as expectedDelayS = " +
                        std::to_string(expectedDelayS) + " s");
    // θ₊(x) + θ₋(x) at the middle of the sweep; the same at every x.
    const double middle = profile.positionAt(Pi);
    const double c = both ? profile.phaseAt(middle) + backwardProfile->phaseAt(middle) : 0;
    const std::complex<double> unrotate = std::polar(1.0, -c);
    for (int i = 0; i < rows * cols; ++i) {
        const auto p = std::size_t(i);
        const std::complex<double> f = main.f1()[p];
        double delay = expected, magnitude = std::abs(f);
        if (both) {
            const std::complex<double> g = backward->f1()[p];
            const double half = std::arg(f * g * unrotate) / 2;
            delay = half + Pi * std::round((expected - half) / Pi);
            magnitude = (std::abs(f) + std::abs(g)) / 2;
        }
        const bool defined = std::abs(f) > 0 && std::isfinite(std::abs(f));
        axis.positionDeg(i) = defined ? float(profile.positionAt(profile.wrapPhase(std::arg(f) - delay))) : NAN;
        axis.delayS(i) = defined ? float(delay / (2 * Pi) * cycleS) : NAN;
        axis.magnitude(i) = float(magnitude);
    }
    // A pixel's own probes are two draws of the noise: too few to judge it by. The noise level changes only
    // slowly across the image (with the light), so their power is averaged over a neighbourhood first.
    cv::Mat1f noise(rows, cols);
    for (int i = 0; i < rows * cols; ++i) {
        const auto p = std::size_t(i);
        noise(i) = float(both ? (noisePower(main, p) + noisePower(*backward, p)) / 2 : noisePower(main, p));
    }
    cv::GaussianBlur(noise, noise, cv::Size(2 * NoiseRadius + 1, 2 * NoiseRadius + 1), NoiseRadius / 4.0, 0,
                     cv::BORDER_REFLECT);
    for (int i = 0; i < rows * cols; ++i)
        axis.snr(i) = noise(i) > 0 ? axis.magnitude(i) / std::sqrt(noise(i)) : 0.0f;
    return axis;
}

void fillPositionMaps(RetinotopyMaps &maps, std::vector<std::optional<DirectionF1>> directions,
                      const SweepSchedule &schedule, const AnalysisParameters &parameters, int rows, int cols)
{
    for (auto &direction : directions)
        if (direction)
            smooth(*direction, parameters.f1FilterSigma, rows, cols);
    const auto profile = [&](int direction) { return schedule.hasDirection(direction) ? &schedule.profile(direction) : nullptr; };
    const double delay = parameters.expectedDelayS, refresh = schedule.refreshHz();
    const AxisMaps azimuth =
        combineDirections(directions[0], profile(0), directions[1], profile(1), refresh, delay, rows, cols, maps.notes);
    const AxisMaps altitude =
        combineDirections(directions[2], profile(2), directions[3], profile(3), refresh, delay, rows, cols, maps.notes);
    maps.azimuthDeg = azimuth.positionDeg;
    maps.azimuthDelayS = azimuth.delayS;
    maps.azimuthMagnitude = azimuth.magnitude;
    maps.azimuthSnr = azimuth.snr;
    maps.altitudeDeg = altitude.positionDeg;
    maps.altitudeDelayS = altitude.delayS;
    maps.altitudeMagnitude = altitude.magnitude;
    maps.altitudeSnr = altitude.snr;

    // Responding pixels: the F1 stands out of the noise probes on every axis the stimulus swept.
    maps.responseMask = cv::Mat1b(rows, cols, uchar(255));
    for (const cv::Mat1f *snr : {&azimuth.snr, &altitude.snr})
        if (!snr->empty())
            for (int i = 0; i < rows * cols; ++i)
                if (!((*snr)(i) >= parameters.responseSnr))
                    maps.responseMask(i) = 0;
    if (!azimuth.magnitude.empty())
        maps.azimuthPower = powerOf(azimuth.magnitude, maps.responseMask);
    if (!altitude.magnitude.empty())
        maps.altitudePower = powerOf(altitude.magnitude, maps.responseMask);
}

} // namespace retino
