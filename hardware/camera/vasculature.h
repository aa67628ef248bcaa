#pragma once

#include "hardware/camera/imaginggeometry.h"

#include <cstdint>
#include <vector>

namespace hw {

// The cortex's reflectance as the simulated camera sees it through a round cranial window, relative to
// evenly lit, vessel-free cortex (1), one value per pixel, row-major: pial vessels as dark branching lines
// (thicker ones darker), uneven illumination, a faint tissue texture, and the skull around the window at
// about a fifth of the brightness. The vessels grow as random walks that branch and taper, in mm, so the
// same seed gives the same vessels at every image size. Deterministic from `seed`.
std::vector<float> cranialWindowReflectance(std::uint64_t seed, const ImagingGeometry &geometry);

// Whether a cortex position (mm) lies inside the cranial window, where the cortex can be seen.
bool insideCranialWindow(double xMm, double yMm);

} // namespace hw
