#include "ui/browser/datasource.h"
#include "ui/browser/sliceloader.h"
#include "ui/browser/views/colourbarhistogram.h"
#include "ui/browser/views/framecontrols.h"
#include "ui/browser/views/framepicture.h"
#include "ui/browser/views/imagecanvas.h"
#include "ui/browser/views/imageview.h"

#include "core/h5/file.h"

#include <nlohmann/json.hpp>

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtGui/QPainter>
#include <QtGui/QWheelEvent>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QSlider>

#include <cmath>
#include <limits>
#include <numbers>

using browse::Levels;
using browse::LevelsMode;
using browse::LevelsRule;
using ui::ImageView;

namespace {

// The stack: frame k, row y, column x holds k·1000 + y·Width + x, so that every pixel names itself.
constexpr std::uint64_t Frames = 5;
constexpr std::uint64_t Height = 24;
constexpr std::uint64_t Width = 32;
constexpr int TimeoutMs = 20000;

std::uint16_t stackValue(std::uint64_t frame, std::uint64_t row, std::uint64_t column)
{
    return std::uint16_t(frame * 1000 + row * Width + column);
}

// The float image: column − row/2, so that the upper right is positive and the lower left negative, with
// NaN at (4, 3) and (10, 10).
float imageValue(std::uint64_t row, std::uint64_t column)
{
    if ((row == 3 && column == 4) || (row == 10 && column == 10))
        return std::numeric_limits<float>::quiet_NaN();
    return float(column) - float(row) / 2;
}

LevelsRule minMax()
{
    LevelsRule rule;
    rule.mode = LevelsMode::MinMax;
    return rule;
}

} // namespace

// The image view on a file written with our h5 layer: a chunked, compressed uint16 stack whose pixels name
// their frame, row and column; a float image with negative values and NaN; a phase map in radians; a 4-D
// stack; and a 2048 × 2048 frame for timing.
class tst_ImageView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void factoryScoresImages();
    void colourMapsComeFromOpenCvAndOklab();
    void showsFirstFrameWithValuesUnderTheMouse();
    void wheelZoomsDragPansDoubleClickFits();
    void visibleRegionLevelsFollowTheZoom();
    void arrowKeysStepFrames();
    void fixedLevelsStayWhileScrubbing();
    void typedAndDraggedLevelsAreFixed();
    void logScaleLeavesNonPositiveValuesUncoloured();
    void playAdvancesFramesAndWraps();
    void phasesGetACyclicMap();
    void fourDimensionalStackStepsBothDimensions();
    void unreadableFrameIsReported();
    void largeFramesKeepTheInterfaceResponsive();
    void figureHasTitlePictureAndBar();

private:
    ui::DataSource sourceFor(const std::string &objectPath) const;
    // Shows `view` with `objectPath` and waits for its first frame.
    void showAndWait(ImageView &view, const std::string &objectPath);
    // Saves the view to the test's folder (next to the executable) and to /tmp/browser-shots/ for people.
    static void saveShot(QWidget &view, const QString &name);

    QTemporaryDir m_dir;
    std::optional<h5::File> m_file;
    std::unique_ptr<ui::SliceLoader> m_loader;
};

