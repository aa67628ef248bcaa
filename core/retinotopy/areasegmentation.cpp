#include "core/retinotopy/areasegmentation.h"

#include "core/error.h"
#include "core/retinotopy/binarymorphology.h"
#include "core/retinotopy/patchmerge.h"
#include "core/retinotopy/patchsplit.h"
#include "core/retinotopy/rawpatches.h"
#include "core/retinotopy/visualsignmap.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include <cmath>

namespace retino {

namespace {

std::string sizeText(const cv::Mat &map)
{
    return std::to_string(map.cols) + "×" + std::to_string(map.rows);
}

cv::Mat1d degreesMap(const cv::Mat &map, const char *what)
{
    if (map.empty())
        throw core::Error(std::string("segmentation: the ") + what + " map is empty");
    if (map.channels() != 1)
        throw core::Error(std::string("segmentation: the ") + what + " map has " + std::to_string(map.channels())
                          + " channels; it must have one");
    if (map.rows < 2 || map.cols < 2)
        throw core::Error(std::string("segmentation: the ") + what + " map is " + sizeText(map)
                          + "; it needs at least 2×2 pixels");
    cv::Mat1d converted;
    map.convertTo(converted, CV_64F);
    return converted;
}

void checkPower(const cv::Mat &power, const cv::Mat &altitude, const char *what)
{
    if (!power.empty() && power.size() != altitude.size())
        throw core::Error(std::string("segmentation: the ") + what + " power map is " + sizeText(power)
                          + " but the altitude map is " + sizeText(altitude));
}

Patch finalPatch(const PatchMask &region, int sign, cv::Size mapSize)
{
    Patch patch;
    patch.sign = sign;
    patch.areaPx = region.area;
    patch.mask = cv::Mat1b::zeros(mapSize);
    region.mask.copyTo(patch.mask(region.box));
    double rows = 0, cols = 0;
    for (int r = 0; r < region.box.height; ++r)
        for (int c = 0; c < region.box.width; ++c)
            if (region.mask(r, c)) {
                rows += region.box.y + r;
                cols += region.box.x + c;
            }
    patch.centroidRc = {rows / static_cast<double>(region.area), cols / static_cast<double>(region.area)};
    return patch;
}

} // namespace

Segmentation segmentAreas(const cv::Mat &altitudeDeg, const cv::Mat &azimuthDeg, const SegmentationParameters &parameters,
                          const cv::Mat &altitudePower, const cv::Mat &azimuthPower)
{
    parameters.validate();
    const cv::Mat1d altitude = degreesMap(altitudeDeg, "altitude");
    const cv::Mat1d azimuth = degreesMap(azimuthDeg, "azimuth");
    if (altitude.size() != azimuth.size())
        throw core::Error("segmentation: the altitude map is " + sizeText(altitude) + " but the azimuth map is "
                          + sizeText(azimuth));
    checkPower(altitudePower, altitude, "altitude");
    checkPower(azimuthPower, altitude, "azimuth");
    const cv::Mat1b defined = (altitude == altitude) & (azimuth == azimuth);
    if (cv::countNonZero(defined) == 0)
        throw core::Error("segmentation: the altitude and azimuth maps have no pixel where both are defined (all NaN)");

    Segmentation result;
    // _getSignMap
    const cv::Mat1d altitudeSmooth = gaussianFilter(altitude, parameters.phaseMapFilterSigma);
    const cv::Mat1d azimuthSmooth = gaussianFilter(azimuth, parameters.phaseMapFilterSigma);
    const Gradient altitudeGradient = gradient(altitudeSmooth);
    const Gradient azimuthGradient = gradient(azimuthSmooth);
    result.signMap = visualSignMap(altitudeGradient, azimuthGradient);
    // Undefined map pixels (and their neighbours, whose gradient they spoil) belong to no patch; in the
    // smoothed sign map they count as 0 rather than spreading NaN over a whole kernel.
    const cv::Mat1b inside = result.signMap == result.signMap;
    cv::Mat1d signForSmoothing = result.signMap.clone();
    signForSmoothing.setTo(0, ~inside);
    result.signMapFiltered = gaussianFilter(signForSmoothing, parameters.signMapFilterSigma);

    // _getRawPatchMap, _getRawPatches
    RawPatches raw = findRawPatches(result.signMapFiltered, inside, parameters);
    result.signMapThresholded = raw.thresholded;
    result.signMapFiltered.setTo(std::nan(""), ~inside);
    result.rawPatchCount = static_cast<int>(raw.patches.size());
    result.steps.push_back(std::to_string(result.rawPatchCount) + " raw patches");
    if (raw.zeroSignPieces)
        result.steps.push_back(std::to_string(raw.zeroSignPieces) + " piece(s) without a sign dropped");

    // _getDeterminantMap, _getEccentricityMap, _splitPatches
    const cv::Mat1d determinant = jacobianDeterminant(altitudeGradient, azimuthGradient);
    SplitPatches split = splitPatches(raw.patches, altitudeSmooth, azimuthSmooth, determinant, parameters, result.steps);
    result.eccentricityMap = split.eccentricity;

    // _mergePatches
    const std::vector<SignedPatch> areas =
        mergePatches(std::move(split.patches), altitudeSmooth, azimuthSmooth, inside, parameters, result.steps);
    result.steps.push_back(std::to_string(areas.size()) + " patches");

    result.labels = cv::Mat1i::zeros(altitude.size());
    result.borders = cv::Mat1b::zeros(altitude.size());
    for (std::size_t i = 0; i < areas.size(); ++i) {
        const PatchMask &region = areas[i].region;
        result.patches.push_back(finalPatch(region, areas[i].sign, altitude.size()));
        result.labels(region.box).setTo(static_cast<int>(i + 1), region.mask);
        // Patch.getBorder: the patch minus its erosion by borderWidth steps.
        const cv::Rect box = grown(region.box, 1, altitude.size());
        const cv::Mat1b whole = painted({&region}, box);
        cv::Mat1b target = result.borders(box);
        target |= whole & ~binaryErode(whole, parameters.borderWidth);
    }
    return result;
}

nlohmann::json patchesJson(const Segmentation &segmentation)
{
    nlohmann::json patches = nlohmann::json::array();
    for (const Patch &patch : segmentation.patches)
        patches.push_back({{"area_px", patch.areaPx},
                           {"sign", patch.sign},
                           {"centroid_rc", {patch.centroidRc.x, patch.centroidRc.y}}});
    return {{"patches", patches}, {"raw_patches", segmentation.rawPatchCount}, {"steps", segmentation.steps}};
}

} // namespace retino
