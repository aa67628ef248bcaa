#include "core/acquisition/recorder.h"

#include "core/acquisition/camerajson.h"
#include "core/acquisition/framering.h"
#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/params/schemaregistry.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <thread>

namespace acq {

namespace {

constexpr std::int64_t NsPerSecond = 1'000'000'000;
constexpr auto PollInterval = std::chrono::milliseconds(100);
constexpr double AssumedFrameRateHz = 30; // for sizing when a camera does not say its rate
constexpr std::size_t MinimumBufferFrames = 8;

std::string megabytes(std::uint64_t bytes)
{
    return std::to_string(bytes >> 20) + " MiB";
}

struct StatusSample {
    std::size_t channel;
    std::int64_t hostNs;
    double value;
};

} // namespace

std::uint64_t freeDiskBytes(const std::filesystem::path &path)
{
    const std::filesystem::path folder = files::folderOf(path);
    std::error_code error;
    const std::filesystem::space_info space = std::filesystem::space(folder, error);
    if (error)
        throw core::Error(folder.string() + ": cannot read the free disk space (" + error.message() + ")");
    return space.available;
}

struct Recorder::Private {
    Camera &camera;
    RecordingPlan plan;
    CameraSettings settings;
    double frameRateHz = AssumedFrameRateHz;
    std::size_t pixelCount = 0;
    std::uint64_t diskReserve = 0;         // the plan's reserve, at least two checkpoint periods of frames
    std::vector<StatusReading> channels;   // camera channels, then buffer_fill
    std::unique_ptr<FrameRing> ring;
    std::unique_ptr<RecordingWriter> writer;

    std::jthread captureThread;
    std::jthread writerThread;
    std::vector<std::jthread> encoderThreads;
    bool started = false;

    std::atomic<bool> stopRequested{false};
    std::atomic<RecorderStatus::State> state{RecorderStatus::State::Ready};
    std::atomic<std::uint64_t> framesCaptured{0}, framesDropped{0}, cameraGaps{0};
    std::atomic<std::uint64_t> framesWritten{0}, bytesWritten{0}, diskFree{0};
    std::atomic<std::int64_t> firstFrameNs{0}, lastFrameNs{0};

    // Each mutex is held only for a few assignments or a swap, so the capture thread never waits long on
    // one; the live frame has its own, which the capture thread only ever tries.
    mutable std::mutex mutex;  // stopReason, error, finalPath
    std::string stopReason;
    std::string error;
    std::filesystem::path finalPath;
    std::mutex pendingMutex;   // what the capture thread hands to the writer
    std::vector<FrameInfo> pendingDropped;
    std::vector<StatusSample> pendingStatus;
    mutable std::mutex liveMutex;
    LiveFrame live;

    Private(Camera &c, RecordingPlan p) : camera(c), plan(std::move(p)) {}

    void stopWith(const std::string &reason)
    {
        {
            const std::lock_guard lock(mutex);
            if (stopReason.empty())
                stopReason = reason;
        }
        stopRequested = true;
    }
    void warn(const std::string &message) const
    {
        if (plan.warning)
            plan.warning(message);
    }
    std::int64_t elapsedNs() const
    {
        const std::int64_t first = firstFrameNs.load();
        return first == 0 ? 0 : std::max<std::int64_t>(0, lastFrameNs.load() - first);
    }

