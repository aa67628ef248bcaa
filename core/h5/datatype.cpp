#include "core/h5/datatype.h"

#include "core/h5/detail/call.h"
#include "core/h5/detail/nativetype.h"

#include <hdf5.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>
#include <utility>

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

// H5Tget_member_name (compound fields and enum members alike) hands over memory only H5free_memory may free.
std::string memberName(hid_t type, unsigned index)
{
    char *name = H5Tget_member_name(type, index);
    if (!name)
        detail::fail({type}, "cannot read the name of member " + std::to_string(index));
    std::string text(name);
    H5free_memory(name);
    return text;
}

[[noreturn]] void refuse(const DataType &type, const std::string &what, const std::string &reason)
{
    throw Error(type.fileName(), type.path(), type.name() + " " + what, reason);
}

std::string nameOf(const DataType &type);

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

std::string enumName(const DataType &type)
{
    const DataType super = type.baseType();
    std::vector<std::pair<long long, std::string>> members;
    const int count = H5Tget_nmembers(type.id());
    for (unsigned i = 0; i < static_cast<unsigned>(std::max(count, 0)); ++i) {
        // Converting the member value to a native long long keeps this independent of the base width.
        long long value = 0;
        std::vector<unsigned char> raw(std::max(type.size(), sizeof value));
        H5Tget_member_value(type.id(), i, raw.data());
        H5Tconvert(super.id(), H5T_NATIVE_LLONG, 1, raw.data(), nullptr, H5P_DEFAULT);
        std::memcpy(&value, raw.data(), sizeof value);
        members.emplace_back(value, memberName(type.id(), i));
    }
    // HDF5 keeps members in the order they were inserted (h5py: by name); by value reads like the enum.
    std::sort(members.begin(), members.end());
    std::string text = "enum(" + nameOf(super) + "){";
    for (std::size_t i = 0; i < members.size(); ++i)
        text += (i ? ", " : "") + members[i].second + "=" + std::to_string(members[i].first);
    return text + "}";
}

std::string compoundName(const DataType &type)
{
    std::string fields;
    for (const auto &member : type.members())
        fields += (fields.empty() ? "" : ", ") + member.name + ": " + nameOf(member.type);
    return "compound{" + fields + "}";
}

std::string arrayName(const DataType &type)
{
    std::string text = "array[";
    const auto dims = type.arrayDims();
    for (std::size_t i = 0; i < dims.size(); ++i)
        text += (i ? "," : "") + std::to_string(dims[i]);
    return text + "](" + nameOf(type.baseType()) + ")";
}

std::string nameOf(const DataType &type)
{
    const hid_t id = type.id();
    const std::size_t bits = H5Tget_size(id) * 8;
    switch (H5Tget_class(id)) {
    case H5T_INTEGER:
        return (H5Tget_sign(id) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(bits) + byteOrderSuffix(id);
    case H5T_FLOAT:
        return "float" + std::to_string(bits) + byteOrderSuffix(id);
    case H5T_STRING:
        return stringName(id);
    case H5T_ENUM:
        return detail::isBoolEnum(id) ? "bool" : enumName(type);
    case H5T_COMPOUND:
        return compoundName(type);
    case H5T_ARRAY:
        return arrayName(type);
    case H5T_VLEN:
        if (H5Tis_variable_str(id) > 0)
            return stringName(id);
        return "vlen(" + nameOf(type.baseType()) + ")";
    case H5T_OPAQUE:
        return "opaque(" + std::to_string(H5Tget_size(id)) + " bytes)";
    case H5T_REFERENCE:
        return H5Tequal(id, H5T_STD_REF_OBJ) > 0 ? "reference(object)" : "reference(region)";
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
    return nameOf(*this);
}

std::vector<DataType::Member> DataType::members() const
{
    if (typeClass() != TypeClass::Compound)
        return {};
    const int count = detail::call({id()}, "cannot count compound members", [&] { return H5Tget_nmembers(id()); });
    std::vector<Member> fields;
    for (unsigned i = 0; i < static_cast<unsigned>(count); ++i)
        fields.push_back({memberName(id(), i), DataType(detail::call({id()}, "cannot read compound member type", [&] {
                              return H5Tget_member_type(id(), i);
                          }))});
    return fields;
}

bool DataType::isSigned() const
{
    switch (typeClass()) {
    case TypeClass::Integer:
        return detail::call({id()}, "cannot read integer sign", [&] { return H5Tget_sign(id()); }) != H5T_SGN_NONE;
    case TypeClass::Enum:
        return baseType().isSigned();
    default:
        return false;
    }
}

DataType DataType::baseType() const
{
    switch (typeClass()) {
    case TypeClass::Array:
    case TypeClass::VariableLength:
    case TypeClass::Enum:
    case TypeClass::Bool:
        return DataType(detail::call({id()}, "cannot read base type", [&] { return H5Tget_super(id()); }));
    default:
        refuse(*this, "has no base type", "only arrays, variable-length sequences and enums have one");
    }
}

std::vector<std::uint64_t> DataType::arrayDims() const
{
    if (typeClass() != TypeClass::Array)
        refuse(*this, "has no array dimensions", "it is not an array type");
    const int rank = detail::call({id()}, "cannot read array rank", [&] { return H5Tget_array_ndims(id()); });
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    detail::call({id()}, "cannot read array dimensions", [&] { return H5Tget_array_dims2(id(), dims.data()); });
    return {dims.begin(), dims.end()};
}

} // namespace h5
