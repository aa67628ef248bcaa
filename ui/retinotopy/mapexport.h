#pragma once

#include <opencv2/core/mat.hpp>

#include <QtGui/QImage>

#include <filesystem>
#include <string>
#include <vector>

namespace retino {
struct Segmentation;
}

namespace ui {

// What Export writes into one folder: the views as PNG figures, the float maps as TIFFs (retino::writeMapTiff,
// readable by any TIFF reader and by Allen's pipeline) and the patches as CSV. Each name is a file name in
// the folder; existing files of those names are replaced.
struct MapExport {
    std::vector<std::pair<std::string, QImage>> pictures;
    std::vector<std::pair<std::string, cv::Mat>> maps;
    std::string patchesCsvName;
    std::string patchesCsv;

    // Writes every file, each atomically; returns their paths. Any thread (PNG encoding of a large figure
    // takes tens of milliseconds). Throws core::Error naming the file that could not be written.
    std::vector<std::filesystem::path> writeTo(const std::filesystem::path &folder) const;
};

// One line per patch, numbered as on the sign map: "patch,sign,area_px,area_mm2,centroid_row,centroid_col";
// area_mm2 is empty when `pixelSizeUm` (on the cortex) is not known; the centroid is in map pixels.
std::string patchesCsv(const retino::Segmentation &segmentation, double pixelSizeUm);

} // namespace ui
