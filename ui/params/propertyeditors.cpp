#include "ui/params/propertyeditors.h"

#include "ui/params/enumlistedit.h"
#include "ui/params/integerspinbox.h"
#include "ui/params/numberspinbox.h"

#include <nlohmann/json.hpp>

#include <QtCore/QEvent>
#include <QtCore/QSignalBlocker>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLineEdit>

#include <algorithm>
#include <climits>
#include <cmath>
#include <optional>
#include <string>

namespace ui {

using nlohmann::json;

namespace {

// A form scrolled with the mouse wheel must not change the values that pass under the pointer: an editor
// takes wheel events only once it has focus, otherwise they go on to the scroll area.
class WheelGuard : public QObject {
public:
    using QObject::QObject;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Wheel || static_cast<QWidget *>(watched)->hasFocus())
            return false;
        event->ignore(); // ignored and filtered: QApplication passes it to the parent widget
        return true;
    }
};

template <typename Editor>
Editor *guarded(Editor *editor)
{
    editor->setFocusPolicy(Qt::StrongFocus);
    editor->installEventFilter(new WheelGuard(editor));
    return editor;
}

std::optional<std::string> singleType(const json &schema)
{
    const auto type = schema.find("type");
    if (type == schema.end())
        return std::nullopt;
    if (type->is_string())
        return type->get<std::string>();
    std::vector<std::string> named;
    for (const auto &each : *type)
        if (each != "null")
            named.push_back(each.get<std::string>());
    return named.size() == 1 ? std::optional(named.front()) : std::nullopt;
}

std::optional<double> number(const json &schema, const char *keyword)
{
    const auto value = schema.find(keyword);
    return value != schema.end() && value->is_number() ? std::optional(value->get<double>()) : std::nullopt;
}

// Fine enough to reach every value a rig uses, coarse enough that an arrow press visibly changes something:
// a hundredth on [0, 1]-like ranges, otherwise a tenth of the default's order of magnitude, at most 1.
double stepFor(const json &schema, std::optional<double> lowest, std::optional<double> highest)
{
    if (lowest && highest && *highest - *lowest <= 1)
        return 0.01;
    if (const auto fallback = number(schema, "default"); fallback && *fallback != 0)
        return std::min(1.0, std::pow(10.0, std::floor(std::log10(std::abs(*fallback))) - 1));
    return 1;
}

QString valueText(const json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString::fromStdString(value.dump());
}

} // namespace

PropertyKind propertyKind(const json &schema)
{
    if (schema.contains("const"))
        return PropertyKind::Constant;
    if (schema.contains("enum"))
        return PropertyKind::Enum;
    const std::string type = singleType(schema).value_or("");
    if (type == "number")
        return PropertyKind::Number;
    if (type == "integer")
        return PropertyKind::Integer;
    if (type == "string")
        return PropertyKind::String;
    if (type == "boolean")
        return PropertyKind::Boolean;
    if (type == "object" && schema.contains("properties"))
        return PropertyKind::Object;
    if (type == "array" && schema.contains("items") && schema["items"].contains("enum"))
        return PropertyKind::EnumList;
    return PropertyKind::Json;
}

