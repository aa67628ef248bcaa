#include "hardware/camera/araviscamera.h"

#include "core/error.h"

#include <arv.h>

#include <QtCore/QDebug>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <optional>
#include <type_traits>
#include <utility>

namespace hw {

namespace {

// Enough to ride out a capture thread that is late by a few hundred ms at 30–100 Hz without Aravis running
// out of buffers (which would drop frames), while a full 2048 × 2048 × 16-bit sensor stays at 128 MB.
constexpr int StreamBuffers = 16;

// Incomplete frames happen on a busy link; a long unbroken run of them means no usable frame will come.
constexpr int MaxConsecutiveFailedFrames = 64;

struct GObjectUnref {
    void operator()(gpointer object) const { g_object_unref(object); }
};

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

std::string quoted(const std::string &spec)
{
    return "camera \"" + spec + "\"";
}

// Runs one Aravis call that reports failure through a GError and turns the failure into core::Error.
template <typename Call>
auto checked(const std::string &spec, const std::string &what, Call &&call)
{
    GError *error = nullptr;
    auto fail = [&] {
        const std::string message = error->message;
        g_error_free(error);
        throw core::Error(quoted(spec) + ": " + what + ": " + message);
    };
    if constexpr (std::is_void_v<std::invoke_result_t<Call, GError **>>) {
        call(&error);
        if (error) {
            fail();
        }
    } else {
        auto result = call(&error);
        if (error) {
            fail();
        }
        return result;
    }
}

// Identity strings some cameras lack: empty rather than an error.
std::string optionalString(const char *value, GError *error)
{
    if (error) {
        g_error_free(error);
        return {};
    }
    return value ? value : "";
}

std::string vendorOf(ArvCamera *camera)
{
    GError *error = nullptr;
    const char *value = arv_camera_get_vendor_name(camera, &error);
    return optionalString(value, error);
}

std::string modelOf(ArvCamera *camera)
{
    GError *error = nullptr;
    const char *value = arv_camera_get_model_name(camera, &error);
    return optionalString(value, error);
}

std::string serialOf(ArvCamera *camera)
{
    GError *error = nullptr;
    const char *value = arv_camera_get_device_serial_number(camera, &error);
    return optionalString(value, error);
}

bool hasFeature(ArvCamera *camera, const char *feature)
{
    GError *error = nullptr;
    const bool available = arv_camera_is_feature_available(camera, feature, &error);
    if (error) {
        g_error_free(error);
        return false;
    }
    return available;
}

ArvPixelFormat arvFormat(acq::PixelFormat format)
{
    switch (format) {
    case acq::PixelFormat::Mono8: return ARV_PIXEL_FORMAT_MONO_8;
    case acq::PixelFormat::Mono12: return ARV_PIXEL_FORMAT_MONO_12;
    case acq::PixelFormat::Mono16: return ARV_PIXEL_FORMAT_MONO_16;
    }
    return ARV_PIXEL_FORMAT_MONO_16;
}

int bitDepthOf(acq::PixelFormat format)
{
    switch (format) {
    case acq::PixelFormat::Mono8: return 8;
    case acq::PixelFormat::Mono12: return 12;
    case acq::PixelFormat::Mono16: return 16;
    }
    return 16;
}

std::string devicesFound()
{
    arv_update_device_list();
    std::string found;
    for (unsigned i = 0; i < arv_get_n_devices(); ++i) {
        found += (found.empty() ? "" : ", ") + std::string(arv_get_device_id(i));
    }
    return found.empty() ? "none" : found;
}

// GigE Vision 1.x block ids are 16 bits and skip 0 when they wrap (65535 → 1); USB3 Vision and GigE Vision
// 2 ids are 64 bits. Unwrapping keeps the ids consecutive across the wrap, so that a gap is always a frame
// that was lost, and strictly increasing, so that a camera that restarts its count cannot produce duplicates.
class FrameIdUnwrapper {
public:
    std::uint64_t unwrap(std::uint64_t raw)
    {
        if (!m_last) {
            m_unwrapped = raw;
        } else if (raw > *m_last) {
            m_unwrapped += raw - *m_last;
        } else if (*m_last <= 0xFFFF && *m_last - raw > 0x8000) {
            m_unwrapped += raw + 0xFFFF - *m_last + (raw == 0 ? 1 : 0);
        } else {
            m_unwrapped += 1;
        }
        m_last = raw;
        return m_unwrapped;
    }

private:
    std::optional<std::uint64_t> m_last;
    std::uint64_t m_unwrapped = 0;
};

} // namespace

struct AravisCamera::Private {
    std::string spec;
    acq::CameraDescription description;
    acq::CameraSettings applied;
    bool hasTemperature = false;
    // Set by Aravis's heartbeat thread. Declared before the camera so that it outlives the camera, whose
    // destruction joins that thread.
    std::atomic<bool> controlLost = false;
    std::unique_ptr<ArvCamera, GObjectUnref> camera;
    std::unique_ptr<ArvStream, GObjectUnref> stream;
    FrameIdUnwrapper frameIds;
    // The last host timestamp handed out, which the next one must exceed. Zero before the first frame:
    // steady_clock counts from boot.
    std::int64_t lastHostNs = 0;
    int consecutiveFailedFrames = 0;

