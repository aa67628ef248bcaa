#include "ui/genomics/tracklane.h"

#include <QtGui/QContextMenuEvent>
#include <QtGui/QPainter>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QMenu>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QWidgetAction>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ui {

namespace {

const QColor meanColour(31, 119, 180);
// The band is the mean's colour at this opacity over the background.
constexpr int BandAlpha = 45;
const QColor badColour(110, 110, 110, 70);
const QColor highlightColour(255, 190, 0, 90);
const QColor highlightEdge(230, 150, 0);
const QColor boundaryColour(200, 200, 200);
const QColor separatorColour(220, 220, 220);
constexpr int PlotTop = 4;
constexpr int PlotBottomMargin = 5;
constexpr double Infinity = std::numeric_limits<double>::infinity();

// The bins of one chromosome that reach into the view: [first, last).
struct BinSpan {
    std::size_t chromosome = 0;
    std::size_t first = 0;
    std::size_t last = 0;
};

std::vector<BinSpan> binsInView(const genomics::GenomeBins &bins, const genomics::GenomeAxis &axis,
                                genomics::GenomeRange range)
{
    std::vector<BinSpan> spans;
    if (range.end <= range.start || axis.length() <= 0)
        return spans;
    for (std::size_t c = axis.chromosomeAt(range.start);
         c < bins.chromosomes.size() && axis.offset(c) < range.end; ++c) {
        const genomics::Chromosome &chromosome = bins.chromosomes[c];
        const std::int64_t low = range.start - axis.offset(c);
        const std::int64_t high = range.end - axis.offset(c);
        const auto ends = bins.end.begin() + std::ptrdiff_t(chromosome.firstBin);
        const auto starts = bins.start.begin() + std::ptrdiff_t(chromosome.firstBin);
        const auto count = std::ptrdiff_t(chromosome.binCount);
        const auto first = std::size_t(std::upper_bound(ends, ends + count, low) - bins.end.begin());
        const auto last = std::size_t(std::lower_bound(starts, starts + count, high) - bins.start.begin());
        if (first < last)
            spans.push_back({c, first, last});
    }
    return spans;
}

std::vector<genomics::GenomeRange> badRunsOf(const genomics::GenomeBins &bins, const genomics::GenomeAxis &axis)
{
    std::vector<genomics::GenomeRange> runs;
    for (std::size_t c = 0; c < bins.chromosomes.size(); ++c) {
        const genomics::Chromosome &chromosome = bins.chromosomes[c];
        const std::size_t end = chromosome.firstBin + chromosome.binCount;
        for (std::size_t bin = chromosome.firstBin; bin < end; ++bin) {
            if (bins.good[bin])
                continue;
            const std::int64_t start = axis.offset(c) + bins.start[bin];
            while (bin + 1 < end && !bins.good[bin + 1])
                ++bin;
            runs.push_back({start, axis.offset(c) + bins.end[bin]});
        }
    }
    return runs;
}

// Per pixel column of the plot: the band's low and high end (+inf/-inf where no cell lands) and the
// width-weighted sum of the cells' means, in the scale's units (log10 for Log).
struct Columns {
    std::vector<double> low, high, sum, weight;
    std::size_t cells = 0;

