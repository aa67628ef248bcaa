#include "ui/browser/views/tableview.h"

#include "ui/browser/views/tablewindowmodel.h"

#include <QtCore/QLocale>
#include <QtCore/QRegularExpression>
#include <QtGui/QAction>
#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtGui/QKeyEvent>
#include <QtGui/QPainter>
#include <QtGui/QWheelEvent>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QTableView>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ui {

namespace {

// QScrollBar counts in int: beyond this many positions, one step of the bar is several rows.
constexpr std::uint64_t ScrollBarSteps = 1u << 30;
// Wheel rotation per row, in eighths of a degree: three rows per 15° notch, as Qt's item views scroll.
constexpr int WheelDeltaPerRow = 40;
// String datasets of more elements than this are lists better read in a table than as text.
constexpr std::uint64_t FewElements = 8;

// A cell as spreadsheets paste it: quoted when it holds a tab, a line break or a quote.
QString tsvField(QString text)
{
    if (!text.contains(QLatin1Char('\t')) && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('"')))
        return text;
    return QLatin1Char('"') + text.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

int clampedToInt(std::uint64_t value)
{
    return int(std::min<std::uint64_t>(value, std::numeric_limits<int>::max()));
}

} // namespace

TableView::TableView(SliceLoader &loader, QWidget *parent) : DataView(loader, parent)
{
    m_model = new TableWindowModel(loader, this);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("table"));
    m_table->setModel(m_model);
    // The window holds the rows on screen only: this view's own bar scrolls through the dataset.
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // One line of text per row: the style's default leaves room for editors this table never opens.
    const int rowHeight = m_table->fontMetrics().height() + 8;
    m_table->verticalHeader()->setMinimumSectionSize(rowHeight);
    m_table->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->installEventFilter(this);
    m_table->viewport()->installEventFilter(this);
    connect(m_table->horizontalScrollBar(), &QScrollBar::valueChanged, this, &TableView::updateVisibleColumns);
    connect(m_table->horizontalHeader(), &QHeaderView::sectionResized, this, &TableView::updateVisibleColumns);

    auto *copy = new QAction(tr("Copy"), m_table);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(copy, &QAction::triggered, this, [this] { QGuiApplication::clipboard()->setText(selectedText()); });
    m_table->addAction(copy);

    m_scrollBar = new QScrollBar(Qt::Vertical);
    m_scrollBar->setObjectName(QStringLiteral("rowScrollBar"));
    connect(m_scrollBar, &QScrollBar::valueChanged, this, [this](int value) {
        const std::uint64_t last = lastFirstRow();
        const auto steps = std::uint64_t(m_scrollBar->maximum());
        if (last <= ScrollBarSteps || std::uint64_t(value) == steps)
            moveTo(last <= ScrollBarSteps ? std::uint64_t(value) : last);
        else
            moveTo(std::uint64_t(static_cast<long double>(value) * static_cast<long double>(last)
                                 / static_cast<long double>(steps)));
    });

    m_goToRow = new QLineEdit;
    m_goToRow->setObjectName(QStringLiteral("goToRow"));
    m_goToRow->setPlaceholderText(tr("Go to row"));
    m_goToRow->setClearButtonEnabled(true);
    m_goToRow->setMinimumWidth(m_goToRow->fontMetrics().horizontalAdvance(QStringLiteral("3 000 000 000")) + 30);
    m_goToRow->setMaximumWidth(m_goToRow->minimumWidth() * 2);
    m_goToRow->setToolTip(tr("Row number to show at the top; Enter goes there"));
    connect(m_goToRow, &QLineEdit::returnPressed, this, [this] {
        QString digits = m_goToRow->text();
        digits.remove(QRegularExpression(QStringLiteral("[\\s,_'.]")));
        bool valid = false;
        const std::uint64_t row = digits.toULongLong(&valid);
        if (valid)
            scrollToRow(row);
    });
    m_leadingControls = new QWidget;
    m_leadingControls->setObjectName(QStringLiteral("leadingIndex"));
    new QHBoxLayout(m_leadingControls);
    m_leadingControls->layout()->setContentsMargins(0, 0, 0, 0);
    m_firstColumnLabel = new QLabel(tr("Columns from:"));
    m_firstColumn = new QSpinBox;
    m_firstColumn->setObjectName(QStringLiteral("firstColumn"));
    m_firstColumn->setKeyboardTracking(false);
    m_firstColumn->setSingleStep(int(TableWindowModel::MaxColumns));
    m_firstColumn->setToolTip(tr("At most %1 columns are shown at once: the first of them").arg(TableWindowModel::MaxColumns));
    connect(m_firstColumn, &QSpinBox::valueChanged, this, [this](int column) {
        m_model->setFirstColumn(std::uint64_t(column));
        updateVisibleColumns();
        updateStatus();
    });
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("status"));

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(4, 4, 4, 4);
    controls->addWidget(m_goToRow);
    controls->addWidget(m_leadingControls);
    controls->addWidget(m_firstColumnLabel);
    controls->addWidget(m_firstColumn);
    controls->addStretch(1);
    controls->addWidget(m_status);
    auto *tableRow = new QHBoxLayout;
    tableRow->setSpacing(0);
    tableRow->addWidget(m_table, 1);
    tableRow->addWidget(m_scrollBar);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addLayout(tableRow, 1);

    connect(m_model, &TableWindowModel::problem, this, &DataView::problem);
    connect(m_model, &TableWindowModel::blockLoaded, this, &DataView::shownChanged);
}

