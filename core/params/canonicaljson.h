#pragma once

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace params {

// RFC 8785 (JSON Canonicalization Scheme): keys sorted by UTF-16 code units, numbers as IEEE 754 doubles
// printed the way ECMAScript's Number.prototype.toString does, minimal string escapes, no white space.
// Parameters become dataset identities through this: sha256(canonicalJson(params)).
std::string canonicalJson(const nlohmann::json &value);

// ECMAScript Number::toString(v) for a finite double: "1e+21", "1e-7", "4.5", "1" for 1.0, "0" for -0.
// Throws core::Error for NaN and infinities, which JSON cannot carry.
std::string ecmaScriptNumber(double value);

// Lower-case hex SHA-256 of canonicalJson(value).
std::string canonicalSha256(const nlohmann::json &value);

} // namespace params
