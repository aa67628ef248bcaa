#include "core/formats/parquet/parquetwriter.h"

#include "core/buildinfo.h"
#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/files/systemcalls.h"
#include "core/formats/parquet/compression.h"
#include "core/formats/parquet/decimal.h"
#include "core/formats/parquet/encodings.h"
#include "core/formats/parquet/float16.h"
#include "core/formats/parquet/tabletoschema.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace parquet {

namespace {

// PLAIN numbers are little-endian: the writer copies them as they are in memory.
static_assert(std::endian::native == std::endian::little);

constexpr std::string_view magic = "PAR1";
// Statistics are repeated in every page header and in the footer; like parquet-cpp, the writer leaves out
// min/max of long byte arrays rather than copy whole blobs there.
constexpr std::size_t maxStatisticsBytes = 4096;
// Pages also end after this many rows: where values take no bits at all (a one-entry dictionary, a column of
// nulls) the byte budget alone would make a page of a whole row group.
constexpr std::size_t maxPageRows = 1 << 20;

// Where the file's bytes go, counting them for the offsets the footer records.
class Output {
public:
    virtual ~Output() = default;
    void write(std::string_view bytes)
    {
        put(bytes);
        m_offset += static_cast<std::int64_t>(bytes.size());
    }
    std::int64_t offset() const { return m_offset; }

private:
    virtual void put(std::string_view bytes) = 0;
    std::int64_t m_offset = 0;
};

class StringOutput final : public Output {
public:
    std::string bytes;

private:
    void put(std::string_view data) override { bytes.append(data); }
};

class FileOutput final : public Output {
public:
    explicit FileOutput(const std::filesystem::path &path)
        : m_file(path)
    {
    }
    void close() { m_file.close(); }

private:
    void put(std::string_view data) override { m_file.write(data); }

    files::NewFile m_file;
};

template <typename Number>
void appendLittleEndian(std::string &out, Number value)
{
    char bytes[sizeof(Number)];
    std::memcpy(bytes, &value, sizeof(Number));
    out.append(bytes, sizeof(Number));
}

std::span<const std::byte> asBytes(std::string_view text)
{
    return std::as_bytes(std::span(text.data(), text.size()));
}

// --- PLAIN -------------------------------------------------------------------------------------------------

// A value's PLAIN size in bits, which is what decides where pages end. BYTE_ARRAY values carry a 4-byte length;
// FIXED_LEN_BYTE_ARRAY values (also std::string_view here) do not.
template <typename P>
std::uint64_t plainBits(const P &value, bool lengthPrefixed)
{
    if constexpr (std::is_same_v<P, std::string_view>)
        return 8 * (value.size() + (lengthPrefixed ? 4 : 0));
    else if constexpr (std::is_same_v<P, h5::Bool>)
        return 1;
    else
        return 8 * sizeof(P);
}

template <typename P>
void appendPlain(std::string &out, std::span<const P> values, bool)
{
    out.append(reinterpret_cast<const char *>(values.data()), values.size_bytes());
}

// Bit-packed, the first value in the least significant bit.
void appendPlain(std::string &out, std::span<const h5::Bool> values, bool)
{
    const std::size_t start = out.size();
    out.resize(start + (values.size() + 7) / 8, '\0');
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i] != h5::Bool::False)
            out[start + i / 8] = static_cast<char>(out[start + i / 8] | (1 << (i % 8)));
}

void appendPlain(std::string &out, std::span<const std::string_view> values, bool lengthPrefixed)
{
    std::size_t size = 0;
    for (const std::string_view value : values)
        size += value.size() + (lengthPrefixed ? 4 : 0);
    std::size_t position = out.size();
    out.resize(position + size);
    for (const std::string_view value : values) {
        if (lengthPrefixed) {
            const auto length = static_cast<std::uint32_t>(value.size());
            std::memcpy(out.data() + position, &length, 4);
            position += 4;
        }
        std::memcpy(out.data() + position, value.data(), value.size());
        position += value.size();
    }
}

// --- Sort orders for statistics ----------------------------------------------------------------------------

// operator< is the specification's order for signed integers, booleans (false < true) and byte arrays
// (std::string_view compares bytes as unsigned char).
struct NaturalOrder {
    template <typename P>
    static bool less(const P &a, const P &b) { return a < b; }
    template <typename P>
    static bool ignored(const P &) { return false; }
    template <typename P>
    static std::pair<P, P> bounds(const P &min, const P &max) { return {min, max}; }
};

