#include "core/cli/commandregistry.h"
#include "core/cli/segmentcommand.h"
#include "core/h5/file.h"
#include "core/retinotopy/areasegmentation.h"
#include "core/retinotopy/mapfile.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

using nlohmann::json;

namespace {

const std::string allenFolder = MACROSCOPE_SHARED_DATA_DIR "/isi/allen_example/";

// The parameters of the Allen package's example notebook (retinotopic_mapping_example.ipynb).
const json notebookParameters = {
    {"phaseMapFilterSigma", 0.5}, {"signMapFilterSigma", 8.0},    {"signMapThr", 0.4},
    {"eccMapFilterSigma", 15.0},  {"splitLocalMinCutStep", 5.0}, {"closeIter", 3},
    {"openIter", 3},              {"dilationIter", 15},          {"borderWidth", 1},
    {"smallPatchThr", 100},       {"visualSpacePixelSize", 0.5}, {"visualSpaceCloseIter", 15},
    {"splitOverlapThr", 1.1},     {"mergeOverlapThr", 0.1},
};

struct ExpectedPatch {
    std::int64_t area;
    int sign;
};
// What the reference (RetinotopicMappingTrial.processTrial) finds on the example with those parameters.
const std::vector<ExpectedPatch> allenPatches = {
    {24356, -1}, {13493, 1}, {11525, 1}, {8464, 1}, {4515, 1}, {4244, -1}, {2922, -1},
    {2435, 1},   {2128, -1}, {1645, -1}, {1071, 1}, {1015, -1}, {964, -1},
};

template <typename Action>
QString thrownMessage(Action &&action)
{
    try {
        action();
    } catch (const core::Error &e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("<nothing thrown>");
}

bool anyStepStartsWith(const std::vector<std::string> &steps, const std::string &start)
{
    return std::any_of(steps.begin(), steps.end(), [&](const std::string &step) { return step.rfind(start, 0) == 0; });
}

bool anyStepContains(const std::vector<std::string> &steps, const std::string &part)
{
    return std::any_of(steps.begin(), steps.end(), [&](const std::string &step) { return step.find(part) != std::string::npos; });
}

// Altitude rising down the rows; azimuth rising away from the middle column on both sides: the right half
// is the left half's mirror image, so the two halves have opposite visual field signs.
std::pair<cv::Mat1d, cv::Mat1d> mirroredHalves(int rows, int cols)
{
    cv::Mat1d altitude(rows, cols), azimuth(rows, cols);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            altitude(r, c) = -30 + 60.0 * r / rows;
            azimuth(r, c) = 10 + 80.0 * std::abs(c + 0.5 - cols / 2.0) / cols;
        }
    return {altitude, azimuth};
}

} // namespace

class tst_AreaSegmentation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void allenExampleMatchesReference();
    void mirroredHalvesHaveOppositeSigns();
    void undefinedPixelsStayOutside();
    void rejectsUnusableMaps_data();
    void rejectsUnusableMaps();
    void parametersFromJson();
    void parameterErrorsNameTheKey_data();
    void parameterErrorsNameTheKey();
    void readsMapsFromTiffAndHdf5();
    void readMapErrorsNameFileAndProblem_data();
    void readMapErrorsNameFileAndProblem();
    void segmentCommandPrintsPatches();
    void segmentCommandFailures();

private:
    std::string path(const char *name) const { return (m_dir.path() + "/" + name).toStdString(); }
    QTemporaryDir m_dir;
};

// The Allen maps are the shared test corpus's, beside the source tree, not part of it.
bool haveAllenMaps()
{
    return std::filesystem::exists(allenFolder + "example_altitude_map.tif");
}

