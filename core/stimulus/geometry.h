#pragma once

#include "core/stimulus/stimulusparameters.h"

#include <vector>

namespace stimulus {

// Where the screen's pixels lie in the animal's visual field (Marshel et al. 2011, Fig. 1 and Methods).
//
// Eye frame: x straight ahead, y toward the animal's right (azimuth positive), z up. The screen is first
// tilted by tilt_deg about its horizontal (right) axis, positive raising its normal, then turned by
// lateral_rotation_deg about the vertical axis, positive toward +y. Its basis is then
//   normal n = (cos φ cos θ, cos φ sin θ, sin φ),  right r = (−sin θ, cos θ, 0),  up t = (−sin φ cos θ, −sin φ sin θ, cos φ)
// and a point (u, v) of the screen (cm from the perpendicular foot, right and up) sits at P = x0·n + u·r + v·t,
// x0 = eye_distance_cm. With θ = φ = 0 the angles below are exactly Marshel's spherical correction for the
// screen point (y, z) = (−u, v): altitude = atan(z / sqrt(x0² + y²)), azimuth = atan(−y / x0). The foot maps to
// (azimuth, altitude) = (θ, φ).

// A point on the screen in cm from the perpendicular foot, to the right and up as the animal sees it.
struct ScreenPoint {
    double rightCm = 0;
    double upCm = 0;
};

// The centre of pixel (column, row); row 0 is the top of the screen.
ScreenPoint pixelCentre(const Monitor &monitor, const Pose &pose, int column, int row);

struct VisualAngles {
    double azimuthDeg = 0;
    double altitudeDeg = 0;
};

// Spherical visual-field angles of a screen point: azimuth = atan2(P_y, P_x), altitude = atan2(P_z, |P_xy|).
// The azimuth is taken within ±180° of the screen normal's azimuth (θ), so that a screen turned far to the
// side does not wrap at ±180° halfway across; for |θ| ≤ 90° and points in front of the eye this is atan2.
VisualAngles visualAngles(const Pose &pose, ScreenPoint point);

// Flat-screen angles for correction "none": θ + atan(u / x0) and φ + atan(v / x0). Constant along screen
// columns and rows respectively, so bars and checkers drawn in them are straight on the screen.
VisualAngles flatAngles(const Pose &pose, ScreenPoint point);

struct AngleRange {
    double min = 0;
    double max = 0;
};

// One angle pair per pixel, row-major, row 0 at the top.
struct AngleMaps {
    int width = 0;
    int height = 0;
    std::vector<float> azimuthDeg;
    std::vector<float> altitudeDeg;

    AngleRange azimuthRange() const;
    AngleRange altitudeRange() const;
};

// The maps for every pixel: visualAngles() for Correction::Spherical (what /geometry stores, whatever the
// stimulus's correction), flatAngles() for Correction::None. Computed once per stimulus; ~0.2 s at 1920×1080.
AngleMaps angleMaps(const Monitor &monitor, const Pose &pose, Correction correction);

} // namespace stimulus
