#pragma once

#include <cstdint>
#include <vector>

namespace hw {

// One row of the stimulus's display table as it went to the screen. Rows appear in row order, each once:
// a row is either presented (it reached the screen at presentedNs) or dropped (never shown).
struct PresentationRecord {
    static constexpr std::int64_t NotPresented = -1;

    std::uint64_t row = 0;                    // index into the stimulus file's /display table
    std::uint32_t frame = 0;                  // index into /frames (the row's frame column)
    std::int64_t presentedNs = NotPresented;  // presentation clock right after the swap that showed it
    bool dropped = false;                     // skipped to stay on schedule after missed refreshes
};

// What went wrong with the timing, for the run's log. An "interval" is the time between the swaps of two
// consecutively presented rows; "lateness" is interval − period. A late frame is counted in every bin whose
// threshold its lateness exceeds (strictly), so lateOver20ms ≥ lateOver33ms ≥ lateOver50ms ≥ lateOver100ms.
struct PresentationStats {
    std::uint64_t presented = 0;
    std::uint64_t dropped = 0;
    std::uint64_t early = 0;  // intervals shorter than half a period: that swap did not wait for a refresh
    std::uint64_t lateOver20ms = 0;
    std::uint64_t lateOver33ms = 0;
    std::uint64_t lateOver50ms = 0;
    std::uint64_t lateOver100ms = 0;
    std::int64_t longestIntervalNs = 0;
};

// The schedule and bookkeeping of a presentation, independent of Qt and of any real clock.
//
// Row r is meant to be on screen for the r-th refresh after row 0. Each interval spans
// n = max(1, round(interval / period)) refreshes; n ≥ 2 means the display held the previous image for n − 1
// extra refreshes, so the row just shown is n − 1 refreshes behind the schedule. The next n − 1 rows are then
// recorded as dropped and skipped, so that the stimulus keeps its duration and the rest of it keeps its
// timing relative to row 0 (a drifting bar must keep its speed). Rounding each interval rather than the
// time since row 0 keeps a monitor at 59.94 Hz from accumulating phantom skips against a 60 Hz period.
class PresentationTiming {
public:
    // `periodNs`: the refresh period (the refresh check's measurement); `rowFrames`: the frame column of the
    // display table, one entry per row.
    PresentationTiming(std::int64_t periodNs, std::vector<std::uint32_t> rowFrames);

    // The row to render for the next swap; rowCount() once finished.
    std::uint64_t nextRow() const { return m_nextRow; }
    std::uint64_t rowCount() const { return m_rowFrames.size(); }
    bool finished() const { return m_nextRow >= m_rowFrames.size(); }
    std::int64_t periodNs() const { return m_periodNs; }

    // Records that nextRow() reached the screen at `timestampNs` (presentation clock, right after the swap)
    // and advances nextRow(), past dropped rows when the display missed refreshes. Not after finished().
    void recordPresented(std::int64_t timestampNs);

    // Every row handled so far, in row order.
    const std::vector<PresentationRecord> &log() const { return m_log; }
    const PresentationStats &stats() const { return m_stats; }

private:
    void countInterval(std::int64_t intervalNs);

    std::int64_t m_periodNs;
    std::vector<std::uint32_t> m_rowFrames;
    std::vector<PresentationRecord> m_log;
    PresentationStats m_stats;
    std::uint64_t m_nextRow = 0;
    std::int64_t m_lastPresentedNs = PresentationRecord::NotPresented;
};

} // namespace hw
