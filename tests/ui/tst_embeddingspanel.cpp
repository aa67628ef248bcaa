#include "ui/genomics/categorylegend.h"
#include "ui/genomics/embeddingpoints.h"
#include "ui/genomics/embeddingspanel.h"
#include "ui/genomics/scatterraster.h"
#include "ui/genomics/scatterview.h"
#include "ui/genomics/selectedbinsmodel.h"
#include "ui/shell/messagebanner.h"

#include "core/error.h"
#include "core/genomics/genomicstore.h"
#include "core/genomics/storebuilder.h"
#include "core/h5/file.h"

#include "tests/support/namedchild.h"
#include "tests/support/syntheticgenome.h"

#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtGui/QMouseEvent>
#include <QtGui/QWheelEvent>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <random>
#include <set>

using ui::ScatterPoints;
using ui::ScatterRaster;
using ui::ScatterStyle;
using ui::ScatterView;

namespace {

constexpr int LoadTimeoutMs = 60000;
const float NaN = std::numeric_limits<float>::quiet_NaN();
const QRgb Red = qRgb(200, 0, 0);
const QRgb Blue = qRgb(0, 0, 200);
const QRgb Green = qRgb(0, 160, 0);

struct Point {
    float x, y;
    std::uint16_t colour;
};

ScatterPoints makePoints(const std::vector<Point> &list)
{
    ScatterPoints points;
    for (const Point &point : list) {
        points.x.push_back(point.x);
        points.y.push_back(point.y);
        points.colour.push_back(point.colour);
    }
    return points;
}

ScatterStyle threeColours()
{
    return {{Red, Blue, Green}, {1, 1, 1}};
}

ScatterRaster rasterize(const ScatterPoints &points, const ScatterStyle &style,
                        const std::vector<std::uint32_t> &selected, const QRectF &view, QSize size)
{
    ui::ScatterRasterizer rasterizer;
    return rasterizer.draw(points, style, selected, view, size);
}

QRgb pixelAt(const ScatterRaster &raster, int column, int row)
{
    return raster.image.pixel(column, row);
}

std::uint32_t hitAt(const ScatterRaster &raster, int column, int row)
{
    return raster.hits[std::size_t(row) * std::size_t(raster.image.width()) + std::size_t(column)];
}

// `count` points spread uniformly over [0, 10)², colours 0, 1, 2 in turn, every 50th missing.
std::shared_ptr<ScatterPoints> randomPoints(std::size_t count, std::uint64_t seed)
{
    std::mt19937_64 engine(seed);
    const auto uniform = [&] { return float(double(engine() >> 11) * 0x1.0p-53 * 10); };
    auto points = std::make_shared<ScatterPoints>();
    for (std::size_t i = 0; i < count; ++i) {
        const bool missing = i % 50 == 49;
        points->x.push_back(missing ? NaN : uniform());
        points->y.push_back(uniform());
        points->colour.push_back(std::uint16_t(i % 3));
    }
    return points;
}

double segmentDistance(QPointF p, QPointF a, QPointF b)
{
    const QPointF ab = b - a;
    const double length2 = QPointF::dotProduct(ab, ab);
    const double t = length2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / length2, 0.0, 1.0) : 0.0;
    const QPointF nearest = a + t * ab;
    return std::hypot(p.x() - nearest.x(), p.y() - nearest.y());
}

double distanceToOutline(QPointF p, const QPolygonF &polygon)
{
    double nearest = std::numeric_limits<double>::infinity();
    for (qsizetype i = 0; i < polygon.size(); ++i)
        nearest = std::min(nearest, segmentDistance(p, polygon[i], polygon[(i + 1) % polygon.size()]));
    return nearest;
}

void sendMouse(QWidget *widget, QEvent::Type type, QPoint position, Qt::MouseButton button,
               Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    const Qt::MouseButtons held = type == QEvent::MouseButtonRelease ? Qt::NoButton : Qt::MouseButtons(Qt::LeftButton);
    QMouseEvent event(type, QPointF(position), widget->mapToGlobal(QPointF(position)), button, held, modifiers);
    QApplication::sendEvent(widget, &event);
}

// A small synthetic store written with writeGenomicStore, opened, and its matrices read back for the checks.
struct StoreFixture {
    QTemporaryDir folder;
    genomics::StoreContents contents;
    std::shared_ptr<const genomics::GenomicStore> store;

    explicit StoreFixture(std::size_t bins)
    {
        SyntheticGenomeOptions options;
        options.binCount = bins;
        options.experiments = 3;
        options.tracks = 2;
        contents = syntheticGenome(options);
        const std::filesystem::path path = std::filesystem::path(folder.path().toStdString()) / "store.h5";
        genomics::writeGenomicStore(path, contents);
        store = std::make_shared<const genomics::GenomicStore>(path);
    }
    const std::vector<double> &matrix(const std::string &name) const
    {
        const auto &components = contents.embeddings.components;
        const auto at = std::find(components.begin(), components.end(), name);
        if (at == components.end())
            qFatal("no embedding %s", name.c_str());
        return contents.embeddings.values[std::size_t(at - components.begin())];
    }
    std::size_t experiments() const { return store->experimentAccessions().size(); }
};

std::vector<QStringList> readTsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    std::vector<QStringList> rows;
    for (const QByteArray &line : file.readAll().split('\n'))
        if (!line.isEmpty())
            rows.push_back(QString::fromUtf8(line).split(QLatin1Char('\t')));
    return rows;
}

} // namespace

class tst_EmbeddingsPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void rasterPlacesDiscs();
    void rasterDensityCounts();
    void rasterHidesColours();
    void rasterFadesUnselected();
    void selectsRectangle();
    void selectsPolygon();
    void hiddenPointsAreNotSelectedOrHovered();
    void dragsRectangleWithShift();
    void drawsLassoZoomsAndResets();
    void hoverFindsPoint();
    void zoomStaysWithinWhatTheAxesLabel();
    void legendToggles();
    void panelShowsStore();
    void panelColoursAndExperiments();
    void panelExportsSelection();
    void panelActivatesBins();
    void newChoicesWhileReadingWin();
    void outlierOfANarrowScaleTakesTheTopColour();
    void tooManyPointsForOnePlot();
};

