#pragma once

#include "core/cli/command.h"

namespace cli {

// `genomics build --output OUT.h5 --experiments E.yaml --embeddings EMB.parquet ...` and
// `genomics query FILE.h5 bins|experiments|tracks|embeddings|overlay [options]` (docs: README, docs/formats.md).
class GenomicsCommand final : public Command {
public:
    std::string name() const override { return "genomics"; }
    std::string summary() const override { return "Build a genomic embedding store, or query one"; }
    void declare(QCommandLineParser &parser) const override;
    int run(const QCommandLineParser &parser, Output &output) const override;
};

} // namespace cli
