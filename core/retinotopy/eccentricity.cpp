#include "core/retinotopy/eccentricity.h"

#include "core/retinotopy/binarymorphology.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace retino {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double pi = std::numbers::pi;

// numpy's pairwise_sum for one block (loops_utils.h.src): eight running sums below 128 values, halves above.
double pairwiseBlock(const double *values, std::size_t count)
{
    if (count < 8) {
        double sum = 0;
        for (std::size_t i = 0; i < count; ++i)
            sum += values[i];
        return sum;
    }
    if (count <= 128) {
        double r[8];
        std::copy(values, values + 8, r);
        std::size_t i = 8;
        for (; i < count - count % 8; i += 8)
            for (std::size_t k = 0; k < 8; ++k)
                r[k] += values[i + k];
        double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for (; i < count; ++i)
            sum += values[i];
        return sum;
    }
    std::size_t half = count / 2;
    half -= half % 8;
    return pairwiseBlock(values, half) + pairwiseBlock(values + half, count - half);
}

// Angular distance in degrees, with the reference's order of operations (eccentricityMap).
double eccentricityDeg(double altitude, double azimuth, const VisualCentre &centre)
{
    const double dAltitude = altitude * pi / 180 - centre.altitudeDeg * pi / 180;
    const double dAzimuth = azimuth * pi / 180 - centre.azimuthDeg * pi / 180;
    const double tAltitude = std::tan(dAltitude), tAzimuth = std::tan(dAzimuth), cAltitude = std::cos(dAltitude);
    return std::atan(std::sqrt(tAltitude * tAltitude + tAzimuth * tAzimuth / (cAltitude * cAltitude))) * 180 / pi;
}

// scipy.ndimage's 'reflect' extension, which mirrors with period 2n however far it reaches.
int reflected(int index, int length)
{
    const int period = 2 * length;
    int q = index % period;
    if (q < 0)
        q += period;
    return q < length ? q : period - 1 - q;
}

// Outputs `first` … `first + count − 1` of scipy's uniform_filter1d on a line of `length` values read by
// `at` (positions beyond the line are mirrored as scipy's 'reflect' does), written `step` apart from `out`,
// with NI_UniformFilter1D's running mean. A run holding NaN is averaged over its finite values instead (the
// reference would spread the NaN to the end of the line).
template <class At>
void boxLine(At at, int length, int size, int first, int count, std::vector<double> &buffer, double *out,
             std::ptrdiff_t step)
{
    const int before = size / 2;
    const auto span = static_cast<std::size_t>(count + size - 1);
    buffer.resize(span);
    bool finite = true;
    for (std::size_t i = 0; i < span; ++i) {
        buffer[i] = at(reflected(first - before + static_cast<int>(i), length));
        finite = finite && !std::isnan(buffer[i]);
    }
    const double width = size;
    const auto entering = [&](int i) { return buffer[static_cast<std::size_t>(i + size - 1)]; };
    const auto leaving = [&](int i) { return buffer[static_cast<std::size_t>(i - 1)]; };
    if (finite) {
        double mean = 0;
        for (int i = 0; i < size; ++i)
            mean += buffer[static_cast<std::size_t>(i)];
        mean /= width;
        out[0] = mean;
        for (int i = 1; i < count; ++i) {
            mean += (entering(i) - leaving(i)) / width;
            out[i * step] = mean;
        }
        return;
    }
    double sum = 0;
    int valid = 0;
    const auto add = [&](double value, int sign) {
        if (!std::isnan(value)) {
            sum += sign * value;
            valid += sign;
        }
    };
    for (int i = 0; i < size; ++i)
        add(buffer[static_cast<std::size_t>(i)], 1);
    out[0] = valid ? sum / valid : nan;
    for (int i = 1; i < count; ++i) {
        add(entering(i), 1);
        add(leaving(i), -1);
        out[i * step] = valid ? sum / valid : nan;
    }
}

} // namespace

double pairwiseSum(const double *values, std::size_t count)
{
    // numpy reduces a contiguous array in buffer-sized blocks of 8192, each summed pairwise.
    constexpr std::size_t block = 8192;
    double sum = 0;
    for (std::size_t start = 0; start < count; start += block)
        sum = sum + pairwiseBlock(values + start, std::min(block, count - start));
    return sum;
}

