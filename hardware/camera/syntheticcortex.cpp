#include "hardware/camera/syntheticcortex.h"

#include "hardware/camera/vasculature.h"
#include "hardware/camera/visualareas.h"

#include "core/h5/group.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

namespace hw {

namespace {

template <class T>
void writeMap(const h5::Group &group, const char *name, const ImagingGeometry &g, const std::vector<T> &values,
              const std::string &description)
{
    const h5::Shape shape{std::uint64_t(g.height), std::uint64_t(g.width)};
    // Chunked and deflated: the maps are mostly smooth or constant, and they ride along in every recording.
    const h5::DatasetOptions options{
        .chunk = {std::min<std::uint64_t>(shape[0], 256), std::min<std::uint64_t>(shape[1], 256)},
        .filters = {h5::Filter::shuffle(), h5::Filter::deflate(4)}};
    const h5::Dataset dataset = group.createDataset<T>(name, shape, options);
    dataset.write(std::span<const T>(values));
    dataset.attributes().set("description", description);
}

} // namespace

SyntheticCortex::SyntheticCortex(std::uint64_t seed, int width, int height)
    : m_geometry(ImagingGeometry::forImage(width, height)),
      m_reflectance(cranialWindowReflectance(seed, m_geometry))
{
    const std::size_t pixels = m_reflectance.size();
    m_azimuthDeg.resize(pixels);
    m_altitudeDeg.resize(pixels);
    m_areas.resize(pixels);
    m_fieldSign.resize(pixels);
    m_responseMask.resize(pixels);
    std::size_t i = 0;
    for (int row = 0; row < height; ++row) {
        for (int column = 0; column < width; ++column, ++i) {
            const double x = m_geometry.xMm(column), y = m_geometry.yMm(row);
            const RetinotopicPoint point = retinotopyAt(x, y);
            m_azimuthDeg[i] = float(point.azimuthDeg);
            m_altitudeDeg[i] = float(point.altitudeDeg);
            m_areas[i] = std::uint8_t(point.area);
            m_fieldSign[i] = std::int8_t(visualFieldSign(point.area));
            m_responseMask[i] = point.area != VisualArea::None && insideCranialWindow(x, y) ? 1 : 0;
        }
    }
}

void SyntheticCortex::writeMaps(const h5::Group &group) const
{
    const ImagingGeometry &g = m_geometry;
    writeMap(group, "azimuth_deg", g, m_azimuthDeg,
             "the azimuth each pixel represents, degrees of visual angle; NaN outside the visual areas");
    writeMap(group, "altitude_deg", g, m_altitudeDeg,
             "the altitude each pixel represents, degrees of visual angle; NaN outside the visual areas");
    writeMap(group, "sign", g, m_fieldSign,
             "visual field sign: sign of sin(direction(grad altitude) - direction(grad azimuth)), gradients "
             "over (row, column) as numpy.gradient gives them (Juavinett et al. 2017); 0 outside the areas");
    writeMap(group, "areas", g, m_areas, "visual area label per pixel; area_names lists them by value, 0 is none");
    writeMap(group, "vasculature", g, m_reflectance,
             "reflectance relative to evenly lit, vessel-free cortex: vessels, illumination, skull");
    writeMap(group, "response_mask", g, m_responseMask, "1 where the stimulus evokes a response, else 0");
    nlohmann::json names = nlohmann::json::array();
    for (int area = 0; area < VisualAreaCount; ++area)
        names.push_back(areaName(VisualArea(area)));
    group.dataset("areas").attributes().set("area_names", names);
}

} // namespace hw
