#include "core/h5/datatype.h"
#include "core/h5/error.h"
#include "core/h5/file.h"

#include <nlohmann/json.hpp>

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// DataType's structure (compound fields, signedness, base types, array dimensions) on types h5py wrote,
// read back from the file, and on the types core/h5 makes itself.
class tst_DataType : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void compoundFieldsKeepDeclaredOrder();
    void fieldOrderIsNotOffsetOrder();
    void signedness_data();
    void signedness();
    void arrayDimsAndElementType();
    void enumAndSequenceBaseTypes();
    void ownTypes();
    void typesWithoutStructureAreRefused();

private:
    h5::DataType stored(const char *dataset) const { return m_file->root().dataset(dataset).dataType(); }
    static std::vector<std::string> names(const std::vector<h5::DataType::Member> &members);

    QTemporaryDir m_dir;
    std::optional<h5::File> m_file;
};

// Field names hold ", " and ": " on purpose: the separators of DataType::name()'s "compound{x: int32, …}".
static const char *const writer = R"py(
import sys
import h5py, numpy as np

with h5py.File(sys.argv[1], "w") as f:
    inner = np.dtype([("z", "<f4"), ("a", "<i2"), ("m", "S3")])
    outer = np.dtype([("z", "<u8"), ("a", inner), ("m", "<f8", (2, 3)), ("a, b", "i1"), ("c: d", "<u2")])
    f.create_dataset("nested", (2,), dtype=outer)
    # Declared z, a, m but laid out a, m, z.
    shuffled = np.dtype({"names": ["z", "a", "m"], "formats": ["<i4", "<i4", "<i4"], "offsets": [8, 0, 4]})
    f["shuffled"] = np.array([(1, 2, 3), (4, 5, 6)], dtype=shuffled)
    for name, dtype in [("int8", "i1"), ("uint8", "u1"), ("int16_be", ">i2"), ("uint64", "<u8"),
                        ("int64", "<i8"), ("float32", "<f4"), ("bool", "?")]:
        f.create_dataset(name, (1,), dtype=dtype)
    f.create_dataset("enum_u1", (1,), dtype=h5py.enum_dtype({"RED": 0, "GREEN": 1}, basetype="u1"))
    f.create_dataset("enum_i8", (1,), dtype=h5py.enum_dtype({"LOW": -1, "HIGH": 1}, basetype="<i8"))
    f.create_dataset("vlen_int", (1,), dtype=h5py.vlen_dtype(np.dtype("<i4")))
    f.create_dataset("string", (1,), dtype=h5py.string_dtype())
    # h5py expands a subarray dtype into extra dimensions; only the low-level API stores an HDF5 array type.
    array_type = h5py.h5t.array_create(h5py.h5t.STD_I16BE, (2, 3))
    h5py.h5d.create(f.id, b"array_i2", array_type, h5py.h5s.create_simple((4,)))
)py";

void tst_DataType::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QProcess probe;
    probe.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QStringLiteral("import h5py, numpy")});
    if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
        QSKIP("needs /usr/bin/python3 with h5py and numpy (Debian python3-h5py) to write the sample file");
    const QString path = m_dir.filePath(QStringLiteral("types.h5"));
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromLatin1(writer), path});
    QVERIFY2(python.waitForFinished(60000), "the h5py writer did not finish");
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
    m_file.emplace(h5::File::open(path.toStdString()));
}

std::vector<std::string> tst_DataType::names(const std::vector<h5::DataType::Member> &members)
{
    std::vector<std::string> result;
    for (const auto &member : members)
        result.push_back(member.name);
    return result;
}

void tst_DataType::compoundFieldsKeepDeclaredOrder()
{
    const auto fields = stored("nested").members();
    QCOMPARE(names(fields), (std::vector<std::string>{"z", "a", "m", "a, b", "c: d"}));
    QCOMPARE(fields[0].type.typeClass(), h5::TypeClass::Integer);
    QCOMPARE(fields[0].type.size(), std::size_t(8));
    QCOMPARE(fields[1].type.typeClass(), h5::TypeClass::Compound);
    QCOMPARE(names(fields[1].type.members()), (std::vector<std::string>{"z", "a", "m"}));
    QCOMPARE(fields[1].type.members()[2].type.name(), std::string("fixed string(3, ascii)"));
    QCOMPARE(fields[2].type.typeClass(), h5::TypeClass::Array);
    QCOMPARE(fields[3].type.name(), std::string("int8"));
    QCOMPARE(fields[4].type.name(), std::string("uint16"));
}

