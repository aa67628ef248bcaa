#pragma once

#include "core/stimulus/stimulusfile.h"
#include "core/stimulus/stimulusparameters.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace stimulus {

// What a library file holds and when it was last used (its modification time, which obtain() refreshes on
// reuse, because access times are unreliable on relatime/noatime mounts).
struct LibraryEntry {
    std::string sha256;
    std::filesystem::path path;
    std::uint64_t bytes = 0;
    std::filesystem::file_time_type lastUsed;
};

struct ObtainResult {
    std::string sha256;
    std::filesystem::path path;
    bool reused = false;
    std::uint64_t uniqueFrames = 0;
    std::uint64_t displayFrames = 0;
    double seconds = 0;
    // Damaged files found and replaced on the way, one line each naming the file and the problem.
    std::vector<std::string> repaired;
};

// An expected outcome, so a value: whether a file is what its name and attributes claim.
struct Verification {
    bool intact = false;
    std::string problem; // empty when intact
    std::uint64_t uniqueFrames = 0;  // of an intact file
    std::uint64_t displayFrames = 0; // of an intact file
};

// A content-addressed folder of stimulus files (seed 003's dataset reuse): <sha256>.h5 holds the frames of
// the parameters whose canonical JSON hashes to <sha256>. Asking for parameters whose file exists and is
// intact reuses it; a damaged or tampered file is reported and regenerated. Processes share a library
// safely: generation of one identity holds an exclusive lock (<sha256>.lock, flock), so two processes asking
// for the same new parameters generate them once.
class StimulusLibrary {
public:
    // Creates the folder when missing.
    explicit StimulusLibrary(std::filesystem::path folder);

    // $MACROSCOPE_STIMULUS_LIBRARY when set, otherwise the per-user data folder (on Linux
    // ~/.local/share/Macroscope/stimuli), shared by the GUI and the command line.
    static std::filesystem::path defaultLocation();

    const std::filesystem::path &folder() const { return m_folder; }
    std::filesystem::path pathFor(const std::string &sha256) const;

    // The library file for `parameters`, generating it when missing or damaged. Blocks while another process
    // generates the same identity. Throws core::Error when generation fails or is cancelled.
    ObtainResult obtain(const StimulusParameters &parameters, const GenerationProgress &progress = {});

    // Checks a stimulus file: complete, the stored parameter text canonical and hashing to the stored
    // parameters_sha256 (and to the file name, for a file named <sha256>.h5), and the frames as stored
    // hashing to frames_storage_sha256 (any changed byte shows). Decoded also decompresses every frame and
    // checks frames_sha256, which costs about as much as generating them; obtain() checks Stored.
    enum class Depth { Stored, Decoded };
    static Verification verify(const std::filesystem::path &file, Depth depth = Depth::Decoded);

    std::vector<LibraryEntry> list() const;
    // Removes least recently used files until the library holds at most `maxBytes`; files being generated
    // (locked) are kept. Returns what was removed.
    std::vector<LibraryEntry> prune(std::uint64_t maxBytes);

private:
    std::filesystem::path m_folder;
};

} // namespace stimulus
