#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The Thrift compact protocol (apache/thrift doc/specs/thrift-compact-protocol.md), in which Parquet stores its
// footer and page headers. Hand-written rather than generated: Parquet needs a dozen structs, and a reader of
// untrusted files needs bounds and depth checks that generated code leaves to the transport.
namespace parquet {

// The type nibble of field headers and container headers. In a field header a bool's value is its type
// (True or False); as a container element type either number means bool.
enum class CompactType : std::uint8_t {
    Stop = 0, True = 1, False = 2, I8 = 3, I16 = 4, I32 = 5, I64 = 6, Double = 7, Binary = 8, List = 9, Set = 10,
    Map = 11, Struct = 12, Uuid = 13
};

// "i32", "struct", ... or "unknown (N)".
std::string toString(CompactType type);

struct FieldHeader {
    std::int16_t id = 0;
    CompactType type = CompactType::Stop; // Stop: the struct has no more fields
};

struct ListHeader {
    CompactType elementType = CompactType::Stop;
    std::size_t size = 0;
};

struct MapHeader {
    CompactType keyType = CompactType::Stop;
    CompactType valueType = CompactType::Stop;
    std::size_t size = 0;
};

// Reads values from `bytes`, never outside them. Every problem (truncation, a negative length, a container with
// more elements than bytes left, nesting deeper than maxDepth, an unknown type) throws core::Error whose
// message starts with `context` ("corrupt footer: truncated: ...").
class CompactReader {
public:
    // Structs and containers, the outermost struct included.
    static constexpr int maxDepth = 64;

    CompactReader(std::span<const std::byte> bytes, std::string context);

    std::size_t position() const { return m_position; }

    // A struct is beginStruct(), then readFieldHeader() and the field's value (or skip(type)) until a Stop
    // header, then endStruct(): field ids are deltas from the previous field of the same struct.
    void beginStruct();
    void endStruct();
    FieldHeader readFieldHeader();

    // A bool element of a container; a bool field's value is its header's type.
    bool readBool();
    std::int8_t readI8();
    std::int16_t readI16();
    std::int32_t readI32();
    std::int64_t readI64();
    double readDouble();
    std::string readBinary();
    ListHeader readListHeader(); // also sets
    MapHeader readMapHeader();

    // Skips the value of a field of `type` (after its header), containers and structs included, whatever
    // they hold.
    void skip(CompactType type);

    // Throws "context: problem", for the checks a caller makes on what it decodes.
    [[noreturn]] void fail(const std::string &problem) const;

private:
    std::uint64_t readVarint(int maxBytes);
    std::uint32_t readLength(const char *what);
    std::span<const std::byte> take(std::size_t count, const char *what);
    void checkElements(std::size_t count, std::size_t minimumBytesEach, const char *what) const;
    void skipElement(CompactType type);
    void enter();

    std::span<const std::byte> m_bytes;
    std::size_t m_position = 0;
    std::string m_context;
    std::int16_t m_lastFieldId = 0;
    std::vector<std::int16_t> m_outerFieldIds; // one per open struct
    int m_depth = 0;
};

// Appends values to a string, in the form CompactReader reads.
class CompactWriter {
public:
    const std::string &bytes() const { return m_bytes; }
    std::string take() { return std::move(m_bytes); }

    // beginStruct(), the fields, endStruct() (which writes the Stop).
    void beginStruct();
    void endStruct();
    void writeFieldHeader(std::int16_t id, CompactType type);
    void writeBoolField(std::int16_t id, bool value);

    void writeBool(bool value); // a container element
    void writeI8(std::int8_t value);
    void writeI16(std::int16_t value);
    void writeI32(std::int32_t value);
    void writeI64(std::int64_t value);
    void writeDouble(double value);
    void writeBinary(std::string_view value);
    void writeListHeader(CompactType elementType, std::size_t size); // also sets
    void writeMapHeader(CompactType keyType, CompactType valueType, std::size_t size);

private:
    void writeVarint(std::uint64_t value);

    std::string m_bytes;
    std::int16_t m_lastFieldId = 0;
    std::vector<std::int16_t> m_outerFieldIds;
};

} // namespace parquet
