#include "ui/browser/views/imagecanvas.h"

#include <QtGui/QMouseEvent>
#include <QtGui/QPainter>
#include <QtGui/QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

const QColor Surround(0x2b, 0x2b, 0x2b);
// Behind the picture: what values without a colour show. Mid grey is in no colour map's middle and
// reads as "nothing" on every one, with no checkerboard to confuse with data.
const QColor NoValue(0x80, 0x80, 0x80);
constexpr double MostPixelsPerScreenPixel = 4; // zoomed out beyond fitting: a quarter of the fitted size
constexpr double LargestZoom = 64;            // a pixel 64 screen pixels wide
// One notch of a mouse wheel (120 units) zooms by 1.25.
constexpr double ZoomPerWheelUnit = 1.001861;

} // namespace

ImageCanvas::ImageCanvas(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void ImageCanvas::setPicture(const QImage &picture)
{
    const bool reshaped = picture.size() != m_picture.size();
    m_picture = picture;
    m_message.clear();
    if (reshaped)
        fit();
    update();
}

void ImageCanvas::setNotice(const QString &notice)
{
    if (notice == m_notice)
        return;
    m_notice = notice;
    update();
}

void ImageCanvas::showMessage(const QString &message)
{
    m_picture = QImage();
    m_message = message;
    update();
}

QSize ImageCanvas::sizeHint() const
{
    return {520, 420};
}

QSize ImageCanvas::minimumSizeHint() const
{
    return {160, 120};
}

double ImageCanvas::fitScale() const
{
    if (m_picture.isNull())
        return 1;
    return std::min(double(width()) / m_picture.width(), double(height()) / m_picture.height());
}

QRectF ImageCanvas::pictureRect() const
{
    return {m_origin, QSizeF(m_picture.size()) * m_scale};
}

void ImageCanvas::fit()
{
    m_fitted = true;
    m_scale = fitScale();
    const QSizeF shown = QSizeF(m_picture.size()) * m_scale;
    m_origin = QPointF((width() - shown.width()) / 2, (height() - shown.height()) / 2);
    update();
    Q_EMIT viewChanged();
}

void ImageCanvas::zoomAround(const QPointF &anchor, double factor)
{
    if (m_picture.isNull())
        return;
    const double smallest = std::min(fitScale(), 1.0) / MostPixelsPerScreenPixel;
    const double scale = std::clamp(m_scale * factor, smallest, LargestZoom);
    const QPointF anchored = (anchor - m_origin) / m_scale;
    m_scale = scale;
    m_origin = anchor - anchored * m_scale;
    m_fitted = false;
    update();
    Q_EMIT viewChanged();
}

QRect ImageCanvas::visiblePixels() const
{
    if (m_picture.isNull())
        return {};
    const QPointF topLeft = (QPointF(0, 0) - m_origin) / m_scale;
    const QPointF bottomRight = (QPointF(width(), height()) - m_origin) / m_scale;
    const QRect covered(QPoint(int(std::floor(topLeft.x())), int(std::floor(topLeft.y()))),
                        QPoint(int(std::ceil(bottomRight.x())) - 1, int(std::ceil(bottomRight.y())) - 1));
    return covered.intersected(m_picture.rect());
}

QPointF ImageCanvas::widgetPosition(const QPointF &picturePoint) const
{
    return m_origin + picturePoint * m_scale;
}

std::optional<QPoint> ImageCanvas::pixelAt(const QPointF &widgetPosition) const
{
    if (m_picture.isNull())
        return std::nullopt;
    const QPointF point = (widgetPosition - m_origin) / m_scale;
    const QPoint pixel(int(std::floor(point.x())), int(std::floor(point.y())));
    if (!m_picture.rect().contains(pixel))
        return std::nullopt;
    return pixel;
}

void ImageCanvas::drawPicture(QPainter &painter, const QRectF &target, const QImage &picture, const QRect &part)
{
    const QRect source = part.isNull() ? picture.rect() : part;
    painter.fillRect(target, NoValue);
    // Reduced pictures are averaged, so that fine structure does not alias into noise.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, target.width() < source.width());
    painter.drawImage(target, picture, source);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
}

void ImageCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), Surround);
    if (m_picture.isNull()) {
        painter.setPen(QColor(0xc8, 0xc8, 0xc8));
        painter.drawText(QRectF(rect()).adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
                         m_message.isEmpty() ? m_notice : m_message);
        return;
    }
    // Only the pixels on screen, whole ones, so that a zoomed-in 4k frame costs what its visible part does.
    const QRect visible = visiblePixels();
    if (!visible.isEmpty())
        drawPicture(painter, QRectF(widgetPosition(visible.topLeft()), QSizeF(visible.size()) * m_scale), m_picture,
                    visible);
    if (!m_notice.isEmpty()) {
        const QFontMetrics metrics(font());
        const QRect box(8, 8, metrics.horizontalAdvance(m_notice) + 16, metrics.height() + 8);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        painter.setBrush(QColor(0, 0, 0, 160));
        painter.drawRoundedRect(box, 4, 4);
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignCenter, m_notice);
    }
}

void ImageCanvas::resizeEvent(QResizeEvent *)
{
    if (m_fitted)
        fit();
}

void ImageCanvas::wheelEvent(QWheelEvent *event)
{
    zoomAround(event->position(), std::pow(ZoomPerWheelUnit, event->angleDelta().y()));
    event->accept();
}

void ImageCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && !m_picture.isNull()) {
        m_dragFrom = event->position();
        setCursor(Qt::ClosedHandCursor);
    }
}

void ImageCanvas::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragFrom) {
        m_origin += event->position() - *m_dragFrom;
        m_dragFrom = event->position();
        m_fitted = false;
        update();
        Q_EMIT viewChanged();
    }
    if (const auto pixel = pixelAt(event->position()))
        Q_EMIT pixelHovered(*pixel);
    else
        Q_EMIT hoverLeft();
}

void ImageCanvas::mouseReleaseEvent(QMouseEvent *)
{
    m_dragFrom.reset();
    unsetCursor();
}

void ImageCanvas::mouseDoubleClickEvent(QMouseEvent *)
{
    fit();
}

void ImageCanvas::leaveEvent(QEvent *)
{
    Q_EMIT hoverLeft();
}

} // namespace ui
