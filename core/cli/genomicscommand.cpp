#include "core/cli/genomicscommand.h"

#include "core/files/atomicfile.h"
#include "core/files/extension.h"
#include "core/formats/parquet/parquetwriter.h"
#include "core/formats/tablecells.h"
#include "core/formats/tsv/delimitedtable.h"
#include "core/genomics/genomicstore.h"
#include "core/genomics/storebuilder.h"
#include "core/genomics/storequeries.h"

#include <QtCore/QCommandLineParser>
#include <nlohmann/json.hpp>

#include <ostream>

namespace cli {

namespace {

QCommandLineOption option(const char *name, const char *help, const char *value = nullptr)
{
    return value ? QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(value))
                 : QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help));
}

// build
const QCommandLineOption experimentsOption =
    option("experiments",
           "build: experiment metadata, a YAML list of mappings with 'accession'.",
           "E.yaml");
const QCommandLineOption embeddingsOption =
    option("embeddings",
           "build: the tall embeddings table (.parquet, .tsv, .csv): chrom, start, end, [good_bin], accession, "
           "components.",
           "EMB");
const QCommandLineOption accessionOption =
    option("accession-column",
           "build: the embeddings table's accession column (default accession).",
           "NAME");
const QCommandLineOption tracksOption =
    option("tracks",
           "build: track metadata, a YAML list of mappings: accession, assay, experiment, biosample, [file]; "
           "bigWigs beside it.",
           "T.yaml");
const QCommandLineOption chromSizesOption =
    option("chrom-sizes",
           "build: bins of --bin-size tiling these chromosomes.",
           "FILE");
const QCommandLineOption binSizeOption = option("bin-size", "build: bases per bin, with --chrom-sizes.", "N");
const QCommandLineOption binsOption =
    option("bins",
           "build: one bin per BED interval (default: the embeddings' bins).",
           "B.bed");
const QCommandLineOption blacklistOption = option("blacklist", "build: BED intervals whose bins are bad.", "BL.bed");
const QCommandLineOption threadsOption = option("threads", "build: bigWigs read at once (default: one per core).", "N");
const QCommandLineOption forceOption = option("force", "build: replace an existing OUT.h5.");
const QCommandLineOption jsonOption = option("json", "build: print a JSON summary on stdout.");
// build and query
const QCommandLineOption outputOption =
    option("output",
           "build: the store to write. query: write the result to FILE (atomically) instead of stdout.",
           "FILE");
// query
const QCommandLineOption goodOnlyOption = option("good-only", "query bins, embeddings, overlay: good bins only.");
const QCommandLineOption componentsOption =
    option("components",
           "query embeddings, overlay: these embeddings only (comma-separated).",
           "PCA1,PCA2");
const QCommandLineOption experimentOption =
    option("experiment",
           "query embeddings, overlay: this experiment only.",
           "ACC");
const QCommandLineOption layoutOption =
    option("layout",
           "query embeddings: tall (a row per bin, experiment and component; default) or wide (a row per bin).",
           "tall|wide");
const QCommandLineOption assayOption = option("assay", "query overlay: tracks of this assay only.", "A");
const QCommandLineOption formatOption =
    option("format",
           "query: tsv (default), json (one array of row objects) or parquet (needs --output).",
           "tsv|json|parquet");

const std::vector<const QCommandLineOption *> buildOnly{&experimentsOption, &embeddingsOption, &accessionOption,
                                                         &tracksOption, &chromSizesOption, &binSizeOption,
                                                         &binsOption, &blacklistOption, &threadsOption,
                                                         &forceOption, &jsonOption};
const std::vector<const QCommandLineOption *> queryOnly{&goodOnlyOption, &componentsOption, &experimentOption,
                                                         &layoutOption, &assayOption, &formatOption};

void rejectOptions(const QCommandLineParser &parser, const std::vector<const QCommandLineOption *> &options,
                   const std::string &action)
{
    for (const auto *option : options)
        if (parser.isSet(*option))
            throw UsageProblem(optionName(*option) + " does not apply to " + action);
}

std::string text(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    return parser.value(option).toStdString();
}

