#pragma once

#include "core/browse/levels.h"

#include <QtCore/QString>
#include <QtGui/QRgb>

#include <array>
#include <optional>
#include <vector>

namespace ui {

// A colour map: the colours of positions 0 … 1 between the levels, as a lookup table. Cyclic maps end
// where they start, for values that wrap (phases, angles).
struct ColourMap {
    static constexpr int Size = 256;

    QString name;
    std::array<QRgb, Size> colours{};
    bool cyclic = false;

    QRgb at(double position) const;
};

// The maps the image view offers, by matplotlib's names and in the order it lists them: gray first (the
// default), then the perceptually uniform sequential maps, turbo, and the cyclic ones last.
const std::vector<ColourMap> &colourMaps();
// The map named `name`; gray for a name not in colourMaps().
const ColourMap &colourMapNamed(const QString &name);
// The map for phases: our OKLab circle, which unlike hsv and twilight has no brighter or darker hues.
const ColourMap &cyclicColourMap();

// Whether a dataset is most likely a phase (and so best shown with a cyclic map): its name says "phase",
// or its @units are radians or degrees and its values span between half a cycle and a cycle.
bool looksLikePhase(const QString &objectPath, const QString &units, double lowest, double highest);
// The levels of one whole cycle, so that a cyclic map wraps where the phase does: −π … π or 0 … 2π for
// values from `lowest` to `highest` in radians (−180 … 180 or 0 … 360 in degrees); none for other units or
// values outside both.
std::optional<browse::Levels> phaseCycleLevels(const QString &units, double lowest, double highest);

} // namespace ui
