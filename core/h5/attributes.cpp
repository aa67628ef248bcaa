#include "core/h5/attributes.h"

#include "core/h5/datatype.h"
#include "core/h5/detail/call.h"
#include "core/h5/detail/handle.h"
#include "core/h5/detail/jsonvalue.h"
#include "core/h5/detail/listingorder.h"
#include "core/h5/detail/nativetype.h"

#include <hdf5.h>
#include <nlohmann/json.hpp>

#include <limits>

namespace h5 {

namespace {

enum class Kind { Bool, Int, UInt, Float, String, Mixed };

Kind kindOf(const nlohmann::json &value)
{
    if (value.is_boolean())
        return Kind::Bool;
    if (value.is_number_unsigned())
        return value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())
                   ? Kind::UInt : Kind::Int;
    if (value.is_number_integer())
        return Kind::Int;
    if (value.is_number_float())
        return Kind::Float;
    if (value.is_string())
        return Kind::String;
    return Kind::Mixed;
}

Kind merge(Kind a, Kind b)
{
    if (a == b)
        return a;
    const auto numeric = [](Kind k) { return k == Kind::Int || k == Kind::UInt || k == Kind::Float; };
    if (numeric(a) && numeric(b))
        return Kind::Float;
    return Kind::Mixed;
}

// Finds whether `value` is a rectangular array of one scalar kind; fills its shape and flat elements.
bool flatten(const nlohmann::json &value, std::size_t depth, Shape &shape, std::vector<const nlohmann::json *> &flat,
             std::optional<Kind> &kind)
{
    if (!value.is_array()) {
        if (depth != shape.size())
            return false;
        const Kind k = kindOf(value);
        kind = kind ? merge(*kind, k) : k;
        flat.push_back(&value);
        return *kind != Kind::Mixed;
    }
    if (depth == shape.size())
        shape.push_back(value.size());
    else if (shape[depth] != value.size())
        return false;
    for (const auto &element : value)
        if (!flatten(element, depth + 1, shape, flat, kind))
            return false;
    // An empty innermost array still fixes the rank; elements of a sibling must not go deeper.
    return !value.empty() || depth + 1 == shape.size();
}

template <class T>
std::vector<T> numbers(const std::vector<const nlohmann::json *> &flat)
{
    std::vector<T> values;
    values.reserve(flat.size());
    for (const auto *element : flat)
        values.push_back(element->get<T>());
    return values;
}

void writeAttribute(hid_t owner, const std::string &name, hid_t fileType, hid_t memType, hid_t space, const void *data)
{
    const detail::Where where{owner, {}, {}};
    const std::string what = "cannot write attribute '" + name + "'";
    const hid_t attribute = detail::call(where, what, [&] {
        return H5Acreate2(owner, name.c_str(), fileType, space, H5P_DEFAULT, H5P_DEFAULT);
    });
    const Object closer(attribute);
    if (data)
        detail::call(where, what, [&] { return H5Awrite(attribute, memType, data); });
}

void writeArray(hid_t owner, const std::string &name, const Shape &shape, Kind kind,
                const std::vector<const nlohmann::json *> &flat)
{
    std::vector<hsize_t> dims(shape.begin(), shape.end());
    const detail::SpaceHandle space(dims.empty() ? H5Screate(H5S_SCALAR)
                                                 : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr));
    switch (kind) {
    case Kind::Bool: {
        std::vector<std::int8_t> values;
        for (const auto *element : flat)
            values.push_back(element->get<bool>() ? 1 : 0);
        const DataType type = DataType::boolean();
        writeAttribute(owner, name, type.id(), type.id(), space.id, values.data());
        break;
    }
    case Kind::Int: {
        const auto values = numbers<std::int64_t>(flat);
        writeAttribute(owner, name, H5T_STD_I64LE, H5T_NATIVE_INT64, space.id, values.data());
        break;
    }
    case Kind::UInt: {
        const auto values = numbers<std::uint64_t>(flat);
        writeAttribute(owner, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, space.id, values.data());
        break;
    }
    case Kind::Float: {
        const auto values = numbers<double>(flat);
        writeAttribute(owner, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, space.id, values.data());
        break;
    }
    case Kind::String: {
        std::vector<std::string> texts;
        for (const auto *element : flat)
            texts.push_back(element->get<std::string>());
        std::vector<const char *> pointers;
        for (const auto &text : texts)
            pointers.push_back(text.c_str());
        const DataType type = DataType::utf8String();
        writeAttribute(owner, name, type.id(), type.id(), space.id, pointers.data());
        break;
    }
    case Kind::Mixed:
        break;
    }
}

} // namespace

