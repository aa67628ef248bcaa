#include "core/cli/validatecommand.h"

#include "core/cli/jsoninput.h"
#include "core/params/schemaregistry.h"

#include <QtCore/QCommandLineParser>
#include <nlohmann/json.hpp>

#include <ostream>

namespace cli {

namespace {
const QCommandLineOption schemaOption(QStringLiteral("schema"),
                                      QStringLiteral("A built-in schema's NAME, or a schema file."),
                                      QStringLiteral("NAME"));
const QCommandLineOption listOption(QStringLiteral("list"), QStringLiteral("List the built-in schemas."));
const QCommandLineOption showOption(QStringLiteral("show"), QStringLiteral("Print the schema itself."));
const QCommandLineOption printOption(QStringLiteral("print"),
                                     QStringLiteral("Print the valid document with its defaults filled."));
} // namespace

void ValidateCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE.json"), QStringLiteral("The document; - reads standard input."));
    parser.addOptions({schemaOption, listOption, showOption, printOption});
}

int ValidateCommand::run(const QCommandLineParser &parser, Output &output) const
{
    if (parser.isSet(listOption)) {
        rejectPositionals(parser);
        for (const auto &name : params::builtinSchemaNames())
            output.out << name << "\n";
        return Success;
    }
    if (!parser.isSet(schemaOption))
        throw UsageProblem("--schema NAME is required");
    const params::JsonSchema schema = params::loadSchema(parser.value(schemaOption).toStdString());
    if (parser.isSet(showOption)) {
        rejectPositionals(parser);
        output.out << schema.document().dump(2) << "\n";
        return Success;
    }
    const std::string path = positional(parser, 0, 1, "FILE.json");
    nlohmann::json document = readJsonArgument(path);
    const auto issues = schema.validate(document);
    for (const auto &issue : issues)
        output.err << path << ": " << issue.text() << "\n";
    if (!issues.empty())
        return Failure;
    if (parser.isSet(printOption))
        output.out << document.dump(2) << "\n";
    else
        output.err << path << ": valid against " << schema.name() << "\n";
    return Success;
}

} // namespace cli
