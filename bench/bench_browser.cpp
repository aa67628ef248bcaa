// The browser's two promises, measured against a baseline from the same run:
//
//   tree    time to first tree on a file of 100 000 objects, all in the root group (the worst case for a
//           lazy tree: the first level is the whole file): open, list the root, lay out and paint the tree
//           view. Baseline: a walk over every link of the file, what browsers that read the whole tree at
//           open (silx view, HDFView) pay before showing anything.
//   scrub   frame latency (request → frame in memory) while scrubbing a 4 GiB gzip-compressed, chunked
//           uint16 stack (512 frames of 2048², one frame per chunk) through the browser's SliceLoader, with
//           the UI event loop's longest stall over the same time. Baseline (the floor): a plain HDF5 read of
//           one frame (H5Dread of the hyperslab, default chunk cache), p50 and p99 over random frames.
//           Phases: a drag at 60 requests per second (each supersedes the last), random jumps every 100 ms,
//           and a drag back over frames just seen (the cache).
//
// The stack is written once (gzip level 1 with byte shuffle, noisy 12-bit frames, encoded on all cores) and
// reused while its size matches; both the floor and the scrub read it through the page cache.
//
// usage: bench_browser [--dir DIR] [--frames N] [--side S] [--objects N] [--only tree|scrub]
#include "core/acquisition/framecompression.h"
#include "core/h5/file.h"
#include "core/h5/search.h"
#include "ui/browser/datasource.h"
#include "ui/browser/filetreemodel.h"
#include "ui/browser/sliceloader.h"
#include "ui/browser/views/imageview.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>
#include <QtWidgets/QApplication>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QTreeView>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return std::nan("");
    std::sort(values.begin(), values.end());
    return values[std::size_t(std::lround(p / 100 * double(values.size() - 1)))];
}

struct Options {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "macroscope-bench-browser";
    std::uint64_t frames = 512;
    std::uint64_t side = 2048;
    int objects = 100000;
    std::string only;
};

// ---- tree ------------------------------------------------------------------------------------------------

std::filesystem::path makeObjectsFile(const Options &options)
{
    const auto path = options.dir / ("objects-" + std::to_string(options.objects) + ".h5");
    if (std::filesystem::exists(path))
        return path;
    std::printf("writing %d datasets to %s…\n", options.objects, path.c_str());
    std::fflush(stdout);
    const auto partial = std::filesystem::path(path.string() + ".partial");
    {
        h5::File file = h5::File::create(partial, true);
        {
            const h5::Group root = file.root();
            char name[32];
            for (int i = 0; i < options.objects; ++i) {
                std::snprintf(name, sizeof name, "signal_%06d", i);
                root.createDataset<float>(name, {4});
            }
        }
        file.close();
    }
    std::filesystem::rename(partial, path);
    return path;
}

void benchTree(const Options &options)
{
    const auto path = makeObjectsFile(options);
    const int runs = 5;
    std::vector<double> firstTree, walk;
    for (int run = 0; run < runs; ++run) {
        {
            const auto start = Clock::now();
            h5::File file = h5::File::open(path);
            std::atomic<bool> stop{false};
            h5::searchLinks(file.root(), "*", [](const h5::SearchHit &) { return true; }, stop);
            walk.push_back(millisecondsSince(start));
        }
        {
            const auto start = Clock::now();
            ui::FileTreeModel model;
            QTreeView view;
            view.setUniformRowHeights(true);
            view.resize(900, 700);
            view.setModel(&model);
            const QModelIndex fileRow = model.addFile(QString::fromStdString(path.string()));
            const double opened = millisecondsSince(start);
            model.fetchMore(fileRow);
            const double listed = millisecondsSince(start);
            view.expand(fileRow);
            const double expanded = millisecondsSince(start);
            view.show();
            view.grab(); // layout and paint of the rows on screen
            // The rows on screen, now described, are laid out again (datasets lose their expand arrows).
            QCoreApplication::processEvents();
            view.grab();
            firstTree.push_back(millisecondsSince(start));
            std::printf("  run %d: open %.1f, list %.1f, expand %.1f, paint %.1f ms\n", run, opened, listed - opened,
                        expanded - listed, firstTree.back() - expanded);
            if (model.rowCount(fileRow) != options.objects) {
                std::fprintf(stderr, "bench_browser: the tree lists %d of %d objects\n", model.rowCount(fileRow),
                             options.objects);
                std::exit(1);
            }
        }
    }
    const double tree = percentile(firstTree, 50), baseline = percentile(walk, 50);
    std::printf("\ntree: %d objects in the root group, median of %d runs\n", options.objects, runs);
    std::printf("  full walk (baseline)   %8.1f ms\n", baseline);
    std::printf("  first tree shown       %8.1f ms   ratio %.2f of the walk\n", tree, tree / baseline);
}

// ---- scrub -----------------------------------------------------------------------------------------------

