#pragma once

#include "ui/browser/views/dataview.h"
#include "ui/browser/viewregistry.h"

#include <memory>
#include <vector>

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace ui {

struct Slice;

// Line plots of 1-D numeric datasets, and of rows or columns of 2-D ones, against the index or against
// another dataset of the file (a sibling of the same length, a NeXus axis, or any path typed in), with
// overlays of further datasets of the same length. Long signals stay fluid: QCustomPlot's adaptive sampling
// draws a million points as a few thousand, and a dataset larger than the memory budget is shown in part
// with a warning instead of exhausting memory.
//
// Everything that touches the file runs off the UI thread: values through the SliceLoader, the listing of
// sibling datasets and the attributes used for labels on a worker of Qt's global pool.
class PlotView : public DataView {
    Q_OBJECT

public:
    // For 2-D datasets: whether one curve is a row (along the last dimension) or a column.
    enum class Orientation { Rows, Columns };

    explicit PlotView(SliceLoader &loader, QWidget *parent = nullptr);
    ~PlotView() override;

    static ViewFactory factory();

    void setSource(const DataSource &source) override;
    std::optional<ShownSlice> shownSlice() const override;
    void paintFigure(QPainter &painter, const QSize &size) const override;
    // The plot's own size, without the controls around it.
    QSize figureSize() const override;

    // 2-D datasets: `count` consecutive rows (or columns) from `first`, each a curve. Ignored for 1-D.
    void setOrientation(Orientation orientation);
    Orientation orientation() const;
    void setLines(std::uint64_t first, int count);

    // The dataset whose values are the X coordinates; empty for the index. It must be 1-D numeric with one
    // value per point; otherwise `problem` says why and the index stays. Returns at once.
    void setXPath(const QString &objectPath);
    QString xPath() const;
    // Overlays: further 1-D numeric datasets of the same length, drawn in their own colours with a legend.
    void addOverlay(const QString &objectPath);
    void removeOverlay(const QString &objectPath);
    QStringList overlays() const;

    // Resets zoom and pan so that every curve is visible.
    void fit();
    // The plot, for tests and for callers that style it.
    QCustomPlot *plot() const { return m_plot; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Series;
    struct OpenedDataset;
    struct Neighbourhood;

    void request(Series &series);
    void requestAll();
    // The series whose request carries `ticket`, if any (the loader serves every view).
    Series *seriesAwaiting(quint64 ticket) const;
    void onLoaded(quint64 ticket, const std::shared_ptr<const Slice> &slice);
    void onFailed(quint64 ticket, const QString &message);
    void openSeries(const QString &objectPath, bool asX);
    void adoptSeries(OpenedDataset opened, bool asX);
    void cancelAll();
    void rebuildGraphs();
    void applyLabel();
    void updateReadout(const QPoint &position);
    void updateLineControls();
    void fillXChoices();
    // The plotted dataset's siblings with one value per point: the candidates for X and overlays.
    QStringList fittingSiblings() const;
    void showOverlayMenu();
    void showRemoveMenu();
    void zoom(double factor);
    void pan(double keyFraction, double valueFraction);

    int curveAxis() const;
    int lineAxis() const;
    std::uint64_t curveLength() const;
    std::uint64_t shownLength() const;
    int lineCount() const;

    QCustomPlot *m_plot = nullptr;
    QWidget *m_lineControls = nullptr;
    QComboBox *m_orientationChoice = nullptr;
    QSpinBox *m_firstLine = nullptr;
    QSpinBox *m_lineCount = nullptr;
    QComboBox *m_xChoice = nullptr;
    QLineEdit *m_xPathEdit = nullptr;
    QToolButton *m_addOverlayButton = nullptr;
    QToolButton *m_removeOverlayButton = nullptr;
    QLabel *m_readout = nullptr;
    QLabel *m_truncationNote = nullptr;

    std::unique_ptr<Series> m_y;
    std::unique_ptr<Series> m_x;                  // none: the index
    std::vector<std::unique_ptr<Series>> m_overlays;
    // Siblings of the plotted dataset: 1-D numeric datasets with their lengths, listed on a worker.
    std::vector<std::pair<QString, std::uint64_t>> m_siblings;
    // Bumped by setSource: results of workers started for an earlier dataset are dropped.
    quint64 m_generation = 0;
    // Bumped by each rebuild of the curves: only the newest one built on a worker is drawn.
    quint64 m_rebuild = 0;
    bool m_truncationReported = false;
};

} // namespace ui
