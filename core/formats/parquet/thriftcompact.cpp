#include "core/formats/parquet/thriftcompact.h"

#include "core/error.h"

#include <bit>
#include <limits>

namespace parquet {

namespace {

// The fewest bytes an element of `type` takes in a container, or 0 for a type no container holds. It bounds
// the element count a header may claim, so that a corrupt count fails before any loop or allocation.
std::size_t minimumElementBytes(CompactType type)
{
    switch (type) {
    case CompactType::True:
    case CompactType::False:
    case CompactType::I8:
    case CompactType::I16:
    case CompactType::I32:
    case CompactType::I64:
    case CompactType::Binary:
    case CompactType::List:
    case CompactType::Set:
    case CompactType::Map:
    case CompactType::Struct:
        return 1;
    case CompactType::Double:
        return 8;
    case CompactType::Uuid:
        return 16;
    case CompactType::Stop:
        break;
    }
    return 0;
}

std::uint32_t zigzag(std::int32_t value)
{
    return (static_cast<std::uint32_t>(value) << 1) ^ static_cast<std::uint32_t>(value >> 31);
}

std::uint64_t zigzag(std::int64_t value)
{
    return (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63);
}

std::int64_t unzigzag(std::uint64_t value)
{
    return static_cast<std::int64_t>((value >> 1) ^ (~(value & 1) + 1));
}

} // namespace

std::string toString(CompactType type)
{
    switch (type) {
    case CompactType::Stop: return "stop";
    case CompactType::True:
    case CompactType::False: return "bool";
    case CompactType::I8: return "i8";
    case CompactType::I16: return "i16";
    case CompactType::I32: return "i32";
    case CompactType::I64: return "i64";
    case CompactType::Double: return "double";
    case CompactType::Binary: return "binary";
    case CompactType::List: return "list";
    case CompactType::Set: return "set";
    case CompactType::Map: return "map";
    case CompactType::Struct: return "struct";
    case CompactType::Uuid: return "uuid";
    }
    return "unknown (" + std::to_string(static_cast<int>(type)) + ")";
}

CompactReader::CompactReader(std::span<const std::byte> bytes, std::string context)
    : m_bytes(bytes), m_context(std::move(context))
{
}

void CompactReader::fail(const std::string &problem) const
{
    throw core::Error(m_context + ": " + problem);
}

std::span<const std::byte> CompactReader::take(std::size_t count, const char *what)
{
    const std::size_t left = m_bytes.size() - m_position;
    if (count > left)
        fail("truncated: " + std::string(what) + " of " + std::to_string(count) + " bytes at byte "
             + std::to_string(m_position) + ", " + std::to_string(left) + " left");
    const auto bytes = m_bytes.subspan(m_position, count);
    m_position += count;
    return bytes;
}

std::uint64_t CompactReader::readVarint(int maxBytes)
{
    const std::size_t start = m_position;
    std::uint64_t value = 0;
    for (int i = 0; i < maxBytes; ++i) {
        if (m_position == m_bytes.size())
            fail("truncated: varint at byte " + std::to_string(start));
        const auto byte = std::to_integer<std::uint64_t>(m_bytes[m_position++]);
        value |= (byte & 0x7f) << (7 * i);
        if (!(byte & 0x80))
            return value;
    }
    fail("varint at byte " + std::to_string(start) + " is longer than " + std::to_string(maxBytes) + " bytes");
}

std::uint32_t CompactReader::readLength(const char *what)
{
    const std::size_t start = m_position;
    const std::uint64_t length = readVarint(5);
    if (length > static_cast<std::uint64_t>(std::numeric_limits<std::int32_t>::max()))
        fail("negative " + std::string(what) + " length at byte " + std::to_string(start));
    return static_cast<std::uint32_t>(length);
}

void CompactReader::checkElements(std::size_t count, std::size_t minimumBytesEach, const char *what) const
{
    if (count == 0)
        return;
    if (minimumBytesEach == 0)
        fail(std::string(what) + " at byte " + std::to_string(m_position) + " has an invalid element type");
    const std::size_t left = m_bytes.size() - m_position;
    if (count > left / minimumBytesEach)
        fail(std::string(what) + " of " + std::to_string(count) + " elements at byte " + std::to_string(m_position)
             + " cannot fit in the " + std::to_string(left) + " bytes left");
}

void CompactReader::enter()
{
    if (++m_depth > maxDepth)
        fail("nesting deeper than " + std::to_string(maxDepth) + " levels at byte " + std::to_string(m_position));
}

void CompactReader::beginStruct()
{
    enter();
    m_outerFieldIds.push_back(m_lastFieldId);
    m_lastFieldId = 0;
}

void CompactReader::endStruct()
{
    m_lastFieldId = m_outerFieldIds.back();
    m_outerFieldIds.pop_back();
    --m_depth;
}

FieldHeader CompactReader::readFieldHeader()
{
    const auto byte = std::to_integer<std::uint8_t>(take(1, "field header")[0]);
    const auto type = static_cast<CompactType>(byte & 0x0f);
    if (type == CompactType::Stop)
        return {};
    const int delta = byte >> 4;
    // Ids wrap as i16 arithmetic does: a corrupt delta chain yields an unknown id, which is skipped.
    m_lastFieldId = delta ? static_cast<std::int16_t>(m_lastFieldId + delta) : readI16();
    return {m_lastFieldId, type};
}

bool CompactReader::readBool()
{
    // The specification writes false as 0, the Java and C++ libraries as 2: only 1 is true in either.
    return std::to_integer<int>(take(1, "bool")[0]) == 1;
}

std::int8_t CompactReader::readI8()
{
    return static_cast<std::int8_t>(std::to_integer<std::uint8_t>(take(1, "i8")[0]));
}

std::int16_t CompactReader::readI16()
{
    const std::size_t start = m_position;
    const std::int64_t value = unzigzag(readVarint(3));
    if (value < std::numeric_limits<std::int16_t>::min() || value > std::numeric_limits<std::int16_t>::max())
        fail("i16 at byte " + std::to_string(start) + " is out of range");
    return static_cast<std::int16_t>(value);
}

std::int32_t CompactReader::readI32()
{
    const std::size_t start = m_position;
    const std::int64_t value = unzigzag(readVarint(5));
    if (value < std::numeric_limits<std::int32_t>::min() || value > std::numeric_limits<std::int32_t>::max())
        fail("i32 at byte " + std::to_string(start) + " is out of range");
    return static_cast<std::int32_t>(value);
}

std::int64_t CompactReader::readI64()
{
    return unzigzag(readVarint(10));
}

double CompactReader::readDouble()
{
    const auto bytes = take(8, "double");
    std::uint64_t bits = 0;
    for (int i = 7; i >= 0; --i)
        bits = bits << 8 | std::to_integer<std::uint64_t>(bytes[static_cast<std::size_t>(i)]);
    return std::bit_cast<double>(bits);
}

std::string CompactReader::readBinary()
{
    const auto bytes = take(readLength("binary"), "binary");
    return {reinterpret_cast<const char *>(bytes.data()), bytes.size()};
}

ListHeader CompactReader::readListHeader()
{
    const auto byte = std::to_integer<std::uint8_t>(take(1, "list header")[0]);
    ListHeader header{static_cast<CompactType>(byte & 0x0f), static_cast<std::size_t>(byte >> 4)};
    if (header.size == 15)
        header.size = readLength("list");
    checkElements(header.size, minimumElementBytes(header.elementType), "list");
    return header;
}

MapHeader CompactReader::readMapHeader()
{
    MapHeader header;
    header.size = readLength("map");
    if (header.size == 0)
        return header;
    const auto types = std::to_integer<std::uint8_t>(take(1, "map header")[0]);
    header.keyType = static_cast<CompactType>(types >> 4);
    header.valueType = static_cast<CompactType>(types & 0x0f);
    const std::size_t key = minimumElementBytes(header.keyType);
    const std::size_t value = minimumElementBytes(header.valueType);
    checkElements(header.size, key && value ? key + value : 0, "map");
    return header;
}

void CompactReader::skipElement(CompactType type)
{
    if (type == CompactType::True || type == CompactType::False)
        take(1, "bool");
    else
        skip(type);
}

void CompactReader::skip(CompactType type)
{
    switch (type) {
    case CompactType::True:
    case CompactType::False:
        return;
    case CompactType::I8:
        take(1, "i8");
        return;
    case CompactType::I16:
    case CompactType::I32:
    case CompactType::I64:
        readVarint(10);
        return;
    case CompactType::Double:
        take(8, "double");
        return;
    case CompactType::Binary:
        take(readLength("binary"), "binary");
        return;
    case CompactType::Uuid:
        take(16, "uuid");
        return;
    case CompactType::List:
    case CompactType::Set: {
        const auto header = readListHeader();
        enter();
        for (std::size_t i = 0; i < header.size; ++i)
            skipElement(header.elementType);
        --m_depth;
        return;
    }
    case CompactType::Map: {
        const auto header = readMapHeader();
        enter();
        for (std::size_t i = 0; i < header.size; ++i) {
            skipElement(header.keyType);
            skipElement(header.valueType);
        }
        --m_depth;
        return;
    }
    case CompactType::Struct:
        beginStruct();
        for (auto field = readFieldHeader(); field.type != CompactType::Stop; field = readFieldHeader())
            skip(field.type);
        endStruct();
        return;
    case CompactType::Stop:
        break;
    }
    fail("value of unknown type " + std::to_string(static_cast<int>(type)) + " before byte "
         + std::to_string(m_position));
}

void CompactWriter::beginStruct()
{
    m_outerFieldIds.push_back(m_lastFieldId);
    m_lastFieldId = 0;
}

void CompactWriter::endStruct()
{
    m_bytes.push_back(static_cast<char>(CompactType::Stop));
    m_lastFieldId = m_outerFieldIds.back();
    m_outerFieldIds.pop_back();
}

void CompactWriter::writeFieldHeader(std::int16_t id, CompactType type)
{
    const int delta = id - m_lastFieldId;
    if (delta > 0 && delta <= 15) {
        m_bytes.push_back(static_cast<char>(delta << 4 | static_cast<int>(type)));
    } else {
        m_bytes.push_back(static_cast<char>(type));
        writeI16(id);
    }
    m_lastFieldId = id;
}

void CompactWriter::writeBoolField(std::int16_t id, bool value)
{
    writeFieldHeader(id, value ? CompactType::True : CompactType::False);
}

void CompactWriter::writeBool(bool value)
{
    m_bytes.push_back(value ? 1 : 0);
}

void CompactWriter::writeI8(std::int8_t value)
{
    m_bytes.push_back(static_cast<char>(value));
}

void CompactWriter::writeI16(std::int16_t value)
{
    writeVarint(zigzag(std::int32_t{value}));
}

void CompactWriter::writeI32(std::int32_t value)
{
    writeVarint(zigzag(value));
}

void CompactWriter::writeI64(std::int64_t value)
{
    writeVarint(zigzag(value));
}

void CompactWriter::writeDouble(double value)
{
    auto bits = std::bit_cast<std::uint64_t>(value);
    for (int i = 0; i < 8; ++i, bits >>= 8)
        m_bytes.push_back(static_cast<char>(bits & 0xff));
}

void CompactWriter::writeBinary(std::string_view value)
{
    writeVarint(value.size());
    m_bytes.append(value);
}

void CompactWriter::writeListHeader(CompactType elementType, std::size_t size)
{
    if (size < 15) {
        m_bytes.push_back(static_cast<char>(size << 4 | static_cast<std::size_t>(elementType)));
    } else {
        m_bytes.push_back(static_cast<char>(0xf0 | static_cast<int>(elementType)));
        writeVarint(size);
    }
}

void CompactWriter::writeMapHeader(CompactType keyType, CompactType valueType, std::size_t size)
{
    writeVarint(size);
    if (size)
        m_bytes.push_back(static_cast<char>(static_cast<int>(keyType) << 4 | static_cast<int>(valueType)));
}

void CompactWriter::writeVarint(std::uint64_t value)
{
    for (; value >= 0x80; value >>= 7)
        m_bytes.push_back(static_cast<char>((value & 0x7f) | 0x80));
    m_bytes.push_back(static_cast<char>(value));
}

} // namespace parquet
