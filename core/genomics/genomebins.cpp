#include "core/genomics/genomebins.h"

#include "core/error.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace genomics {

std::size_t GenomeBins::chromosomeOf(std::size_t bin) const
{
    const auto after = std::upper_bound(chromosomes.begin(), chromosomes.end(), bin,
                                        [](std::size_t b, const Chromosome &c) { return b < c.firstBin; });
    return static_cast<std::size_t>(after - chromosomes.begin()) - 1;
}

std::string GenomeBins::name(std::size_t bin) const
{
    return chrom(bin) + ":" + std::to_string(start[bin]) + "-" + std::to_string(end[bin]);
}

std::optional<std::size_t> GenomeBins::chromosomeIndex(std::string_view name) const
{
    for (std::size_t c = 0; c < chromosomes.size(); ++c)
        if (chromosomes[c].name == name)
            return c;
    return std::nullopt;
}

std::optional<std::size_t> GenomeBins::find(std::string_view chrom, std::int64_t position) const
{
    const auto c = chromosomeIndex(chrom);
    if (!c)
        return std::nullopt;
    const auto first = start.begin() + static_cast<std::ptrdiff_t>(chromosomes[*c].firstBin);
    const auto last = first + static_cast<std::ptrdiff_t>(chromosomes[*c].binCount);
    // Bins are ordered and disjoint, so the only candidate is the last one starting at or before `position`.
    const auto after = std::upper_bound(first, last, position);
    if (after == first)
        return std::nullopt;
    const auto bin = static_cast<std::size_t>(after - start.begin()) - 1;
    if (position >= end[bin])
        return std::nullopt;
    return bin;
}

std::optional<std::size_t> GenomeBins::findExact(std::string_view chrom, std::int64_t binStart,
                                                 std::int64_t binEnd) const
{
    const auto bin = find(chrom, binStart);
    if (!bin || start[*bin] != binStart || end[*bin] != binEnd)
        return std::nullopt;
    return bin;
}

GenomeBins makeGenomeBins(std::span<const std::string> chrom, std::vector<std::int64_t> start,
                          std::vector<std::int64_t> end, std::vector<std::uint8_t> good, std::string_view source)
{
    const std::size_t n = chrom.size();
    const auto where = [&](std::size_t bin) {
        return std::string(source) + ": bin " + std::to_string(bin) + " (" + chrom[bin] + ":" +
               std::to_string(start[bin]) + "-" + std::to_string(end[bin]) + ")";
    };
    if (start.size() != n || end.size() != n || (!good.empty() && good.size() != n))
        throw core::Error(std::string(source) + ": bins have " + std::to_string(n) + " chromosomes, " +
                          std::to_string(start.size()) + " starts, " + std::to_string(end.size()) + " ends and " +
                          std::to_string(good.size()) + " good flags");
    if (n > maxBins)
        throw core::Error(std::string(source) + ": " + std::to_string(n) + " bins, more than the " +
                          std::to_string(maxBins) + " a genome may have");
    GenomeBins bins;
    std::unordered_set<std::string_view> seen;
    std::int64_t genomeLength = 0; // of the chromosomes before the current one
    for (std::size_t bin = 0; bin < n; ++bin) {
        if (start[bin] < 0)
            throw core::Error(where(bin) + ": start is negative");
        if (end[bin] <= start[bin])
            throw core::Error(where(bin) + ": end is not after start");
        if (end[bin] > maxGenomeLength - genomeLength)
            throw core::Error(where(bin) + ": the chromosomes add up to more than " + std::to_string(maxGenomeLength) +
                              " bases");
        if (bin == 0 || chrom[bin] != chrom[bin - 1]) {
            if (bin > 0)
                genomeLength += end[bin - 1];
            if (!seen.insert(chrom[bin]).second)
                throw core::Error(where(bin) + ": the bins of " + chrom[bin] +
                                  " are not contiguous (the chromosome appeared before)");
            bins.chromosomes.push_back({chrom[bin], bin, 0, 0});
        } else if (start[bin] < start[bin - 1]) {
            throw core::Error(where(bin) + ": not ordered by start (the bin before starts at " +
                              std::to_string(start[bin - 1]) + ")");
        } else if (start[bin] < end[bin - 1]) {
            throw core::Error(where(bin) + ": overlaps the bin before, which ends at " +
                              std::to_string(end[bin - 1]));
        }
        auto &current = bins.chromosomes.back();
        ++current.binCount;
        current.length = end[bin];
    }
    if (good.empty())
        good.assign(n, 1);
    bins.start = std::move(start);
    bins.end = std::move(end);
    bins.good = std::move(good);
    return bins;
}

