#include "ui/acquisition/histogramview.h"

#include "ui/acquisition/liveimage.h"

#include <QtGui/QPainter>
#include <QtGui/QPainterPath>

#include <algorithm>
#include <cmath>

namespace ui {

HistogramView::HistogramView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("histogram"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void HistogramView::setImage(const LiveImage &image)
{
    m_counts = image.histogram;
    m_maxValue = image.maxValue;
    m_low = image.low;
    m_high = image.high;
    update();
}

void HistogramView::clear()
{
    m_counts.clear();
    update();
}

QSize HistogramView::sizeHint() const
{
    return {480, 110};
}

QSize HistogramView::minimumSizeHint() const
{
    return {200, 110};
}

void HistogramView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const int labelHeight = fontMetrics().height();
    const QRectF plot = QRectF(rect()).adjusted(4, 4, -4, -4 - labelHeight);
    painter.fillRect(plot, QColor(0x2b, 0x2b, 0x2b));
    if (m_counts.empty() || m_maxValue == 0)
        return;

    const auto peak = double(*std::max_element(m_counts.begin(), m_counts.end()));
    const double top = std::log10(1 + peak);
    const double binWidth = plot.width() / double(m_counts.size());
    QPainterPath bars;
    bars.moveTo(plot.bottomLeft());
    for (std::size_t bin = 0; bin < m_counts.size(); ++bin) {
        const double height = top > 0 ? std::log10(1 + double(m_counts[bin])) / top * plot.height() : 0;
        const double x = plot.left() + double(bin) * binWidth;
        bars.lineTo(x, plot.bottom() - height);
        bars.lineTo(x + binWidth, plot.bottom() - height);
    }
    bars.lineTo(plot.bottomRight());
    bars.closeSubpath();
    painter.fillPath(bars, QColor(0x9c, 0xc3, 0xe6));

    const auto xOf = [&](double value) { return plot.left() + value / (double(m_maxValue) + 1) * plot.width(); };
    painter.setPen(QPen(QColor(0xf0, 0xf0, 0xf0), 1, Qt::DashLine));
    for (const std::uint16_t level : {m_low, m_high})
        painter.drawLine(QPointF(xOf(level), plot.top()), QPointF(xOf(level), plot.bottom()));
    // The last bin holds full scale: a bar there means saturated pixels.
    painter.fillRect(QRectF(plot.right() - binWidth, plot.top(), binWidth, plot.height()),
                     QColor(0xd3, 0x2f, 0x2f, 0x90));

    painter.setPen(palette().color(QPalette::WindowText));
    const QRectF labels(plot.left(), plot.bottom() + 1, plot.width(), labelHeight);
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("0"));
    painter.drawText(labels, Qt::AlignHCenter | Qt::AlignVCenter,
                     tr("levels %1 – %2 (log counts)").arg(m_low).arg(m_high));
    painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, QString::number(m_maxValue));
}

} // namespace ui
