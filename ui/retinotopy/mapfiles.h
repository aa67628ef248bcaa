#pragma once

#include "core/retinotopy/retinotopymaps.h"

#include <QtCore/QString>

namespace ui {

// The files of a set of retinotopic maps opened without a recording: Allen's example maps, or maps another
// pipeline wrote. Each is a TIFF path or FILE.h5::/dataset (retino::readMap). Altitude and azimuth are needed;
// the power maps weight the display and the segmentation, the vasculature lies under the sign map.
struct MapFiles {
    QString altitude;
    QString azimuth;
    QString altitudePower;
    QString azimuthPower;
    QString vasculature;

    bool isComplete() const { return !altitude.isEmpty() && !azimuth.isEmpty(); }

    // The maps among the TIFF files of `folder` (or of the folder a file is in), by name, case-insensitive:
    // "altitude" and "azimuth" without "power" are the maps, with "power" their power maps, and "vasculature",
    // "vessel" or "surface" the background. Allen's example_*_map.tif fit; so do altitude.tif, azimuth.tif.
    // Roles without a file stay empty.
    static MapFiles inFolder(const QString &folderOrFile);
};

// What opening MapFiles gives the panel: the maps (positions and powers, all of one size; no pixel size, no
// mask), and the vasculature at the maps' size (empty without one).
struct LoadedMaps {
    retino::RetinotopyMaps maps;
    cv::Mat1f background;
};

// Reads every named file (off the UI thread: a few TIFFs take tens of milliseconds). A vasculature of another
// size is resized to the maps' (Allen's is twice their resolution). Throws core::Error naming the file that
// cannot be read or whose size differs from the altitude map's.
LoadedMaps loadMapFiles(const MapFiles &files);

} // namespace ui