struct UnsignedOrder : NaturalOrder {
    template <typename P>
    static bool less(P a, P b) { return static_cast<std::make_unsigned_t<P>>(a) < static_cast<std::make_unsigned_t<P>>(b); }
};

// NaN has no place in the order, and the zeros compare equal: the specification asks for -0.0 as the
// minimum and +0.0 as the maximum whenever a bound is zero, so that readers filtering on either sign keep the
// chunk.
struct FloatOrder : NaturalOrder {
    template <typename P>
    static bool ignored(P value) { return std::isnan(value); }
    template <typename P>
    static std::pair<P, P> bounds(P min, P max) { return {min == 0 ? P(-0.0) : min, max == 0 ? P(0.0) : max}; }
};

// Big-endian two's complement of equal widths: the first byte compares signed, the rest unsigned.
struct DecimalBytesOrder : NaturalOrder {
    static bool less(std::string_view a, std::string_view b)
    {
        const auto signedFirst = [](std::string_view bytes) { return static_cast<std::int8_t>(bytes.front()); };
        if (signedFirst(a) != signedFirst(b))
            return signedFirst(a) < signedFirst(b);
        return a.substr(1) < b.substr(1);
    }
};

// FLOAT16 orders as its float values do, with FloatOrder's rules for NaN and zeros.
struct HalfOrder : NaturalOrder {
    static float value(std::string_view bytes)
    {
        return halfToFloat(static_cast<std::uint16_t>(static_cast<std::uint8_t>(bytes[0]) |
                                                      static_cast<std::uint8_t>(bytes[1]) << 8));
    }
    static bool less(std::string_view a, std::string_view b) { return value(a) < value(b); }
    static bool ignored(std::string_view bytes) { return std::isnan(value(bytes)); }
    static std::pair<std::string_view, std::string_view> bounds(std::string_view min, std::string_view max)
    {
        static constexpr char negativeZero[] = {'\x00', '\x80'};
        static constexpr char positiveZero[] = {'\x00', '\x00'};
        return {value(min) == 0 ? std::string_view(negativeZero, 2) : min,
                value(max) == 0 ? std::string_view(positiveZero, 2) : max};
    }
};

template <typename Order, typename P>
class Extremes {
public:
    void add(std::span<const P> values)
    {
        auto next = values.begin();
        if (!m_found) {
            while (next != values.end() && Order::ignored(*next))
                ++next;
            if (next == values.end())
                return;
            m_min = m_max = *next++;
            m_found = true;
        }
        // An ignored value (NaN) compares false with everything, so it can never replace a bound: the loop
        // needs no test for it.
        P min = m_min;
        P max = m_max;
        for (; next != values.end(); ++next) {
            if (Order::less(*next, min))
                min = *next;
            if (Order::less(max, *next))
                max = *next;
        }
        m_min = min;
        m_max = max;
    }
    void add(const Extremes &other)
    {
        if (!other.m_found)
            return;
        if (!m_found) {
            *this = other;
            return;
        }
        if (Order::less(other.m_min, m_min))
            m_min = other.m_min;
        if (Order::less(m_max, other.m_max))
            m_max = other.m_max;
    }

    Statistics statistics(std::int64_t nullCount) const
    {
        Statistics result;
        result.nullCount = nullCount;
        if (!m_found)
            return result;
        const auto [min, max] = Order::bounds(m_min, m_max);
        std::string minValue, maxValue;
        // Min/max of byte arrays are stored without the PLAIN length prefix.
        appendPlain(minValue, std::span<const P>(&min, 1), false);
        appendPlain(maxValue, std::span<const P>(&max, 1), false);
        if (minValue.size() <= maxStatisticsBytes && maxValue.size() <= maxStatisticsBytes) {
            result.minValue = std::move(minValue);
            result.maxValue = std::move(maxValue);
        }
        return result;
    }

private:
    P m_min{};
    P m_max{};
    bool m_found = false;
};

// --- Dictionary --------------------------------------------------------------------------------------------