    explicit Columns(int width)
        : low(std::size_t(width), Infinity), high(std::size_t(width), -Infinity), sum(std::size_t(width), 0.0),
          weight(std::size_t(width), 0.0)
    {
    }
};

// The cells of `cells` under the bins of `spans`, gathered into `width` pixel columns across `range`.
Columns aggregate(const genomics::GenomeBins &bins, const genomics::GenomeAxis &axis, const std::vector<BinSpan> &spans,
                  const genomics::SummaryLevel &cells, genomics::GenomeRange range, int width, bool log)
{
    Columns columns(width);
    const std::int64_t perCell = cells.binsPerCell;
    const double pixelsPerBase = width / double(range.end - range.start);
    for (const BinSpan &span : spans) {
        const genomics::Chromosome &chromosome = bins.chromosomes[span.chromosome];
        const std::int64_t offset = axis.offset(span.chromosome) - range.start;
        const std::size_t firstCell = genomics::firstCellOf(bins, span.chromosome, perCell);
        const std::size_t chromosomeEnd = chromosome.firstBin + chromosome.binCount;
        const std::size_t k0 = (span.first - chromosome.firstBin) / std::size_t(perCell);
        const std::size_t k1 = (span.last - 1 - chromosome.firstBin) / std::size_t(perCell) + 1;
        for (std::size_t k = k0; k < k1 && firstCell + k < cells.size(); ++k) {
            const std::size_t cell = firstCell + k;
            double mean = cells.mean[cell];
            double high = cells.max[cell];
            double low = cells.min[cell];
            // An infinite value (no bigWig should hold one) would leave no finite axis: such a cell counts as
            // one without a value. A finite mean means a finite minimum and maximum too.
            if (!std::isfinite(mean))
                continue;
            if (log) {
                if (!(high > 0))
                    continue;
                high = std::log10(high);
                low = low > 0 ? std::log10(low) : -Infinity;
                mean = mean > 0 ? std::log10(mean) : std::nan("");
            }
            ++columns.cells;
            const std::size_t firstBin = chromosome.firstBin + k * std::size_t(perCell);
            const std::size_t lastBin = std::min(firstBin + std::size_t(perCell), chromosomeEnd) - 1;
            const double start = double(offset + bins.start[firstBin]);
            const double end = double(offset + bins.end[lastBin]);
            // Clamped before the conversion: a bin much wider than the view lies far outside int's range.
            const int x0 = int(std::clamp(std::floor(start * pixelsPerBase), 0.0, width - 1.0));
            const int x1 = int(std::clamp(std::ceil(end * pixelsPerBase), x0 + 1.0, double(width)));
            const double weight = end - start;
            for (int x = x0; x < x1; ++x) {
                columns.low[std::size_t(x)] = std::min(columns.low[std::size_t(x)], low);
                columns.high[std::size_t(x)] = std::max(columns.high[std::size_t(x)], high);
                if (!std::isnan(mean)) {
                    columns.sum[std::size_t(x)] += mean * weight;
                    columns.weight[std::size_t(x)] += weight;
                }
            }
        }
    }
    return columns;
}

QString valueText(double value)
{
    QString text = QString::number(std::abs(value) < 1e-12 ? 0.0 : value, 'g', 3);
    return text.replace(QLatin1Char('-'), QChar(0x2212));
}

} // namespace

TrackLane::TrackLane(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMaximumHeight(MaximumHeight);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

TrackLane::~TrackLane() = default;

void TrackLane::setData(std::shared_ptr<const genomics::GenomeBins> bins,
                        std::shared_ptr<const std::vector<genomics::SummaryLevel>> pyramid)
{
    if (bins != m_bins) {
        m_bins = std::move(bins);
        m_axis = m_bins ? std::make_unique<genomics::GenomeAxis>(*m_bins) : nullptr;
        m_badRuns = m_bins ? badRunsOf(*m_bins, *m_axis) : std::vector<genomics::GenomeRange>{};
    }
    m_pyramid = std::move(pyramid);
    m_message.clear();
    update();
}

void TrackLane::setMessage(const QString &message)
{
    m_pyramid = nullptr;
    m_message = message;
    update();
}

void TrackLane::setLabel(const QString &accession, const QString &assay, const QString &biosample)
{
    m_accession = accession;
    m_assay = assay;
    m_biosample = biosample;
    setToolTip(QStringList{accession, assay, biosample}.join(QLatin1Char('\n')).trimmed());
    update();
}

void TrackLane::setRange(genomics::GenomeRange range)
{
    if (range == m_range)
        return;
    m_range = range;
    update();
}

void TrackLane::setHighlight(std::optional<genomics::GenomeRange> highlight)
{
    m_highlight = highlight;
    update();
}

void TrackLane::setScale(TrackScale scale, double fixedLow, double fixedHigh)
{
    m_scale = scale;
    if (scale == TrackScale::Fixed && std::isfinite(fixedLow) && std::isfinite(fixedHigh)) {
        m_fixedLow = std::min(fixedLow, fixedHigh);
        m_fixedHigh = std::max(fixedLow, fixedHigh);
        if (m_fixedLow == m_fixedHigh)
            m_fixedHigh = m_fixedLow + 1;
    }
    update();
    Q_EMIT scaleChanged(scale);
}

QRect TrackLane::plotRect() const
{
    return QRect(QPoint(LabelWidth, PlotTop), QPoint(width() - RightMargin - 1, height() - PlotBottomMargin - 1));
}

double TrackLane::xOf(std::int64_t position, const QRect &plot) const
{
    return plot.left() + double(position - m_range.start) * plot.width() / double(m_range.end - m_range.start);
}

QSize TrackLane::sizeHint() const
{
    return {800, 2 * minimumSizeHint().height()};
}

QSize TrackLane::minimumSizeHint() const
{
    // The label's three lines: accession, assay, biosample.
    return {LabelWidth + 100, PlotTop + 3 * fontMetrics().height() + PlotBottomMargin};
}

void TrackLane::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Base));
    const QRect plot = plotRect();
    const bool ready = m_bins && m_pyramid && !m_pyramid->empty() && m_range.end > m_range.start
                       && plot.width() > 0 && plot.height() > 1;
    if (ready) {
        painter.save();
        painter.setClipRect(plot);
        paintSignal(painter, plot);
        painter.restore();
    } else {
        m_lastPaint = {};
        painter.setPen(palette().color(QPalette::PlaceholderText));
        const QString text = !m_message.isEmpty() ? m_message : m_bins ? tr("Loading…") : QString();
        painter.drawText(plot, Qt::AlignCenter, text);
    }
    paintLabel(painter, plot);
    painter.setPen(separatorColour);
    painter.drawLine(0, height() - 1, width() - 1, height() - 1);
}

