#pragma once

#include <cstdint>

namespace hw {

// The ground-truth retinotopy of the synthetic cortex: V1 and three higher visual areas that border it,
// laid out as in the mouse (Marshel et al. 2011, Fig. 2; Garrett et al. 2014): LM lateral, PM medial, RL
// anterior. Each higher area mirrors V1's map across their shared border (LM and PM in azimuth, RL in
// altitude), so its visual field sign is opposite to V1's and both maps are continuous across every border.
//
// V1 covers azimuth 0–85° and altitude −25–35°; LM azimuth 0–35°, PM 45–85°, RL altitude −25–0°. All
// lies well inside what the default stimulus sweeps (azimuth −39–99°, altitude −56–56°), so the bar
// crosses every receptive field completely during each sweep.
enum class VisualArea : std::uint8_t { None = 0, V1 = 1, LM = 2, PM = 3, RL = 4 };
inline constexpr int VisualAreaCount = 5; // including None

struct RetinotopicPoint {
    VisualArea area = VisualArea::None;
    double azimuthDeg = 0;  // NaN outside every area
    double altitudeDeg = 0; // NaN outside every area
};

// The point of the visual field represented at cortex position (xMm, yMm) (ImagingGeometry's frame).
RetinotopicPoint retinotopyAt(double xMm, double yMm);

// The visual field sign as Juavinett et al. 2017 (Nat. Protoc.) compute it: the sign of
// sin(direction(∇altitude) − direction(∇azimuth)), with gradients taken over (row, column) as numpy.gradient
// returns them. −1 for V1, +1 for the higher areas, 0 for None.
int visualFieldSign(VisualArea area);

// The response strength relative to V1's: higher areas respond more weakly.
double responseScale(VisualArea area);

const char *areaName(VisualArea area); // "none" for None

} // namespace hw
