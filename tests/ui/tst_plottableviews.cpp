#include "ui/browser/datasource.h"
#include "ui/browser/sliceloader.h"
#include "ui/browser/views/plotview.h"
#include "ui/browser/views/tableview.h"
#include "ui/browser/views/tablewindowmodel.h"
#include "ui/browser/views/textview.h"

#include "core/h5/file.h"

#include <nlohmann/json.hpp>

// QCustomPlot's header is written with Qt's keywords, which the project turns off (QT_NO_KEYWORDS).
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef foreach

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>
#include <QtCore/QLocale>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtGui/QPainter>
#include <QtGui/QWheelEvent>
#include <QtTest/QTest>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QTableView>

#include <cmath>
#include <numbers>

// The plot, table and text views of the HDF5 browser, on files written by our h5 layer (numbers, strings,
// a 3-billion-row dataset) and by h5py (compound records with enum, bool, string, array and nested fields).
class tst_PlotTableViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void factoriesScoreWhatTheyShow();
    void plotShowsEveryValue();
    void plotAgainstAnotherDataset();
    void plotOverlayAddsCurve();
    void plotRowsAndColumns();
    void plotWithinMemoryBudget();
    void plotMillionPointsKeepsUiResponsive();
    void plotOffersNexusAxis();
    void figuresPaintWhatIsShown();
    void tableShowsCompoundFields();
    void tableScrollsBillionsOfRows();
    void tableCopiesSelection();
    void tableShowsFloat32Shortest();
    void tableShowsScalarAsOneCell();
    void tableCapsWideDatasets();
    void textPrettyPrintsJson();
    void textListsStrings();

private:
    ui::DataSource sourceFor(const h5::File &file, const QString &objectPath) const;
    // Grabs the view to /tmp/browser-shots/NAME.png for people to look at.
    static void saveShot(QWidget &view, const QString &name);
    static double signalAt(std::size_t index) { return 10 * std::sin(double(index) / 50); }
    // Needs h5py (Debian python3-h5py): our h5 layer writes no compound, enum or vlen-sequence types.
    bool haveH5pyFile() const { return m_h5py.has_value(); }

    QTemporaryDir m_dir;
    std::optional<h5::File> m_numbers;
    std::optional<h5::File> m_h5py;
    QString m_h5pyMissing;
    std::unique_ptr<ui::SliceLoader> m_loader;
};

namespace {

constexpr std::uint64_t SignalLength = 1000;
constexpr std::size_t MillionPoints = 1'000'000;
constexpr std::uint64_t BillionRows = 3'000'000'000;
constexpr std::uint64_t HugeChunk = 65536;

// Curve `index` of the plot as points; empty while the curves are being rebuilt.
QList<QPointF> curve(const ui::PlotView &view, int index)
{
    QList<QPointF> points;
    if (index < view.plot()->graphCount())
        for (const QCPGraphData &point : *view.plot()->graph(index)->data())
            points.append(QPointF(point.key, point.value));
    return points;
}

QList<double> valuesOf(const QList<QPointF> &points)
{
    QList<double> values;
    for (const QPointF &point : points)
        values << point.y();
    return values;
}

const char *const JsonText = R"({"name": "scan 7", "axes": ["x", "y"], "exposure": {"value": 0.25, "unit": "s"}})";

const char *const H5pyScript = R"(
import sys
import h5py
import numpy as np

color = h5py.enum_dtype({"RED": 0, "GREEN": 1, "BLUE": 2}, basetype="u1")
record = np.dtype([("id", "<i4"), ("value", "<f8"), ("flag", "?"), ("color", color),
                   ("name", h5py.string_dtype()), ("code", "S8"), ("vec", "<f4", (3,)),
                   ("range", [("lo", "<i2"), ("hi", "<i2")])])
rows = np.zeros(5, dtype=record)
for i in range(5):
    rows[i] = (i, i * 1.5, i % 2 == 0, i % 3, "name %d" % i, b"c%d" % i, (i, i + 0.5, i + 1), (i, -i))
with h5py.File(sys.argv[1], "w") as f:
    f["records"] = rows
    ragged = f.create_dataset("ragged", (3,), dtype=h5py.vlen_dtype("i4"))
    ragged[0] = [1, 2, 3]
    ragged[1] = []
    ragged[2] = [7]
)";

} // namespace

