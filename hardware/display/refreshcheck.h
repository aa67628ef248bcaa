#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace hw {

// How far the measured refresh may stray before the display refuses to run.
struct RefreshTolerances {
    double rate = 0.05;               // the median swap interval may differ from 1/refresh_hz by 5 %
    double interval = 0.25;           // an interval more than 25 % away from the median is irregular
    double irregularFraction = 0.10;  // at most 10 % of the intervals may be irregular
};

enum class RefreshVerdict {
    Honoured,          // swaps wait for the refresh at the expected rate
    TooFewSwaps,       // fewer than two timestamps: nothing was measured
    VsyncNotHonoured,  // swaps return faster than any monitor refreshes, or the rate is off and irregular
    WrongRate,         // regular swaps at a plausible monitor rate, but not the stimulus's refresh_hz
    Irregular,         // the median is right but too many intervals stray from it
};

// The outcome of the check made before a presentation starts.
struct RefreshCheck {
    RefreshVerdict verdict = RefreshVerdict::TooFewSwaps;
    double expectedHz = 0;
    double measuredHz = 0;           // 1 s / median interval; 0 when nothing was measured
    std::int64_t medianIntervalNs = 0;
    std::size_t intervals = 0;
    std::size_t irregularIntervals = 0;
    std::string message;             // empty when honoured; otherwise says what was measured and what to fix

    bool honoured() const { return verdict == RefreshVerdict::Honoured; }
};

// Decides from consecutive swap timestamps (presentation clock, ns, non-decreasing) whether the display
// presents one image per refresh at `expectedHz`. The median interval is the measured period, so that a
// single stall during the check does not fail it; the share of irregular intervals bounds the jitter. The
// classic failure this catches is "sync to vblank" being off: swaps then return at once, hundreds of times a
// second, and every frame's timing would be wrong.
RefreshCheck checkRefresh(std::span<const std::int64_t> swapTimestampsNs, double expectedHz,
                          const RefreshTolerances &tolerances = {});

} // namespace hw
