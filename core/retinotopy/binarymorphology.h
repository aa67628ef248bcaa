#pragma once

#include <opencv2/core/mat.hpp>

namespace retino {

// Binary morphology as scipy.ndimage does it with its default structuring element (the 3×3 cross) and
// border_value 0, which is what the Allen segmentation relies on: pixels outside the image count as
// background for every step, so an erosion (and hence a closing) also eats into a region from the image's
// edge. Images are CV_8U, nonzero inside; results are 0/255. `iterations` ≥ 1 repeats the step that often.
cv::Mat1b binaryErode(const cv::Mat1b &image, int iterations);
cv::Mat1b binaryDilate(const cv::Mat1b &image, int iterations);
cv::Mat1b binaryOpen(const cv::Mat1b &image, int iterations);   // erode, then dilate
cv::Mat1b binaryClose(const cv::Mat1b &image, int iterations);  // dilate, then erode

// Connected components of the nonzero pixels under 4-connectivity (scipy.ndimage.label's default); labels
// 1..N in `labels` (CV_32S), 0 outside. Returns N.
int labelComponents(const cv::Mat1b &image, cv::Mat1i &labels);

// The Zhang–Suen thinning exactly as scikit-image's skeletonize() does it for 2-D images (its removal
// look-up table, both sub-iterations reading the state left by the previous one, outside = background):
// the Allen code thins patch borders with it.
cv::Mat1b skeletonize(const cv::Mat1b &image);

} // namespace retino
