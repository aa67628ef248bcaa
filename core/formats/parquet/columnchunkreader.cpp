#include "core/formats/parquet/columnchunkreader.h"

#include "core/error.h"
#include "core/formats/parquet/compression.h"
#include "core/formats/parquet/decimal.h"
#include "core/formats/parquet/encodings.h"
#include "core/formats/parquet/float16.h"

#include <zlib.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string_view>
#include <type_traits>
#include <vector>

namespace parquet {

namespace {

// PLAIN numbers are copied as the file stores them: little-endian.
static_assert(std::endian::native == std::endian::little);

using Bytes = std::span<const std::byte>;

std::uint32_t readU32(const std::byte *bytes)
{
    std::uint32_t value;
    std::memcpy(&value, bytes, sizeof value);
    return value;
}

core::Error unsupportedEncoding(Encoding encoding, Type type)
{
    return core::Error(toString(encoding) + " encoding cannot hold " + toString(type) + " values");
}

// An INT96 value as Impala and Spark store it: nanoseconds of the day (8 bytes), then the Julian day (4).
struct Int96 {
    std::byte bytes[12];
};
static_assert(sizeof(Int96) == 12);

// What decoding the values of one column needs beyond the page's bytes; the buffers are reused from page to
// page, and the string views a page decodes to point into them (or into the page).
struct ValueContext {
    Type physical = Type::Int32;
    std::size_t width = 0; // FIXED_LEN_BYTE_ARRAY
    std::vector<std::string> strings;
    std::vector<std::byte> split;
    std::vector<std::uint32_t> bits;
};

// The fewest bytes PLAIN takes for `n` values: their size, a length for byte arrays, a bit for booleans.
std::uint64_t plainBytes(const ValueContext &context, std::uint64_t n)
{
    switch (context.physical) {
    case Type::Boolean: return (n + 7) / 8;
    case Type::Int32:
    case Type::Float:
    case Type::ByteArray: return n * 4;
    case Type::Int64:
    case Type::Double: return n * 8;
    case Type::Int96: return n * sizeof(Int96);
    case Type::FixedLenByteArray: return n * context.width;
    }
    return n;
}

// Checks that `data` holds `n` values of `encoding`, before anything is sized by `n`: a count the page's bytes
// do not back must fail here rather than after allocating for it. The decoders below rely on it. Encodings
// whose few bytes may stand for many values (runs, deltas) are walked, at a step per run or miniblock, and
// refused up front for the types they cannot hold.
void requireValues(Encoding encoding, Bytes data, std::size_t n, const ValueContext &context)
{
    const Type type = context.physical;
    // DELTA_BINARY_PACKED lengths name the encoding they belong to.
    const auto requireDeltas = [&](Bytes deltas, const char *what) {
        try {
            return decodeDeltaBinaryPacked(deltas, n, static_cast<std::int64_t *>(nullptr));
        } catch (const core::Error &error) {
            throw core::Error(toString(encoding) + " " + what + ": " + error.what());
        }
    };
    switch (encoding) {
    case Encoding::Plain:
    case Encoding::ByteStreamSplit:
        if (plainBytes(context, n) > data.size()) {
            const std::string values = type == Type::Boolean     ? " booleans"
                                       : type == Type::ByteArray ? " values of 4 bytes or more"
                                                                 : " values of " + std::to_string(plainBytes(context, 1)) +
                                                                       " bytes";
            throw core::Error(toString(encoding) + ": " + std::to_string(n) + values + " overrun the page's " +
                              std::to_string(data.size()) + " bytes");
        }
        return;
    case Encoding::Rle: {
        if (type != Type::Boolean)
            break;
        // Booleans, unlike levels, are RLE-encoded with a length prefix in data pages v1 and v2 alike.
        if (data.size() < 4)
            throw core::Error("RLE: no length before the booleans");
        const std::uint32_t length = readU32(data.data());
        if (length > data.size() - 4)
            throw core::Error("RLE: booleans of " + std::to_string(length) + " bytes overrun the page's " +
                              std::to_string(data.size() - 4));
        decodeRleHybrid(data.subspan(4, length), 1, n, nullptr);
        return;
    }
    case Encoding::DeltaBinaryPacked:
        if (type != Type::Int32 && type != Type::Int64)
            break;
        decodeDeltaBinaryPacked(data, n, static_cast<std::int64_t *>(nullptr));
        return;
    case Encoding::DeltaLengthByteArray:
        if (type != Type::ByteArray)
            break;
        requireDeltas(data, "lengths");
        return;
    case Encoding::DeltaByteArray:
        if (type != Type::ByteArray && type != Type::FixedLenByteArray)
            break;
        requireDeltas(data.subspan(requireDeltas(data, "prefix lengths")), "suffix lengths");
        return;
    default:
        break;
    }
    throw unsupportedEncoding(encoding, type);
}

template <typename V>
void decodePlainFixed(Bytes data, std::size_t n, V *out)
{
    std::memcpy(out, data.data(), n * sizeof(V));
}

template <typename V>
    requires std::is_arithmetic_v<V>
void decodeValues(Encoding encoding, Bytes data, std::size_t n, V *out, ValueContext &context)
{
    switch (encoding) {
    case Encoding::Plain:
        decodePlainFixed(data, n, out);
        return;
    case Encoding::ByteStreamSplit:
        decodeByteStreamSplit(data, n, sizeof(V), reinterpret_cast<std::byte *>(out));
        return;
    case Encoding::DeltaBinaryPacked:
        if constexpr (std::is_integral_v<V>) {
            decodeDeltaBinaryPacked(data, n, out);
            return;
        }
        break;
    default:
        break;
    }
    throw unsupportedEncoding(encoding, context.physical);
}

void decodeValues(Encoding encoding, Bytes data, std::size_t n, Int96 *out, ValueContext &context)
{
    if (encoding != Encoding::Plain)
        throw unsupportedEncoding(encoding, context.physical);
    decodePlainFixed(data, n, out);
}

void decodeValues(Encoding encoding, Bytes data, std::size_t n, h5::Bool *out, ValueContext &context)
{
    if (encoding == Encoding::Plain) {
        // One bit per value, least significant first.
        const auto *bytes = reinterpret_cast<const std::uint8_t *>(data.data());
        for (std::size_t i = 0; i < n; ++i)
            out[i] = static_cast<h5::Bool>((bytes[i / 8] >> (i % 8)) & 1);
        return;
    }
    if (encoding == Encoding::Rle) {
        context.bits.resize(n);
        decodeRleHybrid(data.subspan(4, readU32(data.data())), 1, n, context.bits.data());
        for (std::size_t i = 0; i < n; ++i)
            out[i] = static_cast<h5::Bool>(context.bits[i] != 0);
        return;
    }
    throw unsupportedEncoding(encoding, context.physical);
}

void viewStrings(const ValueContext &context, std::string_view *out)
{
    for (std::size_t i = 0; i < context.strings.size(); ++i) {
        if (context.physical == Type::FixedLenByteArray && context.strings[i].size() != context.width)
            throw core::Error("DELTA_BYTE_ARRAY: value " + std::to_string(i) + " has " +
                              std::to_string(context.strings[i].size()) + " bytes, the column's type_length is " +
                              std::to_string(context.width));
        out[i] = context.strings[i];
    }
}

void decodeValues(Encoding encoding, Bytes data, std::size_t n, std::string_view *out, ValueContext &context)
{
    const char *bytes = reinterpret_cast<const char *>(data.data());
    const bool fixed = context.physical == Type::FixedLenByteArray;
    const std::size_t width = context.width;
    switch (encoding) {
    case Encoding::Plain:
        if (fixed) {
            for (std::size_t i = 0; i < n; ++i)
                out[i] = std::string_view(bytes + i * width, width);
        } else {
            std::size_t offset = 0;
            for (std::size_t i = 0; i < n; ++i) {
                if (data.size() - offset < 4)
                    throw core::Error("PLAIN: value " + std::to_string(i) + " of " + std::to_string(n) +
                                      " lies past the page's end");
                const std::uint32_t length = readU32(data.data() + offset);
                offset += 4;
                if (length > data.size() - offset)
                    throw core::Error("PLAIN: value " + std::to_string(i) + " of " + std::to_string(length) +
                                      " bytes overruns the page's end");
                out[i] = std::string_view(bytes + offset, length);
                offset += length;
            }
        }
        return;
    case Encoding::DeltaLengthByteArray:
        if (fixed)
            break;
        context.strings.clear();
        decodeDeltaLengthByteArray(data, n, context.strings);
        viewStrings(context, out);
        return;
    case Encoding::DeltaByteArray:
        context.strings.clear();
        decodeDeltaByteArray(data, n, context.strings);
        viewStrings(context, out);
        return;
    case Encoding::ByteStreamSplit:
        if (!fixed)
            break;
        context.split.resize(n * width);
        decodeByteStreamSplit(data, n, width, context.split.data());
        for (std::size_t i = 0; i < n; ++i)
            out[i] = std::string_view(reinterpret_cast<const char *>(context.split.data()) + i * width, width);
        return;
    default:
        break;
    }
    throw unsupportedEncoding(encoding, context.physical);
}

// Converters from the physical value to the table's; `Identity` when they are the same.
struct Identity {};

template <typename T>
struct Narrow {
    template <typename V>
    T operator()(V value) const
    {
        return static_cast<T>(value);
    }
};

struct CopyBytes {
    std::string operator()(std::string_view value) const { return std::string(value); }
};

struct HalfToFloat {
    float operator()(std::string_view value) const
    {
        return halfToFloat(static_cast<std::uint16_t>(std::uint8_t(value[0]) | std::uint8_t(value[1]) << 8));
    }
};

// A big-endian two's complement integer of any length whose value fits 128 bits (longer values may carry
// redundant sign bytes).
Int128 bigEndianInteger(std::string_view bytes)
{
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(bytes[i]); };
    std::size_t first = 0;
    if (!bytes.empty()) {
        const std::uint8_t fill = (byte(0) & 0x80) ? 0xff : 0x00;
        while (bytes.size() - first > 16 && byte(first) == fill && (byte(first + 1) & 0x80) == (fill & 0x80))
            ++first;
    }
    if (bytes.size() - first > 16)
        throw core::Error("DECIMAL value of " + std::to_string(bytes.size()) + " bytes does not fit 128 bits");
    Unsigned128 value = first < bytes.size() && (byte(first) & 0x80) ? ~static_cast<Unsigned128>(0) : 0;
    for (std::size_t i = first; i < bytes.size(); ++i)
        value = value << 8 | byte(i);
    return static_cast<Int128>(value);
}

struct DecimalToInt64 {
    std::int64_t operator()(std::string_view bytes) const
    {
        const Int128 value = bigEndianInteger(bytes);
        if (value < std::numeric_limits<std::int64_t>::min() || value > std::numeric_limits<std::int64_t>::max())
            throw core::Error("DECIMAL value does not fit 64 bits although its precision is at most 18");
        return static_cast<std::int64_t>(value);
    }
};

struct DecimalToText {
    int scale = 0;

