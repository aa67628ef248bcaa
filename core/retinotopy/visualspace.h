#pragma once

#include "core/retinotopy/patchmask.h"

#include <opencv2/core/mat.hpp>

namespace retino {

// The part of the visual field a patch of cortex responds to, on the Allen code's fixed grid
// (Patch.getVisualSpace): altitude −40…60° by azimuth −20…120° in cells of `cellDeg`, a cell set where
// some pixel of the patch maps into it (pixels outside that field or NaN are ignored), then closed with
// `closeIter` steps of the 3×3 cross (none for 0) to fill the gaps between pixels. Row = altitude bin,
// column = azimuth bin; 255 inside.
cv::Mat1b visualCoverage(const PatchMask &patch, const cv::Mat1d &altitudeDeg, const cv::Mat1d &azimuthDeg,
                         double cellDeg, int closeIter);

// Area of a coverage in degrees² (the reference's "unique area" AU).
double coverageArea(const cv::Mat1b &coverage, double cellDeg);

} // namespace retino
