#pragma once

#include "core/genomics/storebuilder.h"

#include <cstddef>
#include <cstdint>

// A genomic store's contents made up with known structure, for UI tests, the benchmark and screenshots:
// human-like chromosomes (chr1..chr22, chrX, lengths in hg38's proportions), each with one blacklisted
// (bad) region; experiments whose bins fall into clusters that persist along the genome in domains and
// differ a little between biosamples; embeddings that follow the clusters; tracks that follow them too.
//
//   experiments  accession "EXP1", "EXP2", ...; biosample (experiments share biosamples, as replicates do);
//                replicate (int64)
//   embeddings   PCA1, PCA2, PCA3 (a cluster's centre plus noise), umap1, umap2 (a Gaussian blob per
//                cluster), kmeans (the cluster id), leiden (another numbering of the same clusters); NaN in
//                bad bins and in `missingFraction` of each experiment's other bins
//   tracks       accession "TRACK1", ...; assays H3K27ac, CTCF, ATAC in turn, on the experiments' biosamples;
//                smooth, with peaks where that biosample's bins are in active clusters; NaN in bad bins
//
// The same options give the same contents on every platform: the random numbers come from std::mt19937_64
// through our own distributions (the standard library's differ between implementations).
struct SyntheticGenomeOptions {
    std::size_t binCount = 10'000;  // equal bins, split over the chromosomes by their lengths
    std::size_t experiments = 4;
    std::size_t tracks = 6;
    std::size_t clusters = 6;
    std::uint64_t seed = 1;
    double missingFraction = 0.02;
};

genomics::StoreContents syntheticGenome(const SyntheticGenomeOptions &options = {});

// The bin width syntheticGenome uses for `binCount` bins.
std::int64_t syntheticBinSize(std::size_t binCount);