QWidget *createPropertyEditor(PropertyKind kind, const json &schema, std::function<void(json)> edited, QWidget *parent)
{
    switch (kind) {
    case PropertyKind::Number: {
        auto *spin = guarded(new NumberSpinBox(parent));
        const auto minimum = number(schema, "minimum"), exclusiveMinimum = number(schema, "exclusiveMinimum");
        const auto maximum = number(schema, "maximum"), exclusiveMaximum = number(schema, "exclusiveMaximum");
        const auto lowest = minimum ? minimum : exclusiveMinimum;
        const auto highest = maximum ? maximum : exclusiveMaximum;
        const double step = stepFor(schema, lowest, highest);
        // Typing may go well past the bounds, so that the validator can say why a value is refused; ten
        // times the bounds keeps the spin box's size hint (which fits its extremes) small.
        const double typing = lowest && highest ? 10 * std::max({std::abs(*lowest), std::abs(*highest), 1.0}) : 1e9;
        spin->setRange(-typing, typing);
        spin->setSingleStep(step);
        spin->setStepLimits(lowest ? *lowest + (minimum ? 0 : step) : -typing,
                            highest ? *highest - (maximum ? 0 : step) : typing);
        QObject::connect(spin, &QDoubleSpinBox::valueChanged, spin, [edited](double value) { edited(value); });
        return spin;
    }
    case PropertyKind::Integer: {
        auto *spin = guarded(new IntegerSpinBox(parent));
        const auto limit = [&](const char *inclusive, const char *exclusive, int towards) -> std::optional<long long> {
            if (const auto value = number(schema, inclusive))
                return static_cast<long long>(std::ceil(*value * towards) * towards);
            if (const auto value = number(schema, exclusive))
                return static_cast<long long>((std::floor(*value * towards) + 1) * towards);
            return std::nullopt;
        };
        const auto lowest = limit("minimum", "exclusiveMinimum", +1);
        const auto highest = limit("maximum", "exclusiveMaximum", -1);
        const long long typing = lowest && highest ? 10 * std::max({std::llabs(*lowest), std::llabs(*highest), 1LL})
                                                   : INT_MAX;
        const int reach = static_cast<int>(std::min<long long>(typing, INT_MAX));
        spin->setRange(-reach, reach);
        spin->setStepLimits(lowest ? static_cast<int>(std::clamp<long long>(*lowest, -reach, reach)) : -reach,
                            highest ? static_cast<int>(std::clamp<long long>(*highest, -reach, reach)) : reach);
        QObject::connect(spin, &QSpinBox::valueChanged, spin, [edited](int value) { edited(value); });
        return spin;
    }
    case PropertyKind::Enum: {
        auto *combo = guarded(new QComboBox(parent));
        for (const auto &choice : schema["enum"])
            combo->addItem(valueText(choice));
        QObject::connect(combo, &QComboBox::currentIndexChanged, combo, [edited, choices = schema["enum"]](int row) {
            if (row >= 0)
                edited(choices[static_cast<std::size_t>(row)]);
        });
        return combo;
    }
    case PropertyKind::String: {
        auto *line = new QLineEdit(parent);
        QObject::connect(line, &QLineEdit::textEdited, line, [edited](const QString &text) { edited(text.toStdString()); });
        return line;
    }
    case PropertyKind::Boolean: {
        auto *box = new QCheckBox(parent);
        QObject::connect(box, &QCheckBox::toggled, box, [edited](bool on) { edited(on); });
        return box;
    }
    case PropertyKind::Constant: {
        auto *line = new QLineEdit(parent);
        line->setReadOnly(true);
        line->setFocusPolicy(Qt::NoFocus);
        // Read-only looks different from editable: the window colour instead of the base colour.
        QPalette palette = line->palette();
        palette.setColor(QPalette::Base, palette.color(QPalette::Window));
        line->setPalette(palette);
        return line;
    }
    case PropertyKind::EnumList: {
        const json &items = schema["items"];
        QStringList choices;
        for (const auto &choice : items["enum"])
            choices << valueText(choice);
        auto *list = new EnumListEdit(choices, parent);
        QObject::connect(list, &EnumListEdit::valuesChanged, list, [edited, list, choices = items["enum"]] {
            json values = json::array();
            for (const QString &text : list->values())
                for (const auto &choice : choices)
                    if (valueText(choice) == text) {
                        values.push_back(choice);
                        break;
                    }
            edited(std::move(values));
        });
        return list;
    }
    case PropertyKind::Object:
    case PropertyKind::Json:
        break;
    }
    // Anything the form has no dedicated editor for is edited as JSON text.
    auto *line = new QLineEdit(parent);
    QObject::connect(line, &QLineEdit::textEdited, line, [edited](const QString &text) {
        edited(json::parse(text.toStdString(), nullptr, false));
    });
    return line;
}

void showPropertyValue(QWidget *editor, PropertyKind kind, const json &schema, const json *value)
{
    const QSignalBlocker blocker(editor);
    switch (kind) {
    case PropertyKind::Number:
        if (value && value->is_number())
            static_cast<NumberSpinBox *>(editor)->setValue(value->get<double>());
        break;
    case PropertyKind::Integer:
        if (value && value->is_number())
            static_cast<IntegerSpinBox *>(editor)->setValue(
                static_cast<int>(std::clamp(value->get<double>(), double(INT_MIN), double(INT_MAX))));
        break;
    case PropertyKind::Enum: {
        const json &choices = schema["enum"];
        const auto found = value ? std::find(choices.begin(), choices.end(), *value) : choices.end();
        static_cast<QComboBox *>(editor)
            ->setCurrentIndex(found == choices.end() ? -1 : static_cast<int>(found - choices.begin()));
        break;
    }
    case PropertyKind::String:
        static_cast<QLineEdit *>(editor)
            ->setText(value && value->is_string() ? QString::fromStdString(value->get<std::string>()) : QString());
        break;
    case PropertyKind::Boolean:
        static_cast<QCheckBox *>(editor)->setChecked(value && value->is_boolean() && value->get<bool>());
        break;
    case PropertyKind::Constant:
        static_cast<QLineEdit *>(editor)->setText(valueText(value ? *value : schema["const"]));
        break;
    case PropertyKind::EnumList: {
        QStringList texts;
        if (value && value->is_array())
            for (const auto &item : *value)
                texts << valueText(item);
        static_cast<EnumListEdit *>(editor)->setValues(texts);
        break;
    }
    case PropertyKind::Json:
        static_cast<QLineEdit *>(editor)->setText(value ? QString::fromStdString(value->dump()) : QString());
        break;
    case PropertyKind::Object:
        break;
    }
}

} // namespace ui