void tst_AreaSegmentation::allenExampleMatchesReference()
{
    if (!haveAllenMaps())
        QSKIP("Allen's example maps are not in ../shared/data/isi/allen_example");
    const cv::Mat altitude = retino::readMap(allenFolder + "example_altitude_map.tif");
    const cv::Mat azimuth = retino::readMap(allenFolder + "example_azimuth_map.tif");
    const auto parameters = retino::SegmentationParameters::fromJson(notebookParameters, std::nan(""));
    const retino::Segmentation result = retino::segmentAreas(altitude, azimuth, parameters,
                                                             retino::readMap(allenFolder + "example_altitude_power_map.tif"),
                                                             retino::readMap(allenFolder + "example_azimuth_power_map.tif"));

    QCOMPARE(result.rawPatchCount, 13);
    QVERIFY2(anyStepStartsWith(result.steps, "split patch 1 (coverage ratio 1.116)"), nlohmann::json(result.steps).dump().c_str());
    QVERIFY2(anyStepContains(result.steps, "overlap 0.089"), nlohmann::json(result.steps).dump().c_str());
    QCOMPARE(result.patches.size(), allenPatches.size());
    for (std::size_t i = 0; i < allenPatches.size(); ++i) {
        const retino::Patch &patch = result.patches[i];
        QCOMPARE(patch.sign, allenPatches[i].sign);
        QVERIFY2(std::abs(static_cast<double>(patch.areaPx - allenPatches[i].area)) <= 0.01 * static_cast<double>(allenPatches[i].area),
                 qPrintable(QStringLiteral("patch %1: %2 px, reference %3 px").arg(i + 1).arg(patch.areaPx).arg(allenPatches[i].area)));
        QCOMPARE(cv::countNonZero(result.labels == static_cast<int>(i + 1)), static_cast<int>(patch.areaPx));
        QCOMPARE(cv::countNonZero(patch.mask), static_cast<int>(patch.areaPx));
    }
    QCOMPARE(result.signMap.size(), altitude.size());
    QVERIFY(cv::countNonZero(result.borders) > 0);
    QCOMPARE(cv::countNonZero(result.borders & (result.labels == 0)), 0);
    // The largest patch is a piece of raw patch 1, whose eccentricity the split used.
    const cv::Mat1b definedEccentricity = result.eccentricityMap == result.eccentricityMap;
    QCOMPARE(cv::countNonZero(definedEccentricity & result.patches[0].mask), static_cast<int>(result.patches[0].areaPx));
}

void tst_AreaSegmentation::mirroredHalvesHaveOppositeSigns()
{
    const auto [altitude, azimuth] = mirroredHalves(120, 160);
    retino::SegmentationParameters parameters;
    parameters.signMapFilterSigma = 3;
    const retino::Segmentation result = retino::segmentAreas(altitude, azimuth, parameters);

    QCOMPARE(result.rawPatchCount, 2);
    QCOMPARE(result.patches.size(), std::size_t{2});
    const double half = 120.0 * 160.0 / 2;
    for (const retino::Patch &patch : result.patches)
        QVERIFY2(patch.areaPx > 0.9 * half && patch.areaPx <= half, qPrintable(QString::number(patch.areaPx)));
    const retino::Patch &left = result.patches[0].centroidRc.y < 80 ? result.patches[0] : result.patches[1];
    const retino::Patch &right = &left == &result.patches[0] ? result.patches[1] : result.patches[0];
    QCOMPARE(left.sign, 1);
    QCOMPARE(right.sign, -1);
    QVERIFY(left.centroidRc.y < 80 && right.centroidRc.y > 80);
    QVERIFY(std::abs(left.centroidRc.x - 60) < 3 && std::abs(right.centroidRc.x - 60) < 3);
    // The raw sign is ±1 away from the middle; the border between the halves is one pixel wide there.
    QCOMPARE(result.signMap(60, 20), 1.0);
    QCOMPARE(result.signMap(60, 140), -1.0);
    QCOMPARE(result.signMapThresholded(60, 20), std::int16_t{1});
    int gap = 0;
    for (int c = 60; c < 100; ++c)
        gap += result.labels(60, c) == 0 ? 1 : 0;
    QCOMPARE(gap, 1);
}