void tst_PlotTableViews::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QDir().mkpath(QStringLiteral("/tmp/browser-shots"));

    const std::string numbersPath = m_dir.filePath(QStringLiteral("numbers.h5")).toStdString();
    {
        const h5::File file = h5::File::create(numbersPath);
        const h5::Group root = file.root();
        std::vector<double> signal(SignalLength), time(SignalLength), other(SignalLength);
        for (std::size_t i = 0; i < SignalLength; ++i) {
            signal[i] = signalAt(i);
            time[i] = 5 + 0.01 * double(i);
            other[i] = 5 * std::cos(double(i) / 80);
        }
        root.createDataset<double>("spectra/signal", {SignalLength}).write<double>(signal);
        const h5::Dataset timeDataset = root.createDataset<double>("spectra/time", {SignalLength});
        timeDataset.write<double>(time);
        timeDataset.attributes().set("units", "s");
        root.createDataset<double>("spectra/other", {SignalLength}).write<double>(other);
        root.createDataset<double>("spectra/short", {10}).write<double>(std::vector<double>(10, 1.0));

        std::vector<std::int32_t> matrix(4 * 6);
        for (std::size_t i = 0; i < matrix.size(); ++i)
            matrix[i] = std::int32_t(i / 6 * 10 + i % 6);
        root.createDataset<std::int32_t>("matrix", {4, 6}).write<std::int32_t>(matrix);

        std::vector<std::uint16_t> wide(3 * 5000);
        for (std::size_t i = 0; i < wide.size(); ++i)
            wide[i] = std::uint16_t(i % 5000);
        root.createDataset<std::uint16_t>("wide", {3, 5000}).write<std::uint16_t>(wide);

        std::vector<float> chirp(MillionPoints);
        for (std::size_t i = 0; i < chirp.size(); ++i)
            chirp[i] = float(std::sin(1e-5 * double(i) * double(i) / 1000));
        root.createDataset<float>("chirp", {chirp.size()}).write<float>(chirp);
        root.createDataset<float>("floats32", {3}).write<float>(std::vector<float>{0.1f, 2.5f, 1e-7f});

        std::vector<float> ramp(100000);
        for (std::size_t i = 0; i < ramp.size(); ++i)
            ramp[i] = float(i);
        root.createDataset<float>("long", {ramp.size()}).write<float>(ramp);

        // 3e9 rows in chunks of 65536: only the two chunks written are allocated, the rest read as the fill value 0.
        const h5::Dataset huge = root.createDataset<std::int8_t>("huge", {BillionRows}, {.chunk = {HugeChunk}});
        const std::vector<std::int8_t> head{11, 12, 13, 14};
        huge.write<std::int8_t>(head, {0}, {head.size()});
        std::vector<std::int8_t> tail(10);
        for (std::size_t i = 0; i < tail.size(); ++i)
            tail[i] = std::int8_t(90 + i);
        huge.write<std::int8_t>(tail, {BillionRows - tail.size()}, {tail.size()});

        root.createDataset<std::string>("json", {}).write<std::string>(std::vector<std::string>{JsonText});
        root.createDataset<std::string>("names", {3})
            .write<std::string>(std::vector<std::string>{"alpha", "beta", "gamma"});
    }
    m_numbers = h5::File::open(numbersPath);

    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"), {QStringLiteral("/usr/bin")});
    const QString h5pyPath = m_dir.filePath(QStringLiteral("records.h5"));
    QProcess process;
    process.start(python.isEmpty() ? QStringLiteral("/usr/bin/python3") : python,
                  {QStringLiteral("-c"), QString::fromLatin1(H5pyScript), h5pyPath});
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        m_h5pyMissing = QStringLiteral("python3 with h5py (Debian python3-h5py) writes the compound file: %1")
                            .arg(process.errorString() + QString::fromLocal8Bit(process.readAllStandardError()));
    else
        m_h5py = h5::File::open(h5pyPath.toStdString());
}

void tst_PlotTableViews::init()
{
    m_loader = std::make_unique<ui::SliceLoader>();
}

