#pragma once

#include "core/genomics/genomicintervals.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

// bigWig files for tests, written by libBigWig's own writer (the one pyBigWig uses), so that the reader is
// checked against files it did not make. This header stays free of <bigWig.h>, whose global names (`mean`,
// `max`, ...) clash with C++.

// One bedGraph-like record: `value` over [start, end) of `chrom`, 0-based.
struct BigWigSpan {
    std::string chrom;
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    float value = 0;
};

// Writes `spans` (ordered by the chromosomes' order in `chromosomes`, then by start, not overlapping; a
// chromosome may have none) with zoom levels, as bigWigs come from ENCODE. Throws std::runtime_error naming
// the file when libBigWig fails or the spans are out of order.
void writeBigWig(const std::filesystem::path &path, const std::vector<genomics::ChromSize> &chromosomes,
                 const std::vector<BigWigSpan> &spans);
