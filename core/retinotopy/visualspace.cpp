#include "core/retinotopy/visualspace.h"

#include "core/retinotopy/binarymorphology.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace retino {

namespace {

constexpr double altitudeFirst = -40, altitudeEnd = 60;
constexpr double azimuthFirst = -20, azimuthEnd = 120;

// numpy's floor division of doubles (npy_divmod), which rounds the quotient of values a hair below a cell
// boundary the way the reference does; plain std::floor(a / b) can land in the neighbouring cell.
double floorDivide(double a, double b)
{
    double mod = std::fmod(a, b);
    double quotient = (a - mod) / b;
    if (mod != 0 && ((b < 0) != (mod < 0)))
        quotient -= 1.0;
    if (quotient == 0)
        return std::copysign(0.0, a / b);
    double floored = std::floor(quotient);
    if (quotient - floored > 0.5)
        floored += 1.0;
    return floored;
}

} // namespace

cv::Mat1b visualCoverage(const PatchMask &patch, const cv::Mat1d &altitudeDeg, const cv::Mat1d &azimuthDeg,
                         double cellDeg, int closeIter)
{
    const int rows = static_cast<int>(std::ceil((altitudeEnd - altitudeFirst) / cellDeg));
    const int cols = static_cast<int>(std::ceil((azimuthEnd - azimuthFirst) / cellDeg));
    cv::Mat1b grid(rows, cols, std::uint8_t{0});
    for (int r = 0; r < patch.box.height; ++r)
        for (int c = 0; c < patch.box.width; ++c) {
            if (!patch.mask(r, c))
                continue;
            const double altitude = altitudeDeg(patch.box.y + r, patch.box.x + c);
            const double azimuth = azimuthDeg(patch.box.y + r, patch.box.x + c);
            if (!(altitude >= altitudeFirst && altitude < altitudeEnd && azimuth >= azimuthFirst && azimuth < azimuthEnd))
                continue;
            const int row = static_cast<int>(floorDivide(altitude - altitudeFirst, cellDeg));
            const int col = static_cast<int>(floorDivide(azimuth - azimuthFirst, cellDeg));
            grid(std::min(row, rows - 1), std::min(col, cols - 1)) = 255;
        }
    if (closeIter < 1)
        return grid;
    const PatchMask cells = cropped(grid, {0, 0});
    if (cells.area == 0)
        return grid;
    const cv::Rect box = grown(cells.box, closeIter, grid.size());
    grid.setTo(0);
    binaryClose(painted({&cells}, box), closeIter).copyTo(grid(box));
    return grid;
}

double coverageArea(const cv::Mat1b &coverage, double cellDeg)
{
    return static_cast<double>(cv::countNonZero(coverage)) * (cellDeg * cellDeg);
}

} // namespace retino
