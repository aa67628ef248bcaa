#pragma once

#include "core/retinotopy/segmentationparameters.h"

#include <nlohmann/json_fwd.hpp>
#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace retino {

// One visual area candidate: a patch of cortex with a uniform visual field sign.
struct Patch {
    int sign;                 // +1 or −1: the sign of the summed filtered sign map over the patch
    std::int64_t areaPx;
    cv::Point2d centroidRc;   // mean (row, column) of its pixels
    cv::Mat1b mask;           // map-sized, 255 inside
};

struct Segmentation {
    cv::Mat1d signMap;            // raw visual field sign, [−1, 1]; NaN where a map is undefined
    cv::Mat1d signMapFiltered;    // after signMapFilterSigma (undefined pixels counted as 0, shown as NaN)
    cv::Mat1s signMapThresholded; // −1 / 0 / +1: the sign where |filtered sign| ≥ signMapThr
    cv::Mat1d eccentricityMap;    // smoothed eccentricity (degrees) of each raw patch around its own centre,
                                  // as the reference computes it to split patches; NaN outside the raw patches
    cv::Mat1i labels;             // final patches 1..N in the order of `patches`, 0 elsewhere
    cv::Mat1b borders;            // 255 on the inner borderWidth-px rim of every final patch
    std::vector<Patch> patches;   // final patches, largest first
    int rawPatchCount = 0;
    std::vector<std::string> steps; // what happened, for people: "13 raw patches", "split patch 1 …", …
};

// Segments cortex into visual areas from retinotopic maps: the algorithm of Zhuang et al. 2017 (eLife
// 6:e18372) as the Allen Institute's retinotopic_mapping package implements it
// (RetinotopicMappingTrial.processTrial: _getSignMap, _getRawPatchMap, _getRawPatches, _getDeterminantMap,
// _getEccentricityMap, _splitPatches, _mergePatches), step for step, with scipy's and scikit-image's
// border and tie-breaking rules, so that it finds the same patches.
//
// `altitudeDeg` and `azimuthDeg` are same-sized single-channel maps in degrees (any depth; converted to
// double). The power maps are accepted for symmetry with the reference, which only smooths them for display:
// they do not change the result (when given they must match the maps' size). NaN pixels in either map are
// outside every patch. Throws core::Error for parameters out of range and for empty, mismatched,
// multi-channel, too small (< 2×2) or all-NaN maps. Runs on the calling thread (OpenCV's worker threads
// help inside) and keeps no state, so calls may run concurrently; about 0.1 s for a 450×450 map, so call it
// off the UI thread.
Segmentation segmentAreas(const cv::Mat &altitudeDeg, const cv::Mat &azimuthDeg, const SegmentationParameters &parameters,
                          const cv::Mat &altitudePower = {}, const cv::Mat &azimuthPower = {});

// {"patches": [{"area_px", "sign", "centroid_rc": [row, column]}, …]} largest first, plus "raw_patches" and
// "steps".
nlohmann::json patchesJson(const Segmentation &segmentation);

} // namespace retino