void tst_AreaSegmentation::undefinedPixelsStayOutside()
{
    auto [altitude, azimuth] = mirroredHalves(120, 160);
    const cv::Rect hole(20, 30, 25, 40);
    altitude(hole).setTo(std::nan(""));
    azimuth(10, 150) = std::nan("");
    retino::SegmentationParameters parameters;
    parameters.signMapFilterSigma = 3;
    const retino::Segmentation result = retino::segmentAreas(altitude, azimuth, parameters);

    QCOMPARE(result.patches.size(), std::size_t{2});
    QCOMPARE(cv::countNonZero(result.labels(hole)), 0);
    QCOMPARE(result.labels(10, 150), 0);
    QVERIFY(std::isnan(result.signMap(40, 30)));
}

void tst_AreaSegmentation::rejectsUnusableMaps_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << 0 << "segmentation: the altitude map is empty";
    QTest::newRow("sizes differ") << 1 << "segmentation: the altitude map is 40×30 but the azimuth map is 40×31";
    QTest::newRow("all NaN") << 2 << "segmentation: the altitude and azimuth maps have no pixel where both are defined (all NaN)";
    QTest::newRow("colour") << 3 << "segmentation: the azimuth map has 3 channels; it must have one";
    QTest::newRow("one row") << 4 << "segmentation: the altitude map is 40×1; it needs at least 2×2 pixels";
    QTest::newRow("power size") << 5 << "segmentation: the azimuth power map is 10×10 but the altitude map is 40×30";
}

void tst_AreaSegmentation::rejectsUnusableMaps()
{
    QFETCH(int, kind);
    QFETCH(QString, message);
    cv::Mat altitude = cv::Mat1d(30, 40, 1.0), azimuth = cv::Mat1d(30, 40, 2.0), power;
    if (kind == 0)
        altitude = cv::Mat();
    else if (kind == 1)
        azimuth = cv::Mat1d(31, 40, 2.0);
    else if (kind == 2)
        altitude.setTo(std::nan(""));
    else if (kind == 3)
        azimuth = cv::Mat3d(30, 40, cv::Vec3d(1, 2, 3));
    else if (kind == 4)
        altitude = cv::Mat1f(1, 40, 1.0f);
    else
        power = cv::Mat1d(10, 10, 0.5);
    QCOMPARE(thrownMessage([&] { retino::segmentAreas(altitude, azimuth, {}, {}, power); }), message);
}

