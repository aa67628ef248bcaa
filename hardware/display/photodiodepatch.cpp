#include "hardware/display/photodiodepatch.h"

#include <algorithm>

namespace hw {

std::optional<Corner> cornerFromCode(std::string_view code)
{
    for (const Corner corner : {Corner::TopLeft, Corner::TopRight, Corner::BottomLeft, Corner::BottomRight}) {
        if (code == cornerCode(corner)) {
            return corner;
        }
    }
    return std::nullopt;
}

const char *cornerCode(Corner corner)
{
    switch (corner) {
    case Corner::TopLeft:
        return "TL";
    case Corner::TopRight:
        return "TR";
    case Corner::BottomLeft:
        return "BL";
    case Corner::BottomRight:
        return "BR";
    }
    return "";
}

QRect PhotodiodePatch::rectIn(QSize viewport) const
{
    const int width = std::clamp(sizePx, 0, viewport.width());
    const int height = std::clamp(sizePx, 0, viewport.height());
    const bool left = corner == Corner::TopLeft || corner == Corner::BottomLeft;
    const bool top = corner == Corner::TopLeft || corner == Corner::TopRight;
    return {left ? 0 : viewport.width() - width, top ? 0 : viewport.height() - height, width, height};
}

} // namespace hw
