#include "core/retinotopy/visualsignmap.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace retino {

cv::Mat1d gaussianFilter(const cv::Mat1d &image, double sigma)
{
    if (!(sigma > 1e-15))
        return image.clone();
    const int radius = static_cast<int>(4.0 * sigma + 0.5);
    cv::Mat1d result;
    cv::GaussianBlur(image, result, cv::Size(2 * radius + 1, 2 * radius + 1), sigma, sigma, cv::BORDER_REFLECT);
    return result;
}

Gradient gradient(const cv::Mat1d &image)
{
    CV_Assert(image.rows >= 2 && image.cols >= 2);
    Gradient g{cv::Mat1d(image.size()), cv::Mat1d(image.size())};
    const int last = image.rows - 1;
    for (int r = 0; r <= last; ++r) {
        const double *above = image[r == 0 ? 0 : r - 1];
        const double *below = image[r == last ? last : r + 1];
        const double *row = image[r];
        double *dr = g.alongRows[r];
        double *dc = g.alongColumns[r];
        const bool edge = r == 0 || r == last;
        for (int c = 0; c < image.cols; ++c)
            dr[c] = edge ? below[c] - above[c] : (below[c] - above[c]) / 2.0;
        const int lastColumn = image.cols - 1;
        dc[0] = row[1] - row[0];
        for (int c = 1; c < lastColumn; ++c)
            dc[c] = (row[c + 1] - row[c - 1]) / 2.0;
        dc[lastColumn] = row[lastColumn] - row[lastColumn - 1];
    }
    return g;
}

cv::Mat1d visualSignMap(const Gradient &altitude, const Gradient &azimuth)
{
    cv::Mat1d sign(altitude.alongRows.size());
    cv::parallel_for_(cv::Range(0, sign.rows), [&](const cv::Range &rows) {
        for (int r = rows.start; r < rows.end; ++r)
            for (int c = 0; c < sign.cols; ++c) {
                const double altitudeDirection = std::atan2(altitude.alongColumns(r, c), altitude.alongRows(r, c));
                const double azimuthDirection = std::atan2(azimuth.alongColumns(r, c), azimuth.alongRows(r, c));
                // sin(arg(e^{iα}·e^{−iβ})) = sin(α − β): the argument only wraps α − β by 2π.
                sign(r, c) = std::sin(altitudeDirection - azimuthDirection);
            }
    });
    return sign;
}

cv::Mat1d jacobianDeterminant(const Gradient &altitude, const Gradient &azimuth)
{
    cv::Mat1d determinant(altitude.alongRows.size());
    for (int r = 0; r < determinant.rows; ++r)
        for (int c = 0; c < determinant.cols; ++c)
            determinant(r, c) = std::abs(altitude.alongRows(r, c) * azimuth.alongColumns(r, c)
                                         - altitude.alongColumns(r, c) * azimuth.alongRows(r, c));
    return determinant;
}

} // namespace retino
