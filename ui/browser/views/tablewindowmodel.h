#pragma once

#include "ui/browser/datasource.h"
#include "ui/browser/views/dataview.h"

#include <nlohmann/json_fwd.hpp>

#include <QtCore/QAbstractTableModel>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ui {

class SliceLoader;
struct Slice;
struct SliceRequest;

// The precision floating-point values were stored in. They arrive as double; a float32 0.1 written with a
// double's digits would read 0.10000000149011612.
enum class FloatWidth { Double, Single };
// Single when the widest float in a type's name ("float32", "array[3](float16)") is single or half.
FloatWidth floatWidthOf(std::string_view typeName);

// A cell value as one line of text: strings as they are, numbers in the fewest digits that read back as the
// stored value, nan and ±inf by name, arrays and variable-length sequences as "[1, 2, 3]", compounds as
// "{x: 1, y: 2}". Stops near `limit` characters with "…", so that a sequence of a million values costs no
// more than a short one.
QString cellText(const nlohmann::json &value, int limit, FloatWidth floats = FloatWidth::Double);

// A window of rows onto a dataset of any length, for a QTableView. Qt's item models count rows in int, so
// the model holds only the rows on screen (the view keeps the 64-bit position, and moves the window with
// setWindow); vertical header sections carry the real row numbers.
//
// Layout: a 1-D dataset is one column "value", or one per compound field (nested compounds flattened as
// "outer.inner"); a 2-D dataset one column per index of its second dimension, at most MaxColumns from
// firstColumn(); a dataset of higher rank shows its last two dimensions at the leading indices chosen with
// setLeadingIndex; a scalar one cell.
//
// Cells are read as JSON blocks through the SliceLoader, block by block and only those on screen (block
// rows a multiple or a tile of the chunk rows, so that a block decompresses no chunk twice): a cell shows
// "…" until its block arrives, "⚠" if its read failed.
class TableWindowModel : public QAbstractTableModel {
    Q_OBJECT

public:
    static constexpr std::uint64_t MaxColumns = 1000;
    // The untruncated text of a cell, for copying.
    static constexpr int FullTextRole = Qt::UserRole + 1;

    explicit TableWindowModel(SliceLoader &loader, QObject *parent = nullptr);
    ~TableWindowModel() override;

    // Lays the dataset out (no data is read yet) and shows its first rows.
    void setSource(const DataSource &source);

    std::uint64_t totalRows() const { return m_totalRows; }
    std::uint64_t totalColumns() const { return m_totalColumns; }
    std::uint64_t firstRow() const { return m_firstRow; }
    std::uint64_t firstColumn() const { return m_firstColumn; }
    // Rows per block read: what the loader caches and what scrolling prefetches.
    std::uint64_t blockRows() const { return m_blockRows; }
    // Dimensions before the two shown (datasets of rank 3 or more), and the index shown along each.
    const h5::Shape &leadingIndex() const { return m_leadingIndex; }
    h5::Shape leadingExtent() const;

    // Shows `rows` rows from `first`, both clamped to the dataset.
    void setWindow(std::uint64_t first, int rows);
    // The model columns on screen: only their blocks are read.
    void setVisibleColumns(int first, int last);
    // Wide datasets: the first of the MaxColumns columns shown.
    void setFirstColumn(std::uint64_t column);
    void setLeadingIndex(const h5::Shape &index);
    // The hyperslab of the rows and columns on screen, in dataset coordinates.
    ShownSlice windowSlice() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void problem(const QString &message);
    // A block arrived: the cells on screen have new text.
    void blockLoaded();

private:
    struct Column {
        QString title;
        std::vector<std::string> fieldPath; // compound members leading to the value; empty for the element
        FloatWidth floats = FloatWidth::Double;
    };
    struct Block {
        std::shared_ptr<const Slice> slice;
        QString error;
    };
    using BlockKey = std::pair<std::uint64_t, std::uint64_t>; // row block, column block

    void onLoaded(quint64 ticket, const std::shared_ptr<const Slice> &slice);
    void onFailed(quint64 ticket, const QString &message);
    // Requests the first block on screen not read yet; once all are, prefetches the neighbours.
    void loadMissing();
    void dropBlocksOffScreen();
    std::vector<BlockKey> blocksOnScreen() const;
    SliceRequest blockRequest(const BlockKey &key) const;
    const nlohmann::json *cellValue(std::uint64_t row, std::uint64_t column, QString *error) const;
    std::uint64_t columnOf(int section) const;
    int windowColumnCount() const;

    SliceLoader &m_loader;
    DataSource m_source;
    int m_rowAxis = -1;    // -1: a scalar
    int m_columnAxis = -1; // -1: one column per field, or "value"
    std::vector<Column> m_columns; // when there is no column axis
    FloatWidth m_elementFloats = FloatWidth::Double;
    std::uint64_t m_totalRows = 0;
    std::uint64_t m_totalColumns = 0;
    std::uint64_t m_blockRows = 1;
    std::uint64_t m_blockColumns = 1;
    h5::Shape m_leadingIndex;

    std::uint64_t m_firstRow = 0;
    int m_windowRows = 0;
    std::uint64_t m_firstColumn = 0;
    int m_firstVisibleColumn = 0;
    int m_lastVisibleColumn = 0;

    std::map<BlockKey, Block> m_blocks;
    quint64 m_pendingTicket = 0;
    BlockKey m_pendingBlock;
};

} // namespace ui
