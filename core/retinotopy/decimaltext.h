#pragma once

#include <cstdio>
#include <string>

namespace retino {

// `value` with exactly `decimals` decimals, as the segmentation's log states ratios ("coverage ratio 1.116").
inline std::string decimalText(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

} // namespace retino
