#include "core/stimulus/stimulusfile.h"

#include "core/error.h"
#include "core/h5/error.h"
#include "core/h5/outputfile.h"
#include "core/h5/table.h"
#include "core/hash/sha256.h"
#include "core/params/canonicaljson.h"
#include "core/params/jsontext.h"
#include "core/stimulus/framepipeline.h"
#include "core/stimulus/framerenderer.h"
#include "core/stimulus/geometry.h"
#include "core/stimulus/stimulusplan.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <cmath>
#include <future>
#include <limits>

namespace stimulus {

namespace {

const std::string formatName = "macroscope.stimulus";
const std::string formatVersion = "1.0";
constexpr int formatMajor = 1;

// Measured on the default stimulus at 1920×1080 (3857 frames, mostly background): level 1 compresses a frame
// in 5 ms to 16 KiB, level 6 in 14 ms to 7 KiB. HDF5 compresses on the writing thread, which is the
// bottleneck, so level 1 (a 67 MB file, against 32 MB) halves generation time for a size that does not
// matter. Shuffle is pointless for single-byte elements.
constexpr unsigned frameDeflateLevel = 1;
// The display log and the geometry maps are small next to the frames; compress them harder.
constexpr unsigned tableDeflateLevel = 6;
constexpr std::uint64_t tableChunkRows = 16384;

// The /display codes (0 LR, 1 RL, 2 TB, 3 BT) are the enum's values.
static_assert(static_cast<int>(Direction::LeftToRight) == 0 && static_cast<int>(Direction::RightToLeft) == 1 &&
              static_cast<int>(Direction::TopToBottom) == 2 && static_cast<int>(Direction::BottomToTop) == 3);

std::int8_t directionNumber(const std::optional<Direction> &direction)
{
    return direction ? static_cast<std::int8_t>(*direction) : std::int8_t{-1};
}

void writeGeometry(const h5::Group &root, const AngleMaps &field)
{
    const h5::Shape shape{static_cast<std::uint64_t>(field.height), static_cast<std::uint64_t>(field.width)};
    const h5::DatasetOptions options{.chunk = shape,
                                     .filters = {h5::Filter::shuffle(), h5::Filter::deflate(tableDeflateLevel)}};
    root.createDataset<float>("geometry/altitude_deg", shape, options).write<float>(field.altitudeDeg);
    root.createDataset<float>("geometry/azimuth_deg", shape, options).write<float>(field.azimuthDeg);
}

void writeDisplay(const h5::Group &root, const StimulusPlan &plan, double refreshHz)
{
    const std::size_t rows = plan.display.size();
    std::vector<std::uint32_t> frame(rows);
    std::vector<std::int8_t> direction(rows), polarity(rows);
    std::vector<std::int32_t> sweep(rows);
    std::vector<double> centre(rows), time(rows);
    std::vector<std::uint8_t> photodiode(rows);
    for (std::size_t row = 0; row < rows; ++row) {
        const DisplayStep &step = plan.display[row];
        const UniqueFrame &shown = plan.frames.at(step.frame);
        frame[row] = step.frame;
        direction[row] = directionNumber(shown.direction);
        sweep[row] = step.sweep;
        centre[row] = shown.direction ? shown.barCenterDeg : std::numeric_limits<double>::quiet_NaN();
        polarity[row] = shown.polarity;
        photodiode[row] = step.photodiode;
        time[row] = static_cast<double>(row) / refreshHz;
    }
    h5::Table table;
    table.addColumn("frame", std::move(frame));
    table.addColumn("direction", std::move(direction));
    table.addColumn("sweep", std::move(sweep));
    table.addColumn("bar_center_deg", std::move(centre));
    table.addColumn("polarity", std::move(polarity));
    table.addColumn("photodiode", std::move(photodiode));
    table.addColumn("time_s", std::move(time));
    h5::writeTable(root, "display", table,
                   {.chunk = {tableChunkRows}, .filters = {h5::Filter::deflate(tableDeflateLevel)}});
}

// SHA-256 of every frame chunk exactly as stored (its filter mask, little-endian, then its deflated bytes):
// checking it reads the file but decompresses nothing, so a library can check a file before each reuse at
// disk speed, where decoding every frame would take nearly as long as generating them.
void addStoredChunk(hash::Sha256 &digest, std::uint32_t filterMask, std::span<const std::uint8_t> bytes)
{
    const std::uint8_t mask[4] = {static_cast<std::uint8_t>(filterMask), static_cast<std::uint8_t>(filterMask >> 8),
                                  static_cast<std::uint8_t>(filterMask >> 16), static_cast<std::uint8_t>(filterMask >> 24)};
    digest.update(mask, sizeof mask);
    digest.update(bytes.data(), bytes.size());
}

std::string storedFramesSha256(const h5::Dataset &frames)
{
    hash::Sha256 digest;
    const h5::Shape shape = frames.shape();
    for (std::uint64_t index = 0; index < shape.at(0); ++index) {
        const auto chunk = frames.readRawChunk({index, 0, 0});
        addStoredChunk(digest, chunk.filterMask, chunk.bytes);
    }
    return hash::toHex(digest.finish());
}

// The frame as the deflate filter would store it (a zlib stream, as HDF5's filter writes with compress2), made
// on the rendering worker so that compression is spread over the cores instead of running inside HDF5 on
// the writing thread.
void deflateFrame(std::span<const std::uint8_t> pixels, std::vector<std::uint8_t> &encoded)
{
    uLongf size = compressBound(static_cast<uLong>(pixels.size()));
    encoded.resize(size);
    if (compress2(encoded.data(), &size, pixels.data(), static_cast<uLong>(pixels.size()), frameDeflateLevel) != Z_OK)
        throw core::Error("cannot deflate a stimulus frame");
    encoded.resize(size);
}

// Everything but the commit, so that every dataset handle is closed when it returns (commit requires it).
GenerationSummary writeContent(h5::OutputFile &output, const StimulusParameters &parameters,
                               const GenerationProgress &progress)
{
    const AngleMaps field = angleMaps(parameters.monitor, parameters.pose, Correction::Spherical);
    AngleMaps coordinates = parameters.correction == Correction::Spherical
                                ? field
                                : angleMaps(parameters.monitor, parameters.pose, parameters.correction);
    const StimulusPlan plan =
        planStimulus(parameters, {coordinates.azimuthRange(), coordinates.altitudeRange()});
    const FrameRenderer renderer(parameters, std::move(coordinates));
    const GenerationSummary summary{plan.frames.size(), plan.display.size()};

    const h5::Group root = output.root();
    const std::string text = params::canonicalJson(parameters.toJson());
    const h5::Attributes attributes = root.attributes();
    attributes.set("parameters", text);
    attributes.set("parameters_sha256", hash::sha256Hex(text));
    attributes.set("unique_frames", summary.uniqueFrames);
    attributes.set("display_frames", summary.displayFrames);
    attributes.set("refresh_hz", parameters.monitor.refreshHz);
    writeGeometry(root, field);
    writeDisplay(root, plan, parameters.monitor.refreshHz);

    const auto height = static_cast<std::uint64_t>(renderer.height());
    const auto width = static_cast<std::uint64_t>(renderer.width());
    const h5::Dataset frames = root.createDataset<std::uint8_t>(
        "frames", {summary.uniqueFrames, height, width},
        {.chunk = {1, height, width}, .filters = {h5::Filter::deflate(frameDeflateLevel)}, .fill = false});
    hash::Sha256 framesHash;
    hash::Sha256 storedHash;
    const bool finished = runFramePipeline(
        summary.uniqueFrames, renderer.frameBytes(),
        [&](std::uint64_t index, FrameSlot &slot) {
            renderer.render(plan.frames[index], slot.pixels);
            deflateFrame(slot.pixels, slot.encoded);
        },
        [&](std::uint64_t index, const FrameSlot &slot) {
            // Hashing the pixels (~5 ms per 1920×1080 frame) beside the HDF5 call keeps the writing thread
            // from doing both in turn; both digests must see the frames in order.
            auto hashed = std::async(std::launch::async,
                                     [&] { framesHash.update(slot.pixels.data(), slot.pixels.size()); });
            frames.writeRawChunk({index, 0, 0}, slot.encoded);
            addStoredChunk(storedHash, 0, slot.encoded);
            hashed.get();
            if (progress.report)
                progress.report(index + 1, summary.uniqueFrames);
        },
        progress.stop);
    if (!finished)
        throw core::Error(output.target().string() + ": generation cancelled");
    attributes.set("frames_sha256", hash::toHex(framesHash.finish()));
    attributes.set("frames_storage_sha256", hash::toHex(storedHash.finish()));
    return summary;
}

} // namespace

GenerationSummary writeStimulusFile(const StimulusParameters &parameters, const std::filesystem::path &target,
                                    const GenerationProgress &progress)
{
    // Out-of-range values (a zero speed, a 1-pixel monitor) are refused before any file exists, and the
    // stored text then parses back into exactly these parameters.
    const StimulusParameters checked = StimulusParameters::fromJson(parameters.toJson(), target.string());
    h5::OutputFile output(target, formatName, formatVersion);
    const GenerationSummary summary = writeContent(output, checked, progress);
    output.commit();
    return summary;
}

struct StimulusFile::Private {
    explicit Private(const std::filesystem::path &opened) : path(opened), file(h5::File::open(opened)) {}

