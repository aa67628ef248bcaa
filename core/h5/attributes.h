#pragma once

#include "core/h5/object.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace h5 {

struct AttributeInfo {
    std::string name;
    std::string dtype;   // DataType::name()
    Shape shape;         // empty for a scalar
    bool isNull = false; // a null dataspace (h5py.Empty)
};

// The attributes of a file, group or dataset, as JSON values.
//
// Writing maps JSON onto HDF5 types a Python user expects back from h5py: integers as int64 (uint64 only
// above INT64_MAX), other numbers as float64, booleans as h5py's bool enum, strings as variable-length UTF-8,
// rectangular arrays of one scalar kind as N-D attributes, null as a null dataspace. Objects, and arrays
// that are ragged or mix kinds, are stored as their JSON text. Reading reverses this: a string attribute
// whose text is a JSON object or array is returned parsed.
class Attributes {
public:
    explicit Attributes(Object owner) : m_owner(std::move(owner)) {}

    bool contains(std::string_view name) const;
    // In creation order where the file tracks it (all files we write do), otherwise by name.
    std::vector<std::string> names() const;
    AttributeInfo info(std::string_view name) const;

    nlohmann::json get(std::string_view name) const;
    // A string attribute's text exactly as stored, even when it looks like JSON (get() would parse it).
    // Throws h5::Error naming the attribute when it is not a scalar string.
    std::string getString(std::string_view name) const;
    // Replaces an existing attribute of the same name.
    void set(std::string_view name, const nlohmann::json &value) const;
    void remove(std::string_view name) const;

private:
    Object m_owner;
};

} // namespace h5
