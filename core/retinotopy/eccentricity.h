#pragma once

#include "core/retinotopy/patchmask.h"

#include <opencv2/core/mat.hpp>

#include <vector>

namespace retino {

// Where a patch looks on average: the mean altitude and azimuth of its pixels (Patch.getPixelVisualCenter,
// which skips pixels whose value is exactly 0), summed pairwise as numpy does.
struct VisualCentre {
    double altitudeDeg;
    double azimuthDeg;
};
VisualCentre visualCentre(const PatchMask &patch, const cv::Mat1d &altitudeDeg, const cv::Mat1d &azimuthDeg);

// The Allen code's smoothed eccentricity of one patch (_getEccentricityMap): the angular distance (degrees)
// of every map pixel's visual-field position from `centre`, box-filtered as
// scipy.ndimage.uniform_filter(map, size=eccMapFilterSigma) does it over the whole map (size truncated to
// an integer, 'reflect' borders, a running mean along each column and then each row; no filtering unless
// size > 1), read at the patch's pixels. Only the patch's box and the filter's reach around it are computed.
// Returns a patch.box-sized map, NaN outside the patch. NaN positions in the map are left out of the box
// means around them.
cv::Mat1d filteredEccentricity(const PatchMask &patch, const cv::Mat1d &altitudeDeg, const cv::Mat1d &azimuthDeg,
                               const VisualCentre &centre, double filterSize);

// The seeds for splitting a patch (localMin): eccentricity levels from its minimum − step upwards in steps of
// `step` degrees; at the first level whose pixels at or below it form more than one 4-connected region,
// those regions labelled 1..N in `markers`. When no level does, the regions of the last level (N ≤ 1).
// `eccentricity` is NaN outside the patch. Returns N.
int eccentricityMinima(const cv::Mat1d &eccentricity, double step, cv::Mat1i &markers);

// numpy's pairwise summation (what np.sum and np.mean use for float64): accurate, and the reference's means.
double pairwiseSum(const double *values, std::size_t count);

} // namespace retino
