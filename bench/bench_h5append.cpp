// Sustained write rate of 1024×1024 uint16 frames appended one chunk per frame through core/h5
// (h5::OutputFile + Dataset::append, closed and committed), against a raw write() of the same bytes followed
// by fdatasync, in the same run. The clock stops after the final sync in both cases, so the page cache cannot
// flatter either side.
//
// usage: bench_h5append [--frames N] [--dir DIR] [--rounds R]
#include "core/h5/dataset.h"
#include "core/h5/outputfile.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr std::uint64_t side = 1024;
using Clock = std::chrono::steady_clock;

std::vector<std::vector<std::uint16_t>> makeFrames()
{
    // Shot-noise images around a 12-bit mean; a handful cycled so generation stays out of the timing.
    std::mt19937 random(7);
    std::vector<std::vector<std::uint16_t>> frames(8, std::vector<std::uint16_t>(side * side));
    for (auto &frame : frames) {
        std::poisson_distribution<int> photons(2000);
        for (auto &pixel : frame)
            pixel = static_cast<std::uint16_t>(std::min(photons(random), 4095));
    }
    return frames;
}

double rawWrite(const std::filesystem::path &path, const std::vector<std::vector<std::uint16_t>> &frames, int count)
{
    // Both sides start from no file: truncating the previous round's file would charge block deallocation
    // to the raw side only.
    std::filesystem::remove(path);
    const auto start = Clock::now();
    const int descriptor = ::open(path.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
    if (descriptor < 0) {
        std::perror(path.c_str());
        std::exit(1);
    }
    for (int i = 0; i < count; ++i) {
        const auto &frame = frames[static_cast<std::size_t>(i) % frames.size()];
        const auto *bytes = reinterpret_cast<const char *>(frame.data());
        std::size_t left = frame.size() * sizeof(std::uint16_t);
        while (left > 0) {
            const ssize_t written = ::write(descriptor, bytes, left);
            if (written < 0) {
                std::perror("write");
                std::exit(1);
            }
            bytes += written;
            left -= static_cast<std::size_t>(written);
        }
    }
    ::fdatasync(descriptor);
    ::close(descriptor);
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double h5Write(const std::filesystem::path &path, const std::vector<std::vector<std::uint16_t>> &frames, int count)
{
    std::filesystem::remove(path);
    std::filesystem::remove(files::partialPathFor(path));
    const auto start = Clock::now();
    h5::OutputFile file(path, "macroscope.bench", "1.0");
    {
        h5::DatasetOptions options;
        options.maxShape = {h5::Unlimited, side, side};
        options.chunk = {1, side, side};
        options.fill = false;
        const auto dataset = file.root().createDataset<std::uint16_t>("frames", {0, side, side}, options);
        for (int i = 0; i < count; ++i)
            dataset.append<std::uint16_t>(frames[static_cast<std::size_t>(i) % frames.size()]);
    }
    file.commit();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    int count = 400, rounds = 3;
    std::filesystem::path dir = std::filesystem::current_path();
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--frames")
            count = std::stoi(argv[i + 1]);
        else if (flag == "--dir")
            dir = argv[i + 1];
        else if (flag == "--rounds")
            rounds = std::stoi(argv[i + 1]);
    }
    const auto frames = makeFrames();
    const double megabytes = static_cast<double>(count) * side * side * sizeof(std::uint16_t) / 1e6;
    std::vector<double> raw, hdf5;
    for (int round = 0; round < rounds; ++round) { // interleaved, so drift in the disk affects both alike
        raw.push_back(rawWrite(dir / "bench_raw.bin", frames, count));
        hdf5.push_back(h5Write(dir / "bench_h5.h5", frames, count));
    }
    std::filesystem::remove(dir / "bench_raw.bin");
    std::filesystem::remove(dir / "bench_h5.h5");
    std::sort(raw.begin(), raw.end());
    std::sort(hdf5.begin(), hdf5.end());
    const double rawRate = megabytes / raw[raw.size() / 2], h5Rate = megabytes / hdf5[hdf5.size() / 2];
    std::printf("frames %d x %llux%llu uint16 (%.0f MB), %d rounds, median\n", count,
                static_cast<unsigned long long>(side), static_cast<unsigned long long>(side), megabytes, rounds);
    std::printf("raw write()+fdatasync   %8.1f MB/s\n", rawRate);
    std::printf("core/h5 append+commit   %8.1f MB/s\n", h5Rate);
    std::printf("ratio h5/raw            %8.3f\n", h5Rate / rawRate);
    return 0;
}
