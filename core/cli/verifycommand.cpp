#include "core/cli/verifycommand.h"

#include "core/acquisition/recordingcheck.h"

#include <QtCore/QCommandLineParser>

#include <ostream>

namespace cli {

namespace {
const QCommandLineOption jsonOption(QStringLiteral("json"),
                                    QStringLiteral("Print the summary and the problems as JSON."));
} // namespace

void VerifyCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE.h5"), QStringLiteral("The recording."));
    parser.addOption(jsonOption);
}

int VerifyCommand::run(const QCommandLineParser &parser, Output &output) const
{
    const acq::RecordingCheck check = acq::checkRecording(positional(parser, 0, 1, "FILE.h5"));
    if (parser.isSet(jsonOption))
        output.out << check.summary.dump(2) << "\n";
    for (const std::string &problem : check.problems)
        output.err << problem << "\n";
    if (!check.ok())
        return Failure;
    if (!parser.isSet(jsonOption)) {
        const auto &s = check.summary;
        output.out << s["path"].get<std::string>() << ": ok, " << s.value("frames", 0) << " frames of "
                   << s.value("width", 0) << "x" << s.value("height", 0) << ", " << s.value("dropped", 0)
                   << " dropped, " << s.value("seconds", 0.0) << " s"
                   << (s.value("recovered", false) ? ", recovered after a crash" : "") << "\n";
    }
    return Success;
}

} // namespace cli
