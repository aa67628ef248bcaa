#pragma once

#include "core/genomics/genomebins.h"

#include <cstdint>
#include <filesystem>
#include <vector>

// Track values per bin from a bigWig file: the one place libBigWig is used (its header defines global names
// such as `mean` and `max` that clash with C++, so only bigwigsignal.cpp includes it).
namespace genomics {

struct BigWigReadStats {
    std::uint64_t bytesRead = 0;     // the file's size
    std::uint64_t intervals = 0;     // full-resolution intervals read
};

// The mean signal of every bin, computed from the file's full-resolution intervals (never its zoom levels,
// whose sums libBigWig's own writer sometimes leaves 0): the average over the bin's bases that the file
// covers, each interval weighted by its overlap with the bin. NaN for a bin no interval touches and for bins
// on chromosomes the file does not have. Streams each chromosome (memory stays small for base-resolution
// files). Throws core::Error naming the file when it cannot be opened or is not a bigWig, or its data are
// corrupt.
std::vector<double> bigWigBinMeans(const std::filesystem::path &path, const GenomeBins &bins,
                                   BigWigReadStats *stats = nullptr);

} // namespace genomics
