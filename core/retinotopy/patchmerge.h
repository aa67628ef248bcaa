#pragma once

#include "core/retinotopy/patchmask.h"
#include "core/retinotopy/segmentationparameters.h"

#include <opencv2/core/mat.hpp>

#include <string>
#include <vector>

namespace retino {

// _mergePatches: neighbours of the same sign (within 2·borderWidth of each other) that see nearly disjoint
// parts of the visual field (the shared coverage is at most mergeOverlapThr of each one's own) are one area
// cut in two, and are joined: their union closed with borderWidth steps, if that is one piece. Each round
// takes the qualifying pairs by smallest overlap, then largest joint coverage, merging each pair whose two
// patches are still there; rounds repeat until no pair qualifies. Then patches under smallPatchThr go, and
// the rest are returned largest first. Pixels where `inside` is 0 stay outside. Each merge is described in
// `steps`.
std::vector<SignedPatch> mergePatches(std::vector<SignedPatch> patches, const cv::Mat1d &altitudeDeg,
                                      const cv::Mat1d &azimuthDeg, const cv::Mat1b &inside,
                                      const SegmentationParameters &parameters, std::vector<std::string> &steps);

} // namespace retino
