#pragma once

#include "core/retinotopy/recordinganalysis.h"

#include <filesystem>
#include <vector>

namespace retino {

// Writes PNGs of an analysis into `folder` for a quick look without the GUI (`analyze --png`, `demo`):
// azimuth.png and altitude.png (cyclic colormap, darkened where the power is low), sign_map.png (the visual
// field sign in red/blue over the mean frame, area borders in white) and mean_frame.png. Returns the files
// written. Throws core::Error naming the file that could not be written.
std::vector<std::filesystem::path> writeMapImages(const RetinotopyResult &result, const std::filesystem::path &folder);

} // namespace retino
