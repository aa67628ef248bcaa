#include "ui/genomics/scatterview.h"

#include <QtGui/QKeyEvent>
#include <QtGui/QMouseEvent>
#include <QtGui/QPainter>
#include <QtGui/QWheelEvent>
#include <QtWidgets/QToolTip>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <utility>

namespace ui {

namespace {

// Of the polygon's bounding box, the longer side of the mask that decides which points a lasso holds.
constexpr int LassoMaskSide = 1024;
// How far from the mouse a point is still under it, in pixels.
constexpr int HoverRadius = 4;
// A press and release closer than this are a click, not a rectangle or a lasso.
constexpr int ClickDistance = 3;
constexpr double FitMargin = 0.04;
// The limits of a view's sides (setView): relative to the distance of their centre from zero, and to the side
// of the view of every point.
constexpr double MinimumRelativeSide = 1e-5;
constexpr double MaximumZoomOut = 1e3;
// Near zero: the scale of a view this narrow still fits a float.
constexpr double SmallestSide = 1e-30;
constexpr std::size_t MaxTicks = 100;
const QColor axisColour(0x55, 0x55, 0x55);
const QColor gridColour(0xee, 0xee, 0xee);
const QColor dragColour(0x1f, 0x77, 0xb4);

// Round tick positions over [low, high], about one per `spacing` of `pixels`. Counted rather than stepped, so
// that a step below the resolution of the values cannot stall the loop.
std::vector<double> ticks(double low, double high, int pixels, int spacing, double &step)
{
    const double span = high - low;
    const double wanted = span / std::max(1, pixels / spacing);
    const double magnitude = std::pow(10, std::floor(std::log10(wanted)));
    const double normalised = wanted / magnitude;
    step = (normalised <= 1 ? 1 : normalised <= 2 ? 2 : normalised <= 5 ? 5 : 10) * magnitude;
    std::vector<double> positions;
    if (!(span > 0) || !std::isfinite(step) || step <= 0)
        return positions;
    const double first = std::ceil(low / step), last = std::floor(high / step + 1e-9);
    for (double k = first; k <= last && positions.size() < MaxTicks; ++k)
        positions.push_back(k == 0 ? 0.0 : k * step);
    return positions;
}

QString tickText(double value, double step)
{
    const int stepDigit = int(std::floor(std::log10(step) + 1e-9));
    QString text;
    if (stepDigit >= -4 && std::abs(value) < 1e7) {
        text = QString::number(value, 'f', std::max(0, -stepDigit));
    } else {
        // Exponents beyond that: as many significant digits as tell neighbouring ticks apart.
        const int valueDigit = value == 0 ? stepDigit : int(std::floor(std::log10(std::abs(value))));
        text = QString::number(value, 'g', std::max(1, valueDigit - stepDigit + 1));
    }
    return text.replace(QLatin1Char('-'), QChar(0x2212));
}

// The bounds of the points with finite coordinates, with a margin; (0, 0, 1, 1) without any.
QRectF pointBounds(const ScatterPoints *points)
{
    float left = std::numeric_limits<float>::infinity(), right = -left, bottom = left, top = -left;
    if (points)
        for (std::size_t i = 0; i < points->size(); ++i) {
            const float x = points->x[i], y = points->y[i];
            if (std::isfinite(x) && std::isfinite(y)) {
                left = std::min(left, x);
                right = std::max(right, x);
                bottom = std::min(bottom, y);
                top = std::max(top, y);
            }
        }
    if (!(left <= right))
        return {0, 0, 1, 1};
    const auto padded = [](double low, double high) {
        const double margin = high > low ? (high - low) * FitMargin : 0.5;
        return std::pair(low - margin, high + margin);
    };
    const auto [x0, x1] = padded(left, right);
    const auto [y0, y1] = padded(bottom, top);
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

// `rect` with each side, about its centre, at least MinimumRelativeSide of the centre's distance from zero
// and at most `largest`.
QRectF bounded(const QRectF &rect, QSizeF largest)
{
    const auto side = [](double low, double high, double most) {
        const double centre = low / 2 + high / 2;
        const double least = std::max(MinimumRelativeSide * std::abs(centre), SmallestSide);
        const double wanted = std::clamp(high - low, least, std::max(least, most));
        if (wanted == high - low)
            return std::pair(low, high);
        return std::pair(centre - wanted / 2, centre + wanted / 2);
    };
    const auto [x0, x1] = side(rect.left(), rect.right(), largest.width());
    const auto [y0, y1] = side(rect.top(), rect.bottom(), largest.height());
    return QRectF(QPointF(x0, y0), QPointF(x1, y1));
}

// The union of two ascending lists without repeats.
std::vector<std::uint32_t> merged(const std::vector<std::uint32_t> &a, const std::vector<std::uint32_t> &b)
{
    std::vector<std::uint32_t> both;
    both.reserve(a.size() + b.size());
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    return both;
}

} // namespace

ScatterView::ScatterView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setTool(m_tool);
}

void ScatterView::setPoints(std::shared_ptr<const ScatterPoints> points, ScatterStyle style)
{
    m_points = std::move(points);
    m_style = std::move(style);
    const bool hadSelection = !m_selected.empty();
    m_selected.clear();
    const double unlimited = std::numeric_limits<double>::infinity();
    m_fullView = bounded(pointBounds(m_points.get()), QSizeF(unlimited, unlimited));
    m_view = m_fullView;
    invalidate();
    Q_EMIT viewChanged();
    if (hadSelection)
        Q_EMIT selectionChanged();
}

void ScatterView::setStyle(ScatterStyle style)
{
    m_style = std::move(style);
    const std::size_t before = m_selected.size();
    if (m_points)
        std::erase_if(m_selected, [&](std::uint32_t point) { return !m_style.isVisible(m_points->colour[point]); });
    invalidate();
    if (m_selected.size() != before)
        Q_EMIT selectionChanged();
}

void ScatterView::setAxisTitles(const QString &x, const QString &y)
{
    m_xTitle = x;
    m_yTitle = y;
    update();
}

void ScatterView::setDescriber(Describer describer)
{
    m_describer = std::move(describer);
}

void ScatterView::setMessage(const QString &message)
{
    m_message = message;
    update();
}

void ScatterView::setView(const QRectF &dataRect)
{
    const QRectF normalised = dataRect.normalized();
    const bool finite = std::isfinite(normalised.left()) && std::isfinite(normalised.right())
                        && std::isfinite(normalised.top()) && std::isfinite(normalised.bottom());
    if (!finite || !(normalised.width() > 0) || !(normalised.height() > 0))
        return;
    const QRectF view = bounded(normalised, m_fullView.size() * MaximumZoomOut);
    if (view == m_view)
        return;
    m_view = view;
    invalidate();
    Q_EMIT viewChanged();
}

void ScatterView::resetView()
{
    setView(fullView());
}

void ScatterView::setTool(Tool tool)
{
    m_tool = tool;
    setCursor(tool == Tool::Pan ? Qt::OpenHandCursor : Qt::CrossCursor);
}

void ScatterView::selectRect(const QRectF &dataRect, SelectionUpdate update)
{
    const QRectF rect = dataRect.normalized();
    std::vector<std::uint32_t> inside;
    if (m_points) {
        for (std::size_t i = 0; i < m_points->size(); ++i) {
            const double x = m_points->x[i], y = m_points->y[i];
            if (x >= rect.left() && x <= rect.right() && y >= rect.top() && y <= rect.bottom()
                && m_style.isVisible(m_points->colour[i]))
                inside.push_back(std::uint32_t(i));
        }
    }
    setSelection(std::move(inside), update);
}

void ScatterView::selectPolygon(const QPolygonF &dataPolygon, SelectionUpdate update)
{
    std::vector<std::uint32_t> inside;
    const QRectF bounds = dataPolygon.boundingRect();
    if (m_points && dataPolygon.size() >= 3 && bounds.width() > 0 && bounds.height() > 0) {
        // A mask instead of a point-in-polygon test per point: a lasso of hundreds of vertices over millions
        // of points would take seconds.
        const double scale = LassoMaskSide / std::max(bounds.width(), bounds.height());
        const int width = std::max(1, int(std::ceil(bounds.width() * scale)));
        const int height = std::max(1, int(std::ceil(bounds.height() * scale)));
        QImage mask(width, height, QImage::Format_Grayscale8);
        mask.fill(0);
        {
            QPainter painter(&mask);
            painter.setPen(Qt::NoPen);
            painter.setBrush(Qt::white);
            painter.scale(scale, scale);
            painter.translate(-bounds.topLeft());
            painter.drawPolygon(dataPolygon, Qt::OddEvenFill);
        }
        const float left = float(bounds.left()), top = float(bounds.top()), s = float(scale);
        for (std::size_t i = 0; i < m_points->size(); ++i) {
            const float column = (m_points->x[i] - left) * s, row = (m_points->y[i] - top) * s;
            if (!(column >= 0 && row >= 0 && column <= float(width) && row <= float(height)))
                continue;
            const int x = std::min(int(column), width - 1), y = std::min(int(row), height - 1);
            if (mask.constScanLine(y)[x] && m_style.isVisible(m_points->colour[i]))
                inside.push_back(std::uint32_t(i));
        }
    }
    setSelection(std::move(inside), update);
}

void ScatterView::setSelection(std::vector<std::uint32_t> points, SelectionUpdate update)
{
    const std::size_t count = m_points ? m_points->size() : 0;
    std::erase_if(points, [&](std::uint32_t point) {
        return point >= count || !std::isfinite(m_points->x[point]) || !std::isfinite(m_points->y[point])
               || !m_style.isVisible(m_points->colour[point]);
    });
    std::sort(points.begin(), points.end());
    points.erase(std::unique(points.begin(), points.end()), points.end());
    std::vector<std::uint32_t> selection =
        update == SelectionUpdate::Add ? merged(m_selected, points) : std::move(points);
    if (selection == m_selected)
        return;
    m_selected = std::move(selection);
    invalidate();
    Q_EMIT selectionChanged();
}

void ScatterView::clearSelection()
{
    setSelection({});
}

std::optional<std::size_t> ScatterView::pointAt(QPoint widgetPosition) const
{
    const QRect area = plotArea();
    if (!m_points || !area.adjusted(-HoverRadius, -HoverRadius, HoverRadius, HoverRadius).contains(widgetPosition))
        return std::nullopt;
    return raster().pointAt(widgetPosition - area.topLeft(), HoverRadius);
}

QRect ScatterView::plotArea() const
{
    const QFontMetrics metrics = fontMetrics();
    const int left = metrics.horizontalAdvance(QStringLiteral("−00000.0")) + metrics.height() + 10;
    const int bottom = 2 * metrics.height() + 10;
    const int top = metrics.height() / 2 + 4;
    return rect().adjusted(left, top, -12, -bottom);
}

QPointF ScatterView::dataAt(QPointF widgetPosition) const
{
    const QRectF area = plotArea();
    return {m_view.left() + (widgetPosition.x() - area.left()) * m_view.width() / area.width(),
            m_view.bottom() - (widgetPosition.y() - area.top()) * m_view.height() / area.height()};
}

QRectF ScatterView::dataRectOf(const QRect &pixels) const
{
    return QRectF(dataAt(pixels.topLeft()), dataAt(QPointF(pixels.bottomRight()) + QPointF(1, 1))).normalized();
}

QPointF ScatterView::widgetPositionOf(QPointF dataPoint) const
{
    const QRectF area = plotArea();
    return {area.left() + (dataPoint.x() - m_view.left()) * area.width() / m_view.width(),
            area.top() + (m_view.bottom() - dataPoint.y()) * area.height() / m_view.height()};
}

const ScatterRaster &ScatterView::raster() const
{
    if (m_stale) {
        static const ScatterPoints none;
        m_rasterizer.draw(m_points ? *m_points : none, m_style, m_selected, m_view, plotArea().size());
        m_stale = false;
    }
    return m_rasterizer.raster();
}

QSize ScatterView::sizeHint() const
{
    return {640, 480};
}

QSize ScatterView::minimumSizeHint() const
{
    return {240, 200};
}

void ScatterView::invalidate()
{
    m_stale = true;
    update();
}

void ScatterView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QRect area = plotArea();
    paintAxes(painter, area);
    if (!m_message.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    painter.drawImage(area.topLeft(), raster().image);
    if (m_drag == Drag::Rectangle || m_drag == Drag::Lasso) {
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(dragColour, 1.5, Qt::DashLine));
        QColor fill = dragColour;
        fill.setAlpha(30);
        painter.setBrush(fill);
        if (m_drag == Drag::Rectangle)
            painter.drawRect(QRect(m_pressPosition, m_dragPosition).normalized());
        else
            painter.drawPolygon(m_lasso);
    }
}

