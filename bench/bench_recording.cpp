// Sustained recording throughput of 1024×1024 uint16 frames, against a raw write() of the same bytes followed
// by fdatasync measured in the same run, on the same disk.
//
//   raw            write() per frame, fdatasync at the end (and, for the fair comparison with per-second
//                  checkpoints, also every second)
//   writer         acq::RecordingWriter on the calling thread, no threads: checkpoint every second (as the
//                  Recorder does) or only in finish(); compressed variants write chunks encoded once up front,
//                  so this is the writer's and the disk's share; encoding is measured on its own
//   interleaved    raw and writer (none) alternating frame by frame in one pass: the ratio least disturbed by
//                  the disk's mood
//   recorder       the full acq::Recorder (capture, encoder, writer threads) fed by a camera that delivers
//                  prepared frames at a fixed rate: the highest rate with zero drops
//
// The page cache cannot flatter anyone: every clock stops after the final fdatasync (finish() syncs and
// renames), every variant starts after sync() with no file, and the default run writes 4 GiB per variant,
// as much as the dirty-page limit lets the cache hold on a 24 GiB machine (vm.dirty_ratio 20 %); --frames 4096
// makes the throttled steady state dominate. Variants are interleaved per round so drift in the disk affects
// all alike, and the median of the rounds is shown; every file is deleted afterwards.
//
// usage: bench_recording [--frames N] [--dir DIR] [--rounds R] [--rate-seconds S] [--no-sweep] [--only TEXT]
//   --only TEXT runs the raw baselines and the writer variants whose name contains TEXT ("none", "1 s")
#include "core/acquisition/recorder.h"
#include "core/acquisition/recordingwriter.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr int side = 1024;
constexpr std::size_t framePixels = std::size_t(side) * side;
constexpr std::size_t frameBytes = framePixels * sizeof(std::uint16_t);
constexpr int distinctFrames = 64;
using Clock = std::chrono::steady_clock;
using Frames = std::vector<std::vector<std::uint16_t>>;
using Chunks = std::vector<std::vector<std::uint8_t>>;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

Frames makeFrames()
{
    // A smooth, vignetted cortex-like baseline around 2000–3000 counts with a slow per-frame drift, plus
    // shot noise (Gaussian with the Poisson variance; exact Poisson draws would take most of a minute),
    // clipped to 12 bits. Real noise matters: it is what keeps blosc and gzip from compressing much.
    std::vector<float> baseline(framePixels);
    for (int y = 0; y < side; ++y)
        for (int x = 0; x < side; ++x) {
            const double u = (x - side / 2.0) / side, v = (y - side / 2.0) / side;
            baseline[std::size_t(y) * side + x] =
                float(2900 - 1600 * (u * u + v * v) + 150 * std::sin(x * 0.031) * std::cos(y * 0.027));
        }
    std::mt19937 random(7);
    std::normal_distribution<float> unit(0, 1);
    Frames frames(distinctFrames, std::vector<std::uint16_t>(framePixels));
    for (int f = 0; f < distinctFrames; ++f) {
        const float drift = float(1 + 0.01 * std::sin(f * 0.2));
        for (std::size_t i = 0; i < framePixels; ++i) {
            const float mean = baseline[i] * drift;
            frames[f][i] = std::uint16_t(std::clamp(std::lround(mean + std::sqrt(mean) * unit(random)), 0L, 4095L));
        }
    }
    return frames;
}

struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> values)
{
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    const auto at = [&](double q) {
        return values[std::min(values.size() - 1, std::size_t(q * double(values.size())))];
    };
    return {at(0.5), at(0.99), values.back()};
}

struct Run {
    double seconds = 0;
    std::uint64_t storedBytes = 0;
    std::vector<double> frameUs;  // each write() or writeFrame()
    std::vector<double> syncUs;   // each fdatasync or checkpoint() during the run
};

void writeAll(int descriptor, const void *data, std::size_t size)
{
    const auto *bytes = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t written = ::write(descriptor, bytes, size);
        if (written < 0) {
            std::perror("write");
            std::exit(1);
        }
        bytes += written;
        size -= std::size_t(written);
    }
}

// Every variant starts from no file and nothing left to write back: the blocks freed by deleting a file are
// discarded (ext4 mounted with `discard`) at the next journal commit, and that must not land in someone
// else's timing.
void clearAndSettle(const std::filesystem::path &path)
{
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + ".partial");
    ::sync();
}

