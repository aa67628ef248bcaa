#include "core/acquisition/recordingwriter.h"

#include "core/acquisition/camerajson.h"
#include "core/acquisition/recordinglayout.h"
#include "core/error.h"
#include "core/files/filelock.h"
#include "core/files/systemcalls.h"
#include "core/h5/outputfile.h"

#include <utility>

namespace acq {

namespace {

// Per-frame values are appended in blocks of this many: one chunk holds 8 KiB of int64.
constexpr std::uint64_t SeriesChunk = 1024;

template <class T>
h5::Dataset createSeries(const h5::Group &root, const char *path)
{
    return root.createDataset<T>(path, h5::Shape{0}, {.maxShape = {h5::Unlimited}, .chunk = {SeriesChunk}});
}

template <class T>
void appendPending(const h5::Dataset &dataset, std::vector<T> &pending)
{
    if (pending.empty())
        return;
    dataset.append(std::span<const T>(pending));
    pending.clear();
}

struct StatusSeries {
    h5::Dataset time;
    h5::Dataset value;
    std::vector<std::int64_t> pendingTime;
    std::vector<double> pendingValue;
};

} // namespace

struct RecordingWriter::Private {
    files::AtomicFile atomic;
    std::optional<h5::File> file; // the file being created, then NAME.h5.partial as its SWMR writer
    std::optional<files::FileLock> lock;
    RecordingLayout layout;
    std::uint64_t droppedCount = 0;
    std::uint64_t presentationRowsWritten = 0;

    h5::Dataset frames, frameId, cameraTime, hostTime, droppedId, droppedTime;
    h5::Dataset presentationRow, presentationFrame, presentationTime, presentationDropped;
    std::vector<StatusSeries> status;
    std::vector<std::uint64_t> pendingId;
    std::vector<std::int64_t> pendingCameraTime, pendingHostTime;
    std::vector<std::uint64_t> pendingDroppedId;
    std::vector<std::int64_t> pendingDroppedTime;

    Private(const std::filesystem::path &target, const RecordingLayout &recordingLayout)
        : atomic(target)
        , layout(recordingLayout)
    {
    }