// Values are the same dictionary entry when their bits are: -0.0 stays apart from 0.0, and a NaN finds its
// entry.
template <typename P>
std::uint64_t hashOf(const P &value)
{
    std::uint64_t bits;
    if constexpr (std::is_same_v<P, std::string_view>) {
        bits = std::hash<std::string_view>{}(value);
    } else {
        using Bits = std::conditional_t<sizeof(P) == 4, std::uint32_t, std::uint64_t>;
        bits = std::bit_cast<Bits>(value);
    }
    return bits * 0x9e3779b97f4a7c15u; // Fibonacci hashing: the slot is the top bits
}

// Byte arrays are compared a word at a time inline: most are short, and a call to memcmp per lookup costs
// more than the comparison.
inline bool sameBytes(const char *a, const char *b, std::size_t size)
{
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t x, y;
        std::memcpy(&x, a + i, 8);
        std::memcpy(&y, b + i, 8);
        if (x != y)
            return false;
    }
    for (; i < size; ++i)
        if (a[i] != b[i])
            return false;
    return true;
}

// A dictionary's entries while it is built. Numbers are kept as they are.
template <typename P>
class Entries {
public:
    void clear() { m_values.clear(); }
    void reserve(std::span<const P>, std::size_t) {}
    std::size_t size() const { return m_values.size(); }
    void add(const P &value) { m_values.push_back(value); }
    bool holds(std::size_t entry, const P &value) const
    {
        return std::memcmp(&m_values[entry], &value, sizeof(P)) == 0;
    }
    const P &operator[](std::size_t entry) const { return m_values[entry]; }
    const std::vector<P> &values() { return m_values; }

private:
    std::vector<P> m_values;
};

// Byte arrays are copied one after the other into a buffer and found by their start offsets: a lookup reads
// a few hundred kilobytes that stay in cache, rather than first occurrences spread over the whole column.
template <>
class Entries<std::string_view> {
public:
    void clear()
    {
        m_bytes.clear();
        m_starts.assign(1, 0);
    }
    // values() hands out views into m_bytes, so it must never reallocate: it holds at most the values' bytes,
    // and at most maxBytes, past which the dictionary is abandoned.
    void reserve(std::span<const std::string_view> values, std::size_t maxBytes)
    {
        std::size_t total = 0;
        for (const std::string_view value : values)
            total += value.size();
        m_bytes.reserve(std::min(total, maxBytes));
    }
    std::size_t size() const { return m_starts.size() - 1; }
    void add(std::string_view value)
    {
        m_bytes.append(value);
        m_starts.push_back(static_cast<std::uint32_t>(m_bytes.size()));
    }
    bool holds(std::size_t entry, std::string_view value) const
    {
        return m_starts[entry + 1] - m_starts[entry] == value.size() &&
               sameBytes(m_bytes.data() + m_starts[entry], value.data(), value.size());
    }
    std::string_view operator[](std::size_t entry) const
    {
        return std::string_view(m_bytes).substr(m_starts[entry], m_starts[entry + 1] - m_starts[entry]);
    }
    const std::vector<std::string_view> &values()
    {
        m_views.clear();
        for (std::size_t entry = 0; entry < size(); ++entry)
            m_views.push_back((*this)[entry]);
        return m_views;
    }

private:
    std::string m_bytes;
    std::vector<std::uint32_t> m_starts{0};
    std::vector<std::string_view> m_views;
};

