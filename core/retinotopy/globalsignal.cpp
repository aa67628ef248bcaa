#include "core/retinotopy/globalsignal.h"

#include <algorithm>

namespace retino {

GlobalSignal::GlobalSignal(int rows, int cols, std::size_t runs, int gridSide)
    : m_rows(rows), m_cols(cols), m_side(gridSide), m_tileOf(std::size_t(rows) * std::size_t(cols)), m_sums(runs)
{
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m_tileOf[std::size_t(r) * std::size_t(cols) + std::size_t(c)] = r * gridSide / rows * gridSide + c * gridSide / cols;
}

void GlobalSignal::add(std::size_t run, std::span<const std::uint16_t> frames)
{
    const std::size_t pixels = std::size_t(m_rows) * std::size_t(m_cols), tiles = std::size_t(m_side * m_side);
    std::vector<double> &sums = m_sums.at(run);
    for (std::size_t first = 0; first + pixels <= frames.size(); first += pixels) {
        const std::size_t offset = sums.size();
        sums.resize(offset + tiles);
        // Row by row, each tile's run of columns: contiguous sums, not a lookup per pixel.
        for (int r = 0; r < m_rows; ++r) {
            const std::uint16_t *row = frames.data() + first + std::size_t(r) * std::size_t(m_cols);
            double *tileRow = sums.data() + offset + std::size_t(r * m_side / m_rows * m_side);
            for (int t = 0; t < m_side; ++t) {
                const int begin = (t * m_cols + m_side - 1) / m_side, end = ((t + 1) * m_cols + m_side - 1) / m_side;
                std::uint64_t sum = 0;
                for (int c = begin; c < end; ++c)
                    sum += row[c];
                tileRow[t] += double(sum);
            }
        }
    }
}

std::vector<bool> GlobalSignal::quietTiles(const cv::Mat1b &responseMask, double maxFraction) const
{
    const std::size_t tiles = std::size_t(m_side * m_side);
    std::vector<double> responding(tiles), total(tiles);
    for (std::size_t p = 0; p < m_tileOf.size(); ++p) {
        total[std::size_t(m_tileOf[p])] += 1;
        if (responseMask(int(p)))
            responding[std::size_t(m_tileOf[p])] += 1;
    }
    std::vector<bool> quiet(tiles);
    for (std::size_t t = 0; t < tiles; ++t)
        quiet[t] = total[t] > 0 && responding[t] < maxFraction * total[t];
    if (std::none_of(quiet.begin(), quiet.end(), [](bool q) { return q; }))
        return allTiles(m_side);
    return quiet;
}

std::array<std::complex<double>, Components> GlobalSignal::f1(std::size_t run, std::span<const std::complex<double>> weights,
                                                              const std::vector<bool> &tiles) const
{
    const std::size_t tileCount = std::size_t(m_side * m_side);
    const std::vector<double> &sums = m_sums.at(run);
    const std::size_t frames = sums.size() / tileCount;
    std::vector<double> series(frames);
    double mean = 0;
    for (std::size_t k = 0; k < frames; ++k) {
        for (std::size_t t = 0; t < tileCount; ++t)
            if (tiles[t])
                series[k] += sums[k * tileCount + t];
        mean += series[k];
    }
    mean /= double(std::max<std::size_t>(frames, 1));
    std::array<std::complex<double>, Components> result{};
    if (!(mean > 0))
        return result;
    for (std::size_t k = 0; k < frames && (k + 1) * Components <= weights.size(); ++k)
        for (std::size_t c = 0; c < Components; ++c)
            result[c] += weights[k * Components + c] * (series[k] / mean - 1);
    return result;
}

} // namespace retino
