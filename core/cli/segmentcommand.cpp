#include "core/cli/segmentcommand.h"

#include "core/cli/jsoninput.h"
#include "core/retinotopy/areasegmentation.h"
#include "core/retinotopy/mapfile.h"

#include <QtCore/QCommandLineParser>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <ostream>

namespace cli {

namespace {

const QCommandLineOption altitudeOption(QStringLiteral("altitude"),
                                        QStringLiteral("Altitude map in degrees: a TIFF, or file.h5::/dataset."),
                                        QStringLiteral("MAP"));
const QCommandLineOption azimuthOption(QStringLiteral("azimuth"), QStringLiteral("Azimuth map in degrees, likewise."),
                                       QStringLiteral("MAP"));
const QCommandLineOption altitudePowerOption(QStringLiteral("altitude-power"),
                                             QStringLiteral("Altitude power map (checked, not used: the Allen method "
                                                            "only displays it)."),
                                             QStringLiteral("MAP"));
const QCommandLineOption azimuthPowerOption(QStringLiteral("azimuth-power"), QStringLiteral("Azimuth power map, likewise."),
                                            QStringLiteral("MAP"));
const QCommandLineOption paramsOption(QStringLiteral("params"),
                                      QStringLiteral("Segmentation parameters (Allen names, "
                                                     "schemas/retinotopy-segmentation.schema.json); - reads stdin."),
                                      QStringLiteral("P.json"));
const QCommandLineOption pixelSizeOption(QStringLiteral("pixel-size-um"),
                                         QStringLiteral("Map pixel size on the cortex, for parameters given in µm."),
                                         QStringLiteral("X"));
const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the patches as JSON."));

std::string required(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        throw UsageProblem("missing --" + option.names().first().toStdString());
    return parser.value(option).toStdString();
}

cv::Mat optionalMap(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    return parser.isSet(option) ? retino::readMap(parser.value(option).toStdString()) : cv::Mat();
}

double pixelSize(const QCommandLineParser &parser)
{
    if (!parser.isSet(pixelSizeOption))
        return std::nan("");
    bool ok = false;
    const double value = parser.value(pixelSizeOption).toDouble(&ok);
    if (!ok || !(value > 0) || !std::isfinite(value))
        throw UsageProblem("--pixel-size-um: '" + parser.value(pixelSizeOption).toStdString()
                           + "' is not a positive number of µm");
    return value;
}

retino::SegmentationParameters parameters(const QCommandLineParser &parser)
{
    const double pixelSizeUm = pixelSize(parser);
    if (!parser.isSet(paramsOption))
        return retino::SegmentationParameters::fromJson(nlohmann::json::object(), pixelSizeUm);
    const std::string path = parser.value(paramsOption).toStdString();
    const nlohmann::json document = readJsonArgument(path);
    try {
        return retino::SegmentationParameters::fromJson(document, pixelSizeUm);
    } catch (const core::Error &error) {
        throw core::Error((path == "-" ? std::string("<stdin>") : path) + ": " + error.what());
    }
}

void printTable(const retino::Segmentation &segmentation, std::ostream &out)
{
    for (const std::string &step : segmentation.steps)
        out << step << "\n";
    out << "\n  patch  sign  area (px)  centroid (row, col)\n";
    for (std::size_t i = 0; i < segmentation.patches.size(); ++i) {
        const retino::Patch &patch = segmentation.patches[i];
        char line[96];
        std::snprintf(line, sizeof line, "  %5zu  %4s  %9lld  (%.1f, %.1f)\n", i + 1, patch.sign > 0 ? "+" : "-",
                      static_cast<long long>(patch.areaPx), patch.centroidRc.x, patch.centroidRc.y);
        out << line;
    }
}

} // namespace

void SegmentCommand::declare(QCommandLineParser &parser) const
{
    parser.addOptions({altitudeOption, azimuthOption, altitudePowerOption, azimuthPowerOption, paramsOption,
                       pixelSizeOption, jsonOption});
}

int SegmentCommand::run(const QCommandLineParser &parser, Output &output) const
{
    rejectPositionals(parser);
    const std::string altitudePath = required(parser, altitudeOption);
    const std::string azimuthPath = required(parser, azimuthOption);
    const retino::SegmentationParameters segmentationParameters = parameters(parser);
    // One statement per map, so that problems are reported in the order of the options.
    const cv::Mat altitude = retino::readMap(altitudePath);
    const cv::Mat azimuth = retino::readMap(azimuthPath);
    const cv::Mat altitudePower = optionalMap(parser, altitudePowerOption);
    const cv::Mat azimuthPower = optionalMap(parser, azimuthPowerOption);
    const retino::Segmentation segmentation =
        retino::segmentAreas(altitude, azimuth, segmentationParameters, altitudePower, azimuthPower);
    if (parser.isSet(jsonOption))
        output.out << retino::patchesJson(segmentation).dump(2) << "\n";
    else
        printTable(segmentation, output.out);
    return Success;
}

} // namespace cli