    std::string operator()(std::int32_t value) const { return text(value); }
    std::string operator()(std::int64_t value) const { return text(value); }
    std::string operator()(std::string_view bytes) const { return text(bigEndianInteger(bytes)); }

    std::string text(Int128 value) const
    {
        std::string result;
        appendDecimalText(result, value, scale);
        return result;
    }
};

// The table's values once every chunk is read: as decoded, but INT96 becomes int64 nanoseconds since the
// epoch or, when some value lies outside their range (years 1677 to 2262, which Spark's sentinels such as
// 9999-12-31 leave), microseconds or else milliseconds, which hold every INT96: no value is lost, only the
// digits below the unit.
template <typename T>
h5::ColumnData tableData(std::vector<T> &&values, h5::ColumnType &, const std::vector<std::uint8_t> &)
{
    return std::move(values);
}

h5::ColumnData tableData(std::vector<Int96> &&values, h5::ColumnType &type, const std::vector<std::uint8_t> &valid)
{
    constexpr std::int64_t unixEpochJulianDay = 2440588;
    constexpr std::int64_t nanosPerDay = 86'400'000'000'000;
    const auto nanos = [&](std::size_t i) {
        std::int64_t nanosOfDay;
        std::int32_t julianDay;
        std::memcpy(&nanosOfDay, values[i].bytes, 8);
        std::memcpy(&julianDay, values[i].bytes + 8, 4);
        return static_cast<Int128>(julianDay - unixEpochJulianDay) * nanosPerDay + nanosOfDay;
    };
    const auto present = [&](std::size_t i) { return valid.empty() || valid[i] != 0; };
    Int128 lowest = 0, highest = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (present(i)) {
            lowest = std::min(lowest, nanos(i));
            highest = std::max(highest, nanos(i));
        }
    }
    const auto fits = [&](std::int64_t divisor) {
        return lowest / divisor >= std::numeric_limits<std::int64_t>::min() + 1 &&
               highest / divisor <= std::numeric_limits<std::int64_t>::max();
    };
    const std::int64_t divisor = fits(1) ? 1 : fits(1000) ? 1000 : 1'000'000;
    type.unit = divisor == 1 ? h5::TimeUnit::Nanos : divisor == 1000 ? h5::TimeUnit::Micros : h5::TimeUnit::Millis;
    std::vector<std::int64_t> result(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (present(i)) {
            const Int128 value = nanos(i);
            result[i] = static_cast<std::int64_t>(value / divisor - (value % divisor < 0 ? 1 : 0));
        }
    }
    return result;
}