void tst_AreaSegmentation::parametersFromJson()
{
    const retino::SegmentationParameters defaults = retino::SegmentationParameters::fromJson(json::object(), std::nan(""));
    QCOMPARE(defaults.signMapThr, 0.35);
    QCOMPARE(defaults.phaseMapFilterSigma, 1.0);
    QCOMPARE(defaults.signMapFilterSigma, 9.0);
    QCOMPARE(defaults.eccMapFilterSigma, 10.0);
    QCOMPARE(defaults.dilationIter, 15);
    QCOMPARE(defaults.toJson().size(), retino::SegmentationParameters::keys().size());

    // 10 µm pixels: 30 µm is 3 steps, 25 µm rounds to 3 (2.5 → 3), 1 mm² is 10 000 px².
    const json microns = {{"closeIter", {{"um", 30}}},          {"openIter", {{"um", 25}}},
                          {"phaseMapFilterSigma", {{"um", 5}}}, {"smallPatchThr", {{"um2", 1e6}}},
                          {"signMapThr", 0.4},                  {"visualSpaceCloseIter", 7}};
    const auto converted = retino::SegmentationParameters::fromJson(microns, 10.0);
    QCOMPARE(converted.closeIter, 3);
    QCOMPARE(converted.openIter, 3);
    QCOMPARE(converted.phaseMapFilterSigma, 0.5);
    QCOMPARE(converted.smallPatchThr, 10000.0);
    QCOMPARE(converted.signMapThr, 0.4);
    QCOMPARE(converted.visualSpaceCloseIter, 7);

    // The document's own pixel size is used only when the caller has none.
    json withSize = {{"pixelSizeUm", 5.0}, {"dilationIter", {{"um", 50}}}};
    QCOMPARE(retino::SegmentationParameters::fromJson(withSize, std::nan("")).dilationIter, 10);
    QCOMPARE(retino::SegmentationParameters::fromJson(withSize, 10.0).dilationIter, 5);

    // Keys of other analysis steps pass when the caller allows them.
    const json mixed = {{"driftRemoval", "sliding"}, {"borderWidth", 2}};
    QCOMPARE(retino::SegmentationParameters::fromJson(mixed, std::nan(""), {"driftRemoval"}).borderWidth, 2);

    // segmentAreas checks a struct filled in by code as fromJson checks a document.
    retino::SegmentationParameters zeroSteps;
    zeroSteps.closeIter = 0;
    QCOMPARE(thrownMessage([&] { retino::segmentAreas(cv::Mat1d(8, 8, 1.0), cv::Mat1d(8, 8, 2.0), zeroSteps); }),
             "segmentation parameter 'closeIter': must be between 1 and 10000, got 0");

    // toJson is complete and reads back to the same values.
    const json written = converted.toJson();
    for (const std::string &key : retino::SegmentationParameters::keys())
        QVERIFY2(written.contains(key), key.c_str());
    QCOMPARE(QString::fromStdString(retino::SegmentationParameters::fromJson(written, std::nan("")).toJson().dump()),
             QString::fromStdString(written.dump()));
    const json notebook = retino::SegmentationParameters::fromJson(notebookParameters, std::nan("")).toJson();
    for (const auto &[key, value] : notebookParameters.items())
        QCOMPARE(notebook.at(key).get<double>(), value.get<double>());
}

void tst_AreaSegmentation::parameterErrorsNameTheKey_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<double>("pixelSizeUm");
    QTest::addColumn<QString>("message");
    const double none = std::nan("");
    QTest::newRow("unknown key") << QByteArray(R"({"signMapThreshold": 0.3})") << none
                                 << "unknown segmentation parameter 'signMapThreshold' (valid: phaseMapFilterSigma, "
                                    "signMapFilterSigma, signMapThr, eccMapFilterSigma, splitLocalMinCutStep, closeIter, "
                                    "openIter, dilationIter, borderWidth, smallPatchThr, visualSpacePixelSize, "
                                    "visualSpaceCloseIter, splitOverlapThr, mergeOverlapThr, pixelSizeUm)";
    QTest::newRow("string") << QByteArray(R"({"signMapThr": "0.3"})") << none
                            << R"(segmentation parameter 'signMapThr': must be a number, got "0.3")";
    QTest::newRow("negative") << QByteArray(R"({"signMapFilterSigma": -2})") << none
                              << "segmentation parameter 'signMapFilterSigma': must be at least 0, got -2";
    QTest::newRow("above 1") << QByteArray(R"({"signMapThr": 1.5})") << none
                             << "segmentation parameter 'signMapThr': must be between 0 and 1, got 1.5";
    QTest::newRow("fraction of a step") << QByteArray(R"({"closeIter": 2.5})") << none
                                        << "segmentation parameter 'closeIter': must be a whole number of iterations or "
                                           R"({"um": X}, got 2.5)";
    QTest::newRow("zero steps") << QByteArray(R"({"openIter": 0})") << none
                                << "segmentation parameter 'openIter': must be between 1 and 10000, got 0";
    QTest::newRow("rounds to zero") << QByteArray(R"({"borderWidth": {"um": 4}})") << 10.0
                                    << R"(segmentation parameter 'borderWidth': must be between 1 and 10000, got {"um":4}, 0 after rounding)";
    QTest::newRow("µm without pixel size") << QByteArray(R"({"dilationIter": {"um": 100}})") << none
                                           << R"(segmentation parameter 'dilationIter': {"um":100} needs the pixel size in µm (a "pixelSizeUm" key or the caller's pixel size))";
    QTest::newRow("µm where not spatial") << QByteArray(R"({"signMapThr": {"um": 1}})") << 10.0
                                          << R"(segmentation parameter 'signMapThr': must be a number, got {"um":1})";
    QTest::newRow("µm² key for a length") << QByteArray(R"({"smallPatchThr": {"um": 1}})") << 10.0
                                          << R"(segmentation parameter 'smallPatchThr': must be a number of px² or {"um2": X}, got {"um":1})";
    QTest::newRow("bad pixel size") << QByteArray(R"({"pixelSizeUm": 0})") << none
                                    << "segmentation parameter 'pixelSizeUm': must be a positive number of µm, got 0";
    QTest::newRow("not an object") << QByteArray("[1, 2]") << none << "segmentation parameters must be a JSON object, got array";
}