Run rawWrite(const std::filesystem::path &path, const Frames &frames, int count, bool syncEverySecond)
{
    clearAndSettle(path);
    Run run;
    const auto start = Clock::now();
    const int descriptor = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
    if (descriptor < 0) {
        std::perror(path.c_str());
        std::exit(1);
    }
    auto lastSync = start;
    for (int i = 0; i < count; ++i) {
        const auto before = Clock::now();
        writeAll(descriptor, frames[std::size_t(i) % frames.size()].data(), frameBytes);
        const auto after = Clock::now();
        run.frameUs.push_back(std::chrono::duration<double, std::micro>(after - before).count());
        if (syncEverySecond && after - lastSync >= std::chrono::seconds(1)) {
            ::fdatasync(descriptor);
            lastSync = Clock::now();
            run.syncUs.push_back(std::chrono::duration<double, std::micro>(lastSync - after).count());
        }
    }
    ::fdatasync(descriptor);
    ::close(descriptor);
    run.seconds = secondsSince(start);
    run.storedBytes = std::uint64_t(count) * frameBytes;
    return run;
}

Run writerWrite(const std::filesystem::path &path, acq::Compression compression, const Chunks &chunks, int count,
                bool checkpointEverySecond)
{
    clearAndSettle(path);
    acq::RecordingLayout layout;
    layout.width = side;
    layout.height = side;
    layout.compression = compression;
    layout.plannedFrames = std::uint64_t(count);
    Run run;
    const auto start = Clock::now();
    acq::RecordingWriter writer(path, layout);
    auto lastCheckpoint = start;
    for (int i = 0; i < count; ++i) {
        const acq::FrameInfo info{std::uint64_t(i), std::int64_t(i) * 1'000'000, acq::hostNowNs()};
        const auto before = Clock::now();
        writer.writeFrame(chunks[std::size_t(i) % chunks.size()], info);
        const auto after = Clock::now();
        run.frameUs.push_back(std::chrono::duration<double, std::micro>(after - before).count());
        if (checkpointEverySecond && after - lastCheckpoint >= std::chrono::seconds(1)) {
            writer.checkpoint(acq::hostNowNs());
            lastCheckpoint = Clock::now();
            run.syncUs.push_back(std::chrono::duration<double, std::micro>(lastCheckpoint - after).count());
        }
    }
    writer.finish("benchmark", acq::hostNowNs());
    run.seconds = secondsSince(start);
    run.storedBytes = writer.bytesWritten();
    std::filesystem::remove(path);
    return run;
}

// The uncompressed writer and the raw write side by side, frame by frame: each frame goes to the raw file,
// then to the recording, each timed on its own, and each syncs every second and at the end (timed too). Both
// see the same disk at the same moment, so the ratio does not depend on what the disk was doing before,
// which on a shared virtual disk swings the separate runs above by a factor of two.
std::pair<double, double> interleavedSeconds(const std::filesystem::path &dir, const Frames &frames,
                                             const Chunks &chunks, int count)
{
    const auto rawPath = dir / "interleaved.bin", recordingPath = dir / "interleaved.h5";
    clearAndSettle(rawPath);
    clearAndSettle(recordingPath);
    double rawSeconds = 0, writerSeconds = 0;
    const auto timed = [](double &total, auto &&work) {
        const auto before = Clock::now();
        work();
        total += secondsSince(before);
    };
    int descriptor = -1;
    timed(rawSeconds, [&] { descriptor = ::open(rawPath.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644); });
    if (descriptor < 0) {
        std::perror(rawPath.c_str());
        std::exit(1);
    }
    acq::RecordingLayout layout;
    layout.width = side;
    layout.height = side;
    std::optional<acq::RecordingWriter> writer;
    timed(writerSeconds, [&] { writer.emplace(recordingPath, layout); });
    auto lastSync = Clock::now();
    for (int i = 0; i < count; ++i) {
        timed(rawSeconds, [&] { writeAll(descriptor, frames[std::size_t(i) % frames.size()].data(), frameBytes); });
        const acq::FrameInfo info{std::uint64_t(i), std::int64_t(i) * 1'000'000, acq::hostNowNs()};
        timed(writerSeconds, [&] { writer->writeFrame(chunks[std::size_t(i) % chunks.size()], info); });
        if (Clock::now() - lastSync >= std::chrono::seconds(1)) {
            timed(rawSeconds, [&] { ::fdatasync(descriptor); });
            timed(writerSeconds, [&] { writer->checkpoint(acq::hostNowNs()); });
            lastSync = Clock::now();
        }
    }
    timed(rawSeconds, [&] {
        ::fdatasync(descriptor);
        ::close(descriptor);
    });
    timed(writerSeconds, [&] { writer->finish("benchmark", acq::hostNowNs()); });
    std::filesystem::remove(rawPath);
    std::filesystem::remove(recordingPath);
    return {rawSeconds, writerSeconds};
}

