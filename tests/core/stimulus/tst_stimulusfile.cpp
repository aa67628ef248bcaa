#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/h5/file.h"
#include "core/h5/outputfile.h"
#include "core/hash/sha256.h"
#include "core/params/canonicaljson.h"
#include "core/params/jsonschema.h"
#include "core/params/schemaregistry.h"
#include "core/stimulus/framerenderer.h"
#include "core/stimulus/geometry.h"
#include "core/stimulus/stimulusfile.h"
#include "core/stimulus/stimulusplan.h"

#include <nlohmann/json.hpp>

#include "tests/support/jsoncompare.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cmath>
#include <numbers>

using stimulus::Correction;
using stimulus::Direction;
using stimulus::StimulusParameters;
using stimulus::UniqueFrame;

namespace {

// A 160×90 monitor keeps files small; a fast bar keeps sweeps short (~100 frames).
StimulusParameters smallStimulus()
{
    StimulusParameters p;
    p.monitor.widthPx = 160;
    p.monitor.heightPx = 90;
    p.speedDegPerS = 90;
    p.sweepsPerDirection = 2;
    p.preGapS = 0.5;
    p.interSweepGapS = 0.25;
    p.postGapS = 0.5;
    return p;
}

struct Rendered {
    std::vector<std::uint8_t> pixels;
    int width;
    int height;
    std::uint8_t at(int column, int row) const { return pixels[static_cast<std::size_t>(row * width + column)]; }
};

Rendered render(const StimulusParameters &p, const UniqueFrame &frame)
{
    const stimulus::FrameRenderer renderer(p, stimulus::angleMaps(p.monitor, p.pose, p.correction));
    Rendered out{std::vector<std::uint8_t>(renderer.frameBytes()), renderer.width(), renderer.height()};
    renderer.render(frame, out.pixels);
    return out;
}

// Columns (or rows) in which part of the line is inside the bar and part outside.
int mixedLines(const Rendered &frame, std::uint8_t background, bool columns)
{
    const int lines = columns ? frame.width : frame.height, length = columns ? frame.height : frame.width;
    int mixed = 0;
    for (int line = 0; line < lines; ++line) {
        int inside = 0;
        for (int i = 0; i < length; ++i)
            inside += (columns ? frame.at(line, i) : frame.at(i, line)) != background;
        mixed += inside > 0 && inside < length;
    }
    return mixed;
}

nlohmann::json rootAttributes(const std::filesystem::path &file)
{
    const auto attributes = h5::File::open(file).root().attributes();
    nlohmann::json root = nlohmann::json::object();
    for (const auto &name : attributes.names())
        root[name] = attributes.get(name);
    return root;
}

} // namespace

class tst_StimulusFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void gammaEncoding_data();
    void gammaEncoding();
    void verticalBarBendsOnlyOnATiltedScreen();
    void horizontalBarCurvesWithCorrection();
    void polarityFlipsTheBoard();
    void checkerSquaresFollowSweepCoordinates();
    void roundTrip();
    void rootAttributesFollowTheirSchema();
    void readerRefusesOtherFiles_data();
    void readerRefusesOtherFiles();
    void cancellationLeavesNothing();
    void invalidParametersWriteNothing();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

void tst_StimulusFile::gammaEncoding_data()
{
    QTest::addColumn<double>("luminance");
    QTest::addColumn<double>("gamma");
    QTest::addColumn<int>("value");
    // round(255 · L^(1/gamma)), worked out by hand
    QTest::newRow("default background") << 0.5 << 2.2 << 186;
    QTest::newRow("linear display, half way rounds up") << 0.5 << 1.0 << 128;
    QTest::newRow("bright checker at contrast 0.5") << 0.75 << 2.2 << 224;
    QTest::newRow("dark checker at contrast 0.5") << 0.25 << 2.2 << 136;
    QTest::newRow("gamma 1.8") << 0.2 << 1.8 << 104;
    QTest::newRow("clamped above") << 1.5 << 2.2 << 255;
    QTest::newRow("clamped below") << -0.5 << 2.2 << 0;
}

