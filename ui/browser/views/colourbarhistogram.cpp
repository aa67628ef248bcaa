#include "ui/browser/views/colourbarhistogram.h"

#include <QtGui/QMouseEvent>
#include <QtGui/QPainter>
#include <QtGui/QPainterPath>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

constexpr double BarWidth = 14;
constexpr double Gap = 3;
constexpr double TickLength = 4;
// Room between a tick mark and its label, so that the mark does not read as a minus sign.
constexpr double LabelGap = 4;
// The grab handles at the lines' right ends.
constexpr double HandleWidth = 7;
// How close (in pixels) the mouse must be to a level line to pick it up.
constexpr double GrabDistance = 6;
// Room left beyond the data on the axis, as a fraction of its length, so that the lines at its ends can
// still be seen and grabbed.
constexpr double AxisPadding = 0.03;
const QColor NoValue(0x80, 0x80, 0x80);
const QColor HistogramFill(0x9d, 0xb6, 0xd3);

// A typographic minus, and no "-0" from rounding.
QString tickText(double value)
{
    QString text = QString::number(value, 'g', 4);
    return text.replace(QLatin1Char('-'), QChar(0x2212));
}

// Round values at most `most` of which fall in [low, high]: 1, 2 or 5 times a power of ten apart or, on a
// log axis, 1, 2 and 5 times each power of ten (or the powers alone, every n-th, when those are too many).
std::vector<double> ticksBetween(double low, double high, bool logarithmic, int most)
{
    std::vector<double> ticks;
    if (!(high > low) || most < 1)
        return ticks;
    if (logarithmic) {
        std::vector<double> powers;
        for (int exponent = int(std::floor(std::log10(low))); exponent <= int(std::ceil(std::log10(high))); ++exponent)
            for (const double mantissa : {1.0, 2.0, 5.0})
                if (const double tick = mantissa * std::pow(10.0, exponent); tick >= low && tick <= high) {
                    ticks.push_back(tick);
                    if (mantissa == 1)
                        powers.push_back(tick);
                }
        if (ticks.size() >= 2 && int(ticks.size()) <= most)
            return ticks;
        if (powers.size() >= 2) {
            ticks.clear();
            const std::size_t every = (powers.size() + std::size_t(most) - 1) / std::size_t(most);
            for (std::size_t i = 0; i < powers.size(); i += every)
                ticks.push_back(powers[i]);
            return ticks;
        }
        // Too few round values in range (less than a factor of about 2.5): evenly spaced ticks instead.
        ticks.clear();
    }
    const double span = high - low;
    const double magnitude = std::pow(10.0, std::floor(std::log10(span / most)));
    double step = magnitude;
    for (const double multiple : {1.0, 2.0, 5.0, 10.0}) {
        step = multiple * magnitude;
        if (span / step <= most)
            break;
    }
    // Counted, not accumulated: levels typed a few ulps apart give a step that adding would not advance.
    const double first = std::ceil(low / step) * step;
    for (int i = 0; i <= 2 * most; ++i) {
        const double tick = first + i * step;
        if (tick > high + step * 1e-9)
            break;
        ticks.push_back(std::abs(tick) < step * 1e-9 ? 0.0 : tick);
    }
    return ticks;
}

} // namespace

double ColourBarHistogram::Axis::fractionOf(double value) const
{
    if (logarithmic)
        return value > 0 ? std::log(value / low) / std::log(high / low) : -1;
    return (value - low) / (high - low);
}

double ColourBarHistogram::Axis::valueAt(double fraction) const
{
    return logarithmic ? low * std::pow(high / low, fraction) : low + fraction * (high - low);
}

double ColourBarHistogram::Axis::yOf(double value, const QRectF &area) const
{
    return area.bottom() - fractionOf(value) * area.height();
}

ColourBarHistogram::ColourBarHistogram(QWidget *parent) : QWidget(parent), m_map(&colourMaps().front())
{
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
}

void ColourBarHistogram::setColourMap(const ColourMap &map)
{
    m_map = &map;
    update();
}

void ColourBarHistogram::setScale(browse::ValueScale scale)
{
    m_scale = scale;
    update();
}

