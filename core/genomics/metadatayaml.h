#pragma once

#include "core/h5/table.h"

#include <filesystem>

namespace genomics {

// A YAML list of mappings as a table, one row per mapping (what pandas.DataFrame(yaml.safe_load(f)) makes):
// columns in the order keys first appear; a column is int64, double or bool when every present value is one
// (int64 and double mixing to double), else string (numbers kept as written); a key a mapping lacks is null.
// Plain scalars resolve as PyYAML's safe_load resolves them (yes/no/on/off are booleans, "1e3" is text),
// except that integers are decimal only: "0123" and "0x1F" stay text, as identifiers written so mean to.
// Merge keys ("<<: *defaults") are resolved as PyYAML resolves them; an empty file is a table without rows.
// Throws core::Error naming the file (and line, for YAML syntax errors) when it is not a list of mappings of
// scalars, or an item gives a key twice.
h5::Table readMetadataYaml(const std::filesystem::path &path);

} // namespace genomics
