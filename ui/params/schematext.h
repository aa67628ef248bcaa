#pragma once

#include <nlohmann/json_fwd.hpp>

#include <QtCore/QString>

#include <string>

namespace ui {

// "bar_width_deg" → "Bar width (deg)", "speed_deg_per_s" → "Speed (deg/s)", "refresh_hz" → "Refresh (Hz)":
// a property name as a form label, with a trailing unit moved into parentheses.
QString readableName(const std::string &propertyName);

// The label of a property: its schema's "title" when it has one, else readableName().
QString propertyLabel(const std::string &propertyName, const nlohmann::json &schema);

// A tooltip for a property's editor: the schema's description, then its allowed range or choices and its
// default ("Range: > 0 and ≤ 180", "Default: 20"), as rich text so that Qt wraps it. Empty when the schema
// says none of these.
QString propertyToolTip(const nlohmann::json &schema);

} // namespace ui
