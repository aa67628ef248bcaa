#include "core/error.h"
#include "core/files/atomicfile.h"

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <fstream>
#include <sstream>

class tst_AtomicFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void killedWriterLeavesNoTarget();
    void killedWriterLeavesOldTargetIntact();
    void committedWriterReplacesTarget();
    void stalePartialIsNeverOverwritten();
    void unwoundWriterRemovesPartial();
    void writeFileAtomicallyWritesBytes();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir->path().toStdString()) / name; }
    void runChildAndKill(const std::filesystem::path &target);
    std::unique_ptr<QTemporaryDir> m_dir;
};

static std::string contents(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void tst_AtomicFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_AtomicFile::runChildAndKill(const std::filesystem::path &target)
{
    QProcess child;
    child.start(QStringLiteral(ATOMIC_WRITER_CHILD), {QString::fromStdString(target.string())});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine() || child.waitForReadyRead(100), 20000);
    QCOMPARE(child.readLine().trimmed(), QByteArray("written"));
    child.kill(); // SIGKILL: no destructor, no clean-up runs
    QVERIFY(child.waitForFinished());
}

void tst_AtomicFile::killedWriterLeavesNoTarget()
{
    const auto target = path("data.h5");
    runChildAndKill(target);
    QVERIFY(!std::filesystem::exists(target));
    QVERIFY(std::filesystem::exists(files::partialPathFor(target)));
}

void tst_AtomicFile::killedWriterLeavesOldTargetIntact()
{
    const auto target = path("data.h5");
    std::ofstream(target) << "old complete content";
    runChildAndKill(target);
    QCOMPARE(contents(target), std::string("old complete content"));
}

void tst_AtomicFile::committedWriterReplacesTarget()
{
    const auto target = path("data.h5");
    std::ofstream(target) << "old complete content";
    QProcess child;
    child.start(QStringLiteral(ATOMIC_WRITER_CHILD), {QString::fromStdString(target.string()), QStringLiteral("--commit")});
    QVERIFY(child.waitForFinished(20000));
    QCOMPARE(child.exitCode(), 0);
    QVERIFY(contents(target).starts_with("line 0 of new content\n"));
    QVERIFY(contents(target).ends_with("line 999 of new content\n"));
    QVERIFY(!std::filesystem::exists(files::partialPathFor(target)));
}

void tst_AtomicFile::stalePartialIsNeverOverwritten()
{
    const auto target = path("data.h5");
    std::ofstream(files::partialPathFor(target)) << "a crashed recording";
    try {
        files::AtomicFile file(target);
        QFAIL("an existing partial file must block a new writer");
    } catch (const core::Error &error) {
        QVERIFY2(std::string(error.what()).find("data.h5.partial") != std::string::npos, error.what());
    }
    QCOMPARE(contents(files::partialPathFor(target)), std::string("a crashed recording"));
}

void tst_AtomicFile::unwoundWriterRemovesPartial()
{
    const auto target = path("data.json");
    {
        files::AtomicFile file(target);
        std::ofstream(file.partialPath()) << "half";
    }
    QVERIFY(!std::filesystem::exists(target));
    QVERIFY(!std::filesystem::exists(files::partialPathFor(target)));
}

void tst_AtomicFile::writeFileAtomicallyWritesBytes()
{
    const auto target = path("params.json");
    files::writeFileAtomically(target, "{\"a\":1}");
    QCOMPARE(contents(target), std::string("{\"a\":1}"));
    QVERIFY_THROWS_EXCEPTION(core::Error, files::writeFileAtomically(path("no-such-dir/x.json"), "x"));
}

QTEST_GUILESS_MAIN(tst_AtomicFile)
#include "tst_atomicfile.moc"
