#include "core/browse/nexus.h"
#include "core/error.h"
#include "core/h5/error.h"
#include "core/h5/file.h"
#include "core/params/jsontext.h"

#include <nlohmann/json.hpp>

#include "tests/support/browsersamples.h"
#include "tests/support/jsoncompare.h"

#include <QtTest/QTest>

#include <numeric>
#include <optional>

// NeXus default-plot resolution on an h5py-written NeXus file (string attributes of every kind h5py writes)
// and on malformed files made here.
class tst_Nexus : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rootFollowsDefaultsToTheImage();
    void entryAndNxdataGiveTheSamePlot();
    void spectrumHasAxisAuxiliarySignalAndGroupInterpretation();
    void oldStyleSignalAndAxesWithoutDefault();
    void datasetIsPlottableOnlyAsItsGroupsSignal();
    void filesWithoutNexusHaveNoPlot();
    void brokenSamplesFailToOpen();
    void axesArrayWithDotsAndImplicitDefault();
    void nxdataWithoutSignalHasNoPlot();
    void missingSignalIsAnErrorNamingIt();
    void defaultPointingNowhereIsAnError();
    void defaultCycleIsAnError();
    void missingAxisIsAnError();

private:
    h5::File createFile(const char *name) const;
    static void addDataset(const h5::Group &group, const std::string &path, const h5::Shape &shape);
    static void expectError(const h5::File &file, const std::string &group, const std::vector<std::string> &fragments);
    static nlohmann::json describe(const std::optional<browse::NexusPlot> &plot);

    BrowserSamples m_samples;
    std::filesystem::path m_dir;
    std::optional<h5::File> m_nexus;
    nlohmann::json m_manifest;
};

void tst_Nexus::initTestCase()
{
    m_samples.generate();
    if (!m_samples.available)
        QSKIP(qPrintable(m_samples.error));
    QVERIFY2(m_samples.ok, qPrintable(m_samples.error));
    m_dir = m_samples.dir.path().toStdString();
    m_nexus.emplace(h5::File::open(m_dir / "nexus.nxs"));
    m_manifest = params::readJsonFile(m_dir / "manifest.json");
}

nlohmann::json tst_Nexus::describe(const std::optional<browse::NexusPlot> &plot)
{
    if (!plot)
        return nullptr;
    return {{"group", plot->groupPath}, {"signal", plot->signalPath}, {"axes", plot->axes},
            {"interpretation", plot->interpretation}, {"auxiliary", plot->auxiliarySignals}, {"title", plot->title}};
}

h5::File tst_Nexus::createFile(const char *name) const
{
    return h5::File::create(m_dir / name);
}

void tst_Nexus::addDataset(const h5::Group &group, const std::string &path, const h5::Shape &shape)
{
    std::vector<double> values(h5::elementCount(shape));
    std::iota(values.begin(), values.end(), 0.0);
    group.createDataset<double>(path, shape).write<double>(values);
}

void tst_Nexus::expectError(const h5::File &file, const std::string &group, const std::vector<std::string> &fragments)
{
    try {
        (void)browse::nexusPlotForGroup(file, group);
        QFAIL(("resolving " + group + " must fail").c_str());
    } catch (const core::Error &error) {
        const std::string message = error.what();
        QVERIFY2(message.find(file.path().string()) != std::string::npos, message.c_str());
        for (const auto &fragment : fragments)
            QVERIFY2(message.find(fragment) != std::string::npos, (fragment + " not in: " + message).c_str());
    }
}

void tst_Nexus::rootFollowsDefaultsToTheImage()
{
    const auto plot = browse::nexusPlotForGroup(*m_nexus, "/");
    QVERIFY(plot);
    const auto &expected = m_manifest["nexus.nxs"]["default_plot"];
    QCOMPARE(plot->groupPath, expected["group"].get<std::string>());
    QCOMPARE(plot->signalPath, expected["signal"].get<std::string>());
    QCOMPARE_JSON(plot->axes, expected["axes"]);
    QCOMPARE(plot->interpretation, expected["interpretation"].get<std::string>());
    QCOMPARE(plot->title, expected["title"].get<std::string>());
    QVERIFY(plot->auxiliarySignals.empty());
    QCOMPARE_JSON(m_manifest["nexus.nxs"]["datasets"][plot->signalPath]["shape"], nlohmann::json::parse("[10, 64, 96]"));
}

void tst_Nexus::entryAndNxdataGiveTheSamePlot()
{
    const auto fromRoot = describe(browse::nexusPlotForGroup(*m_nexus, "/"));
    QCOMPARE_JSON(describe(browse::nexusPlotForGroup(*m_nexus, "/entry")), fromRoot);
    QCOMPARE_JSON(describe(browse::nexusPlotForGroup(*m_nexus, "/entry/image")), fromRoot);
}

void tst_Nexus::spectrumHasAxisAuxiliarySignalAndGroupInterpretation()
{
    QCOMPARE_JSON(describe(browse::nexusPlotForGroup(*m_nexus, "/entry/spectrum")), nlohmann::json::parse(R"({
        "group": "/entry/spectrum", "signal": "/entry/spectrum/counts", "axes": ["/entry/spectrum/energy"],
        "interpretation": "spectrum", "auxiliary": ["/entry/spectrum/fit"], "title": "Moving blob"})"));
}

void tst_Nexus::oldStyleSignalAndAxesWithoutDefault()
{
    QCOMPARE_JSON(describe(browse::nexusPlotForGroup(*m_nexus, "/old_style")), nlohmann::json::parse(R"({
        "group": "/old_style/data", "signal": "/old_style/data/counts",
        "axes": ["/old_style/data/polar", "/old_style/data/tof"],
        "interpretation": "", "auxiliary": [], "title": ""})"));
}

