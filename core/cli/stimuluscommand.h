#pragma once

#include "core/cli/command.h"

namespace cli {

class StimulusCommand final : public Command {
public:
    std::string name() const override { return "stimulus"; }
    std::string summary() const override { return "Generate, verify, list and prune stimuli in the stimulus library"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
