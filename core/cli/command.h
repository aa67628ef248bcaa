#pragma once

#include "core/error.h"

#include <iosfwd>
#include <string>

#include <vector>

class QCommandLineOption;
class QCommandLineParser;

namespace cli {

// Exit codes every subcommand uses: the same as Python's argparse, which our users' scripts expect.
enum ExitCode : int { Success = 0, Failure = 1, UsageError = 2 };

// Where a command writes: results scripts read go to `out` (JSON where asked), messages to `err`. Tests run
// commands in-process with string streams.
struct Output {
    std::ostream &out;
    std::ostream &err;
};

// Bad arguments found after parsing (a missing positional, an invalid value): exit code 2 with the usage.
class UsageProblem : public core::Error {
public:
    using core::Error::Error;
};

// One subcommand of macroscope-cli. It declares its options and positional arguments on a
// QCommandLineParser, so that parsing, --help and errors are alike for every command. A failure is thrown
// as core::Error (exit 1, its message on one line of stderr) or UsageProblem (exit 2).
class Command {
public:
    virtual ~Command() = default;

    virtual std::string name() const = 0;
    virtual std::string summary() const = 0;
    virtual void declare(QCommandLineParser &parser) const = 0;
    virtual int run(const QCommandLineParser &parser, Output &output) const = 0;
};

// The positional argument at `index`, or UsageProblem naming it (`what`) when absent. Extra positional
// arguments beyond `count` are a UsageProblem too.
std::string positional(const QCommandLineParser &parser, int index, int count, const char *what);

// "--name": how messages name an option.
std::string optionName(const QCommandLineOption &option);

// The comma-separated names an option was given ("PCA1, PCA2" → {"PCA1", "PCA2"}); none is a UsageProblem
// naming the option.
std::vector<std::string> nameList(const QCommandLineParser &parser, const QCommandLineOption &option);

// For commands that take no positional argument: any is a UsageProblem.
void rejectPositionals(const QCommandLineParser &parser);

// Whether standard error is a terminal, where a progress line rewritten in place is welcome; in a log file or
// a pipe it would only be noise.
bool standardErrorIsTerminal();

} // namespace cli
