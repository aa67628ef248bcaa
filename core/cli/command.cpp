#include "core/cli/command.h"

#include <QtCore/QCommandLineOption>
#include <QtCore/QCommandLineParser>

#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif

#include <cstdio>

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

std::string optionName(const QCommandLineOption &option)
{
    return "--" + option.names().constFirst().toStdString();
}

std::vector<std::string> nameList(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    std::vector<std::string> names;
    for (const QString &name : parser.value(option).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!name.trimmed().isEmpty())
            names.push_back(name.trimmed().toStdString());
    if (names.empty())
        throw UsageProblem(optionName(option) + " needs at least one name");
    return names;
}

bool standardErrorIsTerminal()
{
#ifdef _WIN32
    return ::_isatty(::_fileno(stderr));
#else
    return ::isatty(STDERR_FILENO);
#endif
}

} // namespace cli
