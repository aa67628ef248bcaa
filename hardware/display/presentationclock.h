#pragma once

#include <cstdint>

namespace hw {

// The monotonic clock that stamps every buffer swap of the stimulus display, in ns from an arbitrary origin.
// It is an interface so that the timing logic and the window can be driven by a scripted clock in tests,
// which makes them deterministic on a noisy machine.
class PresentationClock {
public:
    virtual ~PresentationClock() = default;
    // Any thread. Never goes backwards.
    virtual std::int64_t nowNs() const = 0;
};

// std::chrono::steady_clock, which is CLOCK_MONOTONIC on Linux. Camera host timestamps must come from the
// same clock, or stimulus rows and camera frames cannot be aligned.
class SteadyPresentationClock final : public PresentationClock {
public:
    std::int64_t nowNs() const override;
};

} // namespace hw
