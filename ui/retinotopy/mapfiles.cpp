#include "ui/retinotopy/mapfiles.h"

#include "core/error.h"
#include "core/retinotopy/mapfile.h"

#include <opencv2/imgproc.hpp>

#include <QtCore/QDir>
#include <QtCore/QFileInfo>

#include <algorithm>

namespace ui {

namespace {

// The first file (in name order) whose lower-case name contains every word of `wanted` and none of `unwanted`.
QString pick(const QFileInfoList &files, const QStringList &wanted, const QStringList &unwanted = {})
{
    for (const QFileInfo &file : files) {
        const QString name = file.fileName().toLower();
        const auto contains = [&](const QString &word) { return name.contains(word); };
        if (std::all_of(wanted.begin(), wanted.end(), contains) && std::none_of(unwanted.begin(), unwanted.end(), contains))
            return file.filePath();
    }
    return {};
}

cv::Mat1f readAs32(const QString &spec, const cv::Size &expected)
{
    const cv::Mat map = retino::readMap(spec.toStdString());
    if (!expected.empty() && map.size() != expected)
        throw core::Error(QStringLiteral("%1: %2 × %3 pixels, but the altitude map has %4 × %5")
                              .arg(spec)
                              .arg(map.cols)
                              .arg(map.rows)
                              .arg(expected.width)
                              .arg(expected.height)
                              .toStdString());
    cv::Mat1f converted;
    map.convertTo(converted, CV_32F);
    return converted;
}

} // namespace

MapFiles MapFiles::inFolder(const QString &folderOrFile)
{
    const QFileInfo info(folderOrFile);
    const QDir folder(info.isDir() ? info.filePath() : info.path());
    const QFileInfoList tiffs = folder.entryInfoList({QStringLiteral("*.tif"), QStringLiteral("*.tiff")},
                                                     QDir::Files | QDir::Readable, QDir::Name | QDir::IgnoreCase);
    const QString power = QStringLiteral("power");
    MapFiles files;
    files.altitude = pick(tiffs, {QStringLiteral("altitude")}, {power});
    files.azimuth = pick(tiffs, {QStringLiteral("azimuth")}, {power});
    files.altitudePower = pick(tiffs, {QStringLiteral("altitude"), power});
    files.azimuthPower = pick(tiffs, {QStringLiteral("azimuth"), power});
    for (const char *word : {"vasculature", "vessel", "surface"})
        if (files.vasculature.isEmpty())
            files.vasculature = pick(tiffs, {QString::fromLatin1(word)});
    return files;
}

LoadedMaps loadMapFiles(const MapFiles &files)
{
    if (!files.isComplete())
        throw core::Error("both an altitude and an azimuth map are needed");
    LoadedMaps loaded;
    loaded.maps.altitudeDeg = readAs32(files.altitude, {});
    const cv::Size size = loaded.maps.altitudeDeg.size();
    loaded.maps.azimuthDeg = readAs32(files.azimuth, size);
    if (!files.altitudePower.isEmpty())
        loaded.maps.altitudePower = readAs32(files.altitudePower, size);
    if (!files.azimuthPower.isEmpty())
        loaded.maps.azimuthPower = readAs32(files.azimuthPower, size);
    if (!files.vasculature.isEmpty()) {
        const cv::Mat1f vasculature = readAs32(files.vasculature, {});
        if (vasculature.size() == size) {
            loaded.background = vasculature;
        } else {
            cv::resize(vasculature, loaded.background, size, 0, 0, cv::INTER_AREA);
            loaded.maps.notes.push_back(QStringLiteral("vasculature %1 × %2 resized to the maps' %3 × %4")
                                            .arg(vasculature.cols)
                                            .arg(vasculature.rows)
                                            .arg(size.width)
                                            .arg(size.height)
                                            .toStdString());
        }
    }
    return loaded;
}

} // namespace ui
