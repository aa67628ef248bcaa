#include "ui/genomics/selectedbinsmodel.h"

#include "ui/genomics/embeddingpoints.h"

#include "core/genomics/genomicstore.h"

#include <QtCore/QLocale>

#include <cmath>

namespace ui {

namespace {

// `name`, or `prefix` + `name` when the table has a column of that name already.
std::string freeName(const h5::Table &table, const QString &name, const char *prefix)
{
    const std::string wanted = name.toStdString();
    return table.find(wanted) ? prefix + wanted : wanted;
}

} // namespace

SelectedBinsModel::SelectedBinsModel(QObject *parent) : QAbstractTableModel(parent) {}

void SelectedBinsModel::setSelection(std::shared_ptr<const EmbeddingPoints> shown, std::vector<std::uint32_t> selected)
{
    beginResetModel();
    m_shown = std::move(shown);
    m_selected = m_shown ? std::move(selected) : std::vector<std::uint32_t>{};
    endResetModel();
}

void SelectedBinsModel::clear()
{
    setSelection(nullptr, {});
}

std::size_t SelectedBinsModel::binAt(int row) const
{
    return m_shown->binOf(m_selected[std::size_t(row)]);
}

int SelectedBinsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_selected.size());
}

int SelectedBinsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SelectedBinsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    if (role == Qt::TextAlignmentRole) {
        const bool numeric = index.column() == StartColumn || index.column() == EndColumn || index.column() == XColumn
                             || index.column() == YColumn || (index.column() == ColourColumn && m_shown->continuous);
        return int((numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole)
        return {};
    const std::size_t point = m_selected[std::size_t(index.row())];
    const std::size_t bin = m_shown->binOf(point);
    const genomics::GenomeBins &bins = m_shown->store->bins();
    const QLocale locale;
    switch (index.column()) {
    case BinColumn: return QString::fromStdString(bins.name(bin));
    case ChromColumn: return QString::fromStdString(bins.chrom(bin));
    case StartColumn: return locale.toString(qlonglong(bins.start[bin]));
    case EndColumn: return locale.toString(qlonglong(bins.end[bin]));
    case GoodColumn: return bins.good[bin] ? tr("good") : tr("bad");
    case ExperimentColumn: return m_shown->experimentAccession(point);
    case XColumn: return pointValueText(m_shown->x[point]);
    case YColumn: return pointValueText(m_shown->y[point]);
    case ColourColumn: return m_shown->colourText(point);
    default: return {};
    }
}

QVariant SelectedBinsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case BinColumn: return tr("Bin");
    case ChromColumn: return tr("Chrom");
    case StartColumn: return tr("Start");
    case EndColumn: return tr("End");
    case GoodColumn: return tr("Good bin");
    case ExperimentColumn: return tr("Experiment");
    case XColumn: return m_shown ? m_shown->choice.x : tr("X");
    case YColumn: return m_shown ? m_shown->choice.y : tr("Y");
    case ColourColumn: return m_shown ? m_shown->colourTitle : tr("Colour");
    default: return {};
    }
}

h5::Table selectedBinsTable(const EmbeddingPoints &shown, const std::vector<std::uint32_t> &selected)
{
    const genomics::GenomeBins &bins = shown.store->bins();
    const std::size_t rows = selected.size();
    std::vector<std::string> names(rows), chroms(rows), experiments(rows);
    std::vector<std::int64_t> starts(rows), ends(rows);
    std::vector<h5::Bool> good(rows);
    std::vector<double> x(rows), y(rows);
    for (std::size_t row = 0; row < rows; ++row) {
        const std::size_t point = selected[row];
        const std::size_t bin = shown.binOf(point);
        names[row] = bins.name(bin);
        chroms[row] = bins.chrom(bin);
        starts[row] = bins.start[bin];
        ends[row] = bins.end[bin];
        good[row] = bins.good[bin] ? h5::Bool::True : h5::Bool::False;
        experiments[row] = shown.store->experimentAccessions()[shown.experimentOf(point)];
        x[row] = shown.x[point];
        y[row] = shown.y[point];
    }
    h5::Table table;
    table.addColumn("bin_name", std::move(names));
    table.addColumn("chrom", std::move(chroms));
    table.addColumn("start", std::move(starts));
    table.addColumn("end", std::move(ends));
    table.addColumn("good_bin", std::move(good));
    table.addColumn("experiment", std::move(experiments));
    table.addColumn(freeName(table, shown.choice.x, "x_"), std::move(x));
    table.addColumn(freeName(table, shown.choice.y, "y_"), std::move(y));

    if (shown.choice.colourBy == QLatin1String(ChromosomeKey) || shown.choice.colourBy == QLatin1String(GoodBinKey))
        return table;
    const std::string colourName = freeName(table, shown.colourTitle, "colour_");
    if (shown.continuous) {
        std::vector<double> values(rows);
        std::vector<std::uint8_t> valid(rows);
        for (std::size_t row = 0; row < rows; ++row) {
            values[row] = shown.values[selected[row]];
            valid[row] = std::isfinite(values[row]);
        }
        table.addColumn(colourName, std::move(values), std::move(valid));
    } else {
        std::vector<std::string> categories(rows);
        std::vector<std::uint8_t> valid(rows);
        for (std::size_t row = 0; row < rows; ++row) {
            const QString &category = shown.categories[shown.points.colour[selected[row]]];
            valid[row] = category != QLatin1String(EmbeddingPoints::NoValue);
            categories[row] = category.toStdString();
        }
        table.addColumn(colourName, std::move(categories), std::move(valid));
    }
    return table;
}

} // namespace ui
