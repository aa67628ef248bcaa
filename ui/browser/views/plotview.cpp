#include "ui/browser/views/plotview.h"

#include "ui/browser/sliceloader.h"

#include "core/h5/file.h"

#include <nlohmann/json.hpp>

// QCustomPlot's header is written with Qt's keywords, which the project turns off (QT_NO_KEYWORDS).
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef foreach

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QFutureWatcher>
#include <QtCore/QLocale>
#include <QtGui/QKeyEvent>
#include <QtGui/QPicture>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenu>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QToolButton>

#include <algorithm>
#include <cmath>
#include <limits>

namespace ui {

namespace {

// More curves than this at once are unreadable, and each costs a full read.
constexpr int MaxLinesAtOnce = 16;
// Curves of up to this many points in all are built on the UI thread, in a few milliseconds, so that they
// appear with their data; more are built on a worker, as copying and sorting tens of millions takes seconds.
constexpr std::size_t PointsBuiltAtOnce = std::size_t(1) << 18;
// Members of the plotted dataset's group examined for the X and overlay lists: a group of a million
// datasets would otherwise keep the worker opening datasets for minutes.
constexpr int MaxSiblingsExamined = 2000;

// Distinct on white and for the common colour-vision deficiencies (matplotlib's "tab10").
const QColor CurveColours[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
                               QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                               QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
                               QColor(0x17, 0xbe, 0xcf)};

// The dimensions longer than 1, the ones a curve can run along.
std::vector<int> significantAxes(const h5::Shape &shape)
{
    std::vector<int> axes;
    for (std::size_t axis = 0; axis < shape.size(); ++axis)
        if (shape[axis] > 1)
            axes.push_back(int(axis));
    return axes;
}

// A dataset usable as X or overlay has exactly one dimension longer than 1; -1 otherwise.
int curveAxisOf(const h5::Shape &shape)
{
    const auto axes = significantAxes(shape);
    return axes.size() == 1 ? axes.front() : -1;
}

// X and overlay datasets may be of the kinds the plotted dataset may be.
bool plottable(h5::TypeClass typeClass)
{
    DataSource described;
    described.typeClass = typeClass;
    return described.isNumeric();
}

QString nameOf(const QString &objectPath)
{
    return objectPath.section(QLatin1Char('/'), -1);
}

QString parentOf(const QString &objectPath)
{
    const QString parent = objectPath.section(QLatin1Char('/'), 0, -2);
    return parent.isEmpty() ? QStringLiteral("/") : parent;
}

// "Intensity (counts)" from NeXus-style @long_name and @units, or the dataset's name.
QString labelOf(const h5::Dataset &dataset, const QString &objectPath)
{
    const h5::Attributes attributes = dataset.attributes();
    QString label = nameOf(objectPath);
    if (attributes.contains("long_name"))
        if (const auto longName = attributes.get("long_name"); longName.is_string())
            label = QString::fromStdString(longName.get<std::string>());
    if (attributes.contains("units"))
        if (const auto units = attributes.get("units"); units.is_string() && !units.get<std::string>().empty())
            label += QStringLiteral(" (%1)").arg(QString::fromStdString(units.get<std::string>()));
    return label;
}

// One curve to draw: `count` values of a slice from `start`, `stride` apart.
struct CurveSpec {
    QString name;
    std::shared_ptr<const Slice> values;
    std::size_t start = 0;
    std::size_t stride = 1;
    std::size_t count = 0;
};

struct BuiltCurve {
    QString name;
    QSharedPointer<QCPGraphDataContainer> data;
};

struct BuiltCurves {
    std::vector<BuiltCurve> curves;
    bool monotonic = true;
};

// The curves' points, built off the UI thread: a hundred million of them take seconds to copy and sort.
BuiltCurves buildCurves(const std::vector<CurveSpec> &specs, const std::shared_ptr<const Slice> &x, std::size_t points)
{
    std::vector<double> keys(points);
    for (std::size_t point = 0; point < points; ++point)
        keys[point] = x ? x->doubles[point] : double(point);
    BuiltCurves built;
    // QCPGraph keeps its points sorted by key. An X that is not monotonic (a parametric curve, a scan back
    // and forth) would be redrawn as a zigzag between neighbours in X, so it is drawn as points.
    built.monotonic =
        std::adjacent_find(keys.begin(), keys.end(), [](double a, double b) { return !(a <= b); }) == keys.end()
        && !(points > 0 && std::isnan(keys.front()));
    for (const CurveSpec &spec : specs) {
        QVector<QCPGraphData> data;
        data.reserve(qsizetype(spec.count));
        for (std::size_t point = 0; point < spec.count; ++point)
            if (built.monotonic || !std::isnan(keys[point]))
                data.append(QCPGraphData(keys[point], spec.values->doubles[spec.start + point * spec.stride]));
        // Sorted here rather than by the container, which would sort a second copy.
        if (!built.monotonic)
            std::sort(data.begin(), data.end(), qcpLessThanSortKey<QCPGraphData>);
        auto container = QSharedPointer<QCPGraphDataContainer>::create();
        container->set(data, true);
        built.curves.push_back({spec.name, std::move(container)});
    }
    return built;
}

// Runs `work` on Qt's global pool and hands its result to `done` on `context`'s thread, unless `context`
// has been destroyed by then.
template <class Work, class Done>
void runOffUiThread(QObject *context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work>;
    auto *watcher = new QFutureWatcher<Result>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
        done(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace

// One dataset drawn or used as X: its handle, what is known of it, and its values once loaded. Its address
// is its client name at the loader, so that the curves load side by side without superseding each other.
struct PlotView::Series {
    QString objectPath;
    std::shared_ptr<const h5::Dataset> dataset;
    h5::Shape shape;
    QString label;
    quint64 ticket = 0; // of the request in flight
    std::shared_ptr<const Slice> values;
};

// A dataset opened by path on a worker, or why it could not be.
struct PlotView::OpenedDataset {
    QString objectPath;
    std::shared_ptr<const h5::Dataset> dataset;
    h5::Shape shape;
    h5::TypeClass typeClass = h5::TypeClass::Other;
    QString label;
    QString error;
};

// What a worker learns around the plotted dataset: its label and its plottable siblings.
struct PlotView::Neighbourhood {
    QString label;
    std::vector<std::pair<QString, std::uint64_t>> siblings;
};

PlotView::PlotView(SliceLoader &loader, QWidget *parent) : DataView(loader, parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("plot"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    // Segments rather than one polyline: a dense signal sampled down to a few points per pixel column is a
    // polyline crossing itself thousands of times, which Qt strokes as one huge polygon (seconds per frame).
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->setFocusPolicy(Qt::StrongFocus);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    m_plot->legend->setVisible(false);
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) { updateReadout(event->pos()); });

    m_orientationChoice = new QComboBox;
    m_orientationChoice->setObjectName(QStringLiteral("orientation"));
    m_orientationChoice->addItem(tr("Row"), int(Orientation::Rows));
    m_orientationChoice->addItem(tr("Column"), int(Orientation::Columns));
    connect(m_orientationChoice, &QComboBox::activated, this,
            [this] { setOrientation(Orientation(m_orientationChoice->currentData().toInt())); });
    m_firstLine = new QSpinBox;
    m_firstLine->setObjectName(QStringLiteral("firstLine"));
    m_firstLine->setKeyboardTracking(false);
    m_firstLine->setToolTip(tr("The first row or column plotted"));
    m_lineCount = new QSpinBox;
    m_lineCount->setObjectName(QStringLiteral("lineCount"));
    m_lineCount->setRange(1, MaxLinesAtOnce);
    m_lineCount->setPrefix(tr("× "));
    m_lineCount->setToolTip(tr("Curves shown at once"));
    m_lineCount->setKeyboardTracking(false);
    const auto linesEdited = [this] { setLines(std::uint64_t(m_firstLine->value()), m_lineCount->value()); };
    connect(m_firstLine, &QSpinBox::valueChanged, this, linesEdited);
    connect(m_lineCount, &QSpinBox::valueChanged, this, linesEdited);
    m_lineControls = new QWidget;
    auto *lineLayout = new QHBoxLayout(m_lineControls);
    lineLayout->setContentsMargins(0, 0, 0, 0);
    lineLayout->addWidget(m_orientationChoice);
    lineLayout->addWidget(m_firstLine);
    lineLayout->addWidget(m_lineCount);

    m_xChoice = new QComboBox;
    m_xChoice->setObjectName(QStringLiteral("xChoice"));
    m_xChoice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_xChoice, &QComboBox::activated, this, [this] { setXPath(m_xChoice->currentData().toString()); });
    m_xPathEdit = new QLineEdit;
    m_xPathEdit->setObjectName(QStringLiteral("xPath"));
    m_xPathEdit->setPlaceholderText(tr("X from path…"));
    m_xPathEdit->setMinimumWidth(160);
    m_xPathEdit->setToolTip(tr("Any 1-D dataset of the file with one value per point, absolute or relative "
                               "to this dataset's group"));
    connect(m_xPathEdit, &QLineEdit::returnPressed, this, [this] { setXPath(m_xPathEdit->text().trimmed()); });

    m_addOverlayButton = new QToolButton;
    m_addOverlayButton->setObjectName(QStringLiteral("addOverlay"));
    m_addOverlayButton->setText(tr("Add…"));
    m_addOverlayButton->setToolTip(tr("Overlay another dataset of the same length"));
    connect(m_addOverlayButton, &QToolButton::clicked, this, &PlotView::showOverlayMenu);
    m_removeOverlayButton = new QToolButton;
    m_removeOverlayButton->setObjectName(QStringLiteral("removeOverlay"));
    m_removeOverlayButton->setText(tr("Remove"));
    m_removeOverlayButton->setEnabled(false);
    connect(m_removeOverlayButton, &QToolButton::clicked, this, &PlotView::showRemoveMenu);
    auto *fitButton = new QToolButton;
    fitButton->setText(tr("Fit"));
    fitButton->setToolTip(tr("Show every curve whole (Home or 0)"));
    connect(fitButton, &QToolButton::clicked, this, &PlotView::fit);

    m_readout = new QLabel;
    m_readout->setObjectName(QStringLiteral("readout"));
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_truncationNote = new QLabel;
    m_truncationNote->setObjectName(QStringLiteral("truncationNote"));
    m_truncationNote->setStyleSheet(QStringLiteral("QLabel { color: #b35900; }"));

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(4, 4, 4, 0);
    controls->addWidget(m_lineControls);
    controls->addWidget(new QLabel(tr("X:")));
    controls->addWidget(m_xChoice);
    controls->addWidget(m_xPathEdit);
    controls->addSpacing(12);
    controls->addWidget(m_addOverlayButton);
    controls->addWidget(m_removeOverlayButton);
    controls->addWidget(fitButton);
    controls->addStretch(1);
    auto *status = new QHBoxLayout;
    status->setContentsMargins(4, 0, 4, 4);
    status->addWidget(m_truncationNote);
    status->addStretch(1);
    status->addWidget(m_readout);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);
    layout->addLayout(status);

