#pragma once

#include "core/stimulus/geometry.h"
#include "core/stimulus/stimulusparameters.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace stimulus {

// Which frames a stimulus stores and in which order it shows them; no pixels. The drifting bar with a
// counter-phase checkerboard follows Marshel et al. 2011 (Methods, "Visual stimulation"), after Kalatsky &
// Stryker 2003; the per-sweep log follows Juavinett et al. 2017.

// One frame stored in /frames.
struct UniqueFrame {
    std::optional<Direction> direction; // none: the background frame
    int sweepFrame = 0;                 // position within its sweep, from 0
    double barCenterDeg = 0;            // the bar centre in sweep coordinates (azimuth for LR/RL, else altitude)
    std::int8_t polarity = 0;           // the checkerboard's phase, +1 or −1; 0 for the background
};

// One displayed frame (one refresh).
struct DisplayStep {
    std::uint32_t frame = 0;      // index into the unique frames
    std::int32_t sweep = -1;      // counting from 0 across the whole presentation; −1 in gaps
    std::uint8_t photodiode = 0;
};

// The smallest and largest sweep coordinates over the screen's pixels.
struct SweepExtents {
    AngleRange azimuth;
    AngleRange altitude;
};

struct StimulusPlan {
    // frames[0] is the background; then one sweep per distinct direction, in order of first appearance.
    std::vector<UniqueFrame> frames;
    std::vector<DisplayStep> display;
};

// Every sweep of a direction starts with the bar just off the screen (centre at min − width/2 for LR and BT,
// max + width/2 for RL and TB) and moves speed/refresh per frame until it has just left the far side:
// ceil((max − min + width) / speed · refresh) frames. The checkerboard's phase starts at +1 with each sweep
// and reverses every 1/flicker_hz s (never when flicker_hz is 0), so all sweeps of a direction are identical.
// The display is pre_gap, then per entry of `directions` its sweeps separated by inter_sweep_gap (none after
// the last sweep of the presentation), then post_gap; gaps last round(gap · refresh) background frames. The
// photodiode patch is on for a sweep's first frame and every other frame after it, off in gaps, so a
// photodiode trace shows each sweep onset and every frame flip.
StimulusPlan planStimulus(const StimulusParameters &parameters, const SweepExtents &extents);

} // namespace stimulus
