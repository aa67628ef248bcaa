#include "ui/retinotopy/mapexport.h"

#include "ui/retinotopy/patchtablemodel.h"

#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/retinotopy/areasegmentation.h"
#include "core/retinotopy/mapfile.h"

#include <QtCore/QBuffer>

#include <charconv>
#include <cmath>

namespace ui {

namespace {

// std::to_chars, not printf: the C locale of a Qt application follows the user's, which may write "1,5".
std::string fixed(double value, int decimals)
{
    char text[64];
    const auto end = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, decimals).ptr;
    return std::string(text, end);
}

std::string shortest(double value)
{
    char text[64];
    const auto end = std::to_chars(text, text + sizeof text, value).ptr;
    return std::string(text, end);
}

} // namespace

std::vector<std::filesystem::path> MapExport::writeTo(const std::filesystem::path &folder) const
{
    std::vector<std::filesystem::path> written;
    for (const auto &[name, picture] : pictures) {
        const std::filesystem::path path = folder / name;
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!picture.save(&buffer, "PNG"))
            throw core::Error(path.string() + ": cannot encode the picture as PNG");
        files::writeFileAtomically(path, std::string_view(bytes.constData(), std::size_t(bytes.size())));
        written.push_back(path);
    }
    for (const auto &[name, map] : maps) {
        const std::filesystem::path path = folder / name;
        retino::writeMapTiff(path.string(), map);
        written.push_back(path);
    }
    if (!patchesCsvName.empty()) {
        const std::filesystem::path path = folder / patchesCsvName;
        files::writeFileAtomically(path, patchesCsv);
        written.push_back(path);
    }
    return written;
}

std::string patchesCsv(const retino::Segmentation &segmentation, double pixelSizeUm)
{
    std::string csv = "patch,sign,area_px,area_mm2,centroid_row,centroid_col\n";
    for (std::size_t i = 0; i < segmentation.patches.size(); ++i) {
        const retino::Patch &patch = segmentation.patches[i];
        const double mm2 = areaMm2(patch.areaPx, pixelSizeUm);
        csv += std::to_string(i + 1) + ',' + (patch.sign >= 0 ? "1" : "-1") + ',' + std::to_string(patch.areaPx) + ',' +
               (std::isfinite(mm2) ? shortest(mm2) : std::string()) + ',' +
               fixed(patch.centroidRc.x, 2) + ',' + fixed(patch.centroidRc.y, 2) + '\n';
    }
    return csv;
}

} // namespace ui