void tst_PlotTableViews::cleanup()
{
    m_loader.reset();
}

ui::DataSource tst_PlotTableViews::sourceFor(const h5::File &file, const QString &objectPath) const
{
    return ui::describeDataset(file, objectPath.toStdString());
}

void tst_PlotTableViews::saveShot(QWidget &view, const QString &name)
{
    QVERIFY(view.grab().save(QStringLiteral("/tmp/browser-shots/%1.png").arg(name)));
}

void tst_PlotTableViews::factoriesScoreWhatTheyShow()
{
    const auto score = [](const ui::ViewFactory &factory, h5::TypeClass typeClass, h5::Shape shape,
                          QString interpretation = {}) {
        ui::DataSource source;
        source.typeClass = typeClass;
        source.shape = std::move(shape);
        source.interpretation = std::move(interpretation);
        return factory.priority(source);
    };
    const ui::ViewFactory plot = ui::PlotView::factory();
    const ui::ViewFactory table = ui::TableView::factory();
    const ui::ViewFactory text = ui::TextView::factory();
    QCOMPARE(plot.id, QStringLiteral("plot"));
    QCOMPARE(table.id, QStringLiteral("table"));
    QCOMPARE(text.id, QStringLiteral("text"));

    QCOMPARE(score(plot, h5::TypeClass::Float, {1000}), 30);
    QCOMPARE(score(plot, h5::TypeClass::Float, {1, 1000}), 30);
    QCOMPARE(score(plot, h5::TypeClass::Float, {1000}, QStringLiteral("spectrum")), 45);
    QCOMPARE(score(plot, h5::TypeClass::Integer, {40, 50}), 15);
    QCOMPARE(score(plot, h5::TypeClass::Integer, {40, 50}, QStringLiteral("spectrum")), 45);
    QCOMPARE(score(plot, h5::TypeClass::Enum, {1000}), 30);
    QCOMPARE(score(plot, h5::TypeClass::Integer, {4, 40, 50}), 0);
    QCOMPARE(score(plot, h5::TypeClass::String, {1000}), 0);
    QCOMPARE(score(plot, h5::TypeClass::Float, {}), 0);

    QCOMPARE(score(table, h5::TypeClass::Float, {1000}), 20);
    QCOMPARE(score(table, h5::TypeClass::Float, {}), 20);
    QCOMPARE(score(table, h5::TypeClass::Compound, {5}), 35);
    QCOMPARE(score(table, h5::TypeClass::String, {5000}), 30);
    QCOMPARE(score(table, h5::TypeClass::String, {3}), 20);
    QCOMPARE(score(table, h5::TypeClass::Float, {0, 4}), 0);

    QCOMPARE(score(text, h5::TypeClass::String, {}), 50);
    QCOMPARE(score(text, h5::TypeClass::String, {1000}), 50);
    QCOMPARE(score(text, h5::TypeClass::String, {1001}), 0);
    QCOMPARE(score(text, h5::TypeClass::Float, {}), 5);
    QCOMPARE(score(text, h5::TypeClass::Float, {10}), 0);
}

void tst_PlotTableViews::plotShowsEveryValue()
{
    ui::PlotView view(*m_loader);
    view.resize(900, 500);
    view.show();
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/spectra/signal")));
    QTRY_COMPARE(curve(view, 0).size(), qsizetype(SignalLength));
    const QList<QPointF> points = curve(view, 0);
    for (qsizetype i : {0, 123, int(SignalLength - 1)}) {
        QCOMPARE(points[i].x(), double(i));
        QCOMPARE(points[i].y(), signalAt(std::size_t(i)));
    }
    QCOMPARE(view.plot()->graphCount(), 1);
    QVERIFY(view.plot()->graph(0)->adaptiveSampling());
    const auto shown = view.shownSlice();
    QVERIFY(shown);
    QCOMPARE(shown->offset, h5::Shape{0});
    QCOMPARE(shown->count, h5::Shape{SignalLength});

    // Keys: "+" zooms in around the centre, Home fits again.
    const QCPRange fitted = view.plot()->xAxis->range();
    view.plot()->setFocus();
    QTest::keyClick(view.plot(), Qt::Key_Plus);
    QVERIFY(view.plot()->xAxis->range().size() < fitted.size());
    QTest::keyClick(view.plot(), Qt::Key_Right);
    QTest::keyClick(view.plot(), Qt::Key_Home);
    QCOMPARE(view.plot()->xAxis->range().lower, fitted.lower);
    QCOMPARE(view.plot()->xAxis->range().upper, fitted.upper);

    // The readout names the point under the cursor.
    const QPoint at(int(view.plot()->xAxis->coordToPixel(500)), int(view.plot()->yAxis->coordToPixel(signalAt(500))));
    QTest::mouseMove(view.plot(), at);
    QTRY_VERIFY(view.findChild<QLabel *>(QStringLiteral("readout"))->text().startsWith(QStringLiteral("x = ")));
    saveShot(view, QStringLiteral("plot-1d"));
}

