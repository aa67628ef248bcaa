#include "tests/support/namedchild.h"
#include "tests/support/tinystimulus.h"
#include "ui/acquisition/acquisitionpanel.h"
#include "ui/acquisition/livemapsfeed.h"
#include "ui/acquisition/livemapsview.h"
#include "ui/acquisition/outputbox.h"
#include "ui/acquisition/stimuluschoicebox.h"
#include "ui/params/schemaform.h"
#include "ui/retinotopy/mapfiles.h"
#include "ui/retinotopy/mapview.h"
#include "ui/retinotopy/patchtablemodel.h"
#include "ui/retinotopy/retinotopypanel.h"
#include "ui/retinotopy/segmentationparametersbox.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/messagebanner.h"

#include "core/acquisition/recorder.h"
#include "core/acquisition/stimulustimeline.h"
#include "core/retinotopy/mapfile.h"
#include "core/stimulus/stimulusfile.h"
#include "core/stimulus/stimuluslibrary.h"
#include "core/stimulus/stimulusparameters.h"

#include <nlohmann/json.hpp>

#include <opencv2/core.hpp>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThreadPool>
#include <QtGui/QAction>
#include <QtGui/QImage>
#include <QtGui/QMouseEvent>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTableView>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace {

// Segmenting the example takes well under a second; the margin is for loaded CI machines.
constexpr int SegmentationTimeoutMs = 60000;

QString allenFolder()
{
    return QStringLiteral(MACROSCOPE_SHARED_DATA_DIR "/isi/allen_example");
}

bool hasAllenExample()
{
    return QFileInfo::exists(allenFolder() + QStringLiteral("/example_altitude_map.tif"));
}

// The parameters of Allen's example notebook, as a file for --segmentation.
const char notebookJson[] = R"({"phaseMapFilterSigma": 0.5, "signMapFilterSigma": 8, "signMapThr": 0.4,
    "eccMapFilterSigma": 15, "splitLocalMinCutStep": 5, "closeIter": 3, "openIter": 3, "dilationIter": 15,
    "borderWidth": 1, "smallPatchThr": 100, "visualSpacePixelSize": 0.5, "visualSpaceCloseIter": 15,
    "splitOverlapThr": 1.1, "mergeOverlapThr": 0.1})";

// The tiny test stimulus with all four directions, so that both axes get maps; about 10 s long.
std::filesystem::path generateFourDirectionStimulus(const std::filesystem::path &library)
{
    nlohmann::json parameters = tinyStimulusParameters();
    parameters["directions"] = {"LR", "RL", "TB", "BT"};
    return stimulus::StimulusLibrary(library).obtain(stimulus::StimulusParameters::fromJson(parameters, "test")).path;
}

QStringList linesOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// A camera looking at a cortex with a linear retinotopy: each pixel darkens while the bar crosses its
// preferred position (azimuth along the columns, altitude along the rows). Its clock is virtual, 100 ms a
// frame from the stimulus's start, so that the test does not wait for the stimulus in real time.
class SyntheticCortex {
public:
    static constexpr int Width = 32;
    static constexpr int Height = 24;
    static constexpr std::int64_t FrameNs = 100'000'000;

    SyntheticCortex(std::shared_ptr<const acq::StimulusTimeline> timeline, std::int64_t startNs, std::int64_t endNs)
        : m_timeline(std::move(timeline)), m_clock(startNs), m_end(endNs)
    {
        for (std::uint64_t i = 0; i < m_timeline->rowCount(); ++i) {
            const auto &row = m_timeline->row(i);
            auto &range = row.direction < 2 ? m_azimuth : m_altitude;
            range.first = std::min(range.first, row.barCenterDeg);
            range.second = std::max(range.second, row.barCenterDeg);
        }
    }

    bool finished() const { return m_clock.load() > m_end; }

