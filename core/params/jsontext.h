#pragma once

#include "core/error.h"

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <string>
#include <string_view>

namespace params {

// A JSON document that cannot be read: the message names the source and the line/column of the problem.
class JsonError : public core::Error {
public:
    using core::Error::Error;
};

// Parses RFC 8259 JSON with I-JSON's extra rule that keys of one object are unique (RFC 8785 hashes are
// only defined on such documents). `source` names the text in error messages ("params.json", "<stdin>").
nlohmann::json parseJson(std::string_view text, const std::string &source);

// Reads and parses a file; a missing or unreadable file is a JsonError naming the path.
nlohmann::json readJsonFile(const std::filesystem::path &path);

} // namespace params