void tst_PlotTableViews::plotAgainstAnotherDataset()
{
    ui::PlotView view(*m_loader);
    view.resize(900, 500);
    view.show();
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/spectra/signal")));
    QTRY_COMPARE(curve(view, 0).size(), qsizetype(SignalLength));
    QCOMPARE(curve(view, 0).front().x(), 0.0);

    // The siblings of the same length are offered, the short one not.
    auto *xChoice = view.findChild<QComboBox *>(QStringLiteral("xChoice"));
    QTRY_VERIFY(xChoice->findData(QStringLiteral("/spectra/time")) >= 0);
    QVERIFY(xChoice->findData(QStringLiteral("/spectra/other")) >= 0);
    QCOMPARE(xChoice->findData(QStringLiteral("/spectra/short")), -1);
    QCOMPARE(xChoice->findData(QStringLiteral("/spectra/signal")), -1);

    view.setXPath(QStringLiteral("/spectra/time"));
    QTRY_COMPARE(view.xPath(), QStringLiteral("/spectra/time"));
    QTRY_VERIFY(!curve(view, 0).isEmpty() && curve(view, 0).front().x() == 5.0);
    const QList<QPointF> points = curve(view, 0);
    QCOMPARE(points.size(), qsizetype(SignalLength));
    QVERIFY(std::abs(points.back().x() - (5 + 0.01 * double(SignalLength - 1))) < 1e-9);
    QCOMPARE(points[7].y(), signalAt(7));
    QCOMPARE(view.plot()->xAxis->label(), QStringLiteral("time (s)"));
    QCOMPARE(xChoice->currentData().toString(), QStringLiteral("/spectra/time"));

    // A dataset of another length is refused with a reason, and the X stays.
    QSignalSpy problems(&view, &ui::DataView::problem);
    view.setXPath(QStringLiteral("short"));
    QTRY_COMPARE(problems.size(), 1);
    QVERIFY2(problems.front().front().toString().contains(QStringLiteral("/spectra/short")),
             qPrintable(problems.front().front().toString()));
    QCOMPARE(view.xPath(), QStringLiteral("/spectra/time"));
    saveShot(view, QStringLiteral("plot-x-from-dataset"));

    view.setXPath(QString());
    QTRY_VERIFY(!curve(view, 0).isEmpty() && curve(view, 0).front().x() == 0.0);
}

void tst_PlotTableViews::plotOverlayAddsCurve()
{
    ui::PlotView view(*m_loader);
    view.resize(900, 500);
    view.show();
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/spectra/signal")));
    QTRY_COMPARE(curve(view, 0).size(), qsizetype(SignalLength));

    view.addOverlay(QStringLiteral("other")); // relative to the plotted dataset's group
    QTRY_COMPARE(curve(view, 1).size(), qsizetype(SignalLength));
    QCOMPARE(view.plot()->graphCount(), 2);
    QCOMPARE(view.overlays(), QStringList{QStringLiteral("/spectra/other")});
    QCOMPARE(curve(view, 1)[80].y(), 5 * std::cos(1.0));
    QCOMPARE(view.plot()->graph(1)->name(), QStringLiteral("other"));
    QVERIFY(view.plot()->legend->visible());
    QVERIFY(view.plot()->graph(0)->pen().color() != view.plot()->graph(1)->pen().color());
    saveShot(view, QStringLiteral("plot-overlay"));

    view.removeOverlay(QStringLiteral("/spectra/other"));
    QTRY_COMPARE(view.plot()->graphCount(), 1);
    QVERIFY(view.overlays().isEmpty());
}

