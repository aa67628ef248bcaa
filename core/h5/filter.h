#pragma once

#include <optional>
#include <string>
#include <vector>

namespace h5 {

// A filter in a dataset's pipeline, as the caller chooses it when creating a chunked dataset. Filters run in
// the order given (shuffle before deflate, as h5py does).
struct Filter {
    int id = 0;
    std::vector<unsigned> parameters;
    // An optional filter may be skipped for a chunk it cannot help; a mandatory one failing fails the write.
    bool optional = false;

    static Filter deflate(unsigned level);
    static Filter shuffle();
    static Filter fletcher32();
};

// A filter as found in a file.
struct FilterInfo {
    int id = 0;
    std::string name;
    std::vector<unsigned> parameters;
    // Whether this HDF5 library can decode it (false for a plugin filter that is not installed).
    bool available = false;
    // The compression level where the filter has one we know (deflate, blosc, zstd, bzip2).
    std::optional<unsigned> level;
};

} // namespace h5