// The page loop, levels, decompression and checksums: all that does not depend on the value type. Typed
// subclasses decode the values of a page (one virtual call per page, none per value).
class ChunkReaderBase : public ColumnChunkReader {
public:
    ChunkReaderBase(const SchemaLeaf &leaf, std::size_t expectedRows)
        : m_type(leaf.description.tableType), m_expectedRows(expectedRows),
          m_maxDefinition(leaf.description.optional ? 1 : 0)
    {
        m_context.physical = leaf.description.physicalType;
        m_context.width = static_cast<std::size_t>(leaf.description.typeLength);
    }

    void appendChunk(Bytes chunk, const ChunkInfo &info) override
    {
        m_codec = info.codec;
        m_hasDictionary = false;
        bool dataSeen = false;
        const auto rows = static_cast<std::size_t>(info.rows);
        std::size_t rowsLeft = rows;
        std::size_t offset = 0;
        const std::size_t stated = chunk.size() - std::min(info.slack, chunk.size());
        for (std::size_t page = 0; offset < chunk.size() && (rowsLeft > 0 || offset < stated); ++page) {
            try {
                std::size_t headerSize = 0;
                const PageHeader header = decodePageHeader(chunk.subspan(offset), headerSize);
                if (headerSize == 0 || headerSize > chunk.size() - offset)
                    throw core::Error("page header of " + std::to_string(headerSize) + " bytes");
                offset += headerSize;
                if (header.compressedPageSize < 0 || header.uncompressedPageSize < 0)
                    throw core::Error("negative page size in the page header");
                // Checked before anything is allocated for the page.
                if (header.uncompressedPageSize > info.uncompressedSize)
                    throw core::Error("page of " + std::to_string(header.uncompressedPageSize) +
                                      " bytes uncompressed, more than its column chunk's " +
                                      std::to_string(info.uncompressedSize));
                if (static_cast<std::size_t>(header.compressedPageSize) > chunk.size() - offset)
                    throw core::Error("page of " + std::to_string(static_cast<std::size_t>(header.compressedPageSize)) +
                                      " bytes runs past the end of the column chunk (" +
                                      std::to_string(chunk.size() - offset) + " bytes left)");
                const Bytes data = chunk.subspan(offset, static_cast<std::size_t>(header.compressedPageSize));
                offset += data.size();
                if (header.crc)
                    checkCrc(data, static_cast<std::uint32_t>(*header.crc));
                switch (header.type) {
                case PageType::DictionaryPage:
                    if (dataSeen || m_hasDictionary)
                        throw core::Error("dictionary page after the chunk's first page");
                    dictionaryPage(header, data);
                    m_hasDictionary = true;
                    break;
                case PageType::DataPage:
                    rowsLeft -= dataPageV1(header, data, rowsLeft);
                    dataSeen = true;
                    break;
                case PageType::DataPageV2:
                    rowsLeft -= dataPageV2(header, data, rowsLeft);
                    dataSeen = true;
                    break;
                default: // index pages, and page types newer than this code, hold no rows
                    break;
                }
            } catch (const core::Error &error) {
                throw core::Error("page " + std::to_string(page) + ": " + error.what());
            }
        }
        if (rowsLeft != 0)
            throw core::Error("the column chunk ends after " + std::to_string(rows - rowsLeft) +
                              " of the row group's " + std::to_string(rows) + " rows");
    }

protected:
    // `count` PLAIN values of a dictionary page.
    virtual void dictionaryValues(Bytes data, std::size_t count) = 0;
    // The values of a data page's `rows` rows, `present` of which are not null; `valid` (one entry per row)
    // is null when all are present.
    virtual void dataValues(Encoding encoding, Bytes data, std::size_t rows, std::size_t present,
                            const std::uint8_t *valid) = 0;

