#include "core/params/canonicaljson.h"

#include "core/error.h"
#include "core/hash/sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

// Reference: RFC 8785 (sections cited below), which defines numbers by ECMA-262 6th edition section 7.1.12.1
// (ToString applied to the Number type; Number::toString in later editions). Checked against the npm package
// `canonicalize` by tests/core/params/tst_canonicaljson.cpp.

namespace params {

namespace {

// Decodes the UTF-8 sequence at text[i] and advances i past it. RFC 8785 section 3.1 requires well-formed
// Unicode, and key ordering needs code points, so overlong forms, surrogates and values above U+10FFFF are
// errors rather than bytes to pass through.
char32_t nextCodePoint(std::string_view text, std::size_t &i)
{
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
    const auto illFormed = [&] {
        return core::Error("canonical JSON: string is not well-formed UTF-8 at byte " + std::to_string(i));
    };
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    std::size_t length = 0;
    char32_t codePoint = 0;
    char32_t smallest = 0;
    if (lead >= 0xC0 && lead < 0xE0) {
        length = 2;
        codePoint = lead & 0x1F;
        smallest = 0x80;
    } else if (lead >= 0xE0 && lead < 0xF0) {
        length = 3;
        codePoint = lead & 0x0F;
        smallest = 0x800;
    } else if (lead >= 0xF0 && lead < 0xF8) {
        length = 4;
        codePoint = lead & 0x07;
        smallest = 0x10000;
    }
    if (length == 0 || i + length > text.size())
        throw illFormed();
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80)
            throw illFormed();
        codePoint = (codePoint << 6) | (byte(i + k) & 0x3F);
    }
    if (codePoint < smallest || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
        throw illFormed();
    i += length;
    return codePoint;
}

// RFC 8785 section 3.2.3 sorts member names by their UTF-16 code units. That differs from code point (and
// UTF-8 byte) order, which is how nlohmann's std::map already holds them: characters beyond U+FFFF become
// surrogates 0xD800-0xDFFF and so sort before U+E000..U+FFFF.
std::u16string utf16(std::string_view text)
{
    std::u16string units;
    units.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char32_t codePoint = nextCodePoint(text, i);
        if (codePoint < 0x10000) {
            units.push_back(static_cast<char16_t>(codePoint));
        } else {
            units.push_back(static_cast<char16_t>(0xD800 + ((codePoint - 0x10000) >> 10)));
            units.push_back(static_cast<char16_t>(0xDC00 + ((codePoint - 0x10000) & 0x3FF)));
        }
    }
    return units;
}

// RFC 8785 section 3.2.2.2: the escapes of ECMAScript's JSON.stringify, everything else as UTF-8.
void writeString(std::string_view text, std::string &out)
{
    static constexpr char hexDigits[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t start = i;
        const char32_t codePoint = nextCodePoint(text, i);
        switch (codePoint) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        default:
            if (codePoint < 0x20) {
                out += "\\u00";
                out += hexDigits[codePoint >> 4];
                out += hexDigits[codePoint & 0xF];
            } else {
                out.append(text.substr(start, i - start));
            }
        }
    }
    out += '"';
}

void writeValue(const nlohmann::json &value, std::string &out)
{
    using Type = nlohmann::json::value_t;
    switch (value.type()) {
    case Type::null: out += "null"; return;
    case Type::boolean: out += value.get<bool>() ? "true" : "false"; return;
    // Section 3.2.2.3: every number is an IEEE 754 double, so integers beyond 2^53 lose precision on purpose,
    // exactly as they would in the ECMAScript implementations the hashes must agree with.
    case Type::number_integer:
    case Type::number_unsigned:
    case Type::number_float: out += ecmaScriptNumber(value.get<double>()); return;
    case Type::string: writeString(value.get_ref<const std::string &>(), out); return;
    case Type::array: {
        out += '[';
        bool first = true;
        for (const auto &element : value) {
            if (!std::exchange(first, false))
                out += ',';
            writeValue(element, out);
        }
        out += ']';
        return;
    }
    case Type::object: {
        std::vector<std::pair<std::u16string, const nlohmann::json::object_t::value_type *>> members;
        const auto &object = value.get_ref<const nlohmann::json::object_t &>();
        members.reserve(object.size());
        for (const auto &member : object)
            members.emplace_back(utf16(member.first), &member);
        std::sort(members.begin(), members.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        out += '{';
        bool first = true;
        for (const auto &[units, member] : members) {
            if (!std::exchange(first, false))
                out += ',';
            writeString(member->first, out);
            out += ':';
            writeValue(member->second, out);
        }
        out += '}';
        return;
    }
    case Type::binary:
    case Type::discarded: break;
    }
    throw core::Error("canonical JSON: value has no JSON representation (binary or discarded)");
}

} // namespace

std::string ecmaScriptNumber(double value)
{
    if (!std::isfinite(value))
        throw core::Error("canonical JSON: NaN and infinities have no JSON representation (RFC 8785, 3.2.2.3)");
    if (value == 0)
        return "0"; // also for -0

    // to_chars without a precision gives the shortest digits that round-trip, nearest to the value when
    // several are as short: the digits s (k of them) that Number::toString step 5 asks for.
    std::array<char, 32> buffer{};
    const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), std::fabs(value),
                                      std::chars_format::scientific);
    const std::string_view scientific(buffer.data(), result.ptr);
    const std::size_t e = scientific.find('e');
    std::string digits(1, scientific[0]);
    if (e > 1)
        digits.append(scientific.substr(2, e - 2));
    const char *exponentText = scientific.data() + e + 1;
    if (*exponentText == '+')
        ++exponentText;
    int exponent = 0;
    std::from_chars(exponentText, result.ptr, exponent);

    // Number::toString steps 6-10, with n = exponent + 1 the position of the decimal point.
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1;
    std::string out = value < 0 ? "-" : "";
    if (k <= n && n <= 21) {
        out += digits;
        out.append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out += digits.substr(0, static_cast<std::size_t>(n));
        out += '.';
        out += digits.substr(static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-n), '0');
        out += digits;
    } else {
        out += digits[0];
        if (k > 1) {
            out += '.';
            out += digits.substr(1);
        }
        out += n - 1 < 0 ? "e-" : "e+";
        out += std::to_string(std::abs(n - 1));
    }
    return out;
}

std::string canonicalJson(const nlohmann::json &value)
{
    std::string out;
    writeValue(value, out);
    return out;
}

std::string canonicalSha256(const nlohmann::json &value)
{
    return hash::sha256Hex(canonicalJson(value));
}

} // namespace params