bool Attributes::contains(std::string_view name) const
{
    const std::string key(name);
    return detail::call({m_owner.id()}, "cannot look up attribute '" + key + "'",
                        [&] { return H5Aexists(m_owner.id(), key.c_str()); }) > 0;
}

std::vector<std::string> Attributes::names() const
{
    std::vector<detail::Listed<std::string>> listed;
    const auto collect = [](hid_t, const char *name, const H5A_info_t *info, void *data) -> herr_t {
        const auto order = info->corder_valid ? std::optional<std::int64_t>(info->corder) : std::nullopt;
        static_cast<std::vector<detail::Listed<std::string>> *>(data)->push_back({order, name, name});
        return 0;
    };
    detail::silenceAutomaticErrorPrinting();
    hsize_t index = 0;
    if (H5Aiterate2(m_owner.id(), H5_INDEX_CRT_ORDER, H5_ITER_NATIVE, &index, collect, &listed) < 0) {
        // No creation-order index: the writer did not track it (h5py's default). Walk the name index.
        H5Eclear2(H5E_DEFAULT);
        listed.clear();
        index = 0;
        detail::call({m_owner.id()}, "cannot list attributes", [&] {
            return H5Aiterate2(m_owner.id(), H5_INDEX_NAME, H5_ITER_NATIVE, &index, collect, &listed);
        });
    }
    return detail::inListingOrder(std::move(listed));
}

AttributeInfo Attributes::info(std::string_view name) const
{
    const std::string key(name);
    const std::string what = "cannot open attribute '" + key + "'";
    const Object attribute(detail::call({m_owner.id()}, what, [&] { return H5Aopen(m_owner.id(), key.c_str(), H5P_DEFAULT); }));
    const DataType type(detail::call({m_owner.id()}, what, [&] { return H5Aget_type(attribute.id()); }));
    const detail::SpaceHandle space(detail::call({m_owner.id()}, what, [&] { return H5Aget_space(attribute.id()); }));

    AttributeInfo info{key, type.name(), {}, H5Sget_simple_extent_type(space.id) == H5S_NULL};
    const int rank = H5Sget_simple_extent_ndims(space.id);
    if (rank > 0) {
        std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
        H5Sget_simple_extent_dims(space.id, dims.data(), nullptr);
        info.shape.assign(dims.begin(), dims.end());
    }
    return info;
}

nlohmann::json Attributes::get(std::string_view name) const
{
    const std::string key(name);
    const Object attribute(detail::call({m_owner.id()}, "cannot open attribute '" + key + "'",
                                        [&] { return H5Aopen(m_owner.id(), key.c_str(), H5P_DEFAULT); }));
    nlohmann::json value = detail::readAttributeJson(attribute.id());
    if (value.is_string()) {
        const auto &text = value.get_ref<const std::string &>();
        if (!text.empty() && (text.front() == '{' || text.front() == '[')) {
            auto parsed = nlohmann::json::parse(text, nullptr, false);
            if (!parsed.is_discarded() && parsed.is_structured())
                return parsed;
        }
    }
    return value;
}

std::string Attributes::getString(std::string_view name) const
{
    const std::string key(name);
    const Object attribute(detail::call({m_owner.id()}, "cannot open attribute '" + key + "'",
                                        [&] { return H5Aopen(m_owner.id(), key.c_str(), H5P_DEFAULT); }));
    const nlohmann::json value = detail::readAttributeJson(attribute.id());
    if (!value.is_string())
        throw Error(m_owner.fileName(), m_owner.path(), "attribute '" + key + "' is not a string",
                    std::string("found ") + value.type_name());
    return value.get<std::string>();
}

void Attributes::set(std::string_view name, const nlohmann::json &value) const
{
    const std::string key(name);
    if (contains(key))
        remove(key);

    if (value.is_null()) {
        const detail::SpaceHandle space(H5Screate(H5S_NULL));
        writeAttribute(m_owner.id(), key, H5T_STD_I8LE, H5T_NATIVE_INT8, space.id, nullptr);
        return;
    }
    Shape shape;
    std::vector<const nlohmann::json *> flat;
    std::optional<Kind> kind;
    if (!value.is_object() && flatten(value, 0, shape, flat, kind)) {
        writeArray(m_owner.id(), key, shape, kind.value_or(Kind::Float), flat);
        return;
    }
    const nlohmann::json text = value.dump();
    writeArray(m_owner.id(), key, {}, Kind::String, {&text});
}

void Attributes::remove(std::string_view name) const
{
    const std::string key(name);
    detail::call({m_owner.id()}, "cannot delete attribute '" + key + "'",
                 [&] { return H5Adelete(m_owner.id(), key.c_str()); });
}

} // namespace h5
