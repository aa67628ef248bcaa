#include "core/params/schemavalidator.h"

#include "core/params/canonicaljson.h"

#include "core/params/schemacheck.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>

namespace params::detail {
namespace {

using nlohmann::json;

// JSON Schema counts 1.0 as an integer: the data model has numbers, not int and double.
bool isIntegral(const json &value)
{
    if (value.is_number_integer())
        return true;
    if (!value.is_number_float())
        return false;
    const double number = value.get<double>();
    return std::isfinite(number) && std::trunc(number) == number;
}

std::string typeName(const json &value)
{
    if (value.is_number())
        return isIntegral(value) ? "integer" : "number";
    return value.type_name();
}

bool hasType(const json &value, const std::string &type)
{
    if (type == "integer")
        return isIntegral(value);
    if (type == "number")
        return value.is_number();
    return !value.is_number() && type == value.type_name();
}

// Integers exactly as written (even beyond 2^53) and other numbers as the canonical form prints them
// ("1.5", "1e-7", "1" for 1.0), so a message shows the number the user means.
std::string formatNumber(const json &number)
{
    if (number.is_number_unsigned())
        return std::to_string(number.get<std::uint64_t>());
    if (number.is_number_integer())
        return std::to_string(number.get<std::int64_t>());
    return ecmaScriptNumber(number.get<double>());
}

// Compact JSON with the numbers of formatNumber().
std::string formatValue(const json &value)
{
    if (value.is_number())
        return formatNumber(value);
    if (value.is_array() || value.is_object()) {
        std::string text = value.is_array() ? "[" : "{";
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (it != value.begin())
                text += ',';
            if (value.is_object())
                text += json(it.key()).dump() + ':';
            text += formatValue(it.value());
        }
        return text + (value.is_array() ? "]" : "}");
    }
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string joined(const std::vector<std::string> &parts)
{
    std::string text;
    for (const std::string &part : parts)
        text += (text.empty() ? "" : ", ") + part;
    return text;
}

// <0, 0 or >0 as a is less than, equal to or greater than b; exact for integers beyond 2^53.
int compareNumbers(const json &a, const json &b)
{
    const auto order = [](auto x, auto y) { return std::cmp_less(x, y) ? -1 : std::cmp_equal(x, y) ? 0 : 1; };
    if (a.is_number_integer() && b.is_number_integer()) {
        if (a.is_number_unsigned())
            return b.is_number_unsigned() ? order(a.get<std::uint64_t>(), b.get<std::uint64_t>())
                                          : order(a.get<std::uint64_t>(), b.get<std::int64_t>());
        return b.is_number_unsigned() ? order(a.get<std::int64_t>(), b.get<std::uint64_t>())
                                      : order(a.get<std::int64_t>(), b.get<std::int64_t>());
    }
    const double x = a.get<double>();
    const double y = b.get<double>();
    return x < y ? -1 : x == y ? 0 : 1;
}

std::size_t codePoints(const std::string &utf8)
{
    return static_cast<std::size_t>(
        std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

struct Bound {
    const char *keyword;
    const char *relation;
    bool (*holds)(int order);
};

const Bound bounds[] = {
    {"minimum", ">=", [](int order) { return order >= 0; }},
    {"maximum", "<=", [](int order) { return order <= 0; }},
    {"exclusiveMinimum", ">", [](int order) { return order > 0; }},
    {"exclusiveMaximum", "<", [](int order) { return order < 0; }},
};

} // namespace

SchemaValidator::SchemaValidator(const json &root, const CompiledPatterns &patterns)
    : m_root(root), m_patterns(patterns)
{
}

std::vector<ValidationIssue> SchemaValidator::validate(json &document) const
{
    Issues issues;
    apply(m_root, document, Pointer(), issues);
    return issues;
}

void SchemaValidator::apply(const json &schema, json &value, const Pointer &at, Issues &issues) const
{
    if (schema.is_boolean()) {
        if (!schema.get<bool>())
            issues.push_back({at.to_string(), "is not allowed"});
        return;
    }
    if (const auto ref = schema.find("$ref"); ref != schema.end())
        apply(resolve(*ref), value, at, issues);
    if (const auto types = schema.find("type"); types != schema.end())
        checkType(*types, value, at, issues);
    checkValue(schema, value, at, issues);
    if (value.is_object())
        applyObject(schema, value, at, issues);
    else if (value.is_array())
        applyArray(schema, value, at, issues);
    else if (value.is_string())
        checkString(schema, value, at, issues);
    else if (value.is_number())
        checkNumber(schema, value, at, issues);
    applyBranches(schema, value, at, issues);
}

void SchemaValidator::checkType(const json &types, const json &value, const Pointer &at, Issues &issues) const
{
    if (types.is_string()) {
        const auto &type = types.get_ref<const std::string &>();
        if (!hasType(value, type))
            issues.push_back({at.to_string(), "must be " + type + ", got " + typeName(value)});
        return;
    }
    std::vector<std::string> names;
    for (const json &type : types) {
        names.push_back(type.get<std::string>());
        if (hasType(value, names.back()))
            return;
    }
    const std::string expected = names.size() == 1 ? names.front() : "one of types [" + joined(names) + "]";
    issues.push_back({at.to_string(), "must be " + expected + ", got " + typeName(value)});
}

void SchemaValidator::checkValue(const json &schema, const json &value, const Pointer &at, Issues &issues) const
{
    if (const auto allowed = schema.find("enum"); allowed != schema.end()
        && std::find(allowed->begin(), allowed->end(), value) == allowed->end()) {
        std::vector<std::string> choices;
        for (const json &choice : *allowed)
            choices.push_back(formatValue(choice));
        issues.push_back({at.to_string(), "must be one of [" + joined(choices) + "], got " + formatValue(value)});
    }
    if (const auto only = schema.find("const"); only != schema.end() && *only != value)
        issues.push_back({at.to_string(), "must be " + formatValue(*only) + ", got " + formatValue(value)});
}

void SchemaValidator::applyObject(const json &schema, json &value, const Pointer &at, Issues &issues) const
{
    const auto properties = schema.find("properties");
    const bool hasProperties = properties != schema.end();
    const auto required = schema.find("required");
    const auto isRequired = [&](const std::string &name) {
        return required != schema.end() && std::find(required->begin(), required->end(), name) != required->end();
    };

    // A required property is reported even when it has a default: the user has to say it.
    if (hasProperties) {
        for (auto it = properties->begin(); it != properties->end(); ++it) {
            const std::string &name = it.key();
            if (const auto present = value.find(name); present != value.end())
                apply(it.value(), *present, at / name, issues);
            else if (isRequired(name))
                issues.push_back({(at / name).to_string(), "required property is missing"});
            else if (const json *fallback = defaultOf(it.value()))
                apply(it.value(), value[name] = *fallback, at / name, issues);
        }
    }
    if (required != schema.end()) {
        for (const json &name : *required) {
            const auto &key = name.get_ref<const std::string &>();
            if (!(hasProperties && properties->contains(key)) && !value.contains(key))
                issues.push_back({(at / key).to_string(), "required property is missing"});
        }
    }
    if (const auto extra = schema.find("additionalProperties"); extra != schema.end()) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (hasProperties && properties->contains(it.key()))
                continue;
            if (extra->is_boolean() && !extra->get<bool>())
                issues.push_back({(at / it.key()).to_string(), "property is not allowed"});
            else
                apply(*extra, it.value(), at / it.key(), issues);
        }
    }
}

void SchemaValidator::applyArray(const json &schema, json &value, const Pointer &at, Issues &issues) const
{
    if (const auto items = schema.find("items"); items != schema.end()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            apply(*items, value[i], at / i, issues);
    }
    if (const auto least = schema.find("minItems"); least != schema.end() && value.size() < least->get<std::size_t>())
        issues.push_back({at.to_string(), "must have at least " + formatNumber(*least) + " items, got "
                                              + std::to_string(value.size())});
    if (const auto most = schema.find("maxItems"); most != schema.end() && value.size() > most->get<std::size_t>())
        issues.push_back({at.to_string(), "must have at most " + formatNumber(*most) + " items, got "
                                              + std::to_string(value.size())});
}

void SchemaValidator::checkString(const json &schema, const json &value, const Pointer &at, Issues &issues) const
{
    const auto &text = value.get_ref<const std::string &>();
    const std::size_t length = codePoints(text);
    if (const auto least = schema.find("minLength"); least != schema.end() && length < least->get<std::size_t>())
        issues.push_back({at.to_string(), "must be at least " + formatNumber(*least) + " characters long, got "
                                              + std::to_string(length)});
    if (const auto most = schema.find("maxLength"); most != schema.end() && length > most->get<std::size_t>())
        issues.push_back({at.to_string(), "must be at most " + formatNumber(*most) + " characters long, got "
                                              + std::to_string(length)});
    if (const auto pattern = schema.find("pattern"); pattern != schema.end()) {
        const auto &source = pattern->get_ref<const std::string &>();
        if (!std::regex_search(text, m_patterns.byPattern.find(source)->second))
            issues.push_back({at.to_string(), "must match pattern \"" + source + "\", got " + formatValue(value)});
    }
}

void SchemaValidator::checkNumber(const json &schema, const json &value, const Pointer &at, Issues &issues) const
{
    for (const Bound &bound : bounds) {
        const auto limit = schema.find(bound.keyword);
        if (limit != schema.end() && !bound.holds(compareNumbers(value, *limit)))
            issues.push_back({at.to_string(), std::string("must be ") + bound.relation + " " + formatNumber(*limit)
                                                  + ", got " + formatNumber(value)});
    }
}

// Each branch works on its own copy, so a failing branch's defaults never leak into the document; the
// document takes the copy of the first branch that matched.
void SchemaValidator::applyBranches(const json &schema, json &value, const Pointer &at, Issues &issues) const
{
    for (const char *keyword : {"oneOf", "anyOf"}) {
        const auto branches = schema.find(keyword);
        if (branches == schema.end())
            continue;
        std::optional<json> chosen;
        std::size_t matched = 0;
        std::string reasons;
        for (std::size_t i = 0; i < branches->size(); ++i) {
            json candidate = value;
            Issues branchIssues;
            apply((*branches)[i], candidate, at, branchIssues);
            if (branchIssues.empty() && matched++ == 0)
                chosen = std::move(candidate);
            for (std::size_t k = 0; k < branchIssues.size(); ++k)
                reasons += (reasons.empty() ? "" : "; ") + (k == 0 ? std::to_string(i) + ": " : std::string())
                    + branchIssues[k].text();
        }
        const bool exactlyOne = keyword == std::string_view("oneOf");
        if (exactlyOne ? matched == 1 : matched >= 1)
            value = std::move(*chosen);
        else if (exactlyOne)
            issues.push_back({at.to_string(), "must match exactly one schema in oneOf, matched "
                                                  + std::to_string(matched)
                                                  + (matched == 0 ? " (" + reasons + ")" : std::string())});
        else
            issues.push_back({at.to_string(), "must match at least one schema in anyOf (" + reasons + ")"});
    }
}

const json &SchemaValidator::resolve(const json &ref) const
{
    return *resolveLocalRef(m_root, ref.get_ref<const std::string &>()); // checkSchema() proved it resolves
}

// Follows $ref so that a property declared as {"$ref": "#/$defs/Monitor"} gets the Monitor's default.
const json *SchemaValidator::defaultOf(const json &schema) const
{
    for (const json *current = &schema; current->is_object();) {
        if (const auto fallback = current->find("default"); fallback != current->end())
            return &*fallback;
        const auto ref = current->find("$ref");
        if (ref == current->end())
            return nullptr;
        current = &resolve(*ref);
    }
    return nullptr;
}

} // namespace params::detail
