#pragma once

#include "core/cli/command.h"

namespace cli {

class ValidateCommand final : public Command {
public:
    std::string name() const override { return "validate"; }
    std::string summary() const override { return "Check a JSON document against a schema; print it with defaults filled"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
