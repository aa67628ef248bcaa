#pragma once

#include "core/h5/types.h"

#include <string>
#include <type_traits>

namespace h5::detail {

// The in-memory HDF5 type of a C++ element type. For numbers it is a predefined type owned by the library
// (never close it); for std::string and Bool a fresh type the caller owns (see ownsNativeType).
template <class T>
Id nativeType();

template <class T>
constexpr bool ownsNativeType() { return std::is_same_v<T, std::string> || std::is_same_v<T, Bool>; }

// An enum over int8 with exactly FALSE = 0 and TRUE = 1 is how h5py (and so numpy) stores bool.
bool isBoolEnum(Id type);

// Frees the memory HDF5 allocated for variable-length elements read into `buffer` (H5Treclaim where the
// library exports it, H5Dvlen_reclaim on 1.10, whose header declares H5Treclaim without exporting it).
void reclaimVariableLength(Id memoryType, Id space, void *buffer);

// A variable-length UTF-8 string type, owned by the caller.
Id newUtf8StringType();
Id newBoolType();

} // namespace h5::detail