void tst_ImageView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const std::string path = m_dir.filePath(QStringLiteral("images.h5")).toStdString();
    {
        const h5::File file = h5::File::create(path);
        const h5::Group root = file.root();

        std::vector<std::uint16_t> stack(Frames * Height * Width);
        for (std::uint64_t k = 0; k < Frames; ++k)
            for (std::uint64_t y = 0; y < Height; ++y)
                for (std::uint64_t x = 0; x < Width; ++x)
                    stack[(k * Height + y) * Width + x] = stackValue(k, y, x);
        root.createDataset<std::uint16_t>("recording/stack", {Frames, Height, Width},
                                          {.chunk = {1, Height, Width}, .filters = {h5::Filter::deflate(4)}})
            .write<std::uint16_t>(stack);

        std::vector<float> image(16 * 20);
        for (std::uint64_t y = 0; y < 16; ++y)
            for (std::uint64_t x = 0; x < 20; ++x)
                image[y * 20 + x] = imageValue(y, x);
        root.createDataset<float>("image", {16, 20}).write<float>(image);

        std::vector<float> angles(12 * 12);
        for (std::size_t i = 0; i < angles.size(); ++i)
            angles[i] = float(-std::numbers::pi + 2 * std::numbers::pi * double(i) / double(angles.size()));
        const h5::Dataset angle = root.createDataset<float>("maps/azimuth", {12, 12});
        angle.write<float>(angles);
        angle.attributes().set("units", "rad");

        std::vector<std::int32_t> hyper(2 * 3 * 4 * 5);
        for (std::size_t i = 0; i < hyper.size(); ++i)
            hyper[i] = std::int32_t(i / 20 * 100 + i % 20);
        root.createDataset<std::int32_t>("hyper", {2, 3, 1, 4, 5}).write<std::int32_t>(hyper);

        constexpr std::uint64_t Side = 2048;
        std::vector<float> large(Side * Side);
        for (std::uint64_t y = 0; y < Side; ++y)
            for (std::uint64_t x = 0; x < Side; ++x)
                large[y * Side + x] = float(std::sin(double(x) / 90) * std::cos(double(y) / 70) * 1000 + double(x % 7));
        root.createDataset<float>("large", {1, Side, Side}, {.chunk = {1, 512, 512}}).write<float>(large);
    }
    m_file = h5::File::open(path);
    QDir().mkpath(QStringLiteral("/tmp/browser-shots"));
}

void tst_ImageView::init()
{
    m_loader = std::make_unique<ui::SliceLoader>();
}

void tst_ImageView::cleanup()
{
    m_loader.reset();
}

ui::DataSource tst_ImageView::sourceFor(const std::string &objectPath) const
{
    return ui::describeDataset(*m_file, "/" + objectPath);
}

void tst_ImageView::showAndWait(ImageView &view, const std::string &objectPath)
{
    view.resize(900, 560);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSource(sourceFor(objectPath));
    QTRY_VERIFY_WITH_TIMEOUT(view.isShowingFrame(0), TimeoutMs);
}

void tst_ImageView::saveShot(QWidget &view, const QString &name)
{
    const QImage shot = view.grab().toImage();
    const QString folder = QCoreApplication::applicationDirPath() + QStringLiteral("/tst_imageview-shots");
    QVERIFY(QDir().mkpath(folder));
    QVERIFY(shot.save(folder + QStringLiteral("/image-%1.png").arg(name)));
    QVERIFY(shot.save(QStringLiteral("/tmp/browser-shots/image-%1.png").arg(name)));
}

void tst_ImageView::factoryScoresImages()
{
    const ui::ViewFactory factory = ImageView::factory();
    QCOMPARE(factory.id, QStringLiteral("image"));
    const auto score = [&](h5::TypeClass typeClass, h5::Shape shape, QString interpretation = {}) {
        ui::DataSource source;
        source.typeClass = typeClass;
        source.shape = std::move(shape);
        source.interpretation = std::move(interpretation);
        return factory.priority(source);
    };
    QCOMPARE(score(h5::TypeClass::Integer, {512, 512}), 40);
    QCOMPARE(score(h5::TypeClass::Float, {100, 1, 64, 64}), 40);
    QCOMPARE(score(h5::TypeClass::Float, {64, 64}, QStringLiteral("image")), 55);
    QCOMPARE(score(h5::TypeClass::Float, {1, 1, 512}), 0);
    QCOMPARE(score(h5::TypeClass::String, {4, 4}), 0);
    QCOMPARE(score(h5::TypeClass::Integer, {0, 4, 4}), 0);
}

