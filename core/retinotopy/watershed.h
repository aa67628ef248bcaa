#pragma once

#include <opencv2/core/mat.hpp>

namespace retino {

// Marker-based watershed by priority flooding, with scikit-image's semantics (skimage.segmentation.watershed
// with an 8-connected neighbourhood, no compactness, no watershed line), which the Allen code uses to split a
// patch along its eccentricity map: pixels leave a binary heap ordered by (value, time of entry), and a pixel
// takes the label of the neighbour that first pushes it. `labels` holds the markers (> 0) on entry and every
// floodable pixel's label on return; only pixels where `mask` is nonzero are flooded, and markers outside
// the mask are dropped. `image` and `mask` have the size of `labels`; pixels beyond the edge are never
// reached.
void watershed(const cv::Mat1d &image, const cv::Mat1b &mask, cv::Mat1i &labels);

} // namespace retino
