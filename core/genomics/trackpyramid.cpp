#include "core/genomics/trackpyramid.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace genomics {

namespace {

std::size_t cellCount(std::size_t binCount, std::int64_t binsPerCell)
{
    const auto perCell = static_cast<std::size_t>(binsPerCell);
    return (binCount + perCell - 1) / perCell;
}

// A level under construction: beside what is stored, each cell's weighted sum and covered width, from which
// the next level's means are exact sums rather than re-weighted rounded means.
struct Sums {
    std::vector<double> weighted;
    std::vector<double> width;
};

} // namespace

std::vector<SummaryLevel> buildSummaryPyramid(const GenomeBins &bins, std::span<const double> values)
{
    constexpr float nan = std::numeric_limits<float>::quiet_NaN();
    const std::size_t n = bins.size();
    if (values.size() != n)
        throw core::Error("a track of " + std::to_string(values.size()) + " values does not fit " +
                          std::to_string(n) + " bins");
    std::vector<SummaryLevel> pyramid{binLevel(values)};
    Sums sums{std::vector<double>(n), std::vector<double>(n)};
    for (std::size_t bin = 0; bin < n; ++bin) {
        const bool has = !std::isnan(values[bin]);
        const auto width = static_cast<double>(bins.end[bin] - bins.start[bin]);
        sums.weighted[bin] = has ? values[bin] * width : 0.0;
        sums.width[bin] = has ? width : 0.0;
    }

    std::size_t longest = 0;
    for (const auto &chromosome : bins.chromosomes)
        longest = std::max(longest, chromosome.binCount);

    while (static_cast<std::size_t>(pyramid.back().binsPerCell) < longest) {
        const SummaryLevel &below = pyramid.back();
        SummaryLevel level;
        level.binsPerCell = below.binsPerCell * summaryFactor;
        const std::size_t cells = firstCellOf(bins, bins.chromosomes.size(), level.binsPerCell);
        level.min.assign(cells, nan);
        level.max.assign(cells, nan);
        level.mean.assign(cells, nan);
        Sums next{std::vector<double>(cells), std::vector<double>(cells)};

        // ceil(ceil(n / B) / 4) = ceil(n / 4B): a cell's children are the next four cells below, clipped at the
        // chromosome's end, so one pass per chromosome builds the level.
        std::size_t from = 0, to = 0;
        for (const auto &chromosome : bins.chromosomes) {
            const std::size_t childEnd = from + cellCount(chromosome.binCount, below.binsPerCell);
            for (std::size_t child = from; child < childEnd; ++to) {
                const std::size_t last = std::min(child + static_cast<std::size_t>(summaryFactor), childEnd);
                float low = nan, high = nan;
                double weighted = 0, width = 0;
                for (; child < last; ++child) {
                    // fmin/fmax return the other argument when one is NaN, which is what skipping empty cells needs.
                    low = std::fmin(low, below.min[child]);
                    high = std::fmax(high, below.max[child]);
                    weighted += sums.weighted[child];
                    width += sums.width[child];
                }
                level.min[to] = low;
                level.max[to] = high;
                level.mean[to] = width > 0 ? static_cast<float>(weighted / width) : nan;
                next.weighted[to] = weighted;
                next.width[to] = width;
            }
            from = childEnd;
        }
        sums = std::move(next);
        pyramid.push_back(std::move(level));
    }
    return pyramid;
}

SummaryLevel binLevel(std::span<const double> values)
{
    SummaryLevel level;
    level.min.assign(values.begin(), values.end());
    level.max = level.min;
    level.mean = level.min;
    return level;
}

std::size_t firstCellOf(const GenomeBins &bins, std::size_t chromosome, std::int64_t binsPerCell)
{
    std::size_t first = 0;
    for (std::size_t c = 0; c < chromosome; ++c)
        first += cellCount(bins.chromosomes[c].binCount, binsPerCell);
    return first;
}

std::size_t levelFor(const std::vector<SummaryLevel> &pyramid, double binsPerPixel)
{
    std::size_t chosen = 0;
    for (std::size_t level = 1; level < pyramid.size(); ++level)
        if (static_cast<double>(pyramid[level].binsPerCell) <= binsPerPixel)
            chosen = level;
    return chosen;
}

} // namespace genomics