void tst_EmbeddingsPanel::rasterPlacesDiscs()
{
    // 100 × 100 pixels over [0, 10]²: one data unit is ten pixels, and y = 10 is the top row.
    const ScatterPoints points = makePoints({{0.05f, 9.95f, 0}, {5.05f, 4.45f, 1}, {NaN, 5, 2}, {20, 5, 2}});
    const ScatterRaster raster = rasterize(points, threeColours(), {}, QRectF(0, 0, 10, 10), QSize(100, 100));
    QCOMPARE(raster.image.format(), QImage::Format_ARGB32_Premultiplied);
    QCOMPARE(raster.mode, ScatterRaster::Mode::Discs);
    QCOMPARE(raster.discDiameter, 4);
    QCOMPARE(raster.shownPoints, std::size_t(2));
    // The first point falls into pixel (0, 0), the second into column 50, row 55 (10 − 4.45 = 5.55 units).
    QCOMPARE(pixelAt(raster, 0, 0), Red);
    QCOMPARE(hitAt(raster, 0, 0), 1u);
    QCOMPARE(pixelAt(raster, 50, 55), Blue);
    QCOMPARE(hitAt(raster, 50, 55), 2u);
    // A disc of 4 pixels: its neighbours are covered, pixels 3 away are not.
    QCOMPARE(pixelAt(raster, 51, 55), Blue);
    QCOMPARE(pixelAt(raster, 50, 54), Blue);
    QCOMPARE(qAlpha(pixelAt(raster, 53, 55)), 0);
    QCOMPARE(qAlpha(pixelAt(raster, 50, 58)), 0);
    QCOMPARE(hitAt(raster, 50, 58), 0u);
    // The missing point and the one outside the view are drawn nowhere.
    std::size_t covered = 0;
    for (const std::uint32_t hit : raster.hits) {
        QVERIFY(hit == 0 || hit == 1 || hit == 2);
        covered += hit != 0;
    }
    QVERIFY(covered > 2 && covered <= 2 * 16);
    QCOMPARE(raster.pointAt(QPoint(52, 57), 3), std::optional<std::size_t>(1));
    QCOMPARE(raster.pointAt(QPoint(90, 90), 3), std::nullopt);
}

void tst_EmbeddingsPanel::rasterDensityCounts()
{
    // 4 × 4 pixels over [0, 4]²; 15 points cannot be discs of even 2 × 2 pixels (60 > 16), so density.
    std::vector<Point> list;
    for (int i = 0; i < 5; ++i) {
        list.push_back({0.5f, 3.5f, 0}); // pixel (0, 0): 5 red and 5 blue
        list.push_back({0.5f, 3.5f, 1});
    }
    for (int i = 0; i < 3; ++i)
        list.push_back({2.5f, 0.5f, 2}); // pixel (2, 3): 3 green
    list.push_back({3.5f, 3.5f, 0});     // pixel (3, 0): 1 red
    list.push_back({3.5f, 3.5f, 5});     // a colour outside the palette: never drawn
    const ScatterPoints points = makePoints(list);
    const ScatterRaster raster = rasterize(points, threeColours(), {}, QRectF(0, 0, 4, 4), QSize(4, 4));
    QCOMPARE(raster.mode, ScatterRaster::Mode::Density);
    QCOMPARE(raster.shownPoints, std::size_t(14));
    std::vector<std::uint32_t> expected(16, 0);
    expected[0] = 10;
    expected[3 * 4 + 2] = 3;
    expected[3] = 1;
    QCOMPARE(raster.counts, expected);
    QCOMPARE(hitAt(raster, 0, 0), 10u); // the last point into that pixel: index 9
    QCOMPARE(hitAt(raster, 2, 3), 13u);
    QCOMPARE(hitAt(raster, 1, 1), 0u);

    // The fullest pixel is opaque and the mean of its colours; fewer points, more transparent.
    const QRgb full = pixelAt(raster, 0, 0);
    QCOMPARE(qAlpha(full), 255);
    QCOMPARE(qRed(full), 100);
    QCOMPARE(qBlue(full), 100);
    const int alphaThree = qAlpha(pixelAt(raster, 2, 3));
    const int alphaOne = qAlpha(pixelAt(raster, 3, 0));
    QVERIFY(alphaOne > 0 && alphaOne < alphaThree && alphaThree < 255);
    // Opacity rises with log(count): three points stand as far above one as log 3 / log 10 of the way.
    const double share = double(alphaThree - alphaOne) / double(255 - alphaOne);
    QVERIFY(std::abs(share - std::log(3.0) / std::log(10.0)) < 0.02);
    // Premultiplied green: unpremultiplied, the palette's colour.
    const QRgb green = qUnpremultiply(pixelAt(raster, 2, 3));
    QVERIFY(std::abs(qGreen(green) - 160) <= 2);
    QCOMPARE(qRed(green), 0);
}

void tst_EmbeddingsPanel::rasterHidesColours()
{
    const ScatterPoints points = makePoints({{2, 2, 0}, {8, 8, 1}, {2, 8, 2}});
    ScatterStyle style = threeColours();
    style.visible[1] = 0;
    const ScatterRaster raster = rasterize(points, style, {}, QRectF(0, 0, 10, 10), QSize(100, 100));
    QCOMPARE(raster.shownPoints, std::size_t(2));
    QCOMPARE(pixelAt(raster, 20, 80), Red);
    QCOMPARE(qAlpha(pixelAt(raster, 80, 20)), 0);
    QCOMPARE(hitAt(raster, 80, 20), 0u);
    QCOMPARE(pixelAt(raster, 20, 20), Green);

    // The same in the density image: a hidden colour adds to no pixel.
    std::vector<Point> many;
    for (int i = 0; i < 40; ++i)
        many.push_back({0.5f, 0.5f, std::uint16_t(i % 2)});
    const ScatterRaster density =
        rasterize(makePoints(many), style, {}, QRectF(0, 0, 2, 2), QSize(2, 2));
    QCOMPARE(density.mode, ScatterRaster::Mode::Density);
    QCOMPARE(density.counts[2], 20u);
    QCOMPARE(qUnpremultiply(pixelAt(density, 0, 1)), Red);
}

