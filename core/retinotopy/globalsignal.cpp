#include "core/retinotopy/globalsignal.h"

#include <algorithm>

namespace retino {

GlobalSignal::GlobalSignal(int rows, int cols, std::size_t runs, int gridSide)
    : m_rows(rows), m_cols(cols), m_side(gridSide), m_tileOf(std::size_t(rows) * std::size_t(cols)), m_runs(runs)
{
    for (RunSums &run : m_runs) {
        run.weighted.assign(std::size_t(gridSide * gridSide), {});
        run.counts.assign(std::size_t(gridSide * gridSide), 0.0);
    }
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m_tileOf[std::size_t(r) * std::size_t(cols) + std::size_t(c)] = r * gridSide / rows * gridSide + c * gridSide / cols;
}

void GlobalSignal::add(std::size_t run, std::span<const std::uint16_t> frames, std::span<const std::complex<double>> weights)
{
    const std::size_t pixels = std::size_t(m_rows) * std::size_t(m_cols), tiles = std::size_t(m_side * m_side);
    RunSums &sums = m_runs.at(run);
    std::vector<double> frameTiles(tiles);
    for (std::size_t k = 0; (k + 1) * pixels <= frames.size() && (k + 1) * Components <= weights.size(); ++k) {
        std::fill(frameTiles.begin(), frameTiles.end(), 0.0);
        // Row by row, each tile's run of columns: contiguous sums, not a lookup per pixel.
        for (int r = 0; r < m_rows; ++r) {
            const std::uint16_t *row = frames.data() + k * pixels + std::size_t(r) * std::size_t(m_cols);
            double *tileRow = frameTiles.data() + std::size_t(r * m_side / m_rows * m_side);
            for (int t = 0; t < m_side; ++t) {
                const int begin = (t * m_cols + m_side - 1) / m_side, end = ((t + 1) * m_cols + m_side - 1) / m_side;
                std::uint64_t sum = 0;
                for (int c = begin; c < end; ++c)
                    sum += row[c];
                tileRow[t] += double(sum);
            }
        }
        for (std::size_t t = 0; t < tiles; ++t) {
            for (std::size_t c = 0; c < Components; ++c)
                sums.weighted[t][c] += weights[k * Components + c] * frameTiles[t];
            sums.counts[t] += frameTiles[t];
        }
        for (std::size_t c = 0; c < Components; ++c)
            sums.weights[c] += weights[k * Components + c];
        ++sums.frames;
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
        return allTiles();
    return quiet;
}

std::array<std::complex<double>, Components> GlobalSignal::f1(std::size_t run, const std::vector<bool> &tiles) const
{
    // F1(δ)_c = Σ_k w_kc (s_k / mean − 1), s_k the chosen tiles' counts in frame k.
    const RunSums &sums = m_runs.at(run);
    std::array<std::complex<double>, Components> weighted{};
    double counts = 0;
    for (std::size_t t = 0; t < tiles.size(); ++t) {
        if (!tiles[t])
            continue;
        for (std::size_t c = 0; c < Components; ++c)
            weighted[c] += sums.weighted[t][c];
        counts += sums.counts[t];
    }
    std::array<std::complex<double>, Components> result{};
    const double mean = sums.frames ? counts / double(sums.frames) : 0;
    if (!(mean > 0))
        return result;
    for (std::size_t c = 0; c < Components; ++c)
        result[c] = weighted[c] / mean - sums.weights[c];
    return result;
}

} // namespace retino
