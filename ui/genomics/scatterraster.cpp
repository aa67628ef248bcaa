#include "ui/genomics/scatterraster.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ui {

namespace {

constexpr QRgb RingColour = qRgb(0x1a, 0x1a, 0x1a);
constexpr QRgb FadeTarget = qRgb(0xd4, 0xd4, 0xd4);
// Of a faded point's colour, this share (of 256) is its own, the rest FadeTarget.
constexpr unsigned FadeKeep = 64;
// A pixel's colour sums stop growing after this many points, so that each fits its 21 bits (255 × 8192 <
// 2^21); the mean colour of the first 8192 points of a pixel is as good as that of all.
constexpr std::uint32_t SummedPerPixel = 8192;
constexpr int SumBits = 21;
constexpr std::uint64_t SumMask = (std::uint64_t(1) << SumBits) - 1;
// Opacity of a density pixel holding one point, and of a faded one relative to its unfaded opacity.
constexpr double SinglePointAlpha = 0.3;
constexpr double FadedAlpha = 0.75;
// Opacities are tabulated up to this count; a logarithm per pixel would cost more than the accumulation.
constexpr std::uint32_t TabulatedCounts = 4096;
constexpr std::size_t PrefetchDistance = 16;

QRgb premultiplied(unsigned r, unsigned g, unsigned b, unsigned a)
{
    return (a << 24) | (((r * a + 127) / 255) << 16) | (((g * a + 127) / 255) << 8) | ((b * a + 127) / 255);
}

QRgb faded(QRgb colour)
{
    const auto mix = [](int own, int target) { return (own * int(FadeKeep) + target * int(256 - FadeKeep)) >> 8; };
    return qRgb(mix(qRed(colour), qRed(FadeTarget)), mix(qGreen(colour), qGreen(FadeTarget)),
                mix(qBlue(colour), qBlue(FadeTarget)));
}

std::uint64_t packed(QRgb colour)
{
    return std::uint64_t(qRed(colour)) | (std::uint64_t(qGreen(colour)) << SumBits)
           | (std::uint64_t(qBlue(colour)) << (2 * SumBits));
}

// The mean colour of a cell's summed points.
QRgb meanColour(std::uint64_t sums, std::uint32_t count)
{
    const float share = 1.0f / float(std::min(count, SummedPerPixel));
    const auto channel = [&](int shift) { return int(float((sums >> shift) & SumMask) * share + 0.5f); };
    return qRgb(channel(0), channel(SumBits), channel(2 * SumBits));
}

// The pixels of a disc `diameter` pixels across, relative to the pixel its point falls in.
std::vector<QPoint> discOffsets(int diameter)
{
    std::vector<QPoint> offsets;
    const double centre = (diameter - 1) / 2.0;
    const double radius2 = diameter * diameter / 4.0;
    for (int dy = 0; dy < diameter; ++dy)
        for (int dx = 0; dx < diameter; ++dx)
            if ((dx - centre) * (dx - centre) + (dy - centre) * (dy - centre) <= radius2)
                offsets.emplace_back(dx - diameter / 2, dy - diameter / 2);
    return offsets;
}

} // namespace

std::optional<std::size_t> ScatterRaster::pointAt(QPoint pixel, int radius) const
{
    const int width = image.width(), height = image.height();
    std::optional<std::size_t> nearest;
    int nearestDistance = std::numeric_limits<int>::max();
    for (int y = std::max(0, pixel.y() - radius); y <= std::min(height - 1, pixel.y() + radius); ++y)
        for (int x = std::max(0, pixel.x() - radius); x <= std::min(width - 1, pixel.x() + radius); ++x) {
            const std::uint32_t hit = hits[std::size_t(y) * std::size_t(width) + std::size_t(x)];
            const int distance = (x - pixel.x()) * (x - pixel.x()) + (y - pixel.y()) * (y - pixel.y());
            if (hit != 0 && distance < nearestDistance) {
                nearestDistance = distance;
                nearest = hit - 1;
            }
        }
    return nearest;
}

