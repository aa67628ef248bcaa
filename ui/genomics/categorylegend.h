#pragma once

#include <QtGui/QRgb>
#include <QtWidgets/QWidget>

#include <cstddef>
#include <vector>

class QLabel;
class QToolButton;
class QTreeWidget;

namespace ui {

class ColourBarStrip;

// One group of points: its colour swatch, its name and how many points it has.
struct LegendEntry {
    QString name;
    QRgb colour = 0;
    std::size_t count = 0;
    bool visible = true;
};

// What the colours of a scatter plot mean: for categories (clusters, chromosomes, biosamples) one entry each,
// whose check box shows or hides its points; for continuous values a colour bar from low to high, with
// entries only for what falls outside it (points without a value). "All" and "None" check every entry.
class CategoryLegend : public QWidget {
    Q_OBJECT

public:
    explicit CategoryLegend(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    QString title() const;
    // Categories: the entries, no colour bar.
    void setEntries(std::vector<LegendEntry> entries);
    // Continuous values: `gradient` (low to high, at least two colours) as a bar from `low` to `high`, and
    // the entries under it.
    void setColourBar(std::vector<QRgb> gradient, double low, double high, std::vector<LegendEntry> entries);
    void clear();

    bool hasColourBar() const;
    std::size_t entryCount() const { return m_entries.size(); }
    const LegendEntry &entry(std::size_t index) const { return m_entries[index]; }
    // Changes the check box as a click would, and emits visibilityChanged() when that changes anything.
    void setEntryVisible(std::size_t index, bool visible);
    void setAllVisible(bool visible);

Q_SIGNALS:
    // The user (or setEntryVisible) checked or unchecked entries; entry(i).visible says which are shown.
    void visibilityChanged();

private:
    void fillList();
    void readChecks();

    std::vector<LegendEntry> m_entries;
    QLabel *m_title = nullptr;
    ColourBarStrip *m_bar = nullptr;
    QTreeWidget *m_list = nullptr;
    QToolButton *m_all = nullptr;
    QToolButton *m_none = nullptr;
};

} // namespace ui
