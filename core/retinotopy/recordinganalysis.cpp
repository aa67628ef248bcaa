#include "core/retinotopy/recordinganalysis.h"

#include "core/acquisition/recordinglayout.h"
#include "core/error.h"
#include "core/files/filelock.h"
#include "core/h5/file.h"
#include "core/h5/group.h"
#include "core/h5/outputfile.h"
#include "core/hash/sha256.h"
#include "core/params/canonicaljson.h"
#include "core/retinotopy/f1weights.h"
#include "core/retinotopy/globalsignal.h"
#include "core/retinotopy/phaseaccumulator.h"
#include "core/retinotopy/positionmaps.h"
#include "core/retinotopy/resultstore.h"
#include "core/retinotopy/sweepschedule.h"

#include <opencv2/imgproc.hpp>

#include <chrono>
#include <future>

namespace retino {

namespace {

// Bumped whenever the analysis changes its results, so that older stored results are not reused.
constexpr const char *AnalysisVersion = "retinotopy-2";
constexpr std::uint64_t FramesPerBlock = 16;

std::filesystem::path siblingOf(const std::filesystem::path &recording)
{
    std::filesystem::path sibling = recording;
    sibling.replace_extension(".retinotopy.h5");
    return sibling;
}

struct Recording {
    h5::File file;
    std::string name;
    int width = 0, height = 0;
    std::uint64_t frames = 0;
    std::vector<std::int64_t> hostNs;
    double pixelSizeUm = std::nan("");
    std::string inputSha256;
};

Recording openRecording(const std::filesystem::path &path)
{
    Recording r{h5::File::open(path, h5::Access::ReadOnly), path.filename().string()};
    const h5::Group root = r.file.root();
    const h5::Attributes attributes = root.attributes();
    if (!attributes.contains("format") || attributes.getString("format") != acq::layout::Format)
        throw core::Error(r.name + ": not a Macroscope recording (no format \"" + acq::layout::Format + "\")");
    if (attributes.get("complete") != true)
        throw core::Error(r.name + ": the recording is not complete; `macroscope-cli recover` makes it complete");
    const h5::Shape shape = root.dataset(acq::layout::Frames).shape();
    if (shape.size() != 3)
        throw core::Error(r.name + ": " + acq::layout::Frames + " is not (frames, height, width)");
    r.frames = shape[0];
    r.height = int(shape[1]);
    r.width = int(shape[2]);
    r.hostNs = root.dataset(acq::layout::HostTimestamp).read<std::int64_t>();
    if (r.hostNs.size() != r.frames)
        throw core::Error(r.name + ": " + acq::layout::HostTimestamp + " does not have one timestamp per frame");
    if (!root.contains(acq::layout::Stimulus))
        throw core::Error(r.name + ": it was recorded without a stimulus, so there is nothing to map");
    const h5::Attributes camera = root.group(acq::layout::Camera).attributes();
    if (camera.contains("pixel_size_um"))
        r.pixelSizeUm = camera.get("pixel_size_um").get<double>();

    // What makes this recording this recording, cheaply: its frames' shape, their nanosecond timestamps
    // and the stimulus it showed. Hashing gigabytes of frames to decide whether to reuse would cost as much
    // as the analysis.
    hash::Sha256 sha;
    for (std::uint64_t value : shape)
        sha.update(&value, sizeof value);
    sha.update(r.hostNs.data(), r.hostNs.size() * sizeof(std::int64_t));
    sha.update(root.group(acq::layout::Stimulus).attributes().getString("sha256"));
    // The phases come from the presentation log as much as from the frames' timestamps.
    if (root.contains(acq::layout::PresentationTime)) {
        const auto rows = root.dataset(acq::layout::PresentationRow).read<std::uint64_t>();
        const auto times = root.dataset(acq::layout::PresentationTime).read<std::int64_t>();
        sha.update(rows.data(), rows.size() * sizeof(std::uint64_t));
        sha.update(times.data(), times.size() * sizeof(std::int64_t));
    }
    r.inputSha256 = hash::toHex(sha.finish());
    return r;
}

void checkStop(const AnalysisProgress &progress)
{
    if (progress.stop.stop_requested())
        throw core::Error("analysis cancelled");
}

void report(const AnalysisProgress &progress, double fraction, const std::string &stage)
{
    if (progress.report)
        progress.report(fraction, stage);
}

// Frames [first, first + count), averaged in binning × binning blocks.
std::vector<std::uint16_t> readFrames(const h5::Dataset &frames, const Recording &r, std::uint64_t first,
                                      std::uint64_t count, int binning)
{
    std::vector<std::uint16_t> pixels = frames.read<std::uint16_t>(
        {first, 0, 0}, {count, std::uint64_t(r.height), std::uint64_t(r.width)});
    if (binning == 1)
        return pixels;
    const int rows = r.height / binning, cols = r.width / binning;
    std::vector<std::uint16_t> binned(count * std::size_t(rows) * std::size_t(cols));
    for (std::uint64_t k = 0; k < count; ++k) {
        const cv::Mat frame(r.height, r.width, CV_16U, pixels.data() + k * std::size_t(r.height) * std::size_t(r.width));
        cv::Mat out(rows, cols, CV_16U, binned.data() + k * std::size_t(rows) * std::size_t(cols));
        cv::resize(frame(cv::Rect(0, 0, cols * binning, rows * binning)), out, out.size(), 0, 0, cv::INTER_AREA);
    }
    return binned;
}

struct RunFrames {
    std::uint64_t first = 0, count = 0;
    std::vector<double> timesS, phases;
};

// Frame by frame, the weights of the F1 and of the noise probes (positionmaps.h).
std::vector<std::complex<double>> interleavedWeights(const RunFrames &run, const double cycleS, const DriftSettings &drift)
{
    std::vector<std::complex<double>> weights(run.count * Components);
    const auto f1 = f1Weights(run.timesS, run.phases, cycleS, drift);
    for (std::size_t c = 0; c < Components; ++c) {
        const auto component =
            c == 0 ? f1 : noiseProbeWeights(run.timesS, run.phases, cycleS, drift, NoiseProbeHarmonics[c - 1], f1);
        for (std::size_t k = 0; k < run.count; ++k)
            weights[k * Components + c] = component[k];
    }
    return weights;
}

RetinotopyResult compute(const Recording &r, const SweepSchedule &schedule, const AnalysisParameters &parameters,
                         const AnalysisProgress &progress)
{
    const int binning = parameters.binning;
    const int rows = r.height / binning, cols = r.width / binning;
    if (rows < 1 || cols < 1)
        throw core::Error(r.name + ": binning " + std::to_string(binning) + " leaves no pixels of " +
                          std::to_string(r.width) + "x" + std::to_string(r.height) + " frames");
    const std::size_t pixels = std::size_t(rows) * std::size_t(cols);

    // Frames are in time order and runs do not overlap, so each run's frames are one contiguous range.
    std::vector<RunFrames> runs(schedule.runs().size());
    const auto lagNs = std::int64_t(parameters.expectedDelayS * 1e9);
    for (std::uint64_t k = 0; k < r.frames; ++k) {
        const auto phase = schedule.phaseAt(r.hostNs[k], lagNs);
        if (!phase)
            continue;
        RunFrames &run = runs[phase->run];
        if (run.count == 0)
            run.first = k;
        if (run.first + run.count != k)
            throw core::Error(r.name + ": frame timestamps go backwards at frame " + std::to_string(k));
        ++run.count;
        run.timesS.push_back(double(r.hostNs[k] - r.hostNs[run.first]) * 1e-9);
        run.phases.push_back(phase->radians);
    }
    std::uint64_t framesInRuns = 0;
    for (const RunFrames &run : runs)
        framesInRuns += run.count;
    if (framesInRuns == 0)
        throw core::Error(r.name + ": no frame was taken while the stimulus swept");

    RetinotopyResult result;
    std::vector<std::optional<DirectionF1>> directions(4);
    std::vector<double> meanFrame(pixels);
    GlobalSignal globalSignal(rows, cols, runs.size());
    const h5::Dataset frames = r.file.root().dataset(acq::layout::Frames);
    std::uint64_t done = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const RunFrames &run = runs[i];
        if (run.count < 3)
            continue;
        const SweepRun &sweepRun = schedule.runs()[i];
        const double cycleS = sweepRun.cycleRows / schedule.refreshHz();
        const std::vector<std::complex<double>> weights = interleavedWeights(run, cycleS, parameters.drift);
        PhaseAccumulator accumulator(pixels, Components);
        // Reading the next block overlaps with summing this one.
        const auto readBlock = [&](std::uint64_t offset) {
            return readFrames(frames, r, run.first + offset, std::min(FramesPerBlock, run.count - offset), binning);
        };
        std::future<std::vector<std::uint16_t>> next = std::async(std::launch::async, readBlock, 0);
        for (std::uint64_t offset = 0; offset < run.count; offset += FramesPerBlock) {
            checkStop(progress);
            const std::vector<std::uint16_t> block = next.get();
            if (offset + FramesPerBlock < run.count)
                next = std::async(std::launch::async, readBlock, offset + FramesPerBlock);
            const std::size_t n = block.size() / pixels;
            const auto blockWeights = std::span(weights).subspan(offset * Components, n * Components);
            accumulator.add(block, blockWeights);
            globalSignal.add(i, block, blockWeights);
            done += n;
            report(progress, double(done) / double(framesInRuns), "phase maps");
        }
        std::optional<DirectionF1> &direction = directions[std::size_t(sweepRun.direction)];
        if (!direction)
            direction.emplace();
        direction->addRun([&](std::size_t c, std::size_t p) { return accumulator.value(c, p); }, accumulator.sum(),
                          run.count, parameters.negativeResponse);
        for (std::size_t p = 0; p < pixels; ++p)
            meanFrame[p] += accumulator.sum()[p];
    }