TableView::~TableView() = default;

ViewFactory TableView::factory()
{
    return {QStringLiteral("table"), tr("Table"),
            [](const DataSource &source) {
                const std::uint64_t elements = h5::elementCount(source.shape);
                if (elements == 0)
                    return 0;
                if (source.typeClass == h5::TypeClass::Compound)
                    return 35;
                const bool stringList = source.typeClass == h5::TypeClass::String
                                        && (source.shape.size() == 1 || source.shape.size() == 2);
                return stringList && elements > FewElements ? 30 : 20;
            },
            [](SliceLoader &loader, QWidget *parent) -> DataView * { return new TableView(loader, parent); }};
}

void TableView::setSource(const DataSource &source)
{
    m_source = source;
    m_model->setSource(source);
    // Wide enough for the longest row number, so that the header does not widen while scrolling.
    const QString widest(QString::number(m_model->totalRows()).size(), QLatin1Char('8'));
    m_table->verticalHeader()->setMinimumWidth(m_table->verticalHeader()->fontMetrics().horizontalAdvance(widest) + 12);
    const bool wide = m_model->totalColumns() > TableWindowModel::MaxColumns && source.shape.size() >= 2;
    m_firstColumnLabel->setVisible(wide);
    m_firstColumn->setVisible(wide);
    {
        const QSignalBlocker quiet(m_firstColumn);
        m_firstColumn->setRange(0, clampedToInt(m_model->totalColumns() - 1));
        m_firstColumn->setValue(0);
    }
    rebuildLeadingControls();
    m_wheelRemainder = 0;
    layoutWindow();
}

void TableView::sourceGrew(const DataSource &source)
{
    const std::uint64_t first = firstRow();
    setSource(source);
    moveTo(first);
}

std::optional<ShownSlice> TableView::shownSlice() const
{
    if (!m_source.isValid() || m_model->rowCount() == 0)
        return std::nullopt;
    return m_model->windowSlice();
}

void TableView::paintFigure(QPainter &painter, const QSize &size) const
{
    const QSize natural = m_table->size();
    painter.save();
    painter.scale(double(size.width()) / natural.width(), double(size.height()) / natural.height());
    m_table->render(&painter, QPoint(), QRegion(), QWidget::DrawWindowBackground | QWidget::DrawChildren);
    painter.restore();
}

QSize TableView::figureSize() const
{
    return m_table->size();
}

std::uint64_t TableView::firstRow() const
{
    return m_model->firstRow();
}