    // LiveMapsFeed::FrameSource: called on the feed's worker.
    bool take(acq::LiveFrame &frame)
    {
        const std::int64_t now = m_clock.fetch_add(FrameNs);
        if (now > m_end)
            return false;
        frame.width = Width;
        frame.height = Height;
        frame.info.hostTimestampNs = now;
        ++frame.sequence;
        frame.pixels.assign(std::size_t(Width * Height), 1000);
        const auto shown = m_timeline->shownAt(now);
        if (!shown || shown->direction < 0)
            return true;
        const bool horizontal = shown->direction < 2;
        const auto &range = horizontal ? m_azimuth : m_altitude;
        for (int y = 0; y < Height; ++y) {
            for (int x = 0; x < Width; ++x) {
                const double along = horizontal ? double(x) / (Width - 1) : double(y) / (Height - 1);
                const double preferred = range.first + along * (range.second - range.first);
                const double distance = (shown->barCenterDeg - preferred) / 15;
                frame.pixels[std::size_t(y * Width + x)] = std::uint16_t(1000 - 40 * std::exp(-distance * distance));
            }
        }
        return true;
    }

private:
    std::shared_ptr<const acq::StimulusTimeline> m_timeline;
    std::pair<double, double> m_azimuth{1e9, -1e9}, m_altitude{1e9, -1e9};
    std::atomic<std::int64_t> m_clock;
    std::int64_t m_end;
};

} // namespace

// The retinotopy panel on Allen's example maps: the 13 areas of the example notebook, a parameter edit that
// segments again, export of figures, maps and areas, and the errors a user can run into; and the live maps of
// the acquisition panel, fed by a synthetic cortex responding to a real stimulus schedule.
class tst_RetinotopyPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void notebookValuesGiveThirteenAreas();
    void editingAParameterSegmentsAgain();
    void powerWeightingAndReadout();
    void exportWritesFiguresMapsAndAreas();
    void missingMapFileIsNamed();
    void folderWithoutMapsIsReported();
    void openRecordingAnalysesThenReadsBack();
    void mainWindowOpensPanel();
    void mapsOptionRendersSegmentedScreenshot();
    void liveMapsFormWhileFramesArrive();
    void acquisitionPanelShowsLiveMaps();

private:
    template <typename T = QWidget>
    T *child(const char *name) const
    {
        return namedChild<T>(m_panel.get(), name);
    }
    bool openAllenExample();
    // The table's rows in the core's order (largest first): sign and area in pixels of each.
    std::vector<std::pair<int, qlonglong>> patchRows() const;
    QString bannerText() const { return m_panel->findChild<ui::MessageBanner *>()->text(); }
    QString scratch(const char *name) const { return QDir(m_scratch->path()).filePath(QString::fromLatin1(name)); }

    std::unique_ptr<QTemporaryDir> m_scratch;
    std::unique_ptr<ui::RetinotopyPanel> m_panel;
};

