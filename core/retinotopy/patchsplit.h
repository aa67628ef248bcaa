#pragma once

#include "core/retinotopy/patchmask.h"
#include "core/retinotopy/segmentationparameters.h"

#include <opencv2/core/mat.hpp>

#include <string>
#include <vector>

namespace retino {

// _getEccentricityMap and _splitPatches: a patch whose Jacobian-weighted area (the visual field it would
// cover if no two of its pixels saw the same place) is at least splitOverlapThr times the field it
// uniquely covers represents part of the field twice, so it is cut along the watershed of its smoothed
// eccentricity map between the eccentricity minima found by eccentricityMinima(), when there are at least
// two. Unsplit patches keep their order; the pieces follow them. `altitudeDeg` and `azimuthDeg` are the
// smoothed maps; `determinant` their Jacobian determinant. Each split is described in `steps`.
struct SplitPatches {
    std::vector<SignedPatch> patches;
    cv::Mat1d eccentricity; // map-sized: every raw patch's smoothed eccentricity, NaN elsewhere
};
SplitPatches splitPatches(const std::vector<SignedPatch> &raw, const cv::Mat1d &altitudeDeg, const cv::Mat1d &azimuthDeg,
                          const cv::Mat1d &determinant, const SegmentationParameters &parameters,
                          std::vector<std::string> &steps);

} // namespace retino