void tst_StimulusFile::gammaEncoding()
{
    QFETCH(double, luminance);
    QFETCH(double, gamma);
    QFETCH(int, value);
    QCOMPARE(int(stimulus::encodeLuminance(luminance, gamma)), value);
    if (luminance >= 0 && luminance <= 1) {
        StimulusParameters p = smallStimulus();
        p.background = luminance;
        p.monitor.gamma = gamma;
        const Rendered frame = render(p, UniqueFrame{});
        QVERIFY(std::all_of(frame.pixels.begin(), frame.pixels.end(), [&](std::uint8_t v) { return v == value; }));
    }
}

// Without the correction a vertical bar is a vertical band. With it, the bar follows a line of constant
// azimuth, which bends on a tilted screen (Marshel et al. 2011, Fig. 1). On an untilted screen a lateral turn
// only adds to the azimuth (Marshel's azimuth atan(−y / x0) does not depend on z), so the bar stays straight.
void tst_StimulusFile::verticalBarBendsOnlyOnATiltedScreen()
{
    StimulusParameters p = smallStimulus();
    p.pose.tiltDeg = 20;
    const UniqueFrame bar{Direction::LeftToRight, 0, 30, 1};
    p.correction = Correction::None;
    const Rendered flat = render(p, bar);
    QCOMPARE(mixedLines(flat, 186, true), 0);
    QVERIFY(flat.at(80, 45) != 186 && flat.at(0, 45) == 186); // flat azimuths 30.9° and −38.8°

    p.correction = Correction::Spherical;
    const Rendered curved = render(p, bar);
    QCOMPARE_GT(mixedLines(curved, 186, true), 0);
    const auto maps = stimulus::angleMaps(p.monitor, p.pose, Correction::Spherical);
    for (std::size_t i = 0; i < curved.pixels.size(); ++i)
        QCOMPARE(curved.pixels[i] != 186, std::abs(maps.azimuthDeg[i] - 30.0) <= 10);

    p.pose.tiltDeg = 0;
    QCOMPARE(mixedLines(render(p, bar), 186, true), 0);
}

void tst_StimulusFile::horizontalBarCurvesWithCorrection()
{
    StimulusParameters p = smallStimulus();
    const UniqueFrame bar{Direction::TopToBottom, 0, 20, -1};
    p.correction = Correction::None;
    QCOMPARE(mixedLines(render(p, bar), 186, false), 0);
    p.correction = Correction::Spherical;
    const Rendered curved = render(p, bar);
    QCOMPARE_GT(mixedLines(curved, 186, false), 0);
    // Far from the foot a given altitude lies higher on the screen, so a bar above the horizon bends up there.
    const auto firstInside = [&](int column) {
        for (int row = 0; row < curved.height; ++row)
            if (curved.at(column, row) != 186)
                return row;
        return curved.height;
    };
    QCOMPARE_LT(firstInside(0), firstInside(40));
}

void tst_StimulusFile::polarityFlipsTheBoard()
{
    const StimulusParameters p = smallStimulus();
    const Rendered plus = render(p, UniqueFrame{Direction::BottomToTop, 0, 0, 1});
    const Rendered minus = render(p, UniqueFrame{Direction::BottomToTop, 10, 0, -1});
    int inside = 0;
    for (std::size_t i = 0; i < plus.pixels.size(); ++i) {
        if (plus.pixels[i] == 186) {
            QCOMPARE(minus.pixels[i], std::uint8_t(186));
            continue;
        }
        ++inside;
        QVERIFY(plus.pixels[i] == 255 || plus.pixels[i] == 0);
        QCOMPARE(minus.pixels[i], std::uint8_t(255 - plus.pixels[i]));
    }
    QCOMPARE_GT(inside, 160 * 10);

    // ...and the plan flips it 1/flicker_hz s into each sweep: 10 frames at 6 Hz and 60 Hz.
    const auto plan = stimulus::planStimulus(p, {{-40, 100}, {-55, 55}});
    QCOMPARE(plan.frames[1 + 9].polarity, std::int8_t(1));
    QCOMPARE(plan.frames[1 + 10].polarity, std::int8_t(-1));
}

