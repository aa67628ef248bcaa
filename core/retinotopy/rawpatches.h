#pragma once

#include "core/retinotopy/patchmask.h"
#include "core/retinotopy/segmentationparameters.h"

#include <opencv2/core/mat.hpp>

#include <vector>

namespace retino {

// The patches before splitting and merging (_getRawPatchMap, then _getRawPatches with dilationPatches2 and
// labelPatches): |filtered sign| ≥ signMapThr, opened, each piece closed on its own; all grown by
// dilationIter until they meet, the thinned gaps left as borderWidth-px borders; then 4-connected pieces
// with a nonzero summed sign, of at least smallPatchThr pixels, within 2·borderWidth of another such patch.
// Pixels where `inside` is 0 belong to no patch. Largest first, named "1", "2", …
struct RawPatches {
    cv::Mat1s thresholded;            // −1 / 0 / +1 before the opening
    std::vector<SignedPatch> patches;
    int zeroSignPieces = 0;           // pieces dropped because their sign summed to exactly 0
};
RawPatches findRawPatches(const cv::Mat1d &signMapFiltered, const cv::Mat1b &inside,
                          const SegmentationParameters &parameters);

} // namespace retino
