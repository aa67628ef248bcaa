#pragma once

// Random JSON documents, as text, for tst_canonicaljson's comparison with the independent RFC 8785 oracle.

#include <QtCore/QString>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <vector>

// Random JSON *text* for the oracle comparison. Numbers are written as literal text, never produced by a
// JSON library, so that nlohmann and JSON.parse round the same decimal strings to doubles.
class RandomJson {
public:
    explicit RandomJson(std::uint64_t seed)
        : m_random(seed)
    {
    }

    std::string document()
    {
        std::string out;
        space(out);
        const std::size_t kind = below(20);
        if (kind < 16)
            object(0, out);
        else if (kind < 19)
            array(0, out);
        else
            scalar(out);
        space(out);
        return out;
    }

    // A number literal as it may appear in a document (see number()).
    std::string numberLiteral()
    {
        std::string out;
        number(out);
        return out;
    }

private:
    // Not std::uniform_int_distribution, whose output differs between standard libraries: the same seed
    // gives the same documents everywhere, and the bias of `%` does not matter here.
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(m_random() % n); }

    void space(std::string &out)
    {
        static const char *const spaces[] = {"", "", "", " ", "\n", "\t", "\r\n", "  "};
        out += spaces[below(std::size(spaces))];
    }

    void value(int depth, std::string &out)
    {
        const std::size_t kind = below(depth >= 4 ? 3 : 5);
        if (kind == 3)
            object(depth + 1, out);
        else if (kind == 4)
            array(depth + 1, out);
        else
            scalar(out);
    }

    void scalar(std::string &out)
    {
        switch (below(6)) {
        case 0: out += below(3) == 0 ? "null" : below(2) ? "true" : "false"; break;
        case 1:
        case 2: string(text(8, false), out); break;
        default: number(out);
        }
    }

    void object(int depth, std::string &out)
    {
        out += '{';
        std::set<std::u32string> keys;
        const std::size_t count = below(7);
        for (std::size_t i = 0; i < count; ++i) {
            std::u32string key = text(3, true);
            if (!keys.insert(key).second)
                continue;
            if (keys.size() > 1)
                out += ',';
            space(out);
            string(key, out);
            space(out);
            out += ':';
            space(out);
            value(depth, out);
            space(out);
        }
        out += '}';
    }

    void array(int depth, std::string &out)
    {
        out += '[';
        const std::size_t count = below(6);
        for (std::size_t i = 0; i < count; ++i) {
            if (i > 0)
                out += ',';
            space(out);
            value(depth, out);
            space(out);
        }
        out += ']';
    }

    // Keys draw from a small alphabet so that objects often hold keys that differ only in one character:
    // astral characters (UTF-16 surrogates) against U+E000..U+FFFF is where code point order and RFC 8785's
    // UTF-16 order disagree.
    std::u32string text(std::size_t maxLength, bool forKey)
    {
        static constexpr char32_t keyAlphabet[] = {U'a', U'b', U'1', 0x80, 0xE9, 0x20AC, 0xD7FF, 0xE000,
                                                   0xFB33, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF, U'\n'};
        static constexpr char32_t interesting[] = {
            0x00, 0x01, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1F, U'"', U'\\', U'/', U' ', 0x7F, 0x80, 0x9F,
            0xA0, 0xF6, 0x2028, 0x2029, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFE, 0x10000, 0x1F600, 0x10FFFF};
        std::u32string result;
        const std::size_t length = below(maxLength + 1);
        for (std::size_t i = 0; i < length; ++i) {
            const std::size_t pick = below(10);
            if (forKey && pick < 8) {
                result += keyAlphabet[below(std::size(keyAlphabet))];
            } else if (pick < 3) {
                result += static_cast<char32_t>(U'a' + below(26));
            } else if (pick < 6) {
                result += interesting[below(std::size(interesting))];
            } else if (pick < 8) {
                char32_t c = static_cast<char32_t>(0x20 + below(0xFFFF - 0x20));
                result += c >= 0xD800 && c <= 0xDFFF ? c + 0x800 : c;
            } else {
                result += static_cast<char32_t>(0x10000 + below(0x100000));
            }
        }
        return result;
    }

    void hex4(unsigned value, std::string &out)
    {
        static constexpr char lower[] = "0123456789abcdef";
        static constexpr char upper[] = "0123456789ABCDEF";
        const char *digits = below(2) ? lower : upper;
        for (int shift = 12; shift >= 0; shift -= 4)
            out += digits[(value >> shift) & 0xF];
    }

    // The same string can be spelled many ways in JSON; the canonical form must not depend on the spelling.
    void string(const std::u32string &text, std::string &out)
    {
        out += '"';
        for (const char32_t c : text) {
            const bool escape = below(4) == 0;
            const char *shortEscape = nullptr;
            switch (c) {
            case U'"': shortEscape = "\\\""; break;
            case U'\\': shortEscape = "\\\\"; break;
            case U'/': shortEscape = escape ? "\\/" : nullptr; break;
            case U'\b': shortEscape = "\\b"; break;
            case U'\f': shortEscape = "\\f"; break;
            case U'\n': shortEscape = "\\n"; break;
            case U'\r': shortEscape = "\\r"; break;
            case U'\t': shortEscape = "\\t"; break;
            default: break;
            }
            if (shortEscape && (c == U'/' || below(3) != 0)) {
                out += shortEscape;
            } else if (c < 0x20 || c == U'"' || c == U'\\' || escape) {
                if (c < 0x10000) {
                    out += "\\u";
                    hex4(static_cast<unsigned>(c), out);
                } else {
                    out += "\\u";
                    hex4(0xD800 + ((c - 0x10000) >> 10), out);
                    out += "\\u";
                    hex4(0xDC00 + ((c - 0x10000) & 0x3FF), out);
                }
            } else {
                out += QString::fromUcs4(&c, 1).toStdString();
            }
        }
        out += '"';
    }

    void number(std::string &out)
    {
        static const char *const special[] = {
            "0", "-0", "0.0", "-0.0", "0e10", "1", "-1", "1.0", "100", "1e2", "1E+2", "4.50", "2e-3", "1e21",
            "1E21", "1e+21", "999999999999999999999", "100000000000000000000", "1e20", "1e-7", "0.0000001",
            "1e-6", "0.000001", "0.1", "0.2", "0.30000000000000004", "5e-324", "-5e-324", "4.9406564584124654e-324",
            "2.4703282292062328e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "-1.7976931348623157e+308",
            "9007199254740992", "9007199254740993", "-9007199254740993", "9223372036854775807",
            "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
            "123456789012345678901234567890", "-123456789012345678901234567890", "333333333.33333329", "1E30",
            "0.000000000000000000000000001", "1e23", "9.999999999999997e+22", "295147905179352825856",
            "1424953923781206.25", "-0.0000033333333333333333", "12345678901234567890.123"};
        switch (below(5)) {
        case 0: out += special[below(std::size(special))]; return;
        case 1: { // any finite double, spelled with its shortest round-trip digits or with 17 of them
            double value = 0;
            do
                value = std::bit_cast<double>(static_cast<std::uint64_t>(m_random()));
            while (!std::isfinite(value));
            char buffer[64];
            const auto result = below(2) ? std::to_chars(buffer, buffer + sizeof buffer, value)
                                         : std::to_chars(buffer, buffer + sizeof buffer, value,
                                                         std::chars_format::scientific, 16);
            out.append(buffer, result.ptr);
            return;
        }
        case 2: { // integers of up to 30 digits, so nlohmann holds some as int64, some as uint64, some as double
            if (below(2))
                out += '-';
            const std::size_t digits = 1 + below(30);
            out += static_cast<char>('1' + below(9));
            for (std::size_t i = 1; i < digits; ++i)
                out += static_cast<char>('0' + below(10));
            return;
        }
        default: { // decimals with an exponent, below 1e308 so neither side overflows; half of them between
                   // 1e-25 and 1e25, where Number::toString switches between its plain and exponent forms
            if (below(2))
                out += '-';
            const std::size_t integerDigits = 1 + below(3);
            out += static_cast<char>('1' + below(9));
            for (std::size_t i = 1; i < integerDigits; ++i)
                out += static_cast<char>('0' + below(10));
            out += '.';
            for (std::size_t i = 0, n = 1 + below(20); i < n; ++i)
                out += static_cast<char>('0' + below(10));
            const int exponent = below(2) ? static_cast<int>(below(50)) - 25 : static_cast<int>(below(630)) - 330;
            out += below(2) ? 'e' : 'E';
            out += std::to_string(exponent);
        }
        }
    }

    std::mt19937_64 m_random;
};
