#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace acq {

// What `macroscope-cli verify` finds in a recording: the problems (none when it is a complete, consistent
// recording) and a summary of what it holds.
struct RecordingCheck {
    std::vector<std::string> problems;
    nlohmann::json summary;  // path, complete, recovered, frames, dropped, width, height, compression, ...

    bool ok() const { return problems.empty(); }
};

// Checks the root attributes against schemas/recording.schema.json and the session against
// schemas/session.schema.json, that the file is complete, that every per-frame dataset has one entry per
// frame, that frame ids increase and timestamps never go back, and the stimulus log's order. Never throws
// for a bad file: what is wrong is a problem, named.
RecordingCheck checkRecording(const std::filesystem::path &path);

} // namespace acq
