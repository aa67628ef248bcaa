#include "core/retinotopy/resultstore.h"

#include "core/buildinfo.h"
#include "core/error.h"
#include "core/h5/group.h"
#include "core/h5/outputfile.h"
#include "core/h5/table.h"
#include "core/params/canonicaljson.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <array>

namespace retino {

namespace {

constexpr std::array<const char *, 4> DirectionCodes{"LR", "RL", "TB", "BT"};

template <class T>
const std::vector<T> &column(const h5::Table &table, const char *name)
{
    const h5::Column *found = table.find(name);
    if (!found || !std::holds_alternative<std::vector<T>>(found->data))
        throw core::Error(std::string("segmentation/patches has no column '") + name + "' of the expected type");
    return std::get<std::vector<T>>(found->data);
}

template <class T>
void writeMat(const h5::Group &group, const std::string &name, const cv::Mat &map, const std::string &description)
{
    if (map.empty())
        return;
    const cv::Mat continuous = map.isContinuous() ? map : map.clone();
    h5::Shape shape{std::uint64_t(map.rows), std::uint64_t(map.cols)};
    if (map.channels() > 1)
        shape.push_back(std::uint64_t(map.channels()));
    h5::DatasetOptions options;
    options.chunk = shape;
    options.chunk[0] = std::min<std::uint64_t>(shape[0], 64);
    options.filters = {h5::Filter::shuffle(), h5::Filter::deflate(4)};
    const h5::Dataset dataset = group.createDataset<T>(name, shape, options);
    dataset.write<T>(std::span<const T>(continuous.ptr<T>(), continuous.total() * std::size_t(map.channels())));
    dataset.attributes().set("description", description);
}

template <class T>
cv::Mat readMat(const h5::Group &group, const std::string &name, int type)
{
    if (!group.contains(name))
        return {};
    const h5::Dataset dataset = group.dataset(name);
    const h5::Shape shape = dataset.shape();
    if (shape.size() < 2)
        throw core::Error("'" + name + "' is not a map");
    const std::vector<T> values = dataset.read<T>();
    cv::Mat map(static_cast<int>(shape[0]), static_cast<int>(shape[1]), type);
    if (values.size() != map.total() * std::size_t(map.channels()))
        throw core::Error("'" + name + "' has " + std::to_string(values.size()) + " values, not the " +
                          std::to_string(map.total() * std::size_t(map.channels())) + " of its map");
    std::copy(values.begin(), values.end(), map.ptr<T>());
    return map;
}

} // namespace

void writeResult(const h5::Group &results, const ResultIdentity &identity, const RetinotopyResult &result)
{
    const h5::Group group = results.createGroup(identity.key);
    const h5::Attributes attributes = group.attributes();
    attributes.set("format", ResultFormat);
    attributes.set("format_version", ResultFormatVersion);
    attributes.set("software", core::softwareName());
    attributes.set("created", h5::utcTimestampNow());
    attributes.set("key", identity.key);
    attributes.set("input_sha256", identity.inputSha256);
    attributes.set("parameters", params::canonicalJson(identity.parameters));
    attributes.set("seconds", result.seconds);
    attributes.set("pixel_size_um", std::isfinite(result.maps.pixelSizeUm) ? nlohmann::json(result.maps.pixelSizeUm) : nlohmann::json("unknown"));
    attributes.set("notes", nlohmann::json(result.maps.notes).dump());
    attributes.set("complete", false);

    const RetinotopyMaps &m = result.maps;
    writeMat<float>(group, "azimuth_deg", m.azimuthDeg, "azimuth of each pixel's receptive field, deg");
    writeMat<float>(group, "altitude_deg", m.altitudeDeg, "altitude of each pixel's receptive field, deg");
    writeMat<float>(group, "azimuth_magnitude", m.azimuthMagnitude, "|F1| of dR/R, LR and RL averaged");
    writeMat<float>(group, "altitude_magnitude", m.altitudeMagnitude, "|F1| of dR/R, TB and BT averaged");
    writeMat<float>(group, "azimuth_power", m.azimuthPower, "azimuth_magnitude over its 99.9th percentile, clipped to 1");
    writeMat<float>(group, "altitude_power", m.altitudePower, "altitude_magnitude over its 99.9th percentile, clipped to 1");
    writeMat<float>(group, "azimuth_delay_s", m.azimuthDelayS, "response delay behind the bar, s (from LR and RL)");
    writeMat<float>(group, "altitude_delay_s", m.altitudeDelayS, "response delay behind the bar, s (from TB and BT)");
    writeMat<float>(group, "azimuth_snr", m.azimuthSnr, "azimuth_magnitude over the noise probes' magnitude");
    writeMat<float>(group, "altitude_snr", m.altitudeSnr, "altitude_magnitude over the noise probes' magnitude");
    writeMat<std::uint8_t>(group, "response_mask", m.responseMask, "255 where every swept axis has snr >= responseSnr");
    writeMat<float>(group, "mean_frame", m.meanFrame, "the mean frame, camera counts");
    for (std::size_t d = 0; d < m.directionF1.size(); ++d)
        writeMat<float>(group, std::string("direction_f1/") + DirectionCodes[d], m.directionF1[d],
                        "F1 of the activity (-dR/R for a negative response): real, imaginary");

    const Segmentation &s = result.segmentation;
    if (!s.labels.empty()) {
        const h5::Group segmentation = group.createGroup("segmentation");
        writeMat<double>(segmentation, "sign_map", s.signMap, "visual field sign, sin of the gradient angle difference");
        writeMat<double>(segmentation, "sign_map_filtered", s.signMapFiltered, "sign_map after signMapFilterSigma");
        writeMat<std::int16_t>(segmentation, "sign_map_thresholded", s.signMapThresholded, "-1, 0, +1 at signMapThr");
        writeMat<double>(segmentation, "eccentricity_map", s.eccentricityMap, "eccentricity, deg");
        writeMat<std::int32_t>(segmentation, "labels", s.labels, "patch number (1 = largest), 0 outside");
        writeMat<std::uint8_t>(segmentation, "borders", s.borders, "255 on the patches' borders");
        h5::Table patches;
        std::vector<std::int64_t> area;
        std::vector<std::int8_t> sign;
        std::vector<double> row, column, areaMm2;
        const double mm2PerPixel = std::pow(m.pixelSizeUm * 1e-3, 2);
        for (const Patch &patch : s.patches) {
            area.push_back(patch.areaPx);
            sign.push_back(std::int8_t(patch.sign));
            row.push_back(patch.centroidRc.x);
            column.push_back(patch.centroidRc.y);
            areaMm2.push_back(double(patch.areaPx) * mm2PerPixel);
        }
        patches.addColumn("area_px", area);
        patches.addColumn("area_mm2", areaMm2);
        patches.addColumn("sign", sign);
        patches.addColumn("centroid_row", row);
        patches.addColumn("centroid_col", column);
        h5::writeTable(segmentation, "patches", patches);
        segmentation.attributes().set("raw_patch_count", s.rawPatchCount);
        segmentation.attributes().set("steps", nlohmann::json(s.steps).dump());
    }
    attributes.set("complete", true);
}

std::optional<RetinotopyResult> readResult(const h5::Group &results, const std::string &key)
{
    if (!results.contains(key))
        return std::nullopt;
    const h5::Group group = results.group(key);
    const h5::Attributes attributes = group.attributes();
    if (!attributes.contains("complete") || attributes.get("complete") != true)
        return std::nullopt;
    if (!attributes.contains("format") || attributes.getString("format") != ResultFormat ||
        !attributes.getString("format_version").starts_with("1."))
        throw core::Error(key + ": not a " + std::string(ResultFormat) + " 1.x result");
    RetinotopyResult result;
    result.key = key;
    result.reused = true;
    result.resultPath = std::string(ResultsGroup) + "/" + key;
    RetinotopyMaps &m = result.maps;
    m.azimuthDeg = readMat<float>(group, "azimuth_deg", CV_32F);
    m.altitudeDeg = readMat<float>(group, "altitude_deg", CV_32F);
    m.azimuthMagnitude = readMat<float>(group, "azimuth_magnitude", CV_32F);
    m.altitudeMagnitude = readMat<float>(group, "altitude_magnitude", CV_32F);
    m.azimuthPower = readMat<float>(group, "azimuth_power", CV_32F);
    m.altitudePower = readMat<float>(group, "altitude_power", CV_32F);
    m.azimuthDelayS = readMat<float>(group, "azimuth_delay_s", CV_32F);
    m.altitudeDelayS = readMat<float>(group, "altitude_delay_s", CV_32F);
    m.azimuthSnr = readMat<float>(group, "azimuth_snr", CV_32F);
    m.altitudeSnr = readMat<float>(group, "altitude_snr", CV_32F);
    m.responseMask = readMat<std::uint8_t>(group, "response_mask", CV_8U);
    m.meanFrame = readMat<float>(group, "mean_frame", CV_32F);
    m.directionF1.resize(DirectionCodes.size());
    for (std::size_t d = 0; d < DirectionCodes.size(); ++d)
        m.directionF1[d] = readMat<float>(group, std::string("direction_f1/") + DirectionCodes[d], CV_32FC2);
    const nlohmann::json pixel = attributes.get("pixel_size_um");
    m.pixelSizeUm = pixel.is_number() ? pixel.get<double>() : std::nan("");
    m.notes = nlohmann::json::parse(attributes.getString("notes")).get<std::vector<std::string>>();

    const nlohmann::json parameters = nlohmann::json::parse(attributes.getString("parameters"));
    if (group.contains("segmentation")) {
        if (parameters.contains("segmentation"))
            result.segmentationParameters = SegmentationParameters::fromJson(parameters["segmentation"], std::nan(""));
        const h5::Group segmentation = group.group("segmentation");
        Segmentation &s = result.segmentation;
        s.signMap = readMat<double>(segmentation, "sign_map", CV_64F);
        s.signMapFiltered = readMat<double>(segmentation, "sign_map_filtered", CV_64F);
        s.signMapThresholded = readMat<std::int16_t>(segmentation, "sign_map_thresholded", CV_16S);
        s.eccentricityMap = readMat<double>(segmentation, "eccentricity_map", CV_64F);
        s.labels = readMat<std::int32_t>(segmentation, "labels", CV_32S);
        s.borders = readMat<std::uint8_t>(segmentation, "borders", CV_8U);
        s.rawPatchCount = segmentation.attributes().get("raw_patch_count").get<int>();
        s.steps = nlohmann::json::parse(segmentation.attributes().getString("steps")).get<std::vector<std::string>>();
        const h5::Table patches = h5::readTable(segmentation.group("patches"));
        const auto &area = column<std::int64_t>(patches, "area_px");
        const auto &sign = column<std::int8_t>(patches, "sign");
        const auto &row = column<double>(patches, "centroid_row");
        const auto &col = column<double>(patches, "centroid_col");
        for (std::size_t i = 0; i < area.size(); ++i) {
            Patch patch;
            patch.sign = sign[i];
            patch.areaPx = area[i];
            patch.centroidRc = {row[i], col[i]};
            patch.mask = s.labels == int(i + 1);
            s.patches.push_back(std::move(patch));
        }
    }
    return result;
}

std::vector<std::string> completeResults(const h5::Group &results)
{
    std::vector<std::pair<std::string, std::string>> found; // created, key
    for (const h5::LinkInfo &link : results.links()) {
        if (results.kindOf(link.name) != h5::ObjectKind::Group)
            continue;
        const h5::Attributes attributes = results.group(link.name).attributes();
        if (attributes.contains("complete") && attributes.get("complete") == true)
            found.emplace_back(attributes.getString("created"), link.name);
    }
    std::sort(found.begin(), found.end(), std::greater<>());
    std::vector<std::string> keys;
    for (const auto &entry : found)
        keys.push_back(entry.second);
    return keys;
}

} // namespace retino
