#include "hardware/camera/opencvcamera.h"

#include "core/error.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

namespace hw {

namespace {

std::optional<int> deviceIndex(const std::string &source)
{
    const auto digit = [](unsigned char c) { return std::isdigit(c) != 0; };
    if (source.empty() || source.size() > 4 || !std::all_of(source.begin(), source.end(), digit)) {
        return std::nullopt;
    }
    return std::stoi(source);
}

std::string firstLine(const std::filesystem::path &path)
{
    std::ifstream file(path);
    std::string line;
    std::getline(file, line);
    return line;
}

} // namespace

struct OpenCvCamera::Private {
    std::string source;
    std::string spec;
    std::optional<int> device;  // else a file
    cv::VideoCapture capture;
    int nativeWidth = 0;
    int nativeHeight = 0;
    double fileFrameRateHz = 0;
    acq::CameraDescription description;
    acq::CameraSettings applied;
    bool started = false;
    bool ended = false;
    std::uint64_t nextFrame = 0;  // the index of the frame grab() delivers next
    std::chrono::steady_clock::time_point replayStart;
    cv::Mat frame;
    cv::Mat grey;

    core::Error error(const std::string &problem) const
    {
        return core::Error("camera \"" + spec + "\": " + problem);
    }

    void open();
    std::optional<acq::FrameInfo> grabFromFile(std::span<std::uint16_t> pixels, std::chrono::milliseconds timeout);
    std::optional<acq::FrameInfo> grabFromDevice(std::span<std::uint16_t> pixels, std::chrono::milliseconds timeout);
    void copyPixels(std::span<std::uint16_t> pixels);
};

OpenCvCamera::OpenCvCamera(const std::string &source) : d(std::make_unique<Private>())
{
    d->source = source;
    d->spec = "opencv:" + source;
    d->device = deviceIndex(source);
    if (!d->device && !std::filesystem::is_regular_file(source)) {
        throw d->error("no such video file");
    }
    d->open();
    d->nativeWidth = static_cast<int>(d->capture.get(cv::CAP_PROP_FRAME_WIDTH));
    d->nativeHeight = static_cast<int>(d->capture.get(cv::CAP_PROP_FRAME_HEIGHT));
    if (d->nativeWidth <= 0 || d->nativeHeight <= 0) {
        throw d->error("OpenCV does not report the frame size");
    }
    const double declaredRateHz = d->capture.get(cv::CAP_PROP_FPS);
    d->fileFrameRateHz = d->device || !std::isfinite(declaredRateHz) ? 0 : declaredRateHz;

    d->description.spec = d->spec;
    d->description.vendor = "OpenCV " + d->capture.getBackendName();
    d->description.model = d->device ? firstLine("/sys/class/video4linux/video" + source + "/name")
                                     : std::filesystem::path(source).filename().string();
    d->description.bitDepth = 8;

    d->applied.width = d->nativeWidth;
    d->applied.height = d->nativeHeight;
    d->applied.pixelFormat = acq::PixelFormat::Mono8;
    d->applied.frameRateHz = d->device ? declaredRateHz : d->fileFrameRateHz;
}

OpenCvCamera::~OpenCvCamera() = default;

void OpenCvCamera::Private::open()
{
    try {
        const bool opened = device ? capture.open(*device, cv::CAP_ANY) : capture.open(source, cv::CAP_ANY);
        if (!opened) {
            throw error(device ? "OpenCV cannot open the video device" : "OpenCV cannot read the file as a video");
        }
    } catch (const cv::Exception &e) {
        throw error("OpenCV: " + e.msg);
    }
}

acq::CameraDescription OpenCvCamera::description() const
{
    return d->description;
}

void OpenCvCamera::configure(const acq::CameraSettings &wanted)
{
    if (d->started) {
        throw d->error("cannot be configured while acquiring; stop it first");
    }
    if (wanted.binning != 1) {
        throw d->error("binning " + std::to_string(wanted.binning) + ": not available through OpenCV");
    }
    if (wanted.exposureUs != 0) {
        throw d->error("exposure: not settable through OpenCV, whose units differ by device");
    }
    if (wanted.gainDb != 0) {
        throw d->error("gain: not settable in dB through OpenCV");
    }
    acq::CameraSettings next;
    next.offsetX = wanted.offsetX;
    next.offsetY = wanted.offsetY;
    next.width = wanted.width > 0 ? wanted.width : d->nativeWidth - wanted.offsetX;
    next.height = wanted.height > 0 ? wanted.height : d->nativeHeight - wanted.offsetY;
    if (next.offsetX < 0 || next.offsetY < 0 || next.width <= 0 || next.height <= 0 ||
        next.offsetX + next.width > d->nativeWidth || next.offsetY + next.height > d->nativeHeight) {
        throw d->error("region " + std::to_string(next.width) + "×" + std::to_string(next.height) + " at (" +
                       std::to_string(next.offsetX) + ", " + std::to_string(next.offsetY) + "): outside the " +
                       std::to_string(d->nativeWidth) + "×" + std::to_string(d->nativeHeight) + " frame");
    }
    next.pixelFormat = acq::PixelFormat::Mono8;
    if (d->device) {
        if (wanted.frameRateHz > 0) {
            d->capture.set(cv::CAP_PROP_FPS, wanted.frameRateHz);
        }
        next.frameRateHz = d->capture.get(cv::CAP_PROP_FPS);
    } else {
        next.frameRateHz = wanted.frameRateHz > 0 ? wanted.frameRateHz : d->fileFrameRateHz;
    }
    d->applied = next;
}

acq::CameraSettings OpenCvCamera::settings() const
{
    return d->applied;
}

void OpenCvCamera::start()
{
    if (d->started) {
        return;
    }
    if (!d->device) {
        if (d->applied.frameRateHz <= 0) {
            throw d->error("the file declares no frame rate: configure one to replay it");
        }
        // Reopening rewinds reliably whatever the codec; seeking to frame 0 does not with every one.
        if (d->nextFrame > 0 || d->ended) {
            d->open();
        }
        d->ended = false;
        d->replayStart = std::chrono::steady_clock::now();
    }
    d->nextFrame = 0;
    d->started = true;
}

void OpenCvCamera::stop()
{
    d->started = false;
}

bool OpenCvCamera::hasEnded() const
{
    return d->ended;
}

std::optional<acq::FrameInfo> OpenCvCamera::grab(std::span<std::uint16_t> pixels, std::chrono::milliseconds timeout)
{
    if (!d->started) {
        throw d->error("grab() before start()");
    }
    const std::size_t count = static_cast<std::size_t>(d->applied.width) * static_cast<std::size_t>(d->applied.height);
    if (pixels.size() < count) {
        throw d->error("grab() was given room for " + std::to_string(pixels.size()) + " pixels, the frame has " +
                       std::to_string(count));
    }
    try {
        return d->device ? d->grabFromDevice(pixels, timeout) : d->grabFromFile(pixels, timeout);
    } catch (const cv::Exception &e) {
        throw d->error("OpenCV: " + e.msg);
    }
}

std::optional<acq::FrameInfo> OpenCvCamera::Private::grabFromFile(std::span<std::uint16_t> pixels,
                                                                   std::chrono::milliseconds timeout)
{
    const auto now = std::chrono::steady_clock::now();
    const std::chrono::duration<double> sinceStart(static_cast<double>(nextFrame) / applied.frameRateHz);
    const auto due = replayStart + std::chrono::duration_cast<std::chrono::steady_clock::duration>(sinceStart);
    // As a camera that is not delivering: the caller's loop must not spin.
    if (ended || due > now + timeout) {
        std::this_thread::sleep_for(timeout);
        return std::nullopt;
    }
    std::this_thread::sleep_until(due);
    if (!capture.read(frame)) {
        ended = true;
        return std::nullopt;
    }
    acq::FrameInfo info;
    info.hostTimestampNs = acq::hostNowNs();
    info.cameraFrameId = nextFrame;
    // The frame's time in the file; a file that declares no rate is timed as it is replayed.
    const double fileRateHz = fileFrameRateHz > 0 ? fileFrameRateHz : applied.frameRateHz;
    info.cameraTimestampNs = std::llround(static_cast<double>(nextFrame) * 1e9 / fileRateHz);
    copyPixels(pixels);
    ++nextFrame;
    return info;
}

std::optional<acq::FrameInfo> OpenCvCamera::Private::grabFromDevice(std::span<std::uint16_t> pixels,
                                                                     std::chrono::milliseconds timeout)
{
    std::vector<int> ready;
    const auto timeoutNs = std::chrono::duration_cast<std::chrono::nanoseconds>(timeout).count();
    if (!cv::VideoCapture::waitAny({capture}, ready, timeoutNs) || ready.empty()) {
        return std::nullopt;
    }
    const std::int64_t hostNs = acq::hostNowNs();
    if (!capture.retrieve(frame)) {
        throw error("the device stopped delivering frames: is it unplugged?");
    }
    acq::FrameInfo info;
    info.hostTimestampNs = hostNs;
    info.cameraFrameId = nextFrame++;
    info.cameraTimestampNs = std::llround(capture.get(cv::CAP_PROP_POS_MSEC) * 1e6);
    copyPixels(pixels);
    return info;
}

void OpenCvCamera::Private::copyPixels(std::span<std::uint16_t> pixels)
{
    if (frame.depth() != CV_8U) {
        throw error("delivered a frame of OpenCV depth " + std::to_string(frame.depth()) +
                    "; only 8-bit frames are read");
    }
    if (frame.cols != nativeWidth || frame.rows != nativeHeight) {
        throw error("delivered a " + std::to_string(frame.cols) + "×" + std::to_string(frame.rows) +
                    " frame, expected " + std::to_string(nativeWidth) + "×" + std::to_string(nativeHeight));
    }
    const cv::Mat *source = &frame;
    switch (frame.channels()) {
    case 1: break;
    case 3: cv::cvtColor(frame, grey, cv::COLOR_BGR2GRAY); source = &grey; break;
    case 4: cv::cvtColor(frame, grey, cv::COLOR_BGRA2GRAY); source = &grey; break;
    default: throw error("delivered frames of " + std::to_string(frame.channels()) + " channels");
    }
    const cv::Mat region = (*source)(cv::Rect(applied.offsetX, applied.offsetY, applied.width, applied.height));
    cv::Mat out(applied.height, applied.width, CV_16UC1, pixels.data());
    region.convertTo(out, CV_16U);
}

std::vector<acq::CameraDescription> OpenCvCamera::connectedDevices()
{
    namespace fs = std::filesystem;
    std::vector<std::pair<int, acq::CameraDescription>> devices;
    std::error_code error;
    for (const auto &entry : fs::directory_iterator("/sys/class/video4linux", error)) {
        const std::string name = entry.path().filename().string();
        const auto index = name.starts_with("video") ? deviceIndex(name.substr(5)) : std::nullopt;
        // A UVC camera adds a second node (index 1) that carries metadata, not frames.
        if (!index || firstLine(entry.path() / "index") != "0") {
            continue;
        }
        acq::CameraDescription device;
        device.spec = "opencv:" + std::to_string(*index);
        device.vendor = "OpenCV";
        device.model = firstLine(entry.path() / "name");
        device.bitDepth = 8;
        devices.emplace_back(*index, std::move(device));
    }
    std::sort(devices.begin(), devices.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<acq::CameraDescription> descriptions;
    for (auto &device : devices) {
        descriptions.push_back(std::move(device.second));
    }
    return descriptions;
}

} // namespace hw
