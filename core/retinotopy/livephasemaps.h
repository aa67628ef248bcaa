#pragma once

#include "core/retinotopy/analysisparameters.h"
#include "core/retinotopy/retinotopymaps.h"

#include <cstdint>
#include <memory>
#include <span>

namespace acq {
class StimulusTimeline;
}

namespace retino {

// Phase maps that form while a recording runs: each frame handed in (any subset of the recorded ones: the
// phase comes from the frame's own timestamp, so frames may be skipped when the machine is busy) joins its
// direction's running F1 at once. Frames are averaged down to at most `maxSide` pixels on their longer side.
// There is no drift removal (it needs the whole run); the F0 leakage correction is applied, and each frame is
// divided by its mean (the offline analysis's finer global-signal removal needs the finished maps). Thread-safe:
// addFrame from a worker, snapshot from the GUI.
class LivePhaseMaps {
public:
    LivePhaseMaps(const acq::StimulusTimeline &timeline, AnalysisParameters parameters, int maxSide = 256);
    ~LivePhaseMaps();

    // A camera frame (width × height, row-major) taken at hostNs (acq::hostNowNs()). Frames outside every
    // run (the gaps before and after) are ignored; false then.
    bool addFrame(std::span<const std::uint16_t> pixels, int width, int height, std::int64_t hostNs);

    std::uint64_t framesUsed() const;
    // The maps from the frames so far (no segmentation); empty maps before any direction has frames.
    RetinotopyMaps snapshot() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace retino
