#pragma once

#include "core/stimulus/stimulusfile.h"

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace acq {

// One display row as it went to the screen (or was skipped), on the host clock (acq::hostNowNs()).
struct PresentedRow {
    static constexpr std::int64_t NotPresented = -1;
    std::uint64_t row = 0;
    std::uint32_t frame = 0;
    std::int64_t presentedNs = NotPresented;
    bool dropped = false;
};

// What the stimulus showed and when, shared between whoever presents it (the display on the GUI thread,
// or a schedule when there is no display) and its readers: the simulated camera, which responds to what was
// actually shown, and the recording, which stores the log. Rows are recorded in increasing order; readers
// may ask about any past time. Thread-safe.
class StimulusTimeline {
public:
    // How the rows reached the screen, stored with the log: "display" (a StimulusWindow stamped each swap)
    // or "schedule" (no display: row i counts as shown at start + i / refresh_hz).
    enum class Source { Display, Schedule };

    StimulusTimeline(std::string stimulusSha256, std::vector<stimulus::StimulusFile::DisplayRow> rows,
                     double refreshHz, Source source);

    // Records every row as shown on the nominal schedule from `startNs` (row i at start + i / refresh_hz):
    // how the CLI records against a stimulus without a screen.
    void presentOnSchedule(std::int64_t startNs);

    const std::string &stimulusSha256() const { return m_sha256; }
    double refreshHz() const { return m_refreshHz; }
    Source source() const { return m_source; }
    std::size_t rowCount() const { return m_rows.size(); }
    const stimulus::StimulusFile::DisplayRow &row(std::uint64_t index) const { return m_rows.at(index); }

    void recordPresented(std::uint64_t row, std::int64_t presentedNs);
    void recordDropped(std::uint64_t row);

    // The row on screen at `hostNs`: the last row presented at or before it, while the presentation lasts
    // (up to one refresh period after the last presented row). Nothing before the first row or after the end.
    std::optional<stimulus::StimulusFile::DisplayRow> shownAt(std::int64_t hostNs) const;

    // The rows handled up to `untilNs` (all of them by default), from entry `from` of the log on: presented
    // rows stamped at or before it and dropped rows between them. A writer that stored `from` entries asks
    // for the rest only.
    std::vector<PresentedRow> log(std::int64_t untilNs = INT64_MAX, std::size_t from = 0) const;

private:
    void checkOrder(std::uint64_t row) const; // under m_mutex

    std::string m_sha256;
    std::vector<stimulus::StimulusFile::DisplayRow> m_rows;
    double m_refreshHz;
    Source m_source;
    mutable std::mutex m_mutex;
    std::vector<PresentedRow> m_log;
    std::vector<PresentedRow> m_presented;  // the presented rows only, for searching by time
};

} // namespace acq
