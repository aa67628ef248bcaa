#include "core/retinotopy/analysisparameters.h"

#include "core/error.h"

#include <cmath>

namespace retino {

namespace {

const char *driftName(DriftRemoval method)
{
    switch (method) {
    case DriftRemoval::None:
        return "none";
    case DriftRemoval::SlidingMean:
        return "sliding";
    case DriftRemoval::Polynomial:
        return "polynomial";
    }
    return "sliding";
}

[[noreturn]] void fail(const std::string &source, const std::string &key, const std::string &problem)
{
    throw core::Error(source + ": \"" + key + "\" " + problem);
}

double number(const nlohmann::json &document, const std::string &source, const std::string &key, double minimum)
{
    const nlohmann::json &value = document.at(key);
    if (!value.is_number())
        fail(source, key, "must be a number, got " + value.dump());
    const double x = value.get<double>();
    if (!std::isfinite(x) || x < minimum)
        fail(source, key, "must be a number >= " + nlohmann::json(minimum).dump() + ", got " + value.dump());
    return x;
}

int integer(const nlohmann::json &document, const std::string &source, const std::string &key, int minimum)
{
    const nlohmann::json &value = document.at(key);
    if (!value.is_number_integer() || value.get<long long>() < minimum || value.get<long long>() > 1'000'000)
        fail(source, key, "must be an integer >= " + std::to_string(minimum) + ", got " + value.dump());
    return value.get<int>();
}

} // namespace

AnalysisParameters AnalysisParameters::fromJson(const nlohmann::json &document, const std::string &source)
{
    if (!document.is_object())
        throw core::Error(source + ": analysis parameters must be a JSON object, got " + document.dump());
    AnalysisParameters parameters;
    for (const auto &[key, value] : document.items()) {
        if (key == "driftRemoval") {
            const std::string name = value.is_string() ? value.get<std::string>() : "";
            if (name == "none")
                parameters.drift.method = DriftRemoval::None;
            else if (name == "sliding")
                parameters.drift.method = DriftRemoval::SlidingMean;
            else if (name == "polynomial")
                parameters.drift.method = DriftRemoval::Polynomial;
            else
                fail(source, key, "must be \"sliding\", \"polynomial\" or \"none\", got " + value.dump());
        } else if (key == "polynomialOrder") {
            parameters.drift.polynomialOrder = integer(document, source, key, 0);
        } else if (key == "responsePolarity") {
            if (value != "negative" && value != "positive")
                fail(source, key, "must be \"negative\" or \"positive\", got " + value.dump());
            parameters.negativeResponse = value == "negative";
        } else if (key == "globalSignal") {
            if (value == "quiet")
                parameters.globalSignal = GlobalSignalMode::Quiet;
            else if (value == "all")
                parameters.globalSignal = GlobalSignalMode::All;
            else if (value == "keep")
                parameters.globalSignal = GlobalSignalMode::Keep;
            else
                fail(source, key, "must be \"quiet\", \"all\" or \"keep\", got " + value.dump());
        } else if (key == "expectedDelayS") {
            parameters.expectedDelayS = number(document, source, key, 0);
            if (parameters.expectedDelayS > 60)
                fail(source, key, "must be at most 60 s, got " + value.dump());
        } else if (key == "binning") {
            parameters.binning = integer(document, source, key, 1);
            if (parameters.binning > 64)
                fail(source, key, "must be at most 64, got " + value.dump());
        } else if (key == "f1FilterSigma") {
            parameters.f1FilterSigma = number(document, source, key, 0);
            if (parameters.f1FilterSigma > 100)
                fail(source, key, "must be at most 100 px, got " + value.dump());
        } else if (key == "responseSnr") {
            parameters.responseSnr = number(document, source, key, 0);
        } else if (key == "pixelSizeUm") {
            parameters.pixelSizeUm = number(document, source, key, 0);
            if (!(parameters.pixelSizeUm > 0))
                fail(source, key, "must be > 0, got " + value.dump());
        } else {
            parameters.segmentation[key] = value;
        }
    }
    // Checks the segmentation's keys and values now (unknown keys, types), whatever the pixel size turns out.
    try {
        SegmentationParameters::fromJson(parameters.segmentation, 1.0);
    } catch (const core::Error &error) {
        throw core::Error(source + ": " + error.what());
    }
    return parameters;
}

nlohmann::json AnalysisParameters::toJson() const
{
    nlohmann::json document = segmentation;
    document["driftRemoval"] = driftName(drift.method);
    document["polynomialOrder"] = drift.polynomialOrder;
    document["responsePolarity"] = negativeResponse ? "negative" : "positive";
    document["globalSignal"] = globalSignal == GlobalSignalMode::Quiet ? "quiet"
                               : globalSignal == GlobalSignalMode::All ? "all"
                                                                       : "keep";
    document["expectedDelayS"] = expectedDelayS;
    document["binning"] = binning;
    document["f1FilterSigma"] = f1FilterSigma;
    document["responseSnr"] = responseSnr;
    if (std::isfinite(pixelSizeUm))
        document["pixelSizeUm"] = pixelSizeUm;
    return document;
}

SegmentationParameters AnalysisParameters::segmentationFor(double mapPixelSizeUm) const
{
    return SegmentationParameters::fromJson(segmentation, mapPixelSizeUm);
}

} // namespace retino
