#include "core/h5/error.h"
#include "core/h5/file.h"

#include <hdf5.h>
#include <nlohmann/json.hpp>

#include "tests/support/jsoncompare.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>

// What core/h5 cannot write (compact and virtual datasets, compounds, other enums) is made here with the HDF5
// C API, and the chunk cache a dataset was opened with is read back through it.
class tst_DatasetViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void layoutOfEachKind();
    void virtualSourcesDescribeEachMapping();
    void chunkCacheHoldsTwiceTheChunksOfARead();
    void datasetOpensWithTheGivenChunkCache();
    void hyperslabJsonOfCompoundEnumStringAndGrid();
    void hyperslabJsonRejectsBadSelections();
    void enumsReadAsTheirIntegerValues();
    void nonNumericTypesReadAsNumbersThrowNamingThem();
    void refreshShowsWhatAnSwmrWriterAppended();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

namespace {

// A dataset made with the C API, handed to h5::Dataset, which closes it.
h5::Dataset createRaw(const h5::File &file, const char *name, hid_t type, const std::vector<hsize_t> &dims,
                      hid_t createPlist = H5P_DEFAULT)
{
    const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    const hid_t dataset = H5Dcreate2(file.id(), name, type, space, H5P_DEFAULT, createPlist, H5P_DEFAULT);
    H5Sclose(space);
    if (dataset < 0)
        throw std::runtime_error(std::string("cannot create ") + name);
    return h5::Dataset(dataset);
}

hid_t colourEnum()
{
    const hid_t type = H5Tenum_create(H5T_NATIVE_INT16);
    const std::int16_t low = -5, middle = 7, high = 300;
    H5Tenum_insert(type, "LOW", &low);
    H5Tenum_insert(type, "MIDDLE", &middle);
    H5Tenum_insert(type, "HIGH", &high);
    return type;
}

void selectRows(hid_t space, hsize_t first, hsize_t rows, const std::vector<hsize_t> &rowShape, hsize_t stride = 1)
{
    std::vector<hsize_t> start(rowShape.size() + 1, 0), strides(rowShape.size() + 1, 1), count{rows};
    start[0] = first;
    strides[0] = stride;
    count.insert(count.end(), rowShape.begin(), rowShape.end());
    H5Sselect_hyperslab(space, H5S_SELECT_SET, start.data(), strides.data(), count.data(), nullptr);
}

bool isPrime(std::uint64_t n)
{
    if (n < 2)
        return false;
    for (std::uint64_t divisor = 2; divisor * divisor <= n; ++divisor)
        if (n % divisor == 0)
            return false;
    return true;
}

// Waits for one byte from a pipe, for at most ten seconds.
bool receive(int fd)
{
    pollfd ready{fd, POLLIN, 0};
    char byte = 0;
    return ::poll(&ready, 1, 10'000) == 1 && ::read(fd, &byte, 1) == 1;
}

void send(int fd)
{
    const char byte = 1;
    (void)!::write(fd, &byte, 1);
}

} // namespace

void tst_DatasetViews::init()
{
    QVERIFY(m_dir.isValid());
}

void tst_DatasetViews::layoutOfEachKind()
{
    const auto file = h5::File::create(path("layouts.h5"));
    const hid_t compactPlist = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_layout(compactPlist, H5D_COMPACT);
    const auto compact = createRaw(file, "compact", H5T_NATIVE_INT32, {4}, compactPlist);
    H5Pclose(compactPlist);
    h5::DatasetOptions chunked;
    chunked.chunk = {2};

    QCOMPARE(compact.layout(), h5::Layout::Compact);
    QCOMPARE(file.root().createDataset<float>("contiguous", {4}).layout(), h5::Layout::Contiguous);
    QCOMPARE(file.root().createDataset<float>("chunked", {4}, chunked).layout(), h5::Layout::Chunked);
    QVERIFY(compact.virtualSources().empty());
    QVERIFY(file.root().dataset("chunked").virtualSources().empty());
    QVERIFY_THROWS_EXCEPTION(h5::Error, h5::Dataset().layout());
}

void tst_DatasetViews::virtualSourcesDescribeEachMapping()
{
    const std::string sourceFile = path("sources.h5").string();
    {
        const auto sources = h5::File::create(sourceFile);
        std::vector<std::int32_t> values(40);
        std::iota(values.begin(), values.end(), 0);
        sources.root().createDataset<std::int32_t>("data", {10, 4}).write<std::int32_t>(values);
    }
    const auto file = h5::File::create(path("virtual.h5"));
    std::vector<std::int32_t> local(80);
    std::iota(local.begin(), local.end(), 100);
    file.root().createDataset<std::int32_t>("local", {20, 4}).write<std::int32_t>(local);

    // Row 0 is all of sources.h5:/data, row 1 the second half of /local, row 2 its even rows.
    const hid_t plist = H5Pcreate(H5P_DATASET_CREATE);
    const std::vector<hsize_t> frame{10, 4}, localDims{20, 4};
    const hid_t virtualSpace = H5Screate_simple(3, std::vector<hsize_t>{3, 10, 4}.data(), nullptr);
    const hid_t wholeSource = H5Screate_simple(2, frame.data(), nullptr);
    const hid_t localSource = H5Screate_simple(2, localDims.data(), nullptr);
    selectRows(virtualSpace, 0, 1, frame);
    QVERIFY(H5Pset_virtual(plist, virtualSpace, sourceFile.c_str(), "/data", wholeSource) >= 0);
    selectRows(virtualSpace, 1, 1, frame);
    selectRows(localSource, 10, 10, {4});
    QVERIFY(H5Pset_virtual(plist, virtualSpace, ".", "/local", localSource) >= 0);
    selectRows(virtualSpace, 2, 1, frame);
    selectRows(localSource, 0, 10, {4}, 2);
    QVERIFY(H5Pset_virtual(plist, virtualSpace, ".", "/local", localSource) >= 0);
    H5Sselect_all(virtualSpace);
    const hid_t stackSpace = H5Screate_simple(3, std::vector<hsize_t>{3, 10, 4}.data(), nullptr);
    const auto stack = h5::Dataset(H5Dcreate2(file.id(), "stack", H5T_NATIVE_INT32, stackSpace, H5P_DEFAULT, plist, H5P_DEFAULT));
    for (const hid_t id : {virtualSpace, wholeSource, localSource, stackSpace})
        H5Sclose(id);
    H5Pclose(plist);
    QVERIFY(stack.isValid());

    QCOMPARE(stack.layout(), h5::Layout::Virtual);
    const auto sources = stack.virtualSources();
    QCOMPARE(sources.size(), std::size_t(3));
    QCOMPARE(sources[0].file, sourceFile);
    QCOMPARE(sources[0].dataset, std::string("/data"));
    QCOMPARE(sources[0].selection, std::string("all -> [0:1, :, :]"));
    QCOMPARE(sources[1].file, std::string("."));
    QCOMPARE(sources[1].dataset, std::string("/local"));
    QCOMPARE(sources[1].selection, std::string("[10:20, :] -> [1:2, :, :]"));
    QCOMPARE(sources[2].selection, std::string("[0:19:2, :] -> [2:3, :, :]"));

    // The mappings are the ones described: the data arrives where they say.
    const auto values = stack.read<std::int32_t>();
    QCOMPARE(values[0], 0);
    QCOMPARE(values[39], 39);
    QCOMPARE(values[40], 140);
    QCOMPARE(values[80 + 4], 108); // row 2 of the even rows is /local row 2
    QCOMPARE(values[80 + 39], 100 + 18 * 4 + 3);

    // An unlimited mapping, as a growing virtual stack has.
    const hid_t growingPlist = H5Pcreate(H5P_DATASET_CREATE);
    const std::vector<hsize_t> unlimited{H5S_UNLIMITED, 4};
    const hid_t growingSpace = H5Screate_simple(2, localDims.data(), unlimited.data());
    const std::vector<hsize_t> start{0, 0}, stride{1, 1}, count{H5S_UNLIMITED, 1}, block{1, 4};
    H5Sselect_hyperslab(growingSpace, H5S_SELECT_SET, start.data(), stride.data(), count.data(), block.data());
    QVERIFY(H5Pset_virtual(growingPlist, growingSpace, ".", "/local", growingSpace) >= 0);
    H5Sselect_all(growingSpace);
    const auto growing = h5::Dataset(H5Dcreate2(file.id(), "growing", H5T_NATIVE_INT32, growingSpace, H5P_DEFAULT,
                                                growingPlist, H5P_DEFAULT));
    H5Sclose(growingSpace);
    H5Pclose(growingPlist);
    QVERIFY(growing.isValid());
    QCOMPARE(growing.virtualSources().at(0).selection, std::string("[0:, :] -> [0:, :]"));

    // Every fourth pair of rows of /local's first column, which no numpy slice says.
    const hid_t blocksPlist = H5Pcreate(H5P_DATASET_CREATE);
    const hsize_t blockCount = 10;
    const hid_t blocksSpace = H5Screate_simple(1, &blockCount, nullptr);
    const hid_t blocksSource = H5Screate_simple(2, localDims.data(), nullptr);
    const std::vector<hsize_t> blocksStride{4, 1}, blocksCount{5, 1}, blocksBlock{2, 1};
    H5Sselect_hyperslab(blocksSource, H5S_SELECT_SET, start.data(), blocksStride.data(), blocksCount.data(),
                        blocksBlock.data());
    QVERIFY(H5Pset_virtual(blocksPlist, blocksSpace, ".", "/local", blocksSource) >= 0);
    const auto blocks = h5::Dataset(H5Dcreate2(file.id(), "blocks", H5T_NATIVE_INT32, blocksSpace, H5P_DEFAULT,
                                               blocksPlist, H5P_DEFAULT));
    H5Sclose(blocksSpace);
    H5Sclose(blocksSource);
    H5Pclose(blocksPlist);
    QVERIFY(blocks.isValid());
    QCOMPARE(blocks.virtualSources().at(0).selection, std::string("[0:18:4 (blocks of 2), 0:1] -> all"));
    QCOMPARE(blocks.read<std::int32_t>({2}, {2}), (std::vector<std::int32_t>{100 + 4 * 4, 100 + 5 * 4}));
}

void tst_DatasetViews::chunkCacheHoldsTwiceTheChunksOfARead()
{
    constexpr std::size_t MiB = 1 << 20;
    // A 1024×1024 uint16 frame per chunk, one chunk a read: two frames.
    const auto frames = h5::chunkCacheFor({1, 1024, 1024}, 2, 1);
    QCOMPARE(frames.bytes, 4 * MiB);
    QVERIFY(isPrime(frames.slots));
    QVERIFY2(frames.slots >= 200 && frames.slots < 220, std::to_string(frames.slots).c_str());

    // Small chunks: at least 1 MiB, and the slot table stays a sixteenth of it however many chunks fit.
    const auto small = h5::chunkCacheFor({16}, 4, 3);
    QCOMPARE(small.bytes, MiB);
    QVERIFY(isPrime(small.slots));
    QVERIFY2(small.slots >= MiB / 128 && small.slots < MiB / 128 + 100, std::to_string(small.slots).c_str());

    // 8 chunks of 32 MiB a read would want 512 MiB: clamped to 256 MiB, which holds 8 chunks.
    const auto large = h5::chunkCacheFor({1, 2048, 2048}, 8, 8);
    QCOMPARE(large.bytes, 256 * MiB);
    QVERIFY(isPrime(large.slots));
    QVERIFY2(large.slots >= 800 && large.slots < 820, std::to_string(large.slots).c_str());

    QCOMPARE(h5::chunkCacheFor({1024}, 8, std::numeric_limits<std::uint64_t>::max()).bytes, 256 * MiB);
    QCOMPARE(h5::chunkCacheFor({1, 1024, 1024}, 2, 0).bytes, frames.bytes);
    QCOMPARE(h5::chunkCacheFor({1, 1024, 1024}, 2, 3).bytes, 12 * MiB);
}

void tst_DatasetViews::datasetOpensWithTheGivenChunkCache()
{
    const auto file = h5::File::create(path("cache.h5"));
    h5::DatasetOptions options;
    options.chunk = {1, 64, 64};
    file.root().createDataset<std::uint16_t>("frames", {4, 64, 64}, options);

    const auto cacheOf = [](const h5::Dataset &dataset) {
        const hid_t plist = H5Dget_access_plist(dataset.id());
        std::size_t slots = 0, bytes = 0;
        double w0 = 0;
        H5Pget_chunk_cache(plist, &slots, &bytes, &w0);
        H5Pclose(plist);
        return h5::ChunkCache{bytes, slots};
    };
    QCOMPARE(cacheOf(file.root().dataset("frames")).bytes, std::size_t(1 << 20)); // the file's default

    const h5::ChunkCache wanted{8 << 20, 1009};
    const auto cached = file.root().dataset("frames", wanted);
    QCOMPARE(cacheOf(cached).bytes, wanted.bytes);
    QCOMPARE(cacheOf(cached).slots, wanted.slots);
    QCOMPARE(cached.shape(), (h5::Shape{4, 64, 64}));
    // While a handle is open, HDF5 shares its dataset, cache included, with every other opening.
    QCOMPARE(cacheOf(file.root().dataset("frames")).bytes, wanted.bytes);
    QCOMPARE(cacheOf(file.root().dataset("frames", {2 << 20, 101})).bytes, wanted.bytes);

    try {
        (void)file.root().dataset("missing", wanted);
        QFAIL("opening a missing dataset must throw");
    } catch (const h5::Error &error) {
        QVERIFY2(std::string(error.what()).find("cache.h5") != std::string::npos, error.what());
        QVERIFY2(std::string(error.what()).find("'missing'") != std::string::npos, error.what());
    }
}

void tst_DatasetViews::hyperslabJsonOfCompoundEnumStringAndGrid()
{
    const auto file = h5::File::create(path("json.h5"));

    struct Point {
        std::int32_t x;
        double y;
        const char *label;
        float pair[2];
    };
    const hid_t labelType = H5Tcopy(H5T_C_S1);
    H5Tset_size(labelType, H5T_VARIABLE);
    const hsize_t pairDims[1] = {2};
    const hid_t pairType = H5Tarray_create2(H5T_NATIVE_FLOAT, 1, pairDims);
    const hid_t pointType = H5Tcreate(H5T_COMPOUND, sizeof(Point));
    H5Tinsert(pointType, "x", HOFFSET(Point, x), H5T_NATIVE_INT32);
    H5Tinsert(pointType, "y", HOFFSET(Point, y), H5T_NATIVE_DOUBLE);
    H5Tinsert(pointType, "label", HOFFSET(Point, label), labelType);
    H5Tinsert(pointType, "pair", HOFFSET(Point, pair), pairType);
    const Point points[4] = {{0, 0.0, "a", {0, 0}}, {1, 0.5, "b", {1, 1.5}}, {2, 1.0, "c", {2, 3}}, {3, 1.5, "d", {3, 4.5}}};
    const auto compound = createRaw(file, "points", pointType, {4});
    QVERIFY(H5Dwrite(compound.id(), pointType, H5S_ALL, H5S_ALL, H5P_DEFAULT, points) >= 0);
    for (const hid_t type : {labelType, pairType, pointType})
        H5Tclose(type);
    QCOMPARE_JSON(compound.readJson({1}, {2}), nlohmann::json::parse(R"([
        {"x": 1, "y": 0.5, "label": "b", "pair": [1, 1.5]},
        {"x": 2, "y": 1.0, "label": "c", "pair": [2, 3]}])"));

    const hid_t enumType = colourEnum();
    const auto colours = createRaw(file, "colours", enumType, {2, 3});
    const std::int16_t colourValues[6] = {-5, 7, 300, 300, 7, -5};
    QVERIFY(H5Dwrite(colours.id(), enumType, H5S_ALL, H5S_ALL, H5P_DEFAULT, colourValues) >= 0);
    H5Tclose(enumType);
    QCOMPARE_JSON(colours.readJson({0, 1}, {2, 2}), nlohmann::json::parse(R"([["MIDDLE", "HIGH"], ["MIDDLE", "LOW"]])"));

    const auto flags = file.root().createDataset<h5::Bool>("flags", {4});
    flags.write<h5::Bool>(std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::False, h5::Bool::True});
    QCOMPARE_JSON(flags.readJson({2}, {2}), nlohmann::json::parse("[false, true]"));

