#pragma once

#include "ui/retinotopy/mapimage.h"
#include "ui/retinotopy/mapview.h"

#include <opencv2/core/mat.hpp>

namespace ui {

// An azimuth or altitude map in degrees on the cyclic colour map (positionImage), over the range
// positionRange() picks, with the colour bar in degrees and the position (and power) under the mouse.
class PositionMapView : public MapView {
public:
    // `axis` names the position in the readout and the caption: "azimuth", "altitude".
    PositionMapView(const QString &title, const QString &axis, QWidget *parent = nullptr);

    // `power` (0 … 1) and `mask` (non-zero where the cortex responded) may be empty; with `powerWeighted` the
    // colours darken where the power is low. Pixels outside the mask are hidden or dimmed as `outside` says.
    void showPosition(const cv::Mat1f &degrees, const cv::Mat1f &power, const cv::Mat1b &mask, bool powerWeighted,
                      OutsideMask outside = OutsideMask::Hidden);

private:
    QString m_axis;
};

} // namespace ui
