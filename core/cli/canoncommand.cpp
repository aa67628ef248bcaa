#include "core/cli/canoncommand.h"

#include "core/cli/jsoninput.h"
#include "core/params/canonicaljson.h"

#include <QtCore/QCommandLineParser>
#include <nlohmann/json.hpp>

#include <ostream>

namespace cli {

void CanonCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE.json"), QStringLiteral("The document; - reads standard input."));
}

int CanonCommand::run(const QCommandLineParser &parser, Output &output) const
{
    const nlohmann::json document = readJsonArgument(positional(parser, 0, 1, "FILE.json"));
    // Exactly the canonical bytes, without a trailing newline, so `canon F | sha256sum` equals `hash F`.
    output.out << params::canonicalJson(document);
    return Success;
}

} // namespace cli