// A chunk's distinct values in order of first appearance and each value's entry, found through an
// open-addressing table of entry numbers: no allocation per value, and none per chunk once the first chunks
// have sized the buffers.
template <typename P>
class Dictionary {
public:
    // False, leaving the dictionary incomplete, as soon as the entries' PLAIN size would pass `maxBytes`.
    bool build(std::span<const P> values, std::size_t maxBytes, bool lengthPrefixed)
    {
        // A dictionary page's size is an int32.
        maxBytes = std::min<std::size_t>(maxBytes, std::numeric_limits<std::int32_t>::max());
        m_entries.clear();
        m_entries.reserve(values, maxBytes);
        m_indices.resize(values.size());
        resizeSlots(10);
        // Slots are read in random order from a table larger than the caches: the slot of the value
        // `lookAhead` places on is fetched while this one is looked up, its hash kept in a ring until then.
        constexpr std::size_t lookAhead = 16;
        std::array<std::uint64_t, lookAhead> hashes;
        for (std::size_t i = 0; i < std::min(lookAhead, values.size()); ++i)
            hashes[i] = hashOf(values[i]);
        std::uint64_t bytes = 0;
        for (std::size_t i = 0; i < values.size(); ++i) {
            const P &value = values[i];
            const std::uint64_t hash = hashes[i % lookAhead];
            if (i + lookAhead < values.size()) {
                hashes[i % lookAhead] = hashOf(values[i + lookAhead]);
                __builtin_prefetch(&m_slots[hashes[i % lookAhead] >> m_shift]);
            }
            const auto tag = static_cast<std::uint32_t>(hash);
            for (std::size_t slot = hash >> m_shift;; slot = (slot + 1) & m_mask) {
                const std::uint64_t content = m_slots[slot];
                if (content == 0) {
                    bytes += plainBits(value, lengthPrefixed) / 8;
                    if (bytes > maxBytes)
                        return false;
                    m_indices[i] = static_cast<std::uint32_t>(m_entries.size());
                    m_entries.add(value);
                    m_slots[slot] = slotContent(tag, m_entries.size());
                    if (2 * m_entries.size() > m_slots.size())
                        resizeSlots(m_bits + 1);
                    break;
                }
                const std::size_t entry = (content & 0xffffffffu) - 1;
                if (static_cast<std::uint32_t>(content >> 32) == tag && m_entries.holds(entry, value)) {
                    m_indices[i] = static_cast<std::uint32_t>(entry);
                    break;
                }
            }
        }
        return true;
    }

    std::size_t size() const { return m_entries.size(); }
    const std::vector<P> &entries() { return m_entries.values(); }
    const std::vector<std::uint32_t> &indices() const { return m_indices; }

private:
    // A slot holds the hash's low half as a tag, which spares most comparisons of unequal byte arrays, and
    // the entry number + 1 (0: empty).
    static std::uint64_t slotContent(std::uint32_t tag, std::size_t entryPlusOne)
    {
        return static_cast<std::uint64_t>(tag) << 32 | entryPlusOne;
    }

    void resizeSlots(int bits)
    {
        m_bits = bits;
        m_shift = 64 - bits;
        m_mask = (std::size_t{1} << bits) - 1;
        m_slots.assign(std::size_t{1} << bits, 0);
        for (std::size_t entry = 0; entry < m_entries.size(); ++entry) {
            const std::uint64_t hash = hashOf(m_entries[entry]);
            std::size_t slot = hash >> m_shift;
            while (m_slots[slot] != 0)
                slot = (slot + 1) & m_mask;
            m_slots[slot] = slotContent(static_cast<std::uint32_t>(hash), entry + 1);
        }
    }

    Entries<P> m_entries;
    std::vector<std::uint32_t> m_indices;
    std::vector<std::uint64_t> m_slots;
    int m_bits = 0;
    int m_shift = 64;
    std::size_t m_mask = 0;
};

// Buffers kept from one column chunk to the next: allocated afresh for every chunk, they showed up in
// profiles as page faults.
class Workspace {
public:
    // A chunk's non-null values in their physical type, where they are not the column's own.
    template <typename P>
    std::vector<P> &values() { return std::get<std::vector<P>>(m_values); }
    template <typename P>
    Dictionary<P> &dictionary() { return std::get<Dictionary<P>>(m_dictionaries); }

    std::string fixedBytes; // FIXED_LEN_BYTE_ARRAY values, which values<std::string_view>() views
    std::string page;
    std::vector<std::uint32_t> levels;

private:
    std::tuple<std::vector<std::int32_t>, std::vector<std::int64_t>, std::vector<float>, std::vector<double>,
               std::vector<h5::Bool>, std::vector<std::string_view>>
        m_values;
    std::tuple<Dictionary<std::int32_t>, Dictionary<std::int64_t>, Dictionary<float>, Dictionary<double>,
               Dictionary<std::string_view>>
        m_dictionaries;
};

// --- Pages -------------------------------------------------------------------------------------------------

// One column chunk being written: the column, its rows and where its pages go.
struct Chunk {
    const WriteOptions &options;
    Output &output;
    Workspace &workspace;
    const h5::Column &column;
    const LeafSchema &leaf;
    std::size_t begin = 0; // rows
    std::size_t end = 0;

    bool lengthPrefixed() const { return leaf.element.type == Type::ByteArray; }
    std::string where() const { return "column '" + column.name + "'"; }
};

