#pragma once

#include <stdexcept>
#include <string>

namespace core {

// Base of every exception thrown by core/. The message is meant for the user: it names the file, the object
// inside it and the problem, e.g. "run_003.h5: /acquisition/frames: cannot extend dataset (...)".
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace core
