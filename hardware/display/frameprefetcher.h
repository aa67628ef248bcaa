#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>

namespace hw {

// Decodes the frames of a presentation ahead of time on its own thread into a small ring of buffers, so that
// the display never reads a file between two swaps.
//
// The rows are grouped into runs of consecutive rows that show the same frame (the background of a gap is
// one run); the thread decodes one buffer per run, in row order. The display asks for the frame of a row and
// gets either "unchanged" (the frame it already has still applies) or the new pixels. Runs the display has
// skipped (dropped rows) are released unseen, and the thread does not decode runs already behind the display.
// All buffers are allocated once, in the constructor.
class FramePrefetcher {
public:
    using ReadFrame = std::function<void(std::uint64_t index, std::span<std::uint8_t> pixels)>;

    enum class FetchStatus { Unchanged, Changed, Failed };
    struct Fetch {
        FetchStatus status = FetchStatus::Unchanged;
        std::span<const std::uint8_t> pixels;  // Changed: valid until the next frameFor()
        std::string error;                     // Failed: what went wrong, naming the frame and the file
    };

    // `read` runs on the prefetch thread; `rowFrames` is the frame of each display row; `frameBytes` is
    // width * height; `slots` buffers make the ring (at 60 Hz, 16 buffers hold about a quarter of a second).
    FramePrefetcher(ReadFrame read, const std::vector<std::uint32_t> &rowFrames, std::size_t frameBytes,
                    std::size_t slots = 16);
    ~FramePrefetcher();  // stop()
    FramePrefetcher(const FramePrefetcher &) = delete;
    FramePrefetcher &operator=(const FramePrefetcher &) = delete;

    void start();
    // Joins the thread (waits for a read in progress). frameFor() fails afterwards.
    void stop();

    // Consumer thread (the display's). Rows must not decrease between calls. Blocks while the thread has not
    // decoded the frame yet, which the display then shows late: the ring is meant to keep that from happening.
    Fetch frameFor(std::uint64_t row);

private:
    struct Run {
        std::uint64_t firstRow;
        std::uint32_t frame;
    };
    struct Filled {
        std::size_t run;
        std::size_t slot;
    };

    void produce(std::stop_token stop);
    std::size_t runOf(std::uint64_t row) const;

    ReadFrame m_read;
    std::vector<Run> m_runs;
    std::vector<std::vector<std::uint8_t>> m_slots;

    std::mutex m_mutex;  // guards everything below it
    std::condition_variable_any m_changed;
    std::vector<std::size_t> m_free;
    std::deque<Filled> m_filled;  // in run order
    std::size_t m_wantedRun = 0;  // the display's current run: older ones need not be decoded
    std::optional<std::string> m_failure;
    bool m_stopped = false;

    // Consumer side, touched only by the display's thread.
    std::optional<std::size_t> m_shownRun;
    std::optional<std::size_t> m_heldSlot;

    std::jthread m_thread;  // last: stopped and joined before the members it uses are destroyed
};

} // namespace hw
