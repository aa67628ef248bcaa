#include "ui/genomics/trackspanel.h"

#include "ui/genomics/tracklane.h"
#include "ui/genomics/trackruler.h"
#include "ui/shell/messagebanner.h"

#include "core/formats/tablecells.h"
#include "core/genomics/genomicstore.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QPromise>
#include <QtCore/QSignalBlocker>
#include <QtGui/QKeyEvent>
#include <QtGui/QMouseEvent>
#include <QtGui/QPainter>
#include <QtGui/QWheelEvent>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QMenu>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QWidgetAction>

#include <algorithm>
#include <cmath>
#include <set>

namespace ui {

namespace {

// One wheel notch zooms in (or out) by this factor; the buttons, double click and keys by ButtonZoom.
constexpr double WheelZoom = 0.8;
constexpr double ButtonZoom = 0.5;
// The arrow keys pan by this fraction of the view.
constexpr double KeyPan = 0.1;

QString cell(const h5::Table &table, const char *column, std::size_t row)
{
    const h5::Column *found = table.find(column);
    return found && row < found->size() ? QString::fromStdString(formats::cellText(*found, row)) : QString();
}

} // namespace

TracksPanel::TracksPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("tracksPanel"));
    setFocusPolicy(Qt::StrongFocus);
    m_banner = new MessageBanner(this);

    m_region = new QLineEdit(this);
    m_region->setObjectName(QStringLiteral("regionBox"));
    m_region->setPlaceholderText(tr("chr1:1,000,001-2,000,000, chr1 or genome"));
    m_region->setToolTip(tr("The region shown; type one and press Enter"));
    m_chromosomes = new QComboBox(this);
    m_chromosomes->setObjectName(QStringLiteral("chromosomeBox"));
    m_chromosomes->setToolTip(tr("Show a whole chromosome, or the whole genome"));
    m_chromosomes->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_zoomOut = new QToolButton(this);
    m_zoomOut->setObjectName(QStringLiteral("zoomOut"));
    m_zoomOut->setText(QStringLiteral("−"));
    m_zoomOut->setToolTip(tr("Zoom out (−)"));
    m_zoomIn = new QToolButton(this);
    m_zoomIn->setObjectName(QStringLiteral("zoomIn"));
    m_zoomIn->setText(QStringLiteral("+"));
    m_zoomIn->setToolTip(tr("Zoom in (+)"));
    m_trackButton = new QPushButton(tr("Tracks"), this);
    m_trackButton->setObjectName(QStringLiteral("tracksButton"));
    m_trackButton->setToolTip(tr("Choose the tracks shown"));
    auto *trackMenu = new QMenu(m_trackButton);
    m_trackChooser = new QListWidget(trackMenu);
    m_trackChooser->setObjectName(QStringLiteral("trackChooser"));
    m_trackChooser->setMinimumSize(360, 240);
    auto *chooserAction = new QWidgetAction(trackMenu);
    chooserAction->setDefaultWidget(m_trackChooser);
    trackMenu->addAction(chooserAction);
    m_trackButton->setMenu(trackMenu);

    m_ruler = new TrackRuler(this);
    m_ruler->installEventFilter(this);
    m_laneHost = new QWidget;
    m_laneLayout = new QVBoxLayout(m_laneHost);
    m_laneLayout->setContentsMargins(0, 0, 0, 0);
    m_laneLayout->setSpacing(0);
    m_noLanes = new QLabel(m_laneHost);
    m_noLanes->setObjectName(QStringLiteral("noLanes"));
    m_noLanes->setAlignment(Qt::AlignCenter);
    m_noLanes->setForegroundRole(QPalette::PlaceholderText);
    m_noLanes->setMinimumHeight(4 * m_noLanes->fontMetrics().height());
    m_laneLayout->addWidget(m_noLanes);
    // Lanes share the height (up to their maximum each); what they leave stays below them. Beyond their
    // minimum heights the area scrolls.
    m_laneLayout->addStretch(0);
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("laneArea"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setWidget(m_laneHost);
    m_scroll->viewport()->installEventFilter(this);

    auto *toolbar = new QHBoxLayout;
    toolbar->setContentsMargins(8, 6, 8, 6);
    toolbar->addWidget(m_region, 1);
    toolbar->addWidget(m_chromosomes);
    toolbar->addWidget(m_zoomOut);
    toolbar->addWidget(m_zoomIn);
    toolbar->addWidget(m_trackButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addLayout(toolbar);
    layout->addWidget(m_ruler);
    layout->addWidget(m_scroll, 1);

    connect(m_region, &QLineEdit::returnPressed, this, [this] { showRegion(m_region->text()); });
    connect(m_chromosomes, &QComboBox::activated, this, [this](int index) {
        if (!m_axis)
            return;
        setRange(index <= 0 ? genomics::GenomeRange{0, m_axis->length()}
                            : m_axis->wholeChromosome(std::size_t(index - 1)));
    });
    const auto centre = [this] { return (m_range.start + m_range.end) / 2.0; };
    connect(m_zoomIn, &QToolButton::clicked, this, [this, centre] { zoom(ButtonZoom, centre()); });
    connect(m_zoomOut, &QToolButton::clicked, this, [this, centre] { zoom(1 / ButtonZoom, centre()); });
    connect(m_trackChooser, &QListWidget::itemChanged, this, &TracksPanel::applyTrackChoice);
    connect(&m_loading, &QFutureWatcher<LoadedTrack>::resultReadyAt, this, &TracksPanel::collectLoaded);
    connect(&m_loading, &QFutureWatcher<LoadedTrack>::finished, this, [this] {
        loadMissing();
        // Idle, every result collected (resultReadyAt comes before finished): the finished job's future would
        // keep the pyramids of tracks hidden since. An empty future holds none, and its own finished() brings
        // nothing to collect.
        if (!m_busy && m_loading.future().resultCount() > 0)
            m_loading.setFuture(QFuture<LoadedTrack>());
    });
    setStore(nullptr);
}

TracksPanel::~TracksPanel()
{
    m_loading.cancel();
    m_loading.waitForFinished();
}

void TracksPanel::setStore(std::shared_ptr<const genomics::GenomicStore> store)
{
    m_loading.cancel();
    ++m_generation;
    for (const auto &[accession, lane] : m_lanes)
        delete lane;
    m_lanes.clear();
    m_shown.clear();
    m_pyramids.clear();
    m_failed.clear();
    m_highlight.reset();

    m_store = std::move(store);
    // The bins live as long as the store: lanes share them without a copy.
    m_bins = m_store ? std::shared_ptr<const genomics::GenomeBins>(m_store, &m_store->bins()) : nullptr;
    m_axis = m_bins ? std::make_unique<genomics::GenomeAxis>(*m_bins) : nullptr;
    m_ruler->setAxis(m_bins.get(), m_axis.get());
    {
        const QSignalBlocker blocker(m_chromosomes);
        m_chromosomes->clear();
        m_chromosomes->addItem(tr("Genome"));
        if (m_bins)
            for (const genomics::Chromosome &chromosome : m_bins->chromosomes)
                m_chromosomes->addItem(QString::fromStdString(chromosome.name));
    }
    for (QWidget *control : std::initializer_list<QWidget *>{m_region, m_chromosomes, m_zoomIn, m_zoomOut})
        control->setEnabled(m_store != nullptr);
    m_trackButton->setEnabled(m_store && !m_store->trackAccessions().empty());
    fillTrackChooser();

    m_range = {};
    setRange({0, m_axis ? m_axis->length() : 0});
    std::vector<std::string> first;
    if (m_store) {
        const auto &accessions = m_store->trackAccessions();
        first.assign(accessions.begin(), accessions.begin() + std::min<std::ptrdiff_t>(DefaultShownTracks,
                                                                                       std::ptrdiff_t(accessions.size())));
    }
    showTracks(first);
}

void TracksPanel::fillTrackChooser()
{
    const QSignalBlocker blocker(m_trackChooser);
    m_trackChooser->clear();
    if (!m_store)
        return;
    const h5::Table &tracks = m_store->tracks();
    const auto &accessions = m_store->trackAccessions();
    for (std::size_t row = 0; row < accessions.size(); ++row) {
        const QString accession = QString::fromStdString(accessions[row]);
        QStringList details;
        for (const char *column : {"assay", "biosample"})
            if (const QString text = cell(tracks, column, row); !text.isEmpty())
                details << text;
        auto *item = new QListWidgetItem(details.isEmpty() ? accession
                                                           : accession + QStringLiteral(" — ") + details.join(QStringLiteral(", ")),
                                         m_trackChooser);
        item->setData(Qt::UserRole, accession);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
}

void TracksPanel::applyTrackChoice()
{
    std::vector<std::string> chosen;
    for (int row = 0; row < m_trackChooser->count(); ++row)
        if (m_trackChooser->item(row)->checkState() == Qt::Checked)
            chosen.push_back(m_trackChooser->item(row)->data(Qt::UserRole).toString().toStdString());
    showTracks(chosen);
}

void TracksPanel::showTracks(const std::vector<std::string> &accessions)
{
    if (!m_store) {
        layoutLanes();
        return;
    }
    const std::set<std::string> wanted(accessions.begin(), accessions.end());
    const h5::Table &tracks = m_store->tracks();
    const auto &all = m_store->trackAccessions();
    m_shown.clear();
    {
        const QSignalBlocker blocker(m_trackChooser);
        for (std::size_t row = 0; row < all.size(); ++row) {
            const bool show = wanted.contains(all[row]);
            if (QListWidgetItem *item = m_trackChooser->item(int(row)))
                item->setCheckState(show ? Qt::Checked : Qt::Unchecked);
            if (!show) {
                // Hidden tracks give their pyramids back, lanes too; showing them again reads them again.
                m_pyramids.erase(all[row]);
                if (const auto made = m_lanes.find(all[row]); made != m_lanes.end())
                    made->second->setData(m_bins, nullptr);
                continue;
            }
            TrackLane *&lane = m_lanes[all[row]];
            if (!lane) {
                lane = new TrackLane(m_laneHost);
                lane->setObjectName(QStringLiteral("trackLane"));
                lane->setLabel(QString::fromStdString(all[row]), cell(tracks, "assay", row),
                               cell(tracks, "biosample", row));
                lane->setCursor(Qt::OpenHandCursor);
                lane->installEventFilter(this);
            }
            const auto pyramid = m_pyramids.find(all[row]);
            lane->setData(m_bins, pyramid != m_pyramids.end() ? pyramid->second : nullptr);
            if (const auto failed = m_failed.find(all[row]); failed != m_failed.end())
                lane->setMessage(failed->second);
            lane->setRange(m_range);
            lane->setHighlight(m_highlight);
            m_shown.push_back(lane);
        }
    }
    layoutLanes();
    loadMissing();
}

void TracksPanel::layoutLanes()
{
    for (const auto &[accession, lane] : m_lanes) {
        m_laneLayout->removeWidget(lane);
        lane->hide();
    }
    for (std::size_t i = 0; i < m_shown.size(); ++i) {
        m_laneLayout->insertWidget(int(i), m_shown[i], 1);
        m_shown[i]->show();
    }
    m_noLanes->setText(!m_store                             ? tr("Open a genomic store to see its tracks")
                       : m_store->trackAccessions().empty() ? tr("This store has no tracks")
                                                            : tr("No track is shown: choose some with Tracks"));
    m_noLanes->setVisible(m_shown.empty());
}

TrackLane *TracksPanel::lane(int index) const
{
    return index >= 0 && index < laneCount() ? m_shown[std::size_t(index)] : nullptr;
}

bool TracksPanel::isBusy() const
{
    return m_busy;
}

void TracksPanel::loadMissing()
{
    // One job at a time: the next starts when the running one (perhaps for an older store) has ended.
    if (m_loading.isRunning())
        return;
    std::vector<std::string> missing;
    for (TrackLane *lane : m_shown) {
        const std::string accession = lane->accession().toStdString();
        if (!m_pyramids.contains(accession) && !m_failed.contains(accession))
            missing.push_back(accession);
    }
    if (missing.empty() || !m_store) {
        if (m_busy) {
            m_busy = false;
            Q_EMIT settled();
        }
        return;
    }
    m_busy = true;
    m_loading.setFuture(QtConcurrent::run(
        [store = m_store, generation = m_generation, missing](QPromise<LoadedTrack> &promise) {
            for (const std::string &accession : missing) {
                if (promise.isCanceled())
                    return;
                LoadedTrack track{generation, accession, nullptr, {}};
                try {
                    track.pyramid = std::make_shared<const std::vector<genomics::SummaryLevel>>(
                        store->trackSummary(accession));
                } catch (const std::exception &failure) {
                    track.error = QString::fromUtf8(failure.what());
                }
                promise.addResult(std::move(track));
            }
        }));
}

void TracksPanel::collectLoaded(int index)
{
    const LoadedTrack track = m_loading.resultAt(index);
    if (track.generation != m_generation)
        return;
    const auto lane = m_lanes.find(track.accession);
    if (lane == m_lanes.end() || std::find(m_shown.begin(), m_shown.end(), lane->second) == m_shown.end())
        return;
    if (!track.error.isEmpty()) {
        m_failed[track.accession] = track.error;
        lane->second->setMessage(tr("Could not be read"));
        m_banner->showMessage(track.error);
        return;
    }
    m_pyramids[track.accession] = track.pyramid;
    lane->second->setData(m_bins, track.pyramid);
}

bool TracksPanel::showRegion(const QString &text)
{
    if (!m_axis) {
        m_banner->showMessage(tr("No genomic store is open: there is no region to show."));
        return false;
    }
    try {
        setRange(m_axis->parse(text.toStdString()));
        return true;
    } catch (const std::exception &failure) {
        m_banner->showMessage(QString::fromUtf8(failure.what()));
        return false;
    }
}

void TracksPanel::showBin(std::size_t bin)
{
    if (!m_axis || bin >= m_bins->size()) {
        m_banner->showMessage(tr("There is no bin %1 in this genome.").arg(bin));
        return;
    }
    const genomics::GenomeRange binRange = m_axis->binRange(bin);
    const std::int64_t span = (binRange.end - binRange.start) * BinContext;
    const std::int64_t start = (binRange.start + binRange.end) / 2 - span / 2;
    m_highlight = binRange;
    for (const auto &[accession, lane] : m_lanes)
        lane->setHighlight(m_highlight);
    setRange({start, start + span});
}

void TracksPanel::setRange(genomics::GenomeRange range)
{
    const std::int64_t length = m_axis ? m_axis->length() : 0;
    const std::int64_t span = std::clamp(range.end - range.start, std::min(MinimumSpan, length), length);
    range.start = std::clamp<std::int64_t>(range.start, 0, length - span);
    range.end = range.start + span;
    {
        const QSignalBlocker blocker(m_chromosomes);
        int index = 0;
        if (m_axis && span > 0 && span < length) {
            const std::size_t chromosome = m_axis->chromosomeAt(range.start);
            if (m_axis->chromosomeAt(range.end - 1) == chromosome)
                index = int(chromosome) + 1;
        }
        m_chromosomes->setCurrentIndex(index);
    }
    m_region->setText(m_axis ? QString::fromStdString(m_axis->format(range)) : QString());
    if (range == m_range)
        return;
    m_range = range;
    for (TrackLane *lane : m_shown)
        lane->setRange(range);
    m_ruler->setRange(range);
    Q_EMIT rangeChanged(range);
}

void TracksPanel::zoom(double factor, double anchor)
{
    const double span = double(m_range.end - m_range.start);
    if (span <= 0)
        return;
    const double fraction = (anchor - double(m_range.start)) / span;
    const auto newSpan = std::max<std::int64_t>(std::llround(span * factor), MinimumSpan);
    const auto start = std::llround(anchor - fraction * double(newSpan));
    setRange({start, start + newSpan});
}

void TracksPanel::pan(double bases)
{
    const auto shift = std::llround(bases);
    setRange({m_range.start + shift, m_range.end + shift});
}

QRect TracksPanel::plotOf(const QWidget *widget) const
{
    return widget == m_ruler ? m_ruler->plotRect() : static_cast<const TrackLane *>(widget)->plotRect();
}

double TracksPanel::positionAt(const QWidget *widget, double x) const
{
    const QRect plot = plotOf(widget);
    return double(m_range.start) + (x - plot.left()) * double(m_range.end - m_range.start) / plot.width();
}

void TracksPanel::alignRuler()
{
    const QWidget *viewport = m_scroll->viewport();
    const int left = viewport->mapTo(this, QPoint(0, 0)).x() - m_ruler->mapTo(this, QPoint(0, 0)).x();
    m_ruler->setSpan(left + TrackLane::LabelWidth, left + viewport->width() - TrackLane::RightMargin);
}

bool TracksPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_scroll->viewport()) {
        if (event->type() == QEvent::Resize)
            alignRuler();
        return QWidget::eventFilter(watched, event);
    }
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget || !m_axis || (widget != m_ruler && !qobject_cast<TrackLane *>(widget)))
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() != Qt::LeftButton)
            break;
        setFocus(Qt::MouseFocusReason);
        m_dragX = mouse->position().x();
        m_dragRange = m_range;
        widget->setCursor(Qt::ClosedHandCursor);
        return true;
    }
    case QEvent::MouseMove: {
        if (!m_dragX)
            break;
        const double moved = static_cast<QMouseEvent *>(event)->position().x() - *m_dragX;
        const auto shift = std::llround(-moved * double(m_dragRange.end - m_dragRange.start) / plotOf(widget).width());
        setRange({m_dragRange.start + shift, m_dragRange.end + shift});
        return true;
    }
    case QEvent::MouseButtonRelease:
        if (!m_dragX)
            break;
        m_dragX.reset();
        widget->setCursor(widget == m_ruler ? Qt::ArrowCursor : Qt::OpenHandCursor);
        return true;
    case QEvent::MouseButtonDblClick: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        if (mouse->button() == Qt::LeftButton)
            zoom(ButtonZoom, positionAt(widget, mouse->position().x()));
        return true;
    }
    case QEvent::Wheel: {
        const auto *wheel = static_cast<QWheelEvent *>(event);
        const double notches = wheel->angleDelta().y() / 120.0;
        if (notches != 0)
            zoom(std::pow(WheelZoom, notches), positionAt(widget, wheel->position().x()));
        return true;
    }
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void TracksPanel::keyPressEvent(QKeyEvent *event)
{
    const double span = double(m_range.end - m_range.start);
    const double centre = (m_range.start + m_range.end) / 2.0;
    switch (event->key()) {
    case Qt::Key_Left:
        pan(-KeyPan * span);
        break;
    case Qt::Key_Right:
        pan(KeyPan * span);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
    case Qt::Key_Up:
        zoom(ButtonZoom, centre);
        break;
    case Qt::Key_Minus:
    case Qt::Key_Down:
        zoom(1 / ButtonZoom, centre);
        break;
    default:
        QWidget::keyPressEvent(event);
    }
}

} // namespace ui