    h5::ColumnType m_type;
    ValueContext m_context;
    bool m_hasDictionary = false;
    std::vector<std::uint8_t> m_valid; // empty until the first null
    std::size_t m_expectedRows = 0;

private:
    static void checkCrc(Bytes data, std::uint32_t expected)
    {
        const auto actual = static_cast<std::uint32_t>(
            crc32_z(crc32(0, nullptr, 0), reinterpret_cast<const Bytef *>(data.data()), data.size()));
        if (actual != expected) {
            char text[64];
            std::snprintf(text, sizeof text, "CRC mismatch (header 0x%08x, data 0x%08x)", expected, actual);
            throw core::Error(text);
        }
    }

    Bytes decompressed(Codec codec, Bytes data, std::int32_t uncompressedSize)
    {
        const auto size = static_cast<std::size_t>(uncompressedSize);
        if (codec == Codec::Uncompressed || (data.empty() && size == 0)) {
            if (data.size() != size)
                throw core::Error("uncompressed page of " + std::to_string(data.size()) + " bytes, its header says " +
                                  std::to_string(size));
            return data;
        }
        m_buffer = decompress(codec, data, size);
        return std::as_bytes(std::span(m_buffer));
    }

    // What gather() relies on: a dictionary, and `n` indices in `data`.
    void requireIndices(Encoding encoding, Bytes data, std::size_t n) const
    {
        if (n == 0)
            return;
        if (!m_hasDictionary)
            throw core::Error(toString(encoding) + " page without a dictionary page");
        if (data.empty())
            throw core::Error("dictionary indices: no bit width");
        const auto bitWidth = static_cast<int>(data[0]);
        if (bitWidth > 32)
            throw core::Error("dictionary indices: bit width " + std::to_string(bitWidth));
        if (bitWidth > 0) {
            try {
                decodeRleHybrid(data.subspan(1), bitWidth, n, nullptr);
            } catch (const core::Error &error) {
                throw core::Error(std::string("dictionary indices: ") + error.what());
            }
        }
    }