Chunks encodeAll(acq::Compression compression, const Frames &frames, double &encodeSecondsPerFrame)
{
    Chunks chunks;
    std::vector<std::uint8_t> out(acq::maxEncodedSize(compression, frameBytes)), scratch(frameBytes);
    const auto start = Clock::now();
    for (const auto &frame : frames) {
        const std::size_t size = acq::encodeFrame(compression, frame, out, scratch);
        chunks.emplace_back(out.begin(), out.begin() + std::ptrdiff_t(size));
    }
    encodeSecondsPerFrame = secondsSince(start) / double(frames.size());
    return chunks;
}

// Hands out the prepared frames at a fixed rate, as a free-running camera would: a late grab() gets the
// frames that are due at once, so a slow consumer shows up as drops in the Recorder, never in the camera.
class BenchCamera final : public acq::Camera {
public:
    explicit BenchCamera(const Frames &frames) : m_frames(frames) {}

    acq::CameraDescription description() const override { return {"bench", "macroscope", "bench", "0", 12}; }
    void configure(const acq::CameraSettings &settings) override { m_settings = settings; }
    acq::CameraSettings settings() const override { return m_settings; }
    void start() override
    {
        m_next = Clock::now();
        m_id = 0;
    }
    void stop() override {}
    std::optional<acq::FrameInfo> grab(std::span<std::uint16_t> pixels, std::chrono::milliseconds timeout) override
    {
        if (m_next - Clock::now() > timeout) {
            std::this_thread::sleep_for(timeout);
            return std::nullopt;
        }
        std::this_thread::sleep_until(m_next);
        const auto &frame = m_frames[m_id % m_frames.size()];
        std::copy(frame.begin(), frame.end(), pixels.begin());
        const std::int64_t now = acq::hostNowNs();
        m_next += std::chrono::nanoseconds(std::int64_t(1e9 / m_settings.frameRateHz));
        return acq::FrameInfo{m_id++, now, now};
    }

private:
    const Frames &m_frames;
    acq::CameraSettings m_settings;
    Clock::time_point m_next;
    std::uint64_t m_id = 0;
};

struct RateResult {
    bool sustained = false;
    std::uint64_t dropped = 0, highWater = 0, capacity = 0;
};

RateResult recordAt(const std::filesystem::path &path, const Frames &frames, acq::Compression compression,
                    double fps, double seconds)
{
    clearAndSettle(path);
    BenchCamera camera(frames);
    camera.configure({.width = side, .height = side, .frameRateHz = fps});
    acq::RecordingPlan plan;
    plan.target = path;
    plan.session = {{"animal_id", "benchmark"}, {"operator", "benchmark"}};
    plan.compression = compression;
    plan.seconds = seconds;
    nlohmann::json summary;
    {
        acq::Recorder recorder(camera, plan);
        recorder.start();
        recorder.wait();
        summary = recorder.summary();
    }
    std::filesystem::remove(path);
    std::filesystem::remove(path.string() + ".partial");
    RateResult result;
    result.dropped = summary["dropped"];
    result.highWater = summary["buffer_high_water"];
    result.capacity = summary["buffer_capacity"];
    // A ring more than half full was still filling: a longer run at this rate would drop.
    result.sustained = result.dropped == 0 && summary["complete"] && result.highWater * 2 <= result.capacity;
    return result;
}

