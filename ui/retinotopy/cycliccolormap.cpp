#include "ui/retinotopy/cycliccolormap.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ui {

namespace {

constexpr double Lightness = 0.75;

struct LinearRgb {
    double r, g, b;
    bool inGamut() const { return r >= 0 && r <= 1 && g >= 0 && g <= 1 && b >= 0 && b <= 1; }
};

// Ottosson's OKLab → linear sRGB matrices.
LinearRgb fromOklab(double lightness, double a, double b)
{
    const double l = std::pow(lightness + 0.3963377774 * a + 0.2158037573 * b, 3);
    const double m = std::pow(lightness - 0.1055613458 * a - 0.0638541728 * b, 3);
    const double s = std::pow(lightness - 0.0894841775 * a - 1.2914855480 * b, 3);
    return {4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
            -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
            -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s};
}

int toSrgb8(double linear)
{
    const double c = std::clamp(linear, 0.0, 1.0);
    const double encoded = c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055;
    return int(std::lround(encoded * 255));
}

LinearRgb onCircle(double chroma, double fraction)
{
    const double hue = 2 * std::numbers::pi * fraction;
    return fromOklab(Lightness, chroma * std::cos(hue), chroma * std::sin(hue));
}

bool fitsEveryHue(double chroma)
{
    constexpr int Hues = 720;
    for (int i = 0; i < Hues; ++i)
        if (!onCircle(chroma, double(i) / Hues).inGamut())
            return false;
    return true;
}

} // namespace

CyclicColorMap::CyclicColorMap()
{
    double low = 0, high = 0.4;
    for (int step = 0; step < 30; ++step) {
        const double middle = (low + high) / 2;
        (fitsEveryHue(middle) ? low : high) = middle;
    }
    for (int i = 0; i < Size; ++i) {
        const LinearRgb colour = onCircle(low, double(i) / Size);
        m_colours[std::size_t(i)] = qRgb(toSrgb8(colour.r), toSrgb8(colour.g), toSrgb8(colour.b));
    }
}

const CyclicColorMap &CyclicColorMap::instance()
{
    static const CyclicColorMap map;
    return map;
}

QRgb CyclicColorMap::at(double fraction) const
{
    const double wrapped = fraction - std::floor(fraction);
    return m_colours[std::size_t(std::min(int(wrapped * Size), Size - 1))];
}

QImage CyclicColorMap::gradient() const
{
    QImage row(Size, 1, QImage::Format_RGB32);
    auto *pixels = reinterpret_cast<QRgb *>(row.scanLine(0));
    std::copy(m_colours.begin(), m_colours.end(), pixels);
    return row;
}

} // namespace ui
