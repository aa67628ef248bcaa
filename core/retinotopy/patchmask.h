#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <initializer_list>
#include <string>

namespace retino {

// One patch of cortex, stored as its bounding box in the map and a mask of that size: the segmentation's
// morphology then runs on boxes a few pixels larger than the patch instead of on the whole map.
struct PatchMask {
    cv::Rect box;       // map pixels
    cv::Mat1b mask;     // box.size(), 255 inside
    std::int64_t area = 0;
};

// The nonzero pixels of `image`, whose top-left pixel lies at `origin` in the map, cropped to their
// bounding box (empty box and area 0 when there are none).
PatchMask cropped(const cv::Mat1b &image, cv::Point origin);

// `box` grown by `margin` pixels on every side and clipped to the map. Morphology with border value 0 on
// such a crop equals morphology on the whole map as long as `margin` covers the steps' reach: where the crop
// was clipped it ends at the map's own edge.
cv::Rect grown(const cv::Rect &box, int margin, cv::Size mapSize);

// The patches painted (255) into a new image covering `box`.
cv::Mat1b painted(std::initializer_list<const PatchMask *> patches, const cv::Rect &box);

} // namespace retino

namespace retino {

// A patch on its way through the segmentation: its pixels, its visual field sign and the name the steps'
// log gives it ("3", "1.2" for the second piece of patch 1, "13+1.1" for a merge).
struct SignedPatch {
    PatchMask region;
    int sign = 0;
    std::string name;
};

} // namespace retino
