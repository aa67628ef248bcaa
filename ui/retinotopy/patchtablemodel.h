#pragma once

#include <QtCore/QAbstractTableModel>

#include <cstdint>
#include <vector>

namespace retino {
struct Patch;
}

namespace ui {

// The segmented patches (visual areas), one row each, numbered as on the sign map: number and sign, area in
// pixels and, when the pixel size is known, in mm², and the centroid (row, column in map pixels). SortRole
// gives numbers, so a QSortFilterProxyModel sorts the columns numerically.
class PatchTableModel : public QAbstractTableModel {
public:
    enum Column { PatchColumn, SignColumn, AreaPxColumn, AreaMm2Column, RowColumn, ColColumn, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit PatchTableModel(QObject *parent = nullptr);

    // `pixelSizeUm` on the cortex, NaN when unknown (the mm² column then shows "—").
    void setPatches(const std::vector<retino::Patch> &patches, double pixelSizeUm);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        int sign;
        std::int64_t areaPx;
        double areaMm2; // NaN when the pixel size is unknown
        double row, col;
    };
    std::vector<Row> m_rows;
};

// A patch's area in mm² from its pixel count and the pixel size in µm; NaN when the size is unknown.
double areaMm2(std::int64_t areaPx, double pixelSizeUm);

} // namespace ui
