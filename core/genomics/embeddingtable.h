#pragma once

#include "core/genomics/genomebins.h"
#include "core/h5/table.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace genomics {

// A tall embeddings table (one row per bin per experiment, as jointly-hic's pipeline writes it) turned into
// the store's matrices.
struct EmbeddingMatrices {
    std::vector<std::string> components;      // the numeric columns other than bins, good_bin and accession
    std::vector<std::vector<double>> values;  // per component: bins x experiments, row-major, NaN if missing
};

// The bins the table names (distinct chrom, start, end; chromosomes in the order they first appear, bins by
// start), good where the table's good_bin column says so (all good without one). `source` names the file.
GenomeBins binsFromEmbeddings(const h5::Table &table, std::string_view source);

// Places every row's components at (its bin, its experiment). Throws core::Error naming `source`: a missing
// chrom/start/end/accession column, a row whose bin is not in `bins` or whose accession is not in
// `experiments`, the same bin and experiment twice.
EmbeddingMatrices embeddingMatrices(const h5::Table &table, std::string_view accessionColumn, const GenomeBins &bins,
                                    const std::vector<std::string> &experiments, std::string_view source);

} // namespace genomics
