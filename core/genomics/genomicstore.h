#pragma once

#include "core/genomics/genomebins.h"
#include "core/genomics/trackpyramid.h"
#include "core/h5/table.h"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace genomics {

enum class StoreLayout {
    Macroscope, // written by buildGenomicStore (the seed's layout)
    JointlyHic, // written by jointly-hic's hdf5db.py: metadata/experiment_metadata, metadata/track_metadata/*
};

// A genomic store opened for reading: bins, experiment and track metadata, embeddings and tracks (seed 000).
// Opening reads the small parts (bins, both metadata tables, the names of embeddings and tracks); embeddings
// and tracks are read when asked for, each call opening the file anew, so that one store may serve several
// threads at once. Every error is a core::Error naming the file and the object.
class GenomicStore {
public:
    // Throws when the file is not HDF5, has no bins, or its parts disagree (an embedding whose shape is not
    // bins x experiments, a track whose length is not the bin count, a metadata table without accessions).
    explicit GenomicStore(std::filesystem::path path);

    const std::filesystem::path &path() const { return m_path; }
    StoreLayout layout() const { return m_layout; }

    const GenomeBins &bins() const { return m_bins; }
    // One row per experiment, in the order of the embedding matrices' columns; has a string column
    // "accession". jointly-hic's table reads with every column a string, as it stores them.
    const h5::Table &experiments() const { return m_experiments; }
    const std::vector<std::string> &experimentAccessions() const { return m_experimentAccessions; }
    // One row per track: string columns accession, assay, experiment, biosample, and any others stored.
    const h5::Table &tracks() const { return m_tracks; }
    const std::vector<std::string> &trackAccessions() const { return m_trackAccessions; }
    // In the file's order ("PCA1", "PCA2", "umap1_n500", "kmeans", "leiden1", ...).
    const std::vector<std::string> &embeddingNames() const { return m_embeddingNames; }

    // One value per bin for experiment `experiment` (an index into experimentAccessions()), NaN where the
    // experiment has none. Throws for an unknown name or an index out of range.
    std::vector<double> embedding(std::string_view name, std::size_t experiment) const;
    // The whole matrix, bins x experiments, row-major.
    std::vector<double> embeddingMatrix(std::string_view name) const;
    // One mean per bin, NaN where the bigWig had no data.
    std::vector<double> trackSignal(std::string_view accession) const;
    // The track's pyramid (trackpyramid.h), level 0 first: the stored summaries, or, for a file without them
    // (jointly-hic's), computed from the signal.
    std::vector<SummaryLevel> trackSummary(std::string_view accession) const;

private:
    std::vector<double> trackSignal(const h5::Group &root, std::string_view accession) const;

    std::filesystem::path m_path;
    StoreLayout m_layout = StoreLayout::Macroscope;
    GenomeBins m_bins;
    h5::Table m_experiments;
    std::vector<std::string> m_experimentAccessions;
    h5::Table m_tracks;
    std::vector<std::string> m_trackAccessions;
    std::vector<std::string> m_embeddingNames;
};

} // namespace genomics
