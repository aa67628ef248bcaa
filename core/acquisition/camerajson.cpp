#include "core/acquisition/camerajson.h"

#include <nlohmann/json.hpp>

namespace acq {

std::string_view pixelFormatName(PixelFormat format)
{
    switch (format) {
    case PixelFormat::Mono8: return "Mono8";
    case PixelFormat::Mono12: return "Mono12";
    case PixelFormat::Mono16: return "Mono16";
    }
    return "Mono16";
}

nlohmann::json toJson(const CameraDescription &description)
{
    return {{"spec", description.spec},
            {"vendor", description.vendor},
            {"model", description.model},
            {"serial", description.serial},
            {"bit_depth", description.bitDepth}};
}

nlohmann::json toJson(const CameraSettings &settings)
{
    return {{"width", settings.width},
            {"height", settings.height},
            {"offset_x", settings.offsetX},
            {"offset_y", settings.offsetY},
            {"binning", settings.binning},
            {"exposure_us", settings.exposureUs},
            {"gain_db", settings.gainDb},
            {"frame_rate_hz", settings.frameRateHz},
            {"pixel_format", pixelFormatName(settings.pixelFormat)}};
}

} // namespace acq
