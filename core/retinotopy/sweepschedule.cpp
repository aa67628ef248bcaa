#include "core/retinotopy/sweepschedule.h"

#include "core/acquisition/recordinglayout.h"
#include "core/error.h"
#include "core/h5/attributes.h"
#include "core/h5/dataset.h"
#include "core/h5/group.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace retino {

namespace {

constexpr double TwoPi = 2 * std::numbers::pi;

// The bar centre of row i is shown over [i, i + 1) and placed at i + 0.5.
double rowMiddle(std::size_t i)
{
    return double(i) + 0.5;
}

struct Sweep {
    int direction;
    std::uint64_t firstRow;
    std::uint64_t rows;
};

std::vector<Sweep> sweepsOf(const std::vector<stimulus::StimulusFile::DisplayRow> &rows)
{
    std::vector<Sweep> sweeps;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].sweep < 0)
            continue;
        if (i > 0 && rows[i - 1].sweep == rows[i].sweep)
            ++sweeps.back().rows;
        else
            sweeps.push_back({rows[i].direction, i, 1});
    }
    return sweeps;
}

} // namespace

SweepProfile::SweepProfile(std::vector<double> barCenterDeg, double cycleRows)
    : m_barCenterDeg(std::move(barCenterDeg)), m_cycleRows(cycleRows)
{
    if (m_barCenterDeg.size() < 2)
        throw core::Error("a sweep of fewer than two display rows has no speed to analyse");
}

double SweepProfile::positionAt(double phaseRad) const
{
    const double row = phaseRad / TwoPi * m_cycleRows;
    const std::size_t last = m_barCenterDeg.size() - 1;
    // Below the first row's middle and past the last one's (the gap), extend the end segments' slopes.
    const double clamped = std::clamp(row - 0.5, 0.0, double(last));
    const auto i = std::min(std::size_t(clamped), last - 1);
    const double slope = m_barCenterDeg[i + 1] - m_barCenterDeg[i];
    return m_barCenterDeg[i] + slope * (row - rowMiddle(i));
}

double SweepProfile::phaseAt(double deg) const
{
    // Sweeps are monotonic: find the segment around `deg`, or the end segment to extrapolate from.
    const bool increasing = m_barCenterDeg.back() > m_barCenterDeg.front();
    const auto before = [increasing](double a, double b) { return increasing ? a < b : a > b; };
    const auto next = std::lower_bound(m_barCenterDeg.begin(), m_barCenterDeg.end(), deg, before);
    const std::size_t last = m_barCenterDeg.size() - 1;
    const auto i = std::size_t(std::clamp<std::ptrdiff_t>(next - m_barCenterDeg.begin() - 1, 0, std::ptrdiff_t(last) - 1));
    const double slope = m_barCenterDeg[i + 1] - m_barCenterDeg[i];
    const double row = rowMiddle(i) + (deg - m_barCenterDeg[i]) / slope;
    return row / m_cycleRows * TwoPi;
}

double SweepProfile::wrapPhase(double radians) const
{
    const double sweepRows = double(m_barCenterDeg.size());
    const double cut = TwoPi * (sweepRows + (m_cycleRows - sweepRows) / 2) / m_cycleRows;
    double offset = std::fmod(radians - cut, TwoPi);
    if (offset >= 0)
        offset -= TwoPi;
    return cut + offset;
}

SweepSchedule::SweepSchedule(const std::vector<stimulus::StimulusFile::DisplayRow> &rows,
                             std::vector<PresentedRow> presented, double refreshHz)
    : m_profiles(4), m_presented(std::move(presented)), m_refreshHz(refreshHz)
{
    if (!(refreshHz > 0))
        throw core::Error("the stimulus log has no refresh rate");
    const std::vector<Sweep> sweeps = sweepsOf(rows);
    if (sweeps.empty())
        throw core::Error("the stimulus shows no sweep");
    // Every sweep is followed by the same inter-sweep gap except the presentation's last.
    const std::uint64_t gapRows = sweeps.size() > 1 ? sweeps[1].firstRow - sweeps[0].firstRow - sweeps[0].rows : 0;
    for (std::size_t s = 0; s < sweeps.size(); ++s) {
        const Sweep &sweep = sweeps[s];
        if (sweep.direction < 0 || sweep.direction > 3)
            throw core::Error("the stimulus log has a sweep of unknown direction " + std::to_string(sweep.direction));
        const double cycleRows = double(sweep.rows + gapRows);
        const bool continues = !m_runs.empty() && m_runs.back().direction == sweep.direction &&
                               m_runs.back().endRow() == double(sweep.firstRow);
        if (continues)
            ++m_runs.back().sweeps;
        else
            m_runs.push_back({sweep.direction, sweep.firstRow, 1, cycleRows});
        SweepProfile &profile = m_profiles[std::size_t(sweep.direction)];
        if (profile.cycleRows() == 0) {
            std::vector<double> centres;
            for (std::uint64_t r = sweep.firstRow; r < sweep.firstRow + sweep.rows; ++r)
                centres.push_back(rows[r].barCenterDeg);
            profile = SweepProfile(std::move(centres), cycleRows);
        }
    }
    const auto byRow = [](const PresentedRow &a, const PresentedRow &b) { return a.row < b.row; };
    const auto byTime = [](const PresentedRow &a, const PresentedRow &b) { return a.presentedNs < b.presentedNs; };
    if (!std::is_sorted(m_presented.begin(), m_presented.end(), byRow) ||
        !std::is_sorted(m_presented.begin(), m_presented.end(), byTime))
        throw core::Error("the stimulus log's presented rows are not in order");
}

