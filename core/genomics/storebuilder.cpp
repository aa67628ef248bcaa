#include "core/genomics/storebuilder.h"

#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/formats/tablecells.h"
#include "core/formats/tablefile.h"
#include "core/genomics/bigwigsignal.h"
#include "core/genomics/genomicintervals.h"
#include "core/genomics/metadatayaml.h"
#include "core/genomics/storelayout.h"
#include "core/genomics/trackpyramid.h"
#include "core/h5/outputfile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <unordered_set>

namespace genomics {

namespace {

void check(bool condition, const std::filesystem::path &file, const std::string &problem)
{
    if (!condition)
        throw core::Error(file.string() + ": " + problem);
}

// A dataset name: HDF5 would take '/' as a path and "." as the group itself.
void checkName(const std::string &name, const std::filesystem::path &file, const std::string &what)
{
    check(!name.empty() && name != "." && name.find('/') == std::string::npos, file,
          what + " '" + name + "' cannot name a dataset (empty, '.' or containing '/')");
}

// The accession column's values, checked to be strings, present and distinct.
std::vector<std::string> accessionsOf(const h5::Table &table, const std::filesystem::path &file, const std::string &what)
{
    const h5::Column *column = table.find("accession");
    check(column && std::holds_alternative<std::vector<std::string>>(column->data), file,
          what + " need a string column 'accession'");
    check(column->nullCount() == 0, file, what + ": an accession is missing");
    const auto &accessions = std::get<std::vector<std::string>>(column->data);
    std::unordered_set<std::string> seen;
    for (const auto &accession : accessions) {
        checkName(accession, file, what + " accession");
        check(seen.insert(accession).second, file, what + ": accession '" + accession + "' given twice");
    }
    return accessions;
}

void checkContents(const StoreContents &contents, const std::filesystem::path &output)
{
    const std::size_t bins = contents.bins.size();
    check(bins > 0, output, "no bins to store");
    check(contents.bins.end.size() == bins && contents.bins.good.size() == bins, output,
          "bins: start, end and good differ in length");
    const std::size_t experiments = accessionsOf(contents.experiments, output, "experiments").size();
    const EmbeddingMatrices &embeddings = contents.embeddings;
    check(embeddings.components.size() == embeddings.values.size(), output,
          "embeddings: " + std::to_string(embeddings.components.size()) + " names for " +
              std::to_string(embeddings.values.size()) + " matrices");
    std::unordered_set<std::string> components;
    for (std::size_t i = 0; i < embeddings.components.size(); ++i) {
        const std::string &name = embeddings.components[i];
        checkName(name, output, "embedding");
        check(components.insert(name).second, output, "embedding '" + name + "' given twice");
        check(embeddings.values[i].size() == bins * experiments, output,
              "embedding '" + name + "' holds " + std::to_string(embeddings.values[i].size()) + " values, not " +
                  std::to_string(bins) + " bins x " + std::to_string(experiments) + " experiments");
    }
    check(contents.tracks.rowCount() == contents.trackSignals.size(), output,
          "tracks: " + std::to_string(contents.tracks.rowCount()) + " rows of metadata for " +
              std::to_string(contents.trackSignals.size()) + " signals");
    if (contents.trackSignals.empty())
        return;
    const std::vector<std::string> tracks = accessionsOf(contents.tracks, output, "tracks");
    for (std::size_t t = 0; t < tracks.size(); ++t)
        check(contents.trackSignals[t].size() == bins, output,
              "track '" + tracks[t] + "' holds " + std::to_string(contents.trackSignals[t].size()) +
                  " values, not one per bin (" + std::to_string(bins) + ")");
}

// The columns every track table has, for a store without tracks.
h5::Table emptyTrackTable()
{
    h5::Table table;
    for (const char *name : {"accession", "assay", "experiment", "biosample"})
        table.addColumn(name, std::vector<std::string>{});
    return table;
}

void writeBins(const h5::Group &root, const GenomeBins &bins)
{
    const std::uint64_t count = bins.size();
    std::vector<std::string> chrom(count), names(count);
    for (std::size_t bin = 0; bin < count; ++bin) {
        chrom[bin] = bins.chrom(bin);
        names[bin] = bins.name(bin);
    }
    std::vector<h5::Bool> good(count);
    std::transform(bins.good.begin(), bins.good.end(), good.begin(),
                   [](std::uint8_t g) { return g ? h5::Bool::True : h5::Bool::False; });
    root.createDataset<std::string>(layout::binChrom, {count}).write<std::string>(chrom);
    root.createDataset<std::int64_t>(layout::binStart, {count}).write<std::int64_t>(bins.start);
    root.createDataset<std::int64_t>(layout::binEnd, {count}).write<std::int64_t>(bins.end);
    root.createDataset<h5::Bool>(layout::binGood, {count}).write<h5::Bool>(good);
    root.createDataset<std::string>(layout::binName, {count}).write<std::string>(names);
}

void writeTrack(const h5::Group &root, const GenomeBins &bins, const std::string &accession,
                const std::vector<double> &signal)
{
    root.createDataset<double>(std::string(layout::tracks) + "/" + accession, {bins.size()}).write<double>(signal);
    const std::vector<SummaryLevel> pyramid = buildSummaryPyramid(bins, signal);
    // Level 0 is the signal itself, which the reader has already.
    for (std::size_t level = 1; level < pyramid.size(); ++level) {
        const SummaryLevel &summary = pyramid[level];
        std::vector<float> cells(summary.size() * 3);
        for (std::size_t c = 0; c < summary.size(); ++c) {
            cells[3 * c] = summary.min[c];
            cells[3 * c + 1] = summary.max[c];
            cells[3 * c + 2] = summary.mean[c];
        }
        const std::string path = std::string(layout::summaries) + "/" + accession + "/" +
                                 std::to_string(summary.binsPerCell);
        root.createDataset<float>(path, {summary.size(), 3}).write<float>(cells);
    }
}

// `table` with the columns named in `text` as strings (formats::cellText), so that accessions written as
// numbers in YAML still name datasets and match the embeddings table.
h5::Table withTextColumns(const h5::Table &table, const std::vector<std::string> &text)
{
    h5::Table result;
    for (const auto &column : table.columns()) {
        if (std::find(text.begin(), text.end(), column.name) == text.end() ||
            std::holds_alternative<std::vector<std::string>>(column.data)) {
            result.addColumn(column);
            continue;
        }
        std::vector<std::string> cells(column.size());
        for (std::size_t row = 0; row < cells.size(); ++row)
            cells[row] = formats::cellText(column, row);
        result.addColumn(column.name, std::move(cells), column.valid);
    }
    return result;
}

// The YAML's table with `required` columns present, as text, and never null.
h5::Table metadataTable(const std::filesystem::path &yaml, const std::vector<std::string> &required)
{
    const h5::Table table = withTextColumns(readMetadataYaml(yaml), required);
    if (table.rowCount() == 0)
        return table;
    for (const auto &name : required) {
        const h5::Column *column = table.find(name);
        check(column, yaml, "no '" + name + "' in the items");
        for (std::size_t row = 0; row < column->size(); ++row)
            check(!column->isNull(row), yaml, "item " + std::to_string(row + 1) + " has no '" + name + "'");
    }
    return table;
}

// Bins the embeddings table marks bad (good_bin false) are bad among bins given otherwise too.
void markBadByEmbeddings(GenomeBins &bins, const h5::Table &embeddings, const std::string &source)
{
    if (!embeddings.find("good_bin"))
        return;
    const GenomeBins marked = binsFromEmbeddings(embeddings, source);
    for (std::size_t bin = 0; bin < marked.size(); ++bin)
        if (!marked.good[bin])
            if (const auto same = bins.findExact(marked.chrom(bin), marked.start[bin], marked.end[bin]))
                bins.good[*same] = 0;
}

// The bins, from chrom sizes, BED or the embeddings; an input that gives none is named.
GenomeBins buildBins(const StoreInputs &inputs, const h5::Table &embeddings)
{
    const std::string source = inputs.embeddings.string();
    GenomeBins bins;
    std::filesystem::path from = inputs.embeddings;
    if (inputs.chromSizes) {
        from = *inputs.chromSizes;
        check(!inputs.binsBed, from, "give bins either as chrom sizes with a bin size or as BED, not both");
        check(inputs.binSize > 0, from, "needs a bin size (a positive number of bases)");
        const std::vector<ChromSize> sizes = readChromSizes(from);
        try {
            bins = binsFromChromSizes(sizes, inputs.binSize);
        } catch (const core::Error &error) {
            throw core::Error(from.string() + ": " + error.what());
        }
        markBadByEmbeddings(bins, embeddings, source);
    } else if (inputs.binsBed) {
        from = *inputs.binsBed;
        bins = binsFromBed(readBed(from), from.string());
        markBadByEmbeddings(bins, embeddings, source);
    } else {
        bins = binsFromEmbeddings(embeddings, source);
    }
    check(bins.size() > 0, from, "no bins");
    return bins;
}

std::filesystem::path bigWigOf(const h5::Table &tracks, std::size_t row, const std::filesystem::path &yaml)
{
    // parent_path, not files::folderOf: a bare name stays bare rather than "./NAME" in messages.
    const std::filesystem::path folder = yaml.parent_path();
    const std::string &accession = std::get<std::vector<std::string>>(tracks.find("accession")->data)[row];
    if (const h5::Column *file = tracks.find("file"); file && !file->isNull(row)) {
        const std::filesystem::path path = folder / formats::cellText(*file, row);
        check(std::filesystem::exists(path), yaml, "track " + accession + ": bigWig " + path.string() + " not found");
        return path;
    }
    for (const char *extension : {".bigWig", ".bw"}) {
        const std::filesystem::path path = folder / (accession + extension);
        if (std::filesystem::exists(path))
            return path;
    }
    throw core::Error(yaml.string() + ": track " + accession + ": no bigWig (neither " +
                      (folder / (accession + ".bigWig")).string() + " nor " + (folder / (accession + ".bw")).string() +
                      " exists; name it with 'file')");
}

// Every track's bin means, `threads` bigWigs at a time. The first failure (in the tracks' order) is rethrown
// once every reader has stopped.
std::vector<std::vector<double>> readTracks(const std::vector<std::filesystem::path> &files, const GenomeBins &bins,
                                            int threads, const std::vector<std::string> &accessions,
                                            const std::function<void(const std::string &)> &say,
                                            std::uint64_t &bytesRead)
{
    std::vector<std::vector<double>> signals(files.size());
    std::vector<BigWigReadStats> stats(files.size());
    std::vector<std::exception_ptr> errors(files.size());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::atomic<std::size_t> done{0};
    std::mutex sayMutex;
    const auto work = [&] {
        for (std::size_t t = next++; t < files.size() && !failed; t = next++) {
            try {
                signals[t] = bigWigBinMeans(files[t], bins, &stats[t]);
                const std::lock_guard lock(sayMutex);
                say("track " + accessions[t] + " (" + std::to_string(++done) + "/" + std::to_string(files.size()) +
                    "): " + std::to_string(stats[t].intervals) + " intervals from " + files[t].string());
            } catch (...) {
                errors[t] = std::current_exception();
                failed = true;
            }
        }
    };
    const std::size_t workers = std::min<std::size_t>(
        files.size(), threads > 0 ? static_cast<std::size_t>(threads) : std::max(1u, std::thread::hardware_concurrency()));
    {
        std::vector<std::jthread> pool;
        for (std::size_t i = 0; i < workers; ++i)
            pool.emplace_back(work);
    }
    for (const auto &error : errors)
        if (error)
            std::rethrow_exception(error);
    for (const auto &stat : stats)
        bytesRead += stat.bytesRead;
    return signals;
}

} // namespace

void writeGenomicStore(const std::filesystem::path &output, const StoreContents &contents, bool overwrite)
{
    checkContents(contents, output);
    check(overwrite || !std::filesystem::exists(output), output, "exists already");
    const std::vector<std::string> experiments =
        std::get<std::vector<std::string>>(contents.experiments.find("accession")->data);

    h5::OutputFile file(output, layout::format, layout::formatVersion);
    {
        const h5::Group root = file.root();
        writeBins(root, contents.bins);
        h5::writeTable(root, layout::experiments, contents.experiments);
        h5::writeTable(root, layout::trackMetadata, contents.trackSignals.empty() ? emptyTrackTable() : contents.tracks);
        const h5::Group embeddings = root.createGroup(layout::embeddings);
        const EmbeddingMatrices &matrices = contents.embeddings;
        for (std::size_t i = 0; i < matrices.components.size(); ++i) {
            // Contiguous: a column (one experiment) is then a strided read, which HDF5 does in one pass over
            // the matrix; chunks by bin rows would serve no reader better.
            const h5::Dataset matrix = embeddings.createDataset<double>(
                matrices.components[i], {contents.bins.size(), experiments.size()});
            matrix.write<double>(matrices.values[i]);
            matrix.attributes().set("experiments", experiments);
        }
        root.createGroup(layout::tracks);
        root.createGroup(layout::summaries);
        if (!contents.trackSignals.empty()) {
            const auto &tracks = std::get<std::vector<std::string>>(contents.tracks.find("accession")->data);
            for (std::size_t t = 0; t < tracks.size(); ++t)
                writeTrack(root, contents.bins, tracks[t], contents.trackSignals[t]);
        }
    }
    file.commit(overwrite ? files::AtomicFile::Replace::Allowed : files::AtomicFile::Replace::Never);
}

StoreSummary buildGenomicStore(const StoreInputs &inputs, const std::function<void(const std::string &)> &progress)
{
    const auto say = [&](const std::string &line) {
        if (progress)
            progress(line);
    };
    check(inputs.overwrite || !std::filesystem::exists(inputs.output), inputs.output, "exists already");
    StoreContents contents;
    StoreSummary summary;

    contents.experiments = metadataTable(inputs.experiments, {"accession"});
    check(contents.experiments.rowCount() > 0, inputs.experiments, "no experiments");
    const std::vector<std::string> experiments = accessionsOf(contents.experiments, inputs.experiments, "experiments");
    say("experiments: " + std::to_string(experiments.size()) + " from " + inputs.experiments.string());

    // The tracks' metadata and the bigWigs' names are checked before the embeddings table, which may take long
    // to read, so that a missing file is reported at once.
    h5::Table tracks;
    std::vector<std::string> trackAccessions;
    std::vector<std::filesystem::path> bigWigs;
    if (inputs.tracks) {
        tracks = metadataTable(*inputs.tracks, {"accession", "assay", "experiment", "biosample"});
        if (tracks.rowCount() > 0)
            trackAccessions = accessionsOf(tracks, *inputs.tracks, "tracks");
        for (std::size_t row = 0; row < tracks.rowCount(); ++row)
            bigWigs.push_back(bigWigOf(tracks, row, *inputs.tracks));
    }

    const h5::Table table = formats::readTableFile(formats::parseTableLocation(inputs.embeddings.string()));
    say("embeddings table: " + std::to_string(table.rowCount()) + " rows from " + inputs.embeddings.string());
    contents.bins = buildBins(inputs, table);
    say("bins: " + std::to_string(contents.bins.size()) + " on " + std::to_string(contents.bins.chromosomes.size()) +
        " chromosomes");
    if (inputs.blacklist) {
        const std::size_t bad = markBlacklisted(contents.bins, readBed(*inputs.blacklist));
        say("blacklist: " + std::to_string(bad) + " bins marked bad by " + inputs.blacklist->string());
    }
    contents.embeddings = embeddingMatrices(table, inputs.accessionColumn, contents.bins, experiments,
                                            inputs.embeddings.string());
    std::string components;
    for (const auto &name : contents.embeddings.components)
        components += (components.empty() ? "" : ", ") + name;
    say("embeddings: " + components);

    if (inputs.tracks) {
        contents.trackSignals = readTracks(bigWigs, contents.bins, inputs.threads, trackAccessions, say,
                                           summary.bigWigBytes);
        // The bigWig's path, relative to the YAML file, would mean nothing where the store goes.
        for (const auto &column : tracks.columns())
            if (column.name != "file")
                contents.tracks.addColumn(column);
    }

    writeGenomicStore(inputs.output, contents, inputs.overwrite);
    summary.bins = contents.bins.size();
    summary.goodBins = static_cast<std::size_t>(std::count(contents.bins.good.begin(), contents.bins.good.end(), 1));
    summary.experiments = experiments.size();
    summary.embeddings = contents.embeddings.components.size();
    summary.tracks = contents.trackSignals.size();
    say("wrote " + inputs.output.string());
    return summary;
}

} // namespace genomics
