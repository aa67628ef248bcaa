#pragma once

#include <QtCore/QRect>
#include <QtCore/QSize>

#include <optional>
#include <string_view>

namespace hw {

enum class Corner { TopLeft, TopRight, BottomLeft, BottomRight };

// "TL", "TR", "BL", "BR" (as rig settings spell them); nullopt for anything else.
std::optional<Corner> cornerFromCode(std::string_view code);
const char *cornerCode(Corner corner);

// The square a photodiode taped to the screen reads: white while the row's photodiode flag is 1, black
// while it is 0, so that the stimulus's timing can be recorded against the acquisition's independently of
// the software clock.
struct PhotodiodePatch {
    int sizePx = 50;  // side, in device pixels
    Corner corner = Corner::BottomRight;

    // Where the patch lies in a viewport of `viewport` device pixels, origin at the top left; clipped to it.
    QRect rectIn(QSize viewport) const;
};

} // namespace hw