    for (auto &direction : directions)
        if (direction)
            direction->finish();
    // The common signal of the chosen tiles, removed from each direction (weighted as its runs are).
    const auto withoutGlobalSignal = [&](const std::vector<bool> &tiles) {
        std::vector<std::optional<DirectionF1>> corrected = directions;
        for (std::size_t i = 0; i < runs.size(); ++i) {
            std::optional<DirectionF1> &direction = corrected[std::size_t(schedule.runs()[i].direction)];
            if (runs[i].count < 3 || !direction)
                continue;
            auto offset = globalSignal.f1(i, tiles);
            const double share = (parameters.negativeResponse ? -1.0 : 1.0) * double(runs[i].count) / double(direction->frames);
            for (auto &value : offset)
                value *= share;
            direction->subtract(offset);
        }
        return corrected;
    };
    RetinotopyMaps &maps = result.maps;
    using Mode = AnalysisParameters::GlobalSignalMode;
    if (parameters.globalSignal == Mode::Quiet) {
        RetinotopyMaps preliminary;
        fillPositionMaps(preliminary, withoutGlobalSignal(globalSignal.allTiles()), schedule, parameters, rows, cols);
        directions = withoutGlobalSignal(globalSignal.quietTiles(preliminary.responseMask, 0.1));
    } else if (parameters.globalSignal == Mode::All) {
        directions = withoutGlobalSignal(globalSignal.allTiles());
    }
    maps.directionF1.resize(4);
    for (std::size_t d = 0; d < 4; ++d)
        if (directions[d])
            maps.directionF1[d] = f1Image(*directions[d], rows, cols);
    maps.meanFrame.create(rows, cols);
    for (std::size_t p = 0; p < pixels; ++p)
        maps.meanFrame(int(p)) = float(meanFrame[p] / double(done));
    maps.pixelSizeUm = r.pixelSizeUm * binning;
    if (parameters.drift.method == DriftRemoval::None)
        maps.notes.push_back("no drift removal");
    fillPositionMaps(maps, std::move(directions), schedule, parameters, rows, cols);
    return result;
}

std::optional<RetinotopyResult> storedResult(const std::filesystem::path &file, const std::string &key)
{
    if (!std::filesystem::exists(file))
        return std::nullopt;
    try {
        const h5::File h5file = h5::File::open(file, h5::Access::ReadOnly);
        if (!h5file.root().contains(ResultsGroup))
            return std::nullopt;
        auto result = readResult(h5file.root().group(ResultsGroup), key);
        if (result)
            result->resultFile = file;
        return result;
    } catch (const std::exception &error) {
        throw core::Error(file.filename().string() + ": " + ResultsGroup + "/" + key + ": " + error.what());
    }
}

// Into NAME.retinotopy.h5 beside the recording, rewritten atomically with the analyses it already held. Never
// into the recording itself: HDF5 has no crash-safe update in place, and a write cut short would leave the
// raw recording marked as open for writing (unreadable until h5clear) or its root group half-updated.
// Writers of one sibling take turns on its lock file, so a stale .partial is theirs to replace.
std::filesystem::path store(const std::filesystem::path &recording, const ResultIdentity &identity,
                            const RetinotopyResult &result)
{
    const std::filesystem::path sibling = siblingOf(recording);
    std::filesystem::path lockPath = sibling;
    lockPath += ".lock";
    const files::FileLock lock(lockPath, files::FileLock::Mode::Wait, true);
    std::error_code ignored;
    std::filesystem::remove(files::partialPathFor(sibling), ignored);
    h5::OutputFile output(sibling, ResultFormat, ResultFormatVersion);
    {
        const h5::Group root = output.root();
        root.attributes().set("recording", recording.filename().string());
        root.attributes().set("input_sha256", identity.inputSha256);
        const h5::Group results = root.createGroup(ResultsGroup);
        if (std::filesystem::exists(sibling)) {
            const h5::File old = h5::File::open(sibling, h5::Access::ReadOnly);
            if (old.root().contains(ResultsGroup)) {
                const h5::Group oldResults = old.root().group(ResultsGroup);
                for (const std::string &key : completeResults(oldResults))
                    if (key != identity.key)
                        oldResults.copy(key, results, key);
            }
        }
        writeResult(results, identity, result);
    } // every handle into the new file is closed before commit() closes it
    output.commit();
    return sibling;
}

} // namespace