void TableView::scrollToRow(std::uint64_t row)
{
    moveTo(row);
    makeCurrent(row);
}

int TableView::visibleRows() const
{
    return std::max(1, m_table->viewport()->height() / std::max(1, m_table->verticalHeader()->defaultSectionSize()));
}

QString TableView::selectedText() const
{
    const QModelIndexList selected = m_table->selectionModel()->selectedIndexes();
    if (selected.isEmpty())
        return {};
    int top = selected.front().row(), bottom = top, left = selected.front().column(), right = left;
    for (const QModelIndex &index : selected) {
        top = std::min(top, index.row());
        bottom = std::max(bottom, index.row());
        left = std::min(left, index.column());
        right = std::max(right, index.column());
    }
    QStringList lines;
    for (int row = top; row <= bottom; ++row) {
        QStringList cells;
        for (int column = left; column <= right; ++column) {
            const QModelIndex index = m_model->index(row, column);
            cells << (m_table->selectionModel()->isSelected(index)
                          ? tsvField(index.data(TableWindowModel::FullTextRole).toString())
                          : QString());
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

bool TableView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize) {
        layoutWindow();
    } else if (watched == m_table->viewport() && event->type() == QEvent::Wheel) {
        const auto *wheel = static_cast<QWheelEvent *>(event);
        if (wheel->angleDelta().y() == 0)
            return false; // sideways: the table scrolls its columns itself
        m_wheelRemainder += wheel->angleDelta().y();
        const int rows = m_wheelRemainder / WheelDeltaPerRow;
        m_wheelRemainder %= WheelDeltaPerRow;
        scrollBy(-rows);
        return true;
    } else if (watched == m_table && event->type() == QEvent::KeyPress) {
        return handleKey(static_cast<QKeyEvent *>(event));
    }
    return DataView::eventFilter(watched, event);
}

bool TableView::handleKey(QKeyEvent *event)
{
    const QModelIndex current = m_table->currentIndex();
    const std::uint64_t row = firstRow() + std::uint64_t(std::max(current.row(), 0));
    const auto page = std::uint64_t(visibleRows());
    switch (event->key()) {
    case Qt::Key_PageDown:
        scrollBy(visibleRows());
        makeCurrent(row + page);
        return true;
    case Qt::Key_PageUp:
        scrollBy(-visibleRows());
        makeCurrent(row - std::min(row, page));
        return true;
    case Qt::Key_Home: makeCurrent(0); return true;
    case Qt::Key_End: makeCurrent(m_model->totalRows() - 1); return true;
    // Inside the window the table moves the current cell itself; at its edges the window moves instead.
    case Qt::Key_Down:
        if (current.row() < visibleRows() - 1)
            return false;
        makeCurrent(row + 1);
        return true;
    case Qt::Key_Up:
        if (current.row() > 0)
            return false;
        makeCurrent(row - std::min<std::uint64_t>(row, 1));
        return true;
    default: return false;
    }
}

void TableView::makeCurrent(std::uint64_t row)
{
    if (m_model->totalRows() == 0)
        return;
    row = std::min(row, m_model->totalRows() - 1);
    if (row < firstRow())
        moveTo(row);
    else if (row >= firstRow() + std::uint64_t(visibleRows()))
        moveTo(row + 1 - std::uint64_t(visibleRows()));
    const int column = std::max(m_table->currentIndex().column(), 0);
    m_table->setCurrentIndex(m_model->index(int(row - firstRow()), column));
}

void TableView::layoutWindow()
{
    // One row more than fits whole: the partly visible last row is filled too.
    m_model->setWindow(std::min(firstRow(), lastFirstRow()), visibleRows() + 1);
    syncScrollBar();
    updateVisibleColumns();
    updateStatus();
}

void TableView::scrollBy(std::int64_t rows)
{
    const std::uint64_t first = firstRow();
    moveTo(rows < 0 ? first - std::min(first, std::uint64_t(-rows)) : first + std::uint64_t(rows));
}

void TableView::moveTo(std::uint64_t first)
{
    first = std::min(first, lastFirstRow());
    if (first == firstRow())
        return;
    // The current cell stays on its dataset row while that row is on screen. A selection is of cells on
    // screen (the window cannot hold more), so it goes.
    const QModelIndex current = m_table->currentIndex();
    const std::uint64_t currentRow = firstRow() + std::uint64_t(current.row());
    m_model->setWindow(first, visibleRows() + 1);
    m_table->selectionModel()->clear();
    if (current.isValid() && currentRow >= first && currentRow < first + std::uint64_t(m_model->rowCount()))
        m_table->setCurrentIndex(m_model->index(int(currentRow - first), current.column()));
    syncScrollBar();
    updateStatus();
    Q_EMIT shownChanged();
}

void TableView::syncScrollBar()
{
    const std::uint64_t last = lastFirstRow();
    const std::uint64_t steps = std::min(last, ScrollBarSteps);
    const std::uint64_t value =
        last <= ScrollBarSteps ? firstRow()
                               : std::uint64_t(std::llround(static_cast<long double>(firstRow())
                                                            * static_cast<long double>(steps)
                                                            / static_cast<long double>(last)));
    m_scrollBar->blockSignals(true);
    m_scrollBar->setRange(0, int(steps));
    m_scrollBar->setPageStep(std::max(1, clampedToInt(std::uint64_t(visibleRows()) * steps / std::max<std::uint64_t>(last, 1))));
    m_scrollBar->setValue(int(value));
    m_scrollBar->blockSignals(false);
    m_scrollBar->setEnabled(last > 0);
}

void TableView::updateVisibleColumns()
{
    const int count = m_model->columnCount();
    if (count == 0)
        return;
    const int first = m_table->columnAt(0);
    const int last = m_table->columnAt(m_table->viewport()->width() - 1);
    m_model->setVisibleColumns(first < 0 ? 0 : first, last < 0 ? count - 1 : last);
}

void TableView::updateStatus()
{
    const QLocale locale;
    const std::uint64_t total = m_model->totalRows();
    const std::uint64_t shown = std::uint64_t(m_model->rowCount());
    QString text = shown == 0 ? tr("no rows")
                              : tr("rows %1–%2 of %3")
                                    .arg(locale.toString(qulonglong(firstRow())),
                                         locale.toString(qulonglong(firstRow() + shown - 1)),
                                         locale.toString(qulonglong(total)));
    if (m_firstColumn->isVisibleTo(this))
        text += tr(" · columns %1–%2 of %3")
                    .arg(locale.toString(qulonglong(m_model->firstColumn())),
                         locale.toString(qulonglong(m_model->firstColumn() + std::uint64_t(m_model->columnCount()) - 1)),
                         locale.toString(qulonglong(m_model->totalColumns())));
    m_status->setText(text);
}

void TableView::rebuildLeadingControls()
{
    QLayout *layout = m_leadingControls->layout();
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const h5::Shape extent = m_model->leadingExtent();
    m_leadingControls->setVisible(!extent.empty());
    if (extent.empty())
        return;
    layout->addWidget(new QLabel(tr("Slice:")));
    std::vector<QSpinBox *> spins;
    for (std::uint64_t length : extent) {
        auto *spin = new QSpinBox;
        spin->setRange(0, clampedToInt(length - 1));
        spin->setKeyboardTracking(false);
        layout->addWidget(spin);
        spins.push_back(spin);
    }
    for (QSpinBox *spin : spins)
        connect(spin, &QSpinBox::valueChanged, this, [this, spins] {
            h5::Shape index;
            for (const QSpinBox *each : spins)
                index.push_back(std::uint64_t(each->value()));
            m_model->setLeadingIndex(index);
            Q_EMIT shownChanged();
        });
}

std::uint64_t TableView::lastFirstRow() const
{
    const std::uint64_t total = m_model->totalRows();
    const auto fit = std::uint64_t(visibleRows());
    return total > fit ? total - fit : 0;
}

} // namespace ui
