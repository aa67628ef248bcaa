#pragma once

#include <opencv2/core/mat.hpp>

#include <QtGui/QImage>

namespace ui {

// The values a colour bar spans: `low` and `high` get the same colour on a cyclic map.
struct ValueRange {
    double low = 0;
    double high = 1;
    double span() const { return high - low; }
};

// The display range of a position map: its 0.5th to 99.5th percentiles (finite values, inside `mask` when
// given), widened by an eighth of that span on each side and rounded out to whole steps of 5 or 10 degrees.
// On a cyclic map the two ends meet, so the widening keeps the smallest and largest positions of the cortex
// apart in colour; the rounding gives the colour bar readable ticks. A mask that keeps no finite value is
// ignored; {0, 1} when no value is finite at all.
ValueRange positionRange(const cv::Mat &values, const cv::Mat &mask = {});

// What becomes of the pixels outside a response mask: left out (transparent), or kept but dimmed, for maps
// still forming, whose mask may for a while keep almost nothing.
enum class OutsideMask { Hidden, Dimmed };

// A position map on the cyclic colour map (ARGB32, the map's size): transparent where the value is not
// finite, and where `mask` is 0 as `outside` says. With `power` (0 … 1, the map's size), each pixel is
// darkened towards black by the square root of its power, so that where the cortex responded stands out and
// weak responses stay visible.
QImage positionImage(const cv::Mat &values, ValueRange range, const cv::Mat &power = {}, const cv::Mat &mask = {},
                     OutsideMask outside = OutsideMask::Hidden);

// A grey picture (Format_Grayscale8) stretched between the 0.5th and 99.5th percentiles of the finite values:
// a vasculature or mean image for orientation.
QImage greyImage(const cv::Mat &values);

} // namespace ui
