#include "core/h5/object.h"

#include "core/h5/detail/errorstack.h"

#include <hdf5.h>

#include <cstdio>
#include <utility>

static_assert(sizeof(hid_t) == sizeof(h5::Id), "h5::Id must hold an hid_t (HDF5 >= 1.10)");

namespace h5 {

std::uint64_t elementCount(const Shape &shape)
{
    std::uint64_t count = 1;
    for (auto extent : shape)
        count *= extent;
    return count;
}

Object::Object(const Object &other) : m_id(other.m_id)
{
    if (m_id >= 0)
        H5Iinc_ref(m_id);
}

Object::Object(Object &&other) noexcept : m_id(std::exchange(other.m_id, -1)) {}

Object &Object::operator=(const Object &other)
{
    if (this != &other) {
        release();
        m_id = other.m_id;
        if (m_id >= 0)
            H5Iinc_ref(m_id);
    }
    return *this;
}

Object &Object::operator=(Object &&other) noexcept
{
    if (this != &other) {
        release();
        m_id = std::exchange(other.m_id, -1);
    }
    return *this;
}

Object::~Object()
{
    release();
}

void Object::release() noexcept
{
    if (m_id < 0)
        return;
    detail::silenceAutomaticErrorPrinting();
    if (H5Idec_ref(m_id) < 0) {
        // A destructor must not throw; a failed release is a leak worth knowing about, not a crash.
        std::fprintf(stderr, "macroscope: HDF5 could not release identifier %lld (%s)\n",
                     static_cast<long long>(m_id), detail::takeErrorStack().c_str());
    }
    m_id = -1;
}

Id Object::takeId() noexcept
{
    return std::exchange(m_id, -1);
}

bool Object::isValid() const
{
    return m_id >= 0 && H5Iis_valid(m_id) > 0;
}

std::string Object::fileName() const
{
    return detail::fileNameOf(m_id);
}

std::string Object::path() const
{
    return detail::objectPathOf(m_id);
}

} // namespace h5
