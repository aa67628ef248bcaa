#include "hardware/display/framesequence.h"

#include <algorithm>
#include <utility>

namespace hw {

std::vector<std::uint32_t> FrameSequence::rowFrames() const
{
    std::vector<std::uint32_t> frames(rows.size());
    std::ranges::transform(rows, frames.begin(), &stimulus::StimulusFile::DisplayRow::frame);
    return frames;
}

FrameSequence frameSequenceOf(std::shared_ptr<const stimulus::StimulusFile> file)
{
    FrameSequence sequence;
    sequence.width = file->width();
    sequence.height = file->height();
    sequence.refreshHz = file->parameters().monitor.refreshHz;
    sequence.rows = file->displayRows();
    sequence.readFrame = [file = std::move(file)](std::uint64_t index, std::span<std::uint8_t> pixels) {
        file->readFrame(index, pixels);
    };
    return sequence;
}

} // namespace hw
