#pragma once

#include "core/cli/command.h"

namespace cli {

// `parquet schema FILE.parquet [--json]` and `parquet cat FILE.parquet [--json] [--columns a,b] [--limit N]`.
class ParquetCommand final : public Command {
public:
    std::string name() const override { return "parquet"; }
    std::string summary() const override { return "Show a Parquet file's schema or print its rows"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
