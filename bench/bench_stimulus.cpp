// Stimulus generation at the display's size and rate, as ratios against quantities from the same run:
//   generation frames/s ÷ the display's refresh rate (> 1: frames are made faster than they are shown)
//   reuse time (verify + open an existing library file) ÷ generation time
//
// usage: bench_stimulus [--width W] [--height H] [--sweeps N] [--dir DIR]
#include "core/stimulus/stimuluslibrary.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

int main(int argc, char **argv)
{
    int width = 1920, height = 1080, sweeps = 10;
    std::filesystem::path dir = std::filesystem::current_path() / "bench-stimulus-library";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--width")
            width = std::stoi(argv[i + 1]);
        else if (flag == "--height")
            height = std::stoi(argv[i + 1]);
        else if (flag == "--sweeps")
            sweeps = std::stoi(argv[i + 1]);
        else if (flag == "--dir")
            dir = argv[i + 1];
    }
    std::filesystem::remove_all(dir);
    const auto parameters = stimulus::StimulusParameters::fromJson(
        {{"monitor", {{"width_px", width}, {"height_px", height}}}, {"sweeps_per_direction", sweeps}}, "bench");
    stimulus::StimulusLibrary library(dir);

    const auto generated = library.obtain(parameters);
    const auto reused = library.obtain(parameters);
    const double rate = static_cast<double>(generated.uniqueFrames) / generated.seconds;
    std::printf("stimulus %dx%d, %d sweeps x %zu directions at %.0f Hz: %llu unique frames, %llu displayed, %.1f MiB\n",
                width, height, sweeps, parameters.directions.size(), parameters.monitor.refreshHz,
                static_cast<unsigned long long>(generated.uniqueFrames),
                static_cast<unsigned long long>(generated.displayFrames),
                static_cast<double>(std::filesystem::file_size(generated.path)) / (1024.0 * 1024.0));
    std::printf("generation            %8.2f s   %8.1f frames/s\n", generated.seconds, rate);
    std::printf("reuse (verify + open) %8.2f s\n", reused.seconds);
    std::printf("ratio generation rate / display rate   %8.3f\n", rate / parameters.monitor.refreshHz);
    std::printf("ratio reuse time / generation time     %8.3f\n", reused.seconds / generated.seconds);
    std::filesystem::remove_all(dir);
    return reused.reused ? 0 : 1;
}