void tst_RetinotopyPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_RetinotopyPanel::init()
{
    m_scratch = std::make_unique<QTemporaryDir>();
    QVERIFY(m_scratch->isValid());
    m_panel = std::make_unique<ui::RetinotopyPanel>();
    m_panel->resize(1480, 940);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void tst_RetinotopyPanel::cleanup()
{
    qunsetenv("MACROSCOPE_STIMULUS_LIBRARY");
    m_panel.reset();
    QThreadPool::globalInstance()->waitForDone();
    m_scratch.reset();
}

bool tst_RetinotopyPanel::openAllenExample()
{
    child<QPushButton>("segmentationNotebookValues")->click();
    QSignalSpy shown(m_panel.get(), &ui::RetinotopyPanel::segmentationShown);
    m_panel->openMapsIn(allenFolder());
    return QTest::qWaitFor([&] { return shown.count() > 0 && !m_panel->isBusy(); }, SegmentationTimeoutMs);
}

std::vector<std::pair<int, qlonglong>> tst_RetinotopyPanel::patchRows() const
{
    const QAbstractItemModel *model = child<QTableView>("patchTable")->model();
    std::vector<std::pair<int, qlonglong>> rows;
    for (int row = 0; row < model->rowCount(); ++row)
        rows.emplace_back(model->index(row, ui::PatchTableModel::SignColumn).data(ui::PatchTableModel::SortRole).toInt(),
                          model->index(row, ui::PatchTableModel::AreaPxColumn)
                              .data(ui::PatchTableModel::SortRole)
                              .toLongLong());
    return rows;
}

void tst_RetinotopyPanel::notebookValuesGiveThirteenAreas()
{
    if (!hasAllenExample())
        QSKIP("Allen's example maps are not in ../shared/data/isi/allen_example");
    QVERIFY(openAllenExample());

    const auto rows = patchRows();
    QCOMPARE(rows.size(), std::size_t(13));
    auto byArea = rows;
    std::sort(byArea.begin(), byArea.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    QCOMPARE(byArea[0].first, -1);  // V1: a non-mirror image of the visual field
    QCOMPARE(byArea[1].first, +1);
    QCOMPARE(rows, byArea);         // numbered largest first, as on the sign map
    QVERIFY2(child<QLabel>("segmentationStatus")->text().startsWith(QStringLiteral("13 areas")),
             qPrintable(child<QLabel>("segmentationStatus")->text()));

    const auto *signMap = child<ui::MapView>("signMapView");
    QCOMPARE(signMap->labels().size(), std::size_t(13));
    QCOMPARE(signMap->labels().front().text, QStringLiteral("1 −"));
    QCOMPARE(signMap->picture().size(), QSize(450, 450));
    QCOMPARE(child<ui::MapView>("azimuthView")->picture().size(), QSize(450, 450));
    QCOMPARE(child<ui::MapView>("altitudeView")->picture().size(), QSize(450, 450));
    QVERIFY(bannerText().isEmpty());
}

void tst_RetinotopyPanel::editingAParameterSegmentsAgain()
{
    if (!hasAllenExample())
        QSKIP("Allen's example maps are not in ../shared/data/isi/allen_example");
    QVERIFY(openAllenExample());
    const auto before = patchRows();

    QSignalSpy shown(m_panel.get(), &ui::RetinotopyPanel::segmentationShown);
    QSignalSpy settled(m_panel.get(), &ui::RetinotopyPanel::settled);
    auto *threshold = child<QDoubleSpinBox>("signMapThr");
    // Typing: each value replaces the last before the pause that starts a run.
    for (const double value : {0.3, 0.25, 0.2})
        threshold->setValue(value);
    QVERIFY(m_panel->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0, SegmentationTimeoutMs);
    QCOMPARE(shown.count(), 1);
    const auto after = patchRows();
    QVERIFY(!after.empty());
    QVERIFY(after != before);
    QVERIFY2(child<QLabel>("segmentationStatus")->text().contains(QStringLiteral("parameters on the left")),
             qPrintable(child<QLabel>("segmentationStatus")->text()));

    // Back to the notebook's values: the notebook's areas again.
    child<QPushButton>("segmentationNotebookValues")->click();
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() == 2 && !m_panel->isBusy(), SegmentationTimeoutMs);
    QCOMPARE(patchRows(), before);
}

void tst_RetinotopyPanel::powerWeightingAndReadout()
{
    if (!hasAllenExample())
        QSKIP("Allen's example maps are not in ../shared/data/isi/allen_example");
    QVERIFY(openAllenExample());
    auto *azimuth = child<ui::MapView>("azimuthView");
    const QImage weighted = azimuth->picture();
    child<QCheckBox>("powerWeighted")->setChecked(false);
    const QImage plain = azimuth->picture();
    QCOMPARE(plain.size(), weighted.size());
    QVERIFY(plain != weighted);
    // Where the power is low, the weighted picture is the darker one.
    const QColor corner = QColor(weighted.pixel(5, 5)), cornerPlain = QColor(plain.pixel(5, 5));
    QVERIFY(corner.lightness() < cornerPlain.lightness());

    const QPointF centre = QRectF(azimuth->rect()).center();
    QMouseEvent move(QEvent::MouseMove, centre, azimuth->mapToGlobal(centre), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(azimuth, &move);
    QVERIFY2(azimuth->readoutText().contains(QStringLiteral("azimuth")) &&
                 azimuth->readoutText().contains(QStringLiteral("°")),
             qPrintable(azimuth->readoutText()));
}

void tst_RetinotopyPanel::exportWritesFiguresMapsAndAreas()
{
    if (!hasAllenExample())
        QSKIP("Allen's example maps are not in ../shared/data/isi/allen_example");
    QVERIFY(openAllenExample());
    QSignalSpy exported(m_panel.get(), &ui::RetinotopyPanel::exported);
    m_panel->exportTo(m_scratch->path());
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, 30000);
    QCOMPARE(exported.at(0).at(0).toString(), m_scratch->path());

    for (const char *name : {"azimuth.png", "altitude.png", "sign_map.png", "azimuth.tif", "altitude.tif",
                             "azimuth_power.tif", "altitude_power.tif", "sign_map.tif", "patches.csv"})
        QVERIFY2(QFileInfo::exists(scratch(name)), name);

    QStringList csv = linesOf(scratch("patches.csv"));
    QCOMPARE(csv.value(0), QStringLiteral("patch,sign,area_px,area_mm2,centroid_row,centroid_col"));
    QCOMPARE(csv.size(), 14);
    const QStringList first = csv.value(1).split(QLatin1Char(','));
    QCOMPARE(first.size(), 6);
    QCOMPARE(first[0], QStringLiteral("1"));
    QCOMPARE(first[1], QStringLiteral("-1"));
    QCOMPARE(first[2].toLongLong(), patchRows().front().second);
    QCOMPARE(first[3], QString()); // the example's pixel size is not known

    // The TIFFs hold the maps as the panel has them (float32 of the example's float64).
    const auto asFloat = [](const cv::Mat &map) {
        cv::Mat converted;
        map.convertTo(converted, CV_32F);
        return converted;
    };
    for (const auto &[exportedName, original] :
         {std::pair{"azimuth.tif", "example_azimuth_map.tif"}, std::pair{"altitude.tif", "example_altitude_map.tif"},
          std::pair{"azimuth_power.tif", "example_azimuth_power_map.tif"}}) {
        const cv::Mat written = asFloat(retino::readMap(scratch(exportedName).toStdString()));
        const cv::Mat source = asFloat(retino::readMap((allenFolder() + QLatin1Char('/') + original).toStdString()));
        QCOMPARE(written.size(), source.size());
        QCOMPARE(cv::norm(written, source, cv::NORM_INF), 0.0);
    }
    const QImage figure(scratch("sign_map.png"));
    QVERIFY(figure.width() >= 900);

    // With a pixel size, the areas in mm² too.
    child<QDoubleSpinBox>("pixelSize")->setValue(10);
    m_panel->exportTo(m_scratch->path());
    QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 2, 30000);
    csv = linesOf(scratch("patches.csv"));
    const QStringList sized = csv.value(1).split(QLatin1Char(','));
    QCOMPARE(sized.value(3).toDouble(), sized.value(2).toDouble() * 1e-4);
}

