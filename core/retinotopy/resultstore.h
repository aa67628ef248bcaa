#pragma once

#include "core/retinotopy/recordinganalysis.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace h5 {
class Group;
}

namespace retino {

// Layout "macroscope.retinotopy" 1.0 of one stored analysis, /analysis/retinotopy/<key> (docs/formats.md,
// schemas/retinotopy-result.schema.json): float32 maps azimuth_deg, altitude_deg, *_magnitude, *_power,
// *_delay_s, mean_frame; uint8 response_mask; direction_f1/<LR|RL|TB|BT> float32 (rows, cols, 2);
// segmentation/{sign_map, sign_map_filtered, sign_map_thresholded, eccentricity_map, labels, borders, patches}.
// `complete` is set last: a group without it is an interrupted write and is never read back.
inline constexpr const char *ResultsGroup = "/analysis/retinotopy";
inline constexpr const char *ResultFormat = "macroscope.retinotopy";
inline constexpr const char *ResultFormatVersion = "1.0";

struct ResultIdentity {
    std::string key;
    std::string inputSha256;
    nlohmann::json parameters; // as analysed, segmentation settings resolved
};

void writeResult(const h5::Group &results, const ResultIdentity &identity, const RetinotopyResult &result);
// The stored analysis `key` under `results`; none when absent or incomplete.
std::optional<RetinotopyResult> readResult(const h5::Group &results, const std::string &key);
// The complete analyses under `results`, newest first.
std::vector<std::string> completeResults(const h5::Group &results);

} // namespace retino
