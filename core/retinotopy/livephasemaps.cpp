#include "core/retinotopy/livephasemaps.h"

#include "core/acquisition/stimulustimeline.h"
#include "core/retinotopy/phaseaccumulator.h"
#include "core/retinotopy/positionmaps.h"
#include "core/retinotopy/sweepschedule.h"

#include <opencv2/imgproc.hpp>

#include <array>
#include <map>
#include <mutex>
#include <optional>

namespace retino {

namespace {

std::vector<stimulus::StimulusFile::DisplayRow> rowsOf(const acq::StimulusTimeline &timeline)
{
    std::vector<stimulus::StimulusFile::DisplayRow> rows;
    rows.reserve(timeline.rowCount());
    for (std::uint64_t i = 0; i < timeline.rowCount(); ++i)
        rows.push_back(timeline.row(i));
    return rows;
}

// One run's sums with phasors e^{ihθ} (h the harmonic of each component); the F0 leakage correction needs
// Σ e^{ihθ} as well.
struct Run {
    PhaseAccumulator sums;
    std::array<std::complex<double>, Components> phasorSums{};
};

double harmonic(std::size_t component)
{
    return component == 0 ? 1.0 : NoiseProbeHarmonics[component - 1];
}

} // namespace

struct LivePhaseMaps::Private {
    const acq::StimulusTimeline &timeline;
    AnalysisParameters parameters;
    int maxSide;
    mutable std::mutex mutex;
    SweepSchedule schedule;
    std::size_t logEntriesRead = 0;
    int rows = 0, cols = 0;
    std::map<std::size_t, Run> runs;
    std::uint64_t framesUsed = 0;

    Private(const acq::StimulusTimeline &t, AnalysisParameters p, int side)
        : timeline(t), parameters(std::move(p)), maxSide(side), schedule(rowsOf(t), {}, t.refreshHz())
    {
    }

    void readLog()
    {
        const std::vector<acq::PresentedRow> log = timeline.log(INT64_MAX, logEntriesRead);
        logEntriesRead += log.size();
        for (const acq::PresentedRow &entry : log)
            if (!entry.dropped && entry.presentedNs >= 0)
                schedule.addPresented({entry.row, entry.presentedNs});
    }
};

LivePhaseMaps::LivePhaseMaps(const acq::StimulusTimeline &timeline, AnalysisParameters parameters, int maxSide)
    : d(std::make_unique<Private>(timeline, std::move(parameters), std::max(maxSide, 1)))
{
}

LivePhaseMaps::~LivePhaseMaps() = default;

bool LivePhaseMaps::addFrame(std::span<const std::uint16_t> pixels, int width, int height, std::int64_t hostNs)
{
    const std::lock_guard lock(d->mutex);
    d->readLog();
    const auto phase = d->schedule.phaseAt(hostNs, std::int64_t(d->parameters.expectedDelayS * 1e9));
    if (!phase || width < 1 || height < 1 || pixels.size() != std::size_t(width) * std::size_t(height))
        return false;
    if (d->rows == 0) {
        const int binning = (std::max(width, height) + d->maxSide - 1) / d->maxSide;
        d->rows = std::max(1, height / binning);
        d->cols = std::max(1, width / binning);
    }
    const cv::Mat frame(height, width, CV_16U, const_cast<std::uint16_t *>(pixels.data()));
    cv::Mat small;
    cv::resize(frame, small, cv::Size(d->cols, d->rows), 0, 0, cv::INTER_AREA);
    auto [run, added] = d->runs.try_emplace(phase->run);
    if (added)
        run->second.sums = PhaseAccumulator(std::size_t(d->rows) * std::size_t(d->cols), Components);
    std::array<std::complex<double>, Components> phasors;
    for (std::size_t c = 0; c < Components; ++c) {
        phasors[c] = std::polar(1.0, harmonic(c) * phase->radians);
        run->second.phasorSums[c] += phasors[c];
    }
    const std::span<const std::uint16_t> binned(small.ptr<std::uint16_t>(), small.total());
    run->second.sums.add(binned, phasors,
                         d->parameters.globalSignal == AnalysisParameters::GlobalSignalMode::Keep
                             ? std::vector<double>()
                             : PhaseAccumulator::inverseMeans(binned, binned.size()));
    ++d->framesUsed;
    return true;
}

std::uint64_t LivePhaseMaps::framesUsed() const
{
    const std::lock_guard lock(d->mutex);
    return d->framesUsed;
}

RetinotopyMaps LivePhaseMaps::snapshot() const
{
    const std::lock_guard lock(d->mutex);
    RetinotopyMaps maps;
    if (d->runs.empty())
        return maps;
    const std::size_t pixels = std::size_t(d->rows) * std::size_t(d->cols);
    std::vector<std::optional<DirectionF1>> directions(4);
    std::vector<double> mean(pixels);
    std::uint64_t frames = 0;
    for (const auto &[index, run] : d->runs) {
        const double n = double(run.sums.frames());
        if (n < 2)
            continue;
        std::optional<DirectionF1> &direction = directions[std::size_t(d->schedule.runs()[index].direction)];
        if (!direction)
            direction.emplace();
        // Gf1image.m: F1 = 2/N·[Σ e^{iθ}·img − mean(img)·Σ e^{iθ}].
        direction->addRun(
            [&](std::size_t c, std::size_t p) {
                return 2.0 / n * (run.sums.value(c, p) - run.sums.sum()[p] / n * run.phasorSums[c]);
            },
            run.sums.sum(), run.sums.frames(), d->parameters.negativeResponse);
        for (std::size_t p = 0; p < pixels; ++p)
            mean[p] += run.sums.sum()[p];
        frames += run.sums.frames();
    }
    if (frames == 0)
        return maps;
    maps.directionF1.resize(4);
    for (std::size_t dir = 0; dir < 4; ++dir) {
        if (!directions[dir])
            continue;
        directions[dir]->finish();
        maps.directionF1[dir] = f1Image(*directions[dir], d->rows, d->cols);
    }
    maps.meanFrame.create(d->rows, d->cols);
    for (std::size_t p = 0; p < pixels; ++p)
        maps.meanFrame(int(p)) = float(mean[p] / double(frames));
    maps.notes.emplace_back("live: no drift removal until the recording is analysed");
    fillPositionMaps(maps, std::move(directions), d->schedule, d->parameters, d->rows, d->cols);
    return maps;
}

} // namespace retino
