#include "core/h5/error.h"
#include "core/h5/file.h"
#include "core/h5/inspect.h"

#include <nlohmann/json.hpp>

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <fstream>
#include <iterator>

#include <unistd.h>

class tst_Errors : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void openFailuresNameFileAndReason_data();
    void openFailuresNameFileAndReason();
    void createRefusesExistingFile();
    void missingObjectNamesPath();
    void nothingIsPrintedByHdf5();
    void damagedDenseGroupFailsWithoutCrashing();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

void tst_Errors::openFailuresNameFileAndReason_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing") << "missing" << "no such file";
    QTest::newRow("not hdf5") << "text" << "not an HDF5 file";
    QTest::newRow("empty") << "empty" << "not an HDF5 file";
    QTest::newRow("truncated") << "truncated" << "truncated file";
}

void tst_Errors::openFailuresNameFileAndReason()
{
    QFETCH(QString, kind);
    QFETCH(QString, reason);
    const auto file = path((kind + ".h5").toUtf8().constData());
    if (kind == "text") {
        std::ofstream(file) << "just some text, not HDF5\n";
    } else if (kind == "empty") {
        std::ofstream(file).flush();
    } else if (kind == "truncated") {
        const auto full = path("full.h5");
        {
            const auto h5file = h5::File::create(full, true);
            std::vector<double> values(100000, 1.0);
            h5file.root().createDataset<double>("values", {values.size()}).write<double>(values);
        }
        std::filesystem::copy_file(full, file, std::filesystem::copy_options::overwrite_existing);
        std::filesystem::resize_file(file, std::filesystem::file_size(full) / 2);
    }
    try {
        (void)h5::File::open(file);
        QFAIL("open must fail");
    } catch (const h5::Error &error) {
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.contains(QString::fromStdString(file.string())), error.what());
        QVERIFY2(message.contains(reason), error.what());
        QVERIFY2(!message.contains(QLatin1Char('\n')), "one line");
    }
}

void tst_Errors::createRefusesExistingFile()
{
    const auto file = path("exists.h5");
    (void)h5::File::create(file);
    QVERIFY_THROWS_EXCEPTION(h5::Error, h5::File::create(file));
    (void)h5::File::create(file, true);
}

void tst_Errors::missingObjectNamesPath()
{
    const auto file = h5::File::create(path("objects.h5"));
    try {
        (void)file.root().dataset("acquisition/frames");
        QFAIL("expected h5::Error");
    } catch (const h5::Error &error) {
        QCOMPARE(QString::fromStdString(error.file()), QString::fromStdString(path("objects.h5").string()));
        QVERIFY2(std::string(error.what()).find("'acquisition/frames'") != std::string::npos, error.what());
        QVERIFY2(!error.reason().empty(), "the HDF5 error stack supplies a reason");
    }
    QCOMPARE(file.root().kindOf("acquisition/frames"), h5::ObjectKind::Missing);
}

void tst_Errors::nothingIsPrintedByHdf5()
{
    // HDF5 prints its error stack to stderr unless told not to; a failing call must stay silent.
    const auto logPath = path("stderr.txt");
    fflush(stderr);
    FILE *saved = fdopen(dup(fileno(stderr)), "w");
    QVERIFY(freopen(logPath.c_str(), "w", stderr));
    try {
        (void)h5::File::open(path("missing-too.h5"));
    } catch (const h5::Error &) {
    }
    const auto file = h5::File::create(path("quiet.h5"));
    try {
        (void)file.root().group("nope");
    } catch (const h5::Error &) {
    }
    fflush(stderr);
    dup2(fileno(saved), fileno(stderr));
    fclose(saved);
    QCOMPARE(std::filesystem::file_size(logPath), std::uintmax_t(0));
}

void tst_Errors::damagedDenseGroupFailsWithoutCrashing()
{
    // A group with more than 8 links is stored densely, in a fractal heap ("FRHP"). HDF5 1.10.8 frees an
    // invalid pointer when such a group is damaged and iterated by creation order in increasing order;
    // listing it must fail with an error instead.
    const auto path = this->path("damaged.h5");
    {
        const auto file = h5::File::create(path);
        const auto big = file.root().createGroup("big");
        for (int i = 0; i < 40; ++i)
            big.createGroup("member" + std::to_string(i));
        big.attributes().set("note", "dense");
    }
    std::string bytes;
    {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const auto heap = bytes.find("FRHP");
    QVERIFY(heap != std::string::npos);
    bytes[heap + 10] = static_cast<char>(~bytes[heap + 10]);
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));

    const auto file = h5::File::open(path);
    const auto big = file.root().group("big");
    try {
        const auto links = big.links();
        QVERIFY(links.size() <= 40);
    } catch (const h5::Error &error) {
        QVERIFY2(std::string(error.what()).find("damaged.h5") != std::string::npos, error.what());
    }
    try {
        (void)h5::inspectFile(path);
    } catch (const h5::Error &error) {
        QVERIFY2(std::string(error.what()).find("damaged.h5") != std::string::npos, error.what());
    }
}

QTEST_GUILESS_MAIN(tst_Errors)
#include "tst_errors.moc"
