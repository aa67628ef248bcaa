#include "ui/retinotopy/positionmapview.h"

#include "ui/retinotopy/cycliccolormap.h"

namespace ui {

PositionMapView::PositionMapView(const QString &title, const QString &axis, QWidget *parent)
    : MapView(title, parent), m_axis(axis)
{
}

void PositionMapView::showPosition(const cv::Mat1f &degrees, const cv::Mat1f &power, const cv::Mat1b &mask,
                                   bool powerWeighted, OutsideMask outside)
{
    const cv::Mat1f weight = powerWeighted ? power : cv::Mat1f();
    const ValueRange range = positionRange(degrees, mask);
    setPicture(positionImage(degrees, range, weight, mask, outside));
    setColourBar({CyclicColorMap::instance().gradient(), range.low, range.high, QStringLiteral("°"),
                  weight.empty() ? tr("degrees of visual angle") : tr("brightness: response power")});
    setReadout([degrees, power, axis = m_axis](int row, int col) {
        QString text = tr("row %1, col %2: %3 %4°").arg(row).arg(col).arg(axis).arg(degrees(row, col), 0, 'f', 1);
        if (!power.empty())
            text += tr(", power %1").arg(power(row, col), 0, 'f', 2);
        return text;
    });
}

} // namespace ui
