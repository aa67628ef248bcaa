#include "core/h5/bloscfilter.h"
#include "core/h5/error.h"
#include "core/h5/file.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <blosc.h>
#include <hdf5.h>

#include <cstdint>
#include <filesystem>
#include <random>

// CTest runs this with HDF5_PLUGIN_PATH on an empty folder, so the blosc filter HDF5 finds is ours alone, as
// on a Mac or a Windows machine without the plug-in.
class tst_BloscFilter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void availableOnlyOnceRegistered();
    void writesAndReadsThroughTheFilter();
    void chunksAreBloscBuffersAsThePluginWrites();
    void readsChunksCompressedElsewhere();
    void corruptChunkIsAReadErrorNamingTheDataset();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

namespace {

constexpr int BloscId = 32001;
constexpr std::size_t Rows = 64, Columns = 80;

// A smooth image with noise, like a camera frame: compressible, but not trivially.
std::vector<std::uint16_t> frame(unsigned seed)
{
    std::mt19937 random(seed);
    std::normal_distribution<double> noise(0, 20);
    std::vector<std::uint16_t> pixels(Rows * Columns);
    for (std::size_t y = 0; y < Rows; ++y)
        for (std::size_t x = 0; x < Columns; ++x)
            pixels[y * Columns + x] = static_cast<std::uint16_t>(2000 + 10 * x + 5 * y + noise(random));
    return pixels;
}

// The parameters the recorder gives: plug-in version 2, then set_local fills 1-3; level 5, bit shuffle, LZ4.
h5::DatasetOptions bloscOptions()
{
    h5::DatasetOptions options;
    options.chunk = {1, Rows, Columns};
    options.maxShape = {h5::Unlimited, Rows, Columns};
    options.filters = {h5::Filter{BloscId, {2, 0, 0, 0, 5, BLOSC_BITSHUFFLE, BLOSC_LZ4}}};
    return options;
}

std::vector<std::uint16_t> frames(unsigned count)
{
    std::vector<std::uint16_t> all;
    for (unsigned i = 0; i < count; ++i) {
        const auto one = frame(i);
        all.insert(all.end(), one.begin(), one.end());
    }
    return all;
}

} // namespace

void tst_BloscFilter::init()
{
    QVERIFY(m_dir.isValid());
}

void tst_BloscFilter::availableOnlyOnceRegistered()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("HDF5_PLUGIN_PATH"));
    QCOMPARE(H5Zfilter_avail(BloscId), 0);
    h5::registerBloscFilter();
    h5::registerBloscFilter();
    QVERIFY(H5Zfilter_avail(BloscId) > 0);
    unsigned config = 0;
    QVERIFY(H5Zget_filter_info(BloscId, &config) >= 0);
    QVERIFY(config & H5Z_FILTER_CONFIG_ENCODE_ENABLED);
    QVERIFY(config & H5Z_FILTER_CONFIG_DECODE_ENABLED);
}

void tst_BloscFilter::writesAndReadsThroughTheFilter()
{
    const auto values = frames(3);
    {
        const auto file = h5::File::create(path("frames.h5"));
        file.root().createDataset<std::uint16_t>("frames", {3, Rows, Columns}, bloscOptions()).write<std::uint16_t>(values);
    }
    const auto file = h5::File::open(path("frames.h5"));
    const auto dataset = file.root().dataset("frames");
    QCOMPARE(dataset.read<std::uint16_t>(), values);
    QVERIFY2(dataset.storageSize() < values.size() * sizeof(std::uint16_t) * 3 / 4,
             qPrintable(QString::number(dataset.storageSize())));
    // set_local filled in what describes the data, as the plug-in's does.
    const auto filters = dataset.filters();
    QCOMPARE(filters.size(), std::size_t(1));
    const std::vector<unsigned> expected{2, BLOSC_VERSION_FORMAT, 2, unsigned(Rows * Columns * 2), 5, BLOSC_BITSHUFFLE,
                                         BLOSC_LZ4};
    QCOMPARE(filters[0].parameters, expected);
    QVERIFY(filters[0].available);
}

