#pragma once

#include "core/genomics/genomicintervals.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace genomics {

// Limits that keep a mistyped or hostile input (chrom sizes with a bin size of 1, a store declaring 10^12 bins)
// from allocating without bound, and keep positions on the whole genome (the chromosomes' lengths added up,
// GenomeAxis) exact as doubles, in which views draw them, and far from int64 overflow.
inline constexpr std::size_t maxBins = 100'000'000;
inline constexpr std::int64_t maxGenomeLength = std::int64_t{1} << 53;

// The bins of one chromosome: a contiguous run of the genome's bins.
struct Chromosome {
    std::string name;
    std::size_t firstBin = 0;
    std::size_t binCount = 0;
    std::int64_t length = 0; // the end of its last bin

    bool operator==(const Chromosome &) const = default;
};

// The genome cut into bins: what every embedding row and track value refers to. Bins are grouped by
// chromosome (chromosomes in the order they come), ordered by start and never overlap within a chromosome.
// They may differ in width (bins from BED) and leave gaps.
struct GenomeBins {
    std::vector<Chromosome> chromosomes;
    std::vector<std::int64_t> start;
    std::vector<std::int64_t> end;
    std::vector<std::uint8_t> good; // 1 = good, 0 = bad (blacklisted, or marked bad by the embeddings)

    std::size_t size() const { return start.size(); }
    // The index into `chromosomes` of a bin's chromosome.
    std::size_t chromosomeOf(std::size_t bin) const;
    const std::string &chrom(std::size_t bin) const { return chromosomes[chromosomeOf(bin)].name; }
    // "chr1:10000-20000", as jointly-hic's bin_name.
    std::string name(std::size_t bin) const;
    std::optional<std::size_t> chromosomeIndex(std::string_view name) const;
    // The bin holding `position` on `chrom`, if any.
    std::optional<std::size_t> find(std::string_view chrom, std::int64_t position) const;
    // The bin that is exactly chrom:start-end, if any.
    std::optional<std::size_t> findExact(std::string_view chrom, std::int64_t start, std::int64_t end) const;

    bool operator==(const GenomeBins &) const = default;
};

// From one entry per bin. Throws core::Error naming `source` and the first offending bin when a chromosome's
// bins are not contiguous, not ordered by start, overlap, or have end <= start, and when there are more than
// maxBins bins or the chromosomes add up to more than maxGenomeLength; `good` may be empty (all good).
GenomeBins makeGenomeBins(std::span<const std::string> chrom, std::vector<std::int64_t> start,
                          std::vector<std::int64_t> end, std::vector<std::uint8_t> good, std::string_view source);

// Bins of `binSize` bases tiling each chromosome from 0 (the last one shorter), all good. Throws core::Error
// for a chromosome named twice or not of positive length, and before allocating anything when the bins would
// be more than maxBins or the chromosomes add up to more than maxGenomeLength.
GenomeBins binsFromChromSizes(const std::vector<ChromSize> &sizes, std::int64_t binSize);
// One bin per interval, all good; the checks of makeGenomeBins.
GenomeBins binsFromBed(const std::vector<GenomicInterval> &intervals, std::string_view source);
// Marks bad every bin that overlaps a blacklist interval by at least one base. Intervals on chromosomes
// without bins are ignored. Returns how many bins became bad.
std::size_t markBlacklisted(GenomeBins &bins, const std::vector<GenomicInterval> &blacklist);

} // namespace genomics