    const auto names = file.root().createDataset<std::string>("names", {4});
    names.write<std::string>(std::vector<std::string>{"alpha", "béta", "", "delta"});
    QCOMPARE_JSON(names.readJson({1}, {2}), nlohmann::json::parse(R"(["béta", ""])"));

    const hid_t sequenceType = H5Tvlen_create(H5T_NATIVE_INT32);
    const auto sequences = createRaw(file, "sequences", sequenceType, {3});
    std::int32_t one[1] = {1}, three[3] = {1, 2, 3};
    const hvl_t sequenceValues[3] = {{0, nullptr}, {1, one}, {3, three}};
    QVERIFY(H5Dwrite(sequences.id(), sequenceType, H5S_ALL, H5S_ALL, H5P_DEFAULT, sequenceValues) >= 0);
    H5Tclose(sequenceType);
    QCOMPARE_JSON(sequences.readJson({1}, {2}), nlohmann::json::parse("[[1], [1, 2, 3]]"));

    const auto grid = file.root().createDataset<std::int32_t>("grid", {4, 5});
    std::vector<std::int32_t> gridValues(20);
    std::iota(gridValues.begin(), gridValues.end(), 0);
    grid.write<std::int32_t>(gridValues);
    QCOMPARE_JSON(grid.readJson({1, 2}, {2, 3}), nlohmann::json::parse("[[7, 8, 9], [12, 13, 14]]"));
    QCOMPARE_JSON(grid.readJson({3, 4}, {1, 1}), nlohmann::json::parse("[[19]]"));
    QCOMPARE_JSON(grid.readJson({0, 0}, {4, 5}), grid.readJson());
}

