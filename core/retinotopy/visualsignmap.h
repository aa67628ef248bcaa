#pragma once

#include <opencv2/core/mat.hpp>

namespace retino {

// scipy.ndimage.gaussian_filter(image, sigma): truncated at 4σ (a kernel of 2·int(4σ + 0.5) + 1 taps),
// 'reflect' borders (the edge pixel repeated, OpenCV's BORDER_REFLECT); σ ≤ 1e-15 leaves the image as it
// is. NaN spreads over the kernel's reach, as in scipy.
cv::Mat1d gaussianFilter(const cv::Mat1d &image, double sigma);

// numpy.gradient(image): central differences inside, one-sided differences on the first and last row and
// column. Needs at least two rows and two columns.
struct Gradient {
    cv::Mat1d alongRows;    // ∂/∂row (numpy's axis 0)
    cv::Mat1d alongColumns; // ∂/∂column (axis 1)
};
Gradient gradient(const cv::Mat1d &image);

// The visual field sign of Sereno et al. 1994 as the Allen code computes it (visualSignMap): the sine of the
// angle between the gradient directions of altitude and azimuth, sin(arg(e^{iθ_alt} · e^{−iθ_azi})) with
// θ = atan2(∂/∂column, ∂/∂row); +1 where the map is a mirror image of the visual field in one sense, −1 in
// the other. NaN where either gradient is.
cv::Mat1d visualSignMap(const Gradient &altitude, const Gradient &azimuth);

// |det| of the Jacobian of (altitude, azimuth) over (row, column): visual-field degrees² per pixel
// (_getDeterminantMap).
cv::Mat1d jacobianDeterminant(const Gradient &altitude, const Gradient &azimuth);

} // namespace retino
