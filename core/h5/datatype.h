#pragma once

#include "core/h5/object.h"

#include <cstddef>
#include <string>

namespace h5 {

enum class TypeClass { Integer, Float, String, Bool, Enum, Compound, Array, VariableLength, Opaque, Reference,
                       Bitfield, Time, Other };

// An HDF5 datatype. The element types the typed API reads and writes are the closed set
// std::int8_t … std::uint64_t, float, double and std::string (UTF-8, variable length).
class DataType : public Object {
public:
    using Object::Object;

    template <class T>
    static DataType of();
    // numpy's bool as h5py stores it: an enum over int8 with FALSE = 0 and TRUE = 1.
    static DataType boolean();
    static DataType utf8String();

    TypeClass typeClass() const;
    std::size_t size() const;
    // numpy-like text for people: "int16", "float16", "bool", "vlen string(utf-8)", "fixed string(12, ascii)",
    // "compound{x: int32, y: float64}", "enum(uint8){RED=0, GREEN=1}", "array[3](float32)", "vlen(int32)".
    std::string name() const;
};

} // namespace h5
