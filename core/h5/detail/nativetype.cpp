#include "core/h5/detail/nativetype.h"

#include "core/h5/detail/call.h"

#include <hdf5.h>

#include <cstdint>
#include <cstring>

namespace h5::detail {

template <> Id nativeType<std::int8_t>() { return H5T_NATIVE_INT8; }
template <> Id nativeType<std::uint8_t>() { return H5T_NATIVE_UINT8; }
template <> Id nativeType<std::int16_t>() { return H5T_NATIVE_INT16; }
template <> Id nativeType<std::uint16_t>() { return H5T_NATIVE_UINT16; }
template <> Id nativeType<std::int32_t>() { return H5T_NATIVE_INT32; }
template <> Id nativeType<std::uint32_t>() { return H5T_NATIVE_UINT32; }
template <> Id nativeType<std::int64_t>() { return H5T_NATIVE_INT64; }
template <> Id nativeType<std::uint64_t>() { return H5T_NATIVE_UINT64; }
template <> Id nativeType<float>() { return H5T_NATIVE_FLOAT; }
template <> Id nativeType<double>() { return H5T_NATIVE_DOUBLE; }
template <> Id nativeType<std::string>() { return newUtf8StringType(); }
template <> Id nativeType<Bool>() { return newBoolType(); }

void reclaimVariableLength(Id memoryType, Id space, void *buffer)
{
#if H5_VERSION_GE(1, 12, 0)
    H5Treclaim(memoryType, space, H5P_DEFAULT, buffer);
#else
    H5Dvlen_reclaim(memoryType, space, H5P_DEFAULT, buffer);
#endif
}

Id newUtf8StringType()
{
    const Id type = call({}, "cannot create a string type", [] { return H5Tcopy(H5T_C_S1); });
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    return type;
}

Id newBoolType()
{
    const Id type = call({}, "cannot create a bool type", [] { return H5Tenum_create(H5T_NATIVE_INT8); });
    const std::int8_t no = 0, yes = 1;
    H5Tenum_insert(type, "FALSE", &no);
    H5Tenum_insert(type, "TRUE", &yes);
    return type;
}

bool isBoolEnum(Id type)
{
    silenceAutomaticErrorPrinting();
    if (H5Tget_class(type) != H5T_ENUM || H5Tget_nmembers(type) != 2)
        return false;
    const hid_t super = H5Tget_super(type);
    const bool byteSized = H5Tget_size(super) == 1;
    H5Tclose(super);
    if (!byteSized)
        return false;
    for (unsigned i = 0; i < 2; ++i) {
        char *name = H5Tget_member_name(type, i);
        std::int8_t value = -1;
        H5Tget_member_value(type, i, &value);
        const bool expected = std::strcmp(name, i == 0 ? "FALSE" : "TRUE") == 0 && value == static_cast<int>(i);
        H5free_memory(name);
        if (!expected)
            return false;
    }
    return true;
}

} // namespace h5::detail