void tst_DatasetViews::hyperslabJsonRejectsBadSelections()
{
    const auto file = h5::File::create(path("badjson.h5"));
    const auto grid = file.root().createDataset<std::int32_t>("grid", {4, 5});
    try {
        (void)grid.readJson({3, 0}, {2, 5});
        QFAIL("a selection past the end must throw");
    } catch (const h5::Error &error) {
        const std::string message = error.what();
        QVERIFY2(message.find("badjson.h5") != std::string::npos, error.what());
        QVERIFY2(message.find("/grid") != std::string::npos, error.what());
        QVERIFY2(message.find("exceeds the dataset's shape (4, 5)") != std::string::npos, error.what());
    }
    QVERIFY_THROWS_EXCEPTION(h5::Error, (void)grid.readJson({0}, {1}));
}

void tst_DatasetViews::enumsReadAsTheirIntegerValues()
{
    const auto file = h5::File::create(path("enums.h5"));
    const auto flags = file.root().createDataset<h5::Bool>("flags", {3});
    flags.write<h5::Bool>(std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::True});
    QCOMPARE(flags.read<float>(), (std::vector<float>{1, 0, 1}));
    QCOMPARE(flags.read<double>({1}, {2}), (std::vector<double>{0, 1}));
    QCOMPARE(flags.read<h5::Bool>(), (std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::True}));

    const hid_t enumType = colourEnum();
    const auto colours = createRaw(file, "colours", enumType, {2, 2});
    const std::int16_t values[4] = {300, -5, 7, -5};
    QVERIFY(H5Dwrite(colours.id(), enumType, H5S_ALL, H5S_ALL, H5P_DEFAULT, values) >= 0);
    H5Tclose(enumType);
    QCOMPARE(colours.read<double>(), (std::vector<double>{300, -5, 7, -5}));
    QCOMPARE(colours.read<float>({0, 1}, {2, 1}), (std::vector<float>{-5, -5}));
    QCOMPARE(colours.read<std::int32_t>({1, 0}, {1, 2}), (std::vector<std::int32_t>{7, -5}));

    // Numbers stored as numbers are still converted by HDF5.
    const auto counts = file.root().createDataset<std::uint8_t>("counts", {2});
    counts.write<std::uint8_t>(std::vector<std::uint8_t>{3, 250});
    QCOMPARE(counts.read<float>(), (std::vector<float>{3, 250}));
}

