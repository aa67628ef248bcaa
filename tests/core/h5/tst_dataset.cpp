#include "core/h5/error.h"
#include "core/h5/file.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cstdint>
#include <limits>
#include <numeric>

class tst_Dataset : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void roundTripEveryType();
    void hyperslabReadAndWrite();
    void appendGrowsFirstDimension();
    void chunkShapeAndFiltersAreKept();
    void outOfRangeSelectionIsAnError();
    void readConvertsBetweenNumericTypes();
    void rawChunksAreTheStoredBytes();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

void tst_Dataset::init()
{
    QVERIFY(m_dir.isValid());
}

template <class T>
static std::vector<T> sampleValues()
{
    if constexpr (std::is_same_v<T, std::string>)
        return {"", "ascii", "héllo wörld", "日本語", std::string(300, 'x')};
    else if constexpr (std::is_same_v<T, h5::Bool>)
        return {h5::Bool::True, h5::Bool::False, h5::Bool::True};
    else
        return {std::numeric_limits<T>::lowest(), T(0), T(1), std::numeric_limits<T>::max()};
}

template <class T>
static void roundTrip(const h5::Group &root, const std::string &name)
{
    const auto values = sampleValues<T>();
    const auto dataset = root.createDataset<T>(name, {values.size()});
    dataset.template write<T>(values);
    QCOMPARE(root.dataset(name).read<T>(), values);
}

void tst_Dataset::roundTripEveryType()
{
    const auto file = h5::File::create(path("types.h5"));
    const auto root = file.root();
    roundTrip<std::int8_t>(root, "int8");
    roundTrip<std::uint8_t>(root, "uint8");
    roundTrip<std::int16_t>(root, "int16");
    roundTrip<std::uint16_t>(root, "uint16");
    roundTrip<std::int32_t>(root, "int32");
    roundTrip<std::uint32_t>(root, "uint32");
    roundTrip<std::int64_t>(root, "int64");
    roundTrip<std::uint64_t>(root, "uint64");
    roundTrip<float>(root, "float32");
    roundTrip<double>(root, "float64");
    roundTrip<std::string>(root, "strings");
    roundTrip<h5::Bool>(root, "bool");
    QCOMPARE(root.dataset("bool").dataType().name(), std::string("bool"));
    QCOMPARE(root.dataset("strings").dataType().name(), std::string("vlen string(utf-8)"));
    QCOMPARE(root.dataset("uint16").dataType().name(), std::string("uint16"));
}

void tst_Dataset::hyperslabReadAndWrite()
{
    const auto file = h5::File::create(path("slab.h5"));
    const auto dataset = file.root().createDataset<std::int32_t>("grid", {4, 5});
    std::vector<std::int32_t> values(20);
    std::iota(values.begin(), values.end(), 0);
    dataset.write<std::int32_t>(values);

    QCOMPARE(dataset.read<std::int32_t>({1, 2}, {2, 3}), (std::vector<std::int32_t>{7, 8, 9, 12, 13, 14}));

    const std::vector<std::int32_t> patch{-1, -2};
    dataset.write<std::int32_t>(patch, {3, 0}, {1, 2});
    const auto row = dataset.read<std::int32_t>({3, 0}, {1, 5});
    QCOMPARE(row, (std::vector<std::int32_t>{-1, -2, 17, 18, 19}));
}

void tst_Dataset::appendGrowsFirstDimension()
{
    const auto file = h5::File::create(path("append.h5"));
    h5::DatasetOptions options;
    options.maxShape = {h5::Unlimited, 2, 3};
    options.chunk = {1, 2, 3};
    options.fill = false;
    const auto frames = file.root().createDataset<std::uint16_t>("acquisition/frames", {0, 2, 3}, options);
    for (std::uint16_t frame = 0; frame < 5; ++frame) {
        std::vector<std::uint16_t> pixels(6, frame);
        frames.append<std::uint16_t>(pixels);
    }
    QCOMPARE(frames.shape(), (h5::Shape{5, 2, 3}));
    QCOMPARE(frames.maxShape(), (h5::Shape{h5::Unlimited, 2, 3}));
    QCOMPARE(frames.read<std::uint16_t>({4, 0, 0}, {1, 2, 3}), std::vector<std::uint16_t>(6, 4));

    const std::vector<std::uint16_t> partialRow(4, 1);
    QVERIFY_THROWS_EXCEPTION(h5::Error, frames.append<std::uint16_t>(partialRow));
}