void tst_ImageView::colourMapsComeFromOpenCvAndOklab()
{
    QStringList names;
    for (const ui::ColourMap &map : ui::colourMaps())
        names << map.name + (map.cyclic ? QStringLiteral(" (cyclic)") : QString());
    QCOMPARE(names, (QStringList{"gray", "viridis", "magma", "inferno", "plasma", "cividis", "turbo",
                                 "cyclic (OKLab) (cyclic)", "twilight (cyclic)", "hsv (cyclic)"}));
    // matplotlib's viridis runs from #440154 to #fde725: red, green and blue in that order, not OpenCV's BGR.
    const ui::ColourMap &viridis = ui::colourMapNamed(QStringLiteral("viridis"));
    const auto near = [](QRgb actual, QRgb expected) {
        return std::abs(qRed(actual) - qRed(expected)) <= 2 && std::abs(qGreen(actual) - qGreen(expected)) <= 2 &&
               std::abs(qBlue(actual) - qBlue(expected)) <= 2;
    };
    QVERIFY(near(viridis.colours.front(), qRgb(0x44, 0x01, 0x54)));
    QVERIFY(near(viridis.colours.back(), qRgb(0xfd, 0xe7, 0x25)));
    QCOMPARE(ui::colourMapNamed(QStringLiteral("gray")).at(0.5), qRgb(128, 128, 128));
    QCOMPARE(ui::colourMapNamed(QStringLiteral("no such map")).name, QStringLiteral("gray"));
    // Cyclic maps end where they begin.
    for (const ui::ColourMap &map : ui::colourMaps())
        if (map.cyclic)
            QVERIFY2(near(map.colours.front(), map.colours.back()) ||
                         std::abs(qGray(map.colours.front()) - qGray(map.colours.back())) < 12,
                     qPrintable(map.name));
}

void tst_ImageView::showsFirstFrameWithValuesUnderTheMouse()
{
    ImageView view(*m_loader);
    showAndWait(view, "recording/stack");
    QCOMPARE(view.frameCount(), quint64(Frames));
    QCOMPARE(view.picture().size(), QSize(int(Width), int(Height)));
    QCOMPARE(view.colourMapName(), QStringLiteral("gray"));
    // numpy.percentile(range(768), [0.5, 99.5]) == [3.835, 763.165]
    QVERIFY(std::abs(view.levels().low - 3.835) < 1e-9);
    QVERIFY(std::abs(view.levels().high - 763.165) < 1e-9);
    const auto shown = view.shownSlice();
    QVERIFY(shown.has_value());
    QCOMPARE(shown->offset, (h5::Shape{0, 0, 0}));
    QCOMPARE(shown->count, (h5::Shape{1, Height, Width}));

    // The mouse over pixel (5, 2) of the zoomed picture reads its value.
    ui::ImageCanvas *canvas = view.canvas();
    QTest::mouseMove(canvas, canvas->widgetPosition(QPointF(5.5, 2.5)).toPoint());
    QTRY_COMPARE(view.readoutText(), QStringLiteral("5, 2 = %1    frame [0, :, :]").arg(stackValue(0, 2, 5)));
    // Zooming in around a pixel keeps it under the mouse.
    const QPointF mouse = canvas->widgetPosition(QPointF(5.2, 2.7));
    const double fitted = canvas->zoom();
    canvas->zoomAround(mouse, 3);
    QCOMPARE(canvas->zoom(), 3 * fitted);
    QCOMPARE(canvas->pixelAt(mouse), std::optional(QPoint(5, 2)));
    QCOMPARE(canvas->pixelAt(mouse + QPointF(canvas->zoom(), 0)), std::optional(QPoint(6, 2)));
    QVERIFY(canvas->visiblePixels().width() < int(Width));
    canvas->fit();
    QCOMPARE(canvas->visiblePixels(), QRect(0, 0, int(Width), int(Height)));
    saveShot(view, QStringLiteral("stack"));
}

