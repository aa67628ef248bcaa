// Visual-area segmentation (retino::segmentAreas) of the Allen Institute's 450×450 example maps with the
// parameters of its notebook, against the reference implementation's time for the same job:
//   reference time ÷ our median time (> 1: faster than the reference)
// The reference (zhuangjun1981/retinotopic_mapping, RetinotopicMappingTrial.processTrial in Python) takes
// about 2.6 s for it; pass a time measured on this machine to compare against that instead.
//
// usage: bench_segmentation [--runs N] [--reference-seconds S] [--data DIR]
//        (DIR holds example_altitude_map.tif and example_azimuth_map.tif; default: the shared data folder)
#include "core/retinotopy/areasegmentation.h"
#include "core/retinotopy/mapfile.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char **argv)
{
    int runs = 11;
    double referenceSeconds = 2.6;
    std::string data = MACROSCOPE_SHARED_DATA_DIR "/isi/allen_example";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (flag == "--reference-seconds")
            referenceSeconds = std::atof(argv[i + 1]);
        else if (flag == "--data")
            data = argv[i + 1];
    }
    const cv::Mat altitude = retino::readMap(data + "/example_altitude_map.tif");
    const cv::Mat azimuth = retino::readMap(data + "/example_azimuth_map.tif");
    const auto parameters = retino::SegmentationParameters::fromJson(
        {{"phaseMapFilterSigma", 0.5}, {"signMapFilterSigma", 8.0}, {"signMapThr", 0.4}, {"eccMapFilterSigma", 15.0},
         {"splitLocalMinCutStep", 5.0}, {"closeIter", 3}, {"openIter", 3}, {"dilationIter", 15}, {"borderWidth", 1},
         {"smallPatchThr", 100}, {"visualSpacePixelSize", 0.5}, {"visualSpaceCloseIter", 15},
         {"splitOverlapThr", 1.1}, {"mergeOverlapThr", 0.1}},
        std::nan(""));

    std::vector<double> seconds;
    retino::Segmentation result;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        result = retino::segmentAreas(altitude, azimuth, parameters);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds[seconds.size() / 2];
    std::printf("segmentation %dx%d: %d raw patches, %zu patches\n", altitude.cols, altitude.rows, result.rawPatchCount,
                result.patches.size());
    std::printf("segmentAreas          median %8.3f s   (min %.3f s, max %.3f s, %d runs)\n", median, seconds.front(),
                seconds.back(), runs);
    std::printf("reference (Python)           %8.3f s\n", referenceSeconds);
    std::printf("ratio reference time / our time   %8.1f\n", referenceSeconds / median);
    return 0;
}