    connect(&loader, &SliceLoader::loaded, this, &PlotView::onLoaded);
    connect(&loader, &SliceLoader::failed, this, &PlotView::onFailed);
}

PlotView::~PlotView()
{
    cancelAll();
}

ViewFactory PlotView::factory()
{
    return {QStringLiteral("plot"), tr("Plot"),
            [](const DataSource &source) {
                if (!source.isNumeric())
                    return 0;
                const int rank = source.significantRank();
                if (rank != 1 && rank != 2)
                    return 0;
                // NeXus says these are spectra, one or a stack of them: curves, not an image.
                if (source.interpretation == QLatin1String("spectrum"))
                    return 45;
                return rank == 1 ? 30 : 15;
            },
            [](SliceLoader &loader, QWidget *parent) -> DataView * { return new PlotView(loader, parent); }};
}

void PlotView::setSource(const DataSource &source)
{
    cancelAll();
    m_source = source;
    ++m_generation;
    m_x.reset();
    m_overlays.clear();
    m_siblings.clear();
    m_truncationReported = false;
    m_truncationNote->clear();
    m_y = std::make_unique<Series>();
    m_y->objectPath = source.objectPath;
    m_y->dataset = source.dataset;
    m_y->shape = source.shape;
    m_y->label = nameOf(source.objectPath);
    m_orientationChoice->setCurrentIndex(0);
    {
        const QSignalBlocker firstLineQuiet(m_firstLine), lineCountQuiet(m_lineCount);
        m_firstLine->setValue(0);
        m_lineCount->setValue(1);
    }
    updateLineControls();
    fillXChoices();
    m_removeOverlayButton->setEnabled(false);
    rebuildGraphs();
    request(*m_y);

    runOffUiThread(
        this,
        [filePath = source.filePath, objectPath = source.objectPath] {
            Neighbourhood found;
            try {
                const h5::File file = h5::File::open(filePath.toStdString());
                found.label = labelOf(file.root().dataset(objectPath.toStdString()), objectPath);
                const h5::Group group = file.root().group(parentOf(objectPath).toStdString());
                int examined = 0;
                for (const h5::LinkInfo &link : group.links()) {
                    if (++examined > MaxSiblingsExamined)
                        break;
                    // An external link's target lies in another file, which the loader cannot read as X.
                    if (link.kind == h5::LinkKind::External || group.kindOf(link.name) != h5::ObjectKind::Dataset)
                        continue;
                    const h5::Dataset dataset = group.dataset(link.name);
                    const h5::Shape shape = dataset.shape();
                    const int axis = curveAxisOf(shape);
                    if (axis >= 0 && plottable(dataset.dataType().typeClass())) {
                        const QString path = QString::fromStdString(dataset.path());
                        found.siblings.emplace_back(path, shape[std::size_t(axis)]);
                    }
                }
            } catch (const std::exception &) {
                // The lists stay empty and the label the dataset's name: the plot itself does not need them,
                // and the path field still reaches every dataset.
            }
            return found;
        },
        [this, generation = m_generation](Neighbourhood found) {
            if (generation != m_generation)
                return;
            if (!found.label.isEmpty())
                m_y->label = found.label;
            m_siblings = std::move(found.siblings);
            fillXChoices();
            applyLabel();
        });
}

std::optional<ShownSlice> PlotView::shownSlice() const
{
    if (!m_y || !m_y->values)
        return std::nullopt;
    return ShownSlice{m_y->values->offset, m_y->values->count};
}

void PlotView::paintFigure(QPainter &painter, const QSize &size) const
{
    // Recorded as a picture so that an SVG export keeps the curves as vectors.
    QPicture picture;
    QCPPainter plotPainter(&picture);
    m_plot->toPainter(&plotPainter, size.width(), size.height());
    plotPainter.end();
    painter.drawPicture(0, 0, picture);
}

QSize PlotView::figureSize() const
{
    return m_plot->size();
}

void PlotView::setOrientation(Orientation orientation)
{
    if (orientation == this->orientation() || !m_y)
        return;
    m_orientationChoice->setCurrentIndex(m_orientationChoice->findData(int(orientation)));
    // X and overlays were chosen for the other length: those that no longer fit go.
    const std::uint64_t length = curveLength();
    const auto fits = [length](const Series &series) {
        return series.shape[std::size_t(curveAxisOf(series.shape))] == length;
    };
    if (m_x && !fits(*m_x)) {
        loader().cancel(m_x.get());
        m_x.reset();
    }
    std::erase_if(m_overlays, [&](const auto &overlay) {
        if (fits(*overlay))
            return false;
        loader().cancel(overlay.get());
        return true;
    });
    m_removeOverlayButton->setEnabled(!m_overlays.empty());
    m_truncationReported = false;
    m_truncationNote->clear();
    // The values loaded run along the other dimension: they must not be drawn as this orientation's.
    m_y->values.reset();
    updateLineControls();
    fillXChoices();
    rebuildGraphs();
    requestAll();
}

PlotView::Orientation PlotView::orientation() const
{
    return Orientation(m_orientationChoice->currentData().toInt());
}

void PlotView::setLines(std::uint64_t first, int count)
{
    if (!m_y || lineAxis() < 0)
        return;
    const std::uint64_t lines = m_y->shape[std::size_t(lineAxis())];
    first = std::min<std::uint64_t>(first, lines - 1);
    count = int(std::clamp<std::uint64_t>(std::uint64_t(std::max(count, 1)), 1, lines - first));
    {
        const QSignalBlocker firstLineQuiet(m_firstLine), lineCountQuiet(m_lineCount);
        m_firstLine->setValue(int(std::min<std::uint64_t>(first, std::numeric_limits<int>::max())));
        m_lineCount->setValue(count);
    }
    // The number of curves shares out the memory budget, and so sets the points read for X and overlays too.
    requestAll();
}

void PlotView::setXPath(const QString &objectPath)
{
    if (objectPath.isEmpty()) {
        if (m_x)
            loader().cancel(m_x.get());
        m_x.reset();
        fillXChoices();
        rebuildGraphs();
        return;
    }
    openSeries(objectPath, true);
}

QString PlotView::xPath() const
{
    return m_x ? m_x->objectPath : QString();
}

void PlotView::addOverlay(const QString &objectPath)
{
    openSeries(objectPath, false);
}

void PlotView::removeOverlay(const QString &objectPath)
{
    const auto it = std::find_if(m_overlays.begin(), m_overlays.end(),
                                 [&](const auto &overlay) { return overlay->objectPath == objectPath; });
    if (it == m_overlays.end())
        return;
    loader().cancel(it->get());
    m_overlays.erase(it);
    m_removeOverlayButton->setEnabled(!m_overlays.empty());
    rebuildGraphs();
}

QStringList PlotView::overlays() const
{
    QStringList paths;
    for (const auto &overlay : m_overlays)
        paths << overlay->objectPath;
    return paths;
}

void PlotView::fit()
{
    m_plot->rescaleAxes();
    // Extremes drawn on the axis rect's edge would be hidden by the frame.
    const QCPRange values = m_plot->yAxis->range();
    m_plot->yAxis->setRange(values.lower - 0.04 * values.size(), values.upper + 0.04 * values.size());
    m_plot->replot();
}

bool PlotView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_plot || event->type() != QEvent::KeyPress)
        return DataView::eventFilter(watched, event);
    switch (static_cast<QKeyEvent *>(event)->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoom(0.8); return true;
    case Qt::Key_Minus: zoom(1.25); return true;
    case Qt::Key_Left: pan(-0.1, 0); return true;
    case Qt::Key_Right: pan(0.1, 0); return true;
    case Qt::Key_Up: pan(0, 0.1); return true;
    case Qt::Key_Down: pan(0, -0.1); return true;
    case Qt::Key_Home:
    case Qt::Key_0: fit(); return true;
    default: return DataView::eventFilter(watched, event);
    }
}

