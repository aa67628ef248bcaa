#pragma once

#include <nlohmann/json_fwd.hpp>

#include <functional>

class QWidget;

namespace ui {

// The editors SchemaForm puts beside a property, one per kind of JSON Schema property. Object is laid out by
// the form itself (a group box); Json is the fallback for anything else, edited as JSON text.
enum class PropertyKind { Number, Integer, Enum, String, Boolean, Constant, EnumList, Object, Json };

// Which editor `schema` gets. Its $refs, and those of its "items", must already be resolved.
PropertyKind propertyKind(const nlohmann::json &schema);

// Creates the editor of a property of kind `kind` (not Object) described by `schema` (resolved as above).
// Number and Integer editors step within the schema's bounds but accept typed values outside them, so that
// the form can show why such a value is refused. `edited` is called with the new value on every change the
// user makes; with a discarded value (is_discarded()) when the text of a Json editor does not parse.
QWidget *createPropertyEditor(PropertyKind kind, const nlohmann::json &schema,
                              std::function<void(nlohmann::json)> edited, QWidget *parent);

// Shows `value` (nullptr when the document has none) in an editor from createPropertyEditor(), without
// calling its `edited`. A value of the wrong type leaves the editor empty or unchanged.
void showPropertyValue(QWidget *editor, PropertyKind kind, const nlohmann::json &schema,
                       const nlohmann::json *value);

} // namespace ui
