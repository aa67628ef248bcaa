#pragma once

#include "core/cli/command.h"

namespace cli {

// `convert IN OUT`: a table between Parquet, an HDF5 table group (FILE.h5::/path) and TSV/CSV.
class ConvertCommand final : public Command {
public:
    std::string name() const override { return "convert"; }
    std::string summary() const override { return "Convert a table between Parquet, HDF5 (FILE.h5::/path) and TSV/CSV"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
