#pragma once

#include "core/cli/command.h"

namespace cli {

// The whole loop without a display or a camera: stimulus from the library, a simulated recording of all four
// directions, analysis, segmentation, PNGs of the maps, and how close the maps came to the simulator's truth.
class DemoCommand final : public Command {
public:
    std::string name() const override { return "demo"; }
    std::string summary() const override { return "Stimulus, simulated recording, analysis and maps, headless"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
