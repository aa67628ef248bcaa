#pragma once

#include <QtCore/QPoint>
#include <QtCore/QRectF>
#include <QtCore/QSize>
#include <QtGui/QImage>
#include <QtGui/QRgb>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace ui {

// The points of a scatter plot, projected once per change of data: the drawing loops read these arrays
// and nothing else.
struct ScatterPoints {
    std::vector<float> x, y;           // data coordinates; a point with a NaN coordinate is never drawn
    std::vector<std::uint16_t> colour; // index into ScatterStyle::palette

    std::size_t size() const { return x.size(); }
};

struct ScatterStyle {
    std::vector<QRgb> palette;         // opaque colours
    std::vector<std::uint8_t> visible; // one per palette entry; points of a hidden (0) colour are not drawn

    bool isVisible(std::uint16_t colour) const { return colour < visible.size() && visible[colour]; }
};

// One drawing of the points, and what the hover needs to know about it.
struct ScatterRaster {
    enum class Mode {
        Discs,   // few points per pixel: each a small disc, later points over earlier ones
        Density, // many: each pixel the mean colour of its points, more opaque the more there are
    };

    QImage image;                      // ARGB32_Premultiplied, transparent where no point is
    std::vector<std::uint32_t> hits;   // per pixel, row-major: 1 + the index of the point on top; 0 for none
    std::vector<std::uint32_t> counts; // Density only: per pixel, how many points fell into it
    Mode mode = Mode::Discs;
    int discDiameter = 0;              // Discs only, in pixels
    std::size_t shownPoints = 0;       // inside the view, with finite coordinates and a visible colour

    // The point on top nearest to `pixel` within `radius` pixels (a square around it, nearest by distance).
    std::optional<std::size_t> pointAt(QPoint pixel, int radius) const;
};

// Draws points into an image on one thread, in a few passes over plain arrays. It keeps its buffers from one
// drawing to the next, so that redrawing a million points (while panning) allocates nothing.
class ScatterRasterizer {
public:
    // Draws the points inside `view` into an image of `size` pixels; the result stays until the next call.
    // `view` is in data coordinates with y up: the image's left column is at view.left(), its top row at
    // view.bottom() (the largest y). When `selected` (point indices) is not empty, those points keep their
    // colours and lie on top with a dark ring, and the others are drawn faded. Discs are used while the
    // shown points, as discs of 4, 3 or 2 pixels, would cover at most the image's area once; beyond that, the
    // density image. At most 2^31 - 1 pixels and 2^32 - 2 points.
    const ScatterRaster &draw(const ScatterPoints &points, const ScatterStyle &style,
                              std::span<const std::uint32_t> selected, const QRectF &view, QSize size);
    const ScatterRaster &raster() const { return m_raster; }

private:
    // What the density image gathers per pixel, in one place so that a point costs one cache line.
    struct Cell {
        std::uint32_t count;
        std::uint32_t hit;  // 1 + the last point's index
        std::uint64_t sums; // red, green and blue sums of 21 bits each (see SummedPerPixel in the .cpp)
    };

    void locate(const ScatterPoints &points, const ScatterStyle &style, const QRectF &view, QSize size);
    void drawDiscs(const ScatterPoints &points, const ScatterStyle &style, std::span<const std::uint32_t> selected);
    void drawDensity(const ScatterPoints &points, const ScatterStyle &style, std::span<const std::uint32_t> selected);

    ScatterRaster m_raster;
    std::vector<std::int32_t> m_pixel; // per point: its pixel, or -1 when it is not drawn
    std::vector<std::uint8_t> m_visible; // per colour index (all 2^16): 1 when drawn
    std::vector<Cell> m_cells;
    std::vector<Cell> m_selectedCells;
};

} // namespace ui