void ScatterView::paintAxes(QPainter &painter, const QRect &area) const
{
    const QFontMetrics metrics = painter.fontMetrics();
    painter.setPen(QPen(axisColour, 1));
    double step = 1;
    const int tickLength = 4;
    for (const double x : ticks(m_view.left(), m_view.right(), area.width(), 90, step)) {
        const int column = int(std::lround(widgetPositionOf({x, m_view.top()}).x()));
        painter.setPen(gridColour);
        painter.drawLine(column, area.top(), column, area.bottom());
        painter.setPen(axisColour);
        painter.drawLine(column, area.bottom() + 1, column, area.bottom() + tickLength);
        const QString text = tickText(x, step);
        const int textWidth = metrics.horizontalAdvance(text);
        // Centred under its tick, but never past the widget's right edge (the last tick sits on the plot's).
        const int textLeft = std::max(0, std::min(column - textWidth / 2, width() - textWidth - 1));
        painter.drawText(textLeft, area.bottom() + tickLength + metrics.ascent() + 2, text);
    }
    for (const double y : ticks(m_view.top(), m_view.bottom(), area.height(), 50, step)) {
        const int row = int(std::lround(widgetPositionOf({m_view.left(), y}).y()));
        painter.setPen(gridColour);
        painter.drawLine(area.left(), row, area.right(), row);
        painter.setPen(axisColour);
        painter.drawLine(area.left() - tickLength, row, area.left() - 1, row);
        const QString text = tickText(y, step);
        painter.drawText(QRect(0, row - metrics.height() / 2, area.left() - tickLength - 3, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter, text);
    }
    painter.setPen(axisColour);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(area.adjusted(-1, -1, 0, 0));
    painter.drawText(QRect(area.left(), height() - metrics.height() - 4, area.width(), metrics.height()),
                     Qt::AlignHCenter, m_xTitle);
    painter.save();
    painter.translate(4 + metrics.ascent(), area.center().y());
    painter.rotate(-90);
    painter.drawText(QRect(-area.height() / 2, -metrics.ascent(), area.height(), metrics.height()), Qt::AlignHCenter,
                     m_yTitle);
    painter.restore();
}

void ScatterView::resizeEvent(QResizeEvent *)
{
    m_stale = true;
}

void ScatterView::wheelEvent(QWheelEvent *event)
{
    const QPointF anchor = dataAt(event->position());
    // One notch of the wheel (120) shows 0.79 of the width and height.
    const double factor = std::pow(0.998, event->angleDelta().y());
    setView(QRectF(QPointF(anchor.x() - (anchor.x() - m_view.left()) * factor,
                           anchor.y() - (anchor.y() - m_view.top()) * factor),
                   QSizeF(m_view.width() * factor, m_view.height() * factor)));
    event->accept();
}

void ScatterView::mousePressEvent(QMouseEvent *event)
{
    m_pressPosition = m_dragPosition = event->position().toPoint();
    m_pressView = m_view;
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_tool == Tool::Pan)) {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    } else if (event->button() == Qt::LeftButton) {
        m_drag = m_tool == Tool::Rectangle ? Drag::Rectangle : Drag::Lasso;
        m_lasso = QPolygon{m_pressPosition};
    }
    QToolTip::hideText();
    event->accept();
}

