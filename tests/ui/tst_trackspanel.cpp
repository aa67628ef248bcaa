#include "ui/genomics/tracklane.h"
#include "ui/genomics/trackruler.h"
#include "ui/genomics/trackspanel.h"
#include "ui/shell/messagebanner.h"

#include "core/genomics/genomebins.h"
#include "core/genomics/genomicstore.h"
#include "core/genomics/storebuilder.h"

#include "tests/support/syntheticgenome.h"

#include <QtCore/QTemporaryDir>
#include <QtGui/QImage>
#include <QtGui/QMouseEvent>
#include <QtGui/QWheelEvent>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QLabel>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QScrollBar>

#include <cmath>
#include <limits>

using genomics::GenomeBins;
using genomics::GenomeRange;
using genomics::SummaryLevel;
using ui::TrackLane;
using ui::TrackScale;

namespace {

constexpr int PlotWidth = 400;
constexpr int LaneHeight = 80;
constexpr std::int64_t BinSize = 10'000;
constexpr int LoadTimeoutMs = 60000;
const double NaN = std::numeric_limits<double>::quiet_NaN();

// Chromosomes of equal bins of BinSize, all good.
std::shared_ptr<GenomeBins> makeBins(const std::vector<std::pair<std::string, std::size_t>> &chromosomes)
{
    auto bins = std::make_shared<GenomeBins>();
    for (const auto &[name, count] : chromosomes) {
        bins->chromosomes.push_back({name, bins->size(), count, std::int64_t(count) * BinSize});
        for (std::size_t i = 0; i < count; ++i) {
            bins->start.push_back(std::int64_t(i) * BinSize);
            bins->end.push_back(std::int64_t(i + 1) * BinSize);
            bins->good.push_back(1);
        }
    }
    return bins;
}

// The pyramid as trackpyramid.h describes it, written out plainly: 4^k bins per cell, cells restarting at
// each chromosome, until no chromosome has more than one cell.
std::shared_ptr<std::vector<SummaryLevel>> makePyramid(const GenomeBins &bins, const std::vector<double> &values)
{
    auto pyramid = std::make_shared<std::vector<SummaryLevel>>();
    for (std::int64_t perCell = 1;; perCell *= 4) {
        SummaryLevel level;
        level.binsPerCell = perCell;
        bool anyLonger = false;
        for (const genomics::Chromosome &chromosome : bins.chromosomes) {
            anyLonger = anyLonger || std::int64_t(chromosome.binCount) > perCell;
            for (std::size_t first = 0; first < chromosome.binCount; first += std::size_t(perCell)) {
                double low = NaN, high = NaN, sum = 0, width = 0;
                for (std::size_t i = first; i < std::min(chromosome.binCount, first + std::size_t(perCell)); ++i) {
                    const std::size_t bin = chromosome.firstBin + i;
                    const double v = values[bin];
                    if (std::isnan(v))
                        continue;
                    low = std::isnan(low) ? v : std::min(low, v);
                    high = std::isnan(high) ? v : std::max(high, v);
                    sum += v * double(bins.end[bin] - bins.start[bin]);
                    width += double(bins.end[bin] - bins.start[bin]);
                }
                level.min.push_back(float(low));
                level.max.push_back(float(high));
                level.mean.push_back(float(width > 0 ? sum / width : NaN));
            }
        }
        pyramid->push_back(std::move(level));
        if (!anyLonger)
            return pyramid;
    }
}

bool isMeanLine(QColor colour)
{
    return colour.red() < 90 && colour.green() < 160 && colour.blue() > 140;
}

// The rows of column x (widget coordinates) inside the plot where the mean line is drawn.
std::vector<int> meanRows(const QImage &image, const QRect &plot, int x)
{
    std::vector<int> rows;
    for (int y = plot.top(); y <= plot.bottom(); ++y)
        if (isMeanLine(image.pixelColor(x, y)))
            rows.push_back(y);
    return rows;
}

bool allNear(const std::vector<int> &rows, double y)
{
    return !rows.empty() && std::all_of(rows.begin(), rows.end(), [y](int row) { return std::abs(row - y) <= 1.5; });
}

void sendMouse(QWidget *widget, QEvent::Type type, QPointF position, Qt::MouseButtons buttons)
{
    QMouseEvent event(type, position, widget->mapToGlobal(position),
                      type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

} // namespace

// A lane on hand-made genomes and pyramids, then the panel on a synthetic store written to a file: region
// box, wheel zoom, drag, chromosome choice, the track chooser and jumping to a bin.
class tst_TracksPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void meanLineFollowsTheValues();
    void levelFollowsTheZoom();
    void badBinsAreShaded();
    void narrowBadRunsMergeIntoOneShade();
    void logScaleSkipsNonPositiveValues();
    void fixedScaleUsesTheUsersRange();
    void infiniteValuesLeaveTheAxisFinite();
    void autoScaleSpansTheMeanAndClipsTheBand();

    void panelShowsTheFirstTracksOnceRead();
    void regionBoxParsesAndFollowsTheView();
    void invalidRegionGoesToTheBanner();
    void wheelZoomKeepsThePositionUnderTheCursor();
    void dragPansByTheDraggedDistance();
    void doubleClickAndKeysNavigate();
    void chromosomeChoiceShowsItWhole();
    void trackChooserAddsAndRemovesLanes();
    void showBinCentresAndHighlightsIt();
    void hiddenTracksGiveTheirPyramidsBack();
    void lanesShareTheHeight();
    void genomeLongerThanInt32();

private:
    std::unique_ptr<TrackLane> makeLane(std::shared_ptr<GenomeBins> bins, const std::vector<double> &values);
    std::unique_ptr<ui::TracksPanel> openPanel();
    // Where a chromosome of the synthetic store starts on the genome axis: the lengths before it, summed.
    std::int64_t offsetOf(const std::string &name) const;

    QTemporaryDir m_dir;
    genomics::StoreContents m_contents;
    std::shared_ptr<const genomics::GenomicStore> m_store;
};

void tst_TracksPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    SyntheticGenomeOptions options;
    options.binCount = 20'000;
    options.tracks = 10;
    m_contents = syntheticGenome(options);
    const std::filesystem::path path = std::filesystem::path(m_dir.path().toStdString()) / "genome.h5";
    genomics::writeGenomicStore(path, m_contents);
    m_store = std::make_shared<const genomics::GenomicStore>(path);
}