void tst_AreaSegmentation::parameterErrorsNameTheKey()
{
    QFETCH(QByteArray, document);
    QFETCH(double, pixelSizeUm);
    QFETCH(QString, message);
    const json parsed = json::parse(document.toStdString());
    QCOMPARE(thrownMessage([&] { retino::SegmentationParameters::fromJson(parsed, pixelSizeUm); }), message);
}

void tst_AreaSegmentation::readsMapsFromTiffAndHdf5()
{
    cv::Mat1d map(3, 4);
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c)
            map(r, c) = r * 10 + c + 0.25;
    retino::writeMapTiff(path("map.tif"), map);
    QCOMPARE(cv::norm(retino::readMap(path("map.tif")), map, cv::NORM_INF), 0.0);
    retino::writeMapTiff(path("map32.tif"), cv::Mat1w(3, 4, std::uint16_t{7}));
    QCOMPARE(retino::readMap(path("map32.tif")).at<double>(2, 3), 7.0);

    {
        const auto file = h5::File::create(path("maps.h5"));
        std::vector<float> values(map.begin(), map.end());
        file.root().createDataset<float>("maps/altitude", {3, 4}).write<float>(values);
    }
    const cv::Mat read = retino::readMap(path("maps.h5") + "::/maps/altitude");
    QCOMPARE(read.type(), CV_64F);
    QCOMPARE(cv::norm(read, map, cv::NORM_INF), 0.0);
}

void tst_AreaSegmentation::readMapErrorsNameFileAndProblem_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing tiff") << "missing.tif" << "missing.tif: no such file";
    QTest::newRow("not an image") << "garbage.tif" << "garbage.tif: not an image OpenCV can read (a map is a single-channel TIFF or HDF5 dataset)";
    QTest::newRow("colour image") << "colour.tif" << "colour.tif: the image has 3 channels; a map must have one";
    QTest::newRow("missing h5") << "missing.h5::/map" << "missing.h5: no such file";
    QTest::newRow("3-D dataset") << "bad.h5::/cube" << "bad.h5: /cube: a map must be 2-D, this dataset is 3-D (2×3×4)";
    QTest::newRow("missing dataset") << "bad.h5::/nothing" << "bad.h5: /nothing: no such dataset";
    QTest::newRow("group") << "bad.h5::/group" << "bad.h5: /group: not a dataset";
    QTest::newRow("strings") << "bad.h5::/names" << "bad.h5: /names: holds vlen string(utf-8), not numbers";
}