void tst_RetinotopyPanel::missingMapFileIsNamed()
{
    ui::MapFiles files;
    files.altitude = scratch("no_such_altitude.tif");
    files.azimuth = scratch("no_such_azimuth.tif");
    QSignalSpy problem(m_panel.get(), &ui::RetinotopyPanel::problemReported);
    m_panel->openMaps(files);
    QTRY_COMPARE(problem.count(), 1);
    QVERIFY2(bannerText().contains(QStringLiteral("no_such_altitude.tif")), qPrintable(bannerText()));
    QVERIFY(!m_panel->isBusy());
    QVERIFY(child<ui::MapView>("azimuthView")->picture().isNull());
    QVERIFY(!child<QPushButton>("exportMaps")->isEnabled());
}

void tst_RetinotopyPanel::folderWithoutMapsIsReported()
{
    QSignalSpy problem(m_panel.get(), &ui::RetinotopyPanel::problemReported);
    m_panel->openMapsIn(m_scratch->path());
    QCOMPARE(problem.count(), 1);
    QVERIFY2(bannerText().contains(QDir::toNativeSeparators(m_scratch->path())), qPrintable(bannerText()));
    QVERIFY2(bannerText().contains(QStringLiteral("altitude")), qPrintable(bannerText()));
}

// A recording made as an operator would (the simulated camera with the four-direction stimulus, through
// macroscope-cli record) is analysed when first opened, and its stored analysis read back the second time.
void tst_RetinotopyPanel::openRecordingAnalysesThenReadsBack()
{
    const QString library = scratch("library");
    generateFourDirectionStimulus(library.toStdString());
    QFile parameters(scratch("stimulus.json"));
    QVERIFY(parameters.open(QIODevice::WriteOnly));
    nlohmann::json stimulusParameters = tinyStimulusParameters();
    stimulusParameters["directions"] = {"LR", "RL", "TB", "BT"};
    parameters.write(QByteArray::fromStdString(stimulusParameters.dump()));
    parameters.close();
    const QString recording = scratch("run.h5");
    QProcess cli;
    cli.start(QStringLiteral(MACROSCOPE_CLI_EXECUTABLE),
              {QStringLiteral("record"), QStringLiteral("--out"), recording, QStringLiteral("--seconds"),
               QStringLiteral("12"), QStringLiteral("--fps"), QStringLiteral("30"), QStringLiteral("--size"),
               QStringLiteral("64x64"), QStringLiteral("--stimulus"), parameters.fileName(), QStringLiteral("--library"),
               library});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

    // Other values in the form than the analysis will use: opening it must show what it used.
    auto *form = m_panel->findChild<ui::SegmentationParametersBox *>();
    QVERIFY(form);
    form->setParameters(ui::SegmentationParametersBox::notebookValues());
    QSignalSpy shown(m_panel.get(), &ui::RetinotopyPanel::mapsShown);
    QSignalSpy settled(m_panel.get(), &ui::RetinotopyPanel::settled);
    m_panel->openRecording(recording);
    QVERIFY(m_panel->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 0, 120000);
    QCOMPARE(shown.count(), 1);
    QVERIFY2(bannerText().isEmpty(), qPrintable(bannerText()));
    const auto *notes = child<QPlainTextEdit>("retinotopyNotes");
    QVERIFY2(notes->toPlainText().contains(QStringLiteral("analysed in")), qPrintable(notes->toPlainText()));
    QCOMPARE(child<ui::MapView>("azimuthView")->picture().size(), QSize(64, 64));
    QCOMPARE(child<ui::MapView>("altitudeView")->picture().size(), QSize(64, 64));
    QVERIFY(child<QLabel>("segmentationStatus")->text().contains(QStringLiteral("stored with the analysis")));
    // The recording knows its pixel size on the cortex.
    QVERIFY(child<QDoubleSpinBox>("pixelSize")->value() > 0);

    m_panel->openRecording(recording);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() > 1, 120000);
    QCOMPARE(shown.count(), 2);
    QVERIFY2(notes->toPlainText().contains(QStringLiteral("read back from")), qPrintable(notes->toPlainText()));
    QCOMPARE(form->parameters().signMapThr, retino::SegmentationParameters().signMapThr);
    QCOMPARE(form->parameters().signMapFilterSigma, retino::SegmentationParameters().signMapFilterSigma);
    QVERIFY(child<QLabel>("segmentationStatus")->text().contains(QStringLiteral("stored with the analysis")));
}

