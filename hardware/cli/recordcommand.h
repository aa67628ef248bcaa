#pragma once

#include "core/cli/command.h"

namespace cli {

// `record`: a recording from any camera, headless. It lives in hardware/ because it opens cameras.
class RecordCommand final : public Command {
public:
    std::string name() const override { return "record"; }
    std::string summary() const override { return "Record frames from a camera into an HDF5 recording"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
