#include "ui/acquisition/buffergauge.h"

#include <QtGui/QPainter>

namespace ui {

namespace {

QColor fillColour(double fraction)
{
    if (fraction > 0.9)
        return QColor(0xd3, 0x2f, 0x2f);
    if (fraction > 0.5)
        return QColor(0xe0, 0x9b, 0x1a);
    return QColor(0x2e, 0x9d, 0x52);
}

} // namespace

BufferGauge::BufferGauge(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("bufferGauge"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void BufferGauge::setFill(std::size_t fill, std::size_t highWater, std::size_t capacity)
{
    m_fill = fill;
    m_highWater = highWater;
    m_capacity = capacity;
    update();
}

QSize BufferGauge::sizeHint() const
{
    return {200, fontMetrics().height() + 4};
}

void BufferGauge::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF bar = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.fillRect(bar, palette().color(QPalette::Base));
    if (m_capacity > 0) {
        const double fraction = double(m_fill) / double(m_capacity);
        painter.fillRect(QRectF(bar.left(), bar.top(), bar.width() * fraction, bar.height()), fillColour(fraction));
        const double highWater = bar.left() + bar.width() * double(m_highWater) / double(m_capacity);
        painter.setPen(QPen(palette().color(QPalette::WindowText), 2));
        painter.drawLine(QPointF(highWater, bar.top()), QPointF(highWater, bar.bottom()));
    }
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(bar);
}

} // namespace ui