// Compresses, checksums and writes one chunk's pages, and adds them up for the chunk's metadata.
class PageWriter {
public:
    explicit PageWriter(const Chunk &chunk)
        : m_chunk(chunk)
        , m_start(chunk.output.offset())
    {
        if (!chunk.column.valid.empty())
            addEncoding(Encoding::Rle);
    }

    void writeDictionaryPage(std::string_view page, std::size_t entries)
    {
        PageHeader header;
        header.type = PageType::DictionaryPage;
        header.dictionaryPageHeader = DictionaryPageHeader{.numValues = checkedSize(entries, "dictionary entries")};
        m_dictionaryOffset = m_chunk.output.offset();
        addEncoding(Encoding::Plain);
        write(header, page);
    }

    void writeDataPage(std::string_view page, std::size_t rows, Encoding encoding, std::optional<Statistics> statistics)
    {
        PageHeader header;
        header.type = PageType::DataPage;
        header.dataPageHeader = DataPageHeader{.numValues = checkedSize(rows, "rows"),
                                               .encoding = encoding,
                                               .statistics = std::move(statistics)};
        if (!m_dataOffset)
            m_dataOffset = m_chunk.output.offset();
        addEncoding(encoding);
        write(header, page);
    }

    ColumnChunk finish(std::optional<Statistics> statistics) const
    {
        ColumnMetaData metadata;
        metadata.type = *m_chunk.leaf.element.type;
        metadata.encodings = m_encodings;
        metadata.pathInSchema = {m_chunk.column.name};
        metadata.codec = m_chunk.options.codec;
        metadata.numValues = static_cast<std::int64_t>(m_chunk.end - m_chunk.begin);
        metadata.totalUncompressedSize = m_uncompressedBytes;
        metadata.totalCompressedSize = m_compressedBytes;
        metadata.dataPageOffset = m_dataOffset.value_or(m_start);
        metadata.dictionaryPageOffset = m_dictionaryOffset;
        metadata.statistics = std::move(statistics);
        ColumnChunk chunk;
        chunk.fileOffset = m_start;
        chunk.metaData = std::move(metadata);
        return chunk;
    }

private:
    void write(PageHeader &header, std::string_view page)
    {
        const bool compressed = m_chunk.options.codec != Codec::Uncompressed;
        const std::string compressedPage =
            compressed ? compress(m_chunk.options.codec, asBytes(page), m_chunk.options.compressionLevel) : std::string();
        const std::string_view stored = compressed ? std::string_view(compressedPage) : page;
        header.uncompressedPageSize = checkedSize(page.size(), "bytes");
        header.compressedPageSize = checkedSize(stored.size(), "compressed bytes");
        header.crc = static_cast<std::int32_t>(
            ::crc32_z(0, reinterpret_cast<const Bytef *>(stored.data()), stored.size()));
        const std::string encodedHeader = encodePageHeader(header);
        m_chunk.output.write(encodedHeader);
        m_chunk.output.write(stored);
        m_uncompressedBytes += static_cast<std::int64_t>(encodedHeader.size() + page.size());
        m_compressedBytes += static_cast<std::int64_t>(encodedHeader.size() + stored.size());
    }

    void addEncoding(Encoding encoding)
    {
        if (std::find(m_encodings.begin(), m_encodings.end(), encoding) == m_encodings.end())
            m_encodings.push_back(encoding);
    }

