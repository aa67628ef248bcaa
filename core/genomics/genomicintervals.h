#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

// The plain-text genome files a genomics user has at hand: a chrom-sizes file (UCSC's `hg38.chrom.sizes`)
// and BED intervals (bins, a blacklist). Coordinates are 0-based, end-exclusive, as in BED.
namespace genomics {

struct ChromSize {
    std::string name;
    std::int64_t length = 0;
};

struct GenomicInterval {
    std::string chrom;
    std::int64_t start = 0;
    std::int64_t end = 0;
    bool operator==(const GenomicInterval &) const = default;
};

// "NAME<whitespace>LENGTH" per line, in the file's order; blank lines and lines starting with '#' skipped.
// Errors (core::Error) name the file, the line and the problem: a missing or non-positive length, a name given
// twice.
std::vector<ChromSize> readChromSizes(const std::filesystem::path &path);

// BED3 or wider (columns beyond the third ignored), tab- or space-separated, in the file's order; blank
// lines and "#", "track" and "browser" lines skipped. Errors name the file, the line and the problem (fewer
// than three columns, a coordinate that is not an integer, start < 0, end <= start).
std::vector<GenomicInterval> readBed(const std::filesystem::path &path);

} // namespace genomics
