#include "ui/acquisition/liveimage.h"

#include "core/acquisition/recorder.h"

#include <algorithm>

namespace ui {

namespace {

constexpr double LowPercentile = 0.005;
constexpr double HighPercentile = 0.995;

// The value below which `fraction` of the pixels lie, from a histogram of every value.
std::uint16_t percentile(const std::vector<std::uint32_t> &counts, std::uint64_t total, double fraction)
{
    const auto wanted = std::uint64_t(fraction * double(total));
    std::uint64_t seen = 0;
    for (std::size_t value = 0; value < counts.size(); ++value) {
        seen += counts[value];
        if (seen > wanted)
            return std::uint16_t(value);
    }
    return std::uint16_t(counts.size() - 1);
}

} // namespace

LiveImage renderLiveImage(const acq::LiveFrame &frame, int bitDepth)
{
    LiveImage image;
    image.cameraFrameId = frame.info.cameraFrameId;
    image.maxValue = std::uint16_t((1u << std::clamp(bitDepth, 1, 16)) - 1);
    const std::size_t pixelCount = std::size_t(frame.width) * std::size_t(frame.height);
    if (pixelCount == 0 || frame.pixels.size() < pixelCount)
        return image;

    // One count per possible value: exact percentiles, and one pass over the pixels.
    std::vector<std::uint32_t> counts(65536, 0);
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < pixelCount; ++i) {
        ++counts[frame.pixels[i]];
        sum += frame.pixels[i];
    }
    image.mean = double(sum) / double(pixelCount);
    const auto occupied = [](std::uint32_t n) { return n > 0; };
    image.darkest = std::uint16_t(std::find_if(counts.begin(), counts.end(), occupied) - counts.begin());
    image.brightest = std::uint16_t(counts.rend() - std::find_if(counts.rbegin(), counts.rend(), occupied) - 1);
    image.low = percentile(counts, pixelCount, LowPercentile);
    // At least one step wide, so that a flat frame still maps to a picture.
    const auto aboveLow = std::uint16_t(std::min(image.low + 1, 65535));
    image.high = std::max(percentile(counts, pixelCount, HighPercentile), aboveLow);

    std::uint64_t saturated = 0;
    for (std::size_t value = image.maxValue; value < counts.size(); ++value)
        saturated += counts[value];
    image.saturatedFraction = double(saturated) / double(pixelCount);

    image.histogram.assign(LiveImage::HistogramBins, 0);
    const double binWidth = (double(image.maxValue) + 1) / LiveImage::HistogramBins;
    for (std::size_t value = 0; value < counts.size(); ++value) {
        if (counts[value] > 0) {
            const auto bin = std::min<std::size_t>(std::size_t(double(value) / binWidth), LiveImage::HistogramBins - 1);
            image.histogram[bin] += counts[value];
        }
    }

    std::vector<std::uint8_t> grey(65536);
    const double scale = 255.0 / double(image.high - image.low);
    for (std::size_t value = 0; value < grey.size(); ++value)
        grey[value] = std::uint8_t(std::clamp((double(value) - image.low) * scale, 0.0, 255.0));
    image.picture = QImage(frame.width, frame.height, QImage::Format_Grayscale8);
    for (int y = 0; y < frame.height; ++y) {
        std::uint8_t *line = image.picture.scanLine(y);
        const std::uint16_t *source = frame.pixels.data() + std::size_t(y) * std::size_t(frame.width);
        for (int x = 0; x < frame.width; ++x)
            line[x] = grey[source[x]];
    }
    return image;
}

} // namespace ui
