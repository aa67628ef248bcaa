#pragma once

#include "core/acquisition/camera.h"
#include "core/acquisition/framecompression.h"
#include "core/acquisition/stimulustimeline.h"
#include "core/files/atomicfile.h"
#include "core/h5/file.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace acq {

// The stimulus a recording was made with: its identity in the library and what was shown.
struct RecordingStimulus {
    std::filesystem::path libraryFile;  // the stimulus file, <sha256>.h5 in the library
    std::shared_ptr<const StimulusTimeline> timeline;
};

// Everything fixed before the first frame: every dataset and attribute is created from this, because a
// file in SWMR-write mode admits no new objects.
struct RecordingLayout {
    int width = 0;
    int height = 0;
    Compression compression = Compression::None;
    const Camera *camera = nullptr;            // description, settings and its own data (ground truth)
    std::vector<StatusReading> statusChannels; // the channels recorded, with their units
    nlohmann::json session = nlohmann::json::object();  // validated session metadata
    std::optional<RecordingStimulus> stimulus;
    std::optional<std::uint64_t> plannedFrames;
    std::optional<double> plannedSeconds;
};

// A recording file being written, NAME.h5.partial in SWMR-write mode until finish() renames it NAME.h5.
//
// Frames are written one chunk each, already encoded, with H5Dwrite_chunk. Their ids and timestamps, the
// dropped-frame records, status readings and the stimulus presentation log are kept in memory and appended
// in blocks by checkpoint(), which then flushes and fdatasyncs: what a crash can lose is what came after
// the last checkpoint. A frame counts as recorded once its timestamps are in the file (`recover` keeps the
// frames that have them). Not thread-safe: one writer thread.
class RecordingWriter {
public:
    // Creates TARGET.partial with every dataset and starts SWMR writing. Throws core::Error (or h5::Error)
    // naming the file.
    RecordingWriter(const std::filesystem::path &target, const RecordingLayout &layout);
    ~RecordingWriter();

    const std::filesystem::path &partialPath() const;
    const std::filesystem::path &target() const;

    void writeFrame(std::span<const std::uint8_t> chunk, const FrameInfo &info);
    void addDropped(const FrameInfo &info);
    // `channel` indexes RecordingLayout::statusChannels.
    void addStatus(std::size_t channel, std::int64_t hostNs, double value);

    std::uint64_t framesWritten() const { return m_framesWritten; }
    std::uint64_t bytesWritten() const { return m_bytesWritten; }

    // Appends what is pending (and the stimulus log up to `hostNowNs`), flushes and fdatasyncs.
    void checkpoint(std::int64_t hostNowNs);

    // The last checkpoint, then the SWMR file is closed, reopened normally to set complete = true and the
    // summary attributes (stop_reason, frames, dropped, ...), closed, synced, and renamed to NAME.h5.
    void finish(const std::string &stopReason, std::int64_t hostNowNs);

    // After a failure that may have left the file inconsistent (a full disk): closes what can be closed and
    // leaves NAME.h5.partial for `recover`. Never throws.
    void abandon() noexcept;

private:
    struct Private;
    std::unique_ptr<Private> d;
    std::uint64_t m_framesWritten = 0;
    std::uint64_t m_bytesWritten = 0;
};

} // namespace acq
