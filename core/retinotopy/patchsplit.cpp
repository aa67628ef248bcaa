#include "core/retinotopy/patchsplit.h"

#include "core/retinotopy/binarymorphology.h"
#include "core/retinotopy/decimaltext.h"
#include "core/retinotopy/eccentricity.h"
#include "core/retinotopy/visualspace.h"
#include "core/retinotopy/watershed.h"

#include <opencv2/core.hpp>

#include <cmath>
#include <cstdio>
#include <limits>

namespace retino {

namespace {

// Patch.getSigmaArea: the patch's area in visual-field degrees² counted pixel by pixel.
double jacobianArea(const PatchMask &patch, const cv::Mat1d &determinant)
{
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(patch.area));
    for (int r = 0; r < patch.box.height; ++r)
        for (int c = 0; c < patch.box.width; ++c)
            if (patch.mask(r, c)) {
                const double value = determinant(patch.box.y + r, patch.box.x + c);
                if (!std::isnan(value)) // pixels beside undefined map values have no gradient
                    values.push_back(value);
            }
    return pairwiseSum(values.data(), values.size());
}

// Patch.split2: flood the patch's eccentricity from the minima, take the outline of the patch and of every
// basin as borders, thin them to one pixel, widen them to borderWidth and keep what they enclose.
std::vector<SignedPatch> cut(const SignedPatch &patch, const cv::Mat1d &eccentricity, const cv::Mat1i &minima,
                             int minimaCount, int borderWidth, cv::Size mapSize)
{
    const cv::Rect box = grown(patch.region.box, 2, mapSize);
    const cv::Rect inner = patch.region.box - box.tl();
    const cv::Mat1b inside = painted({&patch.region}, box);
    cv::Mat1d level(box.size(), std::numeric_limits<double>::quiet_NaN());
    eccentricity.copyTo(level(inner));
    cv::Mat1i basins(box.size(), 0);
    minima.copyTo(basins(inner));
    watershed(level, inside, basins);

    const cv::Mat1b reach = binaryDilate(inside, 1);
    cv::Mat1b border = reach & ~inside;
    for (int label = 1; label <= minimaCount; ++label) {
        const cv::Mat1b basin = basins == label;
        border |= binaryDilate(basin, 1) & ~basin;
    }
    border = skeletonize(border);
    if (borderWidth > 1)
        border = binaryDilate(border, borderWidth - 1);
    const cv::Mat1b enclosed = reach & ~border;

    cv::Mat1i labels;
    const int count = labelComponents(enclosed, labels);
    std::vector<SignedPatch> pieces;
    for (int label = 1; label <= count; ++label) {
        SignedPatch piece;
        piece.region = cropped((labels == label) & inside, box.tl());
        if (piece.region.area == 0)
            continue;
        piece.sign = patch.sign;
        piece.name = patch.name + "." + std::to_string(label);
        pieces.push_back(std::move(piece));
    }
    return pieces;
}

} // namespace

SplitPatches splitPatches(const std::vector<SignedPatch> &raw, const cv::Mat1d &altitudeDeg, const cv::Mat1d &azimuthDeg,
                          const cv::Mat1d &determinant, const SegmentationParameters &parameters,
                          std::vector<std::string> &steps)
{
    std::vector<cv::Mat1d> eccentricities(raw.size());
    cv::parallel_for_(cv::Range(0, static_cast<int>(raw.size())), [&](const cv::Range &range) {
        for (int i = range.start; i < range.end; ++i) {
            const PatchMask &region = raw[static_cast<std::size_t>(i)].region;
            eccentricities[static_cast<std::size_t>(i)] = filteredEccentricity(
                region, altitudeDeg, azimuthDeg, visualCentre(region, altitudeDeg, azimuthDeg), parameters.eccMapFilterSigma);
        }
    });

    SplitPatches result;
    result.eccentricity = cv::Mat1d(altitudeDeg.size(), std::numeric_limits<double>::quiet_NaN());
    std::vector<SignedPatch> pieces;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const SignedPatch &patch = raw[i];
        eccentricities[i].copyTo(result.eccentricity(patch.region.box), patch.region.mask);
        const cv::Mat1b coverage = visualCoverage(patch.region, altitudeDeg, azimuthDeg, parameters.visualSpacePixelSize,
                                                  parameters.visualSpaceCloseIter);
        const double ratio = jacobianArea(patch.region, determinant) / coverageArea(coverage, parameters.visualSpacePixelSize);
        if (!(ratio >= parameters.splitOverlapThr)) {
            result.patches.push_back(patch);
            continue;
        }
        cv::Mat1i minima;
        const int minimaCount = eccentricityMinima(eccentricities[i], parameters.splitLocalMinCutStep, minima);
        const std::string what = "patch " + patch.name + " (coverage ratio " + decimalText(ratio, 3) + ")";
        if (minimaCount < 2) {
            steps.push_back(what + " has " + (minimaCount ? "one eccentricity minimum" : "no eccentricity minimum")
                            + ": not split");
            result.patches.push_back(patch);
            continue;
        }
        std::vector<SignedPatch> cuts = cut(patch, eccentricities[i], minima, minimaCount, parameters.borderWidth,
                                            altitudeDeg.size());
        std::string sizes;
        for (const SignedPatch &piece : cuts)
            sizes += (sizes.empty() ? "" : ", ") + std::to_string(piece.region.area);
        steps.push_back("split " + what + " at " + std::to_string(minimaCount) + " eccentricity minima into "
                        + std::to_string(cuts.size()) + " (" + sizes + " px)");
        for (SignedPatch &piece : cuts)
            pieces.push_back(std::move(piece));
    }
    for (SignedPatch &piece : pieces)
        result.patches.push_back(std::move(piece));
    return result;
}

} // namespace retino