double maxSustainedFps(const std::filesystem::path &path, const Frames &frames, acq::Compression compression,
                       double seconds)
{
    const auto attempt = [&](double fps) {
        const RateResult r = recordAt(path, frames, compression, fps, seconds);
        std::printf("  %-6s %7.0f fps %8.1f MB/s  dropped %6llu  ring high water %4llu/%llu  %s\n",
                    std::string(acq::compressionName(compression)).c_str(), fps, fps * double(frameBytes) / 1e6,
                    static_cast<unsigned long long>(r.dropped), static_cast<unsigned long long>(r.highWater),
                    static_cast<unsigned long long>(r.capacity), r.sustained ? "ok" : "NOT SUSTAINED");
        std::fflush(stdout);
        return r.sustained;
    };
    // Doubling to the first failure, then three bisection steps between the last success (or 0) and it.
    double good = 0, bad = 0;
    for (double fps = 15; fps <= 3840; fps *= 2) {
        if (!attempt(fps)) {
            bad = fps;
            break;
        }
        good = fps;
    }
    if (bad == 0)
        return good;
    for (int step = 0; step < 3; ++step) {
        const double middle = std::round((good + bad) / 2);
        if (middle == good || middle == bad)
            break;
        (attempt(middle) ? good : bad) = middle;
    }
    return good;
}

std::uint64_t freeBytes(const std::filesystem::path &dir)
{
    return std::filesystem::space(dir).available;
}

} // namespace