void tst_EmbeddingsPanel::rasterFadesUnselected()
{
    const ScatterPoints points = makePoints({{2, 2, 0}, {8, 8, 1}});
    const std::vector<std::uint32_t> selected{1};
    const ScatterRaster raster = rasterize(points, threeColours(), selected, QRectF(0, 0, 10, 10), QSize(100, 100));
    QCOMPARE(pixelAt(raster, 80, 20), Blue);
    // A dark ring around the selected disc.
    const QRgb ring = pixelAt(raster, 80, 22);
    QVERIFY(qAlpha(ring) == 255 && qRed(ring) < 60 && qBlue(ring) < 60);
    // The other point is still there, faded towards grey.
    const QRgb faded = pixelAt(raster, 20, 80);
    QVERIFY(faded != Red);
    QVERIFY(qRed(faded) > qGreen(faded));
    QVERIFY(qGreen(faded) > 100);
    QCOMPARE(hitAt(raster, 20, 80), 1u);
}

void tst_EmbeddingsPanel::selectsRectangle()
{
    ScatterView view;
    view.resize(500, 400);
    const auto points = randomPoints(3000, 7);
    view.setPoints(points, threeColours());
    QSignalSpy changed(&view, &ScatterView::selectionChanged);

    const QRectF first(2, 3, 4, 2.5), second(7, 7, 2, 2);
    const auto inside = [&](std::size_t i, const QRectF &rect) {
        return points->x[i] >= rect.left() && points->x[i] <= rect.right() && points->y[i] >= rect.top()
               && points->y[i] <= rect.bottom();
    };
    std::vector<std::uint32_t> expected;
    for (std::size_t i = 0; i < points->size(); ++i)
        if (inside(i, first))
            expected.push_back(std::uint32_t(i));
    view.selectRect(first);
    QCOMPARE(view.selectedPoints(), expected);
    QCOMPARE(changed.count(), 1);

    // Shift: the union, still ascending.
    expected.clear();
    for (std::size_t i = 0; i < points->size(); ++i)
        if (inside(i, first) || inside(i, second))
            expected.push_back(std::uint32_t(i));
    view.selectRect(second, ScatterView::SelectionUpdate::Add);
    QCOMPARE(view.selectedPoints(), expected);
    QCOMPARE(changed.count(), 2);

    view.clearSelection();
    QVERIFY(view.selectedPoints().empty());
    QCOMPARE(changed.count(), 3);
}

void tst_EmbeddingsPanel::selectsPolygon()
{
    ScatterView view;
    view.resize(500, 400);
    const auto points = randomPoints(5000, 11);
    view.setPoints(points, threeColours());
    // A concave, self-touching-free star; odd-even filling as QPolygonF::containsPoint does.
    QPolygonF star;
    for (int i = 0; i < 10; ++i) {
        const double angle = i * std::numbers::pi / 5, radius = i % 2 ? 1.5 : 4;
        star << QPointF(5 + radius * std::cos(angle), 5 + radius * std::sin(angle));
    }
    view.selectPolygon(star);
    const std::set<std::uint32_t> selected(view.selectedPoints().begin(), view.selectedPoints().end());
    QCOMPARE(selected.size(), view.selectedPoints().size());
    // The mask is 1024 pixels across the star's 8 units: points nearer the outline than a pixel may go either way.
    const double tolerance = 8.0 / 1024 * 2;
    std::size_t decided = 0;
    for (std::size_t i = 0; i < points->size(); ++i) {
        const QPointF p(points->x[i], points->y[i]);
        if (std::isnan(points->x[i]) || distanceToOutline(p, star) < tolerance)
            continue;
        ++decided;
        QVERIFY2(star.containsPoint(p, Qt::OddEvenFill) == bool(selected.count(std::uint32_t(i))),
                 qPrintable(QStringLiteral("point %1 at (%2, %3)").arg(i).arg(p.x()).arg(p.y())));
    }
    QVERIFY(decided > 4800 && !selected.empty());

    // Fewer than three vertices select nothing.
    view.selectPolygon(QPolygonF{{1, 1}, {9, 9}});
    QVERIFY(view.selectedPoints().empty());
}

void tst_EmbeddingsPanel::hiddenPointsAreNotSelectedOrHovered()
{
    ScatterView view;
    view.resize(500, 400);
    const auto points = randomPoints(600, 3);
    view.setPoints(points, threeColours());
    view.selectRect(QRectF(0, 0, 10, 10));
    QCOMPARE(view.selectedPoints().size(), std::size_t(600 - 12)); // every 50th is missing

    // Hiding colour 1 takes its points out of the selection, and out of later ones.
    QSignalSpy changed(&view, &ScatterView::selectionChanged);
    ScatterStyle style = threeColours();
    style.visible[1] = 0;
    view.setStyle(style);
    QCOMPARE(changed.count(), 1);
    for (const std::uint32_t point : view.selectedPoints())
        QVERIFY(points->colour[point] != 1);
    view.selectRect(QRectF(0, 0, 10, 10));
    std::size_t expected = 0;
    for (std::size_t i = 0; i < points->size(); ++i)
        expected += !std::isnan(points->x[i]) && points->colour[i] != 1;
    QCOMPARE(view.selectedPoints().size(), expected);
    for (const std::uint32_t point : view.selectedPoints())
        QVERIFY(points->colour[point] != 1);
    // Neither drawn nor under the mouse.
    for (const std::uint32_t hit : view.raster().hits)
        QVERIFY(hit == 0 || points->colour[hit - 1] != 1);
    for (std::size_t i = 0; i < points->size(); ++i)
        if (points->colour[i] == 1 && !std::isnan(points->x[i])) {
            const auto under = view.pointAt(view.widgetPositionOf({points->x[i], points->y[i]}).toPoint());
            QVERIFY(!under || points->colour[*under] != 1);
        }
}

