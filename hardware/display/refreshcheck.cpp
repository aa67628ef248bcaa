#include "hardware/display/refreshcheck.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace hw {

namespace {

// Above every monitor on sale (the fastest refresh at 540 Hz): a faster, regular swap rate means the swaps
// do not wait for a refresh at all.
constexpr double FastestPlausibleHz = 600;

std::string format(const char *pattern, auto... values)
{
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, pattern, values...);
    return buffer;
}

std::string describe(const RefreshCheck &check, std::size_t swaps, const RefreshTolerances &tolerances)
{
    switch (check.verdict) {
    case RefreshVerdict::Honoured:
        return {};
    case RefreshVerdict::TooFewSwaps:
        return format("display refresh check needs at least 2 swaps, got %zu", swaps);
    case RefreshVerdict::VsyncNotHonoured:
        return format("display refresh measured %.1f Hz, expected %g Hz: vsync is not honoured "
                      "(is 'sync to vblank' off?)",
                      check.measuredHz, check.expectedHz);
    case RefreshVerdict::WrongRate:
        return format("display refresh measured %.1f Hz, expected %g Hz: set the monitor to %g Hz or generate "
                      "the stimulus for the monitor's rate",
                      check.measuredHz, check.expectedHz, check.expectedHz);
    case RefreshVerdict::Irregular:
        return format("display refresh irregular: %zu of %zu swap intervals are more than %g %% away from "
                      "%.2f ms: vsync is not reliably honoured (a compositor, power saving, or another "
                      "program drawing?)",
                      check.irregularIntervals, check.intervals, tolerances.interval * 100,
                      check.medianIntervalNs / 1e6);
    }
    return {};
}

} // namespace

RefreshCheck checkRefresh(std::span<const std::int64_t> swapTimestampsNs, double expectedHz,
                          const RefreshTolerances &tolerances)
{
    RefreshCheck check;
    check.expectedHz = expectedHz;
    if (swapTimestampsNs.size() < 2) {
        check.message = describe(check, swapTimestampsNs.size(), tolerances);
        return check;
    }

    std::vector<std::int64_t> intervals(swapTimestampsNs.size() - 1);
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        intervals[i] = swapTimestampsNs[i + 1] - swapTimestampsNs[i];
    }
    check.intervals = intervals.size();

    std::vector<std::int64_t> sorted = intervals;
    const auto middle = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
    std::nth_element(sorted.begin(), middle, sorted.end());
    // A median of 0 ns (swaps faster than the clock's resolution) still has to give a finite rate.
    check.medianIntervalNs = std::max<std::int64_t>(*middle, 1);
    check.measuredHz = 1e9 / static_cast<double>(check.medianIntervalNs);

    const double median = static_cast<double>(check.medianIntervalNs);
    check.irregularIntervals = static_cast<std::size_t>(std::count_if(intervals.begin(), intervals.end(), [&](auto d) {
        return std::abs(static_cast<double>(d) - median) > tolerances.interval * median;
    }));
    const bool regular = static_cast<double>(check.irregularIntervals) <=
                         tolerances.irregularFraction * static_cast<double>(check.intervals);

    const double expectedPeriodNs = 1e9 / expectedHz;
    const bool rateMatches = std::abs(median - expectedPeriodNs) <= tolerances.rate * expectedPeriodNs;
    if (rateMatches) {
        check.verdict = regular ? RefreshVerdict::Honoured : RefreshVerdict::Irregular;
    } else if (regular && check.measuredHz <= FastestPlausibleHz) {
        check.verdict = RefreshVerdict::WrongRate;
    } else {
        check.verdict = RefreshVerdict::VsyncNotHonoured;
    }
    check.message = describe(check, swapTimestampsNs.size(), tolerances);
    return check;
}

} // namespace hw
