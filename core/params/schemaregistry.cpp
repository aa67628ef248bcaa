#include "core/params/schemaregistry.h"

#include "core/params/jsontext.h"

#include <QDir>
#include <QFile>

#include <algorithm>

namespace params {
namespace {

const QString resourceDir = QStringLiteral(":/schemas");
const QString schemaSuffix = QStringLiteral(".schema.json");

QString resourcePath(const std::string &name)
{
    return resourceDir + u'/' + QString::fromStdString(name) + schemaSuffix;
}

std::string knownNames()
{
    std::string text;
    for (const std::string &name : builtinSchemaNames())
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

} // namespace

std::vector<std::string> builtinSchemaNames()
{
    std::vector<std::string> names;
    for (const QString &file : QDir(resourceDir).entryList({QStringLiteral("*") + schemaSuffix}, QDir::Files))
        names.push_back(file.chopped(schemaSuffix.size()).toStdString());
    std::sort(names.begin(), names.end());
    return names;
}

JsonSchema builtinSchema(const std::string &name)
{
    QFile file(resourcePath(name));
    // A name with a slash could otherwise reach a resource outside :/schemas.
    if (name.find('/') != std::string::npos || !file.open(QIODevice::ReadOnly))
        throw core::Error("unknown schema \"" + name + "\" (built-in schemas: " + knownNames() + ")");
    const QByteArray text = file.readAll();
    return JsonSchema(parseJson(std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
                                resourcePath(name).toStdString()),
                      name);
}

JsonSchema loadSchema(const std::string &nameOrPath)
{
    if (!nameOrPath.ends_with(".json"))
        return builtinSchema(nameOrPath);
    return JsonSchema(readJsonFile(nameOrPath), nameOrPath);
}

} // namespace params