std::unique_ptr<TrackLane> tst_TracksPanel::makeLane(std::shared_ptr<GenomeBins> bins, const std::vector<double> &values)
{
    auto lane = std::make_unique<TrackLane>();
    const auto pyramid = makePyramid(*bins, values);
    lane->setData(std::move(bins), pyramid);
    lane->setLabel(QStringLiteral("TRACK1"), QStringLiteral("CTCF"), QStringLiteral("K562"));
    lane->resize(TrackLane::LabelWidth + PlotWidth + TrackLane::RightMargin, LaneHeight);
    return lane;
}

std::int64_t tst_TracksPanel::offsetOf(const std::string &name) const
{
    std::int64_t offset = 0;
    for (const genomics::Chromosome &chromosome : m_contents.bins.chromosomes) {
        if (chromosome.name == name)
            return offset;
        offset += chromosome.length;
    }
    return -1;
}

std::unique_ptr<ui::TracksPanel> tst_TracksPanel::openPanel()
{
    auto panel = std::make_unique<ui::TracksPanel>();
    panel->resize(1000, 700);
    panel->show();
    if (!QTest::qWaitForWindowExposed(panel.get()))
        return nullptr;
    panel->setStore(m_store);
    return panel;
}

void tst_TracksPanel::meanLineFollowsTheValues()
{
    // 1 Mb: the first half at 10, the second at 0; auto scale puts 10 at the plot's top and 0 at its bottom.
    auto bins = makeBins({{"chr1", 100}});
    std::vector<double> values(100, 0.0);
    std::fill(values.begin(), values.begin() + 50, 10.0);
    const auto lane = makeLane(bins, values);
    lane->setRange({0, 1'000'000});
    const QImage image = lane->grab().toImage();
    const QRect plot = lane->plotRect();
    QCOMPARE(plot.width(), PlotWidth);

    QCOMPARE(lane->lastPaint().level, std::size_t(0));
    QCOMPARE(lane->lastPaint().cells, std::size_t(100));
    QCOMPARE(lane->lastPaint().low, 0.0);
    QCOMPARE(lane->lastPaint().high, 10.0);
    const int left = plot.left() + PlotWidth / 4, right = plot.left() + 3 * PlotWidth / 4;
    QVERIFY(allNear(meanRows(image, plot, left), plot.top()));
    QVERIFY(allNear(meanRows(image, plot, right), plot.bottom()));
    const QColor base = lane->palette().color(QPalette::Base);
    QCOMPARE(image.pixelColor(left, plot.center().y()), base);
    QCOMPARE(image.pixelColor(right, plot.center().y()), base);
}

