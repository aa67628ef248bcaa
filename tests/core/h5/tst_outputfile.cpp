#include "core/buildinfo.h"
#include "core/h5/error.h"
#include "core/h5/outputfile.h"
#include "core/params/schemaregistry.h"

#include <nlohmann/json.hpp>

#include "tests/support/jsoncompare.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

class tst_OutputFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void commitWritesRootAttributesAndRenames();
    void abandonedWriterLeavesNothing();
    void openHandleBlocksCommit();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

void tst_OutputFile::commitWritesRootAttributesAndRenames()
{
    const auto target = path("result.h5");
    {
        h5::OutputFile output(target, "macroscope.test", "1.0");
        QVERIFY(std::filesystem::exists(output.partialPath()));
        QVERIFY(!std::filesystem::exists(target));
        output.root().createDataset<double>("values", {2}).write<double>(std::vector<double>{1, 2});
        QCOMPARE_JSON(output.root().attributes().get("complete"), nlohmann::json(false));
        output.commit();
    }
    QVERIFY(std::filesystem::exists(target));
    QVERIFY(!std::filesystem::exists(files::partialPathFor(target)));

    const auto file = h5::File::open(target);
    const auto attributes = file.root().attributes();
    nlohmann::json root = nlohmann::json::object();
    for (const auto &name : attributes.names())
        root[name] = attributes.get(name);
    QCOMPARE_JSON(root["format"], nlohmann::json("macroscope.test"));
    QCOMPARE_JSON(root["format_version"], nlohmann::json("1.0"));
    QCOMPARE_JSON(root["software"], nlohmann::json(core::softwareName()));
    QCOMPARE_JSON(root["complete"], nlohmann::json(true));
    // The root attributes are themselves a documented format: they must satisfy their schema.
    const auto issues = params::builtinSchema("file-root").validate(root);
    QVERIFY2(issues.empty(), issues.empty() ? "" : issues.front().text().c_str());
}

void tst_OutputFile::abandonedWriterLeavesNothing()
{
    const auto target = path("abandoned.h5");
    try {
        h5::OutputFile output(target, "macroscope.test", "1.0");
        output.root().createDataset<double>("values", {2});
        throw std::runtime_error("writer failed");
    } catch (const std::runtime_error &) {
    }
    QVERIFY(!std::filesystem::exists(target));
    QVERIFY(!std::filesystem::exists(files::partialPathFor(target)));
}

void tst_OutputFile::openHandleBlocksCommit()
{
    const auto target = path("held.h5");
    h5::OutputFile output(target, "macroscope.test", "1.0");
    const auto dataset = output.root().createDataset<double>("values", {2});
    try {
        output.commit();
        QFAIL("commit must refuse while a dataset handle is open");
    } catch (const h5::Error &error) {
        QVERIFY2(std::string(error.what()).find("/values") != std::string::npos, error.what());
    }
    QVERIFY(!std::filesystem::exists(target));
}

QTEST_GUILESS_MAIN(tst_OutputFile)
#include "tst_outputfile.moc"