void tst_DataType::fieldOrderIsNotOffsetOrder()
{
    const auto dataset = m_file->root().dataset("shuffled");
    QCOMPARE(names(dataset.dataType().members()), (std::vector<std::string>{"z", "a", "m"}));
    const auto values = dataset.readJson();
    QCOMPARE(values.at(1).at("z").get<int>(), 4);
    QCOMPARE(values.at(1).at("m").get<int>(), 6);
    // readJson converts to native 64-bit members, and HDF5's compound conversion sorts the open dataset's own
    // type by offset in place, for every handle to it until the file closes (h5py reads without conversion
    // and never sees this). Fixing it belongs in how core/h5 reads, not here.
    QEXPECT_FAIL("", "HDF5 re-sorts an open dataset's compound type by offset after a converting read", Continue);
    QCOMPARE(names(dataset.dataType().members()), (std::vector<std::string>{"z", "a", "m"}));
}

void tst_DataType::signedness_data()
{
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<bool>("isSigned");
    QTest::newRow("int8") << QStringLiteral("int8") << true;
    QTest::newRow("uint8") << QStringLiteral("uint8") << false;
    QTest::newRow("int16 big-endian") << QStringLiteral("int16_be") << true;
    QTest::newRow("int64") << QStringLiteral("int64") << true;
    QTest::newRow("uint64") << QStringLiteral("uint64") << false;
    QTest::newRow("enum over uint8") << QStringLiteral("enum_u1") << false;
    QTest::newRow("enum over int64") << QStringLiteral("enum_i8") << true;
    QTest::newRow("float32") << QStringLiteral("float32") << false;
    QTest::newRow("bool") << QStringLiteral("bool") << false;
    QTest::newRow("string") << QStringLiteral("string") << false;
}

void tst_DataType::signedness()
{
    QFETCH(QString, dataset);
    QFETCH(bool, isSigned);
    QCOMPARE(stored(dataset.toUtf8().constData()).isSigned(), isSigned);
}

void tst_DataType::arrayDimsAndElementType()
{
    const auto array = stored("array_i2");
    QCOMPARE(array.arrayDims(), (std::vector<std::uint64_t>{2, 3}));
    QCOMPARE(array.baseType().name(), std::string("int16 (big-endian)"));
    QVERIFY(array.baseType().isSigned());
    // An array as a compound field, as h5py stores a subarray field.
    const auto field = stored("nested").members()[2].type;
    QCOMPARE(field.arrayDims(), (std::vector<std::uint64_t>{2, 3}));
    QCOMPARE(field.baseType().name(), std::string("float64"));
}

void tst_DataType::enumAndSequenceBaseTypes()
{
    QCOMPARE(stored("enum_u1").baseType().name(), std::string("uint8"));
    QCOMPARE(stored("enum_i8").baseType().name(), std::string("int64"));
    QCOMPARE(stored("bool").baseType().name(), std::string("int8"));
    QCOMPARE(stored("vlen_int").baseType().name(), std::string("int32"));
    QCOMPARE(stored("vlen_int").typeClass(), h5::TypeClass::VariableLength);
}

void tst_DataType::ownTypes()
{
    QVERIFY(h5::DataType::of<std::int8_t>().isSigned());
    QVERIFY(h5::DataType::of<std::int64_t>().isSigned());
    QVERIFY(!h5::DataType::of<std::uint8_t>().isSigned());
    QVERIFY(!h5::DataType::of<std::uint64_t>().isSigned());
    QVERIFY(!h5::DataType::of<double>().isSigned());
    QVERIFY(!h5::DataType::boolean().isSigned());
    QCOMPARE(h5::DataType::boolean().baseType().name(), std::string("int8"));
    QVERIFY(h5::DataType::of<std::int32_t>().members().empty());
    QVERIFY(h5::DataType::utf8String().members().empty());

    // And as stored by core/h5 and read back.
    const auto file = h5::File::create(m_dir.filePath(QStringLiteral("own.h5")).toStdString());
    QVERIFY(!file.root().createDataset<std::uint16_t>("frames", {2}).dataType().isSigned());
    QVERIFY(file.root().createDataset<std::int16_t>("offsets", {2}).dataType().isSigned());
    QCOMPARE(file.root().createDataset<h5::Bool>("valid", {2}).dataType().baseType().name(), std::string("int8"));
}

void tst_DataType::typesWithoutStructureAreRefused()
{
    const auto expectError = [](auto &&access, const std::vector<std::string> &fragments) {
        try {
            access();
            QFAIL("the access must throw h5::Error");
        } catch (const h5::Error &error) {
            for (const auto &fragment : fragments)
                QVERIFY2(std::string(error.what()).find(fragment) != std::string::npos,
                         (fragment + " not in: " + error.what()).c_str());
        }
    };
    expectError([] { h5::DataType::of<double>().baseType(); }, {"float64", "no base type"});
    expectError([&] { stored("nested").baseType(); }, {"compound{z: uint64", "no base type"});
    expectError([] { h5::DataType::utf8String().arrayDims(); }, {"vlen string(utf-8)", "not an array"});
    expectError([&] { stored("vlen_int").arrayDims(); }, {"vlen(int32)", "not an array"});
}

QTEST_GUILESS_MAIN(tst_DataType)
#include "tst_datatype.moc"
