#pragma once

// Included by core/h5/*.cpp only.

#include <hdf5.h>

namespace h5::detail {

// Closes a short-lived HDF5 type, dataspace or property list at scope exit, for the many temporaries a call
// needs. Objects a caller keeps are h5::Object instead.
template <herr_t (*Close)(hid_t)>
struct Handle {
    hid_t id;
    explicit Handle(hid_t handle) : id(handle) {}
    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;
    Handle(Handle &&other) noexcept : id(other.id) { other.id = -1; }
    ~Handle()
    {
        if (id >= 0)
            Close(id);
    }
};
using TypeHandle = Handle<H5Tclose>;
using SpaceHandle = Handle<H5Sclose>;
using PropertyHandle = Handle<H5Pclose>;

} // namespace h5::detail
