#pragma once

// Included by core/h5/*.cpp only.

#include "core/h5/group.h"

#include <hdf5.h>

#include <optional>

namespace h5::detail {

// What a link is and where it points, from inside an H5Literate/H5Lvisit callback (so it never throws);
// nullopt when HDF5 cannot read the link's value.
std::optional<LinkInfo> describeLink(hid_t group, const char *name, const H5L_info_t *info);

} // namespace h5::detail
