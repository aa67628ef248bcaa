#pragma once

#include "core/genomics/genomebins.h"

#include <cstdint>
#include <string>
#include <string_view>

// Positions on the whole genome as one axis: the chromosomes laid end to end in the bins' order, each taking
// its length (GenomicStore's Chromosome::length). What the tracks panel scrolls along.
namespace genomics {

struct GenomeRange {
    std::int64_t start = 0; // genome coordinates, end-exclusive
    std::int64_t end = 0;
    bool operator==(const GenomeRange &) const = default;
};

class GenomeAxis {
public:
    explicit GenomeAxis(const GenomeBins &bins);

    std::int64_t length() const { return m_length; }
    // Where chromosome `index` starts on the axis.
    std::int64_t offset(std::size_t chromosome) const { return m_offsets[chromosome]; }
    // The chromosome holding genome coordinate `position` (clamped to the axis).
    std::size_t chromosomeAt(std::int64_t position) const;
    GenomeRange wholeChromosome(std::size_t chromosome) const;
    // The axis position of a bin's start and end.
    GenomeRange binRange(std::size_t bin) const;

    // Accepts "chr1:1,000,000-2,000,000" (1-based inclusive start, as genome browsers show it; commas and
    // spaces ignored), "chr1:1500000" (a 1 kb window there), "chr1" (the whole chromosome), and "all" or
    // "genome" or "" (the whole genome). Throws core::Error for an unknown chromosome, a malformed range or
    // one outside the chromosome (named in the message).
    GenomeRange parse(std::string_view text) const;
    // The inverse: "chr1:1,000,001-2,000,000" within one chromosome, "chr1:100,001-chr2:5,000" across
    // chromosomes, "genome" for the whole axis.
    std::string format(const GenomeRange &range) const;

private:
    const GenomeBins *m_bins;
    std::vector<std::int64_t> m_offsets; // per chromosome, then the total length
    std::int64_t m_length = 0;
};

} // namespace genomics
