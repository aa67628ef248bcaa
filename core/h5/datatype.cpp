#include "core/h5/datatype.h"

#include "core/h5/detail/call.h"
#include "core/h5/detail/nativetype.h"

#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

namespace h5 {

template <class T>
DataType DataType::of()
{
    if constexpr (detail::ownsNativeType<T>())
        return DataType(detail::nativeType<T>());
    else
        return DataType(detail::call({}, "cannot copy a type", [] { return H5Tcopy(detail::nativeType<T>()); }));
}

template DataType DataType::of<std::int8_t>();
template DataType DataType::of<std::uint8_t>();
template DataType DataType::of<std::int16_t>();
template DataType DataType::of<std::uint16_t>();
template DataType DataType::of<std::int32_t>();
template DataType DataType::of<std::uint32_t>();
template DataType DataType::of<std::int64_t>();
template DataType DataType::of<std::uint64_t>();
template DataType DataType::of<float>();
template DataType DataType::of<double>();
template DataType DataType::of<std::string>();
template DataType DataType::of<Bool>();

DataType DataType::boolean()
{
    return DataType(detail::newBoolType());
}

DataType DataType::utf8String()
{
    return DataType(detail::newUtf8StringType());
}

TypeClass DataType::typeClass() const
{
    switch (H5Tget_class(id())) {
    case H5T_INTEGER: return TypeClass::Integer;
    case H5T_FLOAT: return TypeClass::Float;
    case H5T_STRING: return TypeClass::String;
    case H5T_ENUM: return detail::isBoolEnum(id()) ? TypeClass::Bool : TypeClass::Enum;
    case H5T_COMPOUND: return TypeClass::Compound;
    case H5T_ARRAY: return TypeClass::Array;
    case H5T_VLEN: return H5Tis_variable_str(id()) > 0 ? TypeClass::String : TypeClass::VariableLength;
    case H5T_OPAQUE: return TypeClass::Opaque;
    case H5T_REFERENCE: return TypeClass::Reference;
    case H5T_BITFIELD: return TypeClass::Bitfield;
    case H5T_TIME: return TypeClass::Time;
    default: return TypeClass::Other;
    }
}

std::size_t DataType::size() const
{
    return H5Tget_size(id());
}

namespace {

std::string nameOf(hid_t type);

std::string byteOrderSuffix(hid_t type)
{
    return H5Tget_order(type) == H5T_ORDER_BE && H5Tget_size(type) > 1 ? " (big-endian)" : "";
}

std::string stringName(hid_t type)
{
    const std::string cset = H5Tget_cset(type) == H5T_CSET_UTF8 ? "utf-8" : "ascii";
    std::string text = H5Tis_variable_str(type) > 0 ? "vlen string(" : "fixed string(";
    if (H5Tis_variable_str(type) <= 0)
        text.append(std::to_string(H5Tget_size(type))).append(", ");
    return text.append(cset).append(")");
}

std::string enumName(hid_t type)
{
    const hid_t super = H5Tget_super(type);
    std::vector<std::pair<long long, std::string>> members;
    const int count = H5Tget_nmembers(type);
    for (int i = 0; i < count; ++i) {
        char *member = H5Tget_member_name(type, static_cast<unsigned>(i));
        // Converting the member value to a native long long keeps this independent of the base width.
        long long value = 0;
        std::vector<unsigned char> raw(std::max(H5Tget_size(type), sizeof value));
        H5Tget_member_value(type, static_cast<unsigned>(i), raw.data());
        H5Tconvert(super, H5T_NATIVE_LLONG, 1, raw.data(), nullptr, H5P_DEFAULT);
        std::memcpy(&value, raw.data(), sizeof value);
        members.emplace_back(value, member);
        H5free_memory(member);
    }
    // HDF5 keeps members in the order they were inserted (h5py: by name); by value reads like the enum.
    std::sort(members.begin(), members.end());
    std::string text = "enum(" + nameOf(super) + "){";
    for (std::size_t i = 0; i < members.size(); ++i)
        text += (i ? ", " : "") + members[i].second + "=" + std::to_string(members[i].first);
    H5Tclose(super);
    return text + "}";
}

std::string compoundName(hid_t type)
{
    std::string text = "compound{";
    const int members = H5Tget_nmembers(type);
    for (int i = 0; i < members; ++i) {
        char *member = H5Tget_member_name(type, static_cast<unsigned>(i));
        const hid_t memberType = H5Tget_member_type(type, static_cast<unsigned>(i));
        text += (i ? ", " : "") + std::string(member) + ": " + nameOf(memberType);
        H5Tclose(memberType);
        H5free_memory(member);
    }
    return text + "}";
}

std::string arrayName(hid_t type)
{
    const int rank = H5Tget_array_ndims(type);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Tget_array_dims2(type, dims.data());
    std::string text = "array[";
    for (int i = 0; i < rank; ++i)
        text += (i ? "," : "") + std::to_string(dims[static_cast<std::size_t>(i)]);
    const hid_t super = H5Tget_super(type);
    text += "](" + nameOf(super) + ")";
    H5Tclose(super);
    return text;
}

std::string nameOf(hid_t type)
{
    const std::size_t bits = H5Tget_size(type) * 8;
    switch (H5Tget_class(type)) {
    case H5T_INTEGER:
        return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(bits) + byteOrderSuffix(type);
    case H5T_FLOAT:
        return "float" + std::to_string(bits) + byteOrderSuffix(type);
    case H5T_STRING:
        return stringName(type);
    case H5T_ENUM:
        return detail::isBoolEnum(type) ? "bool" : enumName(type);
    case H5T_COMPOUND:
        return compoundName(type);
    case H5T_ARRAY:
        return arrayName(type);
    case H5T_VLEN: {
        if (H5Tis_variable_str(type) > 0)
            return stringName(type);
        const hid_t super = H5Tget_super(type);
        std::string text = "vlen(" + nameOf(super) + ")";
        H5Tclose(super);
        return text;
    }
    case H5T_OPAQUE:
        return "opaque(" + std::to_string(H5Tget_size(type)) + " bytes)";
    case H5T_REFERENCE:
        return H5Tequal(type, H5T_STD_REF_OBJ) > 0 ? "reference(object)" : "reference(region)";
    case H5T_BITFIELD:
        return "bitfield" + std::to_string(bits);
    case H5T_TIME:
        return "time" + std::to_string(bits);
    default:
        return "unknown";
    }
}

} // namespace

std::string DataType::name() const
{
    detail::silenceAutomaticErrorPrinting();
    return nameOf(id());
}

} // namespace h5