void PlotView::request(Series &series)
{
    const bool isY = &series == m_y.get();
    const int axis = isY ? curveAxis() : curveAxisOf(series.shape);
    if (axis < 0)
        return;
    h5::Shape offset(series.shape.size(), 0);
    h5::Shape count(series.shape.size(), 1);
    count[std::size_t(axis)] = shownLength();
    if (isY && lineAxis() >= 0) {
        offset[std::size_t(lineAxis())] = std::uint64_t(m_firstLine->value());
        count[std::size_t(lineAxis())] = std::uint64_t(lineCount());
    }
    if (isY && shownLength() < curveLength() && !m_truncationReported) {
        m_truncationReported = true;
        const QString note = tr("showing the first %1 of %2 values (memory budget %3)")
                                 .arg(QLocale().toString(qulonglong(shownLength())),
                                      QLocale().toString(qulonglong(curveLength())),
                                      QLocale().formattedDataSize(qint64(loader().memoryBudget())));
        m_truncationNote->setText(QStringLiteral("⚠ ") + note);
        Q_EMIT problem(QStringLiteral("%1: %2").arg(m_source.objectPath, note));
    }
    series.ticket = loader().request(&series, {series.dataset, offset, count, SliceFormat::Float64});
}

void PlotView::requestAll()
{
    request(*m_y);
    if (m_x)
        request(*m_x);
    for (const auto &overlay : m_overlays)
        request(*overlay);
}