void tst_DatasetViews::nonNumericTypesReadAsNumbersThrowNamingThem()
{
    const auto file = h5::File::create(path("nonnumeric.h5"));
    const hid_t pairType = H5Tcreate(H5T_COMPOUND, 2 * sizeof(std::int32_t));
    H5Tinsert(pairType, "a", 0, H5T_NATIVE_INT32);
    H5Tinsert(pairType, "b", sizeof(std::int32_t), H5T_NATIVE_INT32);
    createRaw(file, "pairs", pairType, {2});
    H5Tclose(pairType);
    file.root().createDataset<std::string>("names", {2});

    try {
        (void)file.root().dataset("pairs").read<double>();
        QFAIL("reading a compound as numbers must throw");
    } catch (const h5::Error &error) {
        const std::string message = error.what();
        QVERIFY2(message.find("nonnumeric.h5") != std::string::npos, error.what());
        QVERIFY2(message.find("/pairs") != std::string::npos, error.what());
        QVERIFY2(message.find("compound{a: int32, b: int32}") != std::string::npos, error.what());
        QVERIFY2(message.find("float64") != std::string::npos, error.what());
    }
    try {
        (void)file.root().dataset("names").read<float>({0}, {1});
        QFAIL("reading strings as numbers must throw");
    } catch (const h5::Error &error) {
        QVERIFY2(std::string(error.what()).find("/names") != std::string::npos, error.what());
        QVERIFY2(std::string(error.what()).find("vlen string") != std::string::npos, error.what());
    }
}

