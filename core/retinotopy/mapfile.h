#pragma once

#include <opencv2/core/mat.hpp>

#include <string>

namespace retino {

// A 2-D map as CV_64F: `spec` is an image file OpenCV reads (float TIFF above all, as the Allen package and
// ImageJ write them; any single-channel depth) or "file.h5::/path/to/dataset", a 2-D numeric dataset. Throws
// core::Error naming the file (and the dataset) and the problem: missing file, unreadable image, more than
// one channel, missing dataset, not 2-D, not numeric.
cv::Mat readMap(const std::string &spec);

// Writes `map` (single channel) as a float TIFF through files::AtomicFile: float64 maps stay float64,
// everything else becomes float32.
void writeMapTiff(const std::string &path, const cv::Mat &map);

} // namespace retino