PlotView::Series *PlotView::seriesAwaiting(quint64 ticket) const
{
    if (m_y && m_y->ticket == ticket)
        return m_y.get();
    if (m_x && m_x->ticket == ticket)
        return m_x.get();
    for (const auto &overlay : m_overlays)
        if (overlay->ticket == ticket)
            return overlay.get();
    return nullptr;
}

void PlotView::onLoaded(quint64 ticket, const std::shared_ptr<const Slice> &slice)
{
    if (Series *series = seriesAwaiting(ticket)) {
        series->ticket = 0;
        series->values = slice;
        rebuildGraphs();
    }
}

void PlotView::onFailed(quint64 ticket, const QString &message)
{
    if (Series *series = seriesAwaiting(ticket)) {
        series->ticket = 0;
        Q_EMIT problem(message);
    }
}

void PlotView::openSeries(const QString &objectPath, bool asX)
{
    if (!m_y)
        return;
    // A relative path is taken from the plotted dataset's group, where the user is looking.
    const QString group = parentOf(m_source.objectPath);
    const QString absolute = objectPath.startsWith(QLatin1Char('/')) ? objectPath
                             : group.endsWith(QLatin1Char('/')) ? group + objectPath
                                                                : group + QLatin1Char('/') + objectPath;
    runOffUiThread(
        this,
        [filePath = m_source.filePath, absolute] {
            OpenedDataset opened;
            opened.objectPath = absolute;
            try {
                const h5::File file = h5::File::open(filePath.toStdString());
                if (file.root().kindOf(absolute.toStdString()) != h5::ObjectKind::Dataset)
                    throw std::runtime_error("there is no dataset at this path");
                auto dataset = std::make_shared<const h5::Dataset>(file.root().dataset(absolute.toStdString()));
                opened.shape = dataset->shape();
                opened.typeClass = dataset->dataType().typeClass();
                opened.label = labelOf(*dataset, absolute);
                opened.dataset = std::move(dataset);
            } catch (const std::exception &error) {
                opened.error = QString::fromUtf8(error.what());
            }
            return opened;
        },
        [this, asX, generation = m_generation](OpenedDataset opened) {
            if (generation == m_generation)
                adoptSeries(std::move(opened), asX);
        });
}