void ColourBarHistogram::setLevels(const browse::Levels &levels)
{
    m_levels = levels;
    update();
}

void ColourBarHistogram::setHistogram(const std::optional<browse::Histogram> &histogram)
{
    m_histogram = histogram;
    update();
}

QSize ColourBarHistogram::sizeHint() const
{
    return {fontMetrics().horizontalAdvance(QStringLiteral("−0.0000")) + 110, 320};
}

QSize ColourBarHistogram::minimumSizeHint() const
{
    return {sizeHint().width(), 120};
}

ColourBarHistogram::Axis ColourBarHistogram::axis() const
{
    if (m_dragAxis)
        return *m_dragAxis;
    const bool logarithmic = m_scale == browse::ValueScale::Log;
    double low = logarithmic ? browse::logScaleLow(m_levels) : m_levels.low;
    double high = m_levels.high;
    if (m_histogram && !m_histogram->counts.empty()) {
        low = std::min(low, m_histogram->low);
        high = std::max(high, m_histogram->high);
    }
    if (low > high)
        std::swap(low, high);
    if (logarithmic) {
        if (!(low > 0))
            return {1, 10, true};
        const double widening = high > low ? std::pow(high / low, AxisPadding) : 1.5;
        return {low / widening, high * widening, true};
    }
    const double padding = high > low ? (high - low) * AxisPadding : std::max(std::abs(low) * 0.05, 0.5);
    return {low - padding, high + padding, false};
}

QRectF ColourBarHistogram::plotArea() const
{
    const double margin = fontMetrics().height() / 2.0 + 2;
    return QRectF(rect()).adjusted(2, margin, -2, -margin);
}

double ColourBarHistogram::yOf(double value) const
{
    return axis().yOf(value, plotArea());
}

void ColourBarHistogram::paintBar(QPainter &painter, const QRectF &bar, const Axis &axis, const ColourMap &map,
                                  const browse::Levels &levels, browse::ValueScale scale)
{
    const int rows = std::max(1, int(std::lround(bar.height())));
    QImage strip(1, rows, QImage::Format_RGB32);
    for (int row = 0; row < rows; ++row) {
        const double value = axis.valueAt(1 - (row + 0.5) / rows);
        const double position = browse::scalePosition(value, levels, scale);
        strip.setPixel(0, row, std::isnan(position) ? NoValue.rgb() : map.at(position));
    }
    painter.drawImage(bar, strip);
    painter.setPen(QColor(0x60, 0x60, 0x60));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar);
}

void ColourBarHistogram::paintTicks(QPainter &painter, const QRectF &area, double markLeft, double labelLeft,
                                    const Axis &axis, const QColor &colour)
{
    const QFontMetricsF metrics(painter.font());
    const std::vector<double> ticks =
        ticksBetween(axis.low, axis.high, axis.logarithmic, std::max(2, int(area.height() / (metrics.height() * 2.2))));
    painter.setPen(colour);
    for (const double tick : ticks) {
        const double y = axis.yOf(tick, area);
        painter.drawLine(QPointF(markLeft, y), QPointF(markLeft + TickLength, y));
        painter.drawText(QPointF(labelLeft, y + metrics.ascent() / 2 - 1), tickText(tick));
    }
}

