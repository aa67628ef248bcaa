#include "core/h5/detail/jsonvalue.h"

#include "core/h5/detail/call.h"
#include "core/h5/detail/handle.h"
#include "core/h5/detail/nativetype.h"

#include <hdf5.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <vector>

namespace h5::detail {

namespace {


hid_t memoryTypeFor(hid_t fileType);

hid_t compoundMemoryType(hid_t fileType)
{
    const int members = H5Tget_nmembers(fileType);
    std::vector<hid_t> memberTypes;
    std::size_t size = 0;
    for (int i = 0; i < members; ++i) {
        const TypeHandle fileMember(H5Tget_member_type(fileType, static_cast<unsigned>(i)));
        memberTypes.push_back(memoryTypeFor(fileMember.id));
        size += H5Tget_size(memberTypes.back());
    }
    const hid_t type = H5Tcreate(H5T_COMPOUND, size == 0 ? 1 : size);
    std::size_t offset = 0;
    for (int i = 0; i < members; ++i) {
        char *name = H5Tget_member_name(fileType, static_cast<unsigned>(i));
        H5Tinsert(type, name, offset, memberTypes[static_cast<std::size_t>(i)]);
        offset += H5Tget_size(memberTypes[static_cast<std::size_t>(i)]);
        H5free_memory(name);
        H5Tclose(memberTypes[static_cast<std::size_t>(i)]);
    }
    return type;
}

hid_t memoryTypeFor(hid_t fileType)
{
    switch (H5Tget_class(fileType)) {
    case H5T_INTEGER:
        return H5Tcopy(H5Tget_sign(fileType) == H5T_SGN_NONE ? H5T_NATIVE_UINT64 : H5T_NATIVE_INT64);
    case H5T_FLOAT:
        return H5Tcopy(H5T_NATIVE_DOUBLE);
    case H5T_STRING:
        return H5Tcopy(fileType);
    case H5T_ENUM:
        return isBoolEnum(fileType) ? newBoolType() : H5Tget_native_type(fileType, H5T_DIR_ASCEND);
    case H5T_COMPOUND:
        return compoundMemoryType(fileType);
    case H5T_ARRAY: {
        const int rank = H5Tget_array_ndims(fileType);
        std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
        H5Tget_array_dims2(fileType, dims.data());
        const TypeHandle super(H5Tget_super(fileType));
        const TypeHandle element(memoryTypeFor(super.id));
        return H5Tarray_create2(element.id, static_cast<unsigned>(rank), dims.data());
    }
    case H5T_VLEN: {
        const TypeHandle super(H5Tget_super(fileType));
        const TypeHandle element(memoryTypeFor(super.id));
        return H5Tvlen_create(element.id);
    }
    default:
        return H5Tcopy(fileType);
    }
}

nlohmann::json decode(hid_t type, const unsigned char *data);

std::string describeBytes(const char *what, const unsigned char *data, std::size_t size)
{
    std::string text = std::string("<") + what + " 0x";
    char hex[3];
    for (std::size_t i = 0; i < size && i < 16; ++i) {
        std::snprintf(hex, sizeof hex, "%02x", data[i]);
        text += hex;
    }
    return text + (size > 16 ? "…>" : ">");
}

nlohmann::json decodeString(hid_t type, const unsigned char *data)
{
    if (H5Tis_variable_str(type) > 0) {
        const char *text = *reinterpret_cast<const char *const *>(data);
        return text ? std::string(text) : std::string();
    }
    // Fixed-length strings are NUL-terminated, NUL-padded or space-padded; the padding is not content.
    const std::size_t size = H5Tget_size(type);
    std::string text(reinterpret_cast<const char *>(data), size);
    const auto end = H5Tget_strpad(type) == H5T_STR_SPACEPAD ? text.find_last_not_of(' ') : text.find('\0');
    if (H5Tget_strpad(type) == H5T_STR_SPACEPAD)
        text.resize(end == std::string::npos ? 0 : end + 1);
    else if (end != std::string::npos)
        text.resize(end);
    return text;
}

nlohmann::json decodeEnum(hid_t type, const unsigned char *data)
{
    if (isBoolEnum(type))
        return *reinterpret_cast<const std::int8_t *>(data) != 0;
    char name[256];
    if (H5Tenum_nameof(type, data, name, sizeof name) < 0) {
        H5Eclear2(H5E_DEFAULT);
        // A value outside the enum's members: show the number rather than failing the whole read.
        const TypeHandle super(H5Tget_super(type));
        long long value = 0;
        std::vector<unsigned char> raw(std::max(H5Tget_size(type), sizeof value));
        std::memcpy(raw.data(), data, H5Tget_size(type));
        H5Tconvert(super.id, H5T_NATIVE_LLONG, 1, raw.data(), nullptr, H5P_DEFAULT);
        std::memcpy(&value, raw.data(), sizeof value);
        return value;
    }
    return std::string(name);
}

nlohmann::json decodeSequence(hid_t elementType, const unsigned char *data, std::size_t count)
{
    auto values = nlohmann::json::array();
    const std::size_t stride = H5Tget_size(elementType);
    for (std::size_t i = 0; i < count; ++i)
        values.push_back(decode(elementType, data + i * stride));
    return values;
}

nlohmann::json decode(hid_t type, const unsigned char *data)
{
    switch (H5Tget_class(type)) {
    case H5T_INTEGER:
        if (H5Tget_sign(type) == H5T_SGN_NONE)
            return *reinterpret_cast<const std::uint64_t *>(data);
        return *reinterpret_cast<const std::int64_t *>(data);
    case H5T_FLOAT:
        return *reinterpret_cast<const double *>(data);
    case H5T_STRING:
        return decodeString(type, data);
    case H5T_ENUM:
        return decodeEnum(type, data);
    case H5T_COMPOUND: {
        auto object = nlohmann::json::object();
        const int members = H5Tget_nmembers(type);
        for (int i = 0; i < members; ++i) {
            char *name = H5Tget_member_name(type, static_cast<unsigned>(i));
            const TypeHandle member(H5Tget_member_type(type, static_cast<unsigned>(i)));
            object[name] = decode(member.id, data + H5Tget_member_offset(type, static_cast<unsigned>(i)));
            H5free_memory(name);
        }
        return object;
    }
    case H5T_ARRAY: {
        const TypeHandle super(H5Tget_super(type));
        return decodeSequence(super.id, data, H5Tget_size(type) / H5Tget_size(super.id));
    }
    case H5T_VLEN: {
        const auto *sequence = reinterpret_cast<const hvl_t *>(data);
        const TypeHandle super(H5Tget_super(type));
        return decodeSequence(super.id, static_cast<const unsigned char *>(sequence->p), sequence->len);
    }
    case H5T_OPAQUE:
        return describeBytes("opaque", data, H5Tget_size(type));
    case H5T_REFERENCE:
        return describeBytes("reference", data, H5Tget_size(type));
    default:
        return describeBytes("bits", data, H5Tget_size(type));
    }
}

nlohmann::json nest(const nlohmann::json &flat, const std::vector<hsize_t> &dims, std::size_t axis,
                    std::size_t &next)
{
    auto values = nlohmann::json::array();
    for (hsize_t i = 0; i < dims[axis]; ++i)
        values.push_back(axis + 1 == dims.size() ? flat[next++] : nest(flat, dims, axis + 1, next));
    return values;
}

// `space` is the dataspace the values arrive in, whose shape the JSON takes; `read(memType, buffer)` fills
// the buffer with its elements.
template <class Read>
nlohmann::json readJson(hid_t object, hid_t fileType, hid_t space, const Read &read)
{
    const H5S_class_t spaceClass = H5Sget_simple_extent_type(space);
    if (spaceClass == H5S_NULL)
        return nullptr;
    const TypeHandle memType(memoryTypeFor(fileType));
    const auto count = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    const std::size_t elementSize = H5Tget_size(memType.id);
    std::vector<unsigned char> buffer(std::max<std::size_t>(count * elementSize, 1));
    call({object}, "cannot read value", [&] { return read(memType.id, buffer.data()); });

    nlohmann::json flat = decodeSequence(memType.id, buffer.data(), count);
    reclaimVariableLength(memType.id, space, buffer.data());

    if (spaceClass == H5S_SCALAR)
        return flat.at(0);
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    std::size_t next = 0;
    return rank == 0 ? flat : nest(flat, dims, 0, next);
}

} // namespace

nlohmann::json readAttributeJson(Id attribute)
{
    silenceAutomaticErrorPrinting();
    const TypeHandle fileType(call({attribute}, "cannot read attribute type", [&] { return H5Aget_type(attribute); }));
    const SpaceHandle space(call({attribute}, "cannot read attribute space", [&] { return H5Aget_space(attribute); }));
    return readJson(attribute, fileType.id, space.id,
                    [&](hid_t memType, void *buffer) { return H5Aread(attribute, memType, buffer); });
}

nlohmann::json readDatasetJson(Id dataset)
{
    silenceAutomaticErrorPrinting();
    const SpaceHandle space(call({dataset}, "cannot read dataset space", [&] { return H5Dget_space(dataset); }));
    return readDatasetJson(dataset, space.id, space.id);
}

nlohmann::json readDatasetJson(Id dataset, Id fileSpace, Id memorySpace)
{
    silenceAutomaticErrorPrinting();
    const TypeHandle fileType(call({dataset}, "cannot read dataset type", [&] { return H5Dget_type(dataset); }));
    return readJson(dataset, fileType.id, memorySpace, [&](hid_t memType, void *buffer) {
        return H5Dread(dataset, memType, memorySpace, fileSpace, H5P_DEFAULT, buffer);
    });
}

} // namespace h5::detail