void tst_PlotTableViews::plotRowsAndColumns()
{
    ui::PlotView view(*m_loader);
    view.resize(900, 500);
    view.show();
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/matrix")));
    const auto values = [&view](int index) { return valuesOf(curve(view, index)); };
    QTRY_COMPARE(values(0), (QList<double>{0, 1, 2, 3, 4, 5}));

    view.setLines(2, 1);
    QTRY_COMPARE(values(0), (QList<double>{20, 21, 22, 23, 24, 25}));
    QCOMPARE(view.shownSlice()->offset, (h5::Shape{2, 0}));
    QCOMPARE(view.shownSlice()->count, (h5::Shape{1, 6}));

    view.setOrientation(ui::PlotView::Orientation::Columns);
    view.setLines(3, 1);
    QTRY_COMPARE(values(0), (QList<double>{3, 13, 23, 33}));
    QCOMPARE(view.shownSlice()->offset, (h5::Shape{0, 3}));
    QCOMPARE(view.shownSlice()->count, (h5::Shape{4, 1}));

    view.setLines(1, 3);
    QTRY_COMPARE(view.plot()->graphCount(), 3);
    QCOMPARE(values(2), (QList<double>{3, 13, 23, 33}));
    QCOMPARE(view.plot()->graph(0)->name(), QStringLiteral("column 1"));
    saveShot(view, QStringLiteral("plot-2d-columns"));
}

void tst_PlotTableViews::plotWithinMemoryBudget()
{
    // 1000 points: each takes a double in the slice and a key and a value in the graph.
    const std::size_t budget = 1000 * (sizeof(double) + sizeof(QCPGraphData));
    m_loader->setMemoryBudget(budget);
    ui::PlotView view(*m_loader);
    view.resize(900, 500);
    view.show();
    QSignalSpy problems(&view, &ui::DataView::problem);
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/long")));
    QTRY_COMPARE(curve(view, 0).size(), 1000);
    QCOMPARE(curve(view, 0).back().y(), 999.0);
    QCOMPARE(problems.size(), 1);
    const QString message = problems.front().front().toString();
    const QLocale locale;
    QVERIFY2(message.contains(QStringLiteral("/long")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("showing the first %1 of %2 values (memory budget %3)")
                                  .arg(locale.toString(1000), locale.toString(100000),
                                       locale.formattedDataSize(qint64(budget)))),
             qPrintable(message));
    QCOMPARE(view.shownSlice()->count, h5::Shape{1000});
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("truncationNote"))->text().contains(QStringLiteral("first")));
    saveShot(view, QStringLiteral("plot-memory-budget"));
}

void tst_PlotTableViews::plotMillionPointsKeepsUiResponsive()
{
    ui::PlotView view(*m_loader);
    view.resize(900, 500);
    view.show();
    // The longest the event loop goes without turning while the curve is read, built and drawn.
    QElapsedTimer sinceTick;
    qint64 longestStall = 0;
    QTimer ticks;
    connect(&ticks, &QTimer::timeout, [&] {
        longestStall = std::max(longestStall, sinceTick.restart());
    });
    const auto pointCount = [&view] { return view.plot()->graphCount() ? view.plot()->graph(0)->data()->size() : 0; };
    QElapsedTimer shown;
    shown.start();
    sinceTick.start();
    ticks.start(5);
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/chirp")));
    QTRY_COMPARE_WITH_TIMEOUT(pointCount(), int(MillionPoints), 20000);
    ticks.stop();
    qInfo("1,000,000 points shown after %lld ms; longest stall of the event loop %lld ms", shown.elapsed(),
          longestStall);
    QVERIFY2(longestStall < 1000, qPrintable(QString::number(longestStall)));
    QCOMPARE((view.plot()->graph(0)->data()->constEnd() - 1)->key, double(MillionPoints - 1));
    saveShot(view, QStringLiteral("plot-million-points"));
}

