#include "core/files/atomicfile.h"
#include "core/h5/file.h"
#include "core/params/canonicaljson.h"
#include "core/stimulus/stimuluslibrary.h"

#include <nlohmann/json.hpp>

#include "tests/support/jsoncompare.h"
#include "tests/support/tinystimulus.h"

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <fstream>

// The content-addressed stimulus library: reuse, integrity, concurrency, pruning.
class tst_StimulusLibrary : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void secondRequestReusesTheFile();
    void flippedByteIsDetectedAndRegenerated();
    void editedParametersAreDetected();
    void fileNamedForOtherParametersIsDetected();
    void concurrentRequestsGenerateOnce();
    void pruneRemovesLeastRecentlyUsed();
    void stalePartialFromACrashIsReplaced();
    void notAStimulusFileIsReported();

private:
    static stimulus::StimulusParameters small(double barWidth = 20);
    std::filesystem::path folder() const { return m_dir->path().toStdString(); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

stimulus::StimulusParameters tst_StimulusLibrary::small(double barWidth)
{
    return stimulus::StimulusParameters::fromJson(tinyStimulusParameters(barWidth), "test parameters");
}

void tst_StimulusLibrary::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_StimulusLibrary::secondRequestReusesTheFile()
{
    stimulus::StimulusLibrary library(folder());
    const auto first = library.obtain(small());
    QVERIFY(!first.reused);
    QCOMPARE(first.path, library.pathFor(small().sha256()));
    QVERIFY(first.uniqueFrames > 1);
    QVERIFY(first.displayFrames > first.uniqueFrames);
    const auto second = library.obtain(small());
    QVERIFY(second.reused);
    QCOMPARE(second.sha256, first.sha256);
    QCOMPARE(second.uniqueFrames, first.uniqueFrames);
    QVERIFY(stimulus::StimulusLibrary::verify(first.path).intact);
    QCOMPARE(library.list().size(), std::size_t(1));
}

void tst_StimulusLibrary::flippedByteIsDetectedAndRegenerated()
{
    stimulus::StimulusLibrary library(folder());
    const auto path = library.obtain(small()).path;
    // h5py knows where frame 1's chunk lies in the file: flip one byte in the middle of it.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import h5py, sys; c = h5py.File(sys.argv[1])['frames'].id.get_chunk_info(1); "
                                 "print(c.byte_offset + c.size // 2)"),
                  QString::fromStdString(path.string())});
    QVERIFY(python.waitForFinished(60000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    const auto offset = static_cast<std::streamoff>(python.readAllStandardOutput().trimmed().toLongLong());
    QVERIFY(offset > 0);
    {
        std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
        file.seekg(offset);
        const char byte = static_cast<char>(file.get());
        file.seekp(offset);
        file.put(static_cast<char>(~byte));
    }
    const auto verification = stimulus::StimulusLibrary::verify(path);
    QVERIFY(!verification.intact);
    QVERIFY(!verification.problem.empty());

    const auto again = library.obtain(small());
    QVERIFY(!again.reused);
    QCOMPARE(again.repaired.size(), std::size_t(1));
    QVERIFY2(again.repaired.front().find(path.string()) != std::string::npos, again.repaired.front().c_str());
    QVERIFY(stimulus::StimulusLibrary::verify(path).intact);
}

void tst_StimulusLibrary::editedParametersAreDetected()
{
    stimulus::StimulusLibrary library(folder());
    const auto path = library.obtain(small()).path;
    {
        const auto file = h5::File::open(path, h5::Access::ReadWrite);
        // A hand edit of the stored parameters, kept canonical so only the identity check can catch it.
        file.root().attributes().set("parameters", params::canonicalJson(small(30).toJson()));
    }
    const auto verification = stimulus::StimulusLibrary::verify(path);
    QVERIFY(!verification.intact);
    QVERIFY2(verification.problem.find("parameters_sha256") != std::string::npos, verification.problem.c_str());
    QVERIFY(!library.obtain(small()).reused);
}

void tst_StimulusLibrary::fileNamedForOtherParametersIsDetected()
{
    stimulus::StimulusLibrary library(folder());
    const auto path = library.obtain(small()).path;
    const auto impostor = library.pathFor(small(30).sha256());
    std::filesystem::copy_file(path, impostor);
    const auto verification = stimulus::StimulusLibrary::verify(impostor);
    QVERIFY(!verification.intact);
    QVERIFY2(verification.problem.find("named") != std::string::npos, verification.problem.c_str());
    const auto replaced = library.obtain(small(30));
    QVERIFY(!replaced.reused);
    QVERIFY(stimulus::StimulusLibrary::verify(impostor).intact);
}

void tst_StimulusLibrary::concurrentRequestsGenerateOnce()
{
    const QString parameters = m_dir->filePath(QStringLiteral("params.json"));
    {
        std::ofstream(parameters.toStdString()) << small().toJson().dump();
    }
    const QString library = m_dir->filePath(QStringLiteral("library"));
    QProcess first, second;
    const QStringList arguments{QStringLiteral("stimulus"), QStringLiteral("generate"), parameters,
                                QStringLiteral("--library"), library, QStringLiteral("--json")};
    first.start(QStringLiteral(MACROSCOPE_CLI), arguments);
    second.start(QStringLiteral(MACROSCOPE_CLI), arguments);
    QVERIFY(first.waitForFinished(120000));
    QVERIFY(second.waitForFinished(120000));
    QCOMPARE(first.exitCode(), 0);
    QCOMPARE(second.exitCode(), 0);
    const auto a = nlohmann::json::parse(first.readAllStandardOutput().toStdString());
    const auto b = nlohmann::json::parse(second.readAllStandardOutput().toStdString());
    QCOMPARE_JSON(a["sha256"], b["sha256"]);
    // Exactly one of them generated; the other waited on the lock and reused the result.
    QCOMPARE(a["reused"].get<bool>() + b["reused"].get<bool>(), 1);
    QCOMPARE(stimulus::StimulusLibrary(library.toStdString()).list().size(), std::size_t(1));
}

void tst_StimulusLibrary::pruneRemovesLeastRecentlyUsed()
{
    stimulus::StimulusLibrary library(folder());
    const auto now = std::filesystem::file_time_type::clock::now();
    std::vector<stimulus::ObtainResult> results;
    for (int i = 0; i < 3; ++i) {
        results.push_back(library.obtain(small(10 + 5 * i)));
        // The oldest use first: hours apart, so the order does not depend on the file system's clock.
        std::filesystem::last_write_time(results.back().path, now - std::chrono::hours(3 - i));
    }
    const std::uint64_t newest = std::filesystem::file_size(results[2].path);
    const auto removed = library.prune(newest);
    QCOMPARE(removed.size(), std::size_t(2));
    QVERIFY(!std::filesystem::exists(results[0].path));
    QVERIFY(!std::filesystem::exists(results[1].path));
    QVERIFY(std::filesystem::exists(results[2].path));
    QVERIFY(library.prune(newest).empty());
}

void tst_StimulusLibrary::stalePartialFromACrashIsReplaced()
{
    stimulus::StimulusLibrary library(folder());
    const auto target = library.pathFor(small().sha256());
    std::ofstream(files::partialPathFor(target)) << "left by a generator that was killed";
    const auto result = library.obtain(small());
    QVERIFY(!result.reused);
    QVERIFY(stimulus::StimulusLibrary::verify(target).intact);
    QVERIFY(!std::filesystem::exists(files::partialPathFor(target)));
}

void tst_StimulusLibrary::notAStimulusFileIsReported()
{
    const auto path = folder() / "other.h5";
    (void)h5::File::create(path);
    const auto verification = stimulus::StimulusLibrary::verify(path);
    QVERIFY(!verification.intact);
    QVERIFY2(verification.problem.find("other.h5") != std::string::npos, verification.problem.c_str());
}

QTEST_GUILESS_MAIN(tst_StimulusLibrary)
#include "tst_stimuluslibrary.moc"
