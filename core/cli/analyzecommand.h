#pragma once

#include "core/cli/command.h"

namespace cli {

class AnalyzeCommand final : public Command {
public:
    std::string name() const override { return "analyze"; }
    std::string summary() const override { return "Retinotopic maps and visual areas of a recording"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