const ScatterRaster &ScatterRasterizer::draw(const ScatterPoints &points, const ScatterStyle &style,
                                             std::span<const std::uint32_t> selected, const QRectF &view, QSize size)
{
    ScatterRaster &raster = m_raster;
    const QSize drawn = size.isValid() ? size : QSize(0, 0);
    if (raster.image.size() != drawn || raster.image.format() != QImage::Format_ARGB32_Premultiplied)
        raster.image = QImage(drawn, QImage::Format_ARGB32_Premultiplied);
    raster.image.fill(Qt::transparent);
    raster.hits.assign(std::size_t(drawn.width()) * std::size_t(drawn.height()), 0);
    raster.counts.clear();
    raster.mode = ScatterRaster::Mode::Discs;
    raster.discDiameter = 0;
    raster.shownPoints = 0;
    if (drawn.isEmpty() || !(view.width() > 0) || !(view.height() > 0) || points.size() == 0)
        return raster;

    locate(points, style, view, drawn);
    const double area = double(drawn.width()) * double(drawn.height());
    for (const int diameter : {4, 3, 2})
        if (double(raster.shownPoints) * double(discOffsets(diameter).size()) <= area) {
            raster.discDiameter = diameter;
            break;
        }
    if (raster.discDiameter > 0) {
        drawDiscs(points, style, selected);
    } else {
        raster.mode = ScatterRaster::Mode::Density;
        drawDensity(points, style, selected);
    }
    return raster;
}

void ScatterRasterizer::locate(const ScatterPoints &points, const ScatterStyle &style, const QRectF &view, QSize size)
{
    const std::size_t n = points.size();
    m_pixel.resize(n);
    const float width = float(size.width()), height = float(size.height());
    const float scaleX = float(size.width() / view.width()), scaleY = float(size.height() / view.height());
    const float left = float(view.left()), top = float(view.bottom());
    const std::int32_t stride = size.width();
    const float *x = points.x.data();
    const float *y = points.y.data();
    std::int32_t *pixel = m_pixel.data();
    // Branch-free, so that it vectorises: NaN fails every comparison, and what is outside is converted from 0
    // (converting NaN or a huge float to an integer is undefined).
    for (std::size_t i = 0; i < n; ++i) {
        const float column = (x[i] - left) * scaleX;
        const float row = (top - y[i]) * scaleY;
        const bool inside = (column >= 0.0f) & (column < width) & (row >= 0.0f) & (row < height);
        const std::int32_t at = std::int32_t(inside ? row : 0.0f) * stride + std::int32_t(inside ? column : 0.0f);
        pixel[i] = inside ? at : -1;
    }

    // Per colour index, whether it is drawn: a table over every uint16, so that the loop needs no bounds check.
    std::vector<std::uint8_t> &visible = m_visible;
    visible.assign(std::size_t(std::numeric_limits<std::uint16_t>::max()) + 1, 0);
    std::copy_n(style.visible.begin(), std::min(style.visible.size(), style.palette.size()), visible.begin());
    const std::uint16_t *colour = points.colour.data();
    std::size_t shown = 0;
    for (std::size_t i = 0; i < n; ++i) {
        pixel[i] = visible[colour[i]] ? pixel[i] : -1;
        shown += pixel[i] >= 0;
    }
    m_raster.shownPoints = shown;
}

void ScatterRasterizer::drawDiscs(const ScatterPoints &points, const ScatterStyle &style,
                                  std::span<const std::uint32_t> selected)
{
    ScatterRaster &raster = m_raster;
    const int width = raster.image.width(), height = raster.image.height();
    auto *bits = reinterpret_cast<QRgb *>(raster.image.bits());
    const auto stamp = [&](std::int32_t at, const std::vector<QPoint> &offsets, QRgb colour, std::uint32_t hit) {
        const int cx = at % width, cy = at / width;
        for (const QPoint &offset : offsets) {
            const int px = cx + offset.x(), py = cy + offset.y();
            if (px < 0 || py < 0 || px >= width || py >= height)
                continue;
            const std::size_t index = std::size_t(py) * std::size_t(width) + std::size_t(px);
            bits[index] = colour;
            raster.hits[index] = hit;
        }
    };
    const std::vector<QPoint> disc = discOffsets(raster.discDiameter);
    std::vector<QRgb> palette = style.palette;
    if (!selected.empty())
        std::transform(palette.begin(), palette.end(), palette.begin(), faded);
    for (std::size_t i = 0; i < m_pixel.size(); ++i)
        if (m_pixel[i] >= 0)
            stamp(m_pixel[i], disc, palette[points.colour[i]], std::uint32_t(i + 1));
    const std::vector<QPoint> ring = discOffsets(raster.discDiameter + 2);
    for (const std::uint32_t i : selected) {
        if (i >= m_pixel.size() || m_pixel[i] < 0)
            continue;
        stamp(m_pixel[i], ring, RingColour, i + 1);
        stamp(m_pixel[i], disc, style.palette[points.colour[i]], i + 1);
    }
}

