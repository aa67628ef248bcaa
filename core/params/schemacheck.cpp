#include "core/params/schemacheck.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <set>
#include <vector>

namespace params::detail {
namespace {

using nlohmann::json;
using Pointer = json::json_pointer;

// Annotations, which validation ignores (`format` included: it is not asserted), and the keywords whose value
// may be any JSON.
const std::set<std::string, std::less<>> anyValueKeywords = {
    "title", "description", "$schema", "$id", "$comment", "examples", "format", "default", "const",
};

const std::set<std::string, std::less<>> typeNames = {
    "object", "array", "string", "number", "integer", "boolean", "null",
};

std::string locationText(const Pointer &at)
{
    const std::string text = at.to_string();
    return text.empty() ? "/" : text;
}

class SchemaChecker {
public:
    SchemaChecker(const json &root, const std::string &name) : m_root(root), m_name(name) {}

    CompiledPatterns run()
    {
        checkSchema(m_root, Pointer());
        checkRefs();
        for (const json *node : m_walkOrder)
            findLoop(node, m_locations.at(node));
        return std::move(m_patterns);
    }

private:
    struct Ref {
        const json *owner;
        Pointer at;
        std::string target;
    };
    enum class Visit { InProgress, Done };

    [[noreturn]] void fail(const Pointer &at, const std::string &problem) const
    {
        throw core::Error(m_name + ": " + locationText(at) + ": " + problem);
    }

    void checkSchema(const json &schema, const Pointer &at)
    {
        if (!schema.is_object() && !schema.is_boolean())
            fail(at, std::string("a schema must be an object or a boolean, got ") + schema.type_name());
        m_locations.emplace(&schema, at);
        m_walkOrder.push_back(&schema);
        if (schema.is_object()) {
            for (const auto &[keyword, value] : schema.items())
                checkKeyword(schema, keyword, value, at / keyword);
        }
    }

    void checkKeyword(const json &schema, const std::string &keyword, const json &value, const Pointer &at)
    {
        if (anyValueKeywords.contains(keyword))
            return;
        if (keyword == "type")
            checkType(value, at);
        else if (keyword == "properties" || keyword == "$defs")
            checkSchemaMap(value, at);
        else if (keyword == "additionalProperties" || keyword == "items")
            checkSchema(value, at);
        else if (keyword == "oneOf" || keyword == "anyOf")
            checkSchemaArray(value, at);
        else if (keyword == "required")
            checkStringArray(value, at);
        else if (keyword == "enum")
            checkArray(value, at);
        else if (keyword == "minimum" || keyword == "maximum" || keyword == "exclusiveMinimum"
                 || keyword == "exclusiveMaximum")
            checkNumber(value, at);
        else if (keyword == "minLength" || keyword == "maxLength" || keyword == "minItems"
                 || keyword == "maxItems")
            checkCount(value, at);
        else if (keyword == "pattern")
            compilePattern(value, at);
        else if (keyword == "$ref")
            recordRef(schema, value, at);
        else
            fail(at, "unsupported keyword \"" + keyword + "\"");
    }

    void checkArray(const json &value, const Pointer &at) const
    {
        if (!value.is_array())
            fail(at, std::string("must be an array, got ") + value.type_name());
    }

    // Draft 2020-12 made exclusiveMinimum/exclusiveMaximum numbers; draft-04 booleans land here.
    void checkNumber(const json &value, const Pointer &at) const
    {
        if (!value.is_number())
            fail(at, std::string("must be a number, got ") + value.type_name());
    }

    void checkCount(const json &value, const Pointer &at) const
    {
        // Schemas built in code hold signed integers, parsed ones unsigned.
        if (!value.is_number_unsigned() && !(value.is_number_integer() && value.get<std::int64_t>() >= 0))
            fail(at, "must be a non-negative integer, got " + value.dump());
    }

    void recordRef(const json &schema, const json &value, const Pointer &at)
    {
        if (!value.is_string())
            fail(at, std::string("must be a string, got ") + value.type_name());
        m_refs.push_back({&schema, at, value.get<std::string>()});
    }

