#pragma once

#include "core/cli/command.h"

#include <QtCore/QStringList>

#include <memory>
#include <string>
#include <vector>

namespace cli {

// The subcommands of one executable, and the dispatch from its arguments to one of them. Commands are
// registered explicitly by the executable (no static registration, which static libraries can drop).
class CommandRegistry {
public:
    explicit CommandRegistry(std::string program) : m_program(std::move(program)) {}

    void add(std::unique_ptr<Command> command);

    // `arguments` as QCoreApplication::arguments() gives them: the program first. Handles --help,
    // --version, `help COMMAND` and unknown commands; returns the exit code.
    int run(const QStringList &arguments, Output &output) const;

private:
    const Command *find(const std::string &name) const;
    std::string usage() const;
    int runCommand(const Command &command, const QStringList &arguments, Output &output) const;

    std::string m_program;
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace cli
