#include "core/params/jsonschema.h"

#include "core/params/schemacheck.h"
#include "core/params/schemavalidator.h"

namespace params {
namespace {

std::string describe(const std::string &source, const std::vector<ValidationIssue> &issues)
{
    std::string text;
    for (const ValidationIssue &issue : issues)
        text += (text.empty() ? "" : "\n") + source + ": " + issue.text();
    return text;
}

} // namespace

std::string ValidationIssue::text() const
{
    return (pointer.empty() ? "/" : pointer) + ": " + message;
}

SchemaError::SchemaError(const std::string &source, std::vector<ValidationIssue> issues)
    : core::Error(describe(source, issues)), m_issues(std::move(issues))
{
}

JsonSchema::JsonSchema(nlohmann::json schema, std::string name)
    : m_schema(std::move(schema)),
      m_name(std::move(name)),
      m_patterns(std::make_shared<const detail::CompiledPatterns>(detail::checkSchema(m_schema, m_name)))
{
}

std::vector<ValidationIssue> JsonSchema::validate(nlohmann::json &document) const
{
    return detail::SchemaValidator(m_schema, *m_patterns).validate(document);
}

void JsonSchema::validateOrThrow(nlohmann::json &document, const std::string &source) const
{
    std::vector<ValidationIssue> issues = validate(document);
    if (!issues.empty())
        throw SchemaError(source, std::move(issues));
}

} // namespace params
