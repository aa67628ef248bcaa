#pragma once

#include "core/browse/levels.h"
#include "ui/browser/views/colormaps.h"

#include <QtWidgets/QWidget>

#include <optional>

namespace ui {

// An image's colour bar on a vertical value axis, with the frame's histogram beside it (counts on a log
// scale, so that the few pixels at the extremes still show) and the two levels as lines across both. The
// lines can be dragged: contrast is set by looking at where the values are. The axis spans the frame's
// values and the levels, and is logarithmic on a log scale.
class ColourBarHistogram : public QWidget {
    Q_OBJECT

public:
    explicit ColourBarHistogram(QWidget *parent = nullptr);

    void setColourMap(const ColourMap &map);
    void setScale(browse::ValueScale scale);
    void setLevels(const browse::Levels &levels);
    const browse::Levels &levels() const { return m_levels; }
    // None: no histogram (a frame without values to show), the bar alone.
    void setHistogram(const std::optional<browse::Histogram> &histogram);

    // Where `value` is drawn on the axis, in widget coordinates.
    double yOf(double value) const;

    // A plain colour bar from the low level to the high one with its ticks, for figures: the bar at the
    // left of `area`, the tick labels to its right, in black.
    static void paintFigureBar(QPainter &painter, const QRectF &area, const ColourMap &map,
                               const browse::Levels &levels, browse::ValueScale scale);
    // The width paintFigureBar() needs with `font`.
    static double figureBarWidth(const QFont &font);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // The user dragged a level line; emitted while dragging.
    void levelsDragged(const browse::Levels &levels);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    enum class Level { Low, High };

    // A value axis: where values are between two ends, linearly or by their logarithm.
    struct Axis {
        double low = 0;
        double high = 1;
        bool logarithmic = false;
        double fractionOf(double value) const;
        double valueAt(double fraction) const;
        // The y of `value` in `area`, the high end at the top.
        double yOf(double value, const QRectF &area) const;
    };

    static void paintBar(QPainter &painter, const QRectF &bar, const Axis &axis, const ColourMap &map,
                         const browse::Levels &levels, browse::ValueScale scale);
    // Ticks over the vertical extent of `area`: marks from x = markLeft, labels from x = labelLeft.
    static void paintTicks(QPainter &painter, const QRectF &area, double markLeft, double labelLeft, const Axis &axis,
                           const QColor &colour);

    Axis axis() const;
    // The strip of the axis the bar and the histogram are drawn in.
    QRectF plotArea() const;
    std::optional<Level> levelNear(double y) const;

    const ColourMap *m_map = nullptr;
    browse::ValueScale m_scale = browse::ValueScale::Linear;
    browse::Levels m_levels;
    std::optional<browse::Histogram> m_histogram;
    std::optional<Level> m_dragged;
    // The axis stays put while a line is dragged, so that the line follows the mouse.
    std::optional<Axis> m_dragAxis;
};

} // namespace ui
