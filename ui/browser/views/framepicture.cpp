#include "ui/browser/views/framepicture.h"

#include "ui/browser/sliceloader.h"

#include <array>
#include <cmath>

namespace ui {

namespace {

constexpr int HistogramBins = 256;

// The colours of colourIndices()' indices: the map resampled to its ShownIndexCount steps, and
// transparent for values without a colour.
std::array<QRgb, 256> colourTable(const ColourMap &map)
{
    std::array<QRgb, 256> table{};
    for (int index = 0; index < browse::ShownIndexCount; ++index)
        table[std::size_t(index)] = map.at(double(index) / (browse::ShownIndexCount - 1));
    table[browse::NoColourIndex] = qRgba(0, 0, 0, 0);
    return table;
}

browse::Histogram histogramOf(std::span<const float> values, const browse::Levels &range, browse::ValueScale scale,
                              bool integerValues)
{
    if (scale == browse::ValueScale::Log)
        return browse::histogram(values, range.low, range.high, HistogramBins, browse::BinSpacing::Logarithmic);
    // Integers over a narrow range: one bin per value, centred on it, so that no bin is empty merely
    // for holding no whole number.
    const double distinct = range.high - range.low + 1;
    if (integerValues && distinct <= HistogramBins)
        return browse::histogram(values, range.low - 0.5, range.high + 0.5, int(distinct));
    return browse::histogram(values, range.low, range.high, HistogramBins);
}

} // namespace

FramePicture renderFrame(const FrameRendering &rendering)
{
    FramePicture result;
    const std::span<const float> values = rendering.frame->floats;
    const auto width = std::size_t(rendering.width);
    browse::LevelsRule wholeRange;
    wholeRange.mode = browse::LevelsMode::MinMax;
    result.valueRange = browse::autoLevels(values, wholeRange, rendering.scale);
    if (result.valueRange)
        result.histogram = histogramOf(values, *result.valueRange, rendering.scale, rendering.integerValues);

    if (rendering.fixedLevels)
        result.levels = rendering.fixedLevels;
    else if (rendering.region)
        result.levels = browse::autoLevels(values, width, *rendering.region, rendering.rule, rendering.scale);
    // A visible region without a value to show falls back to the whole frame.
    if (!result.levels)
        result.levels = rendering.rule.mode == browse::LevelsMode::MinMax
                            ? result.valueRange
                            : browse::autoLevels(values, rendering.rule, rendering.scale);

    // A frame without a single shown value is drawn all transparent, whatever the levels.
    const browse::Levels levels = result.levels.value_or(browse::Levels{});
    const std::array<QRgb, 256> table = colourTable(rendering.colourMap);
    result.picture = QImage(rendering.width, rendering.height, QImage::Format_ARGB32_Premultiplied);
    // Qt gives a null image, not an exception, when memory for it is short.
    if (result.picture.isNull())
        return result;
    std::vector<std::uint8_t> indices(width);
    for (int row = 0; row < rendering.height; ++row) {
        browse::colourIndices(values.subspan(std::size_t(row) * width, width), levels, rendering.scale, indices);
        auto *pixels = reinterpret_cast<QRgb *>(result.picture.scanLine(row));
        for (std::size_t column = 0; column < width; ++column)
            pixels[column] = table[indices[column]];
    }
    return result;
}

} // namespace ui
