#pragma once

#include "core/h5/dataset.h"

#include <filesystem>

namespace browse {

// Writes the hyperslab of `dataset` starting at `offset` with `count` elements along each dimension (both of
// the dataset's rank; empty for a scalar) to `out`, atomically, in the format out's extension names
// (case-insensitive):
//
//   .npy  NumPy format 1.0 in the dataset's own numeric type, little-endian ('<u2', '<f2' for float16,
//         '|b1' for h5py bools, enums as their base integer type). Anything else (strings, compounds,
//         arrays, variable-length sequences) is refused with a suggestion to use CSV.
//   .csv  RFC 4180 text with CRLF line ends: numbers as the shortest text that reads back to the same value
//         of their own width, enums by member name, bools as true/false, text quoted when it holds a comma,
//         quote or line break. A 1-D slice gives one value per line, a 2-D slice one row per line, and a
//         1-D compound slice a header of field names (nested compounds as "outer.inner") and one row per
//         element; array and variable-length fields are written as [a,b,...]. More than two dimensions
//         are refused with a suggestion to use NPY.
//
// Dimensions of `count` that are 1 are dropped first, so a frame [1, H, W] of a stack exports as H × W.
// Errors are core::Error (h5::Error for a failing read) naming `out`, the dataset and the problem.
void exportSlice(const h5::Dataset &dataset, const h5::Shape &offset, const h5::Shape &count,
                 const std::filesystem::path &out);

} // namespace browse