std::optional<std::filesystem::path> optionalPath(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return std::nullopt;
    return std::filesystem::path(text(parser, option));
}

long long number(const QCommandLineParser &parser, const QCommandLineOption &option, long long minimum)
{
    bool valid = false;
    const long long value = parser.value(option).toLongLong(&valid);
    if (!valid || value < minimum)
        throw UsageProblem(optionName(option) + " needs a whole number, " + std::to_string(minimum) + " or more");
    return value;
}

int build(const QCommandLineParser &parser, Output &output)
{
    positional(parser, 0, 1, "ACTION");
    rejectOptions(parser, queryOnly, "build");
    for (const auto *required : {&outputOption, &experimentsOption, &embeddingsOption})
        if (!parser.isSet(*required))
            throw UsageProblem("build needs " + optionName(*required));
    if (parser.isSet(chromSizesOption) != parser.isSet(binSizeOption))
        throw UsageProblem("--chrom-sizes and --bin-size go together");
    if (parser.isSet(chromSizesOption) && parser.isSet(binsOption))
        throw UsageProblem("give bins either with --chrom-sizes and --bin-size or with --bins, not both");

    genomics::StoreInputs inputs;
    inputs.output = text(parser, outputOption);
    inputs.experiments = text(parser, experimentsOption);
    inputs.embeddings = text(parser, embeddingsOption);
    if (parser.isSet(accessionOption))
        inputs.accessionColumn = text(parser, accessionOption);
    inputs.tracks = optionalPath(parser, tracksOption);
    inputs.chromSizes = optionalPath(parser, chromSizesOption);
    if (parser.isSet(binSizeOption))
        inputs.binSize = number(parser, binSizeOption, 1);
    inputs.binsBed = optionalPath(parser, binsOption);
    inputs.blacklist = optionalPath(parser, blacklistOption);
    if (parser.isSet(threadsOption))
        inputs.threads = static_cast<int>(number(parser, threadsOption, 0));
    inputs.overwrite = parser.isSet(forceOption);

    const genomics::StoreSummary summary =
        genomics::buildGenomicStore(inputs, [&](const std::string &line) { output.err << line << "\n"; });
    if (parser.isSet(jsonOption))
        output.out << nlohmann::json{{"bins", summary.bins},
                                     {"good_bins", summary.goodBins},
                                     {"experiments", summary.experiments},
                                     {"embeddings", summary.embeddings},
                                     {"tracks", summary.tracks}}
                          .dump()
                   << "\n";
    return Success;
}

std::string jsonRows(const h5::Table &table)
{
    const formats::JsonRows rows(table);
    std::string json = "[";
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        json += row ? ",\n" : "\n";
        rows.append(json, row);
    }
    return json + "\n]\n";
}

enum class Format { Tsv, Json, Parquet };

Format formatOf(const QCommandLineParser &parser)
{
    if (!parser.isSet(formatOption)) {
        if (!parser.isSet(outputOption))
            return Format::Tsv;
        const std::string extension = files::lowercaseExtension(text(parser, outputOption));
        if (extension == ".parquet" || extension == ".pq")
            return Format::Parquet;
        if (extension == ".json")
            return Format::Json;
        if (extension == ".tsv" || extension == ".csv" || extension == ".txt" || extension == ".tab")
            return Format::Tsv;
        throw UsageProblem("cannot tell the format from the name " + text(parser, outputOption) +
                           " (.tsv, .csv, .json, .parquet); give --format");
    }
    const std::string name = text(parser, formatOption);
    if (name == "tsv")
        return Format::Tsv;
    if (name == "json")
        return Format::Json;
    if (name == "parquet")
        return Format::Parquet;
    throw UsageProblem("unknown --format '" + name + "' (tsv, json or parquet)");
}

void writeResult(const h5::Table &table, Format format, const std::optional<std::filesystem::path> &target,
                 Output &output)
{
    if (!target) {
        output.out << (format == Format::Json ? jsonRows(table) : formats::delimitedText(table, false));
        return;
    }
    switch (format) {
    case Format::Tsv:
        formats::writeDelimitedTable(*target, table);
        break;
    case Format::Json:
        files::writeFileAtomically(*target, jsonRows(table));
        break;
    case Format::Parquet:
        parquet::writeParquet(*target, table);
        break;
    }
    output.err << "wrote " << table.rowCount() << " rows to " << target->string() << "\n";
}

