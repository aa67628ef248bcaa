#pragma once

#include <nlohmann/json_fwd.hpp>

#include <set>
#include <string>
#include <vector>

namespace retino {

// The parameters of the visual-area segmentation of Zhuang et al. 2017 (eLife 6:e18372), under the names and
// with the defaults of the Allen Institute's implementation (zhuangjun1981/retinotopic_mapping,
// RetinotopicMapping.py, RetinotopicMappingTrial). Lengths in map pixels, areas in px², angles in degrees of
// visual field; the *Iter and borderWidth values count 3×3-cross morphology steps of one pixel each.
struct SegmentationParameters {
    double phaseMapFilterSigma = 1.0;   // Gaussian σ applied to the altitude and azimuth maps
    double signMapFilterSigma = 9.0;    // Gaussian σ applied to the visual field sign map
    double signMapThr = 0.35;           // |filtered sign| at and above which a pixel belongs to a patch
    double eccMapFilterSigma = 10.0;    // side of the box filter on each patch's eccentricity map (truncated)
    double splitLocalMinCutStep = 5.0;  // degrees between the eccentricity levels searched for local minima
    int closeIter = 3;                  // closing of each thresholded patch
    int openIter = 3;                   // opening of the thresholded map
    int dilationIter = 15;              // how far patches grow towards each other
    int borderWidth = 1;                // width of the borders left between patches
    double smallPatchThr = 100;         // patches smaller than this (px²) are dropped
    double visualSpacePixelSize = 0.5;  // cell of the visual-space grid
    int visualSpaceCloseIter = 15;      // closing of a patch's visual-space coverage (0: none)
    double splitOverlapThr = 1.1;       // Jacobian coverage / unique coverage at and above which a patch splits
    double mergeOverlapThr = 0.1;       // neighbours whose shared coverage is at most this fraction merge

    // The parameters in `document`, an object with any subset of the keys above (missing keys keep their
    // defaults). A value is a number in the units above; the spatial ones (the three *FilterSigma, closeIter,
    // openIter, dilationIter, borderWidth) may instead be {"um": X} and smallPatchThr {"um2": X}, converted
    // with `pixelSizeUm` (µm per map pixel; NaN when unknown, in which case a "pixelSizeUm" key of the
    // document supplies it), iteration counts rounded to the nearest integer. Keys in `alsoAllowed` are
    // skipped (settings of other analysis steps kept in the same document). Throws core::Error naming the
    // key for an unknown key (listing the valid ones), a wrong type, a value out of range, or µm without a
    // pixel size.
    static SegmentationParameters fromJson(const nlohmann::json &document, double pixelSizeUm,
                                           const std::set<std::string> &alsoAllowed = {});
    // Every key, in pixel units: what fromJson reads back to the same parameters.
    nlohmann::json toJson() const;
    // Throws core::Error, as fromJson would, when a value is out of range (a struct filled in by code).
    void validate() const;

    // The keys fromJson knows, in the order toJson writes them.
    static const std::vector<std::string> &keys();
};

} // namespace retino