void tst_Nexus::datasetIsPlottableOnlyAsItsGroupsSignal()
{
    QCOMPARE_JSON(describe(browse::nexusPlotForDataset(*m_nexus, "/entry/image/frames")),
                  describe(browse::nexusPlotForGroup(*m_nexus, "/entry/image")));
    QCOMPARE_JSON(describe(browse::nexusPlotForDataset(*m_nexus, "/entry/spectrum/counts")),
                  describe(browse::nexusPlotForGroup(*m_nexus, "/entry/spectrum")));
    QCOMPARE_JSON(describe(browse::nexusPlotForDataset(*m_nexus, "/old_style/data/counts")),
                  describe(browse::nexusPlotForGroup(*m_nexus, "/old_style/data")));
    QVERIFY(!browse::nexusPlotForDataset(*m_nexus, "/entry/image/x"));
    QVERIFY(!browse::nexusPlotForDataset(*m_nexus, "/entry/spectrum/fit"));
    QVERIFY(!browse::nexusPlotForDataset(*m_nexus, "/entry/title"));
}

void tst_Nexus::filesWithoutNexusHaveNoPlot()
{
    const auto types = h5::File::open(m_dir / "types.h5");
    QVERIFY(!browse::nexusPlotForGroup(types, "/"));
    QVERIFY(!browse::nexusPlotForGroup(types, "/images"));
    QVERIFY(!browse::nexusPlotForDataset(types, "/images/stack"));
    QVERIFY(!browse::nexusPlotForDataset(types, "/scalar"));
    QVERIFY(!browse::nexusPlotForGroup(h5::File::open(m_dir / "sample.h5ad"), "/"));
}

void tst_Nexus::brokenSamplesFailToOpen()
{
    for (const char *name : {"truncated.h5", "not_hdf5.h5"}) {
        const std::string expected = m_manifest[name]["open_error"];
        try {
            (void)h5::File::open(m_dir / name);
            QFAIL((std::string(name) + " must not open").c_str());
        } catch (const h5::Error &error) {
            QVERIFY2(std::string(error.what()).find((m_dir / name).string()) != std::string::npos, error.what());
            QVERIFY2(std::string(error.what()).find(expected) != std::string::npos, error.what());
        }
    }
}

void tst_Nexus::axesArrayWithDotsAndImplicitDefault()
{
    const auto file = createFile("dots.h5");
    const auto entry = file.root().createGroup("scan");
    entry.attributes().set("NX_class", "NXentry");
    const auto data = entry.createGroup("data");
    data.attributes().set("NX_class", "NXdata");
    data.attributes().set("signal", "map");
    data.attributes().set("axes", nlohmann::json::array({".", "x"}));
    addDataset(data, "map", {3, 4});
    addDataset(data, "x", {4});
    data.createDataset<std::string>("title", {1}).write<std::string>(std::vector<std::string>{"Map title"});
    QCOMPARE_JSON(describe(browse::nexusPlotForGroup(file, "/")), nlohmann::json::parse(R"({
        "group": "/scan/data", "signal": "/scan/data/map", "axes": ["", "/scan/data/x"],
        "interpretation": "", "auxiliary": [], "title": "Map title"})"));
}

void tst_Nexus::nxdataWithoutSignalHasNoPlot()
{
    const auto file = createFile("nosignal.h5");
    const auto data = file.root().createGroup("data");
    data.attributes().set("NX_class", "NXdata");
    addDataset(data, "counts", {5});
    data.dataset("counts").attributes().set("signal", 2);
    QVERIFY(!browse::nexusPlotForGroup(file, "/"));
    QVERIFY(!browse::nexusPlotForGroup(file, "/data"));
    QVERIFY(!browse::nexusPlotForDataset(file, "/data/counts"));
}

void tst_Nexus::missingSignalIsAnErrorNamingIt()
{
    const auto file = createFile("missingsignal.h5");
    file.root().attributes().set("default", "data");
    const auto data = file.root().createGroup("data");
    data.attributes().set("NX_class", "NXdata");
    data.attributes().set("signal", "counts");
    addDataset(data, "other", {5});
    expectError(file, "/", {"/data", "@signal", "'counts'"});
    QVERIFY(!browse::nexusPlotForDataset(file, "/data/other"));
}

void tst_Nexus::defaultPointingNowhereIsAnError()
{
    const auto file = createFile("nowhere.h5");
    file.root().attributes().set("default", "entry");
    const auto entry = file.root().createGroup("entry");
    entry.attributes().set("NX_class", "NXentry");
    entry.attributes().set("default", "nowhere");
    expectError(file, "/", {"/entry", "@default", "'nowhere'"});
}

void tst_Nexus::defaultCycleIsAnError()
{
    const auto file = createFile("cycle.h5");
    file.root().createGroup("a").attributes().set("default", "/b");
    file.root().createGroup("b").attributes().set("default", "/a");
    expectError(file, "/a", {"@default", "circle"});
}

void tst_Nexus::missingAxisIsAnError()
{
    const auto file = createFile("missingaxis.h5");
    const auto data = file.root().createGroup("data");
    data.attributes().set("NX_class", "NXdata");
    data.attributes().set("signal", "counts");
    data.attributes().set("axes", "energy");
    data.attributes().set("auxiliary_signals", nlohmann::json::array({"counts"}));
    addDataset(data, "counts", {5});
    expectError(file, "/data", {"/data", "@axes", "'energy'"});
}

QTEST_GUILESS_MAIN(tst_Nexus)
#include "tst_nexus.moc"
