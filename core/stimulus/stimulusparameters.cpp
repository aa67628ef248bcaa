#include "core/stimulus/stimulusparameters.h"

#include "core/error.h"
#include "core/params/canonicaljson.h"
#include "core/params/schemaregistry.h"

#include <nlohmann/json.hpp>

namespace stimulus {

const char *directionCode(Direction direction)
{
    switch (direction) {
    case Direction::LeftToRight: return "LR";
    case Direction::RightToLeft: return "RL";
    case Direction::TopToBottom: return "TB";
    case Direction::BottomToTop: return "BT";
    }
    return "?";
}

Direction directionFromCode(const std::string &code)
{
    for (const Direction direction : {Direction::LeftToRight, Direction::RightToLeft, Direction::TopToBottom,
                                      Direction::BottomToTop})
        if (code == directionCode(direction))
            return direction;
    throw core::Error("unknown sweep direction '" + code + "' (expected LR, RL, TB or BT)");
}

bool sweepsAzimuth(Direction direction)
{
    return direction == Direction::LeftToRight || direction == Direction::RightToLeft;
}

StimulusParameters StimulusParameters::fromJson(nlohmann::json document, const std::string &source)
{
    params::builtinSchema("stimulus").validateOrThrow(document, source);
    StimulusParameters p;
    p.rendererVersion = document.at("renderer_version").get<int>();
    const auto &monitor = document.at("monitor");
    p.monitor = {monitor.at("width_px").get<int>(), monitor.at("height_px").get<int>(),
                 monitor.at("width_cm").get<double>(), monitor.at("height_cm").get<double>(),
                 monitor.at("refresh_hz").get<double>(), monitor.at("gamma").get<double>()};
    const auto &pose = document.at("pose");
    p.pose = {pose.at("eye_distance_cm").get<double>(), pose.at("foot_x_cm").get<double>(),
              pose.at("foot_y_cm").get<double>(), pose.at("lateral_rotation_deg").get<double>(),
              pose.at("tilt_deg").get<double>()};
    p.barWidthDeg = document.at("bar_width_deg").get<double>();
    p.speedDegPerS = document.at("speed_deg_per_s").get<double>();
    p.directions.clear();
    for (const auto &code : document.at("directions"))
        p.directions.push_back(directionFromCode(code.get<std::string>()));
    p.sweepsPerDirection = document.at("sweeps_per_direction").get<int>();
    p.checkerSizeDeg = document.at("checker_size_deg").get<double>();
    p.flickerHz = document.at("flicker_hz").get<double>();
    p.contrast = document.at("contrast").get<double>();
    p.background = document.at("background").get<double>();
    p.preGapS = document.at("pre_gap_s").get<double>();
    p.interSweepGapS = document.at("inter_sweep_gap_s").get<double>();
    p.postGapS = document.at("post_gap_s").get<double>();
    p.correction = document.at("correction").get<std::string>() == "none" ? Correction::None : Correction::Spherical;
    return p;
}

nlohmann::json StimulusParameters::toJson() const
{
    auto directionCodes = nlohmann::json::array();
    for (const Direction direction : directions)
        directionCodes.push_back(directionCode(direction));
    return {{"renderer_version", rendererVersion},
            {"monitor", {{"width_px", monitor.widthPx}, {"height_px", monitor.heightPx}, {"width_cm", monitor.widthCm},
                         {"height_cm", monitor.heightCm}, {"refresh_hz", monitor.refreshHz}, {"gamma", monitor.gamma}}},
            {"pose", {{"eye_distance_cm", pose.eyeDistanceCm}, {"foot_x_cm", pose.footXCm}, {"foot_y_cm", pose.footYCm},
                      {"lateral_rotation_deg", pose.lateralRotationDeg}, {"tilt_deg", pose.tiltDeg}}},
            {"bar_width_deg", barWidthDeg},
            {"speed_deg_per_s", speedDegPerS},
            {"directions", directionCodes},
            {"sweeps_per_direction", sweepsPerDirection},
            {"checker_size_deg", checkerSizeDeg},
            {"flicker_hz", flickerHz},
            {"contrast", contrast},
            {"background", background},
            {"pre_gap_s", preGapS},
            {"inter_sweep_gap_s", interSweepGapS},
            {"post_gap_s", postGapS},
            {"correction", correction == Correction::None ? "none" : "spherical"}};
}

std::string StimulusParameters::sha256() const
{
    return params::canonicalSha256(toJson());
}

} // namespace stimulus
