#pragma once

#include "core/genomics/genomebins.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

// A track's summary pyramid: like bigWig zoom levels, each level summarises 4x more bins per cell than the
// one below, so that any zoom draws from a few hundred cells. Cells never straddle chromosomes: at a level
// of B bins per cell, chromosome c has ceil(binCount_c / B) cells, following those of the chromosomes
// before it (so where a chromosome's cells start is computed from the bins, never stored).
namespace genomics {

constexpr std::int64_t summaryFactor = 4;

struct SummaryLevel {
    std::int64_t binsPerCell = 1;
    // Per cell, over the cell's bins that have a value (not NaN): the smallest, the largest and the mean
    // weighted by bin width (end - start). NaN where no bin of the cell has a value.
    std::vector<float> min;
    std::vector<float> max;
    std::vector<float> mean;

    std::size_t size() const { return mean.size(); }
};

// Level 0 (one cell per bin: min = max = mean = the value) followed by coarser levels, binsPerCell = 4^k,
// up to the first level where no chromosome has more than one cell. `values` holds one value per bin.
std::vector<SummaryLevel> buildSummaryPyramid(const GenomeBins &bins, std::span<const double> values);

// Level 0 alone: one cell per bin, min = max = mean = the value.
SummaryLevel binLevel(std::span<const double> values);

// The index of chromosome `chromosome`'s first cell at a level of `binsPerCell`; with the chromosome count,
// the level's number of cells.
std::size_t firstCellOf(const GenomeBins &bins, std::size_t chromosome, std::int64_t binsPerCell);

// The coarsest level whose cells are still at most `binsPerPixel` bins wide (level 0 when bins are wider
// than a pixel already): what a view showing `binsPerPixel` bins per pixel draws from.
std::size_t levelFor(const std::vector<SummaryLevel> &pyramid, double binsPerPixel);

} // namespace genomics