    void checkType(const json &value, const Pointer &at) const
    {
        const auto checkName = [&](const json &name, const Pointer &nameAt) {
            if (!name.is_string() || !typeNames.contains(name.get_ref<const std::string &>()))
                fail(nameAt, "unknown type " + name.dump());
        };
        if (!value.is_array()) {
            checkName(value, at);
            return;
        }
        if (value.empty())
            fail(at, "must list at least one type");
        for (std::size_t i = 0; i < value.size(); ++i)
            checkName(value[i], at / i);
    }

    void checkSchemaMap(const json &value, const Pointer &at)
    {
        if (!value.is_object())
            fail(at, "must be an object");
        for (const auto &[key, schema] : value.items())
            checkSchema(schema, at / key);
    }

    void checkSchemaArray(const json &value, const Pointer &at)
    {
        if (!value.is_array() || value.empty())
            fail(at, "must be a non-empty array of schemas");
        for (std::size_t i = 0; i < value.size(); ++i)
            checkSchema(value[i], at / i);
    }

    void checkStringArray(const json &value, const Pointer &at) const
    {
        if (!value.is_array())
            fail(at, "must be an array of strings");
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (!value[i].is_string())
                fail(at / i, "must be a string");
        }
    }

    void compilePattern(const json &value, const Pointer &at)
    {
        if (!value.is_string())
            fail(at, "must be a string");
        const auto &pattern = value.get_ref<const std::string &>();
        if (m_patterns.byPattern.contains(pattern))
            return;
        try {
            m_patterns.byPattern.emplace(pattern, std::regex(pattern, std::regex::ECMAScript));
        } catch (const std::regex_error &e) {
            fail(at, "invalid regular expression \"" + pattern + "\": " + e.what());
        }
    }

    // Only after the whole tree is walked is it known which locations are schemas; a $ref into data (a
    // default, an enum) or into a keyword's map would make unchecked JSON act as a schema.
    void checkRefs()
    {
        for (const Ref &ref : m_refs) {
            if (ref.target != "#" && !ref.target.starts_with("#/"))
                fail(ref.at, "only local $ref (\"#\" or \"#/...\") is supported, got \"" + ref.target + "\"");
            const json *target = resolveLocalRef(m_root, ref.target);
            if (!target)
                fail(ref.at, "$ref \"" + ref.target + "\" does not resolve");
            if (!m_locations.contains(target))
                fail(ref.at, "$ref \"" + ref.target + "\" does not point to a schema");
            m_refTargets.emplace(ref.owner, target);
        }
    }

    // $ref, oneOf and anyOf apply another schema to the same value; a cycle of them would never reach a leaf
    // of the document. `via` is where the edge into `node` was written, to blame the edge closing a cycle.
    void findLoop(const json *node, const Pointer &via)
    {
        const auto [it, inserted] = m_visits.emplace(node, Visit::InProgress);
        if (!inserted) {
            if (it->second == Visit::InProgress)
                fail(via, "$ref cycle: the schema would be applied to the same value forever");
            return;
        }
        const Pointer &at = m_locations.at(node);
        if (const auto ref = m_refTargets.find(node); ref != m_refTargets.end())
            findLoop(ref->second, at / "$ref");
        if (node->is_object()) {
            for (const char *keyword : {"oneOf", "anyOf"}) {
                if (const auto branches = node->find(keyword); branches != node->end()) {
                    for (std::size_t i = 0; i < branches->size(); ++i)
                        findLoop(&(*branches)[i], at / keyword / i);
                }
            }
        }
        it->second = Visit::Done;
    }

    const json &m_root;
    const std::string &m_name;
    std::map<const json *, Pointer> m_locations;
    std::vector<const json *> m_walkOrder; // so that the reported cycle does not depend on addresses
    std::vector<Ref> m_refs;
    std::map<const json *, const json *> m_refTargets;
    std::map<const json *, Visit> m_visits;
    CompiledPatterns m_patterns;
};

} // namespace

CompiledPatterns checkSchema(const nlohmann::json &schema, const std::string &name)
{
    return SchemaChecker(schema, name).run();
}

const nlohmann::json *resolveLocalRef(const nlohmann::json &root, std::string_view ref)
{
    if (ref == "#")
        return &root;
    if (!ref.starts_with("#/"))
        return nullptr;
    try {
        const Pointer pointer(std::string(ref.substr(1)));
        return root.contains(pointer) ? &root.at(pointer) : nullptr;
    } catch (const json::exception &) {
        return nullptr; // a malformed pointer ("~2") points nowhere
    }
}

} // namespace params::detail