void PlotView::adoptSeries(OpenedDataset opened, bool asX)
{
    const QString role = asX ? tr("X") : tr("overlay");
    if (!opened.error.isEmpty()) {
        Q_EMIT problem(tr("%1 %2: %3").arg(role, opened.objectPath, opened.error));
        return;
    }
    const int axis = curveAxisOf(opened.shape);
    if (axis < 0 || !plottable(opened.typeClass)) {
        Q_EMIT problem(tr("%1 %2: not a 1-D numeric dataset").arg(role, opened.objectPath));
        return;
    }
    if (opened.shape[std::size_t(axis)] != curveLength()) {
        Q_EMIT problem(tr("%1 %2: %3 values, but the curve has %4")
                           .arg(role, opened.objectPath, QLocale().toString(qulonglong(opened.shape[std::size_t(axis)])),
                                QLocale().toString(qulonglong(curveLength()))));
        return;
    }
    auto series = std::make_unique<Series>();
    series->objectPath = opened.objectPath;
    series->dataset = std::move(opened.dataset);
    series->shape = std::move(opened.shape);
    series->label = opened.label;
    if (asX) {
        if (m_x)
            loader().cancel(m_x.get());
        m_x = std::move(series);
        request(*m_x);
        fillXChoices();
    } else {
        m_overlays.push_back(std::move(series));
        request(*m_overlays.back());
        m_removeOverlayButton->setEnabled(true);
    }
}