void TrackLane::paintSignal(QPainter &painter, const QRect &plot)
{
    // Two cells per pixel at most: a coarser level would blur what a pixel column can still show.
    const std::vector<BinSpan> spans = binsInView(*m_bins, *m_axis, m_range);
    std::size_t visibleBins = 0;
    for (const BinSpan &span : spans)
        visibleBins += span.last - span.first;
    const std::size_t level = genomics::levelFor(*m_pyramid, 2.0 * double(visibleBins) / plot.width());
    const Columns columns = aggregate(*m_bins, *m_axis, spans, (*m_pyramid)[level], m_range, plot.width(),
                                      m_scale == TrackScale::Log);

    // Auto: from the band's lowest to the mean's highest. The band's highest would be a peak in nearly every
    // column of a zoomed-out view of a peaky track, and would squash the mean into the lane's bottom rows;
    // the band is clipped instead. Without a mean in view (Log of a track below 1), the band decides.
    double low = Infinity, bandHigh = -Infinity, meanHigh = -Infinity;
    for (std::size_t x = 0; x < columns.high.size(); ++x) {
        if (columns.high[x] == -Infinity)
            continue;
        bandHigh = std::max(bandHigh, columns.high[x]);
        low = std::min(low, std::isfinite(columns.low[x]) ? columns.low[x] : columns.high[x]);
        if (columns.weight[x] > 0) {
            const double mean = columns.sum[x] / columns.weight[x];
            low = std::min(low, mean);
            meanHigh = std::max(meanHigh, mean);
        }
    }
    double high = meanHigh > -Infinity ? meanHigh : bandHigh;
    if (m_scale == TrackScale::Fixed) {
        low = m_fixedLow;
        high = m_fixedHigh;
    } else if (low == high) {
        const double pad = low != 0 ? std::abs(low) * 0.1 : 1.0;
        low -= pad;
        high += pad;
    }
    m_lastPaint = {level, columns.cells, low, high};

    // Values map to rows with plot.top() at `high` and plot.bottom() at `low`; those far outside are held
    // just outside the clip rectangle.
    const bool scaled = high > low;
    const double rows = plot.height() - 1;
    const auto rowOf = [&](double value) {
        const double y = plot.top() + (high - value) / (high - low) * rows;
        return int(std::lround(std::clamp(y, plot.top() - 2.0, plot.bottom() + 2.0)));
    };
    // The band is a rectangle per column (one for a run of columns that agree) in an opaque colour: the raster
    // engine fills those many times faster than a translucent polygon with thousands of spikes.
    QVector<QRect> band;
    std::vector<QPolygon> mean(1);
    for (int x = 0; scaled && x < plot.width(); ++x) {
        const auto column = std::size_t(x);
        if (columns.high[column] != -Infinity) {
            const int top = rowOf(columns.high[column]);
            const QRect cell(plot.left() + x, top, 1, rowOf(columns.low[column]) - top + 1);
            if (!band.isEmpty() && band.back().right() + 1 == cell.left() && band.back().top() == cell.top()
                && band.back().bottom() == cell.bottom())
                band.back().setRight(cell.right());
            else
                band.push_back(cell);
        }
        if (columns.weight[column] > 0) {
            // A step per column; a column level with the one before extends its step.
            const int y = rowOf(columns.sum[column] / columns.weight[column]);
            QPolygon &line = mean.back();
            if (!line.isEmpty() && line.back().y() == y)
                line.back().rx() = plot.left() + x + 1;
            else
                line << QPoint(plot.left() + x, y) << QPoint(plot.left() + x + 1, y);
        } else if (!mean.back().isEmpty()) {
            mean.emplace_back();
        }
    }
    const QColor base = palette().color(QPalette::Base);
    const double alpha = BandAlpha / 255.0;
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor::fromRgbF(float(base.redF() + (meanColour.redF() - base.redF()) * alpha),
                                      float(base.greenF() + (meanColour.greenF() - base.greenF()) * alpha),
                                      float(base.blueF() + (meanColour.blueF() - base.blueF()) * alpha)));
    painter.drawRects(band);

    paintBadBins(painter, plot);
    painter.setPen(boundaryColour);
    for (std::size_t c = m_axis->chromosomeAt(m_range.start) + 1;
         c < m_bins->chromosomes.size() && m_axis->offset(c) < m_range.end; ++c) {
        const int x = int(std::lround(xOf(m_axis->offset(c), plot)));
        painter.drawLine(x, plot.top(), x, plot.bottom());
    }
    if (m_highlight && m_highlight->end > m_range.start && m_highlight->start < m_range.end) {
        const int x0 = int(std::floor(xOf(std::max(m_highlight->start, m_range.start), plot)));
        const int x1 = std::max(x0 + 1, int(std::ceil(xOf(std::min(m_highlight->end, m_range.end), plot))));
        painter.fillRect(QRect(x0, plot.top(), x1 - x0, plot.height()), highlightColour);
        painter.setPen(highlightEdge);
        painter.drawLine(x0, plot.top(), x0, plot.bottom());
        painter.drawLine(x1 - 1, plot.top(), x1 - 1, plot.bottom());
    }
    painter.setPen(QPen(meanColour, 0));
    for (const QPolygon &line : mean)
        painter.drawPolyline(line);
}

