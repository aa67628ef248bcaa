#include "core/h5/error.h"
#include "core/h5/file.h"

#include <nlohmann/json.hpp>

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

class tst_Attributes : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void storedTypesAreWhatPythonExpects_data();
    void storedTypesAreWhatPythonExpects();
    void namesKeepCreationOrder();
    void setReplacesAndRemoveDeletes();
    void missingAttributeIsAnErrorNamingIt();

private:
    h5::File file(const char *name)
    {
        return h5::File::create(std::filesystem::path(m_dir.path().toStdString()) / name, true);
    }
    QTemporaryDir m_dir;
};

void tst_Attributes::jsonRoundTrip_data()
{
    QTest::addColumn<QString>("json");
    QTest::newRow("integer") << "42";
    QTest::newRow("negative") << "-7";
    QTest::newRow("int64 max") << "9223372036854775807";
    QTest::newRow("uint64 max") << "18446744073709551615";
    QTest::newRow("double") << "0.1";
    QTest::newRow("true") << "true";
    QTest::newRow("false") << "false";
    QTest::newRow("string") << R"("héllo 日本 😀")";
    QTest::newRow("empty string") << R"("")";
    QTest::newRow("null") << "null";
    QTest::newRow("int array") << "[1, 2, 3]";
    QTest::newRow("double array") << "[0.5, 1.5]";
    QTest::newRow("bool array") << "[true, false]";
    QTest::newRow("string array") << R"(["a", "bc", ""])";
    QTest::newRow("2-D array") << "[[1, 2, 3], [4, 5, 6]]";
    QTest::newRow("empty array") << "[]";
    QTest::newRow("object") << R"({"monitor": {"refresh_hz": 60, "size_cm": [52.0, 29.5]}, "name": "rig"})";
    QTest::newRow("ragged array") << "[[1], [2, 3]]";
    QTest::newRow("mixed array") << R"([1, "a", true])";
    QTest::newRow("array of objects") << R"([{"a": 1}, {"b": 2}])";
}

void tst_Attributes::jsonRoundTrip()
{
    QFETCH(QString, json);
    const auto value = nlohmann::json::parse(json.toStdString());
    const auto f = file("roundtrip.h5");
    f.root().attributes().set("value", value);
    QCOMPARE(QString::fromStdString(f.root().attributes().get("value").dump()), QString::fromStdString(value.dump()));
}

void tst_Attributes::storedTypesAreWhatPythonExpects_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("dtype");
    QTest::addColumn<QString>("shape");
    QTest::newRow("integer") << "42" << "int64" << "";
    QTest::newRow("big unsigned") << "18446744073709551615" << "uint64" << "";
    QTest::newRow("mixed numbers") << "[1, 2.5]" << "float64" << "2";
    QTest::newRow("bool") << "true" << "bool" << "";
    QTest::newRow("string") << R"("x")" << "vlen string(utf-8)" << "";
    QTest::newRow("2-D") << "[[1, 2, 3], [4, 5, 6]]" << "int64" << "2x3";
    QTest::newRow("object as text") << R"({"a": 1})" << "vlen string(utf-8)" << "";
}

void tst_Attributes::storedTypesAreWhatPythonExpects()
{
    QFETCH(QString, json);
    QFETCH(QString, dtype);
    QFETCH(QString, shape);
    const auto f = file("types.h5");
    f.root().attributes().set("value", nlohmann::json::parse(json.toStdString()));
    const auto info = f.root().attributes().info("value");
    QCOMPARE(QString::fromStdString(info.dtype), dtype);
    QStringList dims;
    for (auto extent : info.shape)
        dims << QString::number(extent);
    QCOMPARE(dims.join(QLatin1Char('x')), shape);
}

void tst_Attributes::namesKeepCreationOrder()
{
    const auto f = file("order.h5");
    const auto dataset = f.root().createDataset<double>("d", {1});
    for (const char *name : {"zeta", "alpha", "mu"})
        dataset.attributes().set(name, 1);
    QCOMPARE(dataset.attributes().names(), (std::vector<std::string>{"zeta", "alpha", "mu"}));
}

void tst_Attributes::setReplacesAndRemoveDeletes()
{
    const auto f = file("replace.h5");
    const auto attributes = f.root().attributes();
    attributes.set("complete", false);
    attributes.set("complete", "yes");
    QCOMPARE(attributes.get("complete").get<std::string>(), std::string("yes"));
    attributes.remove("complete");
    QVERIFY(!attributes.contains("complete"));
}

void tst_Attributes::missingAttributeIsAnErrorNamingIt()
{
    const auto f = file("missing.h5");
    try {
        (void)f.root().attributes().get("absent");
        QFAIL("expected h5::Error");
    } catch (const h5::Error &error) {
        const std::string message = error.what();
        QVERIFY2(message.find("missing.h5") != std::string::npos, error.what());
        QVERIFY2(message.find("'absent'") != std::string::npos, error.what());
    }
}

QTEST_GUILESS_MAIN(tst_Attributes)
#include "tst_attributes.moc"
