#pragma once

#include "ui/retinotopy/mapview.h"

namespace cv {
class Mat;
}

namespace retino {
struct Segmentation;
}

namespace ui {

// The visual field sign map over the vasculature, the way areas are read in Allen's pipeline (Garrett et al.
// 2014; Zhuang et al. 2017): the filtered sign red where positive (a mirror image of the visual field) and blue
// where negative (a non-mirror image), stronger inside the segmented patches, the patches' borders drawn in
// black and each labelled with its number and sign. The readout names the sign value and the patch under the
// mouse.
class SignMapView : public MapView {
public:
    explicit SignMapView(QWidget *parent = nullptr);

    // `background` (the vasculature or mean image, the maps' size; may be empty) under `segmentation`.
    void showSegmentation(const retino::Segmentation &segmentation, const cv::Mat &background);
};

// "1 −", "2 +": the label of patch `index` (0-based) of sign `sign`, as the table and the CSV number it.
QString patchName(std::size_t index, int sign);

} // namespace ui