    static std::size_t pageRows(std::int32_t values, std::size_t rowsLeft)
    {
        if (values < 0)
            throw core::Error("negative value count " + std::to_string(values));
        if (static_cast<std::size_t>(values) > rowsLeft)
            throw core::Error("the page holds " + std::to_string(values) + " values, only " + std::to_string(rowsLeft) +
                              " rows of the row group are left");
        return static_cast<std::size_t>(values);
    }

    void dictionaryPage(const PageHeader &header, Bytes data)
    {
        if (!header.dictionaryPageHeader)
            throw core::Error("dictionary page without a dictionary_page_header");
        const DictionaryPageHeader &dictionary = *header.dictionaryPageHeader;
        if (dictionary.encoding != Encoding::Plain && dictionary.encoding != Encoding::PlainDictionary)
            throw core::Error("dictionary page encoded " + toString(dictionary.encoding));
        if (dictionary.numValues < 0)
            throw core::Error("negative dictionary size " + std::to_string(dictionary.numValues));
        const Bytes values = decompressed(m_codec, data, header.uncompressedPageSize);
        requireValues(Encoding::Plain, values, static_cast<std::size_t>(dictionary.numValues), m_context);
        dictionaryValues(values, static_cast<std::size_t>(dictionary.numValues));
    }

    std::size_t dataPageV1(const PageHeader &header, Bytes data, std::size_t rowsLeft)
    {
        if (!header.dataPageHeader)
            throw core::Error("data page without a data_page_header");
        const DataPageHeader &page = *header.dataPageHeader;
        const std::size_t rows = pageRows(page.numValues, rowsLeft);
        const Bytes bytes = decompressed(m_codec, data, header.uncompressedPageSize);
        std::size_t levelsSize = 0;
        if (m_maxDefinition > 0) {
            try {
                levelsSize = definitionLevelsV1(page.definitionLevelEncoding, bytes, rows);
            } catch (const core::Error &error) {
                throw core::Error(std::string("definition levels: ") + error.what());
            }
        }
        appendRows(page.encoding, bytes.subspan(levelsSize), rows);
        return rows;
    }

