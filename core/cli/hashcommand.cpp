#include "core/cli/hashcommand.h"

#include "core/cli/jsoninput.h"
#include "core/params/canonicaljson.h"
#include "core/params/schemaregistry.h"

#include <QtCore/QCommandLineParser>
#include <nlohmann/json.hpp>

#include <ostream>

namespace cli {

namespace {
const QCommandLineOption schemaOption(QStringLiteral("schema"),
                                      QStringLiteral("Validate against NAME (built-in, see `validate --list`) or a "
                                                     "schema file, and hash the document with its defaults filled."),
                                      QStringLiteral("NAME"));
} // namespace

void HashCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE.json"), QStringLiteral("The document; - reads standard input."));
    parser.addOption(schemaOption);
}

int HashCommand::run(const QCommandLineParser &parser, Output &output) const
{
    const std::string path = positional(parser, 0, 1, "FILE.json");
    nlohmann::json document = readJsonArgument(path);
    if (parser.isSet(schemaOption))
        params::loadSchema(parser.value(schemaOption).toStdString()).validateOrThrow(document, path);
    output.out << params::canonicalSha256(document) << "\n";
    return Success;
}

} // namespace cli
