#include "hardware/camera/visualareas.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hw {

namespace {

// Area coordinates (p, q): V1 is the unit square, every border between areas is a line p = 0, p = 1 or q = 0,
// and the maps are functions of p (azimuth) and q (altitude) folded at those lines. The cortex is a smooth,
// orientation-preserving warp of this plane (rotated 15°, V1's sides bowed, its length undulating), so the
// areas look organic while each map stays exactly continuous and each area's sign exactly constant.
constexpr double RotationRad = 0.26;
constexpr double BowPerMm = 0.12;       // bends lines of constant p (the azimuth borders)
constexpr double UndulationMm = 0.08;   // bends lines of constant q
constexpr double V1WidthMm = 2.0;       // along p
constexpr double V1LengthMm = 2.4;      // along q
constexpr double V1LateralEdgeMm = -0.9;
constexpr double V1AnteriorEdgeMm = -0.84;
constexpr double V1CornerRadius = 0.22; // in area coordinates

constexpr double V1AzimuthSpanDeg = 85;
constexpr double LmAzimuthSpanDeg = 35;
constexpr double PmAzimuthSpanDeg = 40;
constexpr double LowestAltitudeDeg = -25;
constexpr double V1AltitudeSpanDeg = 60;
constexpr double RlAltitudeSpanDeg = 25;

// Each higher area's extent: how far it reaches away from V1 and which stretch of V1's border it shares.
struct AbuttingArea {
    double depth;      // away from the border, in area coordinates
    double alongFirst; // the shared stretch of the border, in the other coordinate
    double alongLast;
};
constexpr AbuttingArea Lm{0.45, 0.24, 0.76};
constexpr AbuttingArea Pm{0.35, 0.23, 0.67};
constexpr AbuttingArea Rl{0.30, 0.23, 0.77};

struct AreaCoordinates {
    double p;
    double q;
};

AreaCoordinates areaCoordinates(double xMm, double yMm)
{
    const double c = std::cos(RotationRad), s = std::sin(RotationRad);
    const double x = c * xMm + s * yMm;
    const double y = -s * xMm + c * yMm;
    // Jacobian determinant 1 + 2·BowPerMm·y·UndulationMm·1.7·cos(1.7x) > 0.9 over the field of view, so the
    // warp keeps orientation and with it each area's sign.
    const double bowedX = x - BowPerMm * y * y;
    const double undulatedY = y + UndulationMm * std::sin(1.7 * x);
    return {(bowedX - V1LateralEdgeMm) / V1WidthMm, (undulatedY - V1AnteriorEdgeMm) / V1LengthMm};
}

bool insideV1(AreaCoordinates a)
{
    if (a.p < 0 || a.p > 1 || a.q < 0 || a.q > 1)
        return false;
    const double dp = std::max({V1CornerRadius - a.p, a.p - (1 - V1CornerRadius), 0.0});
    const double dq = std::max({V1CornerRadius - a.q, a.q - (1 - V1CornerRadius), 0.0});
    return dp * dp + dq * dq <= V1CornerRadius * V1CornerRadius;
}

// D-shaped: flat along the shared border, rounded on the far side.
bool insideAbutting(const AbuttingArea &area, double away, double along)
{
    const double across = away / area.depth;
    const double mid = (area.alongFirst + area.alongLast) / 2;
    const double halfLength = (area.alongLast - area.alongFirst) / 2;
    const double lengthwise = std::abs(along - mid) / halfLength;
    return across >= 0 && across <= 1 && std::pow(across, 2.5) + std::pow(lengthwise, 2.5) <= 1;
}

// Denser sampling of the central visual field, as in mouse V1.
double v1Azimuth(double p)
{
    return V1AzimuthSpanDeg * (0.75 * p + 0.25 * p * p);
}

double v1Altitude(double q)
{
    return LowestAltitudeDeg + V1AltitudeSpanDeg * q;
}

} // namespace

RetinotopicPoint retinotopyAt(double xMm, double yMm)
{
    const AreaCoordinates a = areaCoordinates(xMm, yMm);
    if (insideV1(a))
        return {VisualArea::V1, v1Azimuth(a.p), v1Altitude(a.q)};
    if (insideAbutting(Lm, -a.p, a.q))
        return {VisualArea::LM, LmAzimuthSpanDeg * (-a.p / Lm.depth), v1Altitude(a.q)};
    if (insideAbutting(Pm, a.p - 1, a.q))
        return {VisualArea::PM, V1AzimuthSpanDeg - PmAzimuthSpanDeg * ((a.p - 1) / Pm.depth), v1Altitude(a.q)};
    if (insideAbutting(Rl, -a.q, a.p))
        return {VisualArea::RL, v1Azimuth(a.p), LowestAltitudeDeg + RlAltitudeSpanDeg * (-a.q / Rl.depth)};
    const double none = std::numeric_limits<double>::quiet_NaN();
    return {VisualArea::None, none, none};
}

int visualFieldSign(VisualArea area)
{
    switch (area) {
    case VisualArea::None:
        return 0;
    case VisualArea::V1:
        return -1;
    case VisualArea::LM:
    case VisualArea::PM:
    case VisualArea::RL:
        return 1;
    }
    return 0;
}

double responseScale(VisualArea area)
{
    switch (area) {
    case VisualArea::None:
        return 0;
    case VisualArea::V1:
        return 1;
    case VisualArea::LM:
        return 0.7;
    case VisualArea::PM:
        return 0.6;
    case VisualArea::RL:
        return 0.6;
    }
    return 0;
}

const char *areaName(VisualArea area)
{
    switch (area) {
    case VisualArea::None:
        return "none";
    case VisualArea::V1:
        return "V1";
    case VisualArea::LM:
        return "LM";
    case VisualArea::PM:
        return "PM";
    case VisualArea::RL:
        return "RL";
    }
    return "";
}

} // namespace hw