void PlotView::cancelAll()
{
    if (m_y)
        loader().cancel(m_y.get());
    if (m_x)
        loader().cancel(m_x.get());
    for (const auto &overlay : m_overlays)
        loader().cancel(overlay.get());
}

void PlotView::rebuildGraphs()
{
    const quint64 rebuild = ++m_rebuild;
    // The old curves go now, so that old and new never hold memory together; the plot keeps showing its
    // last picture until the new ones are drawn.
    m_plot->clearGraphs();
    if (!m_y || !m_y->values) {
        m_plot->replot();
        return;
    }
    const Slice &y = *m_y->values;
    const std::size_t points = std::size_t(y.count[std::size_t(curveAxis())]);
    // Element (line, point) of the slice, which is in C order over the dataset's dimensions.
    const auto strideOf = [&y](int axis) {
        return std::size_t(h5::elementCount(h5::Shape(y.count.begin() + axis + 1, y.count.end())));
    };
    std::vector<CurveSpec> specs;
    const int lines = lineAxis() >= 0 ? int(y.count[std::size_t(lineAxis())]) : 1;
    const std::uint64_t firstLine = lineAxis() >= 0 ? y.offset[std::size_t(lineAxis())] : 0;
    for (int line = 0; line < lines; ++line) {
        const QString name = lineAxis() < 0 ? m_y->label
                             : orientation() == Orientation::Rows
                                 ? tr("row %1").arg(firstLine + std::uint64_t(line))
                                 : tr("column %1").arg(firstLine + std::uint64_t(line));
        specs.push_back({name, m_y->values, lineAxis() < 0 ? 0 : std::size_t(line) * strideOf(lineAxis()),
                         strideOf(curveAxis()), points});
    }
    for (const auto &overlay : m_overlays)
        if (overlay->values)
            specs.push_back({overlay->label, overlay->values, 0, 1, std::min(points, overlay->values->doubles.size())});
    // The X values are used once they cover the points loaded; until then the index stands in.
    const bool haveX = m_x && m_x->values && m_x->values->doubles.size() >= points;
    const QString xLabel = haveX ? m_x->label : tr("index");

    const auto show = [this, rebuild, xLabel](BuiltCurves built) {
        if (rebuild != m_rebuild)
            return;
        int colour = 0;
        for (BuiltCurve &curve : built.curves) {
            QCPGraph *graph = m_plot->addGraph();
            graph->setName(curve.name);
            // Draws a million points as a few per pixel column (their extremes), so long signals stay fluid.
            graph->setAdaptiveSampling(true);
            graph->setPen(QPen(CurveColours[colour++ % std::size(CurveColours)], 1.5));
            if (!built.monotonic) {
                graph->setLineStyle(QCPGraph::lsNone);
                graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
            }
            graph->setData(std::move(curve.data));
        }
        m_plot->legend->setVisible(m_plot->graphCount() > 1);
        m_plot->xAxis->setLabel(built.monotonic ? xLabel : xLabel + tr(" — not monotonic: points"));
        applyLabel();
        fit();
        Q_EMIT shownChanged();
    };
    const auto x = haveX ? m_x->values : nullptr;
    if (points * specs.size() <= PointsBuiltAtOnce)
        show(buildCurves(specs, x, points));
    else
        runOffUiThread(this, [specs = std::move(specs), x, points] { return buildCurves(specs, x, points); }, show);
}

