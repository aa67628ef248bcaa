#pragma once

#include <QtGui/QColor>
#include <QtGui/QImage>

#include <array>

namespace ui {

// The colours of positions on the visual field, which come from a periodic stimulus's phase: a hue circle
// of constant lightness and chroma in OKLab (Ottosson 2020, https://bottosson.github.io/posts/oklab/), so
// that equal steps of the value are equal perceived steps of colour, no value looks brighter than another,
// and lightness is left free to show the response's power. The chroma is the largest that sRGB holds at every
// hue for that lightness (about 0.127 at L = 0.75), computed once, not tabulated.
class CyclicColorMap {
public:
    static constexpr int Size = 512;

    static const CyclicColorMap &instance();

    // `fraction` of the way round the circle; any real number (it wraps).
    QRgb at(double fraction) const;
    // One row, Size wide, from fraction 0 to 1: the colour bar's picture.
    QImage gradient() const;

private:
    CyclicColorMap();

    std::array<QRgb, Size> m_colours{};
};

} // namespace ui
