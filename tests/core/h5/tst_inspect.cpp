#include "core/h5/error.h"
#include "core/h5/file.h"
#include "core/h5/inspect.h"
#include "core/params/jsontext.h"
#include "core/params/schemaregistry.h"

#include <nlohmann/json.hpp>

#include "tests/support/jsoncompare.h"

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

// inspect against files h5py wrote: the types a Python user's files contain.
class tst_Inspect : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyDatasetMatchesH5py();
    void dtypesAreNamedExactly_data();
    void dtypesAreNamedExactly();
    void linksAreListedNotFollowed();
    void attributesAreShortened();
    void valuesWrittenByH5pyReadBack();
    void outputSatisfiesItsSchema();
    void truncatedCopyFailsCleanly();
    void anndataFileIsListed();

private:
    const nlohmann::json &object(const std::string &path) const;
    std::filesystem::path m_dir;
    QTemporaryDir m_temporary;
    nlohmann::json m_inspection;
    nlohmann::json m_expected;
};

void tst_Inspect::initTestCase()
{
    QVERIFY(m_temporary.isValid());
    m_dir = m_temporary.path().toStdString();
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(MACROSCOPE_SOURCE_DIR "/tests/data/make_h5py_sample.py"), m_temporary.path()});
    QVERIFY2(python.waitForFinished(60000), "python3 did not finish");
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    QProcess anndata;
    anndata.start(QStringLiteral("/usr/bin/python3"),
                  {QStringLiteral(MACROSCOPE_SOURCE_DIR "/tests/data/make_anndata_sample.py"), m_temporary.path()});
    QVERIFY2(anndata.waitForFinished(120000), "python3 did not finish");
    QVERIFY2(anndata.exitCode() == 0, anndata.readAllStandardError().constData());
    m_inspection = h5::inspectFile(m_dir / "sample.h5");
    m_expected = params::readJsonFile(m_dir / "expected.json");
}

const nlohmann::json &tst_Inspect::object(const std::string &path) const
{
    for (const auto &entry : m_inspection["objects"])
        if (entry["path"] == path)
            return entry;
    static const nlohmann::json missing;
    return missing;
}

static nlohmann::json h5pyShape(const nlohmann::json &shape)
{
    return shape.is_null() ? nlohmann::json(nullptr) : shape;
}

void tst_Inspect::everyDatasetMatchesH5py()
{
    QVERIFY(m_expected.size() >= 15);
    for (const auto &[path, expected] : m_expected.items()) {
        const auto &entry = object(path);
        QVERIFY2(!entry.is_null(), path.c_str());
        QCOMPARE_JSON(entry["kind"], nlohmann::json("dataset"));
        QCOMPARE_JSON(entry["shape"], expected["shape"]);
        QCOMPARE_JSON(entry["maxshape"], h5pyShape(expected["maxshape"]));
        QCOMPARE_JSON(entry["chunks"], expected["chunks"]);
        const auto &filters = entry["filters"];
        if (expected["compression"] == "gzip") {
            bool found = false;
            for (const auto &filter : filters)
                if (filter["name"] == "deflate") {
                    QCOMPARE_JSON(filter["level"], expected["compression_opts"]);
                    found = true;
                }
            QVERIFY2(found, path.c_str());
        }
        bool shuffled = false;
        for (const auto &filter : filters)
            shuffled = shuffled || filter["name"] == "shuffle";
        QCOMPARE(shuffled, expected["shuffle"].get<bool>());
        QVERIFY(entry["storage_size"].is_number_unsigned());
    }
}

void tst_Inspect::dtypesAreNamedExactly_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("dtype");
    for (const char *type : {"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"})
        QTest::newRow(type) << QString(QStringLiteral("/ints/") + QLatin1String(type)) << QString::fromLatin1(type);
    for (const char *type : {"float16", "float32", "float64"})
        QTest::newRow(type) << QString(QStringLiteral("/floats/") + QLatin1String(type)) << QString::fromLatin1(type);
    QTest::newRow("bool") << "/bool" << "bool";
    QTest::newRow("fixed") << "/fixed_ascii" << "fixed string(6, ascii)";
    QTest::newRow("vlen utf-8") << "/vlen_utf8" << "vlen string(utf-8)";
    QTest::newRow("vlen ascii") << "/vlen_ascii" << "vlen string(ascii)";
    QTest::newRow("compound") << "/compound" << "compound{id: int32, value: float64, tag: fixed string(2, ascii)}";
    QTest::newRow("enum") << "/enum" << "enum(uint8){RED=0, GREEN=1, BLUE=2}";
    QTest::newRow("chunked") << "/chunked_gzip" << "uint16";
}

void tst_Inspect::dtypesAreNamedExactly()
{
    QFETCH(QString, path);
    QFETCH(QString, dtype);
    QCOMPARE(QString::fromStdString(object(path.toStdString())["dtype"].get<std::string>()), dtype);
}

void tst_Inspect::linksAreListedNotFollowed()
{
    QCOMPARE_JSON(object("/soft")["kind"], nlohmann::json("soft_link"));
    QCOMPARE_JSON(object("/soft")["target"], nlohmann::json("/ints/int32"));
    QCOMPARE_JSON(object("/dangling")["target"], nlohmann::json("/nowhere"));
    QCOMPARE_JSON(object("/external")["kind"], nlohmann::json("external_link"));
    QCOMPARE_JSON(object("/external")["target_file"], nlohmann::json("other.h5"));
    QCOMPARE_JSON(object("/external")["target"], nlohmann::json("/target"));
    QCOMPARE_JSON(object("/growing")["maxshape"], nlohmann::json::parse("[null, 4]"));
}

