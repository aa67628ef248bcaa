#pragma once

// Where things live in a genomic store file (schemas/genomic-store.schema.json, docs/formats.md "Genomic
// store"), and the names jointly-hic's JointDb uses for the same things, which GenomicStore also reads.
namespace genomics::layout {

inline constexpr const char *format = "macroscope.genomics"; // file-root.schema.json: "macroscope.<name>"
inline constexpr const char *formatVersion = "1.0";

inline constexpr const char *bins = "bins";
inline constexpr const char *binChrom = "bins/chrom";
inline constexpr const char *binStart = "bins/start";
inline constexpr const char *binEnd = "bins/end";
inline constexpr const char *binGood = "bins/good_bin";
inline constexpr const char *binName = "bins/name";
inline constexpr const char *embeddings = "embeddings";   // one float64 matrix bins x experiments per name
inline constexpr const char *experiments = "metadata/experiments"; // h5::Table, one row per experiment
inline constexpr const char *trackMetadata = "metadata/tracks";    // h5::Table, one row per track
inline constexpr const char *tracks = "tracks";           // one float64 value per bin per accession
inline constexpr const char *summaries = "track_summaries"; // <ACCESSION>/<binsPerCell>: float32 [cells, 3]

// jointly-hic (jointly_hic/hdf5db/hdf5db.py)
inline constexpr const char *jointlyBinName = "bins/bin_name";
inline constexpr const char *jointlyExperiments = "metadata/experiment_metadata"; // compound of strings
inline constexpr const char *jointlyTrackMetadata = "metadata/track_metadata";    // <ACCESSION> groups, attrs

} // namespace genomics::layout
