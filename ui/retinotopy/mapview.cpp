#include "ui/retinotopy/mapview.h"

#include <QtGui/QMouseEvent>
#include <QtGui/QPainter>
#include <QtGui/QPainterPath>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

const QColor noData(0xbd, 0xbd, 0xbd);
constexpr double BarHeight = 12;
constexpr int PageMargin = 16;
constexpr int ViewMargin = 4;

// The tick spacing that gives at most six intervals over `span`, from a list of round numbers.
double tickStep(double span)
{
    for (const double step : {0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0})
        if (span / step <= 6)
            return step;
    return std::pow(10, std::ceil(std::log10(span / 6)));
}

QString tickText(double value, const QString &unit)
{
    // A typographic minus, and no "-0" from rounding.
    QString text = QString::number(std::abs(value) < 1e-9 ? 0.0 : value, 'g', 4) + unit;
    return text.replace(QLatin1Char('-'), QChar(0x2212));
}

QFont titleFont(QFont font)
{
    font.setBold(true);
    return font;
}

// Labels scale with the picture, so that they keep their size relative to the areas they name.
QFont labelFont(QFont font, double mapWidth)
{
    font.setBold(true);
    font.setPixelSize(int(std::clamp(mapWidth / 36, 10.0, 28.0)));
    return font;
}

} // namespace

MapView::MapView(const QString &title, QWidget *parent) : QWidget(parent), m_title(title)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(true);
}

void MapView::setTitle(const QString &title)
{
    m_title = title;
    update();
}

void MapView::setPicture(const QImage &picture)
{
    const bool reshaped = picture.size() != m_picture.size();
    m_picture = picture;
    if (reshaped)
        updateGeometry();
    m_message.clear();
    update();
}

void MapView::setOverlay(const QImage &overlay)
{
    m_overlay = overlay;
    update();
}

void MapView::setLabels(std::vector<MapLabel> labels)
{
    m_labels = std::move(labels);
    update();
}

void MapView::setColourBar(const ColourBar &bar)
{
    m_bar = bar;
    update();
}

void MapView::setReadout(Readout readout)
{
    m_readout = std::move(readout);
    m_readoutText.clear();
    update();
}

void MapView::setMessage(const QString &message)
{
    m_picture = QImage();
    m_overlay = QImage();
    m_labels.clear();
    m_bar = ColourBar();
    m_readout = nullptr;
    m_readoutText.clear();
    m_message = message;
    update();
}

QSize MapView::sizeHint() const
{
    return {420, heightForWidth(420)};
}

QSize MapView::minimumSizeHint() const
{
    return {200, 240};
}

bool MapView::hasHeightForWidth() const
{
    return true;
}

int MapView::heightForWidth(int width) const
{
    const double aspect = m_picture.isNull() ? 1.0 : double(m_picture.height()) / m_picture.width();
    return int(std::ceil((width - 2 * ViewMargin) * aspect + chromeHeight(QFontMetricsF(font())) + 2 * ViewMargin));
}

double MapView::chromeHeight(const QFontMetricsF &metrics) const
{
    const double line = metrics.height();
    // Room for a bar even before there is one, so that the layout does not jump when the maps arrive.
    const double barBlock = BarHeight + 4 + line * 2 + 4;
    return line * 1.4 + barBlock + 4 + line;
}

MapView::Geometry MapView::geometryFor(const QRectF &area, const QFontMetricsF &metrics) const
{
    Geometry geometry;
    const double line = metrics.height();
    geometry.title = QRectF(area.left(), area.top(), area.width(), line * 1.4);
    geometry.readout = QRectF(area.left(), area.bottom() - line, area.width(), line);
    const QRectF space(area.left(), geometry.title.bottom(), area.width(),
                       std::max(0.0, area.height() - chromeHeight(metrics)));
    QSizeF size = m_picture.isNull() ? space.size() : QSizeF(m_picture.size()).scaled(space.size(), Qt::KeepAspectRatio);
    geometry.map = QRectF(space.left() + (space.width() - size.width()) / 2, space.top(), size.width(), size.height());
    const double barWidth = std::max(geometry.map.width(), std::min(area.width(), 220.0));
    geometry.bar = QRectF(area.left() + (area.width() - barWidth) / 2, geometry.map.bottom() + 6, barWidth, BarHeight);
    return geometry;
}

void MapView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QFontMetricsF metrics(font());
    const Geometry geometry =
        geometryFor(QRectF(rect()).adjusted(ViewMargin, ViewMargin, -ViewMargin, -ViewMargin), metrics);
    paint(painter, geometry, false);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(geometry.readout, Qt::AlignLeft | Qt::AlignVCenter,
                     metrics.elidedText(m_readoutText, Qt::ElideRight, geometry.readout.width()));
}

