#pragma once

#include "core/h5/types.h"

#include <string>

namespace h5 {

// Owns one HDF5 identifier. Copies share it through HDF5's reference count (H5Iinc_ref), moves transfer it,
// and the destructor releases it, never throwing. File, Group, Dataset, DataType and Attributes' owner all
// derive from or hold one.
class Object {
public:
    Object() = default;
    // Takes ownership of an identifier just returned by an H5*create/open call.
    explicit Object(Id id) : m_id(id) {}
    Object(const Object &other);
    Object(Object &&other) noexcept;
    Object &operator=(const Object &other);
    Object &operator=(Object &&other) noexcept;
    ~Object();

    Id id() const { return m_id; }
    bool isValid() const;

    // The name of the file this object lives in, and the object's path in it ("/group/dataset").
    std::string fileName() const;
    std::string path() const;

protected:
    // Gives up ownership without releasing: for a caller that closes the identifier itself and must see
    // whether that failed.
    Id takeId() noexcept;

private:
    void release() noexcept;

    Id m_id = -1;
};

} // namespace h5
