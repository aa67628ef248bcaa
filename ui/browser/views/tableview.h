#pragma once

#include "ui/browser/views/dataview.h"
#include "ui/browser/viewregistry.h"

class QLabel;
class QLineEdit;
class QScrollBar;
class QSpinBox;
class QTableView;

namespace ui {

class TableWindowModel;

// Any dataset as a table, however many rows: billions scroll as smoothly as hundreds. The QTableView shows
// only the window of rows on screen (TableWindowModel); this view keeps the 64-bit first row and its own
// scroll bar, and moves the window on wheel, PageUp/PageDown, Home/End and Up/Down at the edges. Compound
// records show one column per field, enums their names, strings their text (elided, whole in the tooltip).
// Ctrl+C copies the selected cells as tab-separated text.
class TableView : public DataView {
    Q_OBJECT

public:
    explicit TableView(SliceLoader &loader, QWidget *parent = nullptr);
    ~TableView() override;

    static ViewFactory factory();

    void setSource(const DataSource &source) override;
    // Keeps the position: a growing recording is usually read where it was.
    void sourceGrew(const DataSource &source) override;
    std::optional<ShownSlice> shownSlice() const override;
    void paintFigure(QPainter &painter, const QSize &size) const override;
    QSize figureSize() const override;

    // The dataset row at the top of the table, and moving it (clamped so that the last row ends the table).
    std::uint64_t firstRow() const;
    void scrollToRow(std::uint64_t row);
    // Rows that fit on screen whole.
    int visibleRows() const;
    // The selected cells as text, tab between columns and newline between rows (what Ctrl+C copies).
    QString selectedText() const;

    QTableView *table() const { return m_table; }
    TableWindowModel *model() const { return m_model; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void layoutWindow();
    void scrollBy(std::int64_t rows);
    // Makes the dataset row `row` the current one, in the current column, scrolling only as far as needed.
    void makeCurrent(std::uint64_t row);
    void moveTo(std::uint64_t first);
    void syncScrollBar();
    void updateVisibleColumns();
    void updateStatus();
    void rebuildLeadingControls();
    std::uint64_t lastFirstRow() const;
    bool handleKey(QKeyEvent *event);

    TableWindowModel *m_model = nullptr;
    QTableView *m_table = nullptr;
    QScrollBar *m_scrollBar = nullptr;
    QLineEdit *m_goToRow = nullptr;
    QLabel *m_status = nullptr;
    QWidget *m_leadingControls = nullptr;
    QSpinBox *m_firstColumn = nullptr;
    QLabel *m_firstColumnLabel = nullptr;
    int m_wheelRemainder = 0; // eighths of a degree not yet turned into rows (touchpads send small steps)
};

} // namespace ui
