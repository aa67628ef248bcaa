#pragma once

#include "core/retinotopy/f1weights.h"
#include "core/retinotopy/segmentationparameters.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace retino {

// How a recording is analysed: the phase maps' settings and the segmentation's (Allen names). One flat JSON
// object, schemas/retinotopy-analysis.schema.json; its canonical form is part of a result's identity.
struct AnalysisParameters {
    DriftSettings drift;              // "driftRemoval": "sliding" | "polynomial" | "none", "polynomialOrder"
    // "globalSignal": the common fluctuation removed against the quiet part of the image ("quiet"), the whole
    // image ("all"), or left in ("keep"); see globalsignal.h.
    enum class GlobalSignalMode { Quiet, All, Keep } globalSignal = GlobalSignalMode::Quiet;
    bool negativeResponse = true;     // "responsePolarity": "negative" (reflectance falls where cortex is active)
    double expectedDelayS = 2.0;      // "expectedDelayS": the delay branch is chosen within ±¼ cycle of it
    int binning = 1;                  // "binning": frames are averaged in binning × binning blocks first
    double f1FilterSigma = 2.0;       // "f1FilterSigma": Gaussian smoothing of the complex F1 maps, in map px
    double responseSnr = 3.0;         // "responseSnr": |F1| over the noise probes' for the response mask
    double pixelSizeUm = std::nan(""); // "pixelSizeUm": on the cortex, before binning; else the camera's
    // The segmentation's keys as given (their µm values are converted once the map's pixel size is known).
    nlohmann::json segmentation = nlohmann::json::object();

    // Throws core::Error naming `source` and the key on an unknown key or a wrong value.
    static AnalysisParameters fromJson(const nlohmann::json &document, const std::string &source);
    nlohmann::json toJson() const; // every key, defaults written out
    // The segmentation's settings for maps of `mapPixelSizeUm` (NaN when unknown).
    SegmentationParameters segmentationFor(double mapPixelSizeUm) const;
};

} // namespace retino
