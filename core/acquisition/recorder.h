#pragma once

#include "core/acquisition/camera.h"
#include "core/acquisition/framecompression.h"
#include "core/acquisition/recordingwriter.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace acq {

struct RecordingPlan {
    std::filesystem::path target;              // NAME.h5; written as NAME.h5.partial until it is complete
    Compression compression = Compression::None;
    std::optional<std::uint64_t> frames;       // stop once this many frames were captured (written or dropped)
    std::optional<double> seconds;             // stop once this long has passed since the first frame
    nlohmann::json session = nlohmann::json::object(); // validated against schemas/session.schema.json
    std::optional<RecordingStimulus> stimulus;
    // The ring holds this many seconds of frames: the longest disk stall survived without a drop
    // (0.6–3 s are seen in the field).
    double bufferSeconds = 3;
    double liveViewHz = 20;                    // the live-view tap copies at most this many frames a second
    unsigned encoderThreads = 0;               // 0: one per core but one, at least one
    // Recording stops (cleanly, as complete) when the disk's free space falls below this.
    std::uint64_t diskReserveBytes = 256ull << 20;
    // Called at once, from the capture or writer thread, when frames start to be dropped or the recording
    // stops early; must not block.
    std::function<void(const std::string &message)> warning;
};

// What the operator watches while recording. Every field is a snapshot.
struct RecorderStatus {
    enum class State { Ready, Recording, Finishing, Finished, Failed };
    State state = State::Ready;
    std::uint64_t framesCaptured = 0;  // taken from the camera: written, pending or dropped
    std::uint64_t framesWritten = 0;
    std::uint64_t framesDropped = 0;   // the ring was full: the camera ran ahead of the disk
    std::uint64_t cameraGaps = 0;      // frames the camera or its link lost (ids skipped)
    std::size_t bufferCapacity = 0;    // frames
    std::size_t bufferFill = 0;
    std::size_t bufferHighWater = 0;
    std::uint64_t bytesPending = 0;
    std::uint64_t bytesWritten = 0;
    std::uint64_t diskFreeBytes = 0;
    double diskSecondsLeft = 0;        // at the current data rate
    double elapsedSeconds = 0;
    std::optional<double> remainingSeconds; // when the plan has an end
    std::string stopReason;
    std::string error;
    std::filesystem::path path;        // NAME.h5.partial while recording, NAME.h5 once finished
};

// A copy of the newest frame for the live view.
struct LiveFrame {
    FrameInfo info;
    int width = 0;
    int height = 0;
    std::uint64_t sequence = 0;        // increases with each new copy
    std::vector<std::uint16_t> pixels;
};

// One recording: a capture thread that never waits (camera → ring of preallocated buffers), encoder threads
// when compressing, and a writer thread (ring → RecordingWriter, checkpointing every second). The
// constructor checks the plan and the free disk space and creates the file with every dataset; start()
// starts the camera and the threads; the recording ends with the plan, requestStop(), a camera failure or a
// full disk, always as a complete file holding every frame written, and wait() returns once it is renamed.
class Recorder {
public:
    Recorder(Camera &camera, RecordingPlan plan);
    ~Recorder();  // requests a stop and waits

    void start();
    void requestStop();
    void wait();

    RecorderStatus status() const;
    // Copies the newest live frame into `frame` if it is newer than frame.sequence; false otherwise.
    bool takeLiveFrame(LiveFrame &frame) const;

    // After wait(): {frames, dropped, path, seconds, ...} as printed by `macroscope-cli record --json`.
    nlohmann::json summary() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// The bytes free for unprivileged writers in the folder of `path`. Throws core::Error naming the folder.
std::uint64_t freeDiskBytes(const std::filesystem::path &path);

} // namespace acq
