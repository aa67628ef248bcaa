#include "ui/retinotopy/signmapview.h"

#include "ui/retinotopy/mapimage.h"

#include "core/retinotopy/areasegmentation.h"

#include <QtGui/QPainter>

#include <algorithm>
#include <cmath>
#include <memory>

namespace ui {

namespace {

const QColor positive(214, 39, 40);
const QColor negative(31, 90, 220);
const QColor backdrop(0x80, 0x80, 0x80);
// The tint's opacity at |sign| = 1, inside and outside the patches: the patches are the areas, the rest is
// context.
constexpr double InsideOpacity = 0.7;
constexpr double OutsideOpacity = 0.3;

QRgb blend(QRgb under, const QColor &over, double opacity)
{
    const auto mix = [&](int a, int b) { return int(std::lround(a * (1 - opacity) + b * opacity)); };
    return qRgb(mix(qRed(under), over.red()), mix(qGreen(under), over.green()), mix(qBlue(under), over.blue()));
}

QImage tinted(const cv::Mat1d &sign, const QImage &background, const cv::Mat1b &inPatch)
{
    QImage image(sign.cols, sign.rows, QImage::Format_RGB32);
    for (int row = 0; row < sign.rows; ++row) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(row));
        for (int col = 0; col < sign.cols; ++col) {
            const QRgb under = background.isNull() ? backdrop.rgb() : background.pixel(col, row);
            const double value = sign(row, col);
            if (!std::isfinite(value)) {
                line[col] = under;
                continue;
            }
            const double strength = std::min(1.0, std::abs(value)) * (inPatch(row, col) ? InsideOpacity : OutsideOpacity);
            line[col] = blend(under, value >= 0 ? positive : negative, strength);
        }
    }
    return image;
}

QImage bordersImage(const cv::Mat1b &borders)
{
    QImage image(borders.cols, borders.rows, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    for (int row = 0; row < borders.rows; ++row) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(row));
        for (int col = 0; col < borders.cols; ++col)
            if (borders(row, col))
                line[col] = qRgb(0, 0, 0);
    }
    return image;
}

// Blue through grey to red, as the tint looks inside a patch over a mid-grey background.
QImage signGradient()
{
    constexpr int Width = 256;
    QImage row(Width, 1, QImage::Format_RGB32);
    for (int x = 0; x < Width; ++x) {
        const double value = 2.0 * x / (Width - 1) - 1;
        row.setPixel(x, 0, blend(backdrop.rgb(), value >= 0 ? positive : negative, std::abs(value) * InsideOpacity));
    }
    return row;
}

} // namespace

QString patchName(std::size_t index, int sign)
{
    return QStringLiteral("%1 %2").arg(index + 1).arg(sign >= 0 ? QChar(u'+') : QChar(0x2212));
}

SignMapView::SignMapView(QWidget *parent) : MapView(tr("Visual field sign and areas"), parent)
{
    setObjectName(QStringLiteral("signMapView"));
}

void SignMapView::showSegmentation(const retino::Segmentation &segmentation, const cv::Mat &background)
{
    const cv::Mat1d &sign = segmentation.signMapFiltered;
    if (sign.empty()) {
        setMessage(tr("No sign map"));
        return;
    }
    cv::Mat1b inPatch = cv::Mat1b::zeros(sign.size());
    for (const retino::Patch &patch : segmentation.patches)
        if (patch.mask.size() == sign.size())
            inPatch.setTo(255, patch.mask);
    const QImage under = background.size() == sign.size() ? greyImage(background).convertToFormat(QImage::Format_RGB32)
                                                          : QImage();
    setPicture(tinted(sign, under, inPatch));
    setOverlay(segmentation.borders.size() == sign.size() ? bordersImage(segmentation.borders) : QImage());

    std::vector<MapLabel> labels;
    for (std::size_t i = 0; i < segmentation.patches.size(); ++i) {
        const retino::Patch &patch = segmentation.patches[i];
        labels.push_back({QPointF(patch.centroidRc.y + 0.5, patch.centroidRc.x + 0.5), patchName(i, patch.sign),
                          patch.sign >= 0 ? positive.darker(150) : negative.darker(150)});
    }
    setLabels(std::move(labels));
    setColourBar({signGradient(), -1, 1, QString(), tr("visual field sign (filtered); black lines: area borders")});

    // The readout outlives this call: it keeps its own references to the maps (cv::Mat shares the data).
    auto patches = std::make_shared<std::vector<retino::Patch>>(segmentation.patches);
    setReadout([sign, patches](int row, int col) {
        QString text = tr("row %1, col %2: sign %3").arg(row).arg(col).arg(sign(row, col), 0, 'f', 2);
        for (std::size_t i = 0; i < patches->size(); ++i) {
            const cv::Mat1b &mask = (*patches)[i].mask;
            if (mask.size() == sign.size() && mask(row, col))
                return text + tr(" · patch %1").arg(patchName(i, (*patches)[i].sign));
        }
        return text;
    });
}

} // namespace ui