void PlotView::applyLabel()
{
    // The label is read on a worker and may arrive after the curves: it is set without rebuilding them.
    m_plot->yAxis->setLabel(m_y->label);
    if (lineAxis() < 0 && m_plot->graphCount() > 0)
        m_plot->graph(0)->setName(m_y->label);
    m_plot->replot();
}

void PlotView::updateReadout(const QPoint &position)
{
    // The point nearest the cursor in pixels, among each curve's neighbours of the cursor's X.
    const double key = m_plot->xAxis->pixelToCoord(position.x());
    double bestDistance = std::numeric_limits<double>::infinity();
    QString text;
    for (int index = 0; index < m_plot->graphCount(); ++index) {
        QCPGraph *graph = m_plot->graph(index);
        const auto data = graph->data();
        if (data->isEmpty())
            continue;
        const auto above = data->findBegin(key, false);
        for (auto candidate : {above, above == data->constBegin() ? above : above - 1}) {
            if (candidate == data->constEnd())
                continue;
            const double dx = m_plot->xAxis->coordToPixel(candidate->key) - position.x();
            const double dy = m_plot->yAxis->coordToPixel(candidate->value) - position.y();
            const double distance = std::hypot(dx, dy);
            if (distance < bestDistance) {
                bestDistance = distance;
                text = tr("x = %1, y = %2 · %3")
                           .arg(QString::number(candidate->key, 'g', 10), QString::number(candidate->value, 'g', 10),
                                graph->name());
            }
        }
    }
    m_readout->setText(text);
}

void PlotView::updateLineControls()
{
    const bool twoDimensional = lineAxis() >= 0;
    m_lineControls->setVisible(twoDimensional);
    if (!twoDimensional)
        return;
    const std::uint64_t lines = m_y->shape[std::size_t(lineAxis())];
    const QSignalBlocker firstLineQuiet(m_firstLine), lineCountQuiet(m_lineCount);
    m_firstLine->setRange(0, int(std::min<std::uint64_t>(lines - 1, std::numeric_limits<int>::max())));
    m_lineCount->setMaximum(int(std::min<std::uint64_t>(lines, MaxLinesAtOnce)));
}

