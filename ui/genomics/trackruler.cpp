#include "ui/genomics/trackruler.h"

#include <QtCore/QLocale>
#include <QtGui/QPainter>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace ui {

namespace {

// The ruler labels a tick at most every this many pixels.
constexpr double TickSpacing = 90;
// Pixels between chromosome names, and around a name within its chromosome.
constexpr double NameGap = 6;
constexpr double Infinity = std::numeric_limits<double>::infinity();

// 1, 2 or 5 times a power of ten, at least `bases`.
std::int64_t roundStep(double bases)
{
    std::int64_t step = 1;
    for (;;) {
        for (const std::int64_t multiple : {1, 2, 5})
            if (double(step * multiple) >= bases)
                return step * multiple;
        step *= 10;
    }
}

QString positionText(std::int64_t position, std::int64_t step)
{
    const QLocale locale(QLocale::English);
    if (step >= 1'000'000)
        return locale.toString(position / 1'000'000) + QStringLiteral(" Mb");
    if (step >= 1'000)
        return locale.toString(position / 1'000) + QStringLiteral(" kb");
    return locale.toString(position) + QStringLiteral(" bp");
}

} // namespace

TrackRuler::TrackRuler(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("trackRuler"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFixedHeight(2 * fontMetrics().height() + 10);
}

void TrackRuler::setAxis(const genomics::GenomeBins *bins, const genomics::GenomeAxis *axis)
{
    m_bins = bins;
    m_axis = axis;
    update();
}

void TrackRuler::setRange(genomics::GenomeRange range)
{
    m_range = range;
    update();
}

void TrackRuler::setSpan(int left, int right)
{
    m_left = left;
    m_right = right;
    update();
}

QRect TrackRuler::plotRect() const
{
    return QRect(m_left, 0, std::max(1, m_right - m_left), height());
}

void TrackRuler::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Window));
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawLine(0, height() - 1, width() - 1, height() - 1);
    if (!m_axis || m_range.end <= m_range.start)
        return;
    const QRect plot = plotRect();
    const double span = double(m_range.end - m_range.start);
    const auto xOf = [&](std::int64_t position) {
        return plot.left() + double(position - m_range.start) * plot.width() / span;
    };
    const QFontMetrics metrics = fontMetrics();
    const int nameRow = 2, tickRow = 4 + metrics.height();
    const std::int64_t step = roundStep(TickSpacing * span / plot.width());
    painter.setClipRect(plot.adjusted(-1, 0, 1, 0));
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    // A name that does not fit over its chromosome goes without "chr" ("21"), and may then reach over its
    // neighbours where their names left room: at the whole genome the small chromosomes take turns.
    double lastNameRight = -Infinity;
    for (std::size_t c = m_axis->chromosomeAt(m_range.start);
         c < m_bins->chromosomes.size() && m_axis->offset(c) < m_range.end; ++c) {
        const genomics::GenomeRange whole = m_axis->wholeChromosome(c);
        const double x0 = xOf(std::max(whole.start, m_range.start));
        const double x1 = xOf(std::min(whole.end, m_range.end));
        if (whole.start > m_range.start) {
            painter.setPen(palette().color(QPalette::Dark));
            painter.drawLine(QPointF(xOf(whole.start), 0), QPointF(xOf(whole.start), height()));
        }
        QString name = QString::fromStdString(m_bins->chromosomes[c].name);
        if (boldMetrics.horizontalAdvance(name) + NameGap > x1 - x0 && name.size() > 3
            && name.startsWith(QLatin1String("chr"), Qt::CaseInsensitive))
            name = name.mid(3);
        const double nameWidth = boldMetrics.horizontalAdvance(name);
        const double nameLeft =
            std::max(double(plot.left()), std::min((x0 + x1 - nameWidth) / 2, plot.right() + 1 - nameWidth));
        if (nameLeft >= lastNameRight + NameGap) {
            painter.setFont(bold);
            painter.setPen(palette().color(QPalette::WindowText));
            painter.drawText(QRectF(nameLeft, nameRow, nameWidth, metrics.height()), Qt::AlignCenter, name);
            painter.setFont(font());
            lastNameRight = nameLeft + nameWidth;
        }
        // Ticks at multiples of the step along the chromosome, skipping its start (the boundary line)
        // and any label that would run into the one before.
        double lastRight = -Infinity;
        painter.setPen(palette().color(QPalette::WindowText));
        const std::int64_t local0 = std::max<std::int64_t>(m_range.start - whole.start, 0);
        const std::int64_t localEnd = std::min(m_range.end, whole.end) - whole.start;
        for (std::int64_t local = (local0 + step - 1) / step * step; local < localEnd; local += step) {
            if (local == 0)
                continue;
            const double x = xOf(whole.start + local);
            painter.drawLine(QPointF(x, height() - 5), QPointF(x, height() - 1));
            const QString text = positionText(local, step);
            const double half = metrics.horizontalAdvance(text) / 2.0;
            if (x - half < lastRight + 6 || x - half < x0 || x + half > x1)
                continue;
            painter.drawText(QRectF(x - half, tickRow, 2 * half, metrics.height()), Qt::AlignCenter, text);
            lastRight = x + half;
        }
    }
}

} // namespace ui
