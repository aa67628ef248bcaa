#pragma once

#include <QtGui/QImage>

#include <cstdint>
#include <vector>

namespace acq {
struct LiveFrame;
}

namespace ui {

// What the live view shows of one camera frame: the picture stretched to 8 bits between two percentiles
// (auto contrast, so a dim 12-bit image is still visible), its histogram and how much of it is saturated.
struct LiveImage {
    static constexpr int HistogramBins = 256;

    QImage picture;                      // Format_Grayscale8, the frame's size
    std::vector<std::uint32_t> histogram; // HistogramBins bins evenly over [0, maxValue]
    std::uint16_t maxValue = 0;          // the camera's full scale: 2^bitDepth − 1
    std::uint16_t low = 0;               // the values shown as black and white
    std::uint16_t high = 0;
    std::uint16_t darkest = 0;
    std::uint16_t brightest = 0;
    double mean = 0;
    double saturatedFraction = 0;        // pixels at maxValue or above, over all pixels
    std::uint64_t cameraFrameId = 0;
};

// Black at the 0.5th and white at the 99.5th percentile: a few hot or dead pixels do not flatten the
// picture. Pure; runs on a worker (a 2048 × 2048 frame takes a few tens of milliseconds).
LiveImage renderLiveImage(const acq::LiveFrame &frame, int bitDepth);

} // namespace ui
