#pragma once

// Included by core/h5/*.cpp only.

#include <hdf5.h>

namespace h5::detail {

// Every object we create keeps its attributes' (and a group's links') creation order, so readers list them
// as they were written. Attributes also stay in compact storage well past HDF5's default of 8: copying an
// object whose variable-length string attributes are stored densely crashes HDF5 1.10.8 in H5Ocopy
// (H5A__dense_post_copy_file_all → H5T__conv_vlen), and copying is how `recover` salvages a recording.
inline void keepCreationOrder(hid_t createPlist, bool hasLinks)
{
    constexpr unsigned MaxCompactAttributes = 1024;
    constexpr unsigned MinDenseAttributes = 1000;
    if (hasLinks)
        H5Pset_link_creation_order(createPlist, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    H5Pset_attr_creation_order(createPlist, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    H5Pset_attr_phase_change(createPlist, MaxCompactAttributes, MinDenseAttributes);
}

} // namespace h5::detail