void ScatterRasterizer::drawDensity(const ScatterPoints &points, const ScatterStyle &style,
                                    std::span<const std::uint32_t> selected)
{
    ScatterRaster &raster = m_raster;
    const std::size_t pixels = raster.hits.size();
    std::vector<std::uint64_t> colours(style.palette.size());
    std::transform(style.palette.begin(), style.palette.end(), colours.begin(), packed);
    const std::uint16_t *colour = points.colour.data();

    m_cells.assign(pixels, Cell{});
    const std::size_t n = m_pixel.size();
    for (std::size_t i = 0; i < n; ++i) {
        // The cells are visited in the points' order, all over the image: fetching a later point's cell while
        // this one is added hides most of the wait for memory (about twice as fast with a million points).
        if (i + PrefetchDistance < n && m_pixel[i + PrefetchDistance] >= 0)
            __builtin_prefetch(&m_cells[std::size_t(m_pixel[i + PrefetchDistance])], 1);
        if (m_pixel[i] < 0)
            continue;
        Cell &cell = m_cells[std::size_t(m_pixel[i])];
        cell.sums += cell.count < SummedPerPixel ? colours[colour[i]] : 0;
        ++cell.count;
        cell.hit = std::uint32_t(i + 1);
    }
    const bool anySelected = !selected.empty();
    if (anySelected) {
        m_selectedCells.assign(pixels, Cell{});
        for (const std::uint32_t i : selected)
            if (i < m_pixel.size() && m_pixel[i] >= 0) {
                Cell &cell = m_selectedCells[std::size_t(m_pixel[i])];
                cell.sums += cell.count < SummedPerPixel ? colours[colour[i]] : 0;
                ++cell.count;
            }
    }

    std::uint32_t most = 0;
    raster.counts.resize(pixels);
    for (std::size_t p = 0; p < pixels; ++p) {
        raster.counts[p] = m_cells[p].count;
        raster.hits[p] = m_cells[p].hit;
        most = std::max(most, m_cells[p].count);
    }
    // Opacity rises with log(count), from SinglePointAlpha for one point to opaque for the fullest pixel.
    const auto alphaOf = [&](std::uint32_t count) {
        const double share = most <= 1 ? 1.0 : std::log(double(count)) / std::log(double(most));
        return unsigned(std::lround(255 * (SinglePointAlpha + (1 - SinglePointAlpha) * share)));
    };
    std::vector<std::uint8_t> alphaTable(std::min(most, TabulatedCounts) + 1);
    for (std::uint32_t count = 1; count < alphaTable.size(); ++count)
        alphaTable[count] = std::uint8_t(alphaOf(count));

    auto *bits = reinterpret_cast<QRgb *>(raster.image.bits());
    for (std::size_t p = 0; p < pixels; ++p) {
        const Cell &cell = m_cells[p];
        if (cell.count == 0)
            continue;
        unsigned alpha = cell.count < alphaTable.size() ? alphaTable[cell.count] : alphaOf(cell.count);
        QRgb mean;
        if (!anySelected) {
            mean = meanColour(cell.sums, cell.count);
        } else if (m_selectedCells[p].count > 0) {
            mean = meanColour(m_selectedCells[p].sums, m_selectedCells[p].count);
        } else {
            mean = faded(meanColour(cell.sums, cell.count));
            alpha = unsigned(alpha * FadedAlpha);
        }
        bits[p] = premultiplied(unsigned(qRed(mean)), unsigned(qGreen(mean)), unsigned(qBlue(mean)), alpha);
    }
}

} // namespace ui
