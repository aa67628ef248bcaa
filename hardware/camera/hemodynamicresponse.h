#pragma once

#include <cstdint>
#include <vector>

namespace acq {
class StimulusTimeline;
}

namespace hw {

// The intrinsic signal's time course (after Kalatsky & Stryker 2003): neurons whose receptive field the bar
// covers drive a hemodynamic response that starts DelayS later and is smoothed by two first-order low-pass
// stages of TimeConstantS each (a gamma variate of shape 2, peaking TimeConstantS after its onset). For a
// bar held on the receptive field the response settles at 1.
struct HemodynamicModel {
    static constexpr double DelayS = 1.0;
    static constexpr double TimeConstantS = 1.0;
    // Receptive field and bar together: the drive falls off as a Gaussian of this s.d. in the distance
    // between the bar's centre and the point the receptive field is centred on.
    static constexpr double ReceptiveFieldSigmaDeg = 8.0;
};

enum class SweepAxis { Azimuth, Altitude };

// The response of every point of the visual field, as 1-D tables over azimuth (driven by LR and RL sweeps)
// and altitude (TB and BT) in BinDeg steps: a pixel's response depends on the pixel only through the point
// it represents, so filtering per bin rather than per pixel makes the cost independent of the image size.
// Used from one thread.
class HemodynamicResponse {
public:
    static constexpr double BinDeg = 0.25;

    HemodynamicResponse();

    // Everything at rest, with time starting at `nowNs` (host clock).
    void reset(std::int64_t nowNs);
    // Runs the filters up to `untilNs` in steps of at most 10 ms, each driven by what `timeline` showed
    // DelayS before it (nothing in gaps, before the first row and after the end).
    void advance(const acq::StimulusTimeline &timeline, std::int64_t untilNs);

    // The bin holding `deg`, which must be finite (clamped to the table, which covers every angle a stimulus
    // can show).
    int bin(SweepAxis axis, double deg) const;
    float response(SweepAxis axis, int bin) const;

private:
    struct Table {
        double firstDeg;
        std::vector<float> fast; // the first low-pass stage
        std::vector<float> slow; // the second: the response
    };

    void step(const acq::StimulusTimeline &timeline, std::int64_t endNs, std::int64_t durationNs);
    const Table &table(SweepAxis axis) const { return axis == SweepAxis::Azimuth ? m_azimuth : m_altitude; }

    Table m_azimuth;
    Table m_altitude;
    std::vector<float> m_receptiveField; // the drive at a distance of k bins from the bar's centre
    std::int64_t m_timeNs = 0;
};

} // namespace hw
