#pragma once

#include "core/retinotopy/analysisparameters.h"
#include "core/retinotopy/areasegmentation.h"
#include "core/retinotopy/retinotopymaps.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>

namespace retino {

struct AnalysisProgress {
    std::function<void(double fraction, const std::string &stage)> report; // from the analysing thread
    std::stop_token stop;                                                 // core::Error("cancelled") when requested
};

struct RetinotopyResult {
    RetinotopyMaps maps;
    Segmentation segmentation;
    std::optional<SegmentationParameters> segmentationParameters; // as segmented, in pixels
    std::string key;                  // SHA-256 of the input's identity, the parameters and the analysis version
    bool reused = false;              // read back from an earlier identical analysis
    std::filesystem::path resultFile; // NAME.retinotopy.h5 beside the recording
    std::string resultPath;           // /analysis/retinotopy/<key>
    double seconds = 0;               // spent computing (0 when reused)
};

// Analyses a complete recording (stimulus log and frames): per-direction F1 maps, positions and delays,
// response mask, sign map and areas. Frames stream through in blocks; nothing holds the whole stack. The result
// is stored under /analysis/retinotopy/<key> in NAME.retinotopy.h5 beside the recording (which is never
// written to), and an analysis with the same key is read back instead of computed again.
// Throws core::Error naming the file on unusable input.
RetinotopyResult analyzeRecording(const std::filesystem::path &recording, const AnalysisParameters &parameters,
                                  const AnalysisProgress &progress = {});

// The analysis alone: nothing is looked up or stored (what the benchmark times).
RetinotopyResult computeRetinotopy(const std::filesystem::path &recording, const AnalysisParameters &parameters,
                                   const AnalysisProgress &progress = {});

// The newest stored analysis of a recording (in its NAME.retinotopy.h5); none if it was never analysed.
std::optional<RetinotopyResult> latestAnalysis(const std::filesystem::path &recording);

} // namespace retino
