#pragma once

#include "core/cli/command.h"

namespace cli {

class VerifyCommand final : public Command {
public:
    std::string name() const override { return "verify"; }
    std::string summary() const override { return "Check a recording: schema, completeness, counts, timestamps"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