void tst_ImageView::wheelZoomsDragPansDoubleClickFits()
{
    ImageView view(*m_loader);
    showAndWait(view, "recording/stack");
    ui::ImageCanvas *canvas = view.canvas();
    QSignalSpy viewChanges(canvas, &ui::ImageCanvas::viewChanged);
    const double fitted = canvas->zoom();

    // Two notches towards the picture, with the mouse over pixel (20, 10): that pixel stays under it.
    const QPointF mouse = canvas->widgetPosition(QPointF(20.5, 10.5));
    QWheelEvent wheel(mouse, canvas->mapToGlobal(mouse), {}, QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas, &wheel);
    QVERIFY(std::abs(canvas->zoom() / fitted - 1.25 * 1.25) < 1e-3);
    QCOMPARE(canvas->pixelAt(mouse), std::optional(QPoint(20, 10)));
    QVERIFY(viewChanges.size() > 0);

    // Dragging by three pixels' width moves the picture with the mouse.
    const QRect before = canvas->visiblePixels();
    const QPoint from = mouse.toPoint();
    const QPoint to = from + QPoint(int(std::lround(3 * canvas->zoom())), 0);
    QTest::mousePress(canvas, Qt::LeftButton, {}, from);
    QTest::mouseMove(canvas, to);
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, to);
    QCOMPARE(canvas->pixelAt(to), std::optional(QPoint(20, 10)));
    QVERIFY(canvas->visiblePixels() != before);

    // Square pixels throughout; a double-click shows the whole frame again.
    QTest::mouseDClick(canvas, Qt::LeftButton, {}, to);
    QCOMPARE(canvas->zoom(), fitted);
    QCOMPARE(canvas->visiblePixels(), QRect(0, 0, int(Width), int(Height)));
    const QPointF corner = canvas->widgetPosition(QPointF(int(Width), int(Height))) - canvas->widgetPosition({0, 0});
    QCOMPARE(corner.x() / Width, corner.y() / Height);
}

void tst_ImageView::visibleRegionLevelsFollowTheZoom()
{
    ImageView view(*m_loader);
    showAndWait(view, "recording/stack");
    view.setLevelsSource(ImageView::LevelsSource::VisibleRegion);
    ui::ImageCanvas *canvas = view.canvas();
    canvas->zoomAround(canvas->widgetPosition({0, 0}), 4);
    const QRect visible = canvas->visiblePixels();
    QVERIFY(visible.width() < int(Width) && visible.height() < int(Height));

    // The frame's values are known: the levels are the percentiles of the part on screen.
    std::vector<float> frame(Width * Height);
    for (std::uint64_t y = 0; y < Height; ++y)
        for (std::uint64_t x = 0; x < Width; ++x)
            frame[y * Width + x] = stackValue(0, y, x);
    const auto expected = browse::autoLevels(frame, Width,
                                             {std::size_t(visible.left()), std::size_t(visible.top()),
                                              std::size_t(visible.width()), std::size_t(visible.height())},
                                             LevelsRule{});
    QVERIFY(expected.has_value());
    QTRY_COMPARE(view.levels().low, expected->low);
    QCOMPARE(view.levels().high, expected->high);
    QVERIFY(view.levels().high < 700);
    // Showing the whole frame again gives the whole frame's levels.
    canvas->fit();
    QTRY_COMPARE(view.levels().high, 763.165);
}

