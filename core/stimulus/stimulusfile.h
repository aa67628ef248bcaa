#pragma once

#include "core/stimulus/stimulusparameters.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

namespace h5 {
class Group;
}

namespace stimulus {

// Layout "macroscope.stimulus" 1.0 (docs/formats.md, schemas/stimulus-file.schema.json):
//   root attributes   the common ones, plus parameters (the canonical JSON text), parameters_sha256,
//                     frames_sha256 (SHA-256 of every byte of /frames in storage order),
//                     frames_storage_sha256 (SHA-256 of each frame chunk as stored: its 4-byte little-endian
//                     filter mask, then its deflated bytes), unique_frames, display_frames, refresh_hz
//   /frames           uint8 (unique, height, width), one chunk per frame, deflate; frame 0 is the background.
//                     Each direction's sweep is stored once: every sweep of a direction shows the same frames.
//   /display          table, one row per displayed frame (refresh_hz rows per second): frame (uint32, index
//                     into /frames), direction (int8: -1 gap, 0 LR, 1 RL, 2 TB, 3 BT), sweep (int32, -1 in
//                     gaps, counting from 0 across the whole presentation), bar_center_deg (float64, NaN in
//                     gaps), polarity (int8: +1/-1, 0 in gaps), photodiode (uint8 0/1), time_s (float64, the
//                     intended onset: row / refresh_hz)
//   /geometry/altitude_deg, /geometry/azimuth_deg   float32 (height, width): each pixel's visual-field angles

struct GenerationProgress {
    // Called from the writing thread with frames done and total; may be empty.
    std::function<void(std::uint64_t done, std::uint64_t total)> report;
    std::stop_token stop; // cancellation: generation stops, the partial file is removed, core::Error thrown
};

struct GenerationSummary {
    std::uint64_t uniqueFrames = 0;
    std::uint64_t displayFrames = 0;
};

// Renders the stimulus on worker threads and writes it to `target` through h5::OutputFile (so `target`
// appears only complete). Throws core::Error on failure or cancellation.
GenerationSummary writeStimulusFile(const StimulusParameters &parameters, const std::filesystem::path &target,
                                    const GenerationProgress &progress = {});

// A stimulus file opened for reading (the display, the library's content check, the panel's preview).
class StimulusFile {
public:
    // Throws h5::Error / core::Error naming the file when it is not a complete "macroscope.stimulus" file.
    explicit StimulusFile(const std::filesystem::path &path);
    ~StimulusFile();
    StimulusFile(StimulusFile &&) noexcept;
    StimulusFile &operator=(StimulusFile &&) noexcept;

    const std::filesystem::path &path() const;
    const StimulusParameters &parameters() const;
    std::string parametersText() const;     // the stored canonical JSON, byte for byte
    std::string parametersSha256() const;   // as stored
    std::string framesSha256() const;       // as stored
    std::string framesStorageSha256() const; // as stored
    // frames_storage_sha256 recomputed from the file: reads every chunk, decompresses none.
    std::string hashStoredFrames() const;
    int width() const;
    int height() const;
    std::uint64_t uniqueFrames() const;
    std::uint64_t displayFrames() const;

    // Reads unique frame `index` (row-major, row 0 at the top of the screen) into `pixels`
    // (width() * height() bytes).
    void readFrame(std::uint64_t index, std::span<std::uint8_t> pixels) const;

    struct DisplayRow {
        std::uint32_t frame;
        std::int8_t direction;
        std::int32_t sweep;
        double barCenterDeg;
        std::int8_t polarity;
        std::uint8_t photodiode;
        double timeS;
    };
    std::vector<DisplayRow> displayRows() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Reads a /display table (a stimulus file's, or the copy a recording carries); `where` names it in errors.
std::vector<StimulusFile::DisplayRow> readDisplayRows(const h5::Group &display, const std::string &where);

} // namespace stimulus
