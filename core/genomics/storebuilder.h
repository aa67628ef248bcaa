#pragma once

#include "core/genomics/embeddingtable.h"
#include "core/genomics/genomebins.h"
#include "core/h5/table.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace genomics {

// Everything a store holds, in memory: what ingest produces and writeGenomicStore writes.
struct StoreContents {
    GenomeBins bins;
    h5::Table experiments;                      // one row per experiment, with a string column "accession"
    h5::Table tracks;                           // one row per track: accession, assay, experiment, biosample
    EmbeddingMatrices embeddings;               // matrices bins x experiments (experiments' row order)
    std::vector<std::vector<double>> trackSignals; // per row of `tracks`: one value per bin
};

// Writes the seed's layout (storelayout.h), the summary pyramid of every track included, atomically
// (h5::OutputFile). Throws core::Error when the parts disagree in size or `output` exists and not `overwrite`.
void writeGenomicStore(const std::filesystem::path &output, const StoreContents &contents, bool overwrite = false);

// What `macroscope-cli genomics build` takes: the seed's "main process flow" (jointly-hic's hdf5db main).
struct StoreInputs {
    std::filesystem::path experiments;                  // YAML: a list of mappings, each with the accession
    std::filesystem::path embeddings;                   // tall table (.parquet, .tsv, .csv): one row per bin
                                                        // per experiment: chrom, start, end, [good_bin], the
                                                        // accession column, one column per component
    std::string accessionColumn = "accession";
    std::optional<std::filesystem::path> tracks;        // YAML: accession, assay, experiment, biosample, [file]
    std::optional<std::filesystem::path> chromSizes;    // with binSize: the bins; else bins come from bed or
    std::int64_t binSize = 0;                           // else from the embeddings' (chrom, start, end)
    std::optional<std::filesystem::path> binsBed;
    std::optional<std::filesystem::path> blacklist;     // BED: bins overlapping it are bad
    std::filesystem::path output;
    bool overwrite = false;
    int threads = 0;                                    // bigWig readers at once; 0 = the machine's cores
};

struct StoreSummary {
    std::size_t bins = 0;
    std::size_t goodBins = 0;
    std::size_t experiments = 0;
    std::size_t embeddings = 0;
    std::size_t tracks = 0;
    std::uint64_t bigWigBytes = 0;
};

// Builds the whole store and writes it atomically (h5::OutputFile: nothing at `output` until it is complete;
// an existing file is replaced only with `overwrite`). `progress` receives one line per step. Throws
// core::Error naming the input file and the problem: an embedding row whose bin is not among the bins, an
// accession not in the experiments, a missing bigWig, a track accession given twice, ...
StoreSummary buildGenomicStore(const StoreInputs &inputs,
                               const std::function<void(const std::string &)> &progress = {});

} // namespace genomics