// A writer in another process (HDF5 shares one open file between the handles of a process, so a reader in
// the same process would see the writer's extent without any refresh).
void tst_DatasetViews::refreshShowsWhatAnSwmrWriterAppended()
{
    const auto file = path("swmr.h5");
    {
        h5::DatasetOptions options;
        options.maxShape = {h5::Unlimited};
        options.chunk = {4};
        const auto created = h5::File::create(file);
        created.root().createDataset<std::int32_t>("values", {0}, options).append<std::int32_t>(std::vector<std::int32_t>{1, 2, 3});
    }
    int toWriter[2], fromWriter[2];
    QVERIFY(::pipe(toWriter) == 0 && ::pipe(fromWriter) == 0);
    const pid_t pid = ::fork();
    QVERIFY(pid >= 0);
    if (pid == 0) {
        try {
            const auto swmr = h5::File::open(file, h5::Access::SwmrWrite);
            const auto values = swmr.root().dataset("values");
            send(fromWriter[1]);
            if (!receive(toWriter[0]))
                _exit(2);
            values.append<std::int32_t>(std::vector<std::int32_t>{4, 5});
            swmr.flush();
            send(fromWriter[1]);
            _exit(receive(toWriter[0]) ? 0 : 2);
        } catch (...) {
            _exit(1);
        }
    }
    // Lets the writer finish and collects its exit status; a test that fails half-way kills it instead.
    struct Writer {
        pid_t pid;
        int release;
        int finish()
        {
            send(release);
            int status = 0;
            ::waitpid(std::exchange(pid, -1), &status, 0);
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        ~Writer()
        {
            if (pid > 0) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, nullptr, 0);
            }
        }
    } writer{pid, toWriter[1]};
    QVERIFY2(receive(fromWriter[0]), "the writer never opened the file");

    const auto reader = h5::File::open(file, h5::Access::SwmrRead);
    const auto values = reader.root().dataset("values");
    QCOMPARE(values.shape(), h5::Shape{3});
    send(toWriter[1]);
    QVERIFY2(receive(fromWriter[0]), "the writer never appended");
    QCOMPARE(values.shape(), h5::Shape{3});
    values.refresh();
    QCOMPARE(values.shape(), h5::Shape{5});
    QCOMPARE(values.read<std::int32_t>({3}, {2}), (std::vector<std::int32_t>{4, 5}));
    QCOMPARE(writer.finish(), 0);
    for (const int fd : {toWriter[0], toWriter[1], fromWriter[0], fromWriter[1]})
        ::close(fd);

    QVERIFY_THROWS_EXCEPTION(h5::Error, h5::Dataset().refresh());
}

QTEST_GUILESS_MAIN(tst_DatasetViews)
#include "tst_datasetviews.moc"