    std::size_t definitionLevelsV1(Encoding encoding, Bytes bytes, std::size_t rows)
    {
        const int bitWidth = bitWidthFor(static_cast<std::uint64_t>(m_maxDefinition));
        // The levels are checked to hold `rows` values before m_levels is sized for them.
        if (encoding == Encoding::Rle) {
            if (bytes.size() < 4)
                throw core::Error("no length before the levels");
            const std::uint32_t length = readU32(bytes.data());
            if (length > bytes.size() - 4)
                throw core::Error(std::to_string(length) + " bytes overrun the page's " +
                                  std::to_string(bytes.size() - 4));
            const Bytes levels = bytes.subspan(4, length);
            decodeRleHybrid(levels, bitWidth, rows, nullptr);
            m_levels.resize(rows);
            decodeRleHybrid(levels, bitWidth, rows, m_levels.data());
            return 4 + std::size_t{length};
        }
        if (encoding == Encoding::BitPacked) {
            if ((std::uint64_t{rows} * static_cast<std::uint64_t>(bitWidth) + 7) / 8 > bytes.size())
                throw core::Error("BIT_PACKED: " + std::to_string(rows) + " levels of " + std::to_string(bitWidth) +
                                  " bits overrun the page's " + std::to_string(bytes.size()) + " bytes");
            m_levels.resize(rows);
            return decodeBitPackedLegacy(bytes, bitWidth, rows, m_levels.data());
        }
        throw core::Error("encoded " + toString(encoding));
    }

    std::size_t dataPageV2(const PageHeader &header, Bytes data, std::size_t rowsLeft)
    {
        if (!header.dataPageHeaderV2)
            throw core::Error("data page v2 without a data_page_header_v2");
        const DataPageHeaderV2 &page = *header.dataPageHeaderV2;
        const std::size_t rows = pageRows(page.numValues, rowsLeft);
        // Levels come first and are never compressed.
        const std::int64_t repetitionSize = page.repetitionLevelsByteLength,
                           definitionSize = page.definitionLevelsByteLength;
        if (repetitionSize < 0 || definitionSize < 0 ||
            repetitionSize + definitionSize > static_cast<std::int64_t>(data.size()))
            throw core::Error("levels of " + std::to_string(repetitionSize) + " + " + std::to_string(definitionSize) +
                              " bytes do not fit the page's " + std::to_string(data.size()));
        const auto levelsSize = static_cast<std::size_t>(repetitionSize + definitionSize);
        if (m_maxDefinition > 0) {
            const Bytes levels =
                data.subspan(static_cast<std::size_t>(repetitionSize), static_cast<std::size_t>(definitionSize));
            const int bitWidth = bitWidthFor(static_cast<std::uint64_t>(m_maxDefinition));
            try {
                // Checked to hold `rows` levels before m_levels is sized for them.
                decodeRleHybrid(levels, bitWidth, rows, nullptr);
                m_levels.resize(rows);
                decodeRleHybrid(levels, bitWidth, rows, m_levels.data());
            } catch (const core::Error &error) {
                throw core::Error(std::string("definition levels: ") + error.what());
            }
        }
        if (static_cast<std::size_t>(header.uncompressedPageSize) < levelsSize)
            throw core::Error("uncompressed page of " + std::to_string(header.uncompressedPageSize) +
                              " bytes is smaller than its levels");
        const std::size_t present = appendRows(
            page.encoding,
            decompressed(page.isCompressed ? m_codec : Codec::Uncompressed, data.subspan(levelsSize),
                         header.uncompressedPageSize - static_cast<std::int32_t>(levelsSize)),
            rows);
        if (page.numNulls < 0 || rows - present != static_cast<std::size_t>(page.numNulls))
            throw core::Error("the definition levels hold " + std::to_string(rows - present) +
                              " nulls, the page header says " + std::to_string(page.numNulls));
        return rows;
    }

