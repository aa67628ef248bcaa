#pragma once

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace params {

namespace detail {
struct CompiledPatterns;
}

// One rule a document breaks, at a JSON pointer ("" is the root).
struct ValidationIssue {
    std::string pointer;
    std::string message;
    // "/monitor/refresh_hz: must be >= 1, got 0"; the root is written "/".
    std::string text() const;
};

// A document that does not satisfy its schema; what() lists every issue, one per line, each prefixed with
// the document's source name.
class SchemaError : public core::Error {
public:
    SchemaError(const std::string &source, std::vector<ValidationIssue> issues);
    const std::vector<ValidationIssue> &issues() const { return m_issues; }

private:
    std::vector<ValidationIssue> m_issues;
};

// A JSON Schema (draft 2020-12) restricted to the keywords Macroscope's schemas use: type, properties,
// required, additionalProperties, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
// minLength, maxLength, pattern, items, minItems, maxItems, default, $ref (local: "#", "#/$defs/..."), $defs,
// oneOf, anyOf. Annotations (title, description, $schema, $id, examples, $comment, and format, which is not
// asserted) are accepted and ignored.
// A keyword outside this set is rejected when the schema is loaded, so a schema never silently means less
// than it says.
class JsonSchema {
public:
    // Throws core::Error naming `name` when the schema uses an unsupported keyword or a dangling $ref.
    JsonSchema(nlohmann::json schema, std::string name);

    const std::string &name() const { return m_name; }
    const nlohmann::json &document() const { return m_schema; }

    // Validates `document` and fills in defaults for absent properties, so a document and the same document
    // with its defaults written out become equal. Returns every issue found (empty when valid).
    std::vector<ValidationIssue> validate(nlohmann::json &document) const;

    // validate(), throwing SchemaError (naming `source`) when there is any issue.
    void validateOrThrow(nlohmann::json &document, const std::string &source) const;

private:
    nlohmann::json m_schema;
    std::string m_name;
    // Every `pattern` compiled once when the schema is loaded (building a std::regex is costly); copies of the
    // schema share them, which is safe because matching does not modify a std::regex.
    std::shared_ptr<const detail::CompiledPatterns> m_patterns;
};

} // namespace params
