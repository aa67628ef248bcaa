#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace stimulus {

// The drifting-bar stimulus as schemas/stimulus.schema.json describes it; angles in degrees of visual angle,
// distances in cm, times in s. See the schema for what each field means.
enum class Direction { LeftToRight, RightToLeft, TopToBottom, BottomToTop };
enum class Correction { Spherical, None };

struct Monitor {
    int widthPx = 1920;
    int heightPx = 1080;
    double widthCm = 52.0;
    double heightCm = 29.25;
    double refreshHz = 60;
    double gamma = 2.2;
};

struct Pose {
    double eyeDistanceCm = 10;
    double footXCm = 0; // where the perpendicular from the eye meets the screen, from the screen's centre
    double footYCm = 0;
    double lateralRotationDeg = 30;
    double tiltDeg = 0;
};

struct StimulusParameters {
    int rendererVersion = 1;
    Monitor monitor;
    Pose pose;
    double barWidthDeg = 20;
    double speedDegPerS = 9;
    std::vector<Direction> directions{Direction::LeftToRight, Direction::RightToLeft, Direction::TopToBottom,
                                      Direction::BottomToTop};
    int sweepsPerDirection = 10;
    double checkerSizeDeg = 25;
    double flickerHz = 6;
    double contrast = 1;
    double background = 0.5;
    double preGapS = 2;
    double interSweepGapS = 0;
    double postGapS = 2;
    Correction correction = Correction::Spherical;

    // Validates `document` against the built-in "stimulus" schema, filling its defaults; throws
    // params::SchemaError naming `source` when it does not conform.
    static StimulusParameters fromJson(nlohmann::json document, const std::string &source);
    // The complete document, every default written out: what is hashed and stored.
    nlohmann::json toJson() const;
    // The stimulus's identity: SHA-256 of the RFC 8785 form of toJson().
    std::string sha256() const;
};

const char *directionCode(Direction direction); // "LR", "RL", "TB", "BT"
Direction directionFromCode(const std::string &code);
// True for LR and RL: the bar is vertical and its position is an azimuth; otherwise an altitude.
bool sweepsAzimuth(Direction direction);

} // namespace stimulus
