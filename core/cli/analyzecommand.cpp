#include "core/cli/analyzecommand.h"

#include "core/cli/jsoninput.h"
#include "core/retinotopy/mapimages.h"
#include "core/retinotopy/recordinganalysis.h"

#include <QtCore/QCommandLineParser>
#include <opencv2/core.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iomanip>
#include <ostream>

namespace cli {

namespace {

const QCommandLineOption paramsOption(QStringLiteral("params"),
                                      QStringLiteral("Analysis parameters (JSON: phase-map keys and the Allen "
                                                     "segmentation keys; see docs/formats.md)."),
                                      QStringLiteral("P.json"));
const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON for scripts."));
const QCommandLineOption pngOption(QStringLiteral("png"), QStringLiteral("Also write PNGs of the maps into DIR."),
                                   QStringLiteral("DIR"));

nlohmann::json rangeOf(const cv::Mat1f &map, const cv::Mat1b &mask)
{
    if (map.empty())
        return nullptr;
    double low = INFINITY, high = -INFINITY;
    for (int i = 0; i < int(map.total()); ++i)
        if (std::isfinite(map(i)) && (mask.empty() || mask(i))) {
            low = std::min(low, double(map(i)));
            high = std::max(high, double(map(i)));
        }
    return std::isfinite(low) ? nlohmann::json::array({low, high}) : nlohmann::json(nullptr);
}

} // namespace

void AnalyzeCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("REC.h5"), QStringLiteral("A complete recording with a stimulus."));
    parser.addOptions({paramsOption, jsonOption, pngOption});
}

int AnalyzeCommand::run(const QCommandLineParser &parser, Output &output) const
{
    const std::string path = positional(parser, 0, 1, "REC.h5");
    retino::AnalysisParameters parameters;
    if (parser.isSet(paramsOption)) {
        const std::string file = parser.value(paramsOption).toStdString();
        parameters = retino::AnalysisParameters::fromJson(readJsonArgument(file), file);
    }
    retino::AnalysisProgress progress;
    if (!parser.isSet(jsonOption) && cli::standardErrorIsTerminal())
        progress.report = [&output, last = -1](double fraction, const std::string &stage) mutable {
            const int percent = int(fraction * 100);
            if (percent != last)
                output.err << "\r" << stage << " " << percent << "%   " << std::flush;
            last = percent;
        };
    const retino::RetinotopyResult result = retino::analyzeRecording(path, parameters, progress);
    if (progress.report)
        output.err << "\n";

    nlohmann::json summary = retino::patchesJson(result.segmentation);
    summary["recording"] = path;
    summary["result_file"] = result.resultFile.string();
    summary["result_path"] = result.resultPath;
    summary["key"] = result.key;
    summary["reused"] = result.reused;
    summary["seconds"] = result.seconds;
    summary["raw_patches"] = result.segmentation.rawPatchCount;
    summary["steps"] = result.segmentation.steps;
    summary["notes"] = result.maps.notes;
    summary["pixel_size_um"] = std::isfinite(result.maps.pixelSizeUm) ? nlohmann::json(result.maps.pixelSizeUm) : nlohmann::json(nullptr);
    summary["azimuth_range_deg"] = rangeOf(result.maps.azimuthDeg, result.maps.responseMask);
    summary["altitude_range_deg"] = rangeOf(result.maps.altitudeDeg, result.maps.responseMask);
    summary["response_pixels"] = result.maps.responseMask.empty() ? 0 : cv::countNonZero(result.maps.responseMask);
    if (parser.isSet(pngOption)) {
        nlohmann::json images = nlohmann::json::array();
        for (const auto &file : retino::writeMapImages(result, parser.value(pngOption).toStdString()))
            images.push_back(file.string());
        summary["images"] = images;
    }

    if (parser.isSet(jsonOption)) {
        output.out << summary.dump(2) << "\n";
        return Success;
    }
    output.out << path << ": " << (result.reused ? "reused the stored analysis " : "analysed in ")
               << (result.reused ? "" : std::to_string(result.seconds) + " s, stored as ") << result.resultFile.string()
               << "::" << result.resultPath << "\n";
    for (const std::string &note : result.maps.notes)
        output.out << "note: " << note << "\n";
    for (const char *axis : {"azimuth", "altitude"}) {
        const nlohmann::json range = summary[std::string(axis) + "_range_deg"];
        if (!range.is_null())
            output.out << axis << " " << std::fixed << std::setprecision(1) << range[0].get<double>() << " .. "
                       << range[1].get<double>() << " deg in the response mask\n";
    }
    output.out << summary["patches"].size() << " visual areas (" << result.segmentation.rawPatchCount << " raw patches)\n";
    int index = 1;
    for (const retino::Patch &patch : result.segmentation.patches)
        output.out << "  " << index++ << "  " << (patch.sign > 0 ? "+" : "-") << "  " << patch.areaPx << " px  at ("
                   << std::setprecision(1) << patch.centroidRc.x << ", " << patch.centroidRc.y << ")\n";
    return Success;
}

} // namespace cli