void tst_EmbeddingsPanel::dragsRectangleWithShift()
{
    ScatterView view;
    view.resize(500, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto points = randomPoints(2000, 5);
    view.setPoints(points, threeColours());
    view.setTool(ScatterView::Tool::Rectangle);

    const auto drag = [&](QPointF from, QPointF to, Qt::KeyboardModifiers modifiers) {
        const QPoint a = view.widgetPositionOf(from).toPoint(), b = view.widgetPositionOf(to).toPoint();
        sendMouse(&view, QEvent::MouseButtonPress, a, Qt::LeftButton, modifiers);
        sendMouse(&view, QEvent::MouseMove, (a + b) / 2, Qt::NoButton, modifiers);
        sendMouse(&view, QEvent::MouseMove, b, Qt::NoButton, modifiers);
        sendMouse(&view, QEvent::MouseButtonRelease, b, Qt::LeftButton, modifiers);
        // The band drawn: the pixels from the press to the release, both included.
        return QRect(a, b).normalized();
    };
    const QRect first = drag({1, 1}, {4, 4}, Qt::NoModifier);
    const QRect second = drag({6, 6}, {9, 8}, Qt::ShiftModifier);
    // The widget position of a point, from the view's rectangle and the plot area, x right and y down.
    const QRect area = view.plotArea();
    const QRectF shown = view.view();
    const auto positionOf = [&](std::size_t i) {
        return QPointF(area.left() + (points->x[i] - shown.left()) * area.width() / shown.width(),
                       area.top() + (shown.bottom() - points->y[i]) * area.height() / shown.height());
    };
    // Inside a band when drawn in one of its pixels; a point within a thousandth of a pixel of an edge may go
    // either way.
    const auto within = [](QPointF p, const QRect &band) {
        return p.x() >= band.left() && p.x() < band.right() + 1 && p.y() >= band.top() && p.y() < band.bottom() + 1;
    };
    const auto nearEdge = [](QPointF p, const QRect &band) {
        const auto near = [](double v, int edge) { return std::abs(v - edge) < 1e-3; };
        return near(p.x(), band.left()) || near(p.x(), band.right() + 1) || near(p.y(), band.top())
               || near(p.y(), band.bottom() + 1);
    };
    std::vector<std::uint32_t> expected;
    std::size_t inLastColumnOrRow = 0;
    for (std::size_t i = 0; i < points->size(); ++i) {
        if (std::isnan(points->x[i]))
            continue;
        const QPointF p = positionOf(i);
        if (nearEdge(p, first) || nearEdge(p, second)) {
            if (std::binary_search(view.selectedPoints().begin(), view.selectedPoints().end(), std::uint32_t(i)))
                expected.push_back(std::uint32_t(i));
            continue;
        }
        if (within(p, first) || within(p, second)) {
            expected.push_back(std::uint32_t(i));
            for (const QRect &band : {first, second})
                inLastColumnOrRow += within(p, band) && (int(p.x()) == band.right() || int(p.y()) == band.bottom());
        }
    }
    // The last column and row of each band hold points, which a selection up to the release's pixel corner
    // would miss.
    QVERIFY(inLastColumnOrRow > 0);
    QCOMPARE(view.selectedPoints(), expected);

    // A click on nothing empties the selection; the pan tool drags the view instead.
    const QPoint corner = view.plotArea().topLeft() + QPoint(1, 1);
    view.selectRect(QRectF(-5, -5, 1, 1));
    sendMouse(&view, QEvent::MouseButtonPress, corner, Qt::LeftButton);
    sendMouse(&view, QEvent::MouseButtonRelease, corner, Qt::LeftButton);
    QVERIFY(view.selectedPoints().empty());
    view.setTool(ScatterView::Tool::Pan);
    const QRectF before = view.view();
    sendMouse(&view, QEvent::MouseButtonPress, QPoint(200, 200), Qt::LeftButton);
    sendMouse(&view, QEvent::MouseMove, QPoint(250, 200), Qt::NoButton);
    sendMouse(&view, QEvent::MouseButtonRelease, QPoint(250, 200), Qt::LeftButton);
    const double moved = 50.0 * before.width() / view.plotArea().width();
    QVERIFY(std::abs(view.view().left() - (before.left() - moved)) < 1e-9);
    QVERIFY(view.selectedPoints().empty());
}

void tst_EmbeddingsPanel::drawsLassoZoomsAndResets()
{
    ScatterView view;
    view.resize(500, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto points = randomPoints(4000, 9);
    view.setPoints(points, threeColours());
    const QRectF full = view.view();
    QCOMPARE(full, view.fullView());

    // A triangle drawn with the lasso: the points inside the polygon of the pixels the mouse went through.
    view.setTool(ScatterView::Tool::Lasso);
    const QPoint corners[] = {view.widgetPositionOf({2, 2}).toPoint(), view.widgetPositionOf({8, 3}).toPoint(),
                              view.widgetPositionOf({4, 8}).toPoint()};
    sendMouse(&view, QEvent::MouseButtonPress, corners[0], Qt::LeftButton);
    // Through the middle of each pixel the mouse went over.
    const QPointF middle(0.5, 0.5);
    QPolygonF drawn{view.dataAt(corners[0] + middle)};
    for (int side = 0; side < 3; ++side)
        for (int step = 1; step <= 10; ++step) {
            const QPoint at = corners[side] + (corners[(side + 1) % 3] - corners[side]) * step / 10;
            sendMouse(&view, QEvent::MouseMove, at, Qt::NoButton);
            drawn << view.dataAt(at + middle);
        }
    sendMouse(&view, QEvent::MouseButtonRelease, corners[0], Qt::LeftButton);
    const std::set<std::uint32_t> selected(view.selectedPoints().begin(), view.selectedPoints().end());
    const double tolerance = 8.0 / 1024 * 2;
    std::size_t inside = 0;
    for (std::size_t i = 0; i < points->size(); ++i) {
        const QPointF p(points->x[i], points->y[i]);
        if (std::isnan(points->x[i]) || distanceToOutline(p, drawn) < tolerance)
            continue;
        const bool expected = drawn.containsPoint(p, Qt::OddEvenFill);
        QCOMPARE(bool(selected.count(std::uint32_t(i))), expected);
        inside += expected;
    }
    QVERIFY(inside > 300);

    // The wheel zooms in around the cursor: the data point under it stays under it.
    const QPoint cursor = view.widgetPositionOf({3, 6}).toPoint();
    const QPointF anchor = view.dataAt(cursor);
    QWheelEvent wheel(QPointF(cursor), view.mapToGlobal(QPointF(cursor)), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &wheel);
    QVERIFY(view.view().width() < full.width() / 1.5);
    QVERIFY(std::abs(view.dataAt(cursor).x() - anchor.x()) < 1e-9);
    QVERIFY(std::abs(view.dataAt(cursor).y() - anchor.y()) < 1e-9);

    // Home and a double-click show everything again.
    QTest::keyClick(&view, Qt::Key_Home);
    QCOMPARE(view.view(), full);
    view.setView(QRectF(1, 1, 2, 2));
    QTest::mouseDClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(200, 200));
    QCOMPARE(view.view(), full);
}

void tst_EmbeddingsPanel::hoverFindsPoint()
{
    ScatterView view;
    view.resize(400, 300);
    const ScatterPoints points = makePoints({{1, 1, 0}, {2, 2, 1}, {3, 1, 2}});
    view.setPoints(std::make_shared<const ScatterPoints>(points), threeColours());
    view.setView(QRectF(0, 0, 4, 3));
    view.setDescriber([](std::size_t point) { return QStringLiteral("point %1").arg(point); });
    for (std::size_t i = 0; i < points.size(); ++i) {
        const QPointF at = view.widgetPositionOf({points.x[i], points.y[i]});
        QCOMPARE(view.pointAt(at.toPoint()), std::optional<std::size_t>(i));
        // A pixel or two away still finds it.
        QCOMPARE(view.pointAt(at.toPoint() + QPoint(2, -1)), std::optional<std::size_t>(i));
    }
    QCOMPARE(view.pointAt(view.widgetPositionOf({2, 0.2}).toPoint()), std::nullopt);
    QCOMPARE(view.pointAt(QPoint(-50, -50)), std::nullopt);

    QSignalSpy hovered(&view, &ScatterView::pointHovered);
    const QPoint over = view.widgetPositionOf({2, 2}).toPoint();
    QMouseEvent move(QEvent::MouseMove, QPointF(over), view.mapToGlobal(QPointF(over)), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QApplication::sendEvent(&view, &move);
    QCOMPARE(hovered.count(), 1);
    QCOMPARE(hovered.last().at(0).toLongLong(), 1);
}

void tst_EmbeddingsPanel::zoomStaysWithinWhatTheAxesLabel()
{
    ScatterView view;
    view.resize(500, 400);
    view.setPoints(std::make_shared<const ScatterPoints>(makePoints({{1000, 1000, 0}, {1010, 1010, 1}})),
                   threeColours());
    const QRectF full = view.fullView();

    // Around 1005 a double resolves 2e-13: a view 1e-14 wide is widened, about its centre, to 1e-5 of 1005,
    // and its axes still paint (ticks of a step below the values' resolution never advanced).
    view.setView(QRectF(1005, 1005, 1e-14, 1e-14));
    QVERIFY(std::abs(view.view().width() - 1e-5 * 1005) < 1e-12);
    QVERIFY(std::abs(view.view().height() - 1e-5 * 1005) < 1e-12);
    QVERIFY(std::abs(view.view().center().x() - 1005) < 1e-9);
    QVERIFY(std::abs(view.view().center().y() - 1005) < 1e-9);
    QVERIFY(!view.grab().isNull());

    // The wheel stops there too, however far it turns.
    view.setView(full);
    const QPoint cursor = view.plotArea().center();
    for (int notch = 0; notch < 300; ++notch) {
        QWheelEvent wheel(QPointF(cursor), view.mapToGlobal(QPointF(cursor)), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&view, &wheel);
    }
    QVERIFY(view.view().width() >= 1e-5 * std::abs(view.view().center().x()));
    QVERIFY(view.view().height() >= 1e-5 * std::abs(view.view().center().y()));
    QVERIFY(!view.grab().isNull());

    // Out: at most a thousand times the view of every point; never infinite.
    view.setView(QRectF(-1e300, -1e300, 2e300, 2e300));
    QVERIFY(std::abs(view.view().width() - 1000 * full.width()) < 1e-6 * full.width());
    QVERIFY(std::abs(view.view().height() - 1000 * full.height()) < 1e-6 * full.height());
    QVERIFY(!view.grab().isNull());

    // A rectangle with a NaN or infinite corner changes nothing.
    const QRectF before = view.view();
    const double inf = std::numeric_limits<double>::infinity();
    view.setView(QRectF(std::nan(""), 0, 1, 1));
    view.setView(QRectF(0, 0, inf, 1));
    view.setView(QRectF(-inf, 0, 1, 1));
    QCOMPARE(view.view(), before);
}

void tst_EmbeddingsPanel::legendToggles()
{
    ui::CategoryLegend legend;
    legend.setTitle(QStringLiteral("leiden"));
    legend.setEntries({{QStringLiteral("0"), Red, 10, true}, {QStringLiteral("1"), Blue, 5, true}});
    QSignalSpy changed(&legend, &ui::CategoryLegend::visibilityChanged);
    legend.setEntryVisible(1, false);
    QCOMPARE(changed.count(), 1);
    QVERIFY(legend.entry(0).visible);
    QVERIFY(!legend.entry(1).visible);
    legend.setEntryVisible(1, false);
    QCOMPARE(changed.count(), 1);
    namedChild<QToolButton>(&legend, "legendNone")->click();
    QCOMPARE(changed.count(), 2);
    QVERIFY(!legend.entry(0).visible && !legend.entry(1).visible);
    namedChild<QToolButton>(&legend, "legendAll")->click();
    QVERIFY(legend.entry(0).visible && legend.entry(1).visible);
    QVERIFY(!legend.hasColourBar());
    legend.setColourBar({Red, Blue}, -1, 2, {{QStringLiteral("no value"), Green, 3, true}});
    QVERIFY(legend.hasColourBar());
    QCOMPARE(legend.entryCount(), std::size_t(1));
}

void tst_EmbeddingsPanel::panelShowsStore()
{
    const StoreFixture fixture(3000);
    ui::EmbeddingsPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QSignalSpy settled(&panel, &ui::EmbeddingsPanel::settled);
    panel.setStore(fixture.store);
    QVERIFY(panel.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() == 1, LoadTimeoutMs);
    QVERIFY(!panel.isBusy());

    // The defaults: the UMAP components, all experiments, coloured by the Leiden clusters.
    QCOMPARE(panel.choice().x, QStringLiteral("umap1"));
    QCOMPARE(panel.choice().y, QStringLiteral("umap2"));
    QCOMPARE(panel.choice().experiment, -1);
    QCOMPARE(panel.choice().colourBy, QStringLiteral("embedding:leiden"));

    const std::vector<double> &x = fixture.matrix("umap1"), &y = fixture.matrix("umap2"),
                              &leiden = fixture.matrix("leiden");
    // Clusters in numeric order, then the points without a cluster.
    std::map<std::int64_t, std::size_t> perCluster;
    std::size_t finite = 0, noCluster = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
            ++finite;
            if (std::isnan(leiden[i]))
                ++noCluster;
            else
                ++perCluster[std::int64_t(leiden[i])];
        }
    const ScatterView *view = panel.scatterView();
    QCOMPARE(view->points()->size(), x.size());
    QCOMPARE(view->raster().shownPoints, finite);

    // One legend entry per cluster, in numeric order, with its count.
    const ui::CategoryLegend *legend = panel.legend();
    QCOMPARE(legend->title(), QStringLiteral("leiden"));
    QCOMPARE(legend->entryCount(), perCluster.size() + (noCluster > 0));
    std::size_t entry = 0;
    for (const auto &[cluster, count] : perCluster) {
        QCOMPARE(legend->entry(entry).name, QString::number(cluster));
        QCOMPARE(legend->entry(entry).count, count);
        ++entry;
    }
    if (noCluster > 0)
        QCOMPARE(legend->entry(entry).count, noCluster);

    // Hiding the first cluster hides its points from the drawing and from selections.
    const double hidden = double(perCluster.begin()->first);
    panel.legend()->setEntryVisible(0, false);
    QCOMPARE(view->raster().shownPoints, finite - perCluster.begin()->second);
    panel.scatterView()->selectRect(view->fullView());
    QCOMPARE(view->selectedPoints().size(), finite - perCluster.begin()->second);
    for (const std::uint32_t point : view->selectedPoints())
        QVERIFY(leiden[point] != hidden);
    QCOMPARE(panel.selectedBins()->rowCount(), int(view->selectedPoints().size()));
    panel.legend()->setEntryVisible(0, true);
    QCOMPARE(view->raster().shownPoints, finite);

    // The tooltip names the bin, the experiment and the values.
    const std::size_t point = view->selectedPoints().front();
    const std::size_t bin = point / fixture.experiments();
    const QString text = panel.shown()->describe(point);
    QVERIFY2(text.contains(QString::fromStdString(fixture.contents.bins.name(bin))), qPrintable(text));
    const std::string &accession = fixture.store->experimentAccessions()[point % fixture.experiments()];
    QVERIFY(text.contains(QString::fromStdString(accession)));
    QVERIFY(text.contains(QStringLiteral("leiden: ") + QString::number(leiden[point])));
}

void tst_EmbeddingsPanel::panelColoursAndExperiments()
{
    const StoreFixture fixture(2000);
    ui::EmbeddingsPanel panel;
    panel.resize(1200, 800);
    panel.setStore(fixture.store);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), LoadTimeoutMs);
    panel.scatterView()->selectRect(QRectF(-1e9, -1e9, 2e9, 2e9));
    const std::size_t selected = panel.scatterView()->selectedPoints().size();
    QVERIFY(selected > 0);

    // A metadata column: one category per biosample among the experiments; the selection stays.
    panel.setColourBy(QStringLiteral("biosample"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), LoadTimeoutMs);
    QCOMPARE(panel.choice().colourBy, QStringLiteral("experiment:biosample"));
    const h5::Column &biosample = *fixture.contents.experiments.find("biosample");
    const auto &names = std::get<std::vector<std::string>>(biosample.data);
    QCOMPARE(panel.legend()->entryCount(), std::set<std::string>(names.begin(), names.end()).size());
    QCOMPARE(panel.scatterView()->selectedPoints().size(), selected);

    // A track's signal: continuous, with a colour bar.
    panel.setColourBy(QStringLiteral("track:TRACK1"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), LoadTimeoutMs);
    QVERIFY(panel.shown()->continuous);
    QVERIFY(panel.legend()->hasColourBar());
    const std::vector<double> &signal = fixture.contents.trackSignals[0];
    const std::size_t point = panel.scatterView()->selectedPoints()[selected / 2];
    const double value = signal[point / fixture.experiments()];
    QCOMPARE(panel.shown()->values[point], value);

    // One experiment: one point per bin.
    panel.setExperiment(1);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), LoadTimeoutMs);
    QCOMPARE(panel.scatterView()->points()->size(), fixture.contents.bins.size());
    QCOMPARE(panel.shown()->x[5], fixture.matrix("umap1")[5 * fixture.experiments() + 1]);
    QVERIFY(panel.scatterView()->selectedPoints().empty());

    // Unknown names are reported and change nothing.
    const ui::EmbeddingChoice before = panel.choice();
    panel.setColourBy(QStringLiteral("no_such_thing"));
    panel.setComponents(QStringLiteral("PCA1"), QStringLiteral("PCA9"));
    QVERIFY(!panel.isBusy());
    QCOMPARE(panel.choice().colourBy, before.colourBy);
    QCOMPARE(panel.choice().y, before.y);
    QVERIFY(panel.banner()->text().contains(QStringLiteral("no_such_thing")));
    QVERIFY(panel.banner()->text().contains(QStringLiteral("PCA9")));

    panel.setComponents(QStringLiteral("PCA1"), QStringLiteral("PCA2"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), LoadTimeoutMs);
    QCOMPARE(panel.shown()->choice.x, QStringLiteral("PCA1"));
    QCOMPARE(panel.scatterView()->points()->x[7], float(fixture.matrix("PCA1")[7 * fixture.experiments() + 1]));
}

