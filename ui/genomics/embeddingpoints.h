#pragma once

#include "ui/genomics/scatterraster.h"

#include <QtCore/QString>
#include <QtGui/QRgb>

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace genomics {
class GenomicStore;
}

namespace ui {

// What the embeddings panel plots: two components, for all experiments or one, coloured by a source.
struct EmbeddingChoice {
    QString x, y;        // embedding names
    int experiment = -1; // an index into the store's experiments; -1 for all of them
    QString colourBy;    // a ColourSource key

    bool samePoints(const EmbeddingChoice &other) const
    {
        return x == other.x && y == other.y && experiment == other.experiment;
    }
};

// A way to colour the points, as "Colour by" lists it. Keys: "embedding:NAME", "experiment:COLUMN" (a column
// of the experiments table, one category per value), "chromosome", "good_bin", "track:ACCESSION" (the
// track's signal at the bin).
struct ColourSource {
    QString key;
    QString label;
};
inline constexpr const char *ChromosomeKey = "chromosome";
inline constexpr const char *GoodBinKey = "good_bin";

// Embeddings first (clusters before the others), then experiment columns, chromosome, good/bad bin, tracks.
std::vector<ColourSource> colourSources(const genomics::GenomicStore &store);
// The key `text` names: a key, or an embedding name, an experiments column, a track accession, "chromosome"
// / "chrom" or "good_bin" / "good" on its own. Empty when nothing matches.
QString colourSourceKey(const genomics::GenomicStore &store, const QString &text);
// Whether an embedding's name says it holds cluster numbers (k-means or Leiden).
bool isClusterName(const QString &name);
// The first two names containing "umap" (any case), else PCA1 and PCA2, else the first two (or the first
// twice); empty strings without embeddings.
std::pair<QString, QString> defaultComponents(const std::vector<std::string> &embeddingNames);
// The first Leiden, else k-means, embedding; else "chromosome".
QString defaultColourSource(const genomics::GenomicStore &store);

// The points of one choice, ready to draw, with what the tooltip, the table and the legend say of them.
// Points are bins (one experiment) or (bin, experiment) pairs, bin-major, as the store's matrices are.
struct EmbeddingPoints {
    // Colour index of points without a value (a NaN cluster, an empty metadata cell, a missing signal).
    static constexpr const char *NoValue = "no value";
    static constexpr int GradientSize = 256;

    std::shared_ptr<const genomics::GenomicStore> store;
    EmbeddingChoice choice;
    std::size_t experimentCount = 0; // of the store
    std::vector<double> x, y;        // per point, as stored (NaN where missing)
    ScatterPoints points;            // the same as float, to draw
    std::size_t finitePoints = 0;    // with both coordinates

    QString colourTitle;
    bool continuous = false;
    // Categories: one name per palette entry. Continuous: the palette is GradientSize colours from `low` to
    // `high` and one more, last, for points without a value.
    std::vector<QString> categories;
    std::vector<QRgb> palette;
    std::vector<std::size_t> counts; // per palette entry, of the points with both coordinates
    std::vector<double> values;      // continuous: per point, NaN without a value
    double low = 0, high = 1;        // continuous: the colour scale spans the 1st to the 99th percentile

    std::size_t binOf(std::size_t point) const;
    std::size_t experimentOf(std::size_t point) const;
    QString experimentAccession(std::size_t point) const;
    QString colourText(std::size_t point) const;
    // The tooltip: bin, experiment, both components and the colour value.
    QString describe(std::size_t point) const;
};

// The most points one choice may have: the selected bins' table counts its rows in int, as Qt's models do.
inline constexpr std::size_t MaxScatterPoints = 2'147'483'647;
// How many points a choice of `experiment` (-1: all) makes of the store's bins and experiments.
std::size_t pointCount(const genomics::GenomicStore &store, int experiment);
// Throws core::Error naming the store when that is more than MaxScatterPoints.
void checkPointCount(const genomics::GenomicStore &store, int experiment);

// Reads what the choice needs from the store and builds the points; on a worker (a 10^6-point choice reads
// tens of MB). Throws core::Error for a read failure, an unknown embedding or an unknown colour source, and,
// before reading anything, for a choice of more than MaxScatterPoints points.
EmbeddingPoints loadEmbeddingPoints(std::shared_ptr<const genomics::GenomicStore> store, const EmbeddingChoice &choice);

// A point's value as the tooltip and the selected bins' table show it: 6 significant digits, with a true minus.
QString pointValueText(double value);

// The colour of category `index`: matplotlib's tab10, then its lighter tab20 partners, then hues spread by
// the golden angle.
QRgb categoryColour(std::size_t index);

} // namespace ui