void TrackLane::paintBadBins(QPainter &painter, const QRect &plot) const
{
    // Each fill covers a run and every run that starts within the pixels it shades or the next one, found by
    // bisection, so a view of the whole genome makes at most one fill per pixel column.
    const std::int64_t viewEnd = m_range.end;
    const double pixelsPerBase = plot.width() / double(m_range.end - m_range.start);
    const auto column = [&](std::int64_t position) {
        return std::floor(double(position - m_range.start) * pixelsPerBase);
    };
    auto run = std::partition_point(m_badRuns.begin(), m_badRuns.end(),
                                    [&](const genomics::GenomeRange &r) { return r.end <= m_range.start; });
    while (run != m_badRuns.end() && run->start < viewEnd) {
        const double x0 = std::max(0.0, column(run->start));
        double x1 = std::max(x0 + 1, std::ceil(double(run->end - m_range.start) * pixelsPerBase));
        auto next = run + 1;
        for (;;) {
            const auto after = std::partition_point(next, m_badRuns.end(), [&](const genomics::GenomeRange &r) {
                return r.start < viewEnd && column(r.start) <= x1;
            });
            if (after == next)
                break;
            x1 = std::max(x1, std::ceil(double((after - 1)->end - m_range.start) * pixelsPerBase));
            next = after;
        }
        const double right = std::min(x1, double(plot.width()));
        painter.fillRect(QRectF(plot.left() + x0, plot.top(), right - x0, plot.height()), badColour);
        run = next;
    }
}