void tst_ImageView::arrowKeysStepFrames()
{
    ImageView view(*m_loader);
    showAndWait(view, "recording/stack");
    view.setLevelsSource(ImageView::LevelsSource::MinMax, minMax());
    QTRY_COMPARE(view.levels().high, 767.0);

    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.frame(), quint64(1));
    // The key returns at once; the frame follows from the reader.
    QVERIFY(!view.isShowingFrame(1));
    QTRY_VERIFY_WITH_TIMEOUT(view.isShowingFrame(1), TimeoutMs);
    QCOMPARE(view.valueText({3, 1}), QStringLiteral("3, 1 = %1    frame [1, :, :]").arg(stackValue(1, 1, 3)));
    // Per frame: the levels follow the frame's values.
    QCOMPARE(view.levels().low, 1000.0);
    QCOMPARE(view.levels().high, 1767.0);
    const auto *slider = view.findChild<QSlider *>();
    QVERIFY(slider);
    QCOMPARE(slider->value(), 1);

    QTest::keyClick(&view, Qt::Key_End);
    QCOMPARE(view.frame(), quint64(Frames - 1));
    QTRY_VERIFY_WITH_TIMEOUT(view.isShowingFrame(Frames - 1), TimeoutMs);
    QCOMPARE(view.shownSlice()->offset, (h5::Shape{Frames - 1, 0, 0}));
    QTest::keyClick(&view, Qt::Key_Right);
    QCOMPARE(view.frame(), quint64(Frames - 1));
    QTest::keyClick(&view, Qt::Key_Left);
    QCOMPARE(view.frame(), quint64(Frames - 2));
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(view.frame(), quint64(0));
    QTRY_VERIFY_WITH_TIMEOUT(view.isShowingFrame(0), TimeoutMs);
    QCOMPARE(view.levels().low, 0.0);
    // The frames stepped over were read once; going back to them came from the cache.
    QVERIFY(m_loader->cacheHitCount() > 0);
}

void tst_ImageView::fixedLevelsStayWhileScrubbing()
{
    ImageView view(*m_loader);
    showAndWait(view, "recording/stack");
    view.setLevelsSource(ImageView::LevelsSource::MinMax, minMax());
    QTRY_COMPARE(view.levels().high, 767.0);
    QCOMPARE(qGray(view.picture().pixel(0, 0)), 0);

    view.setLevelsFixed(true);
    view.setFrame(2);
    QTRY_VERIFY_WITH_TIMEOUT(view.isShowingFrame(2), TimeoutMs);
    QCOMPARE(view.levels().low, 0.0);
    QCOMPARE(view.levels().high, 767.0);
    // Every value of frame 2 (2000 and up) is above the fixed high level: all white.
    QCOMPARE(view.picture().pixel(0, 0), qRgb(255, 255, 255));
    QCOMPARE(view.picture().pixel(int(Width) - 1, int(Height) - 1), qRgb(255, 255, 255));

    view.setLevelsFixed(false);
    QTRY_COMPARE(view.levels().low, 2000.0);
    QCOMPARE(view.levels().high, 2767.0);
    QTRY_COMPARE(view.picture().pixel(0, 0), qRgb(0, 0, 0));
    QCOMPARE(view.findChild<QComboBox *>(QStringLiteral("levelsUpdate"))->currentIndex(), 0);
}

void tst_ImageView::typedAndDraggedLevelsAreFixed()
{
    ImageView view(*m_loader);
    showAndWait(view, "recording/stack");
    auto *low = view.findChild<QLineEdit *>(QStringLiteral("lowLevel"));
    auto *high = view.findChild<QLineEdit *>(QStringLiteral("highLevel"));
    QVERIFY(low && high);
    low->setText(QStringLiteral("100"));
    high->setText(QStringLiteral("200"));
    QVERIFY(QMetaObject::invokeMethod(high, "editingFinished"));
    QVERIFY(view.levelsFixed());
    QCOMPARE(view.levels().low, 100.0);
    QCOMPARE(view.levels().high, 200.0);
    QCOMPARE(view.findChild<QComboBox *>(QStringLiteral("levelsUpdate"))->currentIndex(), 1);
    // Pixel (4, 4) holds 132: 32 % of the way from 100 to 200, grey 0.32 · 254 ≈ 81.
    QTRY_COMPARE(qGray(view.picture().pixel(4, 4)), 81);

    // Dragging the high line down on the histogram lowers the high level.
    ui::ColourBarHistogram *bar = view.colourBar();
    const int x = bar->width() / 2;
    const QPoint from(x, int(std::lround(bar->yOf(200))));
    const QPoint to(x, int(std::lround(bar->yOf(150))));
    QTest::mousePress(bar, Qt::LeftButton, {}, from);
    QTest::mouseMove(bar, to);
    QTest::mouseRelease(bar, Qt::LeftButton, {}, to);
    QVERIFY(view.levelsFixed());
    QCOMPARE(view.levels().low, 100.0);
    QVERIFY2(std::abs(view.levels().high - 150) < 10, qPrintable(QString::number(view.levels().high)));
    QCOMPARE(high->text(), QString::number(view.levels().high, 'g', 6));
    QCOMPARE(bar->levels().high, view.levels().high);
    saveShot(view, QStringLiteral("fixed-levels"));
}

