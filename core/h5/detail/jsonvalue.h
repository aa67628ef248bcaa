#pragma once

#include "core/h5/types.h"

#include <nlohmann/json_fwd.hpp>

namespace h5::detail {

// Reads a whole attribute (or dataset) of any HDF5 type into JSON: integers and floats as numbers (float16
// included, through HDF5's conversion), h5py's bool enum as true/false, other enums as their member names,
// strings (fixed or variable, trailing padding removed) as strings, compounds as objects, arrays and
// variable-length sequences as arrays; opaque, reference and bitfield values as short descriptive strings.
// A scalar dataspace gives one value, a simple one nested arrays in C order, a null dataspace null.
nlohmann::json readAttributeJson(Id attribute);
nlohmann::json readDatasetJson(Id dataset);
// The dataset's elements selected in `fileSpace` (a hyperslab, say), nested in the shape of `memorySpace`,
// which must hold as many elements.
nlohmann::json readDatasetJson(Id dataset, Id fileSpace, Id memorySpace);

} // namespace h5::detail
