#include "ui/stimulus/frameview.h"

#include <QtGui/QPainter>

namespace ui {

FrameView::FrameView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("frameView"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void FrameView::setFrame(const QImage &frame)
{
    m_frame = frame;
    m_message.clear();
    update();
}

void FrameView::setMessage(const QString &message)
{
    m_frame = QImage();
    m_message = message;
    update();
}

QSize FrameView::sizeHint() const
{
    return {480, 270};
}

QSize FrameView::minimumSizeHint() const
{
    return {240, 135};
}

void FrameView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x2b, 0x2b, 0x2b));
    if (m_frame.isNull()) {
        painter.setPen(QColor(0xb0, 0xb0, 0xb0));
        painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }
    const QRect area = rect().adjusted(6, 6, -6, -6);
    const QSize size = m_frame.size().scaled(area.size(), Qt::KeepAspectRatio);
    const QRect target(area.x() + (area.width() - size.width()) / 2, area.y() + (area.height() - size.height()) / 2,
                       size.width(), size.height());
    painter.setRenderHint(QPainter::SmoothPixmapTransform, size.width() < m_frame.width());
    painter.drawImage(target, m_frame);
    painter.setPen(QColor(0x60, 0x60, 0x60));
    painter.drawRect(target.adjusted(-1, -1, 0, 0));
}

} // namespace ui