    void capture();
    void captureFrames();
    void encode();
    void write();
    void writeFrames();
    void copyToLiveView(const FrameSlot &slot);
    void readStatus(std::int64_t hostNs);
    void flushPendingInto(RecordingWriter &target, std::vector<FrameInfo> &dropped,
                          std::vector<StatusSample> &samples);
    void finishFile(bool writeFailed);
};

void Recorder::Private::copyToLiveView(const FrameSlot &slot)
{
    // try_lock: a viewer copying out must never hold up the capture thread; it just misses this frame.
    const std::unique_lock lock(liveMutex, std::try_to_lock);
    if (!lock.owns_lock())
        return;
    live.info = slot.info;
    live.width = settings.width;
    live.height = settings.height;
    live.pixels.assign(slot.pixels.begin(), slot.pixels.end());
    ++live.sequence;
}

void Recorder::Private::readStatus(std::int64_t hostNs)
{
    std::vector<StatusSample> samples;
    for (const StatusReading &reading : camera.status()) {
        const auto found = std::find_if(channels.begin(), channels.end(),
                                        [&](const StatusReading &c) { return c.channel == reading.channel; });
        if (found != channels.end())
            samples.push_back({std::size_t(found - channels.begin()), hostNs, reading.value});
    }
    samples.push_back({channels.size() - 1, hostNs, double(ring->fill())});
    const std::lock_guard lock(pendingMutex);
    pendingStatus.insert(pendingStatus.end(), samples.begin(), samples.end());
}

// Every thread body ends the recording on an unexpected failure rather than let it escape (which would
// terminate the process and lose the file's last second): the ring closes, the others drain and finish.
void Recorder::Private::capture()
{
    try {
        captureFrames();
    } catch (const std::exception &e) {
        stopWith(std::string("capture failed: ") + e.what());
        warn(std::string("Recording stopped: capture failed: ") + e.what());
    }
    try {
        camera.stop();
    } catch (const std::exception &e) {
        warn(std::string("The camera did not stop cleanly: ") + e.what());
    }
    ring->close();
}

void Recorder::Private::captureFrames()
{
    std::vector<std::uint16_t> discard(pixelCount);
    const std::int64_t livePeriodNs = plan.liveViewHz > 0 ? std::int64_t(1e9 / plan.liveViewHz) : INT64_MAX;
    std::int64_t lastLiveNs = INT64_MIN / 2, nextStatusNs = 0, lastWarningNs = INT64_MIN / 2;
    std::optional<std::uint64_t> lastId;
    while (!stopRequested) {
        FrameSlot *slot = ring->tryClaim();
        std::optional<FrameInfo> info;
        try {
            info = camera.grab(slot ? std::span(slot->pixels) : std::span(discard), PollInterval);
        } catch (const std::exception &e) {
            stopWith(std::string("camera failed: ") + e.what());
            warn(std::string("Recording stopped: the camera failed: ") + e.what());
            return;
        }
        if (!info) {
            if (camera.hasEnded())
                stopWith("the camera's source ended");
            continue;
        }
        if (firstFrameNs == 0)
            firstFrameNs = info->hostTimestampNs;
        if (plan.seconds && double(info->hostTimestampNs - firstFrameNs) >= *plan.seconds * 1e9) {
            stopWith("planned duration reached");
            return;
        }
        lastFrameNs = info->hostTimestampNs;
        if (lastId && info->cameraFrameId > *lastId + 1)
            cameraGaps += info->cameraFrameId - *lastId - 1;
        lastId = info->cameraFrameId;

        if (slot) {
            slot->info = *info;
            if (info->hostTimestampNs - lastLiveNs >= livePeriodNs) {
                copyToLiveView(*slot);
                lastLiveNs = info->hostTimestampNs;
            }
            ring->publish();
        } else {
            ++framesDropped;
            {
                const std::lock_guard lock(pendingMutex);
                pendingDropped.push_back(*info);
            }
            if (info->hostTimestampNs - lastWarningNs >= NsPerSecond) {
                warn("Frames are being dropped: the buffer of " + std::to_string(ring->capacity()) +
                     " frames is full (" + std::to_string(framesDropped.load()) + " dropped so far)");
                lastWarningNs = info->hostTimestampNs;
            }
        }
        ++framesCaptured;
        if (info->hostTimestampNs >= nextStatusNs) {
            try {
                readStatus(info->hostTimestampNs);
            } catch (const std::exception &e) {
                warn(std::string("Camera status unavailable: ") + e.what());
            }
            nextStatusNs = info->hostTimestampNs + NsPerSecond;
        }
        if (plan.frames && framesCaptured >= *plan.frames)
            stopWith("planned frames reached");
    }
}

void Recorder::Private::encode()
{
    // Gzip shuffles each frame here first: one scratch buffer per encoder, not per ring slot.
    std::vector<std::uint8_t> scratch(plan.compression == Compression::Gzip ? pixelCount * sizeof(std::uint16_t) : 0);
    for (;;) {
        FrameSlot *slot = ring->takeForEncoding(PollInterval);
        if (!slot) {
            if (ring->encodingDone())
                return;
            continue;
        }
        try {
            slot->encodedSize = encodeFrame(plan.compression, slot->pixels, slot->encoded, scratch);
        } catch (const std::exception &e) {
            slot->encodedSize = 0; // the writer counts it as lost
            warn(std::string("A frame could not be compressed: ") + e.what());
        }
        ring->markEncoded(slot);
    }
}

void Recorder::Private::flushPendingInto(RecordingWriter &target, std::vector<FrameInfo> &dropped,
                                         std::vector<StatusSample> &samples)
{
    // Swapped with the writer's emptied vectors, so the capture thread keeps appending into reserved space.
    dropped.clear();
    samples.clear();
    {
        const std::lock_guard lock(pendingMutex);
        dropped.swap(pendingDropped);
        samples.swap(pendingStatus);
    }
    for (const FrameInfo &info : dropped)
        target.addDropped(info);
    for (const StatusSample &sample : samples)
        target.addStatus(sample.channel, sample.hostNs, sample.value);
}

void Recorder::Private::write()
{
    bool writeFailed = false;
    try {
        writeFrames();
    } catch (const std::exception &e) {
        writeFailed = true;
        stopWith(std::string("write failed: ") + e.what());
        warn(std::string("Recording stopped: writing failed: ") + e.what());
        // Drain what is left, so capture and encoders can end; those frames are lost, and counted.
        while (!ring->isClosedAndEmpty())
            if (ring->waitOldestReady(PollInterval)) {
                ++framesDropped;
                ring->release();
            }
    }
    finishFile(writeFailed);
}

void Recorder::Private::writeFrames()
{
    const bool encoded = plan.compression != Compression::None;
    std::vector<FrameInfo> dropped;
    std::vector<StatusSample> samples;
    dropped.reserve(ring->capacity() * 4);
    {
        const std::lock_guard lock(pendingMutex);
        pendingDropped.reserve(ring->capacity() * 4);
    }
    std::int64_t lastCheckpointNs = hostNowNs();
    std::uint64_t freeAtCheck = diskFree, bytesAtCheck = 0;
    for (;;) {
        FrameSlot *slot = ring->waitOldestReady(PollInterval);
        if (slot) {
            if (encoded && slot->encodedSize == 0) {
                ++framesDropped;
                const std::lock_guard lock(pendingMutex);
                pendingDropped.push_back(slot->info);
            } else {
                writer->writeFrame(slot->chunk(), slot->info);
                framesWritten = writer->framesWritten();
                bytesWritten = writer->bytesWritten();
            }
            ring->release();
            // Free space as it must be now: a fast camera can eat the reserve between two disk checks.
            const std::uint64_t used = bytesWritten - bytesAtCheck;
            if (freeAtCheck < diskReserve + used) {
                stopWith("disk nearly full (" + megabytes(freeAtCheck - std::min(freeAtCheck, used)) + " free)");
                warn("Recording stopped: the disk is nearly full");
            }
        } else if (ring->isClosedAndEmpty()) {
            return;
        }
        const std::int64_t now = hostNowNs();
        if (now - lastCheckpointNs >= NsPerSecond) {
            lastCheckpointNs = now;
            flushPendingInto(*writer, dropped, samples);
            writer->checkpoint(now);
            freeAtCheck = diskFree = freeDiskBytes(plan.target);
            bytesAtCheck = bytesWritten;
        }
    }
}

void Recorder::Private::finishFile(bool writeFailed)
{
    state = RecorderStatus::State::Finishing;
    std::string reason;
    {
        const std::lock_guard lock(mutex);
        reason = stopReason.empty() ? "stopped by the operator" : stopReason;
        stopReason = reason;
    }
    std::vector<FrameInfo> dropped;
    std::vector<StatusSample> samples;
    try {
        flushPendingInto(*writer, dropped, samples);
        if (writeFailed) {
            // The disk may still take the small per-frame blocks: then every frame written counts for recover.
            writer->checkpoint(hostNowNs());
            throw core::Error(reason);
        }
        writer->finish(reason, hostNowNs());
        const std::lock_guard lock(mutex);
        finalPath = writer->target();
        state = RecorderStatus::State::Finished;
    } catch (const std::exception &e) {
        writer->abandon();
        const std::lock_guard lock(mutex);
        error = std::string(e.what()) + "; the frames written so far are in " + writer->partialPath().string() +
                ": run `macroscope-cli recover` on it";
        finalPath = writer->partialPath();
        state = RecorderStatus::State::Failed;
    }
}

Recorder::Recorder(Camera &camera, RecordingPlan plan)
    : d(std::make_unique<Private>(camera, std::move(plan)))
{
    const RecordingPlan &p = d->plan;
    const std::string name = p.target.string();
    std::error_code ignored;
    if (std::filesystem::exists(p.target, ignored))
        throw core::Error(name + ": already exists; a recording never replaces a file");
    params::builtinSchema("session").validateOrThrow(d->plan.session, name + ": session metadata");
    d->settings = camera.settings();
    if (d->settings.width <= 0 || d->settings.height <= 0)
        throw core::Error(name + ": the camera reports no frame size");
    if (d->settings.frameRateHz > 0)
        d->frameRateHz = d->settings.frameRateHz;
    d->pixelCount = std::size_t(d->settings.width) * std::size_t(d->settings.height);
    const std::size_t frameBytes = d->pixelCount * sizeof(std::uint16_t);

    std::optional<double> plannedFrames;
    if (p.frames)
        plannedFrames = double(*p.frames);
    if (p.seconds)
        plannedFrames = std::min(plannedFrames.value_or(INFINITY), std::ceil(*p.seconds * d->frameRateHz));
    const std::uint64_t free = freeDiskBytes(p.target);
    // Checks are a checkpoint apart: the reserve must outlast two of them at full speed.
    d->diskReserve = std::max<std::uint64_t>(p.diskReserveBytes,
                                             std::uint64_t(2 * d->frameRateHz * double(frameBytes)));
    // Uncompressed is the worst case: compression cannot be counted on for noisy frames.
    const double needed = plannedFrames.value_or(0) * double(frameBytes) + double(d->diskReserve);
    if (double(free) < needed)
        throw core::Error(files::folderOf(p.target).string() + ": not enough free disk space for this recording: it needs " +
                          megabytes(std::uint64_t(needed)) + " (with a reserve of " + megabytes(d->diskReserve) +
                          "), " + megabytes(free) + " are free");
    d->diskFree = free;

    d->channels = camera.status();
    d->channels.push_back({"buffer_fill", "frames", 0});

    const std::size_t capacity =
        std::max(MinimumBufferFrames, std::size_t(std::ceil(d->frameRateHz * std::max(0.0, p.bufferSeconds))));
    const bool encoding = p.compression != Compression::None;
    d->ring = std::make_unique<FrameRing>(capacity, d->pixelCount,
                                          encoding ? maxEncodedSize(p.compression, frameBytes) : 0);

    RecordingLayout layout;
    layout.width = d->settings.width;
    layout.height = d->settings.height;
    layout.compression = p.compression;
    layout.camera = &camera;
    layout.statusChannels = d->channels;
    layout.session = p.session;
    layout.stimulus = p.stimulus;
    layout.plannedFrames = p.frames;
    layout.plannedSeconds = p.seconds;
    d->writer = std::make_unique<RecordingWriter>(p.target, layout);
    d->finalPath = d->writer->partialPath();
}

Recorder::~Recorder()
{
    if (d->started) {
        requestStop();
        wait();
    }
}

void Recorder::start()
{
    if (d->started)
        throw core::Error(d->plan.target.string() + ": the recording was already started");
    d->camera.start();
    d->started = true;
    d->state = RecorderStatus::State::Recording;
    try {
        d->writerThread = std::jthread([this] { d->write(); });
        if (d->plan.compression != Compression::None) {
            const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
            const unsigned count = d->plan.encoderThreads > 0 ? d->plan.encoderThreads : cores - 1;
            for (unsigned i = 0; i < count; ++i)
                d->encoderThreads.emplace_back([this] { d->encode(); });
        }
        d->captureThread = std::jthread([this] { d->capture(); });
    } catch (...) {
        // No capture thread: close the ring ourselves, so the threads that did start drain and finish.
        d->stopWith("could not start the recording threads");
        if (!d->captureThread.joinable()) {
            d->camera.stop();
            d->ring->close();
        }
        throw;
    }
}

void Recorder::requestStop()
{
    d->stopWith("stopped by the operator");
}

void Recorder::wait()
{
    if (d->captureThread.joinable())
        d->captureThread.join();
    for (std::jthread &thread : d->encoderThreads)
        if (thread.joinable())
            thread.join();
    if (d->writerThread.joinable())
        d->writerThread.join();
}

RecorderStatus Recorder::status() const
{
    RecorderStatus s;
    s.state = d->state;
    s.framesCaptured = d->framesCaptured;
    s.framesWritten = d->framesWritten;
    s.framesDropped = d->framesDropped;
    s.cameraGaps = d->cameraGaps;
    s.bufferCapacity = d->ring->capacity();
    s.bufferFill = d->ring->fill();
    s.bufferHighWater = d->ring->highWater();
    s.bytesPending = std::uint64_t(s.bufferFill) * d->pixelCount * sizeof(std::uint16_t);
    s.bytesWritten = d->bytesWritten;
    s.diskFreeBytes = d->diskFree;
    s.elapsedSeconds = double(d->elapsedNs()) / 1e9;
    const double rate = s.elapsedSeconds > 0 ? double(s.bytesWritten) / s.elapsedSeconds : 0;
    s.diskSecondsLeft = rate > 0 ? double(s.diskFreeBytes) / rate : INFINITY;
    if (d->plan.seconds)
        s.remainingSeconds = std::max(0.0, *d->plan.seconds - s.elapsedSeconds);
    if (d->plan.frames) {
        const double left = double(*d->plan.frames - std::min(*d->plan.frames, s.framesCaptured)) / d->frameRateHz;
        s.remainingSeconds = std::min(s.remainingSeconds.value_or(INFINITY), left);
    }
    const std::lock_guard lock(d->mutex);
    s.stopReason = d->stopReason;
    s.error = d->error;
    s.path = d->finalPath;
    return s;
}

bool Recorder::takeLiveFrame(LiveFrame &frame) const
{
    const std::lock_guard lock(d->liveMutex);
    if (d->live.sequence == frame.sequence)
        return false;
    frame = d->live;
    return true;
}

nlohmann::json Recorder::summary() const
{
    const RecorderStatus s = status();
    const double frameSeconds = s.framesCaptured > 0 ? 1.0 / d->frameRateHz : 0;
    nlohmann::json result = {
        {"frames", s.framesWritten},
        {"dropped", s.framesDropped},
        {"path", s.path.string()},
        {"seconds", s.elapsedSeconds + frameSeconds},
        {"complete", s.state == RecorderStatus::State::Finished},
        {"stop_reason", s.stopReason},
        {"camera_gaps", s.cameraGaps},
        {"buffer_capacity", s.bufferCapacity},
        {"buffer_high_water", s.bufferHighWater},
        {"bytes_written", s.bytesWritten},
        {"compression", std::string(compressionName(d->plan.compression))},
        {"width", d->settings.width},
        {"height", d->settings.height},
        {"camera", toJson(d->camera.description())},
    };
    if (!s.error.empty())
        result["error"] = s.error;
    return result;
}

} // namespace acq