    // Decodes the values of `rows` rows, whose definition levels (when the column is optional) are in
    // m_levels, and appends them. Returns how many are not null.
    std::size_t appendRows(Encoding encoding, Bytes values, std::size_t rows)
    {
        std::size_t present = rows;
        const std::uint8_t *valid = nullptr;
        if (m_maxDefinition > 0) {
            m_pageValid.resize(rows);
            present = 0;
            const auto maxDefinition = static_cast<std::uint32_t>(m_maxDefinition);
            std::uint32_t highest = 0; // checked after the loop, which then vectorises
            for (std::size_t i = 0; i < rows; ++i) {
                const std::uint32_t level = m_levels[i];
                highest = std::max(highest, level);
                const std::uint8_t isPresent = level == maxDefinition;
                m_pageValid[i] = isPresent;
                present += isPresent;
            }
            if (highest > maxDefinition)
                throw core::Error("definition level " + std::to_string(highest) + " above the column's maximum " +
                                  std::to_string(m_maxDefinition));
            if (present < rows)
                valid = m_pageValid.data();
        }
        // Dictionary indices are checked here rather than in requireValues, which knows no dictionary.
        if (encoding == Encoding::PlainDictionary || encoding == Encoding::RleDictionary)
            requireIndices(encoding, values, present);
        else
            requireValues(encoding, values, present, m_context);
        dataValues(encoding, values, rows, present, valid);
        if (valid) {
            if (m_valid.empty()) {
                m_valid.reserve(m_expectedRows);
                m_valid.assign(m_rows, 1);
            }
            m_valid.insert(m_valid.end(), valid, valid + rows);
        } else if (!m_valid.empty()) {
            m_valid.insert(m_valid.end(), rows, 1);
        }
        m_rows += rows;
        return present;
    }

    int m_maxDefinition = 0;
    Codec m_codec = Codec::Uncompressed;
    std::size_t m_rows = 0;
    std::string m_buffer; // the current page, decompressed
    std::vector<std::uint32_t> m_levels;
    std::vector<std::uint8_t> m_pageValid;
};

// P: the physical value as decoded; T: the table's value; Convert: P -> T, or Identity when P is T.
template <typename P, typename T, typename Convert>
class TypedChunkReader final : public ChunkReaderBase {
public:
    TypedChunkReader(const SchemaLeaf &leaf, std::size_t expectedRows, Convert convert)
        : ChunkReaderBase(leaf, expectedRows), m_convert(convert)
    {
        m_values.reserve(expectedRows);
    }

    h5::Column finish(std::string name) override
    {
        h5::Column column{std::move(name), {}, std::move(m_valid), m_type};
        column.data = tableData(std::move(m_values), column.type, column.valid);
        return column;
    }

private:
    static constexpr bool direct = std::is_same_v<Convert, Identity>;
    static_assert(!direct || std::is_same_v<P, T>);

    void decodeInto(Encoding encoding, Bytes data, std::size_t n, T *out)
    {
        if constexpr (direct) {
            decodeValues(encoding, data, n, out, m_context);
        } else {
            m_physical.resize(n);
            decodeValues(encoding, data, n, m_physical.data(), m_context);
            for (std::size_t i = 0; i < n; ++i)
                out[i] = m_convert(m_physical[i]);
        }
    }

    void dictionaryValues(Bytes data, std::size_t n) override
    {
        m_dictionary.resize(n);
        decodeInto(Encoding::Plain, data, n, m_dictionary.data());
    }

    void dataValues(Encoding encoding, Bytes data, std::size_t rows, std::size_t present,
                    const std::uint8_t *valid) override
    {
        const std::size_t start = m_values.size();
        m_values.resize(start + rows);
        T *out = m_values.data() + start;
        if (encoding == Encoding::PlainDictionary || encoding == Encoding::RleDictionary)
            gather(data, present, out);
        else
            decodeInto(encoding, data, present, out);
        if (valid)
            spread(out, rows, present, valid);
    }

