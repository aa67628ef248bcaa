#pragma once

#include "core/h5/types.h"

#include <string>

namespace h5::detail {

// Turns HDF5's automatic error printing off for the calling thread. The library is built thread-safe, so
// the setting is per thread; every wrapped call makes sure of it before calling into HDF5.
void silenceAutomaticErrorPrinting();

// The reasons on the calling thread's HDF5 error stack, most general first and de-duplicated, joined with
// ": "; the stack is cleared. Empty when HDF5 recorded nothing.
std::string takeErrorStack();

// The file name and object path behind an identifier, for error messages; empty when unknown. Never throws.
std::string fileNameOf(Id id);
std::string objectPathOf(Id id);

} // namespace h5::detail