void MapView::paint(QPainter &painter, const Geometry &geometry, bool onPage) const
{
    const QColor text = onPage ? QColor(Qt::black) : palette().color(QPalette::WindowText);
    const QFont base = painter.font();
    painter.setFont(titleFont(base));
    painter.setPen(text);
    painter.drawText(geometry.title, Qt::AlignHCenter | Qt::AlignVCenter, m_title);
    painter.setFont(base);

    if (m_picture.isNull()) {
        painter.fillRect(geometry.map, QColor(0x2b, 0x2b, 0x2b));
        painter.setPen(QColor(0xb0, 0xb0, 0xb0));
        painter.drawText(geometry.map.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    painter.fillRect(geometry.map, noData);
    // Enlarged pixels keep hard edges; reduced ones are averaged, so that one-pixel border lines stay whole
    // instead of losing every few pixels to nearest-neighbour sampling.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, geometry.map.width() < m_picture.width());
    painter.drawImage(geometry.map, m_picture);
    if (!m_overlay.isNull())
        painter.drawImage(geometry.map, m_overlay);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);

    if (!m_labels.empty()) {
        painter.setRenderHint(QPainter::Antialiasing);
        const QFont font = labelFont(painter.font(), geometry.map.width());
        const QFontMetricsF labelMetrics(font);
        const double sx = geometry.map.width() / m_picture.width();
        const double sy = geometry.map.height() / m_picture.height();
        for (const MapLabel &label : m_labels) {
            const QPointF centre(geometry.map.left() + label.position.x() * sx,
                                 geometry.map.top() + label.position.y() * sy);
            const QRectF box = labelMetrics.boundingRect(label.text);
            QPainterPath path;
            path.addText(centre.x() - box.width() / 2, centre.y() + labelMetrics.ascent() / 2 - 1, font, label.text);
            painter.strokePath(path, QPen(QColor(255, 255, 255, 230), std::max(3.0, font.pixelSize() / 4.0),
                                          Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            painter.fillPath(path, label.colour);
        }
        painter.setRenderHint(QPainter::Antialiasing, false);
    }
    paintBar(painter, geometry, onPage);
}

void MapView::paintBar(QPainter &painter, const Geometry &geometry, bool onPage) const
{
    const QRectF &bar = geometry.bar;
    if (m_bar.gradient.isNull())
        return;
    const QColor text = onPage ? QColor(Qt::black) : palette().color(QPalette::WindowText);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
    painter.drawImage(bar, m_bar.gradient);
    painter.setPen(QColor(0x60, 0x60, 0x60));
    painter.drawRect(bar);

    const QFontMetricsF metrics(painter.font());
    const double span = m_bar.high - m_bar.low;
    if (span <= 0)
        return;
    const double step = tickStep(span);
    painter.setPen(text);
    double lastRight = -1e9;
    for (double value = std::ceil(m_bar.low / step - 1e-9) * step; value <= m_bar.high + 1e-9; value += step) {
        const double x = bar.left() + (value - m_bar.low) / span * bar.width();
        painter.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 3));
        const QString label = tickText(value, m_bar.unit);
        const double width = metrics.horizontalAdvance(label);
        const double left = std::clamp(x - width / 2, bar.left() - 2, bar.right() + 2 - width);
        if (left < lastRight + 4)
            continue;
        painter.drawText(QPointF(left, bar.bottom() + 4 + metrics.ascent()), label);
        lastRight = left + width;
    }
    if (!m_bar.caption.isEmpty()) {
        const QRectF caption(geometry.title.left(), bar.bottom() + 4 + metrics.height(), geometry.title.width(),
                             metrics.height());
        painter.setPen(onPage ? QColor(0x40, 0x40, 0x40) : palette().color(QPalette::PlaceholderText));
        painter.drawText(caption, Qt::AlignHCenter | Qt::AlignVCenter,
                         metrics.elidedText(m_bar.caption, Qt::ElideRight, caption.width()));
    }
}

QImage MapView::render(int scale) const
{
    const QSizeF map = m_picture.isNull() ? QSizeF(400, 400) : QSizeF(m_picture.size()) * scale;
    // Text in proportion to the figure, as it would be set in a document.
    QFont pageFont = font();
    pageFont.setPixelSize(std::max(QFontInfo(font()).pixelSize(), int(map.width() / 60)));
    const QFontMetricsF metrics(pageFont);
    const QSize size(int(std::ceil(std::max(map.width(), 320.0))) + 2 * PageMargin,
                     int(std::ceil(map.height() + chromeHeight(metrics))) + 2 * PageMargin);
    QImage page(size, QImage::Format_RGB32);
    page.fill(Qt::white);
    QPainter painter(&page);
    painter.setFont(pageFont);
    paint(painter, geometryFor(QRectF(page.rect()).adjusted(PageMargin, PageMargin, -PageMargin, -PageMargin), metrics),
          true);
    return page;
}

void MapView::mouseMoveEvent(QMouseEvent *event)
{
    QString text;
    if (!m_picture.isNull() && m_readout) {
        const Geometry geometry = geometryFor(QRectF(rect()).adjusted(ViewMargin, ViewMargin, -ViewMargin, -ViewMargin),
                                              QFontMetricsF(font()));
        const QPointF at = event->position();
        if (geometry.map.contains(at)) {
            const int col = std::min(int((at.x() - geometry.map.left()) / geometry.map.width() * m_picture.width()),
                                     m_picture.width() - 1);
            const int row = std::min(int((at.y() - geometry.map.top()) / geometry.map.height() * m_picture.height()),
                                     m_picture.height() - 1);
            text = m_readout(row, col);
        }
    }
    if (text != m_readoutText) {
        m_readoutText = text;
        update();
    }
}

void MapView::leaveEvent(QEvent *)
{
    if (!m_readoutText.isEmpty()) {
        m_readoutText.clear();
        update();
    }
}

} // namespace ui
