#include "core/stimulus/geometry.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace stimulus {

namespace {

constexpr double degPerRad = 180.0 / std::numbers::pi;

double radians(double degrees)
{
    return degrees / degPerRad;
}

AngleRange rangeOf(const std::vector<float> &values)
{
    if (values.empty())
        return {};
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    return {*low, *high};
}

// The screen's basis in the eye frame, computed once per pose rather than per pixel.
struct ScreenBasis {
    double normal[3];
    double right[3];
    double up[3];

    explicit ScreenBasis(const Pose &pose)
    {
        const double theta = radians(pose.lateralRotationDeg);
        const double phi = radians(pose.tiltDeg);
        const double ct = std::cos(theta), st = std::sin(theta), cp = std::cos(phi), sp = std::sin(phi);
        normal[0] = cp * ct, normal[1] = cp * st, normal[2] = sp;
        right[0] = -st, right[1] = ct, right[2] = 0;
        up[0] = -sp * ct, up[1] = -sp * st, up[2] = cp;
    }

    VisualAngles angles(double x0, double thetaDeg, ScreenPoint point) const
    {
        double p[3];
        for (int i = 0; i < 3; ++i)
            p[i] = x0 * normal[i] + point.rightCm * right[i] + point.upCm * up[i];
        const double azimuth = std::atan2(p[1], p[0]) * degPerRad;
        return {thetaDeg + std::remainder(azimuth - thetaDeg, 360.0),
                std::atan2(p[2], std::hypot(p[0], p[1])) * degPerRad};
    }
};

} // namespace

ScreenPoint pixelCentre(const Monitor &monitor, const Pose &pose, int column, int row)
{
    return {(column + 0.5) * monitor.widthCm / monitor.widthPx - monitor.widthCm / 2 - pose.footXCm,
            monitor.heightCm / 2 - (row + 0.5) * monitor.heightCm / monitor.heightPx - pose.footYCm};
}

VisualAngles visualAngles(const Pose &pose, ScreenPoint point)
{
    return ScreenBasis(pose).angles(pose.eyeDistanceCm, pose.lateralRotationDeg, point);
}

VisualAngles flatAngles(const Pose &pose, ScreenPoint point)
{
    return {pose.lateralRotationDeg + std::atan(point.rightCm / pose.eyeDistanceCm) * degPerRad,
            pose.tiltDeg + std::atan(point.upCm / pose.eyeDistanceCm) * degPerRad};
}

AngleRange AngleMaps::azimuthRange() const
{
    return rangeOf(azimuthDeg);
}

AngleRange AngleMaps::altitudeRange() const
{
    return rangeOf(altitudeDeg);
}

AngleMaps angleMaps(const Monitor &monitor, const Pose &pose, Correction correction)
{
    AngleMaps maps{monitor.widthPx, monitor.heightPx, {}, {}};
    const auto pixels = static_cast<std::size_t>(maps.width) * static_cast<std::size_t>(maps.height);
    maps.azimuthDeg.resize(pixels);
    maps.altitudeDeg.resize(pixels);
    const ScreenBasis basis(pose);
    std::size_t i = 0;
    for (int row = 0; row < maps.height; ++row) {
        for (int column = 0; column < maps.width; ++column, ++i) {
            const ScreenPoint point = pixelCentre(monitor, pose, column, row);
            const VisualAngles angles = correction == Correction::Spherical
                                            ? basis.angles(pose.eyeDistanceCm, pose.lateralRotationDeg, point)
                                            : flatAngles(pose, point);
            maps.azimuthDeg[i] = static_cast<float>(angles.azimuthDeg);
            maps.altitudeDeg[i] = static_cast<float>(angles.altitudeDeg);
        }
    }
    return maps;
}

} // namespace stimulus