void tst_RetinotopyPanel::mainWindowOpensPanel()
{
    ui::MainWindow window;
    window.show();
    auto *action = window.findChild<QAction *>(QStringLiteral("retinotopyAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    action->trigger();
    auto *panel = window.findChild<ui::RetinotopyPanel *>();
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    QCOMPARE(window.showRetinotopyPanel(), panel);
}

// The screenshot waits for the areas: the picture is taken once the panel has settled.
void tst_RetinotopyPanel::mapsOptionRendersSegmentedScreenshot()
{
    if (!hasAllenExample())
        QSKIP("Allen's example maps are not in ../shared/data/isi/allen_example");
    QFile parameters(scratch("notebook.json"));
    QVERIFY(parameters.open(QIODevice::WriteOnly));
    parameters.write(notebookJson);
    parameters.close();

    const QString out = scratch("retinotopy.png");
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), scratch("config"));
    QProcess gui;
    gui.setProcessEnvironment(environment);
    gui.start(QStringLiteral(MACROSCOPE_GUI_EXECUTABLE),
              {QStringLiteral("--maps"), allenFolder(), QStringLiteral("--segmentation"), parameters.fileName(),
               QStringLiteral("--screenshot"), out});
    QVERIFY(gui.waitForFinished(120000));
    QVERIFY2(gui.exitStatus() == QProcess::NormalExit && gui.exitCode() == 0, gui.readAllStandardError().constData());
    const QImage image(out);
    QCOMPARE(image.size(), QSize(1480, 940)); // the panel's window

    gui.start(QStringLiteral(MACROSCOPE_GUI_EXECUTABLE),
              {QStringLiteral("--panel"), QStringLiteral("stimulus"), QStringLiteral("--maps"), allenFolder()});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitCode(), 2);
}

