// Retinotopy analysis throughput against reading the same frames alone, in the same run.
//
//   bench_retinotopy [REC.h5] [rounds]
//
// REC.h5 is a recording with a stimulus (default: macroscope-demo/recording.h5, which `macroscope-cli demo`
// writes). Each round reads every frame in the analysis's blocks (the baseline), then runs the whole
// analysis (phase maps, positions, segmentation; nothing stored or reused); both meet the same page cache,
// warm after the first round. Prints frames/s of each, median over the rounds, and their ratio.

#include "core/acquisition/recordinglayout.h"
#include "core/h5/file.h"
#include "core/h5/group.h"
#include "core/retinotopy/recordinganalysis.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

namespace {

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

// Reads every frame, 16 at a time, and touches each value so that nothing is optimised away.
std::uint64_t readAll(const std::string &path, std::uint64_t &checksum)
{
    const h5::File file = h5::File::open(path);
    const h5::Dataset frames = file.root().dataset(acq::layout::Frames);
    const h5::Shape shape = frames.shape();
    for (std::uint64_t first = 0; first < shape[0]; first += 16) {
        const std::uint64_t count = std::min<std::uint64_t>(16, shape[0] - first);
        for (std::uint16_t value : frames.read<std::uint16_t>({first, 0, 0}, {count, shape[1], shape[2]}))
            checksum += value;
    }
    return shape[0];
}

} // namespace

int main(int argc, char **argv)
{
    const std::string path = argc > 1 ? argv[1] : "macroscope-demo/recording.h5";
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
    try {
        std::vector<double> readRates, analysisRates;
        std::uint64_t checksum = 0, frames = 0;
        double analysisSeconds = 0;
        for (int round = 0; round < rounds; ++round) {
            auto start = std::chrono::steady_clock::now();
            frames = readAll(path, checksum);
            readRates.push_back(double(frames) / seconds(start));
            start = std::chrono::steady_clock::now();
            const retino::RetinotopyResult result = retino::computeRetinotopy(path, retino::AnalysisParameters());
            analysisSeconds = seconds(start);
            analysisRates.push_back(double(frames) / analysisSeconds);
            std::printf("round %d: read %.0f frames/s, analysis %.0f frames/s (%zu areas)\n", round + 1,
                        readRates.back(), analysisRates.back(), result.segmentation.patches.size());
        }
        const double read = median(readRates), analysis = median(analysisRates);
        std::printf("%s: %llu frames (checksum %llu)\n", path.c_str(), static_cast<unsigned long long>(frames),
                    static_cast<unsigned long long>(checksum % 1000));
        std::printf("read alone        %8.0f frames/s   1.000\n", read);
        std::printf("whole analysis    %8.0f frames/s   %.3f  (last round %.2f s)\n", analysis, analysis / read,
                    analysisSeconds);
    } catch (const std::exception &error) {
        std::fprintf(stderr, "bench_retinotopy: %s\n", error.what());
        return 1;
    }
    return 0;
}
