#pragma once

#include <algorithm>

namespace hw {

// Where the simulated sensor's pixels lie on the cortex, in mm from the centre of the image: x to the right
// (lateral to medial), y down (anterior to posterior), as a left hemisphere is seen through a macroscope with
// anterior up. Pixels are square; the image's longer side always spans the same field of view, so a smaller
// image is the same cortex sampled more coarsely, as binning would give.
struct ImagingGeometry {
    static constexpr double FieldOfViewMm = 5.4;

    int width = 0;
    int height = 0;
    double pixelSizeMm = 0;

    static ImagingGeometry forImage(int width, int height)
    {
        return {width, height, FieldOfViewMm / std::max(width, height)};
    }
    // Pixel coordinates may be fractional or lie outside the image; pixel centres are at integers.
    double xMm(double column) const { return (column + 0.5 - width / 2.0) * pixelSizeMm; }
    double yMm(double row) const { return (row + 0.5 - height / 2.0) * pixelSizeMm; }
};

} // namespace hw