    std::int32_t checkedSize(std::size_t size, const char *what) const
    {
        if (size > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
            throw core::Error(m_chunk.where() + ": a page of " + std::to_string(size) + " " + what +
                              " is more than Parquet's page headers can describe");
        return static_cast<std::int32_t>(size);
    }

    const Chunk &m_chunk;
    std::int64_t m_start;
    std::optional<std::int64_t> m_dataOffset;
    std::optional<std::int64_t> m_dictionaryOffset;
    std::vector<Encoding> m_encodings;
    std::int64_t m_uncompressedBytes = 0;
    std::int64_t m_compressedBytes = 0;
};

// Writes a chunk whose non-null values, in their physical type, are `values`: dictionary-encoded when that
// pays, else PLAIN, in data pages of about `pageBytes`.
template <typename Order, typename P>
ColumnChunk writeChunk(const Chunk &chunk, std::span<const P> values)
{
    const WriteOptions &options = chunk.options;
    const h5::Column &column = chunk.column;
    const bool lengthPrefixed = chunk.lengthPrefixed();

    // BOOLEAN has no dictionary encoding: one bit per value is less than any index.
    bool useDictionary = false;
    int indexBits = 0;
    std::span<const std::uint32_t> indices;
    PageWriter pages(chunk);
    std::string &page = chunk.workspace.page;
    if constexpr (!std::is_same_v<P, h5::Bool>) {
        Dictionary<P> &dictionary = chunk.workspace.dictionary<P>();
        useDictionary = options.dictionary && dictionary.build(values, options.dictionaryBytes, lengthPrefixed) &&
                        dictionary.size() < values.size();
        if (useDictionary) {
            indexBits = bitWidthFor(dictionary.size() - 1);
            indices = dictionary.indices();
            page.clear();
            appendPlain(page, std::span<const P>(dictionary.entries()), lengthPrefixed);
            pages.writeDictionaryPage(page, dictionary.size());
        }
    }

    Extremes<Order, P> chunkExtremes;
    std::vector<std::uint32_t> &levels = chunk.workspace.levels;
    const std::uint64_t pageBits = 8 * std::min<std::uint64_t>(options.pageBytes, std::uint64_t{1} << 60);
    // Where every row has a value of the same size, pages are counted out rather than added up value by value.
    std::optional<std::uint64_t> rowsPerPage;
    if (column.valid.empty() && !values.empty() && (useDictionary || !lengthPrefixed)) {
        const std::uint64_t bitsPerValue = useDictionary ? static_cast<std::uint64_t>(indexBits) : plainBits(values[0], false);
        rowsPerPage = bitsPerValue == 0 ? maxPageRows : std::clamp<std::uint64_t>((pageBits + bitsPerValue - 1) / bitsPerValue, 1, maxPageRows);
    }
    std::size_t row = chunk.begin;
    std::size_t value = 0;
    while (row < chunk.end) {
        std::size_t pageEnd = row;
        std::size_t valueEnd = value;
        if (rowsPerPage) {
            pageEnd = row + std::min<std::uint64_t>(*rowsPerPage, chunk.end - row);
            valueEnd = value + (pageEnd - row);
        } else {
            std::uint64_t bits = 0;
            do {
                if (!column.isNull(pageEnd)) {
                    bits += useDictionary ? static_cast<std::uint64_t>(indexBits) : plainBits(values[valueEnd], lengthPrefixed);
                    ++valueEnd;
                }
                ++pageEnd;
            } while (pageEnd < chunk.end && bits < pageBits && pageEnd - row < maxPageRows);
        }

        page.clear();
        if (!column.valid.empty()) {
            // h5::Table keeps validity entries 0 or 1: they are the definition levels.
            levels.assign(column.valid.begin() + static_cast<std::ptrdiff_t>(row),
                          column.valid.begin() + static_cast<std::ptrdiff_t>(pageEnd));
            const std::string encodedLevels = encodeRleHybrid(levels, 1);
            appendLittleEndian(page, static_cast<std::uint32_t>(encodedLevels.size()));
            page += encodedLevels;
        }
        const std::span<const P> pageValues = values.subspan(value, valueEnd - value);
        if (useDictionary) {
            page.push_back(static_cast<char>(indexBits));
            page += encodeRleHybrid(indices.subspan(value, valueEnd - value), indexBits);
        } else {
            appendPlain(page, pageValues, lengthPrefixed);
        }
        std::optional<Statistics> pageStatistics;
        if (options.statistics) {
            Extremes<Order, P> pageExtremes;
            pageExtremes.add(pageValues);
            pageStatistics = pageExtremes.statistics(static_cast<std::int64_t>((pageEnd - row) - (valueEnd - value)));
            chunkExtremes.add(pageExtremes);
        }
        pages.writeDataPage(page, pageEnd - row, useDictionary ? Encoding::RleDictionary : Encoding::Plain,
                            std::move(pageStatistics));
        row = pageEnd;
        value = valueEnd;
    }
    std::optional<Statistics> statistics;
    if (options.statistics)
        statistics = chunkExtremes.statistics(static_cast<std::int64_t>((chunk.end - chunk.begin) - values.size()));
    return pages.finish(std::move(statistics));
}

// --- From table values to physical values ------------------------------------------------------------------

// The chunk's non-null values through `convert(value, row)`.
template <typename P, typename T, typename Convert>
std::span<const P> gather(const Chunk &chunk, const std::vector<T> &data, Convert convert)
{
    const h5::Column &column = chunk.column;
    std::vector<P> &buffer = chunk.workspace.values<P>();
    buffer.clear();
    buffer.reserve(chunk.end - chunk.begin);
    for (std::size_t row = chunk.begin; row < chunk.end; ++row)
        if (!column.isNull(row))
            buffer.push_back(convert(data[row], row));
    return buffer;
}

// The same without conversion: the column's own values when no row is null.
template <typename T>
std::span<const T> gatherAsIs(const Chunk &chunk, const std::vector<T> &data)
{
    if (chunk.column.valid.empty())
        return std::span(data).subspan(chunk.begin, chunk.end - chunk.begin);
    return gather<T>(chunk, data, [](const T &value, std::size_t) { return value; });
}

// FIXED_LEN_BYTE_ARRAY values made by `encode(value, row, out)`, `width` bytes each.
template <typename T, typename Encode>
std::span<const std::string_view> gatherFixed(const Chunk &chunk, const std::vector<T> &data, std::size_t width,
                                              Encode encode)
{
    std::size_t nulls = 0;
    for (std::size_t row = chunk.begin; row < chunk.end; ++row)
        nulls += chunk.column.isNull(row);
    std::string &bytes = chunk.workspace.fixedBytes;
    bytes.resize((chunk.end - chunk.begin - nulls) * width);
    char *out = bytes.data();
    return gather<std::string_view>(chunk, data, [&](const T &value, std::size_t row) {
        encode(value, row, out);
        out += width;
        return std::string_view(out - width, width);
    });
}

ColumnChunk writeDecimalText(const Chunk &chunk, const std::vector<std::string> &data)
{
    const h5::ColumnType &type = chunk.column.type;
    const auto width = static_cast<std::size_t>(*chunk.leaf.element.typeLength);
    const auto values = gatherFixed(chunk, data, width, [&](const std::string &text, std::size_t row, char *out) {
        const std::optional<Int128> unscaled = unscaledDecimal(text, type.precision, type.scale);
        if (!unscaled)
            throw core::Error(chunk.where() + ", row " + std::to_string(row) + ": '" + text +
                              "' is not a decimal number with at most " + std::to_string(type.precision - type.scale) +
                              " integer and " + std::to_string(type.scale) + " fraction digits (DECIMAL(" +
                              std::to_string(type.precision) + "," + std::to_string(type.scale) + "))");
        // Big-endian two's complement.
        auto bits = static_cast<Unsigned128>(*unscaled);
        for (std::size_t i = width; i-- > 0; bits >>= 8)
            out[i] = static_cast<char>(bits & 0xff);
    });
    return writeChunk<DecimalBytesOrder>(chunk, values);
}

ColumnChunk writeFloat16(const Chunk &chunk, const std::vector<float> &data)
{
    const auto values = gatherFixed(chunk, data, 2, [](float value, std::size_t, char *out) {
        const std::uint16_t half = floatToHalf(value);
        out[0] = static_cast<char>(half & 0xff);
        out[1] = static_cast<char>(half >> 8);
    });
    return writeChunk<HalfOrder>(chunk, values);
}

// INT32 and INT64 columns: integers of every width, dates, times, timestamps and decimals of up to 18 digits
// (whose unscaled values h5::Table keeps within their precision, so that those of up to 9 digits fit INT32).
// Unsigned values keep their bit pattern (a uint32 above 2^31 is a negative INT32), read back through the
// unsigned logical type and sort order.
template <typename P, typename T>
std::span<const P> integerValues(const Chunk &chunk, const std::vector<T> &data)
{
    if constexpr (std::is_same_v<T, P>)
        return gatherAsIs(chunk, data);
    else
        return gather<P>(chunk, data, [](T value, std::size_t) { return static_cast<P>(value); });
}

template <typename P, typename T>
ColumnChunk writeIntegers(const Chunk &chunk, const std::vector<T> &data)
{
    const std::span<const P> values = integerValues<P>(chunk, data);
    if (chunk.leaf.order == SortOrder::Unsigned)
        return writeChunk<UnsignedOrder>(chunk, values);
    return writeChunk<NaturalOrder>(chunk, values);
}

ColumnChunk writeColumnChunk(const Chunk &chunk)
{
    const Type type = *chunk.leaf.element.type;
    return std::visit(
        [&](const auto &data) -> ColumnChunk {
            using T = typename std::decay_t<decltype(data)>::value_type;
            if constexpr (std::is_same_v<T, std::string>) {
                if (type == Type::FixedLenByteArray)
                    return writeDecimalText(chunk, data);
                return writeChunk<NaturalOrder>(chunk, gather<std::string_view>(chunk, data, [](const std::string &value, std::size_t) {
                    return std::string_view(value);
                }));
            } else if constexpr (std::is_same_v<T, h5::Bool>) {
                return writeChunk<NaturalOrder>(chunk, gatherAsIs(chunk, data));
            } else if constexpr (std::is_floating_point_v<T>) {
                if constexpr (std::is_same_v<T, float>)
                    if (type == Type::FixedLenByteArray)
                        return writeFloat16(chunk, data);
                return writeChunk<FloatOrder>(chunk, gatherAsIs(chunk, data));
            } else if constexpr (sizeof(T) == 8) {
                // Decimals of up to 9 digits are INT32 though their storage is int64.
                if (type == Type::Int32)
                    return writeIntegers<std::int32_t>(chunk, data);
                return writeIntegers<std::int64_t>(chunk, data);
            } else {
                return writeIntegers<std::int32_t>(chunk, data);
            }
        },
        chunk.column.data);
}

// --- The file ----------------------------------------------------------------------------------------------

void writeTable(const h5::Table &table, const WriteOptions &options, Output &output)
{
    if (options.rowGroupRows == 0)
        throw core::Error("row groups must hold at least one row");
    FileMetaData metadata;
    metadata.version = 2;
    metadata.createdBy = "macroscope version " + core::version();
    metadata.keyValueMetadata = options.keyValueMetadata;
    metadata.numRows = static_cast<std::int64_t>(table.rowCount());

    std::vector<LeafSchema> leaves;
    for (const h5::Column &column : table.columns())
        leaves.push_back(leafSchemaFor(column));
    SchemaElement root;
    root.name = "schema";
    root.numChildren = static_cast<std::int32_t>(leaves.size());
    metadata.schema.push_back(root);
    for (const LeafSchema &leaf : leaves)
        metadata.schema.push_back(leaf.element);
    metadata.columnOrders.assign(leaves.size(), ColumnOrder::TypeDefined);

    output.write(magic);
    Workspace workspace;
    for (std::size_t begin = 0; begin < table.rowCount(); begin += options.rowGroupRows) {
        const std::size_t end = std::min(table.rowCount(), begin + options.rowGroupRows);
        RowGroup group;
        group.numRows = static_cast<std::int64_t>(end - begin);
        group.fileOffset = output.offset();
        if (metadata.rowGroups.size() <= static_cast<std::size_t>(std::numeric_limits<std::int16_t>::max()))
            group.ordinal = static_cast<std::int16_t>(metadata.rowGroups.size());
        std::int64_t compressedBytes = 0;
        for (std::size_t column = 0; column < leaves.size(); ++column) {
            const Chunk chunk{options, output, workspace, table.columns()[column], leaves[column], begin, end};
            group.columns.push_back(writeColumnChunk(chunk));
            group.totalByteSize += group.columns.back().metaData->totalUncompressedSize;
            compressedBytes += group.columns.back().metaData->totalCompressedSize;
        }
        group.totalCompressedSize = compressedBytes;
        metadata.rowGroups.push_back(std::move(group));
    }

    const std::string footer = encodeFileMetaData(metadata);
    std::string tail;
    appendLittleEndian(tail, static_cast<std::uint32_t>(footer.size()));
    tail += magic;
    output.write(footer);
    output.write(tail);
}

} // namespace

void writeParquet(const std::filesystem::path &path, const h5::Table &table, const WriteOptions &options)
{
    files::AtomicFile file(path);
    try {
        FileOutput output(file.partialPath());
        writeTable(table, options, output);
        output.close();
    } catch (const core::Error &error) {
        throw core::Error(path.string() + ": " + error.what());
    }
    file.commit();
}

std::string writeParquetBytes(const h5::Table &table, const WriteOptions &options)
{
    StringOutput output;
    writeTable(table, options, output);
    return std::move(output.bytes);
}

} // namespace parquet
