#include "hardware/camera/responseimage.h"

#include "hardware/camera/hemodynamicresponse.h"
#include "hardware/camera/vasculature.h"
#include "hardware/camera/visualareas.h"

#include <algorithm>
#include <cmath>

namespace hw {

namespace {

constexpr int NodesAcross = 128;

} // namespace

ResponseImage::ResponseImage(const ImagingGeometry &geometry, const HemodynamicResponse &response)
    : m_geometry(geometry),
      m_step(std::max(1, (std::max(geometry.width, geometry.height) + NodesAcross - 1) / NodesAcross)),
      m_columns((geometry.width - 1) / m_step + 2), m_rows((geometry.height - 1) / m_step + 2)
{
    const std::size_t nodes = std::size_t(m_columns) * std::size_t(m_rows);
    m_weight.resize(nodes);
    m_azimuthBin.resize(nodes);
    m_altitudeBin.resize(nodes);
    m_nodes.resize(nodes);
    m_scratch.resize(nodes);
    m_rowNodes.resize(std::size_t(m_columns));
    for (int j = 0; j < m_rows; ++j) {
        for (int i = 0; i < m_columns; ++i) {
            const std::size_t n = std::size_t(j) * std::size_t(m_columns) + std::size_t(i);
            const double x = geometry.xMm(i * m_step), y = geometry.yMm(j * m_step);
            const RetinotopicPoint point = retinotopyAt(x, y);
            if (point.area == VisualArea::None || !insideCranialWindow(x, y))
                continue;
            m_weight[n] = float(Amplitude * responseScale(point.area));
            m_azimuthBin[n] = response.bin(SweepAxis::Azimuth, point.azimuthDeg);
            m_altitudeBin[n] = response.bin(SweepAxis::Altitude, point.altitudeDeg);
        }
    }
    const double sigmaNodes = ScatterSigmaMm / (geometry.pixelSizeMm * m_step);
    const int radius = std::max(1, int(std::ceil(3 * sigmaNodes)));
    double sum = 0;
    for (int k = 0; k <= radius; ++k) {
        m_kernel.push_back(float(std::exp(-0.5 * std::pow(k / sigmaNodes, 2))));
        sum += (k == 0 ? 1 : 2) * m_kernel.back();
    }
    for (float &w : m_kernel)
        w = float(w / sum);
}

void ResponseImage::update(const HemodynamicResponse &response)
{
    float largest = 0;
    for (std::size_t n = 0; n < m_nodes.size(); ++n) {
        const float w = m_weight[n];
        m_nodes[n] = w == 0 ? 0.0f
                            : w * (response.response(SweepAxis::Azimuth, m_azimuthBin[n]) +
                                   response.response(SweepAxis::Altitude, m_altitudeBin[n]));
        largest = std::max(largest, std::abs(m_nodes[n]));
    }
    // Far below one count of a 12-bit sensor: the response has decayed to nothing.
    m_silent = largest < 1e-7f;
    if (!m_silent)
        blur();
}

// Separable, with the edge nodes repeated beyond the grid.
void ResponseImage::blur()
{
    const int radius = int(m_kernel.size()) - 1;
    const auto at = [](const std::vector<float> &v, int columns, int i, int j) {
        return v[std::size_t(j) * std::size_t(columns) + std::size_t(i)];
    };
    for (int j = 0; j < m_rows; ++j) {
        for (int i = 0; i < m_columns; ++i) {
            float sum = m_kernel[0] * at(m_nodes, m_columns, i, j);
            for (int k = 1; k <= radius; ++k)
                sum += m_kernel[std::size_t(k)] * (at(m_nodes, m_columns, std::max(i - k, 0), j) +
                                                   at(m_nodes, m_columns, std::min(i + k, m_columns - 1), j));
            m_scratch[std::size_t(j) * std::size_t(m_columns) + std::size_t(i)] = sum;
        }
    }
    for (int j = 0; j < m_rows; ++j) {
        for (int i = 0; i < m_columns; ++i) {
            float sum = m_kernel[0] * at(m_scratch, m_columns, i, j);
            for (int k = 1; k <= radius; ++k)
                sum += m_kernel[std::size_t(k)] * (at(m_scratch, m_columns, i, std::max(j - k, 0)) +
                                                   at(m_scratch, m_columns, i, std::min(j + k, m_rows - 1)));
            m_nodes[std::size_t(j) * std::size_t(m_columns) + std::size_t(i)] = sum;
        }
    }
}

void ResponseImage::row(int row, std::span<float> out)
{
    const int j = row / m_step;
    const float fy = float(row % m_step) / float(m_step);
    const float *above = &m_nodes[std::size_t(j) * std::size_t(m_columns)];
    const float *below = above + m_columns;
    for (int i = 0; i < m_columns; ++i)
        m_rowNodes[std::size_t(i)] = above[i] + fy * (below[i] - above[i]);
    const float perPixel = 1.0f / float(m_step);
    for (int i = 0; i + 1 < m_columns; ++i) {
        const float left = m_rowNodes[std::size_t(i)];
        const float slope = (m_rowNodes[std::size_t(i) + 1] - left) * perPixel;
        const int first = i * m_step;
        const int last = std::min(first + m_step, m_geometry.width);
        for (int x = first; x < last; ++x)
            out[std::size_t(x)] = left + slope * float(x - first);
    }
}

} // namespace hw
