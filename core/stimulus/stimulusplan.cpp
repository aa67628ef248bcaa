#include "core/stimulus/stimulusplan.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace stimulus {

namespace {

// Frame counts and flicker phases come from products like k · flicker / refresh that are whole numbers
// mathematically but may land a rounding error below one; this keeps such a value on the integer.
constexpr double roundingSlack = 1e-9;

std::int8_t checkerPhase(int sweepFrame, const StimulusParameters &parameters)
{
    if (parameters.flickerHz <= 0)
        return 1;
    const auto reversals =
        static_cast<long long>(std::floor(sweepFrame * parameters.flickerHz / parameters.monitor.refreshHz + roundingSlack));
    return reversals % 2 == 0 ? 1 : -1;
}

void appendSweep(Direction direction, const StimulusParameters &parameters, const SweepExtents &extents,
                 std::vector<UniqueFrame> &frames)
{
    const AngleRange range = sweepsAzimuth(direction) ? extents.azimuth : extents.altitude;
    const double halfWidth = parameters.barWidthDeg / 2;
    const bool increasing = direction == Direction::LeftToRight || direction == Direction::BottomToTop;
    const double start = increasing ? range.min - halfWidth : range.max + halfWidth;
    const double step = (increasing ? 1 : -1) * parameters.speedDegPerS / parameters.monitor.refreshHz;
    const double extent = range.max - range.min + parameters.barWidthDeg;
    const double count = std::ceil(extent / parameters.speedDegPerS * parameters.monitor.refreshHz - roundingSlack);
    if (count > std::numeric_limits<std::int32_t>::max())
        throw core::Error(std::string("stimulus: a ") + directionCode(direction) + " sweep would need " +
                          std::to_string(count) + " frames");
    for (int k = 0; k < static_cast<int>(count); ++k)
        frames.push_back({direction, k, start + step * k, checkerPhase(k, parameters)});
}

std::uint64_t gapFrames(double seconds, double refreshHz)
{
    return static_cast<std::uint64_t>(std::llround(seconds * refreshHz));
}

} // namespace

StimulusPlan planStimulus(const StimulusParameters &parameters, const SweepExtents &extents)
{
    StimulusPlan plan;
    plan.frames.push_back({std::nullopt, 0, 0, 0});

    // Where each distinct direction's sweep starts in frames, and how long it is.
    std::map<Direction, std::pair<std::uint32_t, std::uint32_t>> sweeps;
    for (const Direction direction : parameters.directions) {
        if (sweeps.contains(direction))
            continue;
        const auto first = static_cast<std::uint32_t>(plan.frames.size());
        appendSweep(direction, parameters, extents, plan.frames);
        sweeps[direction] = {first, static_cast<std::uint32_t>(plan.frames.size() - first)};
    }

    const double refresh = parameters.monitor.refreshHz;
    const auto addGap = [&](double seconds) { plan.display.insert(plan.display.end(), gapFrames(seconds, refresh), {0, -1, 0}); };
    addGap(parameters.preGapS);
    const auto totalSweeps = static_cast<std::int32_t>(parameters.directions.size()) * parameters.sweepsPerDirection;
    std::int32_t sweep = 0;
    for (const Direction direction : parameters.directions) {
        const auto [first, count] = sweeps.at(direction);
        for (int repeat = 0; repeat < parameters.sweepsPerDirection; ++repeat, ++sweep) {
            for (std::uint32_t k = 0; k < count; ++k)
                plan.display.push_back({first + k, sweep, static_cast<std::uint8_t>(k % 2 == 0 ? 1 : 0)});
            if (sweep + 1 < totalSweeps)
                addGap(parameters.interSweepGapS);
        }
    }
    addGap(parameters.postGapS);
    return plan;
}

} // namespace stimulus
