#include "core/genomics/genomicstore.h"

#include "core/error.h"
#include "core/genomics/storelayout.h"
#include "core/h5/file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <map>

namespace genomics {

namespace {

// The major version of our layout this reader understands (file-root.schema.json: a newer MAJOR is refused).
constexpr int supportedMajorVersion = 1;

std::string describe(const h5::Shape &shape)
{
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + ")";
}

class Problem {
public:
    explicit Problem(const std::filesystem::path &file) : m_file(file.string()) {}
    [[noreturn]] void fail(std::string_view object, const std::string &what) const
    {
        throw core::Error(m_file + ": " + std::string(object) + ": " + what);
    }
    void check(bool condition, std::string_view object, const std::string &what) const
    {
        if (!condition)
            fail(object, what);
    }

private:
    std::string m_file;
};

h5::Dataset oneDimensional(const h5::Group &root, std::string_view path, std::uint64_t length, const Problem &problem)
{
    problem.check(root.kindOf(path) == h5::ObjectKind::Dataset, path, "missing");
    h5::Dataset dataset = root.dataset(path);
    const h5::Shape shape = dataset.shape();
    problem.check(shape == h5::Shape{length}, path,
                  "shape " + describe(shape) + " is not one value per bin (" + std::to_string(length) + ")");
    return dataset;
}

GenomeBins readBins(const h5::Group &root, const std::filesystem::path &path, const Problem &problem)
{
    problem.check(root.kindOf(layout::binStart) == h5::ObjectKind::Dataset, layout::bins,
                  "missing: not a genomic store");
    const h5::Shape shape = root.dataset(layout::binStart).shape();
    problem.check(shape.size() == 1 && shape[0] > 0, layout::binStart, "no bins");
    const std::uint64_t count = shape[0];
    // Checked before anything is read: a dataset may declare far more elements than its file holds.
    problem.check(count <= maxBins, layout::binStart,
                  std::to_string(count) + " bins, more than the " + std::to_string(maxBins) + " a genome may have");
    const std::vector<std::string> chrom = oneDimensional(root, layout::binChrom, count, problem).read<std::string>();
    std::vector<std::int64_t> start = oneDimensional(root, layout::binStart, count, problem).read<std::int64_t>();
    std::vector<std::int64_t> end = oneDimensional(root, layout::binEnd, count, problem).read<std::int64_t>();
    std::vector<std::uint8_t> good = oneDimensional(root, layout::binGood, count, problem).read<std::uint8_t>();
    for (auto &g : good)
        g = g != 0;
    return makeGenomeBins(chrom, std::move(start), std::move(end), std::move(good), path.string() + ": bins");
}

std::string attributeText(const nlohmann::json &value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

// jointly-hic's metadata/experiment_metadata: one compound element per experiment, every field a string.
h5::Table readCompoundTable(const h5::Group &root, const Problem &problem)
{
    const h5::Dataset dataset = root.dataset(layout::jointlyExperiments);
    const auto members = dataset.dataType().members();
    problem.check(!members.empty() && dataset.shape().size() == 1, layout::jointlyExperiments,
                  "not a one-dimensional compound dataset");
    const nlohmann::json rows = dataset.readJson();
    h5::Table table;
    for (const auto &member : members) {
        std::vector<std::string> values;
        values.reserve(rows.size());
        for (const auto &row : rows)
            values.push_back(attributeText(row.at(member.name)));
        table.addColumn(member.name, std::move(values));
    }
    return table;
}

// jointly-hic's metadata/track_metadata/<ACCESSION> groups, whose attributes are the other columns (null where
// a group lacks one).
h5::Table readTrackGroups(const h5::Group &root)
{
    struct TextColumn {
        std::vector<std::string> values;
        std::vector<std::uint8_t> valid;
    };
    std::vector<std::string> accessions;
    std::vector<std::string> names{"assay", "experiment", "biosample"};
    std::map<std::string, TextColumn> columns;
    if (root.kindOf(layout::jointlyTrackMetadata) == h5::ObjectKind::Group) {
        const h5::Group groups = root.group(layout::jointlyTrackMetadata);
        for (const auto &link : groups.links()) {
            const h5::Attributes attributes = groups.group(link.name).attributes();
            for (const auto &name : attributes.names()) {
                if (std::find(names.begin(), names.end(), name) == names.end())
                    names.push_back(name);
                TextColumn &column = columns[name];
                column.values.resize(accessions.size());
                column.valid.resize(accessions.size(), 0);
                column.values.push_back(attributeText(attributes.get(name)));
                column.valid.push_back(1);
            }
            accessions.push_back(link.name);
        }
    }
    h5::Table table;
    table.addColumn("accession", accessions);
    for (const auto &name : names) {
        TextColumn &column = columns[name];
        column.values.resize(accessions.size());
        column.valid.resize(accessions.size(), 0);
        table.addColumn(name, std::move(column.values), std::move(column.valid));
    }
    return table;
}

std::vector<std::string> accessionColumn(const h5::Table &table, std::string_view object, const Problem &problem)
{
    const h5::Column *column = table.find("accession");
    problem.check(column && std::holds_alternative<std::vector<std::string>>(column->data), object,
                  "no string column 'accession'");
    return std::get<std::vector<std::string>>(column->data);
}

// Files we write name their format; jointly-hic's name none.
void checkFormat(const h5::Group &root, const Problem &problem)
{
    const h5::Attributes attributes = root.attributes();
    if (!attributes.contains("format"))
        return;
    const std::string format = attributes.getString("format");
    problem.check(format == layout::format, "/", "format '" + format + "' is not a genomic store (" + layout::format + ")");
    const std::string version = attributes.contains("format_version") ? attributes.getString("format_version") : "";
    int major = 0;
    std::from_chars(version.data(), version.data() + version.size(), major);
    problem.check(major <= supportedMajorVersion, "/", "format_version " + version + " is newer than this reader (" +
                                                           std::to_string(supportedMajorVersion) + ".x)");
}

std::string embeddingPath(std::string_view name)
{
    return std::string(layout::embeddings) + "/" + std::string(name);
}

} // namespace

GenomicStore::GenomicStore(std::filesystem::path path) : m_path(std::move(path))
{
    const Problem problem(m_path);
    const h5::File file = h5::File::open(m_path);
    const h5::Group root = file.root();
    const bool jointly = root.contains(layout::jointlyExperiments) && !root.contains(layout::experiments);
    m_layout = jointly ? StoreLayout::JointlyHic : StoreLayout::Macroscope;
    checkFormat(root, problem);
    m_bins = readBins(root, m_path, problem);
    const std::uint64_t binCount = m_bins.size();

    const char *experimentsObject = jointly ? layout::jointlyExperiments : layout::experiments;
    const char *tracksObject = jointly ? layout::jointlyTrackMetadata : layout::trackMetadata;
    if (jointly) {
        m_experiments = readCompoundTable(root, problem);
        m_tracks = readTrackGroups(root);
    } else {
        problem.check(root.kindOf(experimentsObject) == h5::ObjectKind::Group, experimentsObject, "missing");
        m_experiments = h5::readTable(root.group(experimentsObject));
        m_tracks = root.contains(tracksObject) ? h5::readTable(root.group(tracksObject)) : h5::Table();
    }
    m_experimentAccessions = accessionColumn(m_experiments, experimentsObject, problem);
    if (m_tracks.rowCount() > 0)
        m_trackAccessions = accessionColumn(m_tracks, tracksObject, problem);
    for (const auto &accession : m_trackAccessions)
        oneDimensional(root, std::string(layout::tracks) + "/" + accession, binCount, problem);

    if (root.kindOf(layout::embeddings) == h5::ObjectKind::Group) {
        const h5::Group embeddings = root.group(layout::embeddings);
        const h5::Shape expected{binCount, m_experimentAccessions.size()};
        for (const auto &link : embeddings.links()) {
            const std::string object = embeddingPath(link.name);
            problem.check(embeddings.kindOf(link.name) == h5::ObjectKind::Dataset, object, "not a dataset");
            const h5::Shape shape = embeddings.dataset(link.name).shape();
            problem.check(shape == expected, object,
                          "shape " + describe(shape) + " is not bins x experiments " + describe(expected));
            m_embeddingNames.push_back(link.name);
        }
    }
}

std::vector<double> GenomicStore::embedding(std::string_view name, std::size_t experiment) const
{
    const Problem problem(m_path);
    problem.check(std::find(m_embeddingNames.begin(), m_embeddingNames.end(), name) != m_embeddingNames.end(),
                  embeddingPath(name), "no such embedding");
    problem.check(experiment < m_experimentAccessions.size(), embeddingPath(name),
                  "experiment " + std::to_string(experiment) + " out of range (" +
                      std::to_string(m_experimentAccessions.size()) + " experiments)");
    const h5::File file = h5::File::open(m_path);
    return file.root().dataset(embeddingPath(name)).read<double>({0, experiment}, {m_bins.size(), 1});
}

std::vector<double> GenomicStore::embeddingMatrix(std::string_view name) const
{
    const Problem problem(m_path);
    problem.check(std::find(m_embeddingNames.begin(), m_embeddingNames.end(), name) != m_embeddingNames.end(),
                  embeddingPath(name), "no such embedding");
    const h5::File file = h5::File::open(m_path);
    return file.root().dataset(embeddingPath(name)).read<double>();
}

std::vector<double> GenomicStore::trackSignal(std::string_view accession) const
{
    const h5::File file = h5::File::open(m_path);
    return trackSignal(file.root(), accession);
}

std::vector<double> GenomicStore::trackSignal(const h5::Group &root, std::string_view accession) const
{
    const std::string object = std::string(layout::tracks) + "/" + std::string(accession);
    Problem(m_path).check(std::find(m_trackAccessions.begin(), m_trackAccessions.end(), accession) !=
                              m_trackAccessions.end(),
                          object, "no such track");
    return root.dataset(object).read<double>();
}

std::vector<SummaryLevel> GenomicStore::trackSummary(std::string_view accession) const
{
    const h5::File file = h5::File::open(m_path);
    const h5::Group root = file.root();
    const std::vector<double> signal = trackSignal(root, accession);
    const std::string object = std::string(layout::summaries) + "/" + std::string(accession);
    if (m_layout == StoreLayout::JointlyHic || root.kindOf(object) != h5::ObjectKind::Group)
        return buildSummaryPyramid(m_bins, signal);

    const Problem problem(m_path);
    std::vector<SummaryLevel> pyramid{binLevel(signal)};
    const h5::Group levels = root.group(object);
    for (const auto &link : levels.links()) {
        const std::string path = object + "/" + link.name;
        SummaryLevel level;
        const auto [end, error] = std::from_chars(link.name.data(), link.name.data() + link.name.size(), level.binsPerCell);
        problem.check(error == std::errc() && end == link.name.data() + link.name.size() && level.binsPerCell > 1,
                      path, "not a number of bins per cell");
        const std::uint64_t cells = firstCellOf(m_bins, m_bins.chromosomes.size(), level.binsPerCell);
        const h5::Dataset dataset = levels.dataset(link.name);
        const h5::Shape shape = dataset.shape();
        problem.check(shape == h5::Shape{cells, 3}, path,
                      "shape " + describe(shape) + " is not (" + std::to_string(cells) + ", 3) (cells x min, max, mean)");
        const std::vector<float> values = dataset.read<float>();
        level.min.resize(cells);
        level.max.resize(cells);
        level.mean.resize(cells);
        for (std::size_t c = 0; c < cells; ++c) {
            level.min[c] = values[3 * c];
            level.max[c] = values[3 * c + 1];
            level.mean[c] = values[3 * c + 2];
        }
        pyramid.push_back(std::move(level));
    }
    std::sort(pyramid.begin() + 1, pyramid.end(),
              [](const SummaryLevel &a, const SummaryLevel &b) { return a.binsPerCell < b.binsPerCell; });
    return pyramid;
}

} // namespace genomics