    // After requireIndices.
    void gather(Bytes data, std::size_t n, T *out)
    {
        if (n == 0)
            return;
        const auto bitWidth = static_cast<int>(data[0]);
        m_indices.resize(n);
        if (bitWidth == 0)
            std::fill(m_indices.begin(), m_indices.end(), 0);
        else
            decodeRleHybrid(data.subspan(1), bitWidth, n, m_indices.data());
        const std::size_t size = m_dictionary.size();
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint32_t index = m_indices[i];
            if (index >= size)
                throw core::Error("dictionary index " + std::to_string(index) + " out of range (the dictionary has " +
                                  std::to_string(size) + " values)");
            out[i] = m_dictionary[index];
        }
    }

    // Moves the `present` values at the start of out[0, rows) to the rows `valid` marks, back to front so
    // that no value is overwritten before it moves; null rows get T{}.
    static void spread(T *out, std::size_t rows, std::size_t present, const std::uint8_t *valid)
    {
        std::size_t next = present;
        for (std::size_t row = rows; row-- > 0;) {
            if (valid[row]) {
                --next;
                if (next != row)
                    out[row] = std::move(out[next]);
            } else {
                out[row] = T{};
            }
        }
    }

    Convert m_convert;
    std::vector<T> m_values;
    std::vector<T> m_dictionary;
    std::vector<P> m_physical;
    std::vector<std::uint32_t> m_indices;
};

template <typename P, typename T, typename Convert = Identity>
std::unique_ptr<ColumnChunkReader> make(const SchemaLeaf &leaf, std::size_t expectedRows, Convert convert = {})
{
    return std::make_unique<TypedChunkReader<P, T, Convert>>(leaf, expectedRows, convert);
}

} // namespace

std::unique_ptr<ColumnChunkReader> makeColumnChunkReader(const SchemaLeaf &leaf, std::size_t expectedRows)
{
    const ColumnDescription &column = leaf.description;
    const bool decimal = column.tableType.kind == h5::ColumnType::Kind::Decimal;
    const DecimalToText decimalText{column.tableType.scale};
    switch (column.physicalType) {
    case Type::Boolean:
        return make<h5::Bool, h5::Bool>(leaf, expectedRows);
    case Type::Int32:
        switch (leaf.storage) {
        case Storage::Int8: return make<std::int32_t, std::int8_t>(leaf, expectedRows, Narrow<std::int8_t>{});
        case Storage::UInt8: return make<std::int32_t, std::uint8_t>(leaf, expectedRows, Narrow<std::uint8_t>{});
        case Storage::Int16: return make<std::int32_t, std::int16_t>(leaf, expectedRows, Narrow<std::int16_t>{});
        case Storage::UInt16: return make<std::int32_t, std::uint16_t>(leaf, expectedRows, Narrow<std::uint16_t>{});
        case Storage::Int32: return make<std::int32_t, std::int32_t>(leaf, expectedRows);
        case Storage::UInt32: return make<std::int32_t, std::uint32_t>(leaf, expectedRows, Narrow<std::uint32_t>{});
        case Storage::Int64: return make<std::int32_t, std::int64_t>(leaf, expectedRows, Narrow<std::int64_t>{});
        case Storage::String: return make<std::int32_t, std::string>(leaf, expectedRows, decimalText);
        default: break;
        }
        break;
    case Type::Int64:
        switch (leaf.storage) {
        case Storage::Int64: return make<std::int64_t, std::int64_t>(leaf, expectedRows);
        case Storage::UInt64: return make<std::int64_t, std::uint64_t>(leaf, expectedRows, Narrow<std::uint64_t>{});
        case Storage::String: return make<std::int64_t, std::string>(leaf, expectedRows, decimalText);
        default: break;
        }
        break;
    case Type::Int96:
        return make<Int96, Int96>(leaf, expectedRows);
    case Type::Float:
        return make<float, float>(leaf, expectedRows);
    case Type::Double:
        return make<double, double>(leaf, expectedRows);
    case Type::ByteArray:
    case Type::FixedLenByteArray:
        switch (leaf.storage) {
        case Storage::String:
            if (decimal)
                return make<std::string_view, std::string>(leaf, expectedRows, decimalText);
            return make<std::string_view, std::string>(leaf, expectedRows, CopyBytes{});
        case Storage::Int64: return make<std::string_view, std::int64_t>(leaf, expectedRows, DecimalToInt64{});
        case Storage::Float: return make<std::string_view, float>(leaf, expectedRows, HalfToFloat{});
        default: break;
        }
        break;
    }
    throw core::Error("column '" + column.name + "': no decoder for " + toString(column.physicalType) + " as " +
                      (column.logicalType.empty() ? "its physical type" : column.logicalType));
}

} // namespace parquet