void tst_BloscFilter::chunksAreBloscBuffersAsThePluginWrites()
{
    const auto values = frames(2);
    const auto file = h5::File::create(path("chunks.h5"));
    const auto dataset = file.root().createDataset<std::uint16_t>("frames", {2, Rows, Columns}, bloscOptions());
    dataset.write<std::uint16_t>(values);
    const auto chunk = dataset.readRawChunk({1, 0, 0});
    std::size_t decodedBytes = 0;
    QCOMPARE(blosc_cbuffer_validate(chunk.bytes.data(), chunk.bytes.size(), &decodedBytes), 0);
    QCOMPARE(decodedBytes, Rows * Columns * 2);
    std::vector<std::uint16_t> decoded(Rows * Columns);
    QCOMPARE(blosc_decompress_ctx(chunk.bytes.data(), decoded.data(), decodedBytes, 1), int(decodedBytes));
    QCOMPARE(decoded, frame(1));
    const char *compressor = nullptr;
    QVERIFY(blosc_cbuffer_complib(chunk.bytes.data()) != nullptr);
    QVERIFY(blosc_compcode_to_compname(BLOSC_LZ4, &compressor) >= 0);
    QCOMPARE(QByteArray(blosc_cbuffer_complib(chunk.bytes.data())), QByteArray("LZ4"));
}

void tst_BloscFilter::readsChunksCompressedElsewhere()
{
    // Chunks compressed outside HDF5 with other settings (Zstd, byte shuffle, level 9), as PyTables or the
    // recorder's worker threads do, then stored as they are.
    const auto file = h5::File::create(path("direct.h5"));
    const auto dataset = file.root().createDataset<std::uint16_t>("frames", {2, Rows, Columns}, bloscOptions());
    for (unsigned i = 0; i < 2; ++i) {
        const auto pixels = frame(10 + i);
        std::vector<std::uint8_t> encoded(pixels.size() * 2 + BLOSC_MAX_OVERHEAD);
        const int size = blosc_compress_ctx(9, BLOSC_SHUFFLE, 2, pixels.size() * 2, pixels.data(), encoded.data(),
                                            encoded.size(), BLOSC_ZSTD_COMPNAME, 0, 1);
        QVERIFY(size > 0);
        encoded.resize(std::size_t(size));
        dataset.writeRawChunk({i, 0, 0}, encoded);
    }
    const auto first = frame(10), second = frame(11);
    QCOMPARE(dataset.read<std::uint16_t>({0, 0, 0}, {1, Rows, Columns}), first);
    QCOMPARE(dataset.read<std::uint16_t>({1, 0, 0}, {1, Rows, Columns}), second);
}

void tst_BloscFilter::corruptChunkIsAReadErrorNamingTheDataset()
{
    const auto file = h5::File::create(path("corrupt.h5"));
    const auto dataset = file.root().createDataset<std::uint16_t>("frames", {2, Rows, Columns}, bloscOptions());
    dataset.write<std::uint16_t>(frames(2));
    auto chunk = dataset.readRawChunk({0, 0, 0}).bytes;
    // A header claiming more compressed bytes than the chunk holds, then one truncated in half.
    auto lying = chunk;
    lying[12] = 0xFF;
    lying[13] = 0xFF;
    lying[14] = 0xFF;
    dataset.writeRawChunk({0, 0, 0}, lying);
    chunk.resize(chunk.size() / 2);
    dataset.writeRawChunk({1, 0, 0}, chunk);
    for (std::uint64_t index : {0, 1}) {
        try {
            dataset.read<std::uint16_t>({index, 0, 0}, {1, Rows, Columns});
            QFAIL("a corrupt chunk was read");
        } catch (const h5::Error &error) {
            QVERIFY2(std::string(error.what()).find("/frames") != std::string::npos, error.what());
        }
    }
}

QTEST_GUILESS_MAIN(tst_BloscFilter)
#include "tst_bloscfilter.moc"
