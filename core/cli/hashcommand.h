#pragma once

#include "core/cli/command.h"

namespace cli {

class HashCommand final : public Command {
public:
    std::string name() const override { return "hash"; }
    std::string summary() const override { return "Print the SHA-256 of a JSON file's canonical form, after schema defaults"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
