#pragma once

#include <nlohmann/json.hpp>

// The stimulus the tests generate: 64 × 36 pixels at 30 Hz, fast sweeps, two directions, short gaps —
// made in well under a second. `barWidthDeg` varies the identity where a test needs several stimuli.
inline nlohmann::json tinyStimulusParameters(double barWidthDeg = 20)
{
    return {{"monitor", {{"width_px", 64}, {"height_px", 36}, {"refresh_hz", 30}}},
            {"bar_width_deg", barWidthDeg},
            {"speed_deg_per_s", 120},
            {"directions", {"LR", "TB"}},
            {"sweeps_per_direction", 2},
            {"pre_gap_s", 0.2},
            {"post_gap_s", 0.2}};
}
