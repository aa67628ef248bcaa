// Writes a synthetic genomic store (tests/support/syntheticgenome.h) for screenshots and trying the
// genomics window at scale: 10^6 bins by default.
//
// usage: make_genomics_sample OUT.h5 [--bins N] [--experiments N] [--tracks N] [--seed N]
#include "core/genomics/storebuilder.h"
#include "tests/support/syntheticgenome.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: make_genomics_sample OUT.h5 [--bins N] [--experiments N] [--tracks N] [--seed N]\n");
        return 2;
    }
    SyntheticGenomeOptions options;
    options.binCount = 1'000'000;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::size_t value = std::stoull(argv[i + 1]);
        if (std::strcmp(argv[i], "--bins") == 0)
            options.binCount = value;
        else if (std::strcmp(argv[i], "--experiments") == 0)
            options.experiments = value;
        else if (std::strcmp(argv[i], "--tracks") == 0)
            options.tracks = value;
        else if (std::strcmp(argv[i], "--seed") == 0)
            options.seed = value;
    }
    try {
        genomics::writeGenomicStore(argv[1], syntheticGenome(options), true);
    } catch (const std::exception &error) {
        std::fprintf(stderr, "make_genomics_sample: %s\n", error.what());
        return 1;
    }
    return 0;
}