void tst_AreaSegmentation::readMapErrorsNameFileAndProblem()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    if (!std::filesystem::exists(path("bad.h5"))) {
        std::ofstream(path("garbage.tif")) << "not a TIFF at all";
        cv::imwrite(path("colour.tif"), cv::Mat3b(2, 2, cv::Vec3b(1, 2, 3)));
        const auto file = h5::File::create(path("bad.h5"));
        file.root().createDataset<double>("cube", {2, 3, 4});
        file.root().createGroup("group");
        file.root().createDataset<std::string>("names", {1, 2}).write<std::string>(std::vector<std::string>{"a", "b"});
    }
    const std::string full = path(spec.toUtf8().constData());
    const QString expected = m_dir.path() + "/" + message;
    QCOMPARE(thrownMessage([&] { retino::readMap(full); }), expected);
}

void tst_AreaSegmentation::segmentCommandPrintsPatches()
{
    if (!haveAllenMaps())
        QSKIP("Allen's example maps are not in ../shared/data/isi/allen_example");
    {
        std::ofstream(path("notebook.json")) << notebookParameters.dump();
    }
    cli::CommandRegistry registry("macroscope-cli");
    registry.add(std::make_unique<cli::SegmentCommand>());
    std::ostringstream out, err;
    cli::Output output{out, err};
    const int code = registry.run({"macroscope-cli", "segment", "--altitude",
                                   QString::fromStdString(allenFolder + "example_altitude_map.tif"), "--azimuth",
                                   QString::fromStdString(allenFolder + "example_azimuth_map.tif"), "--params",
                                   QString::fromStdString(path("notebook.json")), "--json"},
                                  output);
    QCOMPARE(code, 0);
    QCOMPARE(QString::fromStdString(err.str()), QString());
    const json printed = json::parse(out.str());
    QCOMPARE(printed.at("patches").size(), allenPatches.size());
    for (std::size_t i = 0; i < allenPatches.size(); ++i) {
        const json &patch = printed.at("patches").at(i);
        QCOMPARE(patch.at("sign").get<int>(), allenPatches[i].sign);
        QCOMPARE(patch.at("area_px").get<std::int64_t>(), allenPatches[i].area);
        QCOMPARE(patch.at("centroid_rc").size(), std::size_t{2});
    }
}

void tst_AreaSegmentation::segmentCommandFailures()
{
    cli::CommandRegistry registry("macroscope-cli");
    registry.add(std::make_unique<cli::SegmentCommand>());
    const auto run = [&](const QStringList &arguments, std::string &err) {
        std::ostringstream out, errors;
        cli::Output output{out, errors};
        const int code = registry.run(QStringList{"macroscope-cli", "segment"} + arguments, output);
        err = errors.str();
        return code;
    };
    std::string err;
    QCOMPARE(run({"--altitude", "a.tif"}, err), 2);
    QVERIFY2(err.find("missing --azimuth") != std::string::npos, err.c_str());
    const QString missing = QString::fromStdString(path("nowhere.tif"));
    QCOMPARE(run({"--altitude", missing, "--azimuth", missing}, err), 1);
    QCOMPARE(QString::fromStdString(err), "macroscope-cli segment: " + missing + ": no such file\n");
    {
        std::ofstream(path("wrong.json")) << R"({"closeIter": -1})";
    }
    retino::writeMapTiff(path("flat.tif"), cv::Mat1d(8, 8, 0.0));
    const QString altitude = QString::fromStdString(path("flat.tif"));
    QCOMPARE(run({"--altitude", altitude, "--azimuth", altitude, "--params", QString::fromStdString(path("wrong.json"))}, err), 1);
    QCOMPARE(QString::fromStdString(err), QString::fromStdString("macroscope-cli segment: " + path("wrong.json")
                                                                 + ": segmentation parameter 'closeIter': must be between 1 and 10000, got -1\n"));
    QCOMPARE(run({"--altitude", altitude, "--azimuth", altitude, "--pixel-size-um", "abc"}, err), 2);
}

QTEST_GUILESS_MAIN(tst_AreaSegmentation)
#include "tst_areasegmentation.moc"
