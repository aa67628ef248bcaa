#include "core/cli/recovercommand.h"

#include "core/acquisition/recordingrecovery.h"

#include <QtCore/QCommandLineParser>

#include <ostream>

namespace cli {

namespace {
const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the summary as JSON."));
const QCommandLineOption outOption(QStringLiteral("out"),
                                   QStringLiteral("Write the recovered recording here (default: the partial "
                                                  "file's name without .partial)."),
                                   QStringLiteral("FILE.h5"));
} // namespace

void RecoverCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("NAME.h5.partial"),
                                 QStringLiteral("The crashed recording; it is only read, never changed."));
    parser.addOption(outOption);
    parser.addOption(jsonOption);
}

int RecoverCommand::run(const QCommandLineParser &parser, Output &output) const
{
    const std::string partial = positional(parser, 0, 1, "NAME.h5.partial");
    std::optional<std::filesystem::path> target;
    if (parser.isSet(outOption))
        target = parser.value(outOption).toStdString();
    const nlohmann::json summary = acq::recoverRecording(partial, target);
    if (parser.isSet(jsonOption))
        output.out << summary.dump(2) << "\n";
    else
        output.out << summary["path"].get<std::string>() << ": recovered " << summary["frames"] << " frames from "
                   << partial << " (left unchanged; remove it once the result is checked)\n";
    return Success;
}

} // namespace cli
