#include "ui/retinotopy/patchtablemodel.h"

#include "ui/retinotopy/signmapview.h"

#include "core/retinotopy/areasegmentation.h"

#include <QtCore/QLocale>

#include <cmath>

namespace ui {

double areaMm2(std::int64_t areaPx, double pixelSizeUm)
{
    if (!std::isfinite(pixelSizeUm) || pixelSizeUm <= 0)
        return std::nan("");
    const double sideMm = pixelSizeUm / 1000;
    return double(areaPx) * sideMm * sideMm;
}

PatchTableModel::PatchTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void PatchTableModel::setPatches(const std::vector<retino::Patch> &patches, double pixelSizeUm)
{
    beginResetModel();
    m_rows.clear();
    for (const retino::Patch &patch : patches)
        m_rows.push_back({patch.sign, patch.areaPx, areaMm2(patch.areaPx, pixelSizeUm), patch.centroidRc.x,
                          patch.centroidRc.y});
    endResetModel();
}

void PatchTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

int PatchTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PatchTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[std::size_t(index.row())];
    if (role == SortRole) {
        switch (index.column()) {
        case PatchColumn: return index.row();
        case SignColumn: return row.sign;
        case AreaPxColumn: return qlonglong(row.areaPx);
        case AreaMm2Column: return std::isfinite(row.areaMm2) ? row.areaMm2 : -1.0;
        case RowColumn: return row.row;
        case ColColumn: return row.col;
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() == PatchColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                             : int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case PatchColumn: return patchName(std::size_t(index.row()), row.sign);
    case SignColumn: return row.sign >= 0 ? QStringLiteral("+1") : QStringLiteral("−1");
    case AreaPxColumn: return locale.toString(qlonglong(row.areaPx));
    case AreaMm2Column: return std::isfinite(row.areaMm2) ? locale.toString(row.areaMm2, 'f', 3) : QStringLiteral("—");
    case RowColumn: return locale.toString(row.row, 'f', 1);
    case ColColumn: return locale.toString(row.col, 'f', 1);
    default: return {};
    }
}

QVariant PatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PatchColumn: return tr("Patch");
    case SignColumn: return tr("Sign");
    case AreaPxColumn: return tr("Area (px)");
    case AreaMm2Column: return tr("Area (mm²)");
    case RowColumn: return tr("Centroid row");
    case ColColumn: return tr("Centroid col");
    default: return {};
    }
}

} // namespace ui
