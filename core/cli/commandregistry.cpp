#include "core/cli/commandregistry.h"

#include "core/buildinfo.h"

#include <QtCore/QCommandLineParser>

#include <algorithm>
#include <ostream>

namespace cli {

namespace {

// Levenshtein distance, for "did you mean" on a mistyped command.
std::size_t editDistance(const std::string &a, const std::string &b)
{
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

} // namespace

void CommandRegistry::add(std::unique_ptr<Command> command)
{
    m_commands.push_back(std::move(command));
}

const Command *CommandRegistry::find(const std::string &name) const
{
    for (const auto &command : m_commands)
        if (command->name() == name)
            return command.get();
    return nullptr;
}

std::string CommandRegistry::usage() const
{
    std::string text = "Usage: " + m_program + " COMMAND [options] [arguments]\n\n"
                       "Macroscope " + core::version() + " on the command line: HDF5 files, parameters, "
                       "stimuli, recordings and maps.\n\nCommands:\n";
    std::size_t width = 0;
    for (const auto &command : m_commands)
        width = std::max(width, command->name().size());
    for (const auto &command : m_commands)
        text += "  " + command->name() + std::string(width + 3 - command->name().size(), ' ') + command->summary() + "\n";
    text += "\nRun '" + m_program + " COMMAND --help' for a command's options.\n"
            "Exit codes: 0 success, 1 failure (the reason on stderr), 2 usage error.\n";
    return text;
}

int CommandRegistry::run(const QStringList &arguments, Output &output) const
{
    if (arguments.size() < 2) {
        output.err << usage();
        return UsageError;
    }
    const std::string first = arguments.at(1).toStdString();
    if (first == "-h" || first == "--help" || (first == "help" && arguments.size() == 2)) {
        output.out << usage();
        return Success;
    }
    if (first == "--version") {
        output.out << m_program << " " << core::version() << "\n";
        return Success;
    }
    if (first == "help") {
        const std::string name = arguments.at(2).toStdString();
        if (const Command *command = find(name))
            return runCommand(*command, {arguments.at(0), arguments.at(2), QStringLiteral("--help")}, output);
    }
    const std::string name = first == "help" ? arguments.at(2).toStdString() : first;
    const Command *command = find(name);
    if (!command) {
        output.err << m_program << ": unknown command '" << name << "'";
        const Command *closest = nullptr;
        std::size_t best = 3; // suggest only near misses
        for (const auto &candidate : m_commands) {
            const std::size_t distance = editDistance(name, candidate->name());
            if (distance < best) {
                best = distance;
                closest = candidate.get();
            }
        }
        if (closest)
            output.err << "; did you mean '" << closest->name() << "'?";
        output.err << "\nRun '" << m_program << " --help' for the list of commands.\n";
        return UsageError;
    }
    return runCommand(*command, arguments, output);
}

int CommandRegistry::runCommand(const Command &command, const QStringList &arguments, Output &output) const
{
    const std::string prefix = m_program + " " + command.name();
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromStdString(command.summary()));
    const QCommandLineOption helpOption = parser.addHelpOption();
    command.declare(parser);

    QStringList commandArguments = arguments.mid(2);
    commandArguments.prepend(QString::fromStdString(prefix));
    const auto usageLine = [&] {
        // helpText() starts "Usage: <program> [options] ..."; name the subcommand instead of the binary.
        QString help = parser.helpText();
        const qsizetype end = help.indexOf(QLatin1Char('\n'));
        QString first = help.left(end);
        const qsizetype options = first.indexOf(QStringLiteral(" [options]"));
        first = QStringLiteral("Usage: ") + QString::fromStdString(prefix) + (options >= 0 ? first.mid(options) : QString());
        return std::make_pair(first.toStdString(), help.mid(end).toStdString());
    };

    if (!parser.parse(commandArguments)) {
        output.err << prefix << ": " << parser.errorText().toStdString() << "\n" << usageLine().first << "\n";
        return UsageError;
    }
    if (parser.isSet(helpOption)) {
        const auto [first, rest] = usageLine();
        output.out << first << rest;
        return Success;
    }
    try {
        return command.run(parser, output);
    } catch (const UsageProblem &problem) {
        output.err << prefix << ": " << problem.what() << "\n" << usageLine().first << "\n";
        return UsageError;
    } catch (const std::exception &error) {
        output.err << prefix << ": " << error.what() << "\n";
        return Failure;
    }
}

} // namespace cli
