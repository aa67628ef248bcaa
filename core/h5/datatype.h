#pragma once

#include "core/h5/object.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace h5 {

enum class TypeClass { Integer, Float, String, Bool, Enum, Compound, Array, VariableLength, Opaque, Reference,
                       Bitfield, Time, Other };

// An HDF5 datatype. The element types the typed API reads and writes are the closed set
// std::int8_t … std::uint64_t, float, double and std::string (UTF-8, variable length).
class DataType : public Object {
public:
    using Object::Object;

    struct Member;

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

    // A compound's fields in stored order (HDF5's member index order, which is the order h5py/numpy declared
    // them); empty for other classes. HDF5 sorts an open dataset's compound type by offset in place once a read
    // converts it (readJson does), so fields declared out of offset order come back in offset order after one.
    std::vector<Member> members() const;
    // Integers and enums (by their base type): whether signed. False for every other class, bool included:
    // numpy's bool has no sign even though h5py stores it over int8.
    bool isSigned() const;
    // The element type of an array or variable-length sequence; the base integer type of an enum (bool's
    // int8 too). Throws h5::Error naming the type for any other class.
    DataType baseType() const;
    // An array's dimensions, slowest-varying first. Throws h5::Error naming the type for any other class.
    std::vector<std::uint64_t> arrayDims() const;
};

struct DataType::Member {
    std::string name;
    DataType type;
};

} // namespace h5
