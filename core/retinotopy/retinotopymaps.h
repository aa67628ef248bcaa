#pragma once

#include <opencv2/core/mat.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace retino {

// The maps of one retinotopy analysis, each rows × cols of the (binned) frames. Positions are in degrees of
// visual angle as the stimulus rendered them (azimuth from the LR/RL sweeps, altitude from TB/BT); a map is
// empty when the stimulus lacked both of its directions.
struct RetinotopyMaps {
    cv::Mat1f azimuthDeg, altitudeDeg;
    cv::Mat1f azimuthMagnitude, altitudeMagnitude; // |F1| of ΔR/R, the mean over the pair of directions
    cv::Mat1f azimuthPower, altitudePower;         // magnitude / its 99.9th percentile, clipped to [0, 1]
    cv::Mat1f azimuthDelayS, altitudeDelayS;       // the response's delay behind the bar, in s
    cv::Mat1f azimuthSnr, altitudeSnr;             // magnitude over the noise probes' (positionmaps.h)
    cv::Mat1b responseMask;                        // 255 where every swept axis has snr >= responseSnr
    cv::Mat1f meanFrame;                           // the mean image (camera counts): vessels for orientation
    std::vector<cv::Mat2f> directionF1;            // per direction 0 LR, 1 RL, 2 TB, 3 BT: F1 of −ΔR/R (re, im); empty if not shown
    double pixelSizeUm = std::nan("");             // on the cortex, after binning; NaN when unknown
    std::vector<std::string> notes;                // what the analysis could not do as asked, for the user
};

} // namespace retino
