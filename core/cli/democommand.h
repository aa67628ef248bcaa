#pragma once

#include "core/cli/command.h"

namespace cli {

class DemoCommand final : public Command {
public:
    std::string name() const override { return "demo"; }
    std::string summary() const override { return "Run the headless demonstration: write, inspect and hash real files"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
