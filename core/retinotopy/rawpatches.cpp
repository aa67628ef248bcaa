#include "core/retinotopy/rawpatches.h"

#include "core/retinotopy/binarymorphology.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <numeric>

namespace retino {

namespace {

struct Components {
    cv::Mat1i labels;
    cv::Mat1i stats;
    int count = 0;

    explicit Components(const cv::Mat1b &image)
    {
        cv::Mat centroids;
        count = cv::connectedComponentsWithStats(image, labels, stats, centroids, 4, CV_32S) - 1;
    }
    cv::Rect box(int label) const
    {
        return {stats(label, cv::CC_STAT_LEFT), stats(label, cv::CC_STAT_TOP), stats(label, cv::CC_STAT_WIDTH),
                stats(label, cv::CC_STAT_HEIGHT)};
    }
    // Component `label` cropped to `box`, 255 inside.
    cv::Mat1b mask(int label, const cv::Rect &box) const
    {
        cv::Mat1b result;
        cv::compare(labels(box), label, result, cv::CMP_EQ);
        return result;
    }
};

// Closes every 4-connected piece of `opened` on its own and lays the results over each other, so that
// closing never bridges two pieces (rawPatchMap). The reference sums them; where two closings overlap it
// then fails in skeletonize, so here overlapping pixels simply belong to the map.
cv::Mat1b closedPieces(const cv::Mat1b &opened, int closeIter)
{
    const Components pieces(opened);
    cv::Mat1b result(opened.size(), std::uint8_t{0});
    for (int label = 1; label <= pieces.count; ++label) {
        const cv::Rect box = grown(pieces.box(label), closeIter, opened.size());
        cv::Mat1b target = result(box);
        cv::bitwise_or(target, binaryClose(pieces.mask(label, box), closeIter), target);
    }
    return result;
}

// dilationPatches2: grow the patches into the space between them, thin that space to one-pixel lines,
// widen them to borderWidth and keep the pieces that hold part of an original patch.
cv::Mat1b grownPatches(const cv::Mat1b &raw, int dilationIter, int borderWidth)
{
    const cv::Mat1b total = binaryDilate(raw, dilationIter);
    cv::Mat1b gaps;
    cv::bitwise_and(total, ~raw, gaps);
    cv::Mat1b border = skeletonize(gaps);
    if (borderWidth > 1)
        border = binaryDilate(border, borderWidth - 1);
    cv::Mat1b pieces;
    cv::bitwise_and(total, ~border, pieces);

    cv::Mat1i labels;
    const int count = labelComponents(pieces, labels);
    std::vector<std::uint8_t> keep(static_cast<std::size_t>(count) + 1, 0);
    for (int r = 0; r < raw.rows; ++r)
        for (int c = 0; c < raw.cols; ++c)
            if (raw(r, c))
                keep[static_cast<std::size_t>(labels(r, c))] = 1;
    keep[0] = 0;
    cv::Mat1b result(raw.size());
    for (int r = 0; r < raw.rows; ++r)
        for (int c = 0; c < raw.cols; ++c)
            result(r, c) = keep[static_cast<std::size_t>(labels(r, c))] ? 255 : 0;
    return result;
}

// Patch.isTouching(other, distance): the patch dilated `distance` steps overlaps the other one.
struct Reach {
    cv::Rect box;
    cv::Mat1b mask;

    Reach(const PatchMask &patch, int distance, cv::Size mapSize)
        : box(grown(patch.box, distance, mapSize)), mask(binaryDilate(painted({&patch}, box), distance))
    {
    }
    bool touches(const PatchMask &other) const
    {
        const cv::Rect common = box & other.box;
        return !common.empty() && cv::countNonZero(mask(common - box.tl()) & other.mask(common - other.box.tl())) > 0;
    }
};

} // namespace

RawPatches findRawPatches(const cv::Mat1d &signMapFiltered, const cv::Mat1b &inside,
                          const SegmentationParameters &parameters)
{
    RawPatches result;
    const double threshold = parameters.signMapThr;
    result.thresholded = cv::Mat1s(signMapFiltered.size(), std::int16_t{0});
    cv::Mat1b strong(signMapFiltered.size(), std::uint8_t{0});
    for (int r = 0; r < strong.rows; ++r)
        for (int c = 0; c < strong.cols; ++c) {
            const double sign = signMapFiltered(r, c);
            if (!inside(r, c) || !(sign >= threshold || sign <= -threshold))
                continue;
            strong(r, c) = 255;
            result.thresholded(r, c) = sign >= threshold ? 1 : -1;
        }

    const cv::Mat1b raw = closedPieces(binaryOpen(strong, parameters.openIter), parameters.closeIter);
    cv::Mat1b dilated = grownPatches(raw, parameters.dilationIter, parameters.borderWidth);
    dilated &= inside;

    // labelPatches: every 4-connected piece, signed by its summed filtered sign.
    const Components pieces(dilated);
    std::vector<SignedPatch> patches;
    for (int label = 1; label <= pieces.count; ++label) {
        SignedPatch patch;
        patch.region = cropped(pieces.mask(label, pieces.box(label)), pieces.box(label).tl());
        double sum = 0;
        for (int r = 0; r < patch.region.box.height; ++r)
            for (int c = 0; c < patch.region.box.width; ++c)
                if (patch.region.mask(r, c))
                    sum += signMapFiltered(patch.region.box.y + r, patch.region.box.x + c);
        if (sum == 0) {
            ++result.zeroSignPieces;
            continue;
        }
        patch.sign = sum > 0 ? 1 : -1;
        if (static_cast<double>(patch.region.area) >= parameters.smallPatchThr)
            patches.push_back(std::move(patch));
    }

    // A patch with no neighbour within 2·borderWidth is dropped: an area is defined against its neighbours.
    for (const SignedPatch &patch : patches) {
        const Reach reach(patch.region, 2 * parameters.borderWidth, dilated.size());
        const bool neighboured = std::any_of(patches.begin(), patches.end(), [&](const SignedPatch &other) {
            return &other != &patch && reach.touches(other.region);
        });
        if (neighboured)
            result.patches.push_back(patch);
    }
    std::stable_sort(result.patches.begin(), result.patches.end(),
                     [](const SignedPatch &a, const SignedPatch &b) { return a.region.area > b.region.area; });
    for (std::size_t i = 0; i < result.patches.size(); ++i)
        result.patches[i].name = std::to_string(i + 1);
    return result;
}

} // namespace retino