void tst_Dataset::chunkShapeAndFiltersAreKept()
{
    const auto file = h5::File::create(path("filters.h5"));
    h5::DatasetOptions options;
    options.chunk = {64};
    options.filters = {h5::Filter::shuffle(), h5::Filter::deflate(7)};
    std::vector<double> values(1000);
    std::iota(values.begin(), values.end(), 0.0);
    const auto dataset = file.root().createDataset<double>("compressed", {values.size()}, options);
    dataset.write<double>(values);
    file.flush();

    QCOMPARE(dataset.chunkShape(), std::optional<h5::Shape>(h5::Shape{64}));
    const auto filters = dataset.filters();
    QCOMPARE(filters.size(), std::size_t(2));
    QCOMPARE(filters[0].name, std::string("shuffle"));
    QCOMPARE(filters[1].name, std::string("deflate"));
    QCOMPARE(filters[1].level, std::optional<unsigned>(7));
    QVERIFY(filters[1].available);
    QVERIFY(dataset.storageSize() < values.size() * sizeof(double));
    QCOMPARE(dataset.read<double>(), values);

    const auto contiguous = file.root().createDataset<double>("plain", {3});
    QVERIFY(!contiguous.chunkShape());
}

void tst_Dataset::outOfRangeSelectionIsAnError()
{
    const auto file = h5::File::create(path("range.h5"));
    const auto dataset = file.root().createDataset<float>("values", {10});
    try {
        (void)dataset.read<float>({8}, {5});
        QFAIL("reading past the end must throw");
    } catch (const h5::Error &error) {
        const std::string message = error.what();
        QVERIFY2(message.find("range.h5") != std::string::npos, error.what());
        QVERIFY2(message.find("/values") != std::string::npos, error.what());
        QVERIFY2(message.find("exceeds the dataset's shape (10)") != std::string::npos, error.what());
    }
}

void tst_Dataset::readConvertsBetweenNumericTypes()
{
    const auto file = h5::File::create(path("convert.h5"));
    const auto dataset = file.root().createDataset<std::int16_t>("values", {3});
    dataset.write<std::int16_t>(std::vector<std::int16_t>{-3, 0, 1000});
    QCOMPARE(dataset.read<double>(), (std::vector<double>{-3.0, 0.0, 1000.0}));
}

void tst_Dataset::rawChunksAreTheStoredBytes()
{
    const auto file = h5::File::create(path("raw.h5"));
    h5::DatasetOptions plain;
    plain.chunk = {2, 3};
    const auto uncompressed = file.root().createDataset<std::uint8_t>("plain", {4, 3}, plain);
    uncompressed.write<std::uint8_t>(std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    const auto second = uncompressed.readRawChunk({2, 0});
    QCOMPARE(second.bytes, (std::vector<std::uint8_t>{7, 8, 9, 10, 11, 12}));
    QCOMPARE(second.filterMask, 0u);

    h5::DatasetOptions deflated = plain;
    deflated.chunk = {1, 1000};
    deflated.filters = {h5::Filter::deflate(9)};
    const auto compressed = file.root().createDataset<std::uint8_t>("deflated", {1, 1000}, deflated);
    compressed.write<std::uint8_t>(std::vector<std::uint8_t>(1000, 42));
    const auto chunk = compressed.readRawChunk({0, 0});
    QVERIFY(!chunk.bytes.empty());
    QVERIFY(chunk.bytes.size() < 100); // a thousand equal bytes deflate to a few
    QVERIFY_THROWS_EXCEPTION(h5::Error, compressed.readRawChunk({5, 0}));

    // A chunk stored as already-filtered bytes reads back through the normal path; here the deflated bytes
    // of one chunk are reused for another, as a writer compressing on its own threads would hand them over.
    const auto other = file.root().createDataset<std::uint8_t>("copied", {2, 1000}, deflated);
    other.writeRawChunk({1, 0}, chunk.bytes, chunk.filterMask);
    QCOMPARE(other.read<std::uint8_t>({1, 0}, {1, 1000}), std::vector<std::uint8_t>(1000, 42));
    const auto single = file.root().createDataset<std::uint8_t>("single", {1, 1000}, deflated);
    QVERIFY_THROWS_EXCEPTION(h5::Error, single.writeRawChunk({0, 0}, chunk.bytes, chunk.filterMask));
    uncompressed.writeRawChunk({0, 0}, std::vector<std::uint8_t>{9, 9, 9, 9, 9, 9});
    QCOMPARE(uncompressed.read<std::uint8_t>({0, 0}, {1, 3}), (std::vector<std::uint8_t>{9, 9, 9}));
}

QTEST_GUILESS_MAIN(tst_Dataset)
#include "tst_dataset.moc"
