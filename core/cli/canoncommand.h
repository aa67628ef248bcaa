#pragma once

#include "core/cli/command.h"

namespace cli {

class CanonCommand final : public Command {
public:
    std::string name() const override { return "canon"; }
    std::string summary() const override { return "Print a JSON file's RFC 8785 canonical form (the bytes that are hashed)"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
