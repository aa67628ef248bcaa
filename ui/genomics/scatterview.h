#pragma once

#include "ui/genomics/scatterraster.h"

#include <QtGui/QPolygonF>
#include <QtWidgets/QWidget>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ui {

// A scatter plot of up to tens of millions of points, drawn on the CPU by rasterizeScatter (density when
// zoomed out, discs when zoomed in), with axes. The wheel zooms around the cursor, dragging pans (with the
// middle button in every tool), a double-click or Home shows all points. The Rectangle and Lasso tools
// select the points inside what is drawn (Shift adds to the selection); a click selects the point under
// the mouse. Points of a hidden colour are neither drawn nor hovered nor selected. The mouse over a point
// shows the text the describer gives for it as a tooltip.
class ScatterView : public QWidget {
    Q_OBJECT

public:
    enum class Tool { Pan, Rectangle, Lasso };
    enum class SelectionUpdate { Replace, Add };
    // The tooltip of a point (an index into the points).
    using Describer = std::function<QString(std::size_t point)>;

    explicit ScatterView(QWidget *parent = nullptr);

    // New points drawn with `style` (whose palette covers every colour index of the points): the view fits
    // them and the selection is emptied. At most 2^32 - 2 points.
    void setPoints(std::shared_ptr<const ScatterPoints> points, ScatterStyle style);
    std::shared_ptr<const ScatterPoints> points() const { return m_points; }
    // Other colours or visibility for the same points; selected points that become hidden leave the selection.
    void setStyle(ScatterStyle style);
    const ScatterStyle &style() const { return m_style; }
    void setAxisTitles(const QString &x, const QString &y);
    void setDescriber(Describer describer);
    // Shown over the plot instead of the points while not empty ("Loading…").
    void setMessage(const QString &message);
    QString message() const { return m_message; }

    // The part of the data plane shown: x from left() to right(), y from top() up to bottom().
    QRectF view() const { return m_view; }
    // A rectangle with a non-finite corner or no area is ignored. Each side is kept, about its centre, between
    // 10^-5 of the centre's distance from zero (finer than float coordinates resolve; 10^-30 at least) and
    // 1000 times the side of fullView(), so that no zoom ends in a view the axes cannot label.
    void setView(const QRectF &dataRect);
    // The bounds of every point with finite coordinates, with a margin (within setView's limits).
    QRectF fullView() const { return m_fullView; }
    void resetView();

    void setTool(Tool tool);
    Tool tool() const { return m_tool; }

    // Rectangle and polygon in data coordinates. The polygon (odd-even filled, closed) is rasterised to a
    // mask 1024 pixels on its longer side, so a point within 1/2048 of its size from an edge may go either way.
    void selectRect(const QRectF &dataRect, SelectionUpdate update = SelectionUpdate::Replace);
    void selectPolygon(const QPolygonF &dataPolygon, SelectionUpdate update = SelectionUpdate::Replace);
    // Visible points only, whatever `points` holds; sorted and without repeats.
    void setSelection(std::vector<std::uint32_t> points, SelectionUpdate update = SelectionUpdate::Replace);
    void clearSelection();
    // Indices into the points, ascending.
    const std::vector<std::uint32_t> &selectedPoints() const { return m_selected; }

    // The visible point drawn nearest to a widget position, within a few pixels.
    std::optional<std::size_t> pointAt(QPoint widgetPosition) const;
    // Where the points are drawn, in widget coordinates.
    QRect plotArea() const;
    QPointF dataAt(QPointF widgetPosition) const;
    QPointF widgetPositionOf(QPointF dataPoint) const;
    // The drawing of the points in the current view and size, made now if anything changed since the last.
    const ScatterRaster &raster() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void selectionChanged();
    // The point under the mouse; -1 when there is none.
    void pointHovered(qint64 point);
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    enum class Drag { None, Pan, Rectangle, Lasso };

    void invalidate();
    // What the drawn pixels cover: the data rectangle under the widget pixels `pixels`, edges included.
    QRectF dataRectOf(const QRect &pixels) const;
    void paintAxes(QPainter &painter, const QRect &area) const;
    void hover(QPoint position);
    void finishDrag(QMouseEvent *event);

    std::shared_ptr<const ScatterPoints> m_points;
    ScatterStyle m_style;
    std::vector<std::uint32_t> m_selected;
    QRectF m_fullView{0, 0, 1, 1};
    QRectF m_view{0, 0, 1, 1};
    Tool m_tool = Tool::Pan;
    QString m_xTitle, m_yTitle, m_message;
    Describer m_describer;

    Drag m_drag = Drag::None;
    QPoint m_pressPosition;
    QRectF m_pressView;
    QPolygon m_lasso;
    QPoint m_dragPosition;

    mutable ScatterRasterizer m_rasterizer;
    mutable bool m_stale = true; // the rasterizer's drawing is not of the current points, view or size
};

} // namespace ui
