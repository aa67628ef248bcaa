#pragma once

#include "core/stimulus/stimulusfile.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace hw {

// Everything the stimulus display needs to know about what to show, as plain values, so that the window and
// its tests do not depend on how frames are stored.
struct FrameSequence {
    int width = 0;                                         // frame size in pixels; must be the screen's
    int height = 0;
    double refreshHz = 0;                                  // the refresh the rows were made for
    std::vector<stimulus::StimulusFile::DisplayRow> rows;  // one per refresh, in presentation order
    // Reads unique frame `index` (row-major, 8-bit, row 0 at the top) into `pixels` (width * height bytes).
    // Called on the prefetch thread only, one call at a time; may throw (core::Error naming the file).
    std::function<void(std::uint64_t index, std::span<std::uint8_t> pixels)> readFrame;

    std::vector<std::uint32_t> rowFrames() const;  // the rows' frame column
};

// The sequence of a stimulus file. The prefetch thread reads through `file` while the display runs, so no
// other thread may use it meanwhile (core/h5 files have one owning thread at a time).
FrameSequence frameSequenceOf(std::shared_ptr<const stimulus::StimulusFile> file);

} // namespace hw
