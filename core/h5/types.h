#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace h5 {

// An HDF5 identifier (hid_t is a 64-bit integer since HDF5 1.10), so that <hdf5.h> stays out of our headers.
using Id = std::int64_t;

// Dataset and selection extents, slowest-varying dimension first (C order, as in h5py).
using Shape = std::vector<std::uint64_t>;

// A maximum extent without bound (H5S_UNLIMITED).
inline constexpr std::uint64_t Unlimited = std::numeric_limits<std::uint64_t>::max();

std::uint64_t elementCount(const Shape &shape);

// numpy's bool as an element type of the typed API: stored as h5py's enum {FALSE = 0, TRUE = 1} over int8,
// so it reads back as bool in Python (std::vector<bool> has no contiguous storage to hand to HDF5).
enum class Bool : std::int8_t { False = 0, True = 1 };

} // namespace h5
