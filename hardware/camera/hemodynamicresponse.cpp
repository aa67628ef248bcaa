#include "hardware/camera/hemodynamicresponse.h"

#include "core/acquisition/stimulustimeline.h"

#include <algorithm>
#include <cmath>

namespace hw {

namespace {

constexpr std::int64_t StepNs = 10'000'000;
constexpr auto DelayNs = std::int64_t(HemodynamicModel::DelayS * 1e9);

std::size_t binCount(double spanDeg)
{
    return std::size_t(spanDeg / HemodynamicResponse::BinDeg);
}

} // namespace

HemodynamicResponse::HemodynamicResponse()
    : m_azimuth{-90, std::vector<float>(binCount(270)), std::vector<float>(binCount(270))},
      m_altitude{-90, std::vector<float>(binCount(180)), std::vector<float>(binCount(180))}
{
    const double sigmaBins = HemodynamicModel::ReceptiveFieldSigmaDeg / BinDeg;
    m_receptiveField.resize(std::size_t(std::ceil(4 * sigmaBins)));
    for (std::size_t k = 0; k < m_receptiveField.size(); ++k)
        m_receptiveField[k] = float(std::exp(-0.5 * std::pow(double(k) / sigmaBins, 2)));
}

void HemodynamicResponse::reset(std::int64_t nowNs)
{
    for (Table *t : {&m_azimuth, &m_altitude}) {
        std::fill(t->fast.begin(), t->fast.end(), 0.0f);
        std::fill(t->slow.begin(), t->slow.end(), 0.0f);
    }
    m_timeNs = nowNs;
}

void HemodynamicResponse::advance(const acq::StimulusTimeline &timeline, std::int64_t untilNs)
{
    while (m_timeNs < untilNs) {
        const std::int64_t duration = std::min(StepNs, untilNs - m_timeNs);
        m_timeNs += duration;
        step(timeline, m_timeNs, duration);
    }
}

void HemodynamicResponse::step(const acq::StimulusTimeline &timeline, std::int64_t endNs, std::int64_t durationNs)
{
    // The drive is held over the step at its value in the middle; the update is then exact for each stage.
    const auto shown = timeline.shownAt(endNs - durationNs / 2 - DelayNs);
    const Table *driven = nullptr;
    double barDeg = 0;
    if (shown && shown->direction >= 0 && std::isfinite(shown->barCenterDeg)) {
        driven = shown->direction <= 1 ? &m_azimuth : &m_altitude; // 0 LR, 1 RL sweep azimuth
        barDeg = shown->barCenterDeg;
    }
    const auto gain = float(1 - std::exp(-double(durationNs) * 1e-9 / HemodynamicModel::TimeConstantS));
    for (Table *t : {&m_azimuth, &m_altitude}) {
        const double barBin = (barDeg - t->firstDeg) / BinDeg; // bin i spans [i, i + 1)
        for (std::size_t i = 0; i < t->fast.size(); ++i) {
            float drive = 0;
            if (t == driven) {
                const auto k = std::size_t(std::abs(double(i) + 0.5 - barBin) + 0.5);
                if (k < m_receptiveField.size())
                    drive = m_receptiveField[k];
            }
            t->fast[i] += gain * (drive - t->fast[i]);
            t->slow[i] += gain * (t->fast[i] - t->slow[i]);
        }
    }
}

int HemodynamicResponse::bin(SweepAxis axis, double deg) const
{
    const Table &t = table(axis);
    const double index = std::floor((deg - t.firstDeg) / BinDeg);
    return int(std::clamp(index, 0.0, double(t.slow.size() - 1)));
}

float HemodynamicResponse::response(SweepAxis axis, int bin) const
{
    return table(axis).slow[std::size_t(bin)];
}

} // namespace hw
