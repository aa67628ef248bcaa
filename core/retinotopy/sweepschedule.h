#pragma once

#include "core/stimulus/stimulusfile.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace h5 {
class Group;
}

namespace retino {

// Where the bar was during one cycle of a direction, from the rendered sweep itself: the bar centre of each
// display row of a sweep, in sweep coordinates (azimuth for LR/RL, else altitude). A cycle is one sweep and
// the inter-sweep gap after it. Phase 0 is the start of the sweep's first row; 2π the start of the next sweep.
class SweepProfile {
public:
    SweepProfile() = default;
    SweepProfile(std::vector<double> barCenterDeg, double cycleRows);

    double cycleRows() const { return m_cycleRows; }
    // The bar centre at a cycle phase in [0, 2π). A row's bar is on screen for the whole row and counts as
    // being at its centre in the row's middle; between rows the bar moves linearly, and in the gap it is
    // extrapolated at the sweep's speed, as if it went on moving off the screen.
    double positionAt(double phaseRad) const;
    // The inverse: the cycle phase at which the bar centre is at `deg` (extrapolated outside the sweep).
    double phaseAt(double deg) const;
    // `radians` brought into the cycle that is cut in the middle of the gap, [cut − 2π, cut): a response phase
    // just before the sweep's start then maps to a position just before it, not past its end.
    double wrapPhase(double radians) const;

private:
    std::vector<double> m_barCenterDeg;
    double m_cycleRows = 0;
};

// One stretch of consecutive sweeps of one direction: the periodic stimulus a direction's map comes from.
struct SweepRun {
    int direction = -1;          // 0 LR, 1 RL, 2 TB, 3 BT
    std::uint64_t firstRow = 0;  // the display row where its first sweep starts
    int sweeps = 0;
    double cycleRows = 0;        // rows from one sweep's start to the next's
    double endRow() const { return double(firstRow) + sweeps * cycleRows; }
};

// When each display row was on screen during a recording (its /stimulus/presentation log) and what it showed
// (its copy of the stimulus's /display table), as the analysis needs them: the stimulus phase of any moment.
class SweepSchedule {
public:
    struct PresentedRow {
        std::uint64_t row;
        std::int64_t presentedNs;
    };
    // `presented` are the rows that reached the screen, in increasing order of row and time.
    SweepSchedule(const std::vector<stimulus::StimulusFile::DisplayRow> &rows, std::vector<PresentedRow> presented,
                  double refreshHz);
    // Reads /stimulus/display, /stimulus/presentation and /stimulus's refresh_hz of a recording. Throws
    // core::Error naming `fileName` when the recording holds no stimulus log.
    static SweepSchedule read(const h5::Group &recordingRoot, const std::string &fileName);

    // A row presented after the others (a recording in progress).
    void addPresented(const PresentedRow &row);

    const std::vector<SweepRun> &runs() const { return m_runs; }
    double refreshHz() const { return m_refreshHz; }
    // The profile of a direction (0–3); throws core::Error when the stimulus never showed it.
    const SweepProfile &profile(int direction) const;
    bool hasDirection(int direction) const;

    // The display row on screen at `hostNs`, with the fraction of it that has passed: interpolated between
    // the presentation times of the rows around it, so dropped rows and an uneven refresh are accounted for.
    // None before the first presented row and after the last one ended.
    std::optional<double> rowAt(std::int64_t hostNs) const;

    struct Phase {
        std::size_t run;
        double radians; // since the run's first sweep started: 2π per cycle
    };
    // The run a frame taken at `hostNs` belongs to and the stimulus phase at that moment. The response lags
    // the stimulus, so the run is the one on screen `responseLagNs` before: a run's frames are those of its
    // response, whose last part arrives after the run ended (the phase then goes on past 2π·sweeps, at the
    // refresh rate once the presentation is over). None outside every run (the pre- and post-gap).
    std::optional<Phase> phaseAt(std::int64_t hostNs, std::int64_t responseLagNs = 0) const;

private:
    std::vector<SweepRun> m_runs;
    std::vector<SweepProfile> m_profiles; // indexed by direction; cycleRows 0 where never shown
    std::vector<PresentedRow> m_presented;
    double m_refreshHz = 0;
};

} // namespace retino
