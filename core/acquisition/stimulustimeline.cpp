#include "core/acquisition/stimulustimeline.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>

namespace acq {

StimulusTimeline::StimulusTimeline(std::string stimulusSha256,
                                   std::vector<stimulus::StimulusFile::DisplayRow> rows, double refreshHz,
                                   Source source)
    : m_sha256(std::move(stimulusSha256)), m_rows(std::move(rows)), m_refreshHz(refreshHz), m_source(source)
{
    if (!(refreshHz > 0))
        throw core::Error("stimulus timeline: the refresh rate must be positive");
    m_log.reserve(m_rows.size());
    m_presented.reserve(m_rows.size());
}

void StimulusTimeline::presentOnSchedule(std::int64_t startNs)
{
    for (std::uint64_t i = 0; i < m_rows.size(); ++i)
        recordPresented(i, startNs + std::llround(1e9 * double(i) / m_refreshHz));
}

void StimulusTimeline::checkOrder(std::uint64_t row) const
{
    if (row >= m_rows.size() || (!m_log.empty() && row <= m_log.back().row))
        throw core::Error("stimulus timeline: row " + std::to_string(row) + " recorded out of order");
}

void StimulusTimeline::recordPresented(std::uint64_t row, std::int64_t presentedNs)
{
    const std::lock_guard lock(m_mutex);
    checkOrder(row);
    if (!m_presented.empty() && presentedNs < m_presented.back().presentedNs)
        throw core::Error("stimulus timeline: row " + std::to_string(row) + " presented before its predecessor");
    m_log.push_back({row, m_rows[row].frame, presentedNs, false});
    m_presented.push_back(m_log.back());
}

void StimulusTimeline::recordDropped(std::uint64_t row)
{
    const std::lock_guard lock(m_mutex);
    checkOrder(row);
    m_log.push_back({row, m_rows[row].frame, PresentedRow::NotPresented, true});
}

std::optional<stimulus::StimulusFile::DisplayRow> StimulusTimeline::shownAt(std::int64_t hostNs) const
{
    const std::lock_guard lock(m_mutex);
    auto after = std::upper_bound(m_presented.begin(), m_presented.end(), hostNs,
                                  [](std::int64_t t, const PresentedRow &r) { return t < r.presentedNs; });
    if (after == m_presented.begin())
        return std::nullopt;
    const PresentedRow &last = *std::prev(after);
    const bool isFinalRow = last.row + 1 == m_rows.size();
    if (isFinalRow && hostNs - last.presentedNs >= std::llround(1e9 / m_refreshHz))
        return std::nullopt;
    return m_rows[last.row];
}

std::vector<PresentedRow> StimulusTimeline::log(std::int64_t untilNs, std::size_t from) const
{
    const std::lock_guard lock(m_mutex);
    std::vector<PresentedRow> result;
    for (auto r = m_log.begin() + std::ptrdiff_t(std::min(from, m_log.size())); r != m_log.end(); ++r) {
        if (!r->dropped && r->presentedNs > untilNs)
            break;
        result.push_back(*r);
    }
    while (!result.empty() && result.back().dropped)
        result.pop_back();
    return result;
}

} // namespace acq
