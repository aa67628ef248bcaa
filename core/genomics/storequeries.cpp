#include "core/genomics/storequeries.h"

#include "core/error.h"
#include "core/formats/tablecells.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace genomics {

namespace {

[[noreturn]] void fail(const GenomicStore &store, const std::string &problem)
{
    throw core::Error(store.path().string() + ": " + problem);
}

std::vector<std::size_t> selectedBins(const GenomicStore &store, bool goodOnly)
{
    const GenomeBins &bins = store.bins();
    std::vector<std::size_t> selected;
    selected.reserve(bins.size());
    for (std::size_t bin = 0; bin < bins.size(); ++bin)
        if (!goodOnly || bins.good[bin])
            selected.push_back(bin);
    return selected;
}

// The bin columns (name, chrom, start, end, good_bin) of a table whose row r is about bin binOfRow[r].
h5::Table binColumns(const GenomeBins &bins, const std::vector<std::size_t> &binOfRow)
{
    const std::size_t rows = binOfRow.size();
    // Tall tables repeat each bin per experiment and component: then every bin's name is made once, and copied.
    std::vector<std::string> binName;
    if (rows > bins.size()) {
        binName.resize(bins.size());
        for (std::size_t bin = 0; bin < bins.size(); ++bin)
            binName[bin] = bins.name(bin);
    }
    std::vector<std::string> name(rows), chrom(rows);
    std::vector<std::int64_t> start(rows), end(rows);
    std::vector<h5::Bool> good(rows);
    for (std::size_t row = 0; row < rows; ++row) {
        const std::size_t bin = binOfRow[row];
        name[row] = binName.empty() ? bins.name(bin) : binName[bin];
        chrom[row] = bins.chrom(bin);
        start[row] = bins.start[bin];
        end[row] = bins.end[bin];
        good[row] = bins.good[bin] ? h5::Bool::True : h5::Bool::False;
    }
    h5::Table table;
    table.addColumn("name", std::move(name));
    table.addColumn("chrom", std::move(chrom));
    table.addColumn("start", std::move(start));
    table.addColumn("end", std::move(end));
    table.addColumn("good_bin", std::move(good));
    return table;
}

// Doubles with NaN as null.
void addValues(h5::Table &table, std::string name, std::vector<double> values)
{
    std::vector<std::uint8_t> valid(values.size());
    for (std::size_t row = 0; row < values.size(); ++row)
        valid[row] = !std::isnan(values[row]);
    table.addColumn(std::move(name), std::move(values), std::move(valid));
}

std::vector<std::string> componentsOf(const GenomicStore &store, const std::vector<std::string> &asked)
{
    const std::vector<std::string> &names = store.embeddingNames();
    for (const auto &name : asked) {
        if (std::find(names.begin(), names.end(), name) != names.end())
            continue;
        std::string known;
        for (const auto &n : names)
            known += (known.empty() ? "" : ", ") + n;
        fail(store, "no embedding '" + name + "' (the store has " + (known.empty() ? "none" : known) + ")");
    }
    return asked.empty() ? names : asked;
}

std::vector<std::size_t> experimentsOf(const GenomicStore &store, const std::optional<std::string> &accession)
{
    const auto &accessions = store.experimentAccessions();
    if (!accession) {
        std::vector<std::size_t> all(accessions.size());
        for (std::size_t e = 0; e < all.size(); ++e)
            all[e] = e;
        return all;
    }
    const auto found = std::find(accessions.begin(), accessions.end(), *accession);
    if (found == accessions.end())
        fail(store, "no experiment '" + *accession + "'");
    return {static_cast<std::size_t>(found - accessions.begin())};
}

// One embedding's values for each of `experiments`, over every bin.
std::vector<std::vector<double>> embeddingColumns(const GenomicStore &store, const std::string &name,
                                                  const std::vector<std::size_t> &experiments)
{
    if (experiments.size() == 1)
        return {store.embedding(name, experiments.front())};
    const std::vector<double> matrix = store.embeddingMatrix(name);
    const std::size_t stride = store.experimentAccessions().size();
    std::vector<std::vector<double>> columns;
    for (const std::size_t e : experiments) {
        std::vector<double> column(store.bins().size());
        for (std::size_t bin = 0; bin < column.size(); ++bin)
            column[bin] = matrix[bin * stride + e];
        columns.push_back(std::move(column));
    }
    return columns;
}

std::vector<double> pick(const std::vector<double> &values, const std::vector<std::size_t> &bins)
{
    std::vector<double> picked(bins.size());
    for (std::size_t i = 0; i < bins.size(); ++i)
        picked[i] = values[bins[i]];
    return picked;
}

// A column's cells as text, none where null.
std::vector<std::optional<std::string>> textCells(const h5::Table &table, const char *name, const GenomicStore &store,
                                                  const char *what)
{
    const h5::Column *column = table.find(name);
    if (!column)
        fail(store, std::string(what) + " have no '" + name + "' column");
    std::vector<std::optional<std::string>> cells(column->size());
    for (std::size_t row = 0; row < cells.size(); ++row)
        if (!column->isNull(row))
            cells[row] = formats::cellText(*column, row);
    return cells;
}

// The mean of the tracks' values at each bin over the tracks that have one there (NaN where none has).
std::vector<double> meanSignal(const std::vector<const std::vector<double> *> &signals, std::size_t bins)
{
    std::vector<double> sum(bins, 0.0), count(bins, 0.0);
    for (const auto *signal : signals)
        for (std::size_t bin = 0; bin < bins; ++bin) {
            const double value = (*signal)[bin];
            const bool present = !std::isnan(value);
            sum[bin] += present ? value : 0.0;
            count[bin] += present ? 1.0 : 0.0;
        }
    for (std::size_t bin = 0; bin < bins; ++bin)
        sum[bin] = count[bin] > 0 ? sum[bin] / count[bin] : std::nan("");
    return sum;
}

} // namespace