void tst_Inspect::attributesAreShortened()
{
    std::map<std::string, nlohmann::json> attributes;
    for (const auto &attribute : object("/")["attributes"])
        attributes[attribute["name"]] = attribute;
    QCOMPARE_JSON(attributes["title"]["value"], nlohmann::json("h5py sample"));
    QCOMPARE_JSON(attributes["count"]["value"], nlohmann::json(42));
    QCOMPARE_JSON(attributes["flag"]["value"], nlohmann::json(true));
    QCOMPARE_JSON(attributes["ratios"]["value"], nlohmann::json::parse("[0.5, 1.5, 2.5]"));
    QCOMPARE_JSON(attributes["long_list"]["shape"], nlohmann::json::parse("[100]"));
    QCOMPARE_JSON(attributes["long_list"]["value"], nlohmann::json::parse("[0, 1, 2, 3, 4, 5, 6, 7]"));
    QCOMPARE_JSON(attributes["long_list"]["truncated"], nlohmann::json(true));
    QCOMPARE_JSON(object("/ints/int8")["attributes"][0]["value"], nlohmann::json("counts"));
}

void tst_Inspect::valuesWrittenByH5pyReadBack()
{
    const auto file = h5::File::open(m_dir / "sample.h5");
    const auto root = file.root();
    QCOMPARE(root.dataset("fixed_ascii").read<std::string>(), (std::vector<std::string>{"alpha", "be", "gamma!"}));
    QCOMPARE(root.dataset("vlen_utf8").read<std::string>(), (std::vector<std::string>{"héllo", "wörld", "日本"}));
    QCOMPARE(root.dataset("floats/float16").read<double>(), (std::vector<double>{1.5, -2.25, 65504.0}));
    QCOMPARE(root.dataset("ints/uint64").read<std::uint64_t>().back(), std::numeric_limits<std::uint64_t>::max());
    QCOMPARE_JSON(root.dataset("bool").readJson(), nlohmann::json::parse("[true, false, true]"));
    QCOMPARE_JSON(root.dataset("compound").readJson(),
             nlohmann::json::parse(R"([{"id": 1, "value": 2.5, "tag": "x"}, {"id": 2, "value": -1.0, "tag": "yz"}])"));
    QCOMPARE_JSON(root.dataset("enum").readJson(), nlohmann::json::parse(R"(["RED", "GREEN", "BLUE"])"));
}

void tst_Inspect::outputSatisfiesItsSchema()
{
    nlohmann::json copy = m_inspection;
    const auto issues = params::builtinSchema("inspect").validate(copy);
    QVERIFY2(issues.empty(), issues.empty() ? "" : issues.front().text().c_str());
}

void tst_Inspect::truncatedCopyFailsCleanly()
{
    const auto truncated = m_dir / "truncated.h5";
    std::filesystem::copy_file(m_dir / "sample.h5", truncated);
    std::filesystem::resize_file(truncated, std::filesystem::file_size(truncated) * 2 / 3);
    try {
        (void)h5::inspectFile(truncated);
        QFAIL("a truncated file must not inspect");
    } catch (const h5::Error &error) {
        QVERIFY2(std::string(error.what()).find(truncated.string()) != std::string::npos, error.what());
        QVERIFY2(std::string(error.what()).find("truncated") != std::string::npos, error.what());
    }
}

void tst_Inspect::anndataFileIsListed()
{
    const auto inspection = h5::inspectFile(m_dir / "sample.h5ad");
    std::map<std::string, nlohmann::json> objects;
    for (const auto &entry : inspection["objects"])
        objects[entry["path"]] = entry;
    const auto attribute = [&](const std::string &path, const std::string &name) {
        for (const auto &entry : objects.at(path)["attributes"])
            if (entry["name"] == name)
                return entry["value"];
        return nlohmann::json();
    };
    QCOMPARE_JSON(attribute("/", "encoding-type"), "anndata");
    QCOMPARE_JSON(attribute("/X", "encoding-type"), "csr_matrix");
    QCOMPARE_JSON(attribute("/X", "shape"), nlohmann::json::parse("[3, 4]"));
    QCOMPARE_JSON(objects.at("/X/data")["dtype"], "float32");
    QCOMPARE_JSON(objects.at("/X/indptr")["shape"], nlohmann::json::parse("[4]"));
    QCOMPARE_JSON(attribute("/obs", "column-order"), nlohmann::json::parse(R"(["cell_type", "n_genes"])"));
    QCOMPARE_JSON(objects.at("/obs/cell_type/codes")["dtype"], "int8");
    QCOMPARE_JSON(objects.at("/obs/_index")["dtype"], "vlen string(utf-8)");
    QCOMPARE_JSON(objects.at("/obsm/X_umap")["shape"], nlohmann::json::parse("[3, 2]"));
    QCOMPARE_JSON(objects.at("/uns/params/n_neighbors")["kind"], "dataset");
    const auto file = h5::File::open(m_dir / "sample.h5ad");
    QCOMPARE(file.root().dataset("obs/_index").read<std::string>(), (std::vector<std::string>{"c1", "c2", "c3"}));
}

QTEST_GUILESS_MAIN(tst_Inspect)
#include "tst_inspect.moc"