void tst_PlotTableViews::plotOffersNexusAxis()
{
    ui::PlotView view(*m_loader);
    ui::DataSource source = sourceFor(*m_numbers, QStringLiteral("/spectra/signal"));
    source.axes = QStringList{QStringLiteral("/spectra/time")};
    view.setSource(source);
    auto *xChoice = view.findChild<QComboBox *>(QStringLiteral("xChoice"));
    QCOMPARE(xChoice->itemData(1).toString(), QStringLiteral("/spectra/time"));
    QCOMPARE(xChoice->itemText(1), QStringLiteral("time (NeXus axis)"));
    // Listed once, as the axis, though it is a sibling too.
    QTRY_VERIFY(xChoice->findData(QStringLiteral("/spectra/other")) >= 0);
    QCOMPARE(xChoice->count(), 3);
}

void tst_PlotTableViews::figuresPaintWhatIsShown()
{
    const auto paintedColours = [](const ui::DataView &view) {
        QImage figure(view.figureSize(), QImage::Format_RGB32);
        figure.fill(Qt::white);
        QPainter painter(&figure);
        view.paintFigure(painter, figure.size());
        painter.end();
        QSet<QRgb> colours;
        for (int y = 0; y < figure.height(); y += 3)
            for (int x = 0; x < figure.width(); x += 3)
                colours.insert(figure.pixel(x, y));
        return colours.size();
    };
    ui::PlotView plot(*m_loader);
    plot.resize(600, 400);
    plot.show();
    plot.setSource(sourceFor(*m_numbers, QStringLiteral("/spectra/signal")));
    QTRY_COMPARE(curve(plot, 0).size(), qsizetype(SignalLength));
    QVERIFY(plot.figureSize().height() < plot.height());
    QVERIFY(paintedColours(plot) > 3);

    ui::TableView table(*m_loader);
    table.resize(600, 400);
    table.show();
    table.setSource(sourceFor(*m_numbers, QStringLiteral("/matrix")));
    QTRY_COMPARE(table.model()->index(0, 1).data().toString(), QStringLiteral("1"));
    QVERIFY(paintedColours(table) > 3);
}

void tst_PlotTableViews::tableShowsCompoundFields()
{
    if (!haveH5pyFile())
        QSKIP(qPrintable(m_h5pyMissing));
    ui::TableView view(*m_loader);
    view.resize(1000, 300);
    view.show();
    view.setSource(sourceFor(*m_h5py, QStringLiteral("/records")));
    const ui::TableWindowModel &model = *view.model();
    QStringList headers;
    for (int column = 0; column < model.columnCount(); ++column)
        headers << model.headerData(column, Qt::Horizontal).toString();
    QCOMPARE(headers, (QStringList{"id", "value", "flag", "color", "name", "code", "vec", "range.lo", "range.hi"}));
    QCOMPARE(model.rowCount(), 5);
    const auto cell = [&model](int row, int column) { return model.index(row, column).data().toString(); };
    QTRY_COMPARE(cell(1, 0), QStringLiteral("1"));
    QCOMPARE(cell(1, 1), QStringLiteral("1.5"));
    QCOMPARE(cell(1, 2), QStringLiteral("false"));
    QCOMPARE(cell(0, 2), QStringLiteral("true"));
    QCOMPARE(cell(1, 3), QStringLiteral("GREEN"));
    QCOMPARE(cell(2, 3), QStringLiteral("BLUE"));
    QCOMPARE(cell(1, 4), QStringLiteral("name 1"));
    QCOMPARE(cell(1, 5), QStringLiteral("c1"));
    QCOMPARE(cell(1, 6), QStringLiteral("[1.0, 1.5, 2.0]"));
    QCOMPARE(cell(3, 7), QStringLiteral("3"));
    QCOMPARE(cell(3, 8), QStringLiteral("-3"));
    QCOMPARE(model.headerData(4, Qt::Vertical).toString(), QStringLiteral("4"));
    saveShot(view, QStringLiteral("table-compound"));

    view.setSource(sourceFor(*m_h5py, QStringLiteral("/ragged")));
    QCOMPARE(view.model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("value"));
    QTRY_COMPARE(cell(0, 0), QStringLiteral("[1, 2, 3]"));
    QCOMPARE(cell(1, 0), QStringLiteral("[]"));
    QCOMPARE(cell(2, 0), QStringLiteral("[7]"));
}

