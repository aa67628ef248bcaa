#pragma once

#include "core/genomics/genomicstore.h"
#include "core/h5/table.h"

#include <optional>
#include <string>
#include <vector>

// The seed's queries (jointly-hic's JointDb), as tables that `macroscope-cli genomics query` prints as TSV or
// JSON or writes as Parquet. Bin columns are always name, chrom, start, end, good_bin.
namespace genomics {

// Every bin, or only the good ones.
h5::Table queryBins(const GenomicStore &store, bool goodOnly = false);
// experiments() and tracks() as stored.
h5::Table queryExperiments(const GenomicStore &store);
h5::Table queryTracks(const GenomicStore &store);

enum class EmbeddingLayout {
    Tall, // one row per bin, experiment and component: bin columns, accession, component, value
    Wide, // one row per bin: bin columns, then one column per experiment and component, named
          // "ACCESSION:COMPONENT" (just "COMPONENT" when one experiment is asked for)
};

struct EmbeddingQuery {
    std::vector<std::string> components;   // empty: every embedding, in the file's order
    std::optional<std::string> experiment; // an accession; none: every experiment
    EmbeddingLayout layout = EmbeddingLayout::Tall;
    bool goodOnly = false;
};
// Missing values (NaN in the matrices) are nulls. Throws core::Error for an unknown component or accession.
h5::Table queryEmbeddings(const GenomicStore &store, const EmbeddingQuery &query);

struct OverlayQuery {
    std::optional<std::string> assay;      // none: every assay
    std::vector<std::string> components;   // empty: every embedding
    std::optional<std::string> experiment;
    bool goodOnly = false;
};
// Experiment metadata merged with the tracks (JointDb.get_track_overlay): for each experiment, each assay
// that has tracks of the experiment's biosample, and each bin, a row with the bin columns, accession,
// biosample, assay, the embedding components and `signal`, the mean over those tracks' values at the bin
// (null where none has one). Throws core::Error for an unknown component, accession or assay, and when the
// experiments or tracks have no biosample.
h5::Table queryOverlay(const GenomicStore &store, const OverlayQuery &query);

} // namespace genomics
