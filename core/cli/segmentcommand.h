#pragma once

#include "core/cli/command.h"

namespace cli {

class SegmentCommand final : public Command {
public:
    std::string name() const override { return "segment"; }
    std::string summary() const override { return "Segment visual areas from altitude and azimuth maps (Allen method)"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