    std::filesystem::path path;
    h5::File file;
    h5::Dataset frames;
    std::string parametersText;
    StimulusParameters parameters;
    int width = 0;
    int height = 0;
    std::uint64_t uniqueFrames = 0;
};

namespace {

void check(bool condition, const std::filesystem::path &path, const std::string &problem)
{
    if (!condition)
        throw core::Error(path.string() + ": " + problem);
}

} // namespace

StimulusFile::StimulusFile(const std::filesystem::path &path)
    : d(std::make_unique<Private>(path))
{
    const h5::Attributes attributes = d->file.root().attributes();
    const auto text = [&](const char *name) {
        check(attributes.contains(name), path, std::string("no root attribute '") + name + "'");
        return attributes.getString(name);
    };
    const std::string format = text("format");
    check(format == formatName, path, "not a stimulus file (format '" + format + "', expected '" + formatName + "')");
    const std::string version = text("format_version");
    check(std::atoi(version.c_str()) == formatMajor, path,
          "stimulus format version " + version + " is not supported (this reader reads " + formatVersion + ")");
    check(attributes.contains("complete") && attributes.get("complete") == true, path,
          "the stimulus file is incomplete (its writer did not finish)");

    d->parametersText = text("parameters");
    d->parameters = StimulusParameters::fromJson(params::parseJson(d->parametersText, path.string() + " (parameters)"),
                                                 path.string() + " (parameters)");
    d->frames = d->file.root().dataset("frames");
    const h5::Shape shape = d->frames.shape();
    check(shape.size() == 3, path, "/frames is not (frames, height, width)");
    d->uniqueFrames = shape[0];
    d->height = static_cast<int>(shape[1]);
    d->width = static_cast<int>(shape[2]);
}

StimulusFile::~StimulusFile() = default;
StimulusFile::StimulusFile(StimulusFile &&) noexcept = default;
StimulusFile &StimulusFile::operator=(StimulusFile &&) noexcept = default;

const std::filesystem::path &StimulusFile::path() const { return d->path; }
const StimulusParameters &StimulusFile::parameters() const { return d->parameters; }
std::string StimulusFile::parametersText() const { return d->parametersText; }
std::string StimulusFile::parametersSha256() const { return d->file.root().attributes().getString("parameters_sha256"); }
std::string StimulusFile::framesSha256() const { return d->file.root().attributes().getString("frames_sha256"); }
std::string StimulusFile::framesStorageSha256() const
{
    return d->file.root().attributes().getString("frames_storage_sha256");
}
std::string StimulusFile::hashStoredFrames() const { return storedFramesSha256(d->frames); }
int StimulusFile::width() const { return d->width; }
int StimulusFile::height() const { return d->height; }
std::uint64_t StimulusFile::uniqueFrames() const { return d->uniqueFrames; }

std::uint64_t StimulusFile::displayFrames() const
{
    return d->file.root().dataset("display/frame").shape().at(0);
}

void StimulusFile::readFrame(std::uint64_t index, std::span<std::uint8_t> pixels) const
{
    const auto bytes = static_cast<std::size_t>(d->width) * static_cast<std::size_t>(d->height);
    check(index < d->uniqueFrames, d->path,
          "frame " + std::to_string(index) + " requested, the file has " + std::to_string(d->uniqueFrames));
    check(pixels.size() == bytes, d->path,
          "frame buffer of " + std::to_string(pixels.size()) + " bytes, a frame has " + std::to_string(bytes));
    const auto frame = d->frames.read<std::uint8_t>(
        {index, 0, 0}, {1, static_cast<std::uint64_t>(d->height), static_cast<std::uint64_t>(d->width)});
    std::copy(frame.begin(), frame.end(), pixels.begin());
}

namespace {

template <class T>
const std::vector<T> &column(const h5::Table &table, const char *name, const std::string &where)
{
    const h5::Column *found = table.find(name);
    if (!found || !std::holds_alternative<std::vector<T>>(found->data)) {
        std::string problem = where;
        problem.append(" has no column '").append(name).append("' of the expected type");
        throw core::Error(problem);
    }
    return std::get<std::vector<T>>(found->data);
}

} // namespace

std::vector<StimulusFile::DisplayRow> StimulusFile::displayRows() const
{
    return readDisplayRows(d->file.root().group("display"), d->path.string() + ": /display");
}

std::vector<StimulusFile::DisplayRow> readDisplayRows(const h5::Group &display, const std::string &where)
{
    const h5::Table table = h5::readTable(display);
    const auto &frame = column<std::uint32_t>(table, "frame", where);
    const auto &direction = column<std::int8_t>(table, "direction", where);
    const auto &sweep = column<std::int32_t>(table, "sweep", where);
    const auto &centre = column<double>(table, "bar_center_deg", where);
    const auto &polarity = column<std::int8_t>(table, "polarity", where);
    const auto &photodiode = column<std::uint8_t>(table, "photodiode", where);
    const auto &time = column<double>(table, "time_s", where);
    std::vector<StimulusFile::DisplayRow> rows(table.rowCount());
    for (std::size_t i = 0; i < rows.size(); ++i)
        rows[i] = {frame[i], direction[i], sweep[i], centre[i], polarity[i], photodiode[i], time[i]};
    return rows;
}

} // namespace stimulus
