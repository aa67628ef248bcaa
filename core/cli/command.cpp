#include "core/cli/command.h"

#include <QtCore/QCommandLineParser>

namespace cli {

void rejectPositionals(const QCommandLineParser &parser)
{
    const QStringList arguments = parser.positionalArguments();
    if (!arguments.isEmpty())
        throw UsageProblem("unexpected argument '" + arguments.first().toStdString() + "'");
}

std::string positional(const QCommandLineParser &parser, int index, int count, const char *what)
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.size() > count)
        throw UsageProblem("unexpected argument '" + arguments.at(count).toStdString() + "'");
    if (index >= arguments.size())
        throw UsageProblem(std::string("missing ") + what);
    return arguments.at(index).toStdString();
}

} // namespace cli
