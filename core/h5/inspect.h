#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <filesystem>

namespace h5 {

struct InspectOptions {
    std::size_t maxArrayElements = 8; // longer attribute arrays are cut to this many, per dimension
    std::size_t maxStringLength = 80; // longer strings are cut and end in "…"
};

// Describes every object of any HDF5 file without reading dataset contents: groups, datasets (dtype, shape,
// maximum shape, chunk shape, filters, stored size), named datatypes, soft and external links (never
// followed) and the attributes of each, with long values shortened. The layout is
// schemas/inspect.schema.json. A file that cannot be read throws h5::Error naming it and the reason.
nlohmann::json inspectFile(const std::filesystem::path &path, const InspectOptions &options = {});

} // namespace h5