void PlotView::fillXChoices()
{
    m_xChoice->clear();
    m_xChoice->addItem(tr("index"), QString());
    if (!m_y)
        return;
    const int axis = curveAxis();
    if (axis >= 0 && axis < m_source.axes.size()) {
        const QString nexusAxis = m_source.axes[axis];
        if (!nexusAxis.isEmpty() && nexusAxis != QLatin1String("."))
            m_xChoice->addItem(tr("%1 (NeXus axis)").arg(nameOf(nexusAxis)), nexusAxis);
    }
    for (const QString &path : fittingSiblings())
        if (m_xChoice->findData(path) < 0)
            m_xChoice->addItem(nameOf(path), path);
    if (m_x && m_xChoice->findData(m_x->objectPath) < 0)
        m_xChoice->addItem(m_x->objectPath, m_x->objectPath);
    m_xChoice->setCurrentIndex(m_xChoice->findData(xPath()));
}

QStringList PlotView::fittingSiblings() const
{
    QStringList paths;
    for (const auto &[path, length] : m_siblings)
        if (length == curveLength() && path != m_source.objectPath)
            paths << path;
    return paths;
}

void PlotView::showOverlayMenu()
{
    QMenu menu;
    const QStringList shown = overlays();
    for (const QString &path : fittingSiblings())
        if (!shown.contains(path))
            menu.addAction(nameOf(path), this, [this, path] { addOverlay(path); });
    if (!menu.isEmpty())
        menu.addSeparator();
    menu.addAction(tr("Other dataset…"), this, [this] {
        bool accepted = false;
        const QString path = QInputDialog::getText(this, tr("Overlay"),
                                                   tr("Path of a 1-D dataset with %1 values:")
                                                       .arg(QLocale().toString(qulonglong(curveLength()))),
                                                   QLineEdit::Normal, QString(), &accepted);
        if (accepted && !path.trimmed().isEmpty())
            addOverlay(path.trimmed());
    });
    menu.exec(m_addOverlayButton->mapToGlobal(QPoint(0, m_addOverlayButton->height())));
}

void PlotView::showRemoveMenu()
{
    QMenu menu;
    for (const QString &path : overlays())
        menu.addAction(path, this, [this, path] { removeOverlay(path); });
    menu.exec(m_removeOverlayButton->mapToGlobal(QPoint(0, m_removeOverlayButton->height())));
}

void PlotView::zoom(double factor)
{
    m_plot->xAxis->scaleRange(factor);
    m_plot->yAxis->scaleRange(factor);
    m_plot->replot();
}

void PlotView::pan(double keyFraction, double valueFraction)
{
    m_plot->xAxis->moveRange(keyFraction * m_plot->xAxis->range().size());
    m_plot->yAxis->moveRange(valueFraction * m_plot->yAxis->range().size());
    m_plot->replot();
}

int PlotView::curveAxis() const
{
    const auto axes = significantAxes(m_y->shape);
    if (axes.size() == 2)
        return orientation() == Orientation::Rows ? axes[1] : axes[0];
    return axes.size() == 1 ? axes.front() : -1;
}

int PlotView::lineAxis() const
{
    const auto axes = significantAxes(m_y->shape);
    if (axes.size() != 2)
        return -1;
    return orientation() == Orientation::Rows ? axes[0] : axes[1];
}

std::uint64_t PlotView::curveLength() const
{
    const int axis = curveAxis();
    return axis < 0 ? 0 : m_y->shape[std::size_t(axis)];
}

std::uint64_t PlotView::shownLength() const
{
    // The loader refuses a slice over the budget; the first part that fits is shown instead. Each point
    // costs its double in the slice and its key and value in the graph.
    const std::uint64_t affordable = std::max<std::uint64_t>(
        1, loader().memoryBudget() / (sizeof(double) + sizeof(QCPGraphData)) / std::uint64_t(lineCount()));
    return std::min(curveLength(), affordable);
}

int PlotView::lineCount() const
{
    return lineAxis() >= 0 ? m_lineCount->value() : 1;
}

} // namespace ui