h5::Table queryBins(const GenomicStore &store, bool goodOnly)
{
    return binColumns(store.bins(), selectedBins(store, goodOnly));
}

h5::Table queryExperiments(const GenomicStore &store)
{
    return store.experiments();
}

h5::Table queryTracks(const GenomicStore &store)
{
    return store.tracks();
}

h5::Table queryEmbeddings(const GenomicStore &store, const EmbeddingQuery &query)
{
    const std::vector<std::string> components = componentsOf(store, query.components);
    const std::vector<std::size_t> experiments = experimentsOf(store, query.experiment);
    const std::vector<std::size_t> bins = selectedBins(store, query.goodOnly);
    const auto &accessions = store.experimentAccessions();

    if (query.layout == EmbeddingLayout::Wide) {
        h5::Table table = binColumns(store.bins(), bins);
        std::vector<std::vector<std::vector<double>>> values; // [component][experiment][bin]
        for (const auto &name : components)
            values.push_back(embeddingColumns(store, name, experiments));
        for (std::size_t e = 0; e < experiments.size(); ++e)
            for (std::size_t c = 0; c < components.size(); ++c)
                addValues(table, query.experiment ? components[c] : accessions[experiments[e]] + ":" + components[c],
                          pick(values[c][e], bins));
        return table;
    }

    // Tall: experiment by experiment, bin by bin, a row per component.
    const std::size_t rows = experiments.size() * bins.size() * components.size();
    std::vector<std::size_t> binOfRow;
    std::vector<std::string> accession, component;
    std::vector<double> value(rows);
    binOfRow.reserve(rows);
    accession.reserve(rows);
    component.reserve(rows);
    for (std::size_t e = 0; e < experiments.size(); ++e)
        for (const std::size_t bin : bins)
            for (const auto &name : components) {
                binOfRow.push_back(bin);
                accession.push_back(accessions[experiments[e]]);
                component.push_back(name);
            }
    for (std::size_t c = 0; c < components.size(); ++c) {
        const auto columns = embeddingColumns(store, components[c], experiments);
        for (std::size_t e = 0; e < experiments.size(); ++e)
            for (std::size_t b = 0; b < bins.size(); ++b)
                value[(e * bins.size() + b) * components.size() + c] = columns[e][bins[b]];
    }
    h5::Table table = binColumns(store.bins(), binOfRow);
    table.addColumn("accession", std::move(accession));
    table.addColumn("component", std::move(component));
    addValues(table, "value", std::move(value));
    return table;
}