void tst_RetinotopyPanel::liveMapsFormWhileFramesArrive()
{
    const stimulus::StimulusFile file(generateFourDirectionStimulus(scratch("library").toStdString()));
    const double refreshHz = file.parameters().monitor.refreshHz;
    auto timeline = std::make_shared<acq::StimulusTimeline>(file.parametersSha256(), file.displayRows(), refreshHz,
                                                            acq::StimulusTimeline::Source::Schedule);
    constexpr std::int64_t startNs = 1'000'000'000;
    timeline->presentOnSchedule(startNs);
    const auto endNs = startNs + std::int64_t(double(timeline->rowCount()) / refreshHz * 1e9);
    auto cortex = std::make_shared<SyntheticCortex>(timeline, startNs, endNs);

    ui::LiveMapsFeed feed([cortex](acq::LiveFrame &frame) { return cortex->take(frame); });
    ui::LiveMapsView view;
    view.resize(420, 320);
    view.show();
    connect(&feed, &ui::LiveMapsFeed::mapsUpdated, &view, [&] { view.showMaps(feed.maps(), feed.framesUsed()); });
    QSignalSpy updated(&feed, &ui::LiveMapsFeed::mapsUpdated);
    feed.start(timeline);
    QVERIFY(feed.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(cortex->finished(), 120000);
    // Snapshots came while the frames arrived, not only at the end.
    QVERIFY(updated.count() > 0);
    const int during = updated.count();
    feed.stop();
    QTRY_COMPARE(updated.count(), during + 1);

    QVERIFY(feed.framesUsed() > 10);
    QVERIFY(!feed.maps().azimuthDeg.empty());
    QVERIFY(!feed.maps().altitudeDeg.empty());
    const auto *azimuth = namedChild<ui::MapView>(&view, "liveAzimuth");
    const auto *altitude = namedChild<ui::MapView>(&view, "liveAltitude");
    QCOMPARE(azimuth->picture().size(), QSize(SyntheticCortex::Width, SyntheticCortex::Height));
    QCOMPARE(altitude->picture().size(), QSize(SyntheticCortex::Width, SyntheticCortex::Height));
    QVERIFY2(view.framesText().contains(QLocale().toString(qulonglong(feed.framesUsed()))),
             qPrintable(view.framesText()));
}

// The acquisition panel wires the feed to its recording: a recording with a stimulus shows the live maps,
// updated while it runs and kept once it is over.
void tst_RetinotopyPanel::acquisitionPanelShowsLiveMaps()
{
    const QString library = scratch("library");
    const std::filesystem::path stimulusFile = generateFourDirectionStimulus(library.toStdString());
    qputenv("MACROSCOPE_STIMULUS_LIBRARY", QFile::encodeName(library));
    ui::AcquisitionPanel panel;
    panel.resize(1480, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.findChild<ui::OutputBox *>()->setFolder(scratch("recordings"));
    panel.findChild<ui::SchemaForm *>(QStringLiteral("sessionForm"))->setDocument({{"animal_id", "M9"}, {"operator", "test"}});
    auto *liveMaps = namedChild<ui::LiveMapsView>(&panel, "liveMaps");
    QVERIFY(!liveMaps->isVisible());
    auto *choice = panel.findChild<ui::StimulusChoiceBox *>();
    choice->choose(QString::fromStdString(stimulusFile.string()), QString());
    QTRY_VERIFY_WITH_TIMEOUT(choice->stimulus().has_value(), 20000);
    auto *record = namedChild<QPushButton>(&panel, "record");
    QTRY_VERIFY_WITH_TIMEOUT(record->isEnabled(), 20000);

    auto *feed = panel.findChild<ui::LiveMapsFeed *>();
    QVERIFY(feed);
    int updatesWhileRecording = 0;
    connect(feed, &ui::LiveMapsFeed::mapsUpdated, this, [&] { updatesWhileRecording += panel.isRecording(); });
    QSignalSpy finished(&panel, &ui::AcquisitionPanel::recordingFinished);
    record->click();
    QTRY_VERIFY_WITH_TIMEOUT(liveMaps->isVisible(), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QTRY_VERIFY(!feed->isRunning() && feed->framesUsed() > 0);
    QVERIFY(updatesWhileRecording > 0);
    QTRY_VERIFY(liveMaps->framesText().contains(QLocale().toString(qulonglong(feed->framesUsed()))));
    QVERIFY(liveMaps->isVisible());
    QVERIFY(!namedChild<ui::MapView>(liveMaps, "liveAzimuth")->picture().isNull());
}

QTEST_MAIN(tst_RetinotopyPanel)
#include "tst_retinotopypanel.moc"