std::vector<std::uint16_t> noisyFrame(std::uint64_t side, std::uint64_t index)
{
    std::mt19937 random(unsigned(index) + 1);
    std::normal_distribution<float> unit(0, 1);
    std::vector<std::uint16_t> frame(side * side);
    const double phase = double(index) * 0.05;
    for (std::uint64_t y = 0; y < side; ++y)
        for (std::uint64_t x = 0; x < side; ++x) {
            const double u = (double(x) - double(side) / 2) / double(side), v = (double(y) - double(side) / 2) / double(side);
            const double mean = 2600 - 1500 * (u * u + v * v) + 300 * std::sin(double(x) * 0.02 + phase) * std::cos(double(y) * 0.017);
            frame[y * side + x] = std::uint16_t(std::clamp(std::lround(mean + std::sqrt(mean) * unit(random)), 0L, 4095L));
        }
    return frame;
}

std::filesystem::path makeStack(const Options &options)
{
    const auto path = options.dir / ("stack-" + std::to_string(options.frames) + "x" + std::to_string(options.side) + ".h5");
    if (std::filesystem::exists(path))
        return path;
    const std::size_t frameBytes = options.side * options.side * sizeof(std::uint16_t);
    std::printf("writing %.1f GiB of gzip frames to %s…\n", double(options.frames * frameBytes) / double(1 << 30),
                path.c_str());
    std::fflush(stdout);
    const auto partial = std::filesystem::path(path.string() + ".partial");
    const auto start = Clock::now();
    {
        h5::File file = h5::File::create(partial, true);
        h5::DatasetOptions layout;
        layout.chunk = {1, options.side, options.side};
        layout.filters = acq::frameFilters(acq::Compression::Gzip, frameBytes);
        layout.fill = false;
        {
            const h5::Dataset stack = file.root().createDataset<std::uint16_t>(
                "stack", {options.frames, options.side, options.side}, layout);
            const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
            const std::size_t maxEncoded = acq::maxEncodedSize(acq::Compression::Gzip, frameBytes);
            for (std::uint64_t first = 0; first < options.frames; first += threads) {
                const std::uint64_t batch = std::min<std::uint64_t>(threads, options.frames - first);
                std::vector<std::vector<std::uint8_t>> encoded(batch, std::vector<std::uint8_t>(maxEncoded));
                std::vector<std::size_t> sizes(batch);
                std::vector<std::thread> workers;
                for (std::uint64_t i = 0; i < batch; ++i)
                    workers.emplace_back([&, i] {
                        const auto frame = noisyFrame(options.side, first + i);
                        std::vector<std::uint8_t> scratch(frameBytes);
                        sizes[i] = acq::encodeFrame(acq::Compression::Gzip, frame, encoded[i], scratch);
                    });
                for (auto &worker : workers)
                    worker.join();
                for (std::uint64_t i = 0; i < batch; ++i)
                    stack.writeRawChunk({first + i, 0, 0}, std::span(encoded[i].data(), sizes[i]));
            }
        }
        file.close();
    }
    std::filesystem::rename(partial, path);
    std::printf("  written in %.0f s, %.2f GiB on disk\n", millisecondsSince(start) / 1000,
                double(std::filesystem::file_size(path)) / double(1 << 30));
    return path;
}

struct Phase {
    std::string name;
    std::vector<double> latencies;
    int requested = 0;
};

