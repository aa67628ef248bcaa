#pragma once

#include "core/cli/command.h"

namespace cli {

class RecoverCommand final : public Command {
public:
    std::string name() const override { return "recover"; }
    std::string summary() const override { return "Salvage a crashed recording's NAME.h5.partial into NAME.h5"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