SweepSchedule SweepSchedule::read(const h5::Group &root, const std::string &fileName)
{
    if (!root.contains(acq::layout::PresentationRow) || !root.contains("/stimulus/display"))
        throw core::Error(fileName + ": the recording has no stimulus log (/stimulus/display and "
                                     "/stimulus/presentation): it was recorded without a stimulus");
    const auto rows = stimulus::readDisplayRows(root.group("/stimulus/display"), fileName + ": /stimulus/display");
    const auto presentedRows = root.dataset(acq::layout::PresentationRow).read<std::uint64_t>();
    const auto times = root.dataset(acq::layout::PresentationTime).read<std::int64_t>();
    const auto dropped = root.dataset(acq::layout::PresentationDropped).read<std::uint8_t>();
    if (presentedRows.size() != times.size() || times.size() != dropped.size())
        throw core::Error(fileName + ": /stimulus/presentation: its columns differ in length");
    std::vector<PresentedRow> presented;
    for (std::size_t i = 0; i < presentedRows.size(); ++i) {
        if (dropped[i] || times[i] < 0)
            continue;
        if (presentedRows[i] >= rows.size())
            throw core::Error(fileName + ": /stimulus/presentation: row " + std::to_string(presentedRows[i]) +
                              " is past the end of /stimulus/display");
        presented.push_back({presentedRows[i], times[i]});
    }
    if (presented.empty())
        throw core::Error(fileName + ": the stimulus log shows no row as presented");
    const double refreshHz = root.group("/stimulus").attributes().get("refresh_hz").get<double>();
    try {
        return SweepSchedule(rows, std::move(presented), refreshHz);
    } catch (const core::Error &error) {
        throw core::Error(fileName + ": " + error.what());
    }
}

void SweepSchedule::addPresented(const PresentedRow &row)
{
    if (!m_presented.empty() && (row.row <= m_presented.back().row || row.presentedNs < m_presented.back().presentedNs))
        throw core::Error("the stimulus log's presented rows are not in order");
    m_presented.push_back(row);
}

bool SweepSchedule::hasDirection(int direction) const
{
    return direction >= 0 && direction < 4 && m_profiles[std::size_t(direction)].cycleRows() > 0;
}

const SweepProfile &SweepSchedule::profile(int direction) const
{
    if (!hasDirection(direction))
        throw core::Error("the stimulus never showed direction " + std::to_string(direction));
    return m_profiles[std::size_t(direction)];
}

std::optional<double> SweepSchedule::rowAt(std::int64_t hostNs) const
{
    const auto after = std::upper_bound(m_presented.begin(), m_presented.end(), hostNs,
                                        [](std::int64_t t, const PresentedRow &row) { return t < row.presentedNs; });
    if (after == m_presented.begin())
        return std::nullopt;
    const PresentedRow &shown = *(after - 1);
    const double elapsedNs = double(hostNs - shown.presentedNs);
    if (after == m_presented.end()) {
        const double rows = elapsedNs * 1e-9 * m_refreshHz;
        return rows < 1 ? std::optional(double(shown.row) + rows) : std::nullopt;
    }
    return double(shown.row) + elapsedNs / double(after->presentedNs - shown.presentedNs) * double(after->row - shown.row);
}

std::optional<SweepSchedule::Phase> SweepSchedule::phaseAt(std::int64_t hostNs, std::int64_t responseLagNs) const
{
    const std::optional<double> shown = rowAt(hostNs - responseLagNs);
    if (!shown)
        return std::nullopt;
    std::optional<double> row = rowAt(hostNs);
    if (!row && hostNs > m_presented.back().presentedNs)
        row = double(m_presented.back().row) + double(hostNs - m_presented.back().presentedNs) * 1e-9 * m_refreshHz;
    if (!row)
        return std::nullopt;
    for (std::size_t r = 0; r < m_runs.size(); ++r) {
        const SweepRun &run = m_runs[r];
        if (*shown >= double(run.firstRow) && *shown < run.endRow())
            return Phase{r, (*row - double(run.firstRow)) / run.cycleRows * TwoPi};
    }
    return std::nullopt;
}

} // namespace retino
