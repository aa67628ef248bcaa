#include "ui/params/schematext.h"

#include "core/params/canonicaljson.h"

#include <nlohmann/json.hpp>

#include <QtCore/QStringList>

#include <map>

namespace ui {

namespace {

// Unit words as they end Macroscope's property names, and how a label prints them.
const std::map<std::string, QString> &units()
{
    static const std::map<std::string, QString> table{
        {"deg", QStringLiteral("deg")}, {"rad", QStringLiteral("rad")}, {"px", QStringLiteral("px")},
        {"cm", QStringLiteral("cm")},   {"mm", QStringLiteral("mm")},   {"um", QStringLiteral("µm")},
        {"s", QStringLiteral("s")},     {"ms", QStringLiteral("ms")},   {"us", QStringLiteral("µs")},
        {"ns", QStringLiteral("ns")},   {"hz", QStringLiteral("Hz")},   {"khz", QStringLiteral("kHz")},
        {"pct", QStringLiteral("%")}};
    return table;
}

bool isUnit(const std::string &word)
{
    return units().count(word) > 0;
}

QString valueText(const nlohmann::json &value)
{
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    if (value.is_number_float())
        return QString::fromStdString(params::ecmaScriptNumber(value.get<double>()));
    return QString::fromStdString(value.dump());
}

QString rangeText(const nlohmann::json &schema)
{
    QStringList parts;
    const auto bound = [&](const char *keyword, const QString &relation) {
        if (const auto limit = schema.find(keyword); limit != schema.end() && limit->is_number())
            parts << relation + QLatin1Char(' ') + valueText(*limit);
    };
    bound("minimum", QStringLiteral("≥"));
    bound("exclusiveMinimum", QStringLiteral(">"));
    bound("maximum", QStringLiteral("≤"));
    bound("exclusiveMaximum", QStringLiteral("<"));
    if (schema.contains("minimum") && schema.contains("maximum"))
        return QStringLiteral("%1 to %2").arg(valueText(schema["minimum"]), valueText(schema["maximum"]));
    return parts.join(QStringLiteral(" and "));
}

} // namespace

QString readableName(const std::string &propertyName)
{
    std::vector<std::string> words;
    for (std::size_t start = 0; start <= propertyName.size();) {
        const std::size_t end = std::min(propertyName.find('_', start), propertyName.size());
        if (end > start)
            words.push_back(propertyName.substr(start, end - start));
        start = end + 1;
    }
    QString unit;
    const std::size_t n = words.size();
    if (n >= 4 && isUnit(words[n - 3]) && words[n - 2] == "per" && isUnit(words[n - 1])) {
        unit = units().at(words[n - 3]) + QLatin1Char('/') + units().at(words[n - 1]);
        words.resize(n - 3);
    } else if (n >= 2 && isUnit(words[n - 1])) {
        unit = units().at(words[n - 1]);
        words.pop_back();
    }
    QStringList text;
    for (const std::string &word : words)
        text << QString::fromStdString(word);
    QString label = text.join(QLatin1Char(' '));
    if (!label.isEmpty())
        label[0] = label[0].toUpper();
    return unit.isEmpty() ? label : label + QStringLiteral(" (") + unit + QLatin1Char(')');
}

QString propertyLabel(const std::string &propertyName, const nlohmann::json &schema)
{
    if (const auto title = schema.find("title"); title != schema.end() && title->is_string())
        return QString::fromStdString(title->get<std::string>());
    return readableName(propertyName);
}

QString propertyToolTip(const nlohmann::json &schema)
{
    QStringList lines;
    if (const auto description = schema.find("description"); description != schema.end() && description->is_string())
        lines << QString::fromStdString(description->get<std::string>());
    if (const QString range = rangeText(schema); !range.isEmpty())
        lines << QStringLiteral("Range: ") + range;
    if (const auto choices = schema.find("enum"); choices != schema.end() && choices->is_array()) {
        QStringList texts;
        for (const auto &choice : *choices)
            texts << valueText(choice);
        lines << QStringLiteral("One of: ") + texts.join(QStringLiteral(", "));
    }
    if (const auto fallback = schema.find("default"); fallback != schema.end() && !fallback->is_object()) {
        if (fallback->is_array()) {
            QStringList texts;
            for (const auto &item : *fallback)
                texts << valueText(item);
            lines << QStringLiteral("Default: ") + texts.join(QStringLiteral(", "));
        } else {
            lines << QStringLiteral("Default: ") + valueText(*fallback);
        }
    }
    if (lines.isEmpty())
        return {};
    // Rich text, because Qt word-wraps rich tooltips; a plain one would be a single screen-wide line.
    for (QString &line : lines)
        line = QStringLiteral("<p>") + line.toHtmlEscaped() + QStringLiteral("</p>");
    return lines.join(QString());
}

} // namespace ui