void tst_EmbeddingsPanel::panelExportsSelection()
{
    const StoreFixture fixture(2000);
    ui::EmbeddingsPanel panel;
    panel.resize(1200, 800);
    panel.setStore(fixture.store);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), LoadTimeoutMs);

    const std::vector<double> &x = fixture.matrix("umap1"), &y = fixture.matrix("umap2"),
                              &leiden = fixture.matrix("leiden");
    const QRectF full = panel.scatterView()->fullView();
    const QRectF rect(full.center() - QPointF(full.width() / 4, full.height() / 4), full.size() / 2);
    panel.scatterView()->selectRect(rect);
    std::vector<std::size_t> expected;
    for (std::size_t i = 0; i < x.size(); ++i)
        // The view holds coordinates as float, as it draws them. (QRectF::contains takes NaN for inside.)
        if (std::isfinite(x[i]) && std::isfinite(y[i]) && rect.contains(QPointF(float(x[i]), float(y[i]))))
            expected.push_back(i);
    QVERIFY(!expected.empty());
    QCOMPARE(panel.selectedBins()->rowCount(), int(expected.size()));

    QTemporaryDir out;
    const QString path = out.filePath(QStringLiteral("selected.tsv"));
    QSignalSpy settled(&panel, &ui::EmbeddingsPanel::settled);
    panel.exportSelection(path);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() == 1, LoadTimeoutMs);
    QVERIFY2(panel.banner()->text().isEmpty(), qPrintable(panel.banner()->text()));

    const std::vector<QStringList> rows = readTsv(path);
    QCOMPARE(rows.size(), expected.size() + 1);
    QCOMPARE(rows[0],
             QStringList({"bin_name", "chrom", "start", "end", "good_bin", "experiment", "umap1", "umap2", "leiden"}));
    const genomics::GenomeBins &bins = fixture.contents.bins;
    const auto &accession = std::get<std::vector<std::string>>(fixture.contents.experiments.find("accession")->data);
    for (std::size_t row = 0; row < expected.size(); ++row) {
        const std::size_t point = expected[row], bin = point / fixture.experiments();
        const QStringList &cells = rows[row + 1];
        QCOMPARE(cells.size(), 9);
        std::size_t chromosome = 0;
        while (bin >= bins.chromosomes[chromosome].firstBin + bins.chromosomes[chromosome].binCount)
            ++chromosome;
        const QString chrom = QString::fromStdString(bins.chromosomes[chromosome].name);
        QCOMPARE(cells[0], QStringLiteral("%1:%2-%3").arg(chrom).arg(bins.start[bin]).arg(bins.end[bin]));
        QCOMPARE(cells[1], chrom);
        QCOMPARE(cells[2].toLongLong(), bins.start[bin]);
        QCOMPARE(cells[3].toLongLong(), bins.end[bin]);
        QCOMPARE(cells[4], bins.good[bin] ? QStringLiteral("true") : QStringLiteral("false"));
        QCOMPARE(cells[5], QString::fromStdString(accession[point % fixture.experiments()]));
        QCOMPARE(cells[6].toDouble(), x[point]);
        QCOMPARE(cells[7].toDouble(), y[point]);
        QCOMPARE(cells[8], std::isnan(leiden[point]) ? QString() : QString::number(leiden[point]));
    }

    // An HDF5 file named without a table path gets the table at /selected_bins.
    const QString h5Path = out.filePath(QStringLiteral("selected.h5"));
    panel.exportSelection(h5Path);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() == 2, LoadTimeoutMs);
    const h5::Table table = h5::readTable(h5::File::open(h5Path.toStdString()).root().group("selected_bins"));
    QCOMPARE(table.rowCount(), expected.size());
    QCOMPARE(std::get<std::vector<double>>(table.find("umap2")->data)[0], y[expected[0]]);

    // A format it cannot write: the banner names the file, nothing is written.
    const QString bad = out.filePath(QStringLiteral("selected.xlsx"));
    panel.exportSelection(bad);
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() == 3, LoadTimeoutMs);
    QVERIFY2(panel.banner()->text().contains(QStringLiteral("selected.xlsx")), qPrintable(panel.banner()->text()));
    QVERIFY(!QFile::exists(bad));

    // Nothing selected: nothing to export.
    panel.banner()->dismiss();
    panel.scatterView()->clearSelection();
    panel.exportSelection(out.filePath(QStringLiteral("empty.tsv")));
    QVERIFY(!panel.isBusy());
    QVERIFY(!panel.banner()->text().isEmpty());
    QVERIFY(!QFile::exists(out.filePath(QStringLiteral("empty.tsv"))));
}

