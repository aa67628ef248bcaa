#include "hardware/camera/vasculature.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>

namespace hw {

namespace {

constexpr double WindowCentreXMm = 0.05;
constexpr double WindowCentreYMm = -0.03;
constexpr double WindowSemiAxisXMm = 2.45;
constexpr double WindowSemiAxisYMm = 2.35;
constexpr double WindowEdgeMm = 0.03;   // the soft edge of the window
constexpr double SkullReflectance = 0.22;

constexpr double StepMm = 0.03;         // vessels grow in straight pieces this long
constexpr double SmallestRadiusMm = 0.005;
constexpr double GrowthLimitMm = 3.4;   // from the centre: beyond every corner of the field of view
constexpr int MaxStepsPerVessel = 320;
constexpr std::size_t MaxSegments = 30000;

class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}
    // Our own conversions rather than std's distributions, whose output differs between standard libraries.
    double uniform(double low, double high)
    {
        return low + (high - low) * double(m_engine() >> 11) * 0x1p-53;
    }
    double normal()
    {
        const double u = uniform(std::numeric_limits<double>::min(), 1);
        return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * uniform(0, 1));
    }
    bool chance(double probability) { return uniform(0, 1) < probability; }

private:
    std::mt19937_64 m_engine;
};

struct Segment {
    double x0, y0, x1, y1;
    double radiusMm;
    double darkness; // the fraction of light the vessel's centre line absorbs
};

struct GrowingVessel {
    double x, y;
    double heading;
    double radiusMm;
    double darkness;
    double wander; // how much the heading turns per step, rad (s.d.)
};

// Trunks enter from around the window's edge and wander inward, tapering; each step may branch off a thinner
// vessel at a steep angle. Veins are wider, darker and more tortuous than arteries.
std::vector<Segment> growVessels(Random &random)
{
    std::vector<GrowingVessel> pending;
    const int trunks = 6 + int(random.uniform(0, 4));
    for (int i = 0; i < trunks; ++i) {
        const double around = 2 * std::numbers::pi * (i + random.uniform(0.1, 0.9)) / trunks;
        const bool vein = i % 2 == 0;
        const double startMm = 2.9;
        pending.push_back({startMm * std::cos(around), startMm * std::sin(around),
                           around + std::numbers::pi + random.uniform(-0.5, 0.5),
                           vein ? random.uniform(0.04, 0.07) : random.uniform(0.025, 0.04), vein ? 0.6 : 0.4,
                           vein ? 0.08 : 0.05});
    }
    std::vector<Segment> segments;
    while (!pending.empty() && segments.size() < MaxSegments) {
        GrowingVessel v = pending.back();
        pending.pop_back();
        for (int step = 0; step < MaxStepsPerVessel && v.radiusMm > SmallestRadiusMm &&
                           std::hypot(v.x, v.y) < GrowthLimitMm && segments.size() < MaxSegments;
             ++step) {
            v.heading += v.wander * random.normal();
            const double x = v.x + StepMm * std::cos(v.heading);
            const double y = v.y + StepMm * std::sin(v.heading);
            segments.push_back({v.x, v.y, x, y, v.radiusMm, v.darkness});
            v.x = x;
            v.y = y;
            // Tapering by a fraction and a constant keeps the big vessels long and the small ones short.
            v.radiusMm = v.radiusMm * 0.994 - 0.00006;
            if (random.chance(0.08)) {
                GrowingVessel branch = v;
                branch.radiusMm = v.radiusMm * random.uniform(0.35, 0.7);
                branch.heading += (random.chance(0.5) ? 1 : -1) * random.uniform(0.5, 1.2);
                branch.darkness = v.darkness * random.uniform(0.8, 1);
                branch.wander = std::min(0.15, v.wander * 1.2);
                pending.push_back(branch);
                v.radiusMm *= 0.93;
            }
        }
    }
    return segments;
}

