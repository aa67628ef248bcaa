#include "core/h5/file.h"
#include "core/h5/group.h"

#include <nlohmann/json.hpp>

#include <QtCore/QCryptographicHash>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <algorithm>
#include <cmath>

// The whole ISI loop as a user runs it from the command line: `demo` (stimulus from the library, simulated
// recording of all four directions, analysis, segmentation, pictures), then `analyze` on its recording, and
// the maps checked here against the simulator's ground truth.
class tst_RetinotopyLoop : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void demoMapsMatchTheGroundTruth();
    void analyzeReusesTheStoredResult();
    void theRecordingIsNeverWritten();
    void analyzeFailsCleanly();

private:
    struct Result {
        int exitCode;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &arguments, int timeoutMs = 120000) const;
    static QByteArray sha256Of(const QString &path);
    QTemporaryDir m_dir;
    QString m_recording, m_results;
    QByteArray m_recordingSha256;
    nlohmann::json m_demo;
};

tst_RetinotopyLoop::Result tst_RetinotopyLoop::run(const QStringList &arguments, int timeoutMs) const
{
    QProcess process;
    process.start(QStringLiteral(MACROSCOPE_CLI), arguments);
    if (!process.waitForFinished(timeoutMs))
        return {-1, {}, "timed out"};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

QByteArray tst_RetinotopyLoop::sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result();
}

void tst_RetinotopyLoop::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString out = m_dir.filePath(QStringLiteral("demo"));
    const Result demo = run({"demo", "--out", out, "--library", m_dir.filePath(QStringLiteral("library")), "--json"}, 400000);
    QVERIFY2(demo.exitCode == 0, demo.err.constData());
    m_demo = nlohmann::json::parse(demo.out.toStdString());
    m_recording = out + QStringLiteral("/recording.h5");
    m_results = out + QStringLiteral("/recording.retinotopy.h5");
    QCOMPARE(QString::fromStdString(m_demo["recording"].get<std::string>()), m_recording);
    m_recordingSha256 = sha256Of(m_recording);
}

void tst_RetinotopyLoop::demoMapsMatchTheGroundTruth()
{
    QCOMPARE(m_demo["dropped"].get<int>(), 0);
    // The simulated cortex has V1 (negative sign) and three areas of positive sign (LM, PM, RL).
    const auto &patches = m_demo["patches"];
    QCOMPARE(patches.size(), std::size_t(4));
    QCOMPARE(patches[0]["sign"].get<int>(), -1);
    for (int i = 1; i < 4; ++i)
        QCOMPARE(patches[i]["sign"].get<int>(), 1);
    for (std::size_t i = 1; i < patches.size(); ++i)
        QVERIFY(patches[i - 1]["area_px"].get<int>() >= patches[i]["area_px"].get<int>());
    QVERIFY2(m_demo["sign_agreement"].get<double>() > 0.9, m_demo.dump().c_str());
    for (const auto &image : m_demo["images"])
        QVERIFY(QFileInfo(QString::fromStdString(image.get<std::string>())).size() > 1000);

    // Recomputed here from the stored result and the simulator's truth, not taken from the demo's summary.
    const h5::File file = h5::File::open(m_recording.toStdString());
    const h5::File results = h5::File::open(m_results.toStdString());
    const h5::Group result = results.root().group(m_demo["result_path"].get<std::string>());
    const h5::Group truth = file.root().group("/acquisition/camera/ground_truth");
    const auto mask = result.dataset("response_mask").read<std::uint8_t>();
    QVERIFY(std::count(mask.begin(), mask.end(), 255) > 5000);
    for (const char *axis : {"azimuth", "altitude"}) {
        const auto ours = result.dataset(std::string(axis) + "_deg").read<float>();
        const auto expected = truth.dataset(std::string(axis) + "_deg").read<float>();
        QCOMPARE(ours.size(), expected.size());
        std::vector<double> errors;
        for (std::size_t i = 0; i < ours.size(); ++i)
            if (mask[i] && std::isfinite(expected[i]))
                errors.push_back(std::abs(ours[i] - expected[i]));
        std::nth_element(errors.begin(), errors.begin() + std::ptrdiff_t(errors.size() / 2), errors.end());
        const double median = errors[errors.size() / 2];
        qInfo("%s: median absolute error %.2f deg over %zu responding pixels", axis, median, errors.size());
        QVERIFY2(median < 1.0, axis);
    }
}

void tst_RetinotopyLoop::analyzeReusesTheStoredResult()
{
    const Result again = run({"analyze", m_recording, "--json"});
    QVERIFY2(again.exitCode == 0, again.err.constData());
    const auto summary = nlohmann::json::parse(again.out.toStdString());
    QCOMPARE(summary["reused"].get<bool>(), true);
    QCOMPARE(QString::fromStdString(summary["result_file"].get<std::string>()), m_results);
    QVERIFY(summary["result_path"] == m_demo["result_path"]);
    QVERIFY(summary["patches"] == m_demo["patches"]);

    // Other parameters are another analysis, stored beside the first.
    const QString params = m_dir.filePath(QStringLiteral("params.json"));
    QFile file(params);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"driftRemoval": "polynomial", "polynomialOrder": 1, "signMapThr": 0.35})");
    file.close();
    const Result other = run({"analyze", m_recording, "--params", params, "--json"});
    QVERIFY2(other.exitCode == 0, other.err.constData());
    const auto second = nlohmann::json::parse(other.out.toStdString());
    QCOMPARE(second["reused"].get<bool>(), false);
    QVERIFY(second["result_path"] != m_demo["result_path"]);
    QCOMPARE(second["patches"].size(), std::size_t(4));
}

void tst_RetinotopyLoop::theRecordingIsNeverWritten()
{
    // Two analyses later, the raw recording is byte for byte what the recorder wrote, and still verifies.
    QCOMPARE(sha256Of(m_recording), m_recordingSha256);
    const Result verify = run({"verify", m_recording});
    QVERIFY2(verify.exitCode == 0, verify.err.constData());
}

void tst_RetinotopyLoop::analyzeFailsCleanly()
{
    const QString plain = m_dir.filePath(QStringLiteral("plain.h5"));
    QCOMPARE(run({"record", "--camera", "sim", "--out", plain, "--frames", "20", "--fps", "100", "--size", "32x32"}).exitCode, 0);
    const Result noStimulus = run({"analyze", plain});
    QCOMPARE(noStimulus.exitCode, 1);
    QVERIFY2(noStimulus.err.contains("plain.h5") && noStimulus.err.contains("without a stimulus"), noStimulus.err.constData());

    const QString params = m_dir.filePath(QStringLiteral("bad.json"));
    QFile file(params);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"driftRemoval": "median"})");
    file.close();
    const Result badParams = run({"analyze", m_recording, "--params", params});
    QCOMPARE(badParams.exitCode, 1);
    QVERIFY2(badParams.err.contains("bad.json") && badParams.err.contains("driftRemoval"), badParams.err.constData());

    const Result missing = run({"analyze", m_dir.filePath(QStringLiteral("missing.h5"))});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("missing.h5"), missing.err.constData());
}

QTEST_GUILESS_MAIN(tst_RetinotopyLoop)
#include "tst_retinotopyloop.moc"