void TrackLane::paintLabel(QPainter &painter, const QRect &plot) const
{
    const QFontMetrics metrics = fontMetrics();
    const int axisWidth = metrics.horizontalAdvance(QStringLiteral("−0.000e+00"));
    const int textWidth = LabelWidth - axisWidth - 10;
    QFont bold = font();
    bold.setBold(true);
    painter.setPen(palette().color(QPalette::Text));
    painter.setFont(bold);
    int y = PlotTop;
    painter.drawText(QRect(6, y, textWidth, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(m_accession, Qt::ElideRight, textWidth));
    painter.setFont(font());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    for (const QString &line : {m_assay, m_biosample}) {
        y += metrics.height();
        if (y + metrics.height() > height())
            break;
        painter.drawText(QRect(6, y, textWidth, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(line, Qt::ElideRight, textWidth));
    }

    if (!(m_lastPaint.high > m_lastPaint.low))
        return;
    const bool log = m_scale == TrackScale::Log;
    const auto shown = [&](double value) { return valueText(log ? std::pow(10.0, value) : value); };
    const int right = plot.left() - 4;
    painter.setPen(palette().color(QPalette::Text));
    painter.drawLine(plot.left() - 1, plot.top(), plot.left() - 1, plot.bottom());
    painter.drawLine(plot.left() - 3, plot.top(), plot.left() - 1, plot.top());
    painter.drawLine(plot.left() - 3, plot.bottom(), plot.left() - 1, plot.bottom());
    painter.drawText(QRect(right - axisWidth, plot.top(), axisWidth, metrics.height()),
                     Qt::AlignRight | Qt::AlignTop, shown(m_lastPaint.high));
    painter.drawText(QRect(right - axisWidth, plot.bottom() - metrics.height() + 1, axisWidth, metrics.height()),
                     Qt::AlignRight | Qt::AlignBottom, shown(m_lastPaint.low));
    if (m_scale != TrackScale::Auto && plot.height() > 3 * metrics.height()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRect(right - axisWidth, plot.center().y() - metrics.height() / 2, axisWidth,
                               metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter, log ? tr("log") : tr("fixed"));
    }
}

void TrackLane::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *automatic = menu.addAction(tr("Auto scale"));
    automatic->setCheckable(true);
    automatic->setChecked(m_scale == TrackScale::Auto);
    QAction *log = menu.addAction(tr("Log scale"));
    log->setCheckable(true);
    log->setChecked(m_scale == TrackScale::Log);
    menu.addSeparator();

    // The fixed range is edited inside the menu: a dialog would block the window for two numbers.
    auto *fixedForm = new QWidget(&menu);
    auto *form = new QFormLayout(fixedForm);
    form->setContentsMargins(12, 4, 12, 4);
    const bool linear = m_scale != TrackScale::Log;
    const double low = m_scale == TrackScale::Fixed ? m_fixedLow
                       : linear                      ? m_lastPaint.low
                                                     : std::pow(10.0, m_lastPaint.low);
    const double high = m_scale == TrackScale::Fixed ? m_fixedHigh
                        : linear                      ? m_lastPaint.high
                                                      : std::pow(10.0, m_lastPaint.high);
    auto *lowBox = new QDoubleSpinBox(fixedForm);
    auto *highBox = new QDoubleSpinBox(fixedForm);
    for (QDoubleSpinBox *box : {lowBox, highBox}) {
        box->setRange(-1e12, 1e12);
        box->setDecimals(4);
    }
    lowBox->setValue(std::isfinite(low) ? low : 0);
    highBox->setValue(std::isfinite(high) ? high : 1);
    auto *apply = new QPushButton(tr("Fixed scale"), fixedForm);
    form->addRow(tr("Minimum"), lowBox);
    form->addRow(tr("Maximum"), highBox);
    form->addRow(apply);
    auto *fixedAction = new QWidgetAction(&menu);
    fixedAction->setDefaultWidget(fixedForm);
    menu.addAction(fixedAction);
    connect(apply, &QPushButton::clicked, &menu, [&] {
        setScale(TrackScale::Fixed, lowBox->value(), highBox->value());
        menu.close();
    });

    QAction *chosen = menu.exec(event->globalPos());
    if (chosen == automatic)
        setScale(TrackScale::Auto);
    else if (chosen == log)
        setScale(TrackScale::Log);
}

} // namespace ui