void tst_EmbeddingsPanel::panelActivatesBins()
{
    const StoreFixture fixture(2000);
    ui::EmbeddingsPanel panel;
    panel.resize(1200, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setStore(fixture.store);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), LoadTimeoutMs);
    // Three points with both coordinates, far apart.
    ScatterView *view = panel.scatterView();
    view->selectRect(view->fullView());
    const std::vector<std::uint32_t> all = view->selectedPoints();
    const std::vector<std::uint32_t> chosen{all[0], all[all.size() / 2], all.back()};
    view->setSelection(chosen);
    QCOMPARE(view->selectedPoints(), chosen);
    const std::size_t experiments = fixture.experiments();

    QSignalSpy activated(&panel, &ui::EmbeddingsPanel::binActivated);
    auto *showInTracks = namedChild<QPushButton>(&panel, "showInTracks");
    QVERIFY(showInTracks->isEnabled());
    showInTracks->click(); // no current row: the first selected
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.last().at(0).value<std::size_t>(), chosen[0] / experiments);

    auto *table = namedChild<QTableView>(&panel, "selectedBins");
    table->setCurrentIndex(table->model()->index(2, 0));
    showInTracks->click();
    QCOMPARE(activated.last().at(0).value<std::size_t>(), chosen[2] / experiments);

    // What a double-click delivers: press, release, double-click, release.
    const QPoint cell = table->visualRect(table->model()->index(1, 0)).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell);
    QTest::mouseRelease(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell);
    QCOMPARE(activated.count(), 3);
    QCOMPARE(activated.last().at(0).value<std::size_t>(), chosen[1] / experiments);
}