void tst_ImageView::logScaleLeavesNonPositiveValuesUncoloured()
{
    ImageView view(*m_loader);
    showAndWait(view, "image");
    QCOMPARE(view.frameCount(), quint64(1));
    QVERIFY(!view.findChild<ui::FrameControls *>()->isVisible());
    QCOMPARE(view.valueText({4, 3}), QStringLiteral("4, 3 = NaN"));
    QCOMPARE(view.valueText({1, 8}), QStringLiteral("1, 8 = -3"));
    QCOMPARE(qAlpha(view.picture().pixel(4, 3)), 0);
    QCOMPARE(qAlpha(view.picture().pixel(1, 8)), 255);

    // Chosen in the view's own controls.
    auto *levelsChoice = view.findChild<QComboBox *>(QStringLiteral("levelsSource"));
    levelsChoice->setCurrentIndex(levelsChoice->findText(QStringLiteral("min – max")));
    QVERIFY(QMetaObject::invokeMethod(levelsChoice, "activated", Q_ARG(int, levelsChoice->currentIndex())));
    QCOMPARE(view.levelsSource(), ImageView::LevelsSource::MinMax);
    auto *scaleChoice = view.findChild<QComboBox *>(QStringLiteral("scale"));
    scaleChoice->setCurrentIndex(scaleChoice->findText(QStringLiteral("log")));
    QVERIFY(QMetaObject::invokeMethod(scaleChoice, "activated", Q_ARG(int, scaleChoice->currentIndex())));
    QCOMPARE(view.valueScale(), browse::ValueScale::Log);
    // Levels from the positive values only: 0.5 (column 1, row 1) to 19 (column 19, row 0).
    QTRY_COMPARE(view.levels().low, 0.5);
    QCOMPARE(view.levels().high, 19.0);
    QTRY_COMPARE(qAlpha(view.picture().pixel(1, 8)), 0);
    QCOMPARE(qAlpha(view.picture().pixel(0, 0)), 0); // 0 has no logarithm
    QCOMPARE(qAlpha(view.picture().pixel(4, 3)), 0);
    QCOMPARE(view.picture().pixel(19, 0), qRgb(255, 255, 255));
    QCOMPARE(view.picture().pixel(1, 1), qRgb(0, 0, 0));
    // sqrt(19 · 0.5) ≈ 3.08, the middle of the log range: pixel (3, 0) holds 3, just below it.
    QVERIFY(std::abs(qGray(view.picture().pixel(3, 0)) - 124) <= 2);
    view.setColourMap(QStringLiteral("viridis"));
    QTRY_COMPARE(view.colourMapName(), QStringLiteral("viridis"));
    QTRY_VERIFY(view.picture().pixel(19, 0) != qRgb(255, 255, 255));
    saveShot(view, QStringLiteral("log-scale"));
}