// Without correction and with the screen straight ahead, the sweep coordinates at the centre are (0°, 0°),
// the middle of a bright square at phase +1; 20° to the right (u = x0 · tan 20°) lies in the next, dark one.
void tst_StimulusFile::checkerSquaresFollowSweepCoordinates()
{
    StimulusParameters p = smallStimulus();
    p.correction = Correction::None;
    p.pose = {10, 0.05, -0.05, 0, 0}; // the foot on pixel (80, 45)
    p.monitor.widthCm = 16;
    p.monitor.heightCm = 9;
    const Rendered frame = render(p, UniqueFrame{Direction::LeftToRight, 0, 0, 1});
    const Rendered wide = render(p, UniqueFrame{Direction::LeftToRight, 0, 20, 1});
    QCOMPARE(frame.at(80, 45), std::uint8_t(255));
    const int column = 80 + static_cast<int>(std::lround(10 * std::tan(20 * std::numbers::pi / 180) / 0.1));
    QCOMPARE(wide.at(column, 45), std::uint8_t(0));
}

void tst_StimulusFile::roundTrip()
{
    const StimulusParameters p = smallStimulus();
    const auto target = path("roundtrip.h5");
    std::uint64_t reports = 0, lastDone = 0, lastTotal = 0;
    stimulus::GenerationProgress progress;
    progress.report = [&](std::uint64_t done, std::uint64_t total) {
        QCOMPARE(done, lastDone + 1);
        ++reports, lastDone = done, lastTotal = total;
    };
    const auto summary = stimulus::writeStimulusFile(p, target, progress);
    QVERIFY(std::filesystem::exists(target));
    QVERIFY(!std::filesystem::exists(files::partialPathFor(target)));
    QCOMPARE(lastDone, summary.uniqueFrames);
    QCOMPARE(lastTotal, summary.uniqueFrames);
    QCOMPARE(reports, summary.uniqueFrames);

    const stimulus::StimulusFile file(target);
    QCOMPARE(file.width(), 160);
    QCOMPARE(file.height(), 90);
    QCOMPARE(file.uniqueFrames(), summary.uniqueFrames);
    QCOMPARE(file.displayFrames(), summary.displayFrames);
    QCOMPARE(file.parametersText(), params::canonicalJson(p.toJson()));
    QCOMPARE(hash::sha256Hex(file.parametersText()), file.parametersSha256());
    QCOMPARE(file.parametersSha256(), p.sha256());
    QCOMPARE_JSON(file.parameters().toJson(), p.toJson());

    // The content hash covers every frame in order, and the frames are what the renderer draws.
    const auto maps = stimulus::angleMaps(p.monitor, p.pose, p.correction);
    const auto plan = stimulus::planStimulus(p, {maps.azimuthRange(), maps.altitudeRange()});
    QCOMPARE(plan.frames.size(), file.uniqueFrames());
    const stimulus::FrameRenderer renderer(p, maps);
    hash::Sha256 frames;
    std::vector<std::uint8_t> pixels(160 * 90), expected(160 * 90);
    for (std::uint64_t i = 0; i < file.uniqueFrames(); ++i) {
        file.readFrame(i, pixels);
        frames.update(pixels.data(), pixels.size());
        renderer.render(plan.frames[i], expected);
        QVERIFY2(pixels == expected, qPrintable(QString("frame %1").arg(i)));
    }
    QCOMPARE(hash::toHex(frames.finish()), file.framesSha256());

    const auto rows = file.displayRows();
    QCOMPARE(rows.size(), plan.display.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto &row = rows[i];
        const auto &shown = plan.frames[plan.display[i].frame];
        QCOMPARE(row.frame, plan.display[i].frame);
        QCOMPARE(row.sweep, plan.display[i].sweep);
        QCOMPARE(row.photodiode, plan.display[i].photodiode);
        QCOMPARE(row.direction, std::int8_t(shown.direction ? int(*shown.direction) : -1));
        QCOMPARE(row.polarity, shown.polarity);
        QCOMPARE(std::isnan(row.barCenterDeg), row.sweep < 0);
        if (row.sweep >= 0)
            QCOMPARE(row.barCenterDeg, shown.barCenterDeg);
        QCOMPARE(row.timeS, double(i) / 60);
    }
    QCOMPARE(rows.front().direction, std::int8_t(-1)); // the pre-gap
    QCOMPARE(rows[30].direction, std::int8_t(0));      // 0.5 s later: the first LR sweep

    const auto geometry = h5::File::open(target).root();
    QCOMPARE(geometry.dataset("geometry/altitude_deg").shape(), (h5::Shape{90, 160}));
    const auto azimuth = geometry.dataset("geometry/azimuth_deg").read<float>();
    const auto spherical = stimulus::angleMaps(p.monitor, p.pose, Correction::Spherical);
    QVERIFY(azimuth == spherical.azimuthDeg);
}

