#pragma once

#include "core/cli/command.h"

namespace cli {

class InspectCommand final : public Command {
public:
    std::string name() const override { return "inspect"; }
    std::string summary() const override { return "List every object of an HDF5 file: types, shapes, chunks, filters, attributes"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