void tst_PlotTableViews::tableScrollsBillionsOfRows()
{
    ui::TableView view(*m_loader);
    view.resize(500, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/huge")));
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const ui::TableWindowModel &model = *view.model();
    QCOMPARE(model.totalRows(), BillionRows);
    QVERIFY(model.rowCount() > 5 && model.rowCount() < 100);
    QCOMPARE(model.blockRows() % 256, 0u);
    QVERIFY(HugeChunk % model.blockRows() == 0);
    QTRY_COMPARE(model.index(1, 0).data().toString(), QStringLiteral("12"));
    QCOMPARE(model.index(5, 0).data().toString(), QStringLiteral("0"));

    const std::uint64_t target = 2'999'999'990;
    auto *goToRow = view.findChild<QLineEdit *>(QStringLiteral("goToRow"));
    QTest::keyClicks(goToRow, QStringLiteral("2 999 999 990"));
    QTest::keyClick(goToRow, Qt::Key_Return);
    QVERIFY(view.firstRow() <= target);
    QCOMPARE(view.firstRow(), BillionRows - std::uint64_t(view.visibleRows()));
    const int section = int(target - view.firstRow());
    QCOMPARE(model.headerData(section, Qt::Vertical).toString(), QStringLiteral("2999999990"));
    QCOMPARE(model.headerData(section + 9, Qt::Vertical).toString(), QStringLiteral("2999999999"));
    QTRY_COMPARE(model.index(section, 0).data().toString(), QStringLiteral("90"));
    QCOMPARE(model.index(section + 9, 0).data().toString(), QStringLiteral("99"));
    QCOMPARE(model.index(section - 1, 0).data().toString(), QStringLiteral("0"));
    QCOMPARE(view.table()->currentIndex().row(), section);
    const auto shown = view.shownSlice();
    QVERIFY(shown);
    QCOMPARE(shown->offset, h5::Shape{view.firstRow()});
    saveShot(view, QStringLiteral("table-3-billion-rows-end"));

    // Keys and the wheel move the 64-bit position.
    view.table()->setFocus();
    QTest::keyClick(view.table(), Qt::Key_Home);
    QCOMPARE(view.firstRow(), 0u);
    QTest::keyClick(view.table(), Qt::Key_PageDown);
    QCOMPARE(view.firstRow(), std::uint64_t(view.visibleRows()));
    QTest::keyClick(view.table(), Qt::Key_PageUp);
    QCOMPARE(view.firstRow(), 0u);
    QWheelEvent wheel(QPointF(50, 50), view.table()->viewport()->mapToGlobal(QPointF(50, 50)), {}, QPoint(0, -120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(view.table()->viewport(), &wheel);
    QCOMPARE(view.firstRow(), 3u);
    QTest::keyClick(view.table(), Qt::Key_End);
    QCOMPARE(view.firstRow(), BillionRows - std::uint64_t(view.visibleRows()));
    QCOMPARE(model.headerData(model.rowCount() - 1, Qt::Vertical).toString(), QStringLiteral("2999999999"));

    // The scroll bar's halfway point is halfway through the rows.
    auto *bar = view.findChild<QScrollBar *>(QStringLiteral("rowScrollBar"));
    bar->setValue(bar->maximum() / 2);
    QVERIFY(std::abs(double(view.firstRow()) - double(BillionRows) / 2) < double(BillionRows) / 1e6);
    QTRY_COMPARE(model.index(0, 0).data().toString(), QStringLiteral("0"));
    saveShot(view, QStringLiteral("table-3-billion-rows-middle"));
}

void tst_PlotTableViews::tableCopiesSelection()
{
    ui::TableView view(*m_loader);
    view.resize(600, 300);
    view.show();
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/matrix")));
    const ui::TableWindowModel &model = *view.model();
    QCOMPARE(model.columnCount(), 6);
    QCOMPARE(model.rowCount(), 4);
    QTRY_COMPARE(model.index(3, 5).data().toString(), QStringLiteral("35"));
    QCOMPARE(model.headerData(5, Qt::Horizontal).toString(), QStringLiteral("5"));
    view.table()->selectionModel()->select(QItemSelection(model.index(1, 2), model.index(2, 3)),
                                           QItemSelectionModel::Select);
    QCOMPARE(view.selectedText(), QStringLiteral("12\t13\n22\t23"));
    view.table()->setFocus();
    QTest::keyClick(view.table(), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("12\t13\n22\t23"));
    const auto shown = view.shownSlice();
    QVERIFY(shown);
    QCOMPARE(shown->offset, (h5::Shape{0, 0}));
    QCOMPARE(shown->count, (h5::Shape{4, 6}));
    saveShot(view, QStringLiteral("table-2d"));
}

void tst_PlotTableViews::tableShowsFloat32Shortest()
{
    ui::TableView view(*m_loader);
    view.resize(400, 300);
    view.show();
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/floats32")));
    QTRY_COMPARE(view.model()->index(0, 0).data().toString(), QStringLiteral("0.1"));
    QCOMPARE(view.model()->index(1, 0).data().toString(), QStringLiteral("2.5"));
    QCOMPARE(view.model()->index(2, 0).data().toString(), QStringLiteral("1e-07"));
}

void tst_PlotTableViews::tableShowsScalarAsOneCell()
{
    ui::TableView view(*m_loader);
    view.resize(400, 300);
    view.show();
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/json")));
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(view.model()->columnCount(), 1);
    QTRY_COMPARE(view.model()->index(0, 0).data().toString(), QString::fromLatin1(JsonText));
    // Longer than the cell: the tooltip holds it whole.
    QCOMPARE(view.model()->index(0, 0).data(Qt::ToolTipRole).toString(), QString::fromLatin1(JsonText));
    QCOMPARE(view.shownSlice()->count, h5::Shape{});
}

void tst_PlotTableViews::tableCapsWideDatasets()
{
    ui::TableView view(*m_loader);
    view.resize(600, 300);
    view.show();
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/wide")));
    const ui::TableWindowModel &model = *view.model();
    QCOMPARE(model.totalColumns(), 5000u);
    QCOMPARE(model.columnCount(), int(ui::TableWindowModel::MaxColumns));
    QTRY_COMPARE(model.index(2, 3).data().toString(), QStringLiteral("3"));
    // Only the columns on screen are read.
    const auto shown = view.shownSlice();
    QVERIFY(shown);
    QVERIFY(shown->count[1] > 0 && shown->count[1] < 20);
    QCOMPARE(m_loader->readCount(), 1u);

    auto *firstColumn = view.findChild<QSpinBox *>(QStringLiteral("firstColumn"));
    QVERIFY(firstColumn->isVisibleTo(&view));
    firstColumn->setValue(4000);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("4000"));
    QCOMPARE(model.columnCount(), 1000);
    QTRY_COMPARE(model.index(1, 0).data().toString(), QStringLiteral("4000"));
    QCOMPARE(view.shownSlice()->offset, (h5::Shape{0, 4000}));
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("status"))->text().contains(QStringLiteral("of 5")));
    saveShot(view, QStringLiteral("table-wide"));
}

void tst_PlotTableViews::textPrettyPrintsJson()
{
    ui::TextView view(*m_loader);
    view.resize(600, 400);
    view.show();
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/json")));
    QTRY_VERIFY(!view.text().isEmpty());
    QVERIFY(view.isJson());
    // Indented, with the keys in the order they were written.
    QCOMPARE(view.text(), QString::fromStdString(nlohmann::ordered_json::parse(JsonText).dump(2)));
    QVERIFY(view.text().startsWith(QStringLiteral("{\n  \"name\": \"scan 7\",\n  \"axes\": [")));
    QCOMPARE(view.shownSlice()->count, h5::Shape{});
    saveShot(view, QStringLiteral("text-json"));
}

void tst_PlotTableViews::textListsStrings()
{
    ui::TextView view(*m_loader);
    view.resize(600, 300);
    view.show();
    view.setSource(sourceFor(*m_numbers, QStringLiteral("/names")));
    QTRY_COMPARE(view.text(), QStringLiteral("alpha\nbeta\ngamma"));
    QVERIFY(!view.isJson());
    saveShot(view, QStringLiteral("text-list"));
}

QTEST_MAIN(tst_PlotTableViews)
#include "tst_plottableviews.moc"
