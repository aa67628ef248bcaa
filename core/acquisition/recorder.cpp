#include "core/acquisition/recorder.h"

#include "core/acquisition/camerajson.h"
#include "core/acquisition/framering.h"
#include "core/error.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
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
    const std::filesystem::path folder =
        path.has_parent_path() ? path.parent_path() : std::filesystem::current_path();
    struct statvfs info{};
    if (::statvfs(folder.c_str(), &info) != 0)
        throw core::Error(folder.string() + ": cannot read the free disk space (" + std::strerror(errno) + ")");
    return std::uint64_t(info.f_bavail) * info.f_frsize;
}

struct Recorder::Private {
    Camera &camera;
    RecordingPlan plan;
    CameraSettings settings;
    double frameRateHz = AssumedFrameRateHz;
    std::size_t pixelCount = 0;
    std::vector<StatusReading> channels;  // camera channels, then buffer_fill
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
    std::atomic<std::int64_t> startNs{0}, firstFrameNs{0}, lastFrameNs{0};

    mutable std::mutex mutex;  // guards everything below
    std::vector<FrameInfo> pendingDropped;
    std::vector<StatusSample> pendingStatus;
    std::string stopReason;
    std::string error;
    std::filesystem::path finalPath;
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
    void encode();
    void write();
    void copyToLiveView(const FrameSlot &slot);
    void readStatus(std::int64_t hostNs);
    void flushPendingInto(RecordingWriter &target);
};

void Recorder::Private::copyToLiveView(const FrameSlot &slot)
{
    // try_lock: a viewer copying out must never hold up the capture thread; it just misses this frame.
    const std::unique_lock lock(mutex, std::try_to_lock);
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
    const std::lock_guard lock(mutex);
    pendingStatus.insert(pendingStatus.end(), samples.begin(), samples.end());
}

void Recorder::Private::capture()
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
            break;
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
            break;
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
                const std::lock_guard lock(mutex);
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
    try {
        camera.stop();
    } catch (const std::exception &e) {
        warn(std::string("The camera did not stop cleanly: ") + e.what());
    }
    ring->close();
}

void Recorder::Private::encode()
{
    for (;;) {
        FrameSlot *slot = ring->takeForEncoding(PollInterval);
        if (!slot) {
            if (ring->isClosed())
                return;
            continue;
        }
        try {
            slot->encodedSize = encodeFrame(plan.compression, slot->pixels, slot->encoded, slot->scratch);
        } catch (const std::exception &e) {
            slot->encodedSize = 0; // the writer counts it as lost
            warn(std::string("A frame could not be compressed: ") + e.what());
        }
        ring->markEncoded(slot);
    }
}

void Recorder::Private::flushPendingInto(RecordingWriter &target)
{
    std::vector<FrameInfo> dropped;
    std::vector<StatusSample> samples;
    {
        const std::lock_guard lock(mutex);
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
    const bool encoded = plan.compression != Compression::None;
    bool writeFailed = false;
    std::int64_t lastCheckpointNs = hostNowNs();
    for (;;) {
        FrameSlot *slot = ring->waitOldestReady(PollInterval);
        if (slot) {
            if (encoded && slot->encodedSize == 0) {
                ++framesDropped;
                const std::lock_guard lock(mutex);
                pendingDropped.push_back(slot->info);
            } else if (!writeFailed) {
                try {
                    writer->writeFrame(slot->chunk(), slot->info);
                    framesWritten = writer->framesWritten();
                    bytesWritten = writer->bytesWritten();
                } catch (const std::exception &e) {
                    writeFailed = true;
                    stopWith(std::string("write failed: ") + e.what());
                    warn(std::string("Recording stopped: writing failed: ") + e.what());
                }
            }
            ring->release();
        } else if (ring->isClosedAndEmpty()) {
            break;
        }
        const std::int64_t now = hostNowNs();
        if (!writeFailed && now - lastCheckpointNs >= NsPerSecond) {
            lastCheckpointNs = now;
            try {
                flushPendingInto(*writer);
                writer->checkpoint(now);
                diskFree = freeDiskBytes(plan.target);
            } catch (const std::exception &e) {
                writeFailed = true;
                stopWith(std::string("write failed: ") + e.what());
                warn(std::string("Recording stopped: writing failed: ") + e.what());
            }
            if (!writeFailed && diskFree < plan.diskReserveBytes) {
                stopWith("disk nearly full (" + megabytes(diskFree) + " free)");
                warn("Recording stopped: the disk is nearly full (" + megabytes(diskFree) + " free)");
            }
        }
    }

    state = RecorderStatus::State::Finishing;
    std::string reason;
    {
        const std::lock_guard lock(mutex);
        reason = stopReason.empty() ? "stopped by the operator" : stopReason;
        stopReason = reason;
    }
    try {
        if (writeFailed)
            throw core::Error(reason);
        flushPendingInto(*writer);
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
    // Uncompressed is the worst case: compression cannot be counted on for noisy frames.
    const double needed = plannedFrames.value_or(0) * double(frameBytes) + double(p.diskReserveBytes);
    if (double(free) < needed)
        throw core::Error(p.target.parent_path().string() + ": not enough free disk space for this recording: it needs " +
                          megabytes(std::uint64_t(needed)) + " (with a reserve of " + megabytes(p.diskReserveBytes) +
                          "), " + megabytes(free) + " are free");
    d->diskFree = free;

    d->channels = camera.status();
    d->channels.push_back({"buffer_fill", "frames", 0});

    const std::size_t capacity =
        std::max(MinimumBufferFrames, std::size_t(std::ceil(d->frameRateHz * std::max(0.0, p.bufferSeconds))));
    const bool encoding = p.compression != Compression::None;
    d->ring = std::make_unique<FrameRing>(capacity, d->pixelCount,
                                          encoding ? maxEncodedSize(p.compression, frameBytes) : 0,
                                          p.compression == Compression::Gzip ? frameBytes : 0);

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
    d->started = true;
    d->camera.start();
    d->startNs = hostNowNs();
    d->state = RecorderStatus::State::Recording;
    d->writerThread = std::jthread([this] { d->write(); });
    if (d->plan.compression != Compression::None) {
        const unsigned cores = std::max(2u, std::thread::hardware_concurrency());
        const unsigned count = d->plan.encoderThreads > 0 ? d->plan.encoderThreads : cores - 1;
        for (unsigned i = 0; i < count; ++i)
            d->encoderThreads.emplace_back([this] { d->encode(); });
    }
    d->captureThread = std::jthread([this] { d->capture(); });
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
    const std::lock_guard lock(d->mutex);
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
