#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace cli {

// A JSON document named on the command line: a path, or "-" for standard input.
nlohmann::json readJsonArgument(const std::string &path);

} // namespace cli
