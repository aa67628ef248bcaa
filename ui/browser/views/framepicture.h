#pragma once

#include "core/browse/levels.h"
#include "ui/browser/views/colormaps.h"

#include <QtGui/QImage>

#include <memory>
#include <optional>

namespace ui {

struct Slice;

// Everything a frame's picture depends on, copied, so that it can be drawn on a worker while the view
// changes.
struct FrameRendering {
    std::shared_ptr<const Slice> frame; // Float32, `width` × `height` values, row-major
    int width = 0;
    int height = 0;
    bool integerValues = false; // the dataset holds integers: histogram bins fall on whole numbers
    browse::LevelsRule rule;
    std::optional<browse::ImageRegion> region;    // levels from this part only (the part on screen)
    std::optional<browse::Levels> fixedLevels;    // these levels instead of the rule's
    browse::ValueScale scale = browse::ValueScale::Linear;
    ColourMap colourMap;
};

struct FramePicture {
    // ARGB32 premultiplied; transparent where a value has no colour (NaN, and ≤ 0 on a log scale).
    QImage picture;
    // The levels used: fixedLevels, or the rule's; none when no value has a colour.
    std::optional<browse::Levels> levels;
    // The smallest and largest value with a colour; none when there is none.
    std::optional<browse::Levels> valueRange;
    browse::Histogram histogram; // over valueRange
};

// Levels, histogram and picture of one frame: a few passes over the values, 20–40 ms for a 2048 × 2048
// frame, so the view runs it on a worker.
FramePicture renderFrame(const FrameRendering &rendering);

} // namespace ui