    void createLayout();
    void openDatasets();
    void appendPresentationLog(std::int64_t untilNs);
    void closeDatasets()
    {
        frames = frameId = cameraTime = hostTime = droppedId = droppedTime = h5::Dataset();
        presentationRow = presentationFrame = presentationTime = presentationDropped = h5::Dataset();
        status.clear();
    }
};

void RecordingWriter::Private::createLayout()
{
    h5::writeRootAttributes(*file, layout::Format, layout::FormatVersion);
    const h5::Group root = file->root();
    const auto h = static_cast<std::uint64_t>(layout.height), w = static_cast<std::uint64_t>(layout.width);
    const std::size_t frameBytes = std::size_t(h * w * sizeof(std::uint16_t));

    const h5::Group acquisition = root.createGroup("acquisition");
    const h5::Attributes attributes = acquisition.attributes();
    attributes.set("width", layout.width);
    attributes.set("height", layout.height);
    attributes.set("compression", std::string(compressionName(layout.compression)));
    attributes.set("host_clock", "steady_clock_ns");
    if (layout.camera) {
        attributes.set("camera", toJson(layout.camera->description()));
        attributes.set("camera_settings", toJson(layout.camera->settings()));
    }
    if (layout.plannedFrames)
        attributes.set("planned_frames", *layout.plannedFrames);
    if (layout.plannedSeconds)
        attributes.set("planned_seconds", *layout.plannedSeconds);

    // No fill: every chunk is written whole, and a reader must never mistake a fill value for a frame.
    root.createDataset<std::uint16_t>(layout::Frames, h5::Shape{0, h, w},
                                               {.maxShape = {h5::Unlimited, h, w},
                                                .chunk = {1, h, w},
                                                .filters = frameFilters(layout.compression, frameBytes),
                                                .fill = false});
    for (const char *path : {layout::FrameId, layout::DroppedFrameId})
        createSeries<std::uint64_t>(root, path);
    for (const char *path : {layout::CameraTimestamp, layout::HostTimestamp, layout::DroppedHostTimestamp})
        createSeries<std::int64_t>(root, path);

    const h5::Group statusGroup = root.createGroup(layout::Status);
    for (const StatusReading &channel : layout.statusChannels) {
        const h5::Group group = statusGroup.createGroup(channel.channel);
        group.attributes().set("unit", channel.unit);
        createSeries<std::int64_t>(group, "timestamp_ns");
        createSeries<double>(group, "value");
    }

    h5::Group cameraGroup = root.createGroup(layout::Camera);
    if (layout.camera)
        layout.camera->writeCameraData(cameraGroup);

    h5::Group session = root.createGroup(layout::Session);
    for (const auto &[key, value] : layout.session.items())
        session.attributes().set(key, value);

    if (layout.stimulus) {
        const StimulusTimeline &timeline = *layout.stimulus->timeline;
        const h5::Group stimulus = root.createGroup(layout::Stimulus);
        const h5::Attributes stimulusAttributes = stimulus.attributes();
        stimulusAttributes.set("sha256", timeline.stimulusSha256());
        stimulusAttributes.set("library_file", layout.stimulus->libraryFile.string());
        stimulusAttributes.set("refresh_hz", timeline.refreshHz());
        stimulusAttributes.set("source",
                               timeline.source() == StimulusTimeline::Source::Display ? "display" : "schedule");
        // The stimulus's parameters and display table travel with the recording, so that it can be analysed
        // where the library is not.
        const h5::File stimulusFile = h5::File::open(layout.stimulus->libraryFile);
        stimulusAttributes.set("parameters", stimulusFile.root().attributes().get("parameters"));
        stimulusFile.root().copy("display", stimulus, "display");
        createSeries<std::uint64_t>(root, layout::PresentationRow);
        createSeries<std::uint32_t>(root, layout::PresentationFrame);
        createSeries<std::int64_t>(root, layout::PresentationTime);
        createSeries<std::uint8_t>(root, layout::PresentationDropped);
    }
}

void RecordingWriter::Private::openDatasets()
{
    const h5::Group root = file->root();
    frames = root.dataset(layout::Frames);
    frameId = root.dataset(layout::FrameId);
    cameraTime = root.dataset(layout::CameraTimestamp);
    hostTime = root.dataset(layout::HostTimestamp);
    droppedId = root.dataset(layout::DroppedFrameId);
    droppedTime = root.dataset(layout::DroppedHostTimestamp);
    for (const StatusReading &channel : layout.statusChannels) {
        const h5::Group group = root.group(layout::Status).group(channel.channel);
        status.push_back({group.dataset("timestamp_ns"), group.dataset("value"), {}, {}});
    }
    if (layout.stimulus) {
        presentationRow = root.dataset(layout::PresentationRow);
        presentationFrame = root.dataset(layout::PresentationFrame);
        presentationTime = root.dataset(layout::PresentationTime);
        presentationDropped = root.dataset(layout::PresentationDropped);
    }
}

void RecordingWriter::Private::appendPresentationLog(std::int64_t untilNs)
{
    if (!layout.stimulus)
        return;
    const std::vector<PresentedRow> log = layout.stimulus->timeline->log(untilNs, presentationRowsWritten);
    if (log.empty())
        return;
    std::vector<std::uint64_t> rows;
    std::vector<std::uint32_t> frameIndices;
    std::vector<std::int64_t> times;
    std::vector<std::uint8_t> dropped;
    for (const PresentedRow &entry : log) {
        rows.push_back(entry.row);
        frameIndices.push_back(entry.frame);
        times.push_back(entry.presentedNs);
        dropped.push_back(entry.dropped ? 1 : 0);
    }
    presentationRow.append(std::span<const std::uint64_t>(rows));
    presentationFrame.append(std::span<const std::uint32_t>(frameIndices));
    presentationTime.append(std::span<const std::int64_t>(times));
    presentationDropped.append(std::span<const std::uint8_t>(dropped));
    presentationRowsWritten += log.size();
}

RecordingWriter::RecordingWriter(const std::filesystem::path &target, const RecordingLayout &layout)
    : d(std::make_unique<Private>(target, layout))
{
    if (layout.width <= 0 || layout.height <= 0)
        throw core::Error(target.string() + ": frames of " + std::to_string(layout.width) + "x" +
                          std::to_string(layout.height) + " pixels cannot be recorded");
    // A file killed while its layout is being written is neither readable as SWMR nor consistent, so the
    // layout is built under another name and the file becomes NAME.h5.partial only once it is closed and on
    // disk: any .partial that exists can be opened, and recovered.
    std::filesystem::path creating = target;
    creating += ".creating";
    std::error_code ignored;
    std::filesystem::remove(creating, ignored); // an earlier attempt's: it never held a frame
    try {
        d->file = h5::File::create(creating);
        d->createLayout();
        d->file->flush();
        d->file->close();
        files::syncPath(creating);
    } catch (...) {
        d->file.reset();
        std::filesystem::remove(creating, ignored);
        throw;
    }
    // Never over another writer's .partial that appeared meanwhile: that one is not ours to discard either.
    if (const std::error_code error = files::renameFile(creating, partialPath(), false)) {
        std::filesystem::remove(creating, ignored);
        d->atomic.keepPartial();
        throw core::Error(partialPath().string() + ": cannot create (" + error.message() + ")");
    }
    files::syncPath(files::folderOf(partialPath()));
    d->file = h5::File::open(partialPath(), h5::Access::SwmrWrite);
    // Held while recording: `recover` and the panel's recovery offer leave a locked .partial alone. Shared,
    // because SWMR readers lock the file (shared) as they open it.
    d->lock.emplace(partialPath(), files::FileLock::Mode::Try, false, files::FileLock::Sharing::Shared);
    d->openDatasets();
}

RecordingWriter::~RecordingWriter() = default;

const std::filesystem::path &RecordingWriter::partialPath() const { return d->atomic.partialPath(); }
const std::filesystem::path &RecordingWriter::target() const { return d->atomic.target(); }

void RecordingWriter::writeFrame(std::span<const std::uint8_t> chunk, const FrameInfo &info)
{
    const auto h = static_cast<std::uint64_t>(d->layout.height), w = static_cast<std::uint64_t>(d->layout.width);
    d->frames.resize({m_framesWritten + 1, h, w});
    d->frames.writeRawChunk({m_framesWritten, 0, 0}, chunk);
    d->pendingId.push_back(info.cameraFrameId);
    d->pendingCameraTime.push_back(info.cameraTimestampNs);
    d->pendingHostTime.push_back(info.hostTimestampNs);
    ++m_framesWritten;
    m_bytesWritten += chunk.size();
}

void RecordingWriter::addDropped(const FrameInfo &info)
{
    d->pendingDroppedId.push_back(info.cameraFrameId);
    d->pendingDroppedTime.push_back(info.hostTimestampNs);
    ++d->droppedCount;
}

void RecordingWriter::addStatus(std::size_t channel, std::int64_t hostNs, double value)
{
    StatusSeries &series = d->status.at(channel);
    series.pendingTime.push_back(hostNs);
    series.pendingValue.push_back(value);
}

void RecordingWriter::checkpoint(std::int64_t hostNowNs)
{
    // Timestamps after their frames: a frame whose timestamps reached the file is itself in the file.
    appendPending(d->frameId, d->pendingId);
    appendPending(d->cameraTime, d->pendingCameraTime);
    appendPending(d->hostTime, d->pendingHostTime);
    appendPending(d->droppedId, d->pendingDroppedId);
    appendPending(d->droppedTime, d->pendingDroppedTime);
    for (StatusSeries &series : d->status) {
        appendPending(series.time, series.pendingTime);
        appendPending(series.value, series.pendingValue);
    }
    d->appendPresentationLog(hostNowNs);
    d->file->syncToDisk();
}

void RecordingWriter::finish(const std::string &stopReason, std::int64_t hostNowNs)
{
    checkpoint(hostNowNs);
    d->closeDatasets();
    d->file->close();
    d->lock.reset(); // HDF5 locks a file it opens for writing itself, and would find ours
    // A file in SWMR-write mode takes no new attributes: the summary is written after reopening it.
    // SWMR readers may still have the file open (someone watching the recording): they must not stop it.
    h5::File file = h5::File::open(d->atomic.partialPath(), h5::Access::ReadWriteDespiteReaders);
    {
        const h5::Attributes attributes = file.root().attributes();
        attributes.set("stop_reason", stopReason);
        attributes.set("frames", m_framesWritten);
        attributes.set("dropped_frames", d->droppedCount);
        attributes.set("recovered", false);
        attributes.set("complete", true);
    }
    file.flush();
    file.close();
    d->atomic.commit(files::AtomicFile::Replace::Never);
}

void RecordingWriter::abandon() noexcept
{
    try {
        d->closeDatasets();
        d->file->close();
    } catch (...) {
        // The file may be unusable after the failure that brought us here; `recover` reads what is on disk.
    }
    d->lock.reset();
    d->atomic.keepPartial();
}

} // namespace acq