void tst_EmbeddingsPanel::newChoicesWhileReadingWin()
{
    const StoreFixture first(2000), second(1500);
    // Opened here, so that only this test and the panel hold it.
    auto store = std::make_shared<const genomics::GenomicStore>(second.store->path());
    ui::EmbeddingsPanel panel;
    panel.resize(1200, 800);
    QSignalSpy settled(&panel, &ui::EmbeddingsPanel::settled);

    // A second store and a colour chosen while the first is read: only what was chosen last comes on screen,
    // once, and the panel is busy until it has.
    panel.setStore(first.store);
    panel.setStore(store);
    panel.setColourBy(QStringLiteral("chromosome"));
    QVERIFY(panel.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!settled.isEmpty(), LoadTimeoutMs);
    QCOMPARE(settled.count(), 1);
    QVERIFY(!panel.isBusy());
    QCOMPARE(panel.shown()->store, store);
    QCOMPARE(panel.shown()->choice.colourBy, QStringLiteral("chromosome"));
    QCOMPARE(panel.scatterView()->points()->size(), second.contents.bins.size() * second.experiments());
    QCOMPARE(panel.legend()->title(), QStringLiteral("Chromosome"));

    // Closed while reading: nothing comes, and nothing keeps the points or the store.
    panel.setColourBy(QStringLiteral("leiden"));
    const std::weak_ptr<const ui::EmbeddingPoints> shown = panel.shown();
    const std::weak_ptr<const genomics::GenomicStore> held = store;
    panel.setStore(nullptr);
    QVERIFY(panel.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(settled.count() == 2, LoadTimeoutMs);
    QVERIFY(!panel.shown());
    QVERIFY(panel.scatterView()->points() == nullptr);
    QVERIFY(shown.expired());
    store.reset();
    QVERIFY(held.expired());
}

void tst_EmbeddingsPanel::outlierOfANarrowScaleTakesTheTopColour()
{
    // A track whose first half is 0 and second half 1e-300, and one bin at 1e10: the scale spans the 1st to
    // the 99th percentile, 0 to 1e-300, and the outlier lies 1e310 scales above it, beyond any integer.
    SyntheticGenomeOptions options;
    options.binCount = 400;
    options.experiments = 1;
    options.tracks = 1;
    genomics::StoreContents contents = syntheticGenome(options);
    const std::size_t bins = contents.bins.size();
    QVERIFY(bins > 100);
    const auto &components = contents.embeddings.components;
    for (const char *name : {"umap1", "umap2"}) {
        const auto at = std::find(components.begin(), components.end(), name);
        std::vector<double> &values = contents.embeddings.values[std::size_t(at - components.begin())];
        for (std::size_t bin = 0; bin < bins; ++bin)
            values[bin] = double(bin % 17);
    }
    std::vector<double> &signal = contents.trackSignals[0];
    for (std::size_t bin = 0; bin < bins; ++bin)
        signal[bin] = bin < bins / 2 ? 0.0 : 1e-300;
    signal[bins - 1] = 1e10;
    QTemporaryDir folder;
    const std::filesystem::path path = std::filesystem::path(folder.path().toStdString()) / "outlier.h5";
    genomics::writeGenomicStore(path, contents);
    const auto store = std::make_shared<const genomics::GenomicStore>(path);

    const ui::EmbeddingPoints shown = ui::loadEmbeddingPoints(
        store, {QStringLiteral("umap1"), QStringLiteral("umap2"), 0, QStringLiteral("track:TRACK1")});
    QVERIFY(shown.continuous);
    QCOMPARE(shown.low, 0.0);
    QCOMPARE(shown.high, 1e-300);
    const std::uint16_t top = ui::EmbeddingPoints::GradientSize - 1;
    QCOMPARE(shown.points.colour[0], std::uint16_t(0));
    QCOMPARE(shown.points.colour[bins / 2], top);
    QCOMPARE(shown.points.colour[bins - 1], top);
}

void tst_EmbeddingsPanel::tooManyPointsForOnePlot()
{
    // 2^19 bins and 2^12 experiments: 2^31 points together, one more than the plot holds. The matrices are
    // declared but never written (NaN fill), so the file stays small.
    QTemporaryDir folder;
    const QString file = folder.filePath(QStringLiteral("wide.h5"));
    const char *script = R"(
import sys
import h5py
import numpy as np
bins, experiments = 1 << 19, 1 << 12
with h5py.File(sys.argv[1], "w") as f:
    group = f.create_group("bins")
    start = np.arange(bins, dtype=np.int64) * 1000
    group.create_dataset("chrom", data=np.full(bins, b"chr1", dtype="S4"))
    group.create_dataset("start", data=start)
    group.create_dataset("end", data=start + 1000)
    group.create_dataset("good_bin", data=np.ones(bins, dtype=np.bool_))
    text = h5py.special_dtype(vlen=str)
    rows = np.array([("E%d" % e,) for e in range(experiments)], dtype=[("accession", text)])
    f.create_group("metadata").create_dataset("experiment_metadata", data=rows)
    embeddings = f.create_group("embeddings")
    for name in ("umap1", "umap2"):
        embeddings.create_dataset(name, shape=(bins, experiments), dtype="f8", chunks=(bins, 1), fillvalue=np.nan)
    f.create_group("tracks")
)";
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromUtf8(script), file});
    if (!python.waitForFinished(60000) || python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
        QSKIP(qPrintable(QStringLiteral("python3 with h5py and numpy is needed to write the store: %1")
                             .arg(QString::fromUtf8(python.readAllStandardError()))));
    const auto store = std::make_shared<const genomics::GenomicStore>(file.toStdString());
    QCOMPARE(store->bins().size() * store->experimentAccessions().size(), std::size_t(1) << 31);

    // Read directly, every experiment is refused before anything is read; one experiment is not.
    const ui::EmbeddingChoice all{QStringLiteral("umap1"), QStringLiteral("umap2"), -1, QStringLiteral("chromosome")};
    try {
        ui::loadEmbeddingPoints(store, all);
        QFAIL("2^31 points were accepted");
    } catch (const core::Error &error) {
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("wide.h5")), error.what());
        QVERIFY2(QString::fromUtf8(error.what()).contains(QStringLiteral("2147483648")), error.what());
    }

    // The panel starts with the first experiment alone, and refuses all of them in the banner.
    ui::EmbeddingsPanel panel;
    panel.resize(1200, 800);
    panel.setStore(store);
    QCOMPARE(panel.choice().experiment, 0);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), LoadTimeoutMs);
    QVERIFY2(panel.banner()->text().isEmpty(), qPrintable(panel.banner()->text()));
    QCOMPARE(panel.shown()->points.size(), std::size_t(1) << 19);
    QCOMPARE(panel.shown()->finitePoints, std::size_t(0));
    QVERIFY(!panel.scatterView()->message().isEmpty());
    panel.setExperiment(-1);
    QVERIFY(!panel.isBusy());
    QCOMPARE(panel.choice().experiment, 0);
    QVERIFY2(panel.banner()->text().contains(QStringLiteral("choose one experiment")),
             qPrintable(panel.banner()->text()));
}

QTEST_MAIN(tst_EmbeddingsPanel)
#include "tst_embeddingspanel.moc"
