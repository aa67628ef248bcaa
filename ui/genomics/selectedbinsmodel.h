#pragma once

#include "core/h5/table.h"

#include <QtCore/QAbstractTableModel>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace ui {

struct EmbeddingPoints;

// The selected points of the embeddings scatter, one row each in point order (bin, then experiment): bin
// name, chromosome, start, end, good bin, experiment accession, the two components and the colour value.
// Cells are made when shown, so that a selection of a million points costs only its list of indices.
class SelectedBinsModel : public QAbstractTableModel {
public:
    enum Column {
        BinColumn, ChromColumn, StartColumn, EndColumn, GoodColumn, ExperimentColumn, XColumn, YColumn, ColourColumn,
        ColumnCount
    };

    explicit SelectedBinsModel(QObject *parent = nullptr);

    // `selected`: indices into shown->points, ascending.
    void setSelection(std::shared_ptr<const EmbeddingPoints> shown, std::vector<std::uint32_t> selected);
    void clear();

    std::size_t binAt(int row) const;
    std::size_t pointAt(int row) const { return m_selected[std::size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const EmbeddingPoints> m_shown;
    std::vector<std::uint32_t> m_selected;
};

// The same rows as a table to export (formats::writeTableFile): bin_name, chrom, start, end, good_bin,
// experiment, the components by their names (float64), and the colour value named after its source (text for
// categories, float64 for continuous values, null without a value). Colouring by chromosome or good/bad bin
// adds no column: those are there already; a colour column whose name is taken gets the prefix "colour_".
h5::Table selectedBinsTable(const EmbeddingPoints &shown, const std::vector<std::uint32_t> &selected);

} // namespace ui
