#include "hardware/display/presentationclock.h"

#include <chrono>

namespace hw {

std::int64_t SteadyPresentationClock::nowNs() const
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace hw
