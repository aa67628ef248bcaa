#pragma once

#include "core/params/jsonschema.h"

#include <nlohmann/json.hpp>

#include <vector>

// Internal to JsonSchema: one validation pass over one document.
namespace params::detail {

struct CompiledPatterns;

// Applies a schema that checkSchema() accepted to a document, filling in defaults as it goes. Holds
// references only: `root` and `patterns` must outlive it.
class SchemaValidator {
public:
    SchemaValidator(const nlohmann::json &root, const CompiledPatterns &patterns);

    std::vector<ValidationIssue> validate(nlohmann::json &document) const;

private:
    using Pointer = nlohmann::json::json_pointer;
    using Issues = std::vector<ValidationIssue>;

    void apply(const nlohmann::json &schema, nlohmann::json &value, const Pointer &at, Issues &issues) const;
    void checkType(const nlohmann::json &types, const nlohmann::json &value, const Pointer &at,
                   Issues &issues) const;
    void checkValue(const nlohmann::json &schema, const nlohmann::json &value, const Pointer &at,
                    Issues &issues) const;
    void applyObject(const nlohmann::json &schema, nlohmann::json &value, const Pointer &at,
                     Issues &issues) const;
    void applyArray(const nlohmann::json &schema, nlohmann::json &value, const Pointer &at,
                    Issues &issues) const;
    void checkString(const nlohmann::json &schema, const nlohmann::json &value, const Pointer &at,
                     Issues &issues) const;
    void checkNumber(const nlohmann::json &schema, const nlohmann::json &value, const Pointer &at,
                     Issues &issues) const;
    void applyBranches(const nlohmann::json &schema, nlohmann::json &value, const Pointer &at,
                       Issues &issues) const;

    const nlohmann::json &resolve(const nlohmann::json &ref) const;
    const nlohmann::json *defaultOf(const nlohmann::json &schema) const;

    const nlohmann::json &m_root;
    const CompiledPatterns &m_patterns;
};

} // namespace params::detail