VisualCentre visualCentre(const PatchMask &patch, const cv::Mat1d &altitudeDeg, const cv::Mat1d &azimuthDeg)
{
    std::vector<double> altitudes, azimuths;
    for (int r = 0; r < patch.box.height; ++r)
        for (int c = 0; c < patch.box.width; ++c) {
            if (!patch.mask(r, c))
                continue;
            const double altitude = altitudeDeg(patch.box.y + r, patch.box.x + c);
            const double azimuth = azimuthDeg(patch.box.y + r, patch.box.x + c);
            if (altitude != 0)
                altitudes.push_back(altitude);
            if (azimuth != 0)
                azimuths.push_back(azimuth);
        }
    const auto mean = [](const std::vector<double> &values) {
        return values.empty() ? nan : pairwiseSum(values.data(), values.size()) / static_cast<double>(values.size());
    };
    return {mean(altitudes), mean(azimuths)};
}

cv::Mat1d filteredEccentricity(const PatchMask &patch, const cv::Mat1d &altitudeDeg, const cv::Mat1d &azimuthDeg,
                               const VisualCentre &centre, double filterSize)
{
    const cv::Rect &box = patch.box;
    cv::Mat1d result(box.size(), nan);
    if (!(filterSize > 1)) {
        for (int r = 0; r < box.height; ++r)
            for (int c = 0; c < box.width; ++c)
                if (patch.mask(r, c))
                    result(r, c) = eccentricityDeg(altitudeDeg(box.y + r, box.x + c), azimuthDeg(box.y + r, box.x + c), centre);
        return result;
    }
    const int height = altitudeDeg.rows, width = altitudeDeg.cols;
    const int size = static_cast<int>(filterSize);
    const int before = size / 2, after = size - before - 1;
    const cv::Rect region(cv::Point(std::max(0, box.x - before), std::max(0, box.y - before)),
                          cv::Point(std::min(width, box.br().x + after), std::min(height, box.br().y + after)));
    cv::Mat1d raw(region.size());
    for (int r = 0; r < region.height; ++r)
        for (int c = 0; c < region.width; ++c)
            raw(r, c) = eccentricityDeg(altitudeDeg(region.y + r, region.x + c), azimuthDeg(region.y + r, region.x + c), centre);

    // scipy filters along axis 0 (down the columns) first, then along the rows.
    cv::Mat1d down(box.height, region.width);
    std::vector<double> buffer;
    for (int c = 0; c < region.width; ++c)
        boxLine([&](int r) { return raw(r - region.y, c); }, height, size, box.y, box.height, buffer, &down(0, c),
                static_cast<std::ptrdiff_t>(down.step1()));
    std::vector<double> line(static_cast<std::size_t>(box.width));
    for (int r = 0; r < box.height; ++r) {
        boxLine([&](int c) { return down(r, c - region.x); }, width, size, box.x, box.width, buffer, line.data(), 1);
        for (int c = 0; c < box.width; ++c)
            if (patch.mask(r, c))
                result(r, c) = line[static_cast<std::size_t>(c)];
    }
    return result;
}

int eccentricityMinima(const cv::Mat1d &eccentricity, double step, cv::Mat1i &markers)
{
    double lowest = std::numeric_limits<double>::infinity(), highest = -lowest;
    for (int r = 0; r < eccentricity.rows; ++r)
        for (int c = 0; c < eccentricity.cols; ++c)
            if (!std::isnan(eccentricity(r, c))) {
                lowest = std::min(lowest, eccentricity(r, c));
                highest = std::max(highest, eccentricity(r, c));
            }
    markers = cv::Mat1i::zeros(eccentricity.size());
    if (lowest > highest)
        return 0;
    // The levels as numpy.arange(lowest − step, highest + 2·step, step) spaces them.
    const double first = lowest - step;
    const auto levels = static_cast<int>(std::ceil((highest + step * 2 - first) / step));
    const double delta = (first + step) - first;
    int regions = 0;
    cv::Mat1b below;
    for (int i = 0; i < levels && regions <= 1; ++i) {
        const double level = i == 0 ? first : i == 1 ? first + step : first + i * delta;
        cv::compare(eccentricity, level, below, cv::CMP_LE);
        regions = labelComponents(below, markers);
    }
    return regions;
}

} // namespace retino