void tst_TracksPanel::levelFollowsTheZoom()
{
    // 10^5 bins of 10 kb on two chromosomes: chrA at 10; chrB alternating 0 and 4, so that a coarse cell's
    // band spans 0..4 around a mean of 2.
    auto bins = makeBins({{"chrA", 60'000}, {"chrB", 40'000}});
    std::vector<double> values(bins->size(), 10.0);
    for (std::size_t bin = 60'000; bin < bins->size(); ++bin)
        values[bin] = bin % 2 ? 4.0 : 0.0;
    const auto lane = makeLane(bins, values);
    const auto pyramid = makePyramid(*bins, values);
    const std::int64_t genome = 100'000 * BinSize;

    lane->setRange({0, genome});
    QImage image = lane->grab().toImage();
    // At most two cells per pixel: the coarsest level whose cells hold no more than 2 × bins per pixel.
    const double binsPerPixel = 100'000.0 / PlotWidth;
    std::size_t expected = 0;
    while (expected + 1 < pyramid->size() && double((*pyramid)[expected + 1].binsPerCell) <= 2 * binsPerPixel)
        ++expected;
    QVERIFY(expected > 0);
    QCOMPARE(lane->lastPaint().level, expected);
    QVERIFY(lane->lastPaint().cells <= std::size_t(2 * PlotWidth + 2));

    const QRect plot = lane->plotRect();
    const double rows = plot.height() - 1;
    const auto yOf = [&](double value) { return plot.top() + (10.0 - value) / 10.0 * rows; };
    const int inA = plot.left() + PlotWidth / 4, inB = plot.left() + 9 * PlotWidth / 10;
    QVERIFY(allNear(meanRows(image, plot, inA), plot.top()));
    QVERIFY(allNear(meanRows(image, plot, inB), yOf(2)));
    const QColor band = image.pixelColor(inB, int(yOf(3)));
    QVERIFY(band.blue() > band.red() + 20 && band.red() > 120); // light blue, not the line

    // 1 Mb of 10 kb bins in chrB: 100 bins over 400 pixels, drawn bin by bin, 0 and 4 in turn.
    const std::int64_t chrB = 60'000 * BinSize;
    lane->setRange({chrB + 2'000'000, chrB + 3'000'000});
    image = lane->grab().toImage();
    QCOMPARE(lane->lastPaint().level, std::size_t(0));
    QCOMPARE(lane->lastPaint().cells, std::size_t(100));
    QCOMPARE(lane->lastPaint().low, 0.0);
    QCOMPARE(lane->lastPaint().high, 4.0);
    const int binPixels = PlotWidth / 100;
    QVERIFY(allNear(meanRows(image, plot, plot.left() + 10 * binPixels + 2), plot.bottom()));
    QVERIFY(allNear(meanRows(image, plot, plot.left() + 11 * binPixels + 2), plot.top()));
}

void tst_TracksPanel::badBinsAreShaded()
{
    auto bins = makeBins({{"chr1", 100}});
    std::vector<double> values(100, 5.0);
    for (std::size_t bin = 40; bin < 50; ++bin) {
        bins->good[bin] = 0;
        values[bin] = NaN;
    }
    const auto lane = makeLane(bins, values);
    lane->setRange({0, 1'000'000});
    const QImage image = lane->grab().toImage();
    const QRect plot = lane->plotRect();
    const QColor base = lane->palette().color(QPalette::Base);
    const int row = plot.top() + 3;
    const int badColumn = plot.left() + 45 * PlotWidth / 100, goodColumn = plot.left() + 10 * PlotWidth / 100;
    QCOMPARE(image.pixelColor(goodColumn, row), base);
    const QColor shaded = image.pixelColor(badColumn, row);
    QVERIFY(shaded.lightness() < base.lightness() - 20);
    QVERIFY(std::abs(shaded.red() - shaded.blue()) < 10); // grey
    QVERIFY(meanRows(image, plot, badColumn).empty());
    QVERIFY(!meanRows(image, plot, goodColumn).empty());
    // The shade starts and ends with the run: bins 40..49 are pixels 160..199.
    QCOMPARE(image.pixelColor(plot.left() + 159, row), base);
    QCOMPARE(image.pixelColor(plot.left() + 160, row), shaded);
    QCOMPARE(image.pixelColor(plot.left() + 199, row), shaded);
    QCOMPARE(image.pixelColor(plot.left() + 200, row), base);
}

void tst_TracksPanel::narrowBadRunsMergeIntoOneShade()
{
    // Every third bin bad: at the whole genome 250 bins fall on a pixel, so runs overlap every column; the
    // shade must come out even (no column shaded twice) and cover the plot.
    auto bins = makeBins({{"chr1", 100'000}});
    for (std::size_t bin = 0; bin < bins->size(); bin += 3)
        bins->good[bin] = 0;
    const auto lane = makeLane(bins, std::vector<double>(bins->size(), 1.0));
    lane->setRange({0, 100'000 * BinSize});
    const QImage image = lane->grab().toImage();
    const QRect plot = lane->plotRect();
    const int row = plot.top() + 2;
    const QColor first = image.pixelColor(plot.left(), row);
    QVERIFY(first != lane->palette().color(QPalette::Base));
    for (int x = plot.left(); x <= plot.right(); ++x)
        QCOMPARE(image.pixelColor(x, row), first);
}

void tst_TracksPanel::logScaleSkipsNonPositiveValues()
{
    // Quarters at 1, 100, 0 and -5, with a NaN: log10 spans 0..2 and the right half has no line at all.
    auto bins = makeBins({{"chr1", 100}});
    std::vector<double> values(100);
    for (std::size_t bin = 0; bin < 100; ++bin)
        values[bin] = bin < 25 ? 1.0 : bin < 50 ? 100.0 : bin < 75 ? 0.0 : -5.0;
    values[10] = NaN;
    auto lane = makeLane(bins, values);
    lane->setScale(TrackScale::Log);
    lane->setRange({0, 1'000'000});
    QImage image = lane->grab().toImage();
    const QRect plot = lane->plotRect();
    QCOMPARE(lane->lastPaint().low, 0.0);
    QCOMPARE(lane->lastPaint().high, 2.0);
    QCOMPARE(lane->lastPaint().cells, std::size_t(49));
    QVERIFY(allNear(meanRows(image, plot, plot.left() + 80), plot.bottom()));
    QVERIFY(allNear(meanRows(image, plot, plot.left() + 150), plot.top()));
    for (int x = plot.left() + 202; x <= plot.right(); ++x)
        QVERIFY(meanRows(image, plot, x).empty());

    // Nothing positive at all: nothing drawn, no axis.
    lane = makeLane(bins, std::vector<double>(100, -1.0));
    lane->setScale(TrackScale::Log);
    lane->setRange({0, 1'000'000});
    image = lane->grab().toImage();
    QCOMPARE(lane->lastPaint().cells, std::size_t(0));
    for (int x = plot.left(); x <= plot.right(); x += 7)
        QVERIFY(meanRows(image, plot, x).empty());
}

void tst_TracksPanel::fixedScaleUsesTheUsersRange()
{
    auto bins = makeBins({{"chr1", 100}});
    std::vector<double> values(100, 0.0);
    std::fill(values.begin(), values.begin() + 50, 10.0);
    const auto lane = makeLane(bins, values);
    QSignalSpy changed(lane.get(), &TrackLane::scaleChanged);
    lane->setScale(TrackScale::Fixed, 20, 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(lane->scale(), TrackScale::Fixed);
    lane->setRange({0, 1'000'000});
    const QImage image = lane->grab().toImage();
    const QRect plot = lane->plotRect();
    QCOMPARE(lane->lastPaint().low, 0.0);
    QCOMPARE(lane->lastPaint().high, 20.0);
    QVERIFY(allNear(meanRows(image, plot, plot.left() + 100), plot.top() + (plot.height() - 1) / 2.0));
}

void tst_TracksPanel::infiniteValuesLeaveTheAxisFinite()
{
    // The first half at 10, the second at 0, with +inf at bin 20 and -inf at bin 70: those two cells count as
    // without a value, and the axis spans the finite ones.
    auto bins = makeBins({{"chr1", 100}});
    std::vector<double> values(100, 0.0);
    std::fill(values.begin(), values.begin() + 50, 10.0);
    values[20] = std::numeric_limits<double>::infinity();
    values[70] = -std::numeric_limits<double>::infinity();
    const auto lane = makeLane(bins, values);
    lane->setRange({0, 1'000'000});
    QImage image = lane->grab().toImage();
    const QRect plot = lane->plotRect();
    QCOMPARE(lane->lastPaint().cells, std::size_t(98));
    QCOMPARE(lane->lastPaint().low, 0.0);
    QCOMPARE(lane->lastPaint().high, 10.0);
    // Bin 20 is pixels 80..83: no line there, the line on either side at the top.
    QVERIFY(meanRows(image, plot, plot.left() + 81).empty());
    QVERIFY(allNear(meanRows(image, plot, plot.left() + 60), plot.top()));
    QVERIFY(allNear(meanRows(image, plot, plot.left() + 100), plot.top()));

    // Log: of the finite cells, only those at 10 are positive; one value, padded by a tenth either way.
    lane->setScale(TrackScale::Log);
    lane->grab();
    QCOMPARE(lane->lastPaint().low, 0.9);
    QCOMPARE(lane->lastPaint().high, 1.1);

    // A fixed range with a bound that is not finite keeps the range it had.
    lane->setScale(TrackScale::Fixed, 0, 20);
    lane->setScale(TrackScale::Fixed, std::nan(""), 5);
    lane->setScale(TrackScale::Fixed, 0, std::numeric_limits<double>::infinity());
    lane->grab();
    QCOMPARE(lane->lastPaint().low, 0.0);
    QCOMPARE(lane->lastPaint().high, 20.0);
}

void tst_TracksPanel::autoScaleSpansTheMeanAndClipsTheBand()
{
    // Peaks of 40 in every 16th bin over a floor of 0..2: zoomed out, every column's band reaches 40 while
    // the mean stays near 4; the axis follows the mean, so that its changes fill the lane, and the band runs
    // off the top.
    auto bins = makeBins({{"chr1", 64'000}});
    std::vector<double> values(bins->size());
    for (std::size_t bin = 0; bin < values.size(); ++bin)
        values[bin] = bin % 16 == 0 ? 40.0 : double(bin % 3);
    const auto lane = makeLane(bins, values);
    lane->setRange({0, 64'000 * BinSize});
    const QImage image = lane->grab().toImage();
    QVERIFY(lane->lastPaint().level >= 2); // cells of 16 bins or more: a peak in each
    // The means of the cells drawn, from the pyramid written out plainly.
    double highestMean = 0;
    const auto pyramid = makePyramid(*bins, values);
    const SummaryLevel &level = (*pyramid)[lane->lastPaint().level];
    for (std::size_t cell = 0; cell < level.size(); ++cell)
        highestMean = std::max(highestMean, double(level.mean[cell]));
    QVERIFY(highestMean < 10);
    QCOMPARE(lane->lastPaint().low, 0.0);
    QVERIFY(std::abs(lane->lastPaint().high - highestMean) < 1e-3 * highestMean);
    // The band fills the column up to the top row.
    const QRect plot = lane->plotRect();
    const QColor top = image.pixelColor(plot.left() + PlotWidth / 2, plot.top());
    QVERIFY(top != lane->palette().color(QPalette::Base));
    QVERIFY(top.blue() > top.red());
}

void tst_TracksPanel::panelShowsTheFirstTracksOnceRead()
{
    auto panel = std::make_unique<ui::TracksPanel>();
    QSignalSpy settledSpy(panel.get(), &ui::TracksPanel::settled);
    panel->resize(1000, 700);
    panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel.get()));
    panel->setStore(m_store);
    QVERIFY(panel->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(settledSpy.count() == 1, LoadTimeoutMs);
    QVERIFY(!panel->isBusy());

    QCOMPARE(panel->laneCount(), ui::TracksPanel::DefaultShownTracks);
    std::int64_t genome = 0;
    for (const genomics::Chromosome &chromosome : m_contents.bins.chromosomes)
        genome += chromosome.length;
    QCOMPARE(panel->range(), (GenomeRange{0, genome}));
    for (int i = 0; i < panel->laneCount(); ++i) {
        TrackLane *lane = panel->lane(i);
        QCOMPARE(lane->accession(), QStringLiteral("TRACK%1").arg(i + 1));
        lane->grab();
        QVERIFY(lane->lastPaint().cells > 0);
        QVERIFY(lane->lastPaint().level > 0);
        QVERIFY(lane->lastPaint().cells <= std::size_t(2 * lane->plotRect().width()) + m_contents.bins.chromosomes.size());
    }
    QCOMPARE(panel->lane(panel->laneCount()), nullptr);

    // The ruler's x axis lines up with the lanes', scroll bar or not.
    const auto *ruler = static_cast<ui::TrackRuler *>(panel->findChild<QWidget *>(QStringLiteral("trackRuler")));
    QVERIFY(ruler);
    for (const QSize size : {QSize(1000, 700), QSize(900, 300)}) {
        panel->resize(size);
        QApplication::processEvents();
        const QRect lanePlot = panel->lane(0)->plotRect().translated(panel->lane(0)->mapTo(panel.get(), QPoint()));
        const QRect rulerPlot = ruler->plotRect().translated(ruler->mapTo(panel.get(), QPoint()));
        QCOMPARE(rulerPlot.left(), lanePlot.left());
        QCOMPARE(rulerPlot.width(), lanePlot.width());
    }
}

void tst_TracksPanel::regionBoxParsesAndFollowsTheView()
{
    const auto panel = openPanel();
    QVERIFY(panel);
    QSignalSpy changed(panel.get(), &ui::TracksPanel::rangeChanged);
    auto *box = panel->findChild<QLineEdit *>(QStringLiteral("regionBox"));
    QVERIFY(box);
    box->clear();
    QTest::keyClicks(box, QStringLiteral("chr2:1,000,001-2,000,000"));
    QTest::keyClick(box, Qt::Key_Return);
    const std::int64_t chr2 = offsetOf("chr2");
    QCOMPARE(panel->range(), (GenomeRange{chr2 + 1'000'000, chr2 + 2'000'000}));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(box->text(), QStringLiteral("chr2:1,000,001-2,000,000"));
    for (int i = 0; i < panel->laneCount(); ++i)
        QCOMPARE(panel->lane(i)->range(), panel->range());

    QVERIFY(panel->showRegion(QStringLiteral("chr3")));
    const std::int64_t chr3 = offsetOf("chr3");
    QCOMPARE(panel->range(), (GenomeRange{chr3, offsetOf("chr4")}));
    QVERIFY(box->text().startsWith(QStringLiteral("chr3")));
    QVERIFY(panel->showRegion(QStringLiteral("genome")));
    QCOMPARE(panel->range().start, 0);
    QCOMPARE(box->text(), QStringLiteral("genome"));
}

void tst_TracksPanel::invalidRegionGoesToTheBanner()
{
    const auto panel = openPanel();
    QVERIFY(panel);
    QVERIFY(panel->showRegion(QStringLiteral("chr1:1-1,000,000")));
    const GenomeRange before = panel->range();
    auto *banner = panel->findChild<ui::MessageBanner *>();
    QVERIFY(banner && !banner->isVisible());
    QVERIFY(!panel->showRegion(QStringLiteral("chrZ:1-2")));
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(QStringLiteral("chrZ")));
    QCOMPARE(panel->range(), before);

    ui::TracksPanel empty;
    QVERIFY(!empty.showRegion(QStringLiteral("chr1")));
    QVERIFY(!empty.findChild<ui::MessageBanner *>()->text().isEmpty());
}

void tst_TracksPanel::wheelZoomKeepsThePositionUnderTheCursor()
{
    const auto panel = openPanel();
    QVERIFY(panel);
    QVERIFY(panel->showRegion(QStringLiteral("chr2:50,000,001-150,000,000")));
    TrackLane *lane = panel->lane(1);
    const QRect plot = lane->plotRect();
    const GenomeRange before = panel->range();
    const double x = plot.left() + 0.3 * plot.width();
    const double position = before.start + (x - plot.left()) * double(before.end - before.start) / plot.width();

    QWheelEvent wheel(QPointF(x, 20), lane->mapToGlobal(QPointF(x, 20)), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(lane, &wheel);
    const GenomeRange after = panel->range();
    const double span = double(after.end - after.start);
    QVERIFY(std::abs(span - 0.8 * double(before.end - before.start)) <= 1);
    QVERIFY(std::abs(after.start + (x - plot.left()) * span / plot.width() - position) <= 1);

    // Turning it back zooms out about the same place.
    QWheelEvent back(QPointF(x, 20), lane->mapToGlobal(QPointF(x, 20)), QPoint(), QPoint(0, -120), Qt::NoButton,
                     Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(lane, &back);
    QVERIFY(std::abs(panel->range().start - before.start) <= 2);
    QVERIFY(std::abs(panel->range().end - before.end) <= 2);
}

void tst_TracksPanel::dragPansByTheDraggedDistance()
{
    const auto panel = openPanel();
    QVERIFY(panel);
    QVERIFY(panel->showRegion(QStringLiteral("chr2:50,000,001-150,000,000")));
    TrackLane *lane = panel->lane(0);
    const QRect plot = lane->plotRect();
    const GenomeRange before = panel->range();
    const double x = plot.left() + 300;
    sendMouse(lane, QEvent::MouseButtonPress, {x, 20}, Qt::LeftButton);
    sendMouse(lane, QEvent::MouseMove, {x - 50, 20}, Qt::LeftButton);
    sendMouse(lane, QEvent::MouseMove, {x - 120, 20}, Qt::LeftButton);
    sendMouse(lane, QEvent::MouseButtonRelease, {x - 120, 20}, Qt::NoButton);
    // Dragging 120 pixels to the left shows what was 120 pixels to the right.
    const double shift = 120.0 * double(before.end - before.start) / plot.width();
    QVERIFY(std::abs(double(panel->range().start - before.start) - shift) <= 1);
    QCOMPARE(panel->range().end - panel->range().start, before.end - before.start);

    // A move without a button held is not a drag.
    const GenomeRange dragged = panel->range();
    sendMouse(lane, QEvent::MouseMove, {x, 20}, Qt::NoButton);
    QCOMPARE(panel->range(), dragged);

    // Dragging past the genome's start stops there.
    QVERIFY(panel->showRegion(QStringLiteral("chr1:1-10,000,000")));
    sendMouse(lane, QEvent::MouseButtonPress, {x, 20}, Qt::LeftButton);
    sendMouse(lane, QEvent::MouseMove, {x + 200, 20}, Qt::LeftButton);
    sendMouse(lane, QEvent::MouseButtonRelease, {x + 200, 20}, Qt::NoButton);
    QCOMPARE(panel->range(), (GenomeRange{0, 10'000'000}));
}

void tst_TracksPanel::doubleClickAndKeysNavigate()
{
    const auto panel = openPanel();
    QVERIFY(panel);
    QVERIFY(panel->showRegion(QStringLiteral("chr2:50,000,001-150,000,000")));
    TrackLane *lane = panel->lane(0);
    const QRect plot = lane->plotRect();
    GenomeRange before = panel->range();
    const double x = plot.left() + 0.75 * plot.width();
    const double position = before.start + 0.75 * double(before.end - before.start);
    QMouseEvent click(QEvent::MouseButtonDblClick, QPointF(x, 20), lane->mapToGlobal(QPointF(x, 20)), Qt::LeftButton,
                      Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(lane, &click);
    GenomeRange after = panel->range();
    QCOMPARE(after.end - after.start, (before.end - before.start) / 2);
    QVERIFY(std::abs(after.start + 0.75 * double(after.end - after.start) - position) <= 1);

    // The arrows pan by a tenth of the view; + and − zoom about its centre.
    before = after;
    panel->setFocus();
    QTest::keyClick(panel.get(), Qt::Key_Right);
    const std::int64_t tenth = (before.end - before.start) / 10;
    QCOMPARE(panel->range(), (GenomeRange{before.start + tenth, before.end + tenth}));
    QTest::keyClick(panel.get(), Qt::Key_Left);
    QCOMPARE(panel->range(), before);
    QTest::keyClick(panel.get(), Qt::Key_Minus);
    after = panel->range();
    QCOMPARE(after.end - after.start, 2 * (before.end - before.start));
    QVERIFY(std::abs((after.start + after.end) - (before.start + before.end)) <= 2);
}

void tst_TracksPanel::chromosomeChoiceShowsItWhole()
{
    const auto panel = openPanel();
    QVERIFY(panel);
    auto *combo = panel->findChild<QComboBox *>(QStringLiteral("chromosomeBox"));
    QVERIFY(combo);
    QCOMPARE(combo->count(), int(m_contents.bins.chromosomes.size()) + 1);
    QCOMPARE(combo->itemText(3), QStringLiteral("chr3"));
    Q_EMIT combo->activated(3);
    QCOMPARE(panel->range(), (GenomeRange{offsetOf("chr3"), offsetOf("chr4")}));
    QCOMPARE(combo->currentIndex(), 3);

    // The choice follows the view: a region within chr5 shows chr5, the whole genome "Genome".
    QVERIFY(panel->showRegion(QStringLiteral("chr5:1,000,001-2,000,000")));
    QCOMPARE(combo->currentText(), QStringLiteral("chr5"));
    Q_EMIT combo->activated(0);
    QCOMPARE(panel->range().start, 0);
    QCOMPARE(combo->currentIndex(), 0);
}

void tst_TracksPanel::trackChooserAddsAndRemovesLanes()
{
    const auto panel = openPanel();
    QVERIFY(panel);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), LoadTimeoutMs);
    auto *chooser = panel->findChild<QListWidget *>(QStringLiteral("trackChooser"));
    QVERIFY(chooser);
    QCOMPARE(chooser->count(), 10);
    QCOMPARE(chooser->item(0)->checkState(), Qt::Checked);
    QCOMPARE(chooser->item(9)->checkState(), Qt::Unchecked);

    chooser->item(0)->setCheckState(Qt::Unchecked);
    QCOMPARE(panel->laneCount(), 7);
    QCOMPARE(panel->lane(0)->accession(), QStringLiteral("TRACK2"));

    QSignalSpy settled(panel.get(), &ui::TracksPanel::settled);
    chooser->item(9)->setCheckState(Qt::Checked);
    QCOMPARE(panel->laneCount(), 8);
    QCOMPARE(panel->lane(7)->accession(), QStringLiteral("TRACK10"));
    QVERIFY(panel->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() == 1, LoadTimeoutMs);
    panel->lane(7)->grab();
    QVERIFY(panel->lane(7)->lastPaint().cells > 0);
}

void tst_TracksPanel::showBinCentresAndHighlightsIt()
{
    const auto panel = openPanel();
    QVERIFY(panel);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), LoadTimeoutMs);
    const genomics::Chromosome &chr3 = m_contents.bins.chromosomes[2];
    const std::size_t bin = chr3.firstBin + chr3.binCount / 2;
    const std::int64_t start = offsetOf("chr3") + m_contents.bins.start[bin];
    const std::int64_t end = offsetOf("chr3") + m_contents.bins.end[bin];
    panel->showBin(bin);
    const GenomeRange range = panel->range();
    QCOMPARE(range.end - range.start, ui::TracksPanel::BinContext * (end - start));
    QVERIFY(std::abs((range.start + range.end) - (start + end)) <= 2);

    // The bin's pixels are tinted amber.
    TrackLane *lane = panel->lane(0);
    const QImage image = lane->grab().toImage();
    const QRect plot = lane->plotRect();
    const int x = plot.left() + plot.width() / 2;
    int tinted = 0;
    for (int y = plot.top(); y <= plot.bottom(); ++y) {
        const QColor colour = image.pixelColor(x, y);
        tinted += colour.red() > 200 && colour.blue() < colour.red() - 60;
    }
    QVERIFY(tinted > plot.height() / 2);
    const QColor outside = image.pixelColor(plot.left() + 5, plot.top() + 1);
    QVERIFY(!(outside.red() > 200 && outside.blue() < outside.red() - 60));

    auto *banner = panel->findChild<ui::MessageBanner *>();
    panel->showBin(m_contents.bins.size());
    QVERIFY(banner->isVisible());
    QCOMPARE(panel->range(), range);
}

void tst_TracksPanel::hiddenTracksGiveTheirPyramidsBack()
{
    const auto panel = openPanel();
    QVERIFY(panel);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), LoadTimeoutMs);
    const std::weak_ptr<const std::vector<SummaryLevel>> first = panel->lane(0)->pyramid();
    const std::weak_ptr<const std::vector<SummaryLevel>> second = panel->lane(1)->pyramid();
    QVERIFY(!first.expired() && !second.expired());

    // Hidden: nothing keeps the pyramid, neither the panel, nor the lane, nor the job that read it.
    auto *chooser = panel->findChild<QListWidget *>(QStringLiteral("trackChooser"));
    chooser->item(0)->setCheckState(Qt::Unchecked);
    QApplication::processEvents();
    QVERIFY(first.expired());
    QVERIFY(!second.expired());

    // Shown again: read again.
    chooser->item(0)->setCheckState(Qt::Checked);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), LoadTimeoutMs);
    QVERIFY(panel->lane(0)->pyramid());
    panel->lane(0)->grab();
    QVERIFY(panel->lane(0)->lastPaint().cells > 0);
}

void tst_TracksPanel::lanesShareTheHeight()
{
    // Three lanes in a tall panel: each as tall as it may be, none cut short.
    const auto panel = openPanel();
    QVERIFY(panel);
    panel->showTracks({"TRACK1", "TRACK2", "TRACK3"});
    panel->resize(1000, 1000);
    QApplication::processEvents();
    QCOMPARE(panel->laneCount(), 3);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(panel->lane(i)->height(), TrackLane::MaximumHeight);

    // Ten in a low one: each at its minimum, which shows the label's three lines, and the area scrolls.
    panel->showTracks({"TRACK1", "TRACK2", "TRACK3", "TRACK4", "TRACK5", "TRACK6", "TRACK7", "TRACK8", "TRACK9",
                       "TRACK10"});
    panel->resize(1000, 400);
    QApplication::processEvents();
    const int minimum = panel->lane(0)->minimumSizeHint().height();
    QVERIFY(minimum >= 3 * panel->lane(0)->fontMetrics().height());
    for (int i = 0; i < 10; ++i)
        QCOMPARE(panel->lane(i)->height(), minimum);
    auto *area = panel->findChild<QScrollArea *>(QStringLiteral("laneArea"));
    QVERIFY(area->verticalScrollBar()->maximum() > 0);

    // In between, the lanes share what the area has, in equal parts.
    panel->showTracks({"TRACK1", "TRACK2", "TRACK3", "TRACK4", "TRACK5"});
    panel->resize(1000, 700);
    QApplication::processEvents();
    const int height = area->viewport()->height();
    for (int i = 0; i < 5; ++i) {
        QVERIFY(std::abs(panel->lane(i)->height() - height / 5) <= 1);
        QVERIFY(panel->lane(i)->height() > minimum && panel->lane(i)->height() < TrackLane::MaximumHeight);
    }

    // None: a line says why, in their place.
    panel->showTracks({});
    QApplication::processEvents();
    const auto *none = panel->findChild<QLabel *>(QStringLiteral("noLanes"));
    QVERIFY(none && none->isVisible());
    QVERIFY(none->text().contains(QStringLiteral("Tracks")));
}

void tst_TracksPanel::genomeLongerThanInt32()
{
    // 4.2 billion bases, more than int and than 2^32: chrA 2.5 Gb, chrB 1.7 Gb, in bins of 1 Mb. Values: the
    // bin's index, so that what a lane draws says where it is.
    genomics::StoreContents contents;
    contents.bins = genomics::binsFromChromSizes({{"chrA", 2'500'000'000}, {"chrB", 1'700'000'000}}, 1'000'000);
    const std::size_t count = contents.bins.size();
    QCOMPARE(count, std::size_t(4200));
    contents.experiments.addColumn("accession", std::vector<std::string>{"EXP1"});
    contents.tracks.addColumn("accession", std::vector<std::string>{"BIG1"});
    for (const char *column : {"assay", "experiment", "biosample"})
        contents.tracks.addColumn(column, std::vector<std::string>{"x"});
    std::vector<double> signal(count);
    for (std::size_t bin = 0; bin < count; ++bin)
        signal[bin] = double(bin);
    contents.trackSignals.push_back(signal);
    const std::filesystem::path path = std::filesystem::path(m_dir.path().toStdString()) / "long.h5";
    genomics::writeGenomicStore(path, contents);

    ui::TracksPanel panel;
    panel.resize(1000, 500);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setStore(std::make_shared<const genomics::GenomicStore>(path));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), LoadTimeoutMs);
    QCOMPARE(panel.range(), (GenomeRange{0, 4'200'000'000}));
    panel.lane(0)->grab();
    QVERIFY(panel.lane(0)->lastPaint().cells > 0);
    QCOMPARE(panel.lane(0)->lastPaint().low, 0.0);

    // 1.5 Gb into chrB: 4.0 billion on the axis, bins 4000..4009, values 4000..4009.
    QVERIFY(panel.showRegion(QStringLiteral("chrB:1,500,000,001-1,510,000,000")));
    QCOMPARE(panel.range(), (GenomeRange{4'000'000'000, 4'010'000'000}));
    auto *box = panel.findChild<QLineEdit *>(QStringLiteral("regionBox"));
    QCOMPARE(box->text(), QStringLiteral("chrB:1,500,000,001-1,510,000,000"));
    TrackLane *lane = panel.lane(0);
    lane->grab();
    QCOMPARE(lane->lastPaint().level, std::size_t(0));
    QCOMPARE(lane->lastPaint().cells, std::size_t(10));
    QCOMPARE(lane->lastPaint().low, 4000.0);
    QCOMPARE(lane->lastPaint().high, 4009.0);

    // Dragging a tenth of the plot to the left moves a tenth of 10 Mb on.
    const QRect plot = lane->plotRect();
    const double x = plot.left() + plot.width() / 2.0;
    sendMouse(lane, QEvent::MouseButtonPress, {x, 20}, Qt::LeftButton);
    sendMouse(lane, QEvent::MouseMove, {x - plot.width() / 10.0, 20}, Qt::LeftButton);
    sendMouse(lane, QEvent::MouseButtonRelease, {x - plot.width() / 10.0, 20}, Qt::NoButton);
    QCOMPARE(panel.range(), (GenomeRange{4'001'000'000, 4'011'000'000}));

    // The wheel at the plot's right edge zooms about the position there.
    const GenomeRange before = panel.range();
    const double edge = plot.right();
    const double position = before.start + (edge - plot.left()) * double(before.end - before.start) / plot.width();
    QWheelEvent wheel(QPointF(edge, 20), lane->mapToGlobal(QPointF(edge, 20)), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(lane, &wheel);
    const GenomeRange after = panel.range();
    const double span = double(after.end - after.start);
    QVERIFY(std::abs(after.start + (edge - plot.left()) * span / plot.width() - position) <= 1);

    // The last bin, centred and highlighted, at the end of the axis.
    panel.showBin(count - 1);
    QCOMPARE(panel.range().end, 4'200'000'000);
    QCOMPARE(panel.range().end - panel.range().start, ui::TracksPanel::BinContext * 1'000'000);
    lane->grab();
    QCOMPARE(lane->lastPaint().high, double(count - 1));
}

QTEST_MAIN(tst_TracksPanel)
#include "tst_trackspanel.moc"
