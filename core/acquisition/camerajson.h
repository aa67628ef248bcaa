#pragma once

#include "core/acquisition/camera.h"

#include <nlohmann/json_fwd.hpp>

#include <string_view>

namespace acq {

// How cameras appear in recordings, summaries and the panel ("camera" and "camera_settings" attributes).
std::string_view pixelFormatName(PixelFormat format);
nlohmann::json toJson(const CameraDescription &description);
nlohmann::json toJson(const CameraSettings &settings);

} // namespace acq