// Light absorbed per pixel: a vessel is a cylinder of blood, so absorption follows the chord through it,
// √(1 − (d/r)²). Vessels thinner than a pixel are spread over one pixel at proportionally lower contrast.
// Overlapping pieces of one vessel take the maximum, so joints do not show.
std::vector<float> vesselAbsorption(const std::vector<Segment> &segments, const ImagingGeometry &g)
{
    std::vector<float> absorption(std::size_t(g.width) * std::size_t(g.height), 0.0f);
    const double px = g.pixelSizeMm;
    for (const Segment &s : segments) {
        const double radius = std::max(s.radiusMm, 0.6 * px);
        const double darkness = s.darkness * std::min(1.0, s.radiusMm / radius);
        const double toColumn = 1 / px, columnOffset = g.width / 2.0 - 0.5, rowOffset = g.height / 2.0 - 0.5;
        const int c0 = std::max(0, int(std::floor((std::min(s.x0, s.x1) - radius) * toColumn + columnOffset)));
        const int c1 = std::min(g.width - 1, int(std::ceil((std::max(s.x0, s.x1) + radius) * toColumn + columnOffset)));
        const int r0 = std::max(0, int(std::floor((std::min(s.y0, s.y1) - radius) * toColumn + rowOffset)));
        const int r1 = std::min(g.height - 1, int(std::ceil((std::max(s.y0, s.y1) + radius) * toColumn + rowOffset)));
        const double dx = s.x1 - s.x0, dy = s.y1 - s.y0, lengthSquared = dx * dx + dy * dy;
        for (int row = r0; row <= r1; ++row) {
            const double y = g.yMm(row);
            for (int column = c0; column <= c1; ++column) {
                const double x = g.xMm(column);
                const double t = std::clamp(((x - s.x0) * dx + (y - s.y0) * dy) / lengthSquared, 0.0, 1.0);
                const double ex = x - (s.x0 + t * dx), ey = y - (s.y0 + t * dy);
                const double chord = 1 - (ex * ex + ey * ey) / (radius * radius);
                if (chord <= 0)
                    continue;
                float &a = absorption[std::size_t(row) * std::size_t(g.width) + std::size_t(column)];
                a = std::max(a, float(darkness * std::sqrt(chord)));
            }
        }
    }
    return absorption;
}

// Smooth value noise in −1..1 with features about `spacingMm` across.
class ValueNoise {
public:
    ValueNoise(Random &random, double spacingMm) : m_spacingMm(spacingMm)
    {
        m_nodes.resize(Nodes * Nodes);
        for (double &v : m_nodes)
            v = random.uniform(-1, 1);
    }
    double at(double xMm, double yMm) const
    {
        const double u = std::clamp(xMm / m_spacingMm + Nodes / 2.0, 0.0, Nodes - 1.001);
        const double v = std::clamp(yMm / m_spacingMm + Nodes / 2.0, 0.0, Nodes - 1.001);
        const int i = int(u), j = int(v);
        const double fu = smooth(u - i), fv = smooth(v - j);
        const auto node = [this](int a, int b) { return m_nodes[std::size_t(b) * Nodes + std::size_t(a)]; };
        return (1 - fv) * ((1 - fu) * node(i, j) + fu * node(i + 1, j)) +
               fv * ((1 - fu) * node(i, j + 1) + fu * node(i + 1, j + 1));
    }

private:
    static constexpr int Nodes = 48;
    static double smooth(double f) { return f * f * (3 - 2 * f); }
    double m_spacingMm;
    std::vector<double> m_nodes;
};

double windowRadius(double xMm, double yMm)
{
    return std::hypot((xMm - WindowCentreXMm) / WindowSemiAxisXMm, (yMm - WindowCentreYMm) / WindowSemiAxisYMm);
}

} // namespace

bool insideCranialWindow(double xMm, double yMm)
{
    return windowRadius(xMm, yMm) < 1;
}

std::vector<float> cranialWindowReflectance(std::uint64_t seed, const ImagingGeometry &geometry)
{
    Random random(seed);
    const std::vector<float> absorption = vesselAbsorption(growVessels(random), geometry);
    const ValueNoise tissue(random, 0.4), fineTissue(random, 0.12), bone(random, 0.2);
    const double lightXMm = random.uniform(-0.4, 0.4), lightYMm = random.uniform(-0.4, 0.4);
    const double edgeWidth = WindowEdgeMm / std::min(WindowSemiAxisXMm, WindowSemiAxisYMm);

    std::vector<float> reflectance(absorption.size());
    for (int row = 0; row < geometry.height; ++row) {
        const double y = geometry.yMm(row);
        for (int column = 0; column < geometry.width; ++column) {
            const double x = geometry.xMm(column);
            const std::size_t i = std::size_t(row) * std::size_t(geometry.width) + std::size_t(column);
            // The lamp is aimed near the centre and falls off toward the window's edge.
            const double lightDistanceSquared = std::pow(x - lightXMm, 2) + std::pow(y - lightYMm, 2);
            const double light = std::max(0.5, 1 - 0.15 * lightDistanceSquared / 6.25);
            const double cortex = (1 + 0.03 * tissue.at(x, y) + 0.015 * fineTissue.at(x, y)) * (1 - absorption[i]);
            const double skull = SkullReflectance * (1 + 0.25 * bone.at(x, y));
            const double inside = std::clamp((1 - windowRadius(x, y)) / edgeWidth + 0.5, 0.0, 1.0);
            reflectance[i] = float(light * (inside * cortex + (1 - inside) * skull));
        }
    }
    return reflectance;
}

} // namespace hw