void benchScrub(const Options &options)
{
    const auto path = makeStack(options);
    const h5::Shape frameCount{1, options.side, options.side};
    std::mt19937 random(11);
    std::uniform_int_distribution<std::uint64_t> anyFrame(0, options.frames - 1);

    std::vector<double> floor;
    {
        const h5::File file = h5::File::open(path);
        const h5::Dataset stack = file.root().dataset("stack");
        for (int i = 0; i < 40; ++i) {
            const auto start = Clock::now();
            const auto frame = stack.read<std::uint16_t>({anyFrame(random), 0, 0}, frameCount);
            floor.push_back(millisecondsSince(start));
        }
    }

    const h5::File file = h5::File::open(path);
    const auto stack = std::make_shared<const h5::Dataset>(file.root().dataset(
        "stack", h5::chunkCacheFor(frameCount, sizeof(std::uint16_t), 1)));
    ui::SliceLoader loader;
    const int client = 0;

    // The event loop's heartbeat: the longest gap between two ticks of a 2 ms timer is the UI's worst freeze.
    QElapsedTimer sinceTick;
    sinceTick.start();
    double longestStall = 0;
    QTimer heartbeat;
    heartbeat.setInterval(2);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        longestStall = std::max(longestStall, double(sinceTick.nsecsElapsed()) / 1e6);
        sinceTick.restart();
    });

    std::map<quint64, Clock::time_point> asked;
    Phase *phase = nullptr;
    QObject::connect(&loader, &ui::SliceLoader::loaded, [&](quint64 ticket, const std::shared_ptr<const ui::Slice> &) {
        const auto it = asked.find(ticket);
        if (it != asked.end() && phase)
            phase->latencies.push_back(millisecondsSince(it->second));
    });
    const auto ask = [&](std::uint64_t frame) {
        asked[loader.request(&client, {stack, {frame, 0, 0}, frameCount, ui::SliceFormat::Float32})] = Clock::now();
        ++phase->requested;
    };
    const auto runFor = [](int milliseconds) {
        QEventLoop loop;
        QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
        loop.exec();
    };

    std::vector<Phase> phases{{"drag at 60 Hz", {}, 0}, {"random jumps", {}, 0}, {"drag back (cached)", {}, 0}};
    heartbeat.start();
    sinceTick.restart();
    const std::uint64_t dragFrames = std::min<std::uint64_t>(180, options.frames);
    {
        phase = &phases[0];
        QTimer drag;
        std::uint64_t next = 0;
        drag.setInterval(16);
        QObject::connect(&drag, &QTimer::timeout, [&] {
            if (next < dragFrames)
                ask(next++);
        });
        drag.start();
        runFor(int(dragFrames) * 16 + 1000);
    }
    {
        phase = &phases[1];
        QTimer jump;
        jump.setInterval(100);
        QObject::connect(&jump, &QTimer::timeout, [&] { ask(anyFrame(random)); });
        jump.start();
        runFor(4000);
    }
    {
        phase = &phases[2];
        QTimer drag;
        std::uint64_t next = dragFrames;
        drag.setInterval(16);
        // Back over the last frames of the first drag: those the cache kept.
        const std::uint64_t stop = dragFrames > 40 ? dragFrames - 40 : 0;
        QObject::connect(&drag, &QTimer::timeout, [&] {
            if (next > stop)
                ask(--next);
        });
        drag.start();
        runFor(int(dragFrames - stop) * 16 + 1000);
    }
    {
        // The whole image view, as a user drags its slider: read, levels, histogram and colour map, until
        // the frame is on screen.
        phase = nullptr;
        phases.push_back({"image view, 60 Hz drag", {}, 0});
        Phase &shown = phases.back();
        ui::SliceLoader viewLoader;
        ui::ImageView view(viewLoader);
        view.resize(1200, 900);
        view.show();
        view.setSource(ui::describeDataset(file, "/stack"));
        std::map<quint64, Clock::time_point> setAt;
        // Frames passed over while a read ran are never shown; each one shown counts from when it was asked.
        QObject::connect(&view, &ui::DataView::shownChanged, [&] {
            for (auto it = setAt.begin(); it != setAt.end(); ++it)
                if (view.isShowingFrame(it->first)) {
                    shown.latencies.push_back(millisecondsSince(it->second));
                    setAt.erase(setAt.begin(), std::next(it));
                    break;
                }
        });
        QTimer drag;
        std::uint64_t next = dragFrames;
        const std::uint64_t stop = std::min<std::uint64_t>(options.frames, 2 * dragFrames);
        drag.setInterval(16);
        QObject::connect(&drag, &QTimer::timeout, [&] {
            if (next < stop) {
                setAt[next] = Clock::now();
                view.setFrame(next++);
                ++shown.requested;
            }
        });
        drag.start();
        runFor(int(stop - dragFrames) * 16 + 2000);
    }
    heartbeat.stop();

    const double floor50 = percentile(floor, 50), floor99 = percentile(floor, 99);
    std::printf("\nscrub: %llu frames of %llu² uint16, gzip, one frame per chunk (%.2f GiB on disk)\n",
                static_cast<unsigned long long>(options.frames), static_cast<unsigned long long>(options.side),
                double(std::filesystem::file_size(path)) / double(1 << 30));
    std::printf("  plain HDF5 read of one frame (floor)   p50 %7.1f ms   p99 %7.1f ms\n", floor50, floor99);
    for (const Phase &p : phases) {
        const double p50 = percentile(p.latencies, 50), p99 = percentile(p.latencies, 99);
        std::printf("  %-22s %4zu of %4d shown     p50 %7.1f ms   p99 %7.1f ms   p50/floor %.2f  p99/floor %.2f\n",
                    p.name.c_str(), p.latencies.size(), p.requested, p50, p99, p50 / floor50, p99 / floor50);
    }
    std::printf("  longest UI stall while scrubbing: %.1f ms (event loop ticking every 2 ms)\n", longestStall);
    std::printf("  reads %llu, cache hits %llu\n", static_cast<unsigned long long>(loader.readCount()),
                static_cast<unsigned long long>(loader.cacheHitCount()));
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--dir")
            options.dir = argv[i + 1];
        else if (flag == "--frames")
            options.frames = std::max<std::uint64_t>(2, std::strtoull(argv[i + 1], nullptr, 10));
        else if (flag == "--side")
            options.side = std::max<std::uint64_t>(16, std::strtoull(argv[i + 1], nullptr, 10));
        else if (flag == "--objects")
            options.objects = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--only")
            options.only = argv[i + 1];
    }
    std::filesystem::create_directories(options.dir);
    if (options.only.empty() || options.only == "tree")
        benchTree(options);
    if (options.only.empty() || options.only == "scrub")
        benchScrub(options);
    return 0;
}