h5::Table queryOverlay(const GenomicStore &store, const OverlayQuery &query)
{
    const std::vector<std::string> components = componentsOf(store, query.components);
    const std::vector<std::size_t> experiments = experimentsOf(store, query.experiment);
    const std::vector<std::size_t> bins = selectedBins(store, query.goodOnly);
    const auto experimentBiosample = textCells(store.experiments(), "biosample", store, "experiments");
    const auto trackAssay = textCells(store.tracks(), "assay", store, "tracks");
    const auto trackBiosample = textCells(store.tracks(), "biosample", store, "tracks");

    std::vector<std::string> assays; // in the order the tracks name them
    for (const auto &assay : trackAssay)
        if (assay && (!query.assay || *assay == *query.assay) &&
            std::find(assays.begin(), assays.end(), *assay) == assays.end())
            assays.push_back(*assay);
    if (query.assay && assays.empty())
        fail(store, "no track of assay '" + *query.assay + "'");

    // The tracks each experiment and assay average. A biosample that is not given matches nothing, not the
    // tracks whose biosample is not given either.
    struct Group {
        std::size_t usedAt; // the experiment's index in `used`
        std::string assay;
        std::vector<std::size_t> tracks;
    };
    std::vector<Group> groups;
    std::vector<std::size_t> used; // the experiments that have rows
    for (const std::size_t e : experiments) {
        if (!experimentBiosample[e])
            continue;
        for (const auto &assay : assays) {
            Group group{0, assay, {}};
            for (std::size_t t = 0; t < trackAssay.size(); ++t)
                if (trackAssay[t] == assay && trackBiosample[t] == experimentBiosample[e])
                    group.tracks.push_back(t);
            if (group.tracks.empty())
                continue;
            if (used.empty() || used.back() != e)
                used.push_back(e);
            group.usedAt = used.size() - 1;
            groups.push_back(std::move(group));
        }
    }
    // Each component read in one pass for all those experiments, not once per experiment: a column of a
    // bins x experiments matrix is a strided read over the whole of it.
    std::vector<std::vector<std::vector<double>>> embedding; // [component][used experiment][bin]
    if (!used.empty())
        for (const auto &name : components)
            embedding.push_back(embeddingColumns(store, name, used));

    std::map<std::size_t, std::vector<double>> signals; // read once, whichever experiments share them
    std::vector<std::size_t> binOfRow;
    std::vector<std::string> accession, biosample, assayColumn;
    std::vector<std::vector<double>> componentValues(components.size());
    std::vector<double> signal;
    for (const Group &group : groups) {
        const std::size_t e = used[group.usedAt];
        std::vector<const std::vector<double> *> tracks;
        for (const std::size_t t : group.tracks) {
            auto [entry, added] = signals.try_emplace(t);
            if (added)
                entry->second = store.trackSignal(store.trackAccessions()[t]);
            tracks.push_back(&entry->second);
        }
        const std::vector<double> mean = meanSignal(tracks, store.bins().size());
        for (const std::size_t bin : bins) {
            binOfRow.push_back(bin);
            accession.push_back(store.experimentAccessions()[e]);
            biosample.push_back(*experimentBiosample[e]);
            assayColumn.push_back(group.assay);
            for (std::size_t c = 0; c < components.size(); ++c)
                componentValues[c].push_back(embedding[c][group.usedAt][bin]);
            signal.push_back(mean[bin]);
        }
    }
    h5::Table table = binColumns(store.bins(), binOfRow);
    table.addColumn("accession", std::move(accession));
    table.addColumn("biosample", std::move(biosample));
    table.addColumn("assay", std::move(assayColumn));
    for (std::size_t c = 0; c < components.size(); ++c)
        addValues(table, components[c], std::move(componentValues[c]));
    addValues(table, "signal", std::move(signal));
    return table;
}

} // namespace genomics