namespace {

// A recording opened for analysis with everything that identifies the analysis.
struct Prepared {
    Recording recording;
    SweepSchedule schedule;
    AnalysisParameters parameters; // the pixel size filled in
    SegmentationParameters segmentation;
    ResultIdentity identity;
};

Prepared prepareNamed(const std::filesystem::path &path, const AnalysisParameters &parameters)
{
    Recording recording = openRecording(path);
    SweepSchedule schedule = SweepSchedule::read(recording.file.root(), recording.name);
    AnalysisParameters resolved = parameters;
    if (!std::isfinite(resolved.pixelSizeUm))
        resolved.pixelSizeUm = recording.pixelSizeUm;
    SegmentationParameters segmentation = resolved.segmentationFor(resolved.pixelSizeUm * resolved.binning);
    ResultIdentity identity;
    identity.inputSha256 = recording.inputSha256;
    // The segmentation's keys enter resolved (defaults filled, µm in pixels), so that equal settings hash alike
    // however they were written.
    identity.parameters = resolved.toJson();
    for (const std::string &key : SegmentationParameters::keys())
        identity.parameters.erase(key);
    identity.parameters["segmentation"] = segmentation.toJson();
    identity.key = hash::sha256Hex(params::canonicalJson(
        {{"analysis", AnalysisVersion}, {"input", identity.inputSha256}, {"parameters", identity.parameters}}));
    return {std::move(recording), std::move(schedule), std::move(resolved), segmentation, std::move(identity)};
}

// Every problem with the input, in the file's name.
Prepared prepare(const std::filesystem::path &path, const AnalysisParameters &parameters)
{
    const std::string name = path.filename().string();
    if (path.extension() == ".partial")
        throw core::Error(name + ": an unfinished recording; `macroscope-cli recover` makes a complete file of it");
    try {
        return prepareNamed(path, parameters);
    } catch (const std::exception &error) {
        const std::string message = error.what();
        throw core::Error(message.find(name) != std::string::npos ? message : name + ": " + message);
    }
}

RetinotopyResult computeResult(const Prepared &prepared, const AnalysisProgress &progress)
{
    const auto started = std::chrono::steady_clock::now();
    RetinotopyResult result = compute(prepared.recording, prepared.schedule, prepared.parameters, progress);
    result.maps.pixelSizeUm = prepared.parameters.pixelSizeUm * prepared.parameters.binning;
    checkStop(progress);
    if (!result.maps.azimuthDeg.empty() && !result.maps.altitudeDeg.empty()) {
        report(progress, 1.0, "segmentation");
        result.segmentation = segmentAreas(result.maps.altitudeDeg, result.maps.azimuthDeg, prepared.segmentation,
                                           result.maps.altitudePower, result.maps.azimuthPower);
        result.segmentationParameters = prepared.segmentation;
    } else {
        result.maps.notes.push_back("no segmentation: it needs both azimuth and altitude maps");
    }
    result.key = prepared.identity.key;
    result.resultPath = std::string(ResultsGroup) + "/" + prepared.identity.key;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace

RetinotopyResult computeRetinotopy(const std::filesystem::path &recording, const AnalysisParameters &parameters,
                                   const AnalysisProgress &progress)
{
    return computeResult(prepare(recording, parameters), progress);
}

RetinotopyResult analyzeRecording(const std::filesystem::path &path, const AnalysisParameters &parameters,
                                  const AnalysisProgress &progress)
{
    std::optional<Prepared> prepared(prepare(path, parameters));
    const ResultIdentity identity = prepared->identity;
    if (auto stored = storedResult(siblingOf(path), identity.key))
        return *stored;
    RetinotopyResult result = computeResult(*prepared, progress);
    prepared.reset(); // the file is reopened for writing
    result.resultFile = store(path, identity, result);
    return result;
}

std::optional<RetinotopyResult> latestAnalysis(const std::filesystem::path &recording)
{
    const std::filesystem::path file = siblingOf(recording);
    if (!std::filesystem::exists(file))
        return std::nullopt;
    std::string key;
    {
        const h5::File h5file = h5::File::open(file, h5::Access::ReadOnly);
        if (!h5file.root().contains(ResultsGroup))
            return std::nullopt;
        const auto keys = completeResults(h5file.root().group(ResultsGroup));
        if (keys.empty())
            return std::nullopt;
        key = keys.front();
    }
    return storedResult(file, key);
}

} // namespace retino
