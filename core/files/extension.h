#pragma once

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <string>

namespace files {

// A file's extension with its dot, in lower case (".csv" for "DATA.CSV"): what formats are chosen by.
inline std::string lowercaseExtension(const std::filesystem::path &file)
{
    std::string extension = file.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return extension;
}

} // namespace files
