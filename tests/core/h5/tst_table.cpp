#include "core/error.h"
#include "core/h5/error.h"
#include "core/h5/file.h"
#include "core/h5/table.h"

#include <nlohmann/json.hpp>

#include "tests/support/jsoncompare.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

class tst_Table : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsColumnOrderAndTypes();
    void compressedColumnsAndEmptyTable();
    void mismatchedColumnLengthIsRejected();
    void tableWithoutColumnOrderUsesCreationOrder();
    void unsupportedColumnIsAnErrorNamingIt();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

static h5::Table sampleTable()
{
    h5::Table table;
    // Deliberately not alphabetical: the stored order must be the order given.
    table.addColumn("zeta", std::vector<double>{1.5, -2.5, 3.0});
    table.addColumn("name", std::vector<std::string>{"a", "béta", ""});
    table.addColumn("alpha", std::vector<std::int64_t>{1, 2, 3});
    table.addColumn("good", std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::True});
    table.addColumn("count", std::vector<std::uint16_t>{0, 65535, 7});
    table.addColumn("small", std::vector<std::int8_t>{-128, 0, 127});
    table.addColumn("ratio", std::vector<float>{0.25f, 0.5f, 1.0f});
    return table;
}

void tst_Table::roundTripKeepsColumnOrderAndTypes()
{
    const auto table = sampleTable();
    {
        const auto file = h5::File::create(path("table.h5"));
        h5::writeTable(file.root(), "metadata/experiments", table);
    }
    const auto file = h5::File::open(path("table.h5"));
    const auto group = file.root().group("metadata/experiments");
    QCOMPARE_JSON(group.attributes().get("column-order"),
             nlohmann::json({"zeta", "name", "alpha", "good", "count", "small", "ratio"}));
    QCOMPARE(group.attributes().get("encoding-type").get<std::string>(), std::string("dataframe"));
    const auto read = h5::readTable(group);
    QCOMPARE(read.rowCount(), std::size_t(3));
    QVERIFY(read == table);
}

void tst_Table::compressedColumnsAndEmptyTable()
{
    const auto file = h5::File::create(path("compressed.h5"));
    h5::DatasetOptions options;
    options.chunk = {1024};
    options.filters = {h5::Filter::deflate(4)};
    h5::writeTable(file.root(), "t", sampleTable(), options);
    QCOMPARE(file.root().dataset("t/zeta").chunkShape(), std::optional<h5::Shape>(h5::Shape{3}));
    QVERIFY(h5::readTable(file.root().group("t")) == sampleTable());

    h5::Table empty;
    empty.addColumn("x", std::vector<double>{});
    h5::writeTable(file.root(), "empty", empty, options);
    QVERIFY(h5::readTable(file.root().group("empty")) == empty);
}

void tst_Table::mismatchedColumnLengthIsRejected()
{
    h5::Table table;
    table.addColumn("a", std::vector<double>{1, 2});
    QVERIFY_THROWS_EXCEPTION(core::Error, table.addColumn("b", std::vector<double>{1}));
    QVERIFY_THROWS_EXCEPTION(core::Error, table.addColumn("a", std::vector<double>{1, 2}));
}

void tst_Table::tableWithoutColumnOrderUsesCreationOrder()
{
    const auto file = h5::File::create(path("plain.h5"));
    const auto group = file.root().createGroup("plain");
    group.createDataset<double>("b", {2}).write<double>(std::vector<double>{1, 2});
    group.createDataset<double>("a", {2}).write<double>(std::vector<double>{3, 4});
    const auto table = h5::readTable(group);
    QCOMPARE(table.columns().at(0).name, std::string("b"));
    QCOMPARE(table.columns().at(1).name, std::string("a"));
}

void tst_Table::unsupportedColumnIsAnErrorNamingIt()
{
    const auto file = h5::File::create(path("bad.h5"));
    const auto group = file.root().createGroup("bad");
    group.createDataset<double>("matrix", {2, 2});
    try {
        (void)h5::readTable(group);
        QFAIL("a 2-D column must be rejected");
    } catch (const h5::Error &error) {
        QVERIFY2(std::string(error.what()).find("/bad/matrix") != std::string::npos, error.what());
        QVERIFY2(std::string(error.what()).find("one-dimensional") != std::string::npos, error.what());
    }
}

QTEST_GUILESS_MAIN(tst_Table)
#include "tst_table.moc"