int main(int argc, char **argv)
{
    int count = 2048, rounds = 3;
    double rateSeconds = 10;
    bool sweep = true;
    std::string only;
    std::filesystem::path dir = std::filesystem::temp_directory_path();
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--no-sweep")
            sweep = false;
        else if (i + 1 >= argc) {
            std::fprintf(stderr, "%s needs a value\n", flag.c_str());
            return 2;
        } else if (flag == "--frames")
            count = std::stoi(argv[++i]);
        else if (flag == "--dir")
            dir = argv[++i];
        else if (flag == "--rounds")
            rounds = std::stoi(argv[++i]);
        else if (flag == "--rate-seconds")
            rateSeconds = std::stod(argv[++i]);
        else if (flag == "--only")
            only = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_recording [--frames N] [--dir DIR] [--rounds R] [--rate-seconds S] "
                                 "[--no-sweep] [--only TEXT]\n");
            return 2;
        }
    }
    dir /= "macroscope-bench-recording-" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    // One variant's file exists at a time; the rate sweep's longest run is bounded the same way.
    const std::uint64_t needed = std::uint64_t(count) * frameBytes + (1ull << 30);
    if (freeBytes(dir) < needed) {
        std::fprintf(stderr, "%s: %llu MiB free, the run needs %llu MiB; pass a smaller --frames\n", dir.c_str(),
                     static_cast<unsigned long long>(freeBytes(dir) >> 20),
                     static_cast<unsigned long long>(needed >> 20));
        std::filesystem::remove_all(dir);
        return 1;
    }

    const Frames frames = makeFrames();
    Chunks raw;
    for (const auto &frame : frames) {
        const auto *bytes = reinterpret_cast<const std::uint8_t *>(frame.data());
        raw.emplace_back(bytes, bytes + frameBytes);
    }
    double bloscEncode = 0, gzipEncode = 0;
    const Chunks blosc = encodeAll(acq::Compression::Blosc, frames, bloscEncode);
    const Chunks gzip = encodeAll(acq::Compression::Gzip, frames, gzipEncode);
    const auto storedRatio = [](const Chunks &chunks) {
        double total = 0;
        for (const auto &chunk : chunks)
            total += double(chunk.size());
        return total / (double(chunks.size()) * double(frameBytes));
    };

    struct Variant {
        std::string name;
        std::function<Run()> run;
    };
    const auto file = dir / "bench.h5";
    using acq::Compression;
    std::vector<Variant> variants = {
        {"raw write, fdatasync at end", [&] { return rawWrite(dir / "bench.bin", frames, count, false); }},
        {"writer none, sync at finish", [&] { return writerWrite(file, Compression::None, raw, count, false); }},
        {"raw write, fdatasync every 1 s", [&] { return rawWrite(dir / "bench.bin", frames, count, true); }},
        {"writer none, checkpoint 1 s", [&] { return writerWrite(file, Compression::None, raw, count, true); }},
        {"writer blosc, checkpoint 1 s", [&] { return writerWrite(file, Compression::Blosc, blosc, count, true); }},
        {"writer gzip, checkpoint 1 s", [&] { return writerWrite(file, Compression::Gzip, gzip, count, true); }},
        {"writer blosc, sync at finish", [&] { return writerWrite(file, Compression::Blosc, blosc, count, false); }},
        {"writer gzip, sync at finish", [&] { return writerWrite(file, Compression::Gzip, gzip, count, false); }},
    };
    std::erase_if(variants, [&](const Variant &v) {
        return v.name.starts_with("writer") && v.name.find(only) == std::string::npos;
    });
    std::map<std::string, std::vector<Run>> runs;
    for (int round = 0; round < rounds; ++round)
        for (const Variant &variant : variants) {
            runs[variant.name].push_back(variant.run());
            std::fprintf(stderr, "round %d %-32s %6.2f s\n", round + 1, variant.name.c_str(),
                         runs[variant.name].back().seconds);
        }
    std::filesystem::remove(dir / "bench.bin");

    const double megabytes = double(count) * double(frameBytes) / 1e6;
    double load[3] = {0, 0, 0};
    ::getloadavg(load, 3);
    std::printf("frames %d x %dx%d uint16 12-bit shot noise (%.0f MB per variant; %d distinct frames cycled), "
                "%d rounds, median; dir %s; %u cores, load average %.1f %.1f %.1f\n",
                count, side, side, megabytes, distinctFrames, rounds, dir.parent_path().c_str(),
                std::thread::hardware_concurrency(), load[0], load[1], load[2]);
    std::printf("stored/raw size: blosc %.3f, gzip %.3f; encoding on one thread: blosc %.0f MB/s, gzip %.0f MB/s "
                "(the Recorder runs %u encoder thread(s) here)\n",
                storedRatio(blosc), storedRatio(gzip), double(frameBytes) / bloscEncode / 1e6,
                double(frameBytes) / gzipEncode / 1e6, std::max(2u, std::thread::hardware_concurrency()) - 1);
    std::printf("\n%-32s %9s %9s %7s %9s %9s %9s %10s %10s\n", "variant", "frame MB/s", "disk MB/s", "ratio",
                "p50 us", "p99 us", "max us", "sync p50ms", "sync maxms");
    const auto medianRun = [&](const std::string &name) {
        std::vector<Run> sorted = runs[name];
        std::sort(sorted.begin(), sorted.end(), [](const Run &a, const Run &b) { return a.seconds < b.seconds; });
        return sorted[sorted.size() / 2];
    };
    const Run rawEnd = medianRun("raw write, fdatasync at end");
    const Run rawEverySecond = medianRun("raw write, fdatasync every 1 s");
    for (const Variant &variant : variants) {
        const Run run = medianRun(variant.name);
        // Each writer is compared with the raw write that syncs the way it does.
        const bool everySecond = variant.name.find("1 s") != std::string::npos;
        const double baseline = megabytes / (everySecond ? rawEverySecond : rawEnd).seconds;
        const Percentiles frame = percentiles(run.frameUs), sync = percentiles(run.syncUs);
        std::printf("%-32s %9.1f %9.1f %7.3f %9.0f %9.0f %9.0f %10.1f %10.1f\n", variant.name.c_str(),
                    megabytes / run.seconds, double(run.storedBytes) / 1e6 / run.seconds,
                    megabytes / run.seconds / baseline, frame.p50, frame.p99, frame.max, sync.p50 / 1e3,
                    sync.max / 1e3);
    }
    std::printf("(frame MB/s counts uncompressed frame bytes; ratio is against the raw write syncing alike)\n");

    const auto [rawSeconds, writerSeconds] = interleavedSeconds(dir, frames, raw, count);
    std::printf("\ninterleaved frame by frame, both syncing every 1 s and at the end: raw write %.1f MB/s, "
                "writer none %.1f MB/s, ratio %.3f\n",
                megabytes / rawSeconds, megabytes / writerSeconds, rawSeconds / writerSeconds);
    std::fflush(stdout);

    if (sweep) {
        std::printf("\nfull Recorder, fixed-rate camera, %.0f s per rate, ring of 3 s:\n", rateSeconds);
        std::fflush(stdout);
        std::map<std::string, double> best;
        for (const acq::Compression compression : {acq::Compression::None, acq::Compression::Blosc,
                                                   acq::Compression::Gzip})
            best[std::string(acq::compressionName(compression))] =
                maxSustainedFps(dir / "bench_rec.h5", frames, compression, rateSeconds);
        for (const auto &[name, fps] : best)
            std::printf("max zero-drop rate, %-6s %7.0f fps (%7.1f MB/s of frames)\n", name.c_str(), fps,
                        fps * double(frameBytes) / 1e6);
    }
    std::filesystem::remove_all(dir);
    return 0;
}