void tst_ImageView::playAdvancesFramesAndWraps()
{
    ImageView view(*m_loader);
    showAndWait(view, "recording/stack");
    std::vector<std::uint64_t> shown;
    connect(&view, &ui::DataView::shownChanged, &view, [&] {
        if (const auto slice = view.shownSlice(); slice && (shown.empty() || shown.back() != slice->offset[0]))
            shown.push_back(slice->offset[0]);
    });
    view.setFramesPerSecond(40);
    view.setPlaying(true);
    QVERIFY(view.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(shown.size() >= Frames + 1, TimeoutMs);
    view.setPlaying(false);
    QVERIFY(!view.isPlaying());
    // Every frame in turn, none skipped, then round to the first.
    for (std::size_t i = 0; i < Frames + 1; ++i)
        QCOMPARE(shown[i], (i + 1) % Frames);
}

void tst_ImageView::phasesGetACyclicMap()
{
    ImageView view(*m_loader);
    showAndWait(view, "maps/azimuth");
    // @units = "rad" and values spanning almost a cycle: the cyclic map, wrapping at ±π.
    QTRY_COMPARE(view.colourMapName(), ui::cyclicColourMap().name);
    QVERIFY(view.levelsFixed());
    QCOMPARE(view.levels().low, -std::numbers::pi);
    QCOMPARE(view.levels().high, std::numbers::pi);
    QTRY_VERIFY(!view.picture().isNull());
    // The first value, −π, and the last, just short of π, are nearly the same colour.
    const QRgb first = view.picture().pixel(0, 0), last = view.picture().pixel(11, 11);
    QVERIFY(std::abs(qRed(first) - qRed(last)) + std::abs(qGreen(first) - qGreen(last)) +
                std::abs(qBlue(first) - qBlue(last)) < 40);
    saveShot(view, QStringLiteral("phase"));
    // Another dataset goes back to the default.
    view.setSource(sourceFor("image"));
    QTRY_VERIFY_WITH_TIMEOUT(view.isShowingFrame(0), TimeoutMs);
    QCOMPARE(view.colourMapName(), QStringLiteral("gray"));
    QVERIFY(ui::looksLikePhase(QStringLiteral("/maps/phase_azimuth"), {}, 0, 0));
    QVERIFY(ui::looksLikePhase(QStringLiteral("/a"), QStringLiteral("deg"), -180, 179));
    QVERIFY(!ui::looksLikePhase(QStringLiteral("/a"), QStringLiteral("deg"), 0, 20));
    QVERIFY(!ui::looksLikePhase(QStringLiteral("/a"), QStringLiteral("mm"), 0, 6));
    QCOMPARE(ui::phaseCycleLevels(QStringLiteral("degrees"), 3, 359)->high, 360.0);
    QVERIFY(!ui::phaseCycleLevels(QStringLiteral("rad"), -4, 3).has_value());
}

void tst_ImageView::fourDimensionalStackStepsBothDimensions()
{
    ImageView view(*m_loader);
    showAndWait(view, "hyper");
    QCOMPARE(view.frameCount(), quint64(6));
    QCOMPARE(view.findChildren<QSlider *>().size(), 2);
    QCOMPARE(view.picture().size(), QSize(5, 4));
    view.setFrame(4);
    QTRY_VERIFY_WITH_TIMEOUT(view.isShowingFrame(4), TimeoutMs);
    QCOMPARE(view.shownSlice()->offset, (h5::Shape{1, 1, 0, 0, 0}));
    QCOMPARE(view.shownSlice()->count, (h5::Shape{1, 1, 1, 4, 5}));
    // Frame (1, 1) is the fifth block of 20 values: 400 + row·5 + column.
    QCOMPARE(view.valueText({2, 3}), QStringLiteral("2, 3 = 417    frame [1, 1, 0, :, :]"));
    QCOMPARE(view.findChildren<QSlider *>().at(0)->value(), 1);
    QCOMPARE(view.findChildren<QSlider *>().at(1)->value(), 1);
}

void tst_ImageView::unreadableFrameIsReported()
{
    ImageView view(*m_loader);
    QSignalSpy problems(&view, &ui::DataView::problem);
    m_loader->setMemoryBudget(1000); // less than a frame
    view.resize(600, 400);
    view.show();
    view.setSource(sourceFor("recording/stack"));
    QTRY_COMPARE(problems.size(), 1);
    QVERIFY(problems.at(0).at(0).toString().contains(QStringLiteral("memory budget")));
    QVERIFY(!view.isShowingFrame(0));
    QVERIFY(view.canvas()->message().contains(QStringLiteral("memory budget")));
    QVERIFY(!view.shownSlice().has_value());
}

void tst_ImageView::largeFramesKeepTheInterfaceResponsive()
{
    // The worker's share, timed directly: levels, histogram and colours of a 4 Mpx frame.
    auto frame = std::make_shared<ui::Slice>();
    frame->floats = m_file->root().dataset("large").read<float>();
    ui::FrameRendering rendering;
    rendering.frame = frame;
    rendering.width = rendering.height = 2048;
    rendering.colourMap = ui::colourMapNamed(QStringLiteral("viridis"));
    qint64 best = std::numeric_limits<qint64>::max();
    for (int run = 0; run < 3; ++run) {
        QElapsedTimer timer;
        timer.start();
        const ui::FramePicture picture = ui::renderFrame(rendering);
        best = std::min(best, timer.elapsed());
        QCOMPARE(picture.picture.size(), QSize(2048, 2048));
    }
    qInfo("2048 x 2048 frame on the worker (percentile levels, histogram, colours): %lld ms", best);

    // Meanwhile the UI thread keeps turning: the longest gap between the ticks of a 5 ms timer while the
    // frame is read, drawn and shown.
    ImageView view(*m_loader);
    view.resize(900, 560);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QElapsedTimer sinceTick;
    qint64 longestGap = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, &view, [&] {
        longestGap = std::max(longestGap, sinceTick.restart());
    });
    sinceTick.start();
    ticker.start(5);
    view.setSource(sourceFor("large"));
    QTRY_VERIFY_WITH_TIMEOUT(view.isShowingFrame(0), TimeoutMs);
    view.setValueScale(browse::ValueScale::Log);
    QTest::qWait(300);
    ticker.stop();
    qInfo("longest wait of the UI thread while a 2048 x 2048 frame was read and drawn: %lld ms", longestGap);
    QVERIFY2(longestGap < 150, qPrintable(QString::number(longestGap)));
    saveShot(view, QStringLiteral("large"));
}