GenomeBins binsFromChromSizes(const std::vector<ChromSize> &sizes, std::int64_t binSize)
{
    if (binSize <= 0)
        throw core::Error("bin size must be positive, not " + std::to_string(binSize));
    std::unordered_set<std::string_view> seen;
    std::int64_t genomeLength = 0;
    std::size_t count = 0;
    for (const auto &size : sizes) {
        if (!seen.insert(size.name).second)
            throw core::Error("chromosome " + size.name + " is given twice");
        if (size.length <= 0)
            throw core::Error("length of " + size.name + " must be positive, not " + std::to_string(size.length));
        if (size.length > maxGenomeLength - genomeLength)
            throw core::Error("the chromosomes up to " + size.name + " add up to more than " +
                              std::to_string(maxGenomeLength) + " bases");
        genomeLength += size.length;
        count += static_cast<std::size_t>(size.length / binSize + (size.length % binSize != 0));
    }
    if (count > maxBins)
        throw core::Error("bins of " + std::to_string(binSize) + " bases would be " + std::to_string(count) +
                          ", more than the " + std::to_string(maxBins) +
                          " a genome may have: choose a larger bin size");
    GenomeBins bins;
    bins.start.reserve(count);
    bins.end.reserve(count);
    for (const auto &size : sizes) {
        const std::size_t firstBin = bins.size();
        // No overflow: `at` passes 0 only when binSize is below the length, at most maxGenomeLength.
        for (std::int64_t at = 0; at < size.length; at += binSize) {
            bins.start.push_back(at);
            bins.end.push_back(std::min(at + binSize, size.length));
        }
        bins.chromosomes.push_back({size.name, firstBin, bins.size() - firstBin, size.length});
    }
    bins.good.assign(bins.size(), 1);
    return bins;
}

GenomeBins binsFromBed(const std::vector<GenomicInterval> &intervals, std::string_view source)
{
    std::vector<std::string> chrom;
    std::vector<std::int64_t> start, end;
    chrom.reserve(intervals.size());
    start.reserve(intervals.size());
    end.reserve(intervals.size());
    for (const auto &interval : intervals) {
        chrom.push_back(interval.chrom);
        start.push_back(interval.start);
        end.push_back(interval.end);
    }
    return makeGenomeBins(chrom, std::move(start), std::move(end), {}, source);
}

std::size_t markBlacklisted(GenomeBins &bins, const std::vector<GenomicInterval> &blacklist)
{
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t c = 0; c < bins.chromosomes.size(); ++c)
        index.emplace(bins.chromosomes[c].name, c);
    std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> perChromosome(bins.chromosomes.size());
    for (const auto &interval : blacklist) {
        const auto found = index.find(interval.chrom);
        if (found != index.end() && interval.end > interval.start)
            perChromosome[found->second].emplace_back(interval.start, interval.end);
    }

    std::size_t marked = 0;
    for (std::size_t c = 0; c < bins.chromosomes.size(); ++c) {
        auto &intervals = perChromosome[c];
        std::sort(intervals.begin(), intervals.end());
        const auto first = bins.end.begin() + static_cast<std::ptrdiff_t>(bins.chromosomes[c].firstBin);
        const auto last = first + static_cast<std::ptrdiff_t>(bins.chromosomes[c].binCount);
        // Bins are disjoint and ordered, so their ends are ordered too. With the intervals sorted by start, the
        // first bin an interval reaches never moves back, and the bins the previous interval marked need no second
        // visit: each bin is looked at about once, whatever the overlaps between intervals.
        auto from = first, markedTo = first;
        for (const auto &[start, end] : intervals) {
            from = std::upper_bound(from, last, start);
            auto it = std::max(from, markedTo);
            for (; it != last && bins.start[static_cast<std::size_t>(it - bins.end.begin())] < end; ++it) {
                const auto bin = static_cast<std::size_t>(it - bins.end.begin());
                marked += bins.good[bin];
                bins.good[bin] = 0;
            }
            markedTo = std::max(markedTo, it);
        }
    }
    return marked;
}

} // namespace genomics
