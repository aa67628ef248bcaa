#pragma once

#include "core/error.h"

#include <string>

namespace h5 {

// An HDF5 failure. what() reads "FILE: OBJECT: WHAT (REASON)", where REASON comes from HDF5's error stack,
// e.g. "run_003.h5: /acquisition/frames: cannot extend dataset (dataspace: unable to set extent)".
class Error : public core::Error {
public:
    Error(std::string file, std::string object, std::string what, std::string reason);

    const std::string &file() const { return m_file; }
    const std::string &object() const { return m_object; }
    const std::string &reason() const { return m_reason; }

private:
    std::string m_file;
    std::string m_object;
    std::string m_reason;
};

} // namespace h5
