#include "core/retinotopy/patchmerge.h"

#include "core/retinotopy/binarymorphology.h"
#include "core/retinotopy/decimaltext.h"
#include "core/retinotopy/visualspace.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

namespace retino {

namespace {

struct Coverage {
    cv::Mat1b cells;
    double areaDeg2 = 0;
};

// What the merge rounds compute per patch, computed once per patch (patches never change, they are only
// replaced).
struct Known {
    SignedPatch patch;
    Coverage coverage;
    cv::Rect reachBox;   // the patch's box grown by borderWidth
    cv::Mat1b reach;     // the patch dilated by borderWidth steps, on reachBox
};

struct Candidate {
    std::size_t first, second; // indices into the round's patch list
    SignedPatch merged;
    double overlap;            // the larger of the two overlap ratios
    double mergedCoverage;
};

class Merger {
public:
    Merger(const cv::Mat1d &altitudeDeg, const cv::Mat1d &azimuthDeg, const cv::Mat1b &inside,
           const SegmentationParameters &parameters)
        : m_altitude(altitudeDeg), m_azimuth(azimuthDeg), m_inside(inside), m_parameters(parameters)
    {
    }

    Known know(SignedPatch patch) const
    {
        Known known;
        known.coverage = coverage(patch.region);
        known.reachBox = grown(patch.region.box, m_parameters.borderWidth, m_inside.size());
        known.reach = binaryDilate(painted({&patch.region}, known.reachBox), m_parameters.borderWidth);
        known.patch = std::move(patch);
        return known;
    }

    // is_adjacent with borderWidth + 1: both dilated by borderWidth steps overlap.
    static bool adjacent(const Known &a, const Known &b)
    {
        const cv::Rect common = a.reachBox & b.reachBox;
        if (common.empty())
            return false;
        return cv::countNonZero(a.reach(common - a.reachBox.tl()) & b.reach(common - b.reachBox.tl())) > 0;
    }

    // mergePatches: the union closed with borderWidth steps, or nothing when that leaves two pieces.
    std::optional<SignedPatch> joined(const SignedPatch &a, const SignedPatch &b) const
    {
        const int steps = m_parameters.borderWidth;
        const cv::Rect box = grown(a.region.box | b.region.box, steps, m_inside.size());
        cv::Mat1b closed = binaryClose(painted({&a.region, &b.region}, box), steps);
        cv::Mat1i labels;
        if (labelComponents(closed, labels) > 1)
            return std::nullopt;
        closed &= m_inside(box);
        SignedPatch merged;
        merged.region = cropped(closed, box.tl());
        merged.sign = a.sign;
        merged.name = a.name + "+" + b.name;
        return merged;
    }

    Coverage coverage(const PatchMask &region) const
    {
        Coverage result;
        result.cells = visualCoverage(region, m_altitude, m_azimuth, m_parameters.visualSpacePixelSize,
                                      m_parameters.visualSpaceCloseIter);
        result.areaDeg2 = coverageArea(result.cells, m_parameters.visualSpacePixelSize);
        return result;
    }

    std::optional<Candidate> candidate(const std::vector<Known> &known, std::size_t i, std::size_t j) const
    {
        const Known &a = known[i], &b = known[j];
        // The overlap test needs only what is known of each patch; the union and its coverage cost far more.
        const double cell = m_parameters.visualSpacePixelSize;
        const double shared = static_cast<double>(cv::countNonZero(a.coverage.cells & b.coverage.cells)) * (cell * cell);
        const double first = shared / a.coverage.areaDeg2, second = shared / b.coverage.areaDeg2;
        if (!(first <= m_parameters.mergeOverlapThr && second <= m_parameters.mergeOverlapThr))
            return std::nullopt;
        std::optional<SignedPatch> merged = joined(a.patch, b.patch);
        if (!merged)
            return std::nullopt;
        const double mergedCoverage = coverage(merged->region).areaDeg2;
        return Candidate{i, j, std::move(*merged), std::max(first, second), mergedCoverage};
    }

private:
    const cv::Mat1d &m_altitude;
    const cv::Mat1d &m_azimuth;
    const cv::Mat1b &m_inside;
    const SegmentationParameters &m_parameters;
};

} // namespace

std::vector<SignedPatch> mergePatches(std::vector<SignedPatch> patches, const cv::Mat1d &altitudeDeg,
                                      const cv::Mat1d &azimuthDeg, const cv::Mat1b &inside,
                                      const SegmentationParameters &parameters, std::vector<std::string> &steps)
{
    const Merger merger(altitudeDeg, azimuthDeg, inside, parameters);
    std::vector<Known> known(patches.size());
    cv::parallel_for_(cv::Range(0, static_cast<int>(patches.size())), [&](const cv::Range &range) {
        for (int i = range.start; i < range.end; ++i)
            known[static_cast<std::size_t>(i)] = merger.know(std::move(patches[static_cast<std::size_t>(i)]));
    });

    while (true) {
        std::vector<std::pair<std::size_t, std::size_t>> pairs;
        for (std::size_t i = 0; i < known.size(); ++i)
            for (std::size_t j = i + 1; j < known.size(); ++j)
                if (known[i].patch.sign == known[j].patch.sign && Merger::adjacent(known[i], known[j]))
                    pairs.emplace_back(i, j);
        std::vector<std::optional<Candidate>> evaluated(pairs.size());
        cv::parallel_for_(cv::Range(0, static_cast<int>(pairs.size())), [&](const cv::Range &range) {
            for (int p = range.start; p < range.end; ++p) {
                const auto [i, j] = pairs[static_cast<std::size_t>(p)];
                evaluated[static_cast<std::size_t>(p)] = merger.candidate(known, i, j);
            }
        });
        std::vector<Candidate> candidates;
        for (std::optional<Candidate> &c : evaluated)
            if (c)
                candidates.push_back(std::move(*c));
        if (candidates.empty())
            break;
        std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate &a, const Candidate &b) {
            if (a.overlap != b.overlap)
                return a.overlap < b.overlap;
            return a.mergedCoverage > b.mergedCoverage;
        });
        std::vector<bool> gone(known.size(), false);
        std::vector<Known> added;
        for (Candidate &c : candidates) {
            if (gone[c.first] || gone[c.second])
                continue;
            gone[c.first] = gone[c.second] = true;
            steps.push_back("merged patch " + known[c.first].patch.name + " (" + std::to_string(known[c.first].patch.region.area)
                            + " px) with patch " + known[c.second].patch.name + " ("
                            + std::to_string(known[c.second].patch.region.area) + " px), visual-field overlap "
                            + decimalText(c.overlap, 3));
            added.push_back(merger.know(std::move(c.merged)));
        }
        std::vector<Known> next;
        for (std::size_t i = 0; i < known.size(); ++i)
            if (!gone[i])
                next.push_back(std::move(known[i]));
        for (Known &k : added)
            next.push_back(std::move(k));
        known = std::move(next);
    }

    std::vector<SignedPatch> result;
    for (Known &k : known)
        if (static_cast<double>(k.patch.region.area) >= parameters.smallPatchThr)
            result.push_back(std::move(k.patch));
    std::stable_sort(result.begin(), result.end(),
                     [](const SignedPatch &a, const SignedPatch &b) { return a.region.area > b.region.area; });
    return result;
}

} // namespace retino
