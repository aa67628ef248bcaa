#pragma once

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <regex>
#include <string>
#include <string_view>

// Internal to JsonSchema: what is decided once, when a schema is loaded.
namespace params::detail {

// Each distinct `pattern` of a schema, compiled as ECMAScript.
struct CompiledPatterns {
    std::map<std::string, std::regex, std::less<>> byPattern;
};

// Checks that `schema` uses only the supported keywords with well-formed values, that every $ref resolves to
// a schema, and that no chain of $ref/oneOf/anyOf loops back on itself (validation would never end).
// Throws core::Error "NAME: /location/of/keyword: problem". Returns the compiled patterns.
CompiledPatterns checkSchema(const nlohmann::json &schema, const std::string &name);

// The schema `ref` ("#" or "#/json/pointer") points to inside `root`, or nullptr when it points nowhere.
const nlohmann::json *resolveLocalRef(const nlohmann::json &root, std::string_view ref);

} // namespace params::detail
