#include "ui/genomics/categorylegend.h"

#include <QtCore/QLocale>
#include <QtCore/QSignalBlocker>
#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QTreeWidget>

namespace ui {

namespace {

enum ListColumn { NameColumn, CountColumn };

QString valueText(double value)
{
    return QString::number(value, 'g', 4).replace(QLatin1Char('-'), QChar(0x2212));
}

QIcon swatch(QRgb colour, int side)
{
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QColor(0, 0, 0, 60));
    painter.setBrush(QColor(colour));
    painter.drawRoundedRect(QRectF(0.5, 0.5, side - 1, side - 1), 2, 2);
    return QIcon(pixmap);
}

} // namespace

// The gradient upright, high at the top, with the values at its ends and middle beside it.
class ColourBarStrip : public QWidget {
public:
    explicit ColourBarStrip(QWidget *parent) : QWidget(parent)
    {
        setMinimumHeight(140);
        setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);
    }

    void set(const std::vector<QRgb> &gradient, double low, double high)
    {
        // Made once per gradient; painting scales it to the bar.
        m_strip = QImage();
        if (gradient.size() >= 2) {
            m_strip = QImage(1, int(gradient.size()), QImage::Format_RGB32);
            for (std::size_t i = 0; i < gradient.size(); ++i)
                m_strip.setPixel(0, int(gradient.size() - 1 - i), gradient[i]);
        }
        m_low = low;
        m_high = high;
        update();
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        if (m_strip.isNull())
            return;
        QPainter painter(this);
        const QFontMetrics metrics = fontMetrics();
        const QRect bar(4, metrics.height() / 2, 16, height() - metrics.height());
        painter.drawImage(bar, m_strip);
        painter.setPen(palette().color(QPalette::Mid));
        painter.drawRect(bar.adjusted(0, 0, -1, -1));
        painter.setPen(palette().color(QPalette::WindowText));
        const int textLeft = bar.right() + 6;
        for (const double share : {0.0, 0.5, 1.0}) {
            const int row = bar.bottom() - int(share * (bar.height() - 1));
            painter.drawLine(bar.right() + 1, row, bar.right() + 3, row);
            painter.drawText(QRect(textLeft, row - metrics.height() / 2, width() - textLeft, metrics.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, valueText(m_low + share * (m_high - m_low)));
        }
    }

private:
    QImage m_strip;
    double m_low = 0, m_high = 1;
};

CategoryLegend::CategoryLegend(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("legendTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);

    m_bar = new ColourBarStrip(this);
    m_bar->hide();

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("legendEntries"));
    m_list->setColumnCount(2);
    m_list->setHeaderHidden(true);
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->header()->setStretchLastSection(false);
    m_list->header()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(CountColumn, QHeaderView::ResizeToContents);
    m_list->setToolTip(tr("Uncheck a group to hide its points"));

    m_all = new QToolButton(this);
    m_all->setObjectName(QStringLiteral("legendAll"));
    m_all->setText(tr("All"));
    m_all->setToolTip(tr("Show every group"));
    m_none = new QToolButton(this);
    m_none->setObjectName(QStringLiteral("legendNone"));
    m_none->setText(tr("None"));
    m_none->setToolTip(tr("Hide every group"));

    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 0, 0);
    header->addWidget(m_title, 1);
    header->addWidget(m_all);
    header->addWidget(m_none);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_bar, 1);
    layout->addWidget(m_list, 3);

    connect(m_list, &QTreeWidget::itemChanged, this, &CategoryLegend::readChecks);
    connect(m_all, &QToolButton::clicked, this, [this] { setAllVisible(true); });
    connect(m_none, &QToolButton::clicked, this, [this] { setAllVisible(false); });
}

void CategoryLegend::setTitle(const QString &title)
{
    m_title->setText(title);
}

QString CategoryLegend::title() const
{
    return m_title->text();
}

void CategoryLegend::setEntries(std::vector<LegendEntry> entries)
{
    m_entries = std::move(entries);
    m_bar->hide();
    fillList();
}

void CategoryLegend::setColourBar(std::vector<QRgb> gradient, double low, double high, std::vector<LegendEntry> entries)
{
    m_entries = std::move(entries);
    m_bar->set(gradient, low, high);
    m_bar->show();
    fillList();
}

void CategoryLegend::clear()
{
    m_title->clear();
    setEntries({});
}

bool CategoryLegend::hasColourBar() const
{
    return !m_bar->isHidden();
}

void CategoryLegend::setEntryVisible(std::size_t index, bool visible)
{
    if (index >= m_entries.size())
        return;
    m_list->topLevelItem(int(index))->setCheckState(NameColumn, visible ? Qt::Checked : Qt::Unchecked);
}

void CategoryLegend::setAllVisible(bool visible)
{
    {
        const QSignalBlocker quiet(m_list);
        for (int row = 0; row < m_list->topLevelItemCount(); ++row)
            m_list->topLevelItem(row)->setCheckState(NameColumn, visible ? Qt::Checked : Qt::Unchecked);
    }
    readChecks();
}

void CategoryLegend::fillList()
{
    const QSignalBlocker quiet(m_list);
    m_list->clear();
    const int side = fontMetrics().height() - 2;
    m_list->setIconSize(QSize(side, side));
    const QLocale locale;
    QList<QTreeWidgetItem *> items;
    for (const LegendEntry &entry : m_entries) {
        auto *item = new QTreeWidgetItem;
        item->setText(NameColumn, entry.name);
        item->setToolTip(NameColumn, entry.name);
        item->setIcon(NameColumn, swatch(entry.colour, side));
        item->setText(CountColumn, locale.toString(qulonglong(entry.count)));
        item->setTextAlignment(CountColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(NameColumn, entry.visible ? Qt::Checked : Qt::Unchecked);
        items << item;
    }
    m_list->addTopLevelItems(items);
    m_list->setVisible(!m_entries.empty());
    m_all->setVisible(m_entries.size() > 1);
    m_none->setVisible(m_entries.size() > 1);
}

void CategoryLegend::readChecks()
{
    bool changed = false;
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        const bool visible = m_list->topLevelItem(int(i))->checkState(NameColumn) == Qt::Checked;
        changed = changed || visible != m_entries[i].visible;
        m_entries[i].visible = visible;
    }
    if (changed)
        Q_EMIT visibilityChanged();
}

} // namespace ui