void tst_ImageView::figureHasTitlePictureAndBar()
{
    ImageView view(*m_loader);
    showAndWait(view, "recording/stack");
    view.setFrame(3);
    QTRY_VERIFY_WITH_TIMEOUT(view.isShowingFrame(3), TimeoutMs);
    QImage figure(640, 420, QImage::Format_RGB32);
    {
        QPainter painter(&figure);
        view.paintFigure(painter, figure.size());
    }
    QVERIFY(figure.save(QStringLiteral("/tmp/browser-shots/image-figure.png")));
    // White page, dark title text near the top, the grey picture in the middle.
    QCOMPARE(figure.pixel(2, 2), qRgb(255, 255, 255));
    int darkInTitle = 0;
    for (int x = 0; x < figure.width(); ++x)
        for (int y = 12; y < 30; ++y)
            darkInTitle += qGray(figure.pixel(x, y)) < 100 ? 1 : 0;
    QVERIFY(darkInTitle > 20);
    const QRgb centre = figure.pixel(figure.width() / 2 - 40, figure.height() / 2);
    QCOMPARE(qRed(centre), qGreen(centre));
    QVERIFY(qGray(centre) > 0 && qGray(centre) < 255);
}

QTEST_MAIN(tst_ImageView)
#include "tst_imageview.moc"
