#include "ui/genomics/embeddingpoints.h"

#include "ui/browser/views/colormaps.h"

#include "core/error.h"
#include "core/formats/tablecells.h"
#include "core/genomics/genomicstore.h"

#include <QtCore/QObject>
#include <QtGui/QColor>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <unordered_set>

namespace ui {

namespace {

const QLatin1String embeddingPrefix("embedding:");
const QLatin1String experimentPrefix("experiment:");
const QLatin1String trackPrefix("track:");
const QLatin1String chromosomeKey(ChromosomeKey);
const QLatin1String goodBinKey(GoodBinKey);
const QLatin1String accessionColumn("accession");

constexpr QRgb NoValueColour = qRgb(0xb0, 0xb0, 0xb0);
// An embedding of integers with at most this many distinct values colours by category: more are no longer
// told apart by colour. Embeddings named as clusters may have up to MaxClusters.
constexpr std::size_t MaxIntegerCategories = 64;
constexpr std::size_t MaxClusters = 1024;

const QRgb Tab20[] = {qRgb(0x1f, 0x77, 0xb4), qRgb(0xff, 0x7f, 0x0e), qRgb(0x2c, 0xa0, 0x2c), qRgb(0xd6, 0x27, 0x28),
                      qRgb(0x94, 0x67, 0xbd), qRgb(0x8c, 0x56, 0x4b), qRgb(0xe3, 0x77, 0xc2), qRgb(0x7f, 0x7f, 0x7f),
                      qRgb(0xbc, 0xbd, 0x22), qRgb(0x17, 0xbe, 0xcf), qRgb(0xae, 0xc7, 0xe8), qRgb(0xff, 0xbb, 0x78),
                      qRgb(0x98, 0xdf, 0x8a), qRgb(0xff, 0x98, 0x96), qRgb(0xc5, 0xb0, 0xd5), qRgb(0xc4, 0x9c, 0x94),
                      qRgb(0xf7, 0xb6, 0xd2), qRgb(0xc7, 0xc7, 0xc7), qRgb(0xdb, 0xdb, 0x8d), qRgb(0x9e, 0xda, 0xe5)};

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

// Which of the store's things a ColourSource key names.
struct Source {
    enum class Kind { Embedding, Experiment, Chromosome, GoodBin, Track } kind = Kind::Chromosome;
    std::string name; // the embedding, column or accession
};

std::optional<Source> parseKey(const genomics::GenomicStore &store, const QString &key)
{
    const auto has = [](const std::vector<std::string> &names, const std::string &name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    if (key == chromosomeKey)
        return Source{Source::Kind::Chromosome, {}};
    if (key == goodBinKey)
        return Source{Source::Kind::GoodBin, {}};
    if (key.startsWith(embeddingPrefix)) {
        const std::string name = key.mid(embeddingPrefix.size()).toStdString();
        if (has(store.embeddingNames(), name))
            return Source{Source::Kind::Embedding, name};
    } else if (key.startsWith(experimentPrefix)) {
        const std::string name = key.mid(experimentPrefix.size()).toStdString();
        if (name != accessionColumn.data() && store.experiments().find(name))
            return Source{Source::Kind::Experiment, name};
    } else if (key.startsWith(trackPrefix)) {
        const std::string name = key.mid(trackPrefix.size()).toStdString();
        if (has(store.trackAccessions(), name))
            return Source{Source::Kind::Track, name};
    }
    return std::nullopt;
}

// The value of each point from one value per bin (`perBin`) or per point already.
std::vector<double> perPoint(const std::vector<double> &perBin, std::size_t pointsPerBin)
{
    std::vector<double> values(perBin.size() * pointsPerBin);
    for (std::size_t bin = 0; bin < perBin.size(); ++bin)
        std::fill_n(values.begin() + std::ptrdiff_t(bin * pointsPerBin), pointsPerBin, perBin[bin]);
    return values;
}

std::vector<double> embeddingValues(const genomics::GenomicStore &store, const std::string &name, int experiment)
{
    return experiment < 0 ? store.embeddingMatrix(name) : store.embedding(name, std::size_t(experiment));
}

void setCategories(EmbeddingPoints &shown, std::vector<QString> names, const std::vector<std::uint16_t> &colour)
{
    shown.continuous = false;
    shown.points.colour = colour;
    shown.categories = std::move(names);
    shown.palette.clear();
    for (std::size_t i = 0; i < shown.categories.size(); ++i)
        shown.palette.push_back(shown.categories[i] == QLatin1String(EmbeddingPoints::NoValue) ? NoValueColour
                                                                                               : categoryColour(i));
}

// Categories from one text per point, in sorted order, the empty text last as "no value".
void categoriesFromText(EmbeddingPoints &shown, const std::vector<std::string> &perPointText)
{
    std::map<std::string, std::uint16_t> indexOf;
    for (const std::string &value : perPointText)
        indexOf.emplace(value, 0);
    if (indexOf.size() > std::numeric_limits<std::uint16_t>::max())
        throw core::Error(shown.colourTitle.toStdString() + ": too many distinct values to colour by");
    std::vector<QString> names;
    for (auto &[value, index] : indexOf)
        if (!value.empty()) {
            index = std::uint16_t(names.size());
            names.push_back(text(value));
        }
    if (const auto empty = indexOf.find(std::string()); empty != indexOf.end()) {
        empty->second = std::uint16_t(names.size());
        names.push_back(QLatin1String(EmbeddingPoints::NoValue));
    }
    std::vector<std::uint16_t> colour(perPointText.size());
    for (std::size_t i = 0; i < perPointText.size(); ++i)
        colour[i] = indexOf[perPointText[i]];
    setCategories(shown, std::move(names), colour);
}

// Integers with at most `limit` distinct values as categories in numeric order; false for other values.
bool categoriesFromIntegers(EmbeddingPoints &shown, const std::vector<double> &values, std::size_t limit)
{
    std::unordered_set<std::int64_t> distinct;
    bool missing = false;
    for (const double value : values) {
        if (std::isnan(value)) {
            missing = true;
            continue;
        }
        if (!std::isfinite(value) || value != std::round(value) || std::abs(value) > 1e15)
            return false;
        if (distinct.insert(std::int64_t(value)).second && distinct.size() > limit)
            return false;
    }
    std::vector<std::int64_t> sorted(distinct.begin(), distinct.end());
    std::sort(sorted.begin(), sorted.end());
    std::map<std::int64_t, std::uint16_t> indexOf;
    std::vector<QString> names;
    for (const std::int64_t value : sorted) {
        indexOf[value] = std::uint16_t(names.size());
        names.push_back(QString::number(value));
    }
    const auto noValue = std::uint16_t(names.size());
    if (missing)
        names.push_back(QLatin1String(EmbeddingPoints::NoValue));
    std::vector<std::uint16_t> colour(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        colour[i] = std::isnan(values[i]) ? noValue : indexOf[std::int64_t(values[i])];
    setCategories(shown, std::move(names), colour);
    return true;
}

void continuousColours(EmbeddingPoints &shown, const std::vector<double> &values)
{
    shown.continuous = true;
    shown.categories.clear();
    shown.values = values;
    std::vector<double> finite;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (std::isfinite(values[i]) && std::isfinite(shown.x[i]) && std::isfinite(shown.y[i]))
            finite.push_back(values[i]);
    // Percentiles rather than the extremes, so that a few outlying bins do not squeeze every other colour
    // into one end of the scale.
    const auto percentile = [&](double share) {
        const auto at = finite.begin() + std::ptrdiff_t(std::llround(share * double(finite.size() - 1)));
        std::nth_element(finite.begin(), at, finite.end());
        return *at;
    };
    shown.low = finite.empty() ? 0.0 : percentile(0.01);
    shown.high = finite.empty() ? 1.0 : percentile(0.99);
    if (!(shown.high > shown.low)) {
        shown.low -= 0.5;
        shown.high += 0.5;
    }
    const ColourMap &map = colourMapNamed(QStringLiteral("viridis"));
    shown.palette.assign(map.colours.begin(), map.colours.end());
    shown.palette.push_back(NoValueColour);
    constexpr double top = EmbeddingPoints::GradientSize - 1;
    const double span = shown.high - shown.low;
    shown.points.colour.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        // Clamped before rounding: over a narrow scale an outlier's share is huge or infinite, and rounding
        // that to an integer is undefined. fmin and fmax also take a NaN share (∞/∞) to the top.
        const double share = std::fmax(0.0, std::fmin(1.0, (values[i] - shown.low) / span));
        shown.points.colour[i] = std::isfinite(values[i]) ? std::uint16_t(std::lround(share * top))
                                                          : std::uint16_t(EmbeddingPoints::GradientSize);
    }
}

void colourPoints(EmbeddingPoints &shown, const Source &source)
{
    const genomics::GenomicStore &store = *shown.store;
    const genomics::GenomeBins &bins = store.bins();
    const std::size_t pointsPerBin = shown.choice.experiment < 0 ? shown.experimentCount : 1;
    const std::size_t count = shown.points.size();
    switch (source.kind) {
    case Source::Kind::Embedding: {
        const std::vector<double> values = embeddingValues(store, source.name, shown.choice.experiment);
        const std::size_t limit = isClusterName(text(source.name)) ? MaxClusters : MaxIntegerCategories;
        if (!categoriesFromIntegers(shown, values, limit))
            continuousColours(shown, values);
        return;
    }
    case Source::Kind::Track:
        continuousColours(shown, perPoint(store.trackSignal(source.name), pointsPerBin));
        return;
    case Source::Kind::Experiment: {
        const h5::Column &column = *store.experiments().find(source.name);
        std::vector<std::string> perPointText(count);
        for (std::size_t point = 0; point < count; ++point)
            perPointText[point] = formats::cellText(column, shown.experimentOf(point));
        categoriesFromText(shown, perPointText);
        return;
    }
    case Source::Kind::Chromosome: {
        std::vector<QString> names;
        std::vector<std::uint16_t> colour(count);
        for (const genomics::Chromosome &chromosome : bins.chromosomes) {
            std::fill_n(colour.begin() + std::ptrdiff_t(chromosome.firstBin * pointsPerBin),
                        chromosome.binCount * pointsPerBin, std::uint16_t(names.size()));
            names.push_back(text(chromosome.name));
        }
        setCategories(shown, std::move(names), colour);
        return;
    }
    case Source::Kind::GoodBin: {
        std::vector<std::uint16_t> colour(count);
        for (std::size_t point = 0; point < count; ++point)
            colour[point] = bins.good[shown.binOf(point)] ? 0 : 1;
        setCategories(shown, {QStringLiteral("good"), QStringLiteral("bad")}, colour);
        shown.palette = {categoryColour(0), categoryColour(3)};
        return;
    }
    }
}

} // namespace

QString pointValueText(double value)
{
    return QString::number(value, 'g', 6).replace(QLatin1Char('-'), QChar(0x2212));
}

QRgb categoryColour(std::size_t index)
{
    if (index < std::size(Tab20))
        return Tab20[index];
    // Darker and more saturated than tab20's colours, and off its hues, so as not to repeat them.
    const double hue = std::fmod(15 + double(index - std::size(Tab20)) * 137.508, 360.0);
    const double value = index % 2 ? 0.5 : 0.7;
    return QColor::fromHsvF(float(hue / 360), 0.9f, float(value)).rgb();
}

bool isClusterName(const QString &name)
{
    return name.contains(QLatin1String("kmeans"), Qt::CaseInsensitive)
           || name.contains(QLatin1String("leiden"), Qt::CaseInsensitive);
}

std::vector<ColourSource> colourSources(const genomics::GenomicStore &store)
{
    std::vector<ColourSource> sources;
    for (const bool clusters : {true, false})
        for (const std::string &name : store.embeddingNames())
            if (isClusterName(text(name)) == clusters)
                sources.push_back({embeddingPrefix + text(name), text(name)});
    for (const h5::Column &column : store.experiments().columns())
        if (column.name != accessionColumn.data())
            sources.push_back({experimentPrefix + text(column.name),
                               QObject::tr("%1 (experiment)").arg(text(column.name))});
    sources.push_back({chromosomeKey, QObject::tr("Chromosome")});
    sources.push_back({goodBinKey, QObject::tr("Good/bad bin")});
    const h5::Table &tracks = store.tracks();
    const h5::Column *assay = tracks.find("assay");
    const h5::Column *biosample = tracks.find("biosample");
    for (std::size_t row = 0; row < store.trackAccessions().size(); ++row) {
        QStringList parts{text(store.trackAccessions()[row])};
        for (const h5::Column *column : {assay, biosample})
            if (column && row < column->size() && !formats::cellText(*column, row).empty())
                parts << text(formats::cellText(*column, row));
        sources.push_back(
            {trackPrefix + parts.front(), QObject::tr("%1 (signal)").arg(parts.join(QStringLiteral(" · ")))});
    }
    return sources;
}

QString colourSourceKey(const genomics::GenomicStore &store, const QString &text)
{
    if (parseKey(store, text))
        return text;
    if (text == QLatin1String("chrom"))
        return chromosomeKey;
    if (text == QLatin1String("good"))
        return goodBinKey;
    for (const QString &prefix : {QString(embeddingPrefix), QString(experimentPrefix), QString(trackPrefix)})
        if (parseKey(store, prefix + text))
            return prefix + text;
    return {};
}

std::pair<QString, QString> defaultComponents(const std::vector<std::string> &embeddingNames)
{
    QStringList names;
    for (const std::string &name : embeddingNames)
        names << text(name);
    const QStringList umaps = names.filter(QLatin1String("umap"), Qt::CaseInsensitive);
    if (umaps.size() >= 2)
        return {umaps[0], umaps[1]};
    if (names.contains(QLatin1String("PCA1")) && names.contains(QLatin1String("PCA2")))
        return {QStringLiteral("PCA1"), QStringLiteral("PCA2")};
    if (names.isEmpty())
        return {};
    return {names.front(), names.size() > 1 ? names[1] : names.front()};
}

QString defaultColourSource(const genomics::GenomicStore &store)
{
    for (const QLatin1String kind : {QLatin1String("leiden"), QLatin1String("kmeans")})
        for (const std::string &name : store.embeddingNames())
            if (text(name).contains(kind, Qt::CaseInsensitive))
                return embeddingPrefix + text(name);
    return chromosomeKey;
}

std::size_t EmbeddingPoints::binOf(std::size_t point) const
{
    return choice.experiment < 0 ? point / experimentCount : point;
}

std::size_t EmbeddingPoints::experimentOf(std::size_t point) const
{
    return choice.experiment < 0 ? point % experimentCount : std::size_t(choice.experiment);
}

QString EmbeddingPoints::experimentAccession(std::size_t point) const
{
    return text(store->experimentAccessions()[experimentOf(point)]);
}

QString EmbeddingPoints::colourText(std::size_t point) const
{
    if (!continuous)
        return categories[points.colour[point]];
    return std::isfinite(values[point]) ? pointValueText(values[point]) : QLatin1String(NoValue);
}

QString EmbeddingPoints::describe(std::size_t point) const
{
    const std::size_t bin = binOf(point);
    QString bad;
    if (!store->bins().good[bin])
        bad = QObject::tr(" (bad bin)");
    return QStringLiteral("%1%2\n%3\n%4: %5\n%6: %7\n%8: %9")
        .arg(text(store->bins().name(bin)), bad, experimentAccession(point), choice.x, pointValueText(x[point]),
             choice.y, pointValueText(y[point]), colourTitle, colourText(point));
}

std::size_t pointCount(const genomics::GenomicStore &store, int experiment)
{
    return store.bins().size() * (experiment < 0 ? store.experimentAccessions().size() : 1);
}

void checkPointCount(const genomics::GenomicStore &store, int experiment)
{
    if (const std::size_t count = pointCount(store, experiment); count > MaxScatterPoints)
        throw core::Error(store.path().string() + ": " + std::to_string(count)
                          + " points (bins x experiments) are more than the scatter plot holds ("
                          + std::to_string(MaxScatterPoints) + "); choose one experiment");
}

EmbeddingPoints loadEmbeddingPoints(std::shared_ptr<const genomics::GenomicStore> store, const EmbeddingChoice &choice)
{
    EmbeddingPoints shown;
    shown.store = std::move(store);
    shown.choice = choice;
    shown.experimentCount = shown.store->experimentAccessions().size();
    if (choice.experiment >= int(shown.experimentCount))
        throw core::Error(shown.store->path().string() + ": no experiment " + std::to_string(choice.experiment + 1));
    checkPointCount(*shown.store, choice.experiment);
    const std::optional<Source> source = parseKey(*shown.store, choice.colourBy);
    if (!source)
        throw core::Error(shown.store->path().string() + ": nothing to colour by named '"
                          + choice.colourBy.toStdString() + "'");
    shown.colourTitle = source->kind == Source::Kind::Chromosome ? QObject::tr("Chromosome")
                        : source->kind == Source::Kind::GoodBin  ? QObject::tr("Good/bad bin")
                                                                 : text(source->name);

    shown.x = embeddingValues(*shown.store, choice.x.toStdString(), choice.experiment);
    shown.y = embeddingValues(*shown.store, choice.y.toStdString(), choice.experiment);
    shown.points.x.assign(shown.x.begin(), shown.x.end());
    shown.points.y.assign(shown.y.begin(), shown.y.end());
    colourPoints(shown, *source);

    shown.counts.assign(shown.palette.size(), 0);
    for (std::size_t i = 0; i < shown.points.size(); ++i)
        if (std::isfinite(shown.x[i]) && std::isfinite(shown.y[i])) {
            ++shown.counts[shown.points.colour[i]];
            ++shown.finitePoints;
        }
    return shown;
}

} // namespace ui
