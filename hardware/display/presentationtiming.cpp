#include "hardware/display/presentationtiming.h"

#include <QtCore/QtGlobal>

#include <algorithm>
#include <utility>

namespace hw {

namespace {

constexpr std::int64_t msToNs(std::int64_t ms) { return ms * 1'000'000; }

// round(interval / period), at least 1: a swap always shows the image for at least one refresh.
std::uint64_t refreshesSpanned(std::int64_t intervalNs, std::int64_t periodNs)
{
    return std::max<std::int64_t>(1, (intervalNs + periodNs / 2) / periodNs);
}

} // namespace

PresentationTiming::PresentationTiming(std::int64_t periodNs, std::vector<std::uint32_t> rowFrames)
    : m_periodNs(periodNs), m_rowFrames(std::move(rowFrames))
{
    Q_ASSERT(periodNs > 0);
    m_log.reserve(m_rowFrames.size());
}

void PresentationTiming::recordPresented(std::int64_t timestampNs)
{
    Q_ASSERT(!finished());
    Q_ASSERT(timestampNs >= m_lastPresentedNs);

    std::uint64_t refreshes = 1;
    if (m_lastPresentedNs != PresentationRecord::NotPresented) {
        const std::int64_t interval = timestampNs - m_lastPresentedNs;
        countInterval(interval);
        refreshes = refreshesSpanned(interval, m_periodNs);
    }
    m_lastPresentedNs = timestampNs;

    m_log.push_back({m_nextRow, m_rowFrames[m_nextRow], timestampNs, false});
    ++m_stats.presented;
    ++m_nextRow;

    // Row r, just shown, came refreshes − 1 refreshes late, in the slot of row r + refreshes − 1: the rows
    // in between are never shown.
    const std::uint64_t skipTo = std::min<std::uint64_t>(m_nextRow + (refreshes - 1), m_rowFrames.size());
    for (; m_nextRow < skipTo; ++m_nextRow) {
        m_log.push_back({m_nextRow, m_rowFrames[m_nextRow], PresentationRecord::NotPresented, true});
        ++m_stats.dropped;
    }
}

void PresentationTiming::countInterval(std::int64_t intervalNs)
{
    m_stats.longestIntervalNs = std::max(m_stats.longestIntervalNs, intervalNs);
    if (2 * intervalNs < m_periodNs) {
        ++m_stats.early;
    }
    const std::int64_t lateness = intervalNs - m_periodNs;
    m_stats.lateOver20ms += lateness > msToNs(20);
    m_stats.lateOver33ms += lateness > msToNs(33);
    m_stats.lateOver50ms += lateness > msToNs(50);
    m_stats.lateOver100ms += lateness > msToNs(100);
}

} // namespace hw
