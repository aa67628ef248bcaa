#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <vector>

namespace acq {

// Turns a crashed recording's NAME.h5.partial into a valid NAME.h5 holding every frame that was
// checkpointed before the crash (a frame counts once its timestamps are in the file), marked complete and
// recovered (recovered = true, recovered_from, stop_reason "recovered after a crash").
//
// The partial file is only ever opened read-only (as an SWMR reader, which HDF5 allows on a file whose
// writer died): the result is built as a copy, written as NAME.h5.recovering and renamed when done. Nothing
// is decompressed: chunks are copied as stored. Refuses when NAME.h5 already exists, or while a recorder
// still holds the .partial (its lock). Returns the summary
// printed by `macroscope-cli recover` (path, frames, dropped, recovered_from). Throws core::Error naming the
// file when it is not a recording or cannot be read at all.
nlohmann::json recoverRecording(const std::filesystem::path &partial,
                                const std::optional<std::filesystem::path> &target = std::nullopt);

// The NAME.h5.partial files in `folder` that still await recovery, by name: no NAME.h5 beside them (recovery
// leaves the .partial as it was) and no recorder holding them. A missing or unreadable folder has none.
std::vector<std::filesystem::path> partialRecordingsIn(const std::filesystem::path &folder);

} // namespace acq
