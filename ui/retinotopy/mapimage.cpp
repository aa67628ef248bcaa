#include "ui/retinotopy/mapimage.h"

#include "ui/retinotopy/cycliccolormap.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ui {

namespace {

constexpr double LowPercentile = 0.005;
constexpr double HighPercentile = 0.995;
// Dimmed pixels outside the mask keep a third of their brightness: seen, but not mistaken for response.
constexpr double DimmedBrightness = 0.3;

// The finite values of `values` (any depth, one channel) where `mask` is non-zero, as doubles.
std::vector<double> finiteValues(const cv::Mat &values, const cv::Mat &mask)
{
    cv::Mat1d asDouble;
    values.convertTo(asDouble, CV_64F);
    std::vector<double> found;
    found.reserve(asDouble.total());
    for (int row = 0; row < asDouble.rows; ++row) {
        const double *line = asDouble[row];
        const std::uint8_t *allowed = mask.empty() ? nullptr : mask.ptr<std::uint8_t>(row);
        for (int col = 0; col < asDouble.cols; ++col)
            if (std::isfinite(line[col]) && (!allowed || allowed[col]))
                found.push_back(line[col]);
    }
    return found;
}

// The values at two fractions of the sorted order; `values` is reordered.
std::pair<double, double> percentiles(std::vector<double> &values, double low, double high)
{
    const auto at = [&](double fraction) {
        const auto index = std::size_t(fraction * double(values.size() - 1));
        std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(index), values.end());
        return values[index];
    };
    return {at(low), at(high)};
}

cv::Mat1b maskOf(const cv::Mat &mask, const cv::Size &size)
{
    if (mask.empty() || mask.size() != size)
        return {};
    cv::Mat1b converted;
    mask.convertTo(converted, CV_8U);
    return converted;
}

} // namespace

ValueRange positionRange(const cv::Mat &values, const cv::Mat &mask)
{
    std::vector<double> found = finiteValues(values, maskOf(mask, values.size()));
    if (found.empty())
        found = finiteValues(values, {});
    if (found.empty())
        return {};
    auto [low, high] = percentiles(found, LowPercentile, HighPercentile);
    const double margin = std::max(high - low, 1e-6) / 8;
    low -= margin;
    high += margin;
    const double step = high - low > 60 ? 10 : 5;
    return {std::floor(low / step) * step, std::ceil(high / step) * step};
}

QImage positionImage(const cv::Mat &values, ValueRange range, const cv::Mat &power, const cv::Mat &mask,
                     OutsideMask outside)
{
    cv::Mat1f position;
    values.convertTo(position, CV_32F);
    cv::Mat1f weight;
    if (!power.empty() && power.size() == values.size())
        power.convertTo(weight, CV_32F);
    const cv::Mat1b allowed = maskOf(mask, values.size());
    const CyclicColorMap &colours = CyclicColorMap::instance();
    const double span = range.span() > 0 ? range.span() : 1;

    QImage image(position.cols, position.rows, QImage::Format_ARGB32);
    for (int row = 0; row < position.rows; ++row) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(row));
        for (int col = 0; col < position.cols; ++col) {
            const float value = position(row, col);
            const bool inMask = allowed.empty() || allowed(row, col);
            if (!std::isfinite(value) || (!inMask && outside == OutsideMask::Hidden)) {
                line[col] = qRgba(0, 0, 0, 0);
                continue;
            }
            double brightness = inMask ? 1.0 : DimmedBrightness;
            if (!weight.empty()) {
                const float w = weight(row, col);
                brightness *= std::isfinite(w) ? std::sqrt(std::clamp(double(w), 0.0, 1.0)) : 0.0;
            }
            const QRgb colour = colours.at((value - range.low) / span);
            line[col] = qRgb(int(qRed(colour) * brightness), int(qGreen(colour) * brightness),
                             int(qBlue(colour) * brightness));
        }
    }
    return image;
}

QImage greyImage(const cv::Mat &values)
{
    std::vector<double> found = finiteValues(values, {});
    cv::Mat1d asDouble;
    values.convertTo(asDouble, CV_64F);
    QImage image(asDouble.cols, asDouble.rows, QImage::Format_Grayscale8);
    if (found.empty()) {
        image.fill(0);
        return image;
    }
    const auto [low, high] = percentiles(found, LowPercentile, HighPercentile);
    const double scale = high > low ? 255 / (high - low) : 0;
    for (int row = 0; row < asDouble.rows; ++row) {
        std::uint8_t *line = image.scanLine(row);
        for (int col = 0; col < asDouble.cols; ++col) {
            const double value = asDouble(row, col);
            line[col] = std::isfinite(value) ? std::uint8_t(std::clamp((value - low) * scale, 0.0, 255.0)) : 0;
        }
    }
    return image;
}

} // namespace ui
