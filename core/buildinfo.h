#pragma once

#include <string>

namespace core {

// The product version from CMake's project(VERSION), e.g. "0.1.0".
std::string version();
// "Macroscope 0.1.0", as stored in every file's `software` attribute.
std::string softwareName();

// Versions of the libraries core links, as they report themselves at run time.
std::string hdf5Version();
std::string opensslVersion();
std::string qtVersion();

} // namespace core