void tst_StimulusFile::rootAttributesFollowTheirSchema()
{
    const auto target = path("schema.h5");
    stimulus::writeStimulusFile(smallStimulus(), target);
    nlohmann::json root = rootAttributes(target);
    QCOMPARE_JSON(root["format"], "macroscope.stimulus");
    QVERIFY(root["parameters"].is_object()); // get() parses it; the schema sees the stored string:
    root["parameters"] = h5::File::open(target).root().attributes().getString("parameters");
    const params::JsonSchema schema = params::builtinSchema("stimulus-file");
    auto issues = schema.validate(root);
    QVERIFY2(issues.empty(), issues.empty() ? "" : issues.front().text().c_str());
    QVERIFY(params::builtinSchema("file-root").validate(root).empty());

    // The schema must be able to fail.
    nlohmann::json broken = root;
    broken["parameters_sha256"] = "ABC";
    QVERIFY(!schema.validate(broken).empty());
    broken = root;
    broken["format"] = "macroscope.recording";
    QVERIFY(!schema.validate(broken).empty());
    broken = root;
    broken.erase("frames_sha256");
    QVERIFY(!schema.validate(broken).empty());
}

void tst_StimulusFile::readerRefusesOtherFiles_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("version");
    QTest::addColumn<bool>("complete");
    QTest::addColumn<QString>("problem");
    QTest::newRow("another layout") << "macroscope.recording" << "1.0" << true << "not a stimulus file";
    QTest::newRow("newer major version") << "macroscope.stimulus" << "2.0" << true << "version 2.0";
    QTest::newRow("unfinished") << "macroscope.stimulus" << "1.0" << false << "incomplete";
}

void tst_StimulusFile::readerRefusesOtherFiles()
{
    QFETCH(QString, format);
    QFETCH(QString, version);
    QFETCH(bool, complete);
    QFETCH(QString, problem);
    const auto target = path("other.h5");
    std::filesystem::remove(target);
    {
        auto file = h5::File::create(target);
        {
            const auto attributes = file.root().attributes();
            attributes.set("format", format.toStdString());
            attributes.set("format_version", version.toStdString());
            attributes.set("complete", complete);
            attributes.set("parameters", params::canonicalJson(smallStimulus().toJson()));
        }
        file.close();
    }
    try {
        const stimulus::StimulusFile file(target);
        QFAIL("the reader accepted the file");
    } catch (const core::Error &error) {
        const QString message = error.what();
        QVERIFY2(message.contains(QString::fromStdString(target.string())), error.what());
        QVERIFY2(message.contains(problem), error.what());
    }
}

void tst_StimulusFile::cancellationLeavesNothing()
{
    const auto target = path("cancelled.h5");
    std::stop_source stop;
    std::uint64_t reached = 0;
    stimulus::GenerationProgress progress;
    progress.stop = stop.get_token();
    progress.report = [&](std::uint64_t done, std::uint64_t) {
        reached = done;
        if (done == 5)
            stop.request_stop();
    };
    try {
        stimulus::writeStimulusFile(smallStimulus(), target, progress);
        QFAIL("generation went on after the stop request");
    } catch (const core::Error &error) {
        QVERIFY2(QString(error.what()).contains("cancelled"), error.what());
        QVERIFY2(QString(error.what()).contains(QString::fromStdString(target.string())), error.what());
    }
    QCOMPARE(reached, std::uint64_t(5));
    QVERIFY(!std::filesystem::exists(target));
    QVERIFY(!std::filesystem::exists(files::partialPathFor(target)));
}

void tst_StimulusFile::invalidParametersWriteNothing()
{
    StimulusParameters p = smallStimulus();
    p.speedDegPerS = 0;
    const auto target = path("invalid.h5");
    QVERIFY_THROWS_EXCEPTION(core::Error, stimulus::writeStimulusFile(p, target));
    QVERIFY(!std::filesystem::exists(target));
    QVERIFY(!std::filesystem::exists(files::partialPathFor(target)));
}

QTEST_GUILESS_MAIN(tst_StimulusFile)
#include "tst_stimulusfile.moc"