int query(const QCommandLineParser &parser, Output &output)
{
    rejectOptions(parser, buildOnly, "query");
    const std::string file = positional(parser, 1, 3, "FILE.h5");
    const std::string what = positional(parser, 2, 3, "WHAT (bins, experiments, tracks, embeddings or overlay)");
    const Format format = formatOf(parser);
    const std::optional<std::filesystem::path> target = optionalPath(parser, outputOption);
    if (format == Format::Parquet && !target)
        throw UsageProblem("--format parquet needs --output");

    const auto allow = [&](std::initializer_list<const QCommandLineOption *> options) {
        std::vector<const QCommandLineOption *> others;
        for (const auto *candidate : {&goodOnlyOption, &componentsOption, &experimentOption, &layoutOption, &assayOption})
            if (std::find(options.begin(), options.end(), candidate) == options.end())
                others.push_back(candidate);
        rejectOptions(parser, others, "query " + what);
    };
    std::vector<std::string> components;
    if (parser.isSet(componentsOption))
        components = nameList(parser, componentsOption);
    std::optional<std::string> experiment;
    if (parser.isSet(experimentOption))
        experiment = text(parser, experimentOption);
    const bool goodOnly = parser.isSet(goodOnlyOption);

    const auto table = [&]() -> h5::Table {
        if (what == "bins") {
            allow({&goodOnlyOption});
            return genomics::queryBins(genomics::GenomicStore(file), goodOnly);
        }
        if (what == "experiments") {
            allow({});
            return genomics::queryExperiments(genomics::GenomicStore(file));
        }
        if (what == "tracks") {
            allow({});
            return genomics::queryTracks(genomics::GenomicStore(file));
        }
        if (what == "embeddings") {
            allow({&goodOnlyOption, &componentsOption, &experimentOption, &layoutOption});
            genomics::EmbeddingQuery embeddingQuery{components, experiment, genomics::EmbeddingLayout::Tall, goodOnly};
            const std::string layout = parser.isSet(layoutOption) ? text(parser, layoutOption) : "tall";
            if (layout != "tall" && layout != "wide")
                throw UsageProblem("unknown --layout '" + layout + "' (tall or wide)");
            if (layout == "wide")
                embeddingQuery.layout = genomics::EmbeddingLayout::Wide;
            return genomics::queryEmbeddings(genomics::GenomicStore(file), embeddingQuery);
        }
        if (what == "overlay") {
            allow({&goodOnlyOption, &componentsOption, &experimentOption, &assayOption});
            std::optional<std::string> assay;
            if (parser.isSet(assayOption))
                assay = text(parser, assayOption);
            return genomics::queryOverlay(genomics::GenomicStore(file), {assay, components, experiment, goodOnly});
        }
        throw UsageProblem("unknown WHAT '" + what + "' (bins, experiments, tracks, embeddings or overlay)");
    }();
    writeResult(table, format, target, output);
    return Success;
}

} // namespace

void GenomicsCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("build or query"));
    parser.addPositionalArgument(QStringLiteral("FILE.h5"), QStringLiteral("query: the store."), QStringLiteral("[FILE.h5]"));
    parser.addPositionalArgument(QStringLiteral("WHAT"),
                                 QStringLiteral("query: bins, experiments, tracks, embeddings or overlay."),
                                 QStringLiteral("[WHAT]"));
    for (const auto *list : {&buildOnly, &queryOnly})
        for (const auto *each : *list)
            parser.addOption(*each);
    parser.addOption(outputOption);
}

int GenomicsCommand::run(const QCommandLineParser &parser, Output &output) const
{
    const std::string action = positional(parser, 0, 3, "ACTION (build or query)");
    if (action == "build")
        return build(parser, output);
    if (action == "query")
        return query(parser, output);
    throw UsageProblem("unknown ACTION '" + action + "' (build or query)");
}

} // namespace cli