void ColourBarHistogram::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRectF area = plotArea();
    const Axis shown = axis();
    const QColor text = palette().color(QPalette::WindowText);
    const double labelsWidth = fontMetrics().horizontalAdvance(QStringLiteral("−0.0000"));
    const QRectF bar(area.left(), area.top(), BarWidth, area.height());
    const QRectF histogram(bar.right() + Gap, area.top(),
                           area.width() - BarWidth - Gap - HandleWidth - LabelGap - labelsWidth, area.height());

    painter.fillRect(histogram, palette().color(QPalette::Base));
    if (m_histogram && !m_histogram->counts.empty()) {
        const auto &counts = m_histogram->counts;
        const double top = std::log10(1.0 + *std::max_element(counts.begin(), counts.end()));
        const auto bins = double(counts.size());
        const Axis binAxis{m_histogram->low, m_histogram->high,
                           m_histogram->spacing == browse::BinSpacing::Logarithmic};
        QPainterPath bars;
        bars.moveTo(histogram.left(), shown.yOf(binAxis.valueAt(0), area));
        for (std::size_t bin = 0; bin < counts.size(); ++bin) {
            const double length = top > 0 ? std::log10(1.0 + counts[bin]) / top * histogram.width() : 0;
            bars.lineTo(histogram.left() + length, shown.yOf(binAxis.valueAt(double(bin) / bins), area));
            bars.lineTo(histogram.left() + length, shown.yOf(binAxis.valueAt(double(bin + 1) / bins), area));
        }
        bars.lineTo(histogram.left(), shown.yOf(binAxis.valueAt(1), area));
        bars.closeSubpath();
        painter.save();
        painter.setClipRect(histogram);
        painter.fillPath(bars, HistogramFill);
        painter.restore();
    }
    paintBar(painter, bar, shown, *m_map, m_levels, m_scale);
    // The marks inside the histogram's edge, clear of the handles.
    paintTicks(painter, area, histogram.right() - TickLength, histogram.right() + HandleWidth + LabelGap, shown, text);

    painter.setRenderHint(QPainter::Antialiasing);
    for (const double level : {m_levels.low, m_levels.high}) {
        const double y = shown.yOf(level, area);
        if (!std::isfinite(y))
            continue;
        painter.setPen(QPen(text, 1.5));
        painter.drawLine(QPointF(bar.left() - 1, y), QPointF(histogram.right(), y));
        // A handle at the end of the line, where it is grabbed.
        QPainterPath handle;
        handle.moveTo(histogram.right(), y);
        handle.lineTo(histogram.right() + HandleWidth, y - 5);
        handle.lineTo(histogram.right() + HandleWidth, y + 5);
        handle.closeSubpath();
        painter.fillPath(handle, text);
    }
}

void ColourBarHistogram::paintFigureBar(QPainter &painter, const QRectF &area, const ColourMap &map,
                                        const browse::Levels &levels, browse::ValueScale scale)
{
    const bool logarithmic = scale == browse::ValueScale::Log;
    const Axis axis{logarithmic ? browse::logScaleLow(levels) : levels.low, levels.high, logarithmic};
    const QRectF bar(area.left(), area.top(), BarWidth, area.height());
    paintBar(painter, bar, axis, map, levels, scale);
    paintTicks(painter, area, bar.right(), bar.right() + TickLength + LabelGap, axis, Qt::black);
}

double ColourBarHistogram::figureBarWidth(const QFont &font)
{
    return BarWidth + TickLength + LabelGap + QFontMetricsF(font).horizontalAdvance(QStringLiteral("−0.0000"));
}

std::optional<ColourBarHistogram::Level> ColourBarHistogram::levelNear(double y) const
{
    const double toLow = std::abs(y - yOf(m_levels.low));
    const double toHigh = std::abs(y - yOf(m_levels.high));
    if (std::min(toLow, toHigh) > GrabDistance)
        return std::nullopt;
    return toHigh <= toLow ? Level::High : Level::Low;
}

void ColourBarHistogram::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    m_dragged = levelNear(event->position().y());
    if (m_dragged)
        m_dragAxis = axis();
}

void ColourBarHistogram::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragged) {
        setCursor(levelNear(event->position().y()) ? Qt::SizeVerCursor : Qt::ArrowCursor);
        return;
    }
    const QRectF area = plotArea();
    const double fraction = std::clamp((area.bottom() - event->position().y()) / area.height(), 0.0, 1.0);
    const double value = m_dragAxis->valueAt(fraction);
    // The lines do not cross: the low level stays the lower.
    if (*m_dragged == Level::Low)
        m_levels.low = std::min(value, m_levels.high);
    else
        m_levels.high = std::max(value, m_levels.low);
    update();
    Q_EMIT levelsDragged(m_levels);
}

void ColourBarHistogram::mouseReleaseEvent(QMouseEvent *)
{
    m_dragged.reset();
    m_dragAxis.reset();
    update();
}

} // namespace ui
