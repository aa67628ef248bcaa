#pragma once

#include "core/params/jsonschema.h"

#include <string>
#include <vector>

namespace params {

// The schemas compiled into the binaries from schemas/ (Qt resources ":/schemas/NAME.schema.json").
std::vector<std::string> builtinSchemaNames();

// Throws core::Error listing the known names when `name` is not built in.
JsonSchema builtinSchema(const std::string &name);

// A built-in schema by name ("stimulus"), or a schema file by path (anything ending in ".json").
JsonSchema loadSchema(const std::string &nameOrPath);

} // namespace params