void ScatterView::mouseMoveEvent(QMouseEvent *event)
{
    const QPoint position = event->position().toPoint();
    m_dragPosition = position;
    switch (m_drag) {
    case Drag::None:
        hover(position);
        break;
    case Drag::Pan: {
        const QRectF area = plotArea();
        const QPointF moved = position - m_pressPosition;
        setView(m_pressView.translated(-moved.x() * m_pressView.width() / area.width(),
                                       moved.y() * m_pressView.height() / area.height()));
        break;
    }
    case Drag::Rectangle:
        update();
        break;
    case Drag::Lasso:
        if (m_lasso.isEmpty() || m_lasso.last() != position)
            m_lasso << position;
        update();
        break;
    }
}

void ScatterView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_drag != Drag::None)
        finishDrag(event);
    event->accept();
}

void ScatterView::finishDrag(QMouseEvent *event)
{
    const Drag drag = std::exchange(m_drag, Drag::None);
    setTool(m_tool);
    const QPoint position = event->position().toPoint();
    const auto how = event->modifiers() & Qt::ShiftModifier ? SelectionUpdate::Add : SelectionUpdate::Replace;
    // A lasso may end where it began: what decides is how far the mouse went.
    const QRect reach = drag == Drag::Lasso ? m_lasso.boundingRect() : QRect(m_pressPosition, position).normalized();
    const bool click = (reach.width() - 1) + (reach.height() - 1) < ClickDistance;
    if (drag == Drag::Pan)
        return;
    if (click) {
        const auto point = pointAt(position);
        setSelection(point ? std::vector<std::uint32_t>{std::uint32_t(*point)} : std::vector<std::uint32_t>{}, how);
    } else if (drag == Drag::Rectangle) {
        // The band drawn covers both corner pixels, and so does the selection.
        selectRect(dataRectOf(QRect(m_pressPosition, position).normalized()), how);
    } else {
        // Through the middle of each pixel the mouse went over, where the points drawn there lie on average.
        QPolygonF polygon;
        for (const QPoint &vertex : std::as_const(m_lasso))
            polygon << dataAt(QPointF(vertex) + QPointF(0.5, 0.5));
        selectPolygon(polygon, how);
    }
    m_lasso.clear();
    update();
}

void ScatterView::mouseDoubleClickEvent(QMouseEvent *event)
{
    resetView();
    event->accept();
}

void ScatterView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Home) {
        resetView();
    } else if (event->key() == Qt::Key_Escape && m_drag != Drag::None) {
        if (m_drag == Drag::Pan)
            setView(m_pressView);
        m_drag = Drag::None;
        m_lasso.clear();
        setTool(m_tool);
        update();
    } else {
        QWidget::keyPressEvent(event);
    }
}

void ScatterView::leaveEvent(QEvent *)
{
    QToolTip::hideText();
    Q_EMIT pointHovered(-1);
}

void ScatterView::hover(QPoint position)
{
    const auto point = m_message.isEmpty() ? pointAt(position) : std::nullopt;
    if (point && m_describer)
        QToolTip::showText(mapToGlobal(position), m_describer(*point), this);
    else
        QToolTip::hideText();
    Q_EMIT pointHovered(point ? qint64(*point) : -1);
}

} // namespace ui
