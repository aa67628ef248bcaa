#include "core/cli/jsoninput.h"

#include "core/params/jsontext.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <iterator>

namespace cli {

nlohmann::json readJsonArgument(const std::string &path)
{
    if (path == "-") {
        const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
        return params::parseJson(text, "<stdin>");
    }
    return params::readJsonFile(path);
}

} // namespace cli