    core::Error error(const std::string &problem) const { return core::Error(quoted(spec) + ": " + problem); }

    template <typename Call>
    auto check(const std::string &what, Call &&call) const
    {
        return checked(spec, what, std::forward<Call>(call));
    }

    void throwIfVanished() const
    {
        if (controlLost) {
            throw error("the camera stopped answering (control lost): is it unplugged, switched off or its "
                        "network link down?");
        }
    }

    void applyPixelFormat(acq::PixelFormat wanted);
    void applyRegion(const acq::CameraSettings &wanted);
    void readBackSettings();
    void copyPixels(ArvBuffer *buffer, std::span<std::uint16_t> pixels) const;
    std::int64_t hostTimestampOf(ArvBuffer *buffer);
};

AravisCamera::AravisCamera(const std::string &id) : d(std::make_unique<Private>())
{
    if (id.starts_with("Fake_")) {
        arv_enable_interface("Fake");
    }
    std::string resolved = id;
    if (resolved.empty()) {
        arv_update_device_list();
        if (arv_get_n_devices() == 0) {
            throw core::Error(quoted("aravis:") + ": no GenICam camera found");
        }
        resolved = arv_get_device_id(0);
    }
    d->spec = "aravis:" + resolved;

    GError *error = nullptr;
    d->camera.reset(arv_camera_new(resolved.c_str(), &error));
    if (!d->camera) {
        const bool notFound = error->domain == ARV_DEVICE_ERROR && error->code == ARV_DEVICE_ERROR_NOT_FOUND;
        const std::string message = error->message;
        g_error_free(error);
        throw d->error(notFound ? "no such device (found: " + devicesFound() + ")" : "cannot open: " + message);
    }
    g_signal_connect_swapped(arv_camera_get_device(d->camera.get()), "control-lost",
                             G_CALLBACK(+[](std::atomic<bool> *lost) { *lost = true; }), &d->controlLost);

    d->description.spec = d->spec;
    d->description.vendor = vendorOf(d->camera.get());
    d->description.model = modelOf(d->camera.get());
    d->description.serial = serialOf(d->camera.get());
    d->hasTemperature = hasFeature(d->camera.get(), "DeviceTemperature");
    d->readBackSettings();
}

AravisCamera::~AravisCamera()
{
    stop();
}

acq::CameraDescription AravisCamera::description() const
{
    acq::CameraDescription description = d->description;
    description.bitDepth = bitDepthOf(d->applied.pixelFormat);
    return description;
}

void AravisCamera::configure(const acq::CameraSettings &wanted)
{
    if (d->stream) {
        throw d->error("cannot be configured while acquiring; stop it first");
    }
    d->throwIfVanished();
    ArvCamera *camera = d->camera.get();

    if (wanted.binning < 1) {
        throw d->error("binning " + std::to_string(wanted.binning) + " is not a factor of 1 or more");
    }
    if (d->check("binning", [&](GError **e) { return arv_camera_is_binning_available(camera, e); })) {
        d->check("binning " + std::to_string(wanted.binning),
                 [&](GError **e) { arv_camera_set_binning(camera, wanted.binning, wanted.binning, e); });
    } else if (wanted.binning != 1) {
        throw d->error("binning " + std::to_string(wanted.binning) + ": the camera cannot bin");
    }

    d->applyPixelFormat(wanted.pixelFormat);
    d->applyRegion(wanted);

    if (wanted.exposureUs > 0) {
        const std::string what = "exposure " + number(wanted.exposureUs) + " µs";
        if (!d->check(what, [&](GError **e) { return arv_camera_is_exposure_time_available(camera, e); })) {
            throw d->error(what + ": the camera has no exposure control");
        }
        double min = 0, max = 0;
        d->check(what, [&](GError **e) { arv_camera_get_exposure_time_bounds(camera, &min, &max, e); });
        if (wanted.exposureUs < min || wanted.exposureUs > max) {
            throw d->error(what + ": outside the camera's " + number(min) + "–" + number(max) + " µs");
        }
        d->check(what, [&](GError **e) { arv_camera_set_exposure_time(camera, wanted.exposureUs, e); });
    }
    if (wanted.gainDb != 0) {
        const std::string what = "gain " + number(wanted.gainDb) + " dB";
        if (!d->check(what, [&](GError **e) { return arv_camera_is_gain_available(camera, e); })) {
            throw d->error(what + ": the camera has no gain control");
        }
        double min = 0, max = 0;
        d->check(what, [&](GError **e) { arv_camera_get_gain_bounds(camera, &min, &max, e); });
        if (wanted.gainDb < min || wanted.gainDb > max) {
            throw d->error(what + ": outside the camera's " + number(min) + "–" + number(max) + " dB");
        }
        d->check(what, [&](GError **e) { arv_camera_set_gain(camera, wanted.gainDb, e); });
    }
    if (wanted.frameRateHz > 0) {
        const std::string what = "frame rate " + number(wanted.frameRateHz) + " Hz";
        if (!d->check(what, [&](GError **e) { return arv_camera_is_frame_rate_available(camera, e); })) {
            throw d->error(what + ": the camera has no frame rate control");
        }
        double min = 0, max = 0;
        d->check(what, [&](GError **e) { arv_camera_get_frame_rate_bounds(camera, &min, &max, e); });
        if (wanted.frameRateHz < min || wanted.frameRateHz > max) {
            throw d->error(what + ": outside the camera's " + number(min) + "–" + number(max) + " Hz");
        }
        // Aravis also enables AcquisitionFrameRate (vendor by vendor) and turns the frame trigger off, so
        // that the camera runs free at this rate.
        d->check(what, [&](GError **e) { arv_camera_set_frame_rate(camera, wanted.frameRateHz, e); });
    }
    d->readBackSettings();
}

void AravisCamera::Private::applyPixelFormat(acq::PixelFormat wanted)
{
    guint count = 0;
    gint64 *offered = check("pixel formats", [&](GError **e) {
        return arv_camera_dup_available_pixel_formats(camera.get(), &count, e);
    });
    const auto isOffered = [&](acq::PixelFormat format) {
        return std::find(offered, offered + count, static_cast<gint64>(arvFormat(format))) != offered + count;
    };
    std::optional<acq::PixelFormat> chosen;
    if (isOffered(wanted)) {
        chosen = wanted;
    } else {
        for (const auto format : {acq::PixelFormat::Mono16, acq::PixelFormat::Mono12, acq::PixelFormat::Mono8}) {
            if (isOffered(format)) {
                chosen = format;
                break;
            }
        }
    }
    g_free(offered);
    if (!chosen) {
        throw error("pixel format: the camera offers none of Mono8, Mono12 and Mono16");
    }
    check("pixel format", [&](GError **e) { arv_camera_set_pixel_format(camera.get(), arvFormat(*chosen), e); });
}

void AravisCamera::Private::applyRegion(const acq::CameraSettings &wanted)
{
    ArvCamera *cam = camera.get();
    // With the offsets at 0 the width and height maxima are those of the whole (binned) sensor.
    check("region", [&](GError **e) { arv_camera_set_region(cam, 0, 0, 0, 0, e); });
    int minWidth = 0, maxWidth = 0, minHeight = 0, maxHeight = 0;
    check("region", [&](GError **e) { arv_camera_get_width_bounds(cam, &minWidth, &maxWidth, e); });
    check("region", [&](GError **e) { arv_camera_get_height_bounds(cam, &minHeight, &maxHeight, e); });
    const int widthStep =
        std::max(1, check("region", [&](GError **e) { return arv_camera_get_width_increment(cam, e); }));
    const int heightStep =
        std::max(1, check("region", [&](GError **e) { return arv_camera_get_height_increment(cam, e); }));

    const int width = (wanted.width > 0 ? wanted.width : maxWidth - wanted.offsetX) / widthStep * widthStep;
    const int height = (wanted.height > 0 ? wanted.height : maxHeight - wanted.offsetY) / heightStep * heightStep;
    const std::string what = "region " + std::to_string(width) + "×" + std::to_string(height) + " at (" +
                             std::to_string(wanted.offsetX) + ", " + std::to_string(wanted.offsetY) + ")";
    if (wanted.offsetX < 0 || wanted.offsetY < 0 || width < minWidth || height < minHeight ||
        wanted.offsetX + width > maxWidth || wanted.offsetY + height > maxHeight) {
        throw error(what + ": outside the " + std::to_string(maxWidth) + "×" + std::to_string(maxHeight) +
                    " sensor (binned), or smaller than " + std::to_string(minWidth) + "×" + std::to_string(minHeight));
    }
    check(what, [&](GError **e) { arv_camera_set_region(cam, wanted.offsetX, wanted.offsetY, width, height, e); });
}

void AravisCamera::Private::readBackSettings()
{
    ArvCamera *cam = camera.get();
    acq::CameraSettings now;
    check("reading the region", [&](GError **e) {
        arv_camera_get_region(cam, &now.offsetX, &now.offsetY, &now.width, &now.height, e);
    });
    if (check("reading binning", [&](GError **e) { return arv_camera_is_binning_available(cam, e); })) {
        int binningY = 1;
        check("reading binning", [&](GError **e) { arv_camera_get_binning(cam, &now.binning, &binningY, e); });
    }
    const ArvPixelFormat format = check("reading the pixel format",
                                        [&](GError **e) { return arv_camera_get_pixel_format(cam, e); });
    switch (format) {
    case ARV_PIXEL_FORMAT_MONO_8: now.pixelFormat = acq::PixelFormat::Mono8; break;
    case ARV_PIXEL_FORMAT_MONO_12: now.pixelFormat = acq::PixelFormat::Mono12; break;
    case ARV_PIXEL_FORMAT_MONO_16: now.pixelFormat = acq::PixelFormat::Mono16; break;
    default:
        // The camera was left in another format (colour, packed) by its last user; configure() changes it.
        now.pixelFormat = acq::PixelFormat::Mono16;
        break;
    }
    if (check("reading exposure", [&](GError **e) { return arv_camera_is_exposure_time_available(cam, e); })) {
        now.exposureUs = check("reading exposure", [&](GError **e) { return arv_camera_get_exposure_time(cam, e); });
    }
    if (check("reading gain", [&](GError **e) { return arv_camera_is_gain_available(cam, e); })) {
        now.gainDb = check("reading gain", [&](GError **e) { return arv_camera_get_gain(cam, e); });
    }
    if (check("reading the frame rate", [&](GError **e) { return arv_camera_is_frame_rate_available(cam, e); })) {
        now.frameRateHz =
            check("reading the frame rate", [&](GError **e) { return arv_camera_get_frame_rate(cam, e); });
    }
    applied = now;
}

acq::CameraSettings AravisCamera::settings() const
{
    return d->applied;
}

void AravisCamera::start()
{
    if (d->stream) {
        return;
    }
    d->throwIfVanished();
    ArvCamera *camera = d->camera.get();
    d->readBackSettings();
    // Whether the applied settings deliver a frame grab() can copy.
    if (arv_camera_get_pixel_format(camera, nullptr) != arvFormat(d->applied.pixelFormat)) {
        throw d->error("the camera is not in a mono pixel format: configure() it before start()");
    }
    d->stream.reset(d->check("creating the stream",
                             [&](GError **e) { return arv_camera_create_stream(camera, nullptr, nullptr, e); }));
    d->frameIds = FrameIdUnwrapper();
    d->consecutiveFailedFrames = 0;
    // A start that fails past this point drops the stream, so that the camera is left stopped: configurable,
    // and startable again.
    try {
        const guint payload = d->check("payload size", [&](GError **e) { return arv_camera_get_payload(camera, e); });
        for (int i = 0; i < StreamBuffers; ++i) {
            arv_stream_push_buffer(d->stream.get(), arv_buffer_new_allocate(payload));
        }
        d->check("acquisition mode", [&](GError **e) {
            arv_camera_set_acquisition_mode(camera, ARV_ACQUISITION_MODE_CONTINUOUS, e);
        });
        d->check("starting acquisition", [&](GError **e) { arv_camera_start_acquisition(camera, e); });
    } catch (...) {
        d->stream.reset();
        throw;
    }
}

void AravisCamera::stop()
{
    if (!d->stream) {
        return;
    }
    // A camera that stopped answering would make each command wait for its retries to time out.
    if (!d->controlLost) {
        GError *error = nullptr;
        arv_camera_stop_acquisition(d->camera.get(), &error);
        if (error) {
            qWarning().noquote() << QString::fromStdString(quoted(d->spec) + ": stopping acquisition: " + error->message);
            g_error_free(error);
        }
    }
    // Destroying the stream joins its receiving thread and frees the buffers.
    d->stream.reset();
}

std::optional<acq::FrameInfo> AravisCamera::grab(std::span<std::uint16_t> pixels, std::chrono::milliseconds timeout)
{
    if (!d->stream) {
        throw d->error("grab() before start()");
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        d->throwIfVanished();
        const std::int64_t left = std::chrono::duration_cast<std::chrono::microseconds>(
                                      deadline - std::chrono::steady_clock::now()).count();
        const auto leftUs = static_cast<guint64>(std::max<std::int64_t>(left, 0));
        ArvBuffer *buffer = arv_stream_timeout_pop_buffer(d->stream.get(), leftUs);
        if (!buffer) {
            d->throwIfVanished();
            return std::nullopt;
        }
        const ArvBufferStatus status = arv_buffer_get_status(buffer);
        if (status != ARV_BUFFER_STATUS_SUCCESS) {
            arv_stream_push_buffer(d->stream.get(), buffer);
            if (++d->consecutiveFailedFrames >= MaxConsecutiveFailedFrames) {
                throw d->error("the last " + std::to_string(MaxConsecutiveFailedFrames) +
                               " frames all arrived incomplete (Aravis buffer status " + std::to_string(status) +
                               "): check the cable, the network card's MTU and the camera's packet size");
            }
            if (left <= 0) {
                return std::nullopt;
            }
            continue;
        }
        d->consecutiveFailedFrames = 0;
        const std::int64_t hostNs = d->hostTimestampOf(buffer);
        try {
            d->copyPixels(buffer, pixels);
        } catch (...) {
            arv_stream_push_buffer(d->stream.get(), buffer);
            throw;
        }
        acq::FrameInfo info;
        info.cameraFrameId = d->frameIds.unwrap(arv_buffer_get_frame_id(buffer));
        info.cameraTimestampNs = static_cast<std::int64_t>(arv_buffer_get_timestamp(buffer));
        info.hostTimestampNs = hostNs;
        arv_stream_push_buffer(d->stream.get(), buffer);
        return info;
    }
}

// When the frame reached the host, on steady_clock. The capture thread may take a frame off the stream's
// queue long after Aravis received it (it was busy, or the machine was loaded), so the time of the pop is
// only an upper bound. Aravis stamps each buffer as its data starts arriving, with g_get_real_time() (the
// realtime clock, in µs, given in ns); that clock is moved onto steady_clock by their offset measured now,
// which is exact unless the realtime clock was stepped (NTP, the operator) while the frame sat in the queue.
// A buffer Aravis left unstamped (0) gets the time of the pop.
std::int64_t AravisCamera::Private::hostTimestampOf(ArvBuffer *buffer)
{
    const std::int64_t poppedNs = acq::hostNowNs();
    const auto receivedRealtimeNs = static_cast<std::int64_t>(arv_buffer_get_system_timestamp(buffer));
    std::int64_t hostNs = poppedNs;
    if (receivedRealtimeNs != 0) {
        const std::int64_t offsetNs = poppedNs - g_get_real_time() * 1000;
        // A realtime clock stepped back would otherwise place the frame after it was popped.
        hostNs = std::min(receivedRealtimeNs + offsetNs, poppedNs);
    }
    // However the realtime clock was stepped, the frames keep the order in which they arrived.
    hostNs = std::max(hostNs, lastHostNs + 1);
    lastHostNs = hostNs;
    return hostNs;
}

void AravisCamera::Private::copyPixels(ArvBuffer *buffer, std::span<std::uint16_t> pixels) const
{
    const auto width = static_cast<std::size_t>(arv_buffer_get_image_width(buffer));
    const auto height = static_cast<std::size_t>(arv_buffer_get_image_height(buffer));
    if (width != static_cast<std::size_t>(applied.width) || height != static_cast<std::size_t>(applied.height)) {
        throw error("delivered a " + std::to_string(width) + "×" + std::to_string(height) + " frame, configured for " +
                    std::to_string(applied.width) + "×" + std::to_string(applied.height));
    }
    const std::size_t count = width * height;
    if (pixels.size() < count) {
        throw error("grab() was given room for " + std::to_string(pixels.size()) + " pixels, the frame has " +
                    std::to_string(count));
    }
    const bool eightBit = applied.pixelFormat == acq::PixelFormat::Mono8;
    const std::size_t needed = count * (eightBit ? 1 : 2);
    std::size_t size = 0;
    const auto *data = static_cast<const std::uint8_t *>(arv_buffer_get_image_data(buffer, &size));
    if (!data || size < needed) {
        throw error("delivered " + std::to_string(size) + " bytes for a frame of " + std::to_string(needed));
    }
    if (eightBit) {
        std::copy(data, data + count, pixels.begin());
    } else {
        // GenICam's Mono12 and Mono16 are little-endian 16-bit words, as on every host we build for.
        std::memcpy(pixels.data(), data, needed);
    }
}

std::vector<acq::StatusReading> AravisCamera::status()
{
    // A camera that stopped answering would hold the capture thread for its retries on each reading.
    if (!d->hasTemperature || d->controlLost) {
        return {};
    }
    GError *error = nullptr;
    const double celsius = arv_camera_get_float(d->camera.get(), "DeviceTemperature", &error);
    if (error) {
        g_error_free(error);
        return {};
    }
    return {acq::StatusReading{"sensor_temperature", "degC", celsius}};
}

std::vector<acq::CameraDescription> AravisCamera::connectedCameras()
{
    arv_update_device_list();
    std::vector<acq::CameraDescription> cameras;
    for (unsigned i = 0; i < arv_get_n_devices(); ++i) {
        acq::CameraDescription camera;
        camera.spec = "aravis:" + std::string(arv_get_device_id(i));
        const auto text = [](const char *value) { return std::string(value ? value : ""); };
        camera.vendor = text(arv_get_device_vendor(i));
        camera.model = text(arv_get_device_model(i));
        camera.serial = text(arv_get_device_serial_nbr(i));
        cameras.push_back(std::move(camera));
    }
    return cameras;
}

} // namespace hw
