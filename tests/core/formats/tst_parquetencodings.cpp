#include "core/error.h"
#include "core/formats/parquet/encodings.h"
#include "tests/support/errorof.h"

#include <QtTest/QTest>

#include <bit>
#include <functional>
#include <limits>
#include <random>

class tst_ParquetEncodings : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hybridHandMadeRuns();
    void hybridRoundTripsEveryWidth();
    void hybridEncoderChoosesRunsAndGroups();
    void hybridPaddedAndShortLastGroup();
    void hybridRejectsBadInput();
    void hybridTruncationsFailOrDecodeCorrectly();
    void bitPackedLegacy();
    void deltaSpecificationExamples();
    void deltaRoundTrips();
    void deltaWrapsAndUsesWideWidths();
    void deltaIgnoresUnusedMiniblockWidths();
    void deltaReadsInt32DeltasWiderThan32Bits();
    void deltaRejectsBadInput();
    void deltaLengthByteArray();
    void deltaByteArray();
    void deltaTruncationsFail();
    void byteStreamSplit();
    void bitWidthFor();
    void checkingWithoutOutputMatchesDecoding();
    void deltaCountsAreCheckedBeforeAllocating();
    void deltaByteArrayOutputIsBounded();
};

namespace {

std::span<const std::byte> bytes(const std::string &text)
{
    return std::as_bytes(std::span(text));
}

// A heap copy of exactly the encoding's size: a std::string's terminator or spare capacity would hide a read
// one byte past the end from AddressSanitizer.
std::vector<std::byte> exact(const std::string &encoded)
{
    const auto view = bytes(encoded);
    return {view.begin(), view.end()};
}

std::string fromBytes(std::initializer_list<int> values)
{
    std::string out;
    for (const int value : values)
        out += static_cast<char>(value);
    return out;
}

// A reference DELTA_BINARY_PACKED writer, straight from the specification, bit by bit.
class BitWriter {
public:
    void put(std::uint64_t value, int width)
    {
        for (int bit = 0; bit < width; ++bit, ++m_bits) {
            if (m_bits % 8 == 0)
                m_out += '\0';
            if (value >> bit & 1)
                m_out.back() = static_cast<char>(m_out.back() | 1 << (m_bits % 8));
        }
    }
    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
    std::size_t m_bits = 0;
};

void putVarint(std::string &out, std::uint64_t value)
{
    for (; value >= 0x80; value >>= 7)
        out += static_cast<char>(value | 0x80);
    out += static_cast<char>(value);
}

void putZigzag(std::string &out, std::int64_t value)
{
    putVarint(out, (static_cast<std::uint64_t>(value) << 1) ^ static_cast<std::uint64_t>(value >> 63));
}

template <class T>
std::string encodeDelta(const std::vector<T> &values, std::size_t blockSize = 128, std::size_t miniblocks = 4)
{
    using U = std::make_unsigned_t<T>;
    std::string out;
    putVarint(out, blockSize);
    putVarint(out, miniblocks);
    putVarint(out, values.size());
    putZigzag(out, values.empty() ? 0 : values[0]);
    const std::size_t miniblockSize = blockSize / miniblocks;
    for (std::size_t start = 1; start < values.size(); start += blockSize) {
        const std::size_t end = std::min(values.size(), start + blockSize);
        std::vector<T> deltas;
        for (std::size_t i = start; i < end; ++i)
            deltas.push_back(static_cast<T>(static_cast<U>(values[i]) - static_cast<U>(values[i - 1])));
        const T minDelta = *std::min_element(deltas.begin(), deltas.end());
        putZigzag(out, minDelta);
        std::vector<int> widths(miniblocks, 0);
        for (std::size_t i = 0; i < deltas.size(); ++i)
            widths[i / miniblockSize] = std::max(
                widths[i / miniblockSize],
                static_cast<int>(std::bit_width(static_cast<U>(static_cast<U>(deltas[i]) - static_cast<U>(minDelta)))));
        for (const int width : widths)
            out += static_cast<char>(width);
        for (std::size_t miniblock = 0; miniblock * miniblockSize < deltas.size(); ++miniblock) {
            BitWriter writer;
            for (std::size_t i = miniblock * miniblockSize; i < (miniblock + 1) * miniblockSize; ++i)
                writer.put(i < deltas.size() ? static_cast<U>(static_cast<U>(deltas[i]) - static_cast<U>(minDelta)) : 0,
                           widths[miniblock]);
            out += writer.take();
        }
    }
    return out;
}

std::string encodeLengths(const std::vector<std::string> &values)
{
    std::vector<std::int32_t> lengths;
    for (const auto &value : values)
        lengths.push_back(static_cast<std::int32_t>(value.size()));
    return encodeDelta(lengths);
}

std::string encodeDeltaLength(const std::vector<std::string> &values)
{
    std::string out = encodeLengths(values);
    for (const auto &value : values)
        out += value;
    return out;
}

template <class T>
std::vector<T> decodeDelta(const std::string &encoded, std::size_t count, std::size_t *consumed = nullptr)
{
    std::vector<T> out(count);
    const std::size_t used = parquet::decodeDeltaBinaryPacked(exact(encoded), count, out.data());
    if (consumed)
        *consumed = used;
    return out;
}

std::vector<std::uint32_t> hybridSample(int bitWidth, std::size_t count, std::uint32_t seed)
{
    std::mt19937 random(seed);
    const std::uint32_t mask = bitWidth == 32 ? ~0u : (1u << bitWidth) - 1;
    std::vector<std::uint32_t> values;
    while (values.size() < count) {
        const std::size_t length = std::min<std::size_t>(count - values.size(), 1 + random() % 40);
        if (random() % 2)
            values.insert(values.end(), length, random() & mask);
        else
            for (std::size_t i = 0; i < length; ++i)
                values.push_back(random() & mask);
    }
    return values;
}

} // namespace

void tst_ParquetEncodings::hybridHandMadeRuns()
{
    // The specification's example: 0..7 bit-packed at width 3, then a run of five 7s, then 8 zeros at width 3
    // written as a run whose value takes one byte.
    const std::string encoded = fromBytes({0x03, 0x88, 0xc6, 0xfa, 0x0a, 0x07, 0x10, 0x00});
    std::vector<std::uint32_t> values(21);
    QCOMPARE(parquet::decodeRleHybrid(bytes(encoded), 3, values.size(), values.data()), encoded.size());
    QCOMPARE(values, (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 7, 7, 7, 7, 7, 0, 0, 0, 0, 0, 0, 0, 0}));

    // Width 0: a run has no value bytes.
    const std::string zeros = fromBytes({0x14});
    std::vector<std::uint32_t> none(10, 99);
    QCOMPARE(parquet::decodeRleHybrid(bytes(zeros), 0, none.size(), none.data()), std::size_t(1));
    QCOMPARE(none, std::vector<std::uint32_t>(10, 0));

    // Width 32: four little-endian value bytes.
    const std::string wide = fromBytes({0x04, 0x78, 0x56, 0x34, 0x12});
    std::vector<std::uint32_t> two(2);
    QCOMPARE(parquet::decodeRleHybrid(bytes(wide), 32, 2, two.data()), std::size_t(5));
    QCOMPARE(two, (std::vector<std::uint32_t>{0x12345678, 0x12345678}));
}

void tst_ParquetEncodings::hybridRoundTripsEveryWidth()
{
    for (int width = 0; width <= 32; ++width) {
        for (const std::size_t count : {0, 1, 7, 8, 9, 63, 64, 1000, 100003}) {
            const auto values = hybridSample(width, count, static_cast<std::uint32_t>(width * 1000 + count));
            const std::string encoded = parquet::encodeRleHybrid(values, width);
            std::vector<std::uint32_t> decoded(count, 0xdeadbeef);
            QCOMPARE(parquet::decodeRleHybrid(exact(encoded), width, count, decoded.data()), encoded.size());
            QVERIFY2(decoded == values, qPrintable(QString("width %1, %2 values").arg(width).arg(count)));
        }
    }
}

void tst_ParquetEncodings::hybridEncoderChoosesRunsAndGroups()
{
    // 1000 equal definition levels: one run, header varint(2000) and the value.
    QCOMPARE(parquet::encodeRleHybrid(std::vector<std::uint32_t>(1000, 1), 1), fromBytes({0xd0, 0x0f, 0x01}));
    // Alternating levels: one bit-packed run of 2 groups.
    std::vector<std::uint32_t> alternating(16);
    for (std::size_t i = 0; i < alternating.size(); ++i)
        alternating[i] = i % 2;
    QCOMPARE(parquet::encodeRleHybrid(alternating, 1), fromBytes({0x05, 0xaa, 0xaa}));
    // 0..7 at width 3, the specification's bit-packing example, and a short tail padded with zeros.
    QCOMPARE(parquet::encodeRleHybrid(std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 5}, 3),
             fromBytes({0x05, 0x88, 0xc6, 0xfa, 0x05, 0x00, 0x00}));
    // Groups, then a run, then groups: the literal groups before the run share one header.
    std::vector<std::uint32_t> mixed = {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1};
    mixed.insert(mixed.end(), 20, 3);
    const std::string encoded = parquet::encodeRleHybrid(mixed, 2);
    QCOMPARE(encoded.substr(0, 1), fromBytes({0x05}));
    QCOMPARE(encoded.substr(5), fromBytes({0x28, 0x03}));
    // Zero-width values: one run, however short.
    QCOMPARE(parquet::encodeRleHybrid(std::vector<std::uint32_t>(5, 0), 0), fromBytes({0x0a}));
    QCOMPARE(parquet::encodeRleHybrid(std::vector<std::uint32_t>(), 0), std::string());
    QVERIFY(errorOf([] { parquet::encodeRleHybrid(std::vector<std::uint32_t>{4}, 2); }).startsWith("RLE: "));
}

void tst_ParquetEncodings::hybridPaddedAndShortLastGroup()
{
    // A group of 8 at width 8 of which only 3 values are wanted: writers pad it, some drop the padding bytes.
    const std::string padded = fromBytes({0x03, 10, 20, 30, 0, 0, 0, 0, 0});
    std::vector<std::uint32_t> values(3);
    QCOMPARE(parquet::decodeRleHybrid(bytes(padded), 8, 3, values.data()), padded.size());
    QCOMPARE(values, (std::vector<std::uint32_t>{10, 20, 30}));
    const std::string shortGroup = padded.substr(0, 4);
    values.assign(3, 0);
    QCOMPARE(parquet::decodeRleHybrid(bytes(shortGroup), 8, 3, values.data()), std::size_t(4));
    QCOMPARE(values, (std::vector<std::uint32_t>{10, 20, 30}));
    // A run longer than the values wanted is cut to them.
    const std::string longRun = fromBytes({0xe8, 0x07, 0x01});
    std::vector<std::uint32_t> levels(5);
    QCOMPARE(parquet::decodeRleHybrid(bytes(longRun), 1, 5, levels.data()), std::size_t(3));
    QCOMPARE(levels, std::vector<std::uint32_t>(5, 1));
}

void tst_ParquetEncodings::hybridRejectsBadInput()
{
    std::vector<std::uint32_t> out(100);
    const auto decode = [&](const std::string &encoded, int width, std::size_t count) {
        return errorOf([&] { parquet::decodeRleHybrid(bytes(encoded), width, count, out.data()); });
    };
    QCOMPARE(decode(fromBytes({0x0a, 0x09}), 3, 5), QString("RLE: run value 9 does not fit in 3 bits"));
    QCOMPARE(decode(fromBytes({0x0a, 0x01}), 3, 6), QString("RLE: data ends inside the run header"));
    QCOMPARE(decode(fromBytes({0x0a}), 3, 5), QString("RLE: data ends inside the run value (1 bytes, 0 remain)"));
    QCOMPARE(decode(fromBytes({0x05, 0x01}), 3, 16),
             QString("RLE: data ends inside a bit-packed run (6 bytes, 1 remain)"));
    QVERIFY(decode(fromBytes({0x0a, 0x01}), 33, 5).startsWith("RLE: bit width 33"));
    QVERIFY(decode(fromBytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02}), 1, 5)
                .contains("does not fit in 64 bits"));
    // A run header of 2^63 values, bit-packed: its bytes must not overflow the size check.
    QVERIFY(!decode(fromBytes({0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00}), 32, 100).isEmpty());
}

void tst_ParquetEncodings::hybridTruncationsFailOrDecodeCorrectly()
{
    for (const int width : {0, 1, 3, 8, 13, 32}) {
        const auto values = hybridSample(width, 300, static_cast<std::uint32_t>(width));
        const std::string encoded = parquet::encodeRleHybrid(values, width);
        for (std::size_t cut = 0; cut < encoded.size(); ++cut) {
            const auto truncated = exact(encoded.substr(0, cut));
            std::vector<std::uint32_t> decoded(values.size());
            std::size_t consumed = 0;
            const QString error = errorOf([&] {
                consumed = parquet::decodeRleHybrid(truncated, width, decoded.size(), decoded.data());
            });
            QVERIFY2(error.startsWith("RLE: ") || (decoded == values && consumed <= cut),
                     qPrintable(QString("width %1, cut at %2").arg(width).arg(cut)));
        }
    }
}

void tst_ParquetEncodings::bitPackedLegacy()
{
    const std::string example = fromBytes({0x05, 0x39, 0x77});
    std::vector<std::uint32_t> values(8);
    QCOMPARE(parquet::decodeBitPackedLegacy(bytes(example), 3, 8, values.data()), std::size_t(3));
    QCOMPARE(values, (std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
    // 5 values of 3 bits take 2 bytes.
    values.assign(5, 0);
    QCOMPARE(parquet::decodeBitPackedLegacy(bytes(example), 3, 5, values.data()), std::size_t(2));
    QCOMPARE(values, (std::vector<std::uint32_t>{0, 1, 2, 3, 4}));
    const std::string wide = fromBytes({0xde, 0xad, 0xbe, 0xef, 0x00, 0x00, 0x00, 0x01});
    QCOMPARE(parquet::decodeBitPackedLegacy(bytes(wide), 32, 2, values.data()), std::size_t(8));
    QCOMPARE(values[0], 0xdeadbeefu);
    QCOMPARE(values[1], 1u);
    QCOMPARE(parquet::decodeBitPackedLegacy(bytes(example), 0, 5, values.data()), std::size_t(0));
    QCOMPARE(values[4], 0u);
    QCOMPARE(errorOf([&] { parquet::decodeBitPackedLegacy(bytes(example.substr(0, 2)), 3, 8, values.data()); }),
             QString("BIT_PACKED: data ends inside 8 values (3 bytes, 2 remain)"));
}

void tst_ParquetEncodings::deltaSpecificationExamples()
{
    // Example 1: 1..5 at block size 8, 1 miniblock: min delta 1, width 0, no miniblock bytes.
    const std::string example1 = fromBytes({8, 1, 5, 2, 2, 0});
    std::size_t consumed = 0;
    QCOMPARE(decodeDelta<std::int32_t>(example1, 5, &consumed), (std::vector<std::int32_t>{1, 2, 3, 4, 5}));
    QCOMPARE(consumed, example1.size());
    QCOMPARE(encodeDelta(std::vector<std::int32_t>{1, 2, 3, 4, 5}, 8, 1), example1);

    // Example 2: 7, 5, 3, 1, 2, 3, 4, 5: min delta -2, width 2, relative deltas 0,0,0,3,3,3,3 and one padding.
    const std::string example2 = fromBytes({8, 1, 8, 14, 3, 2, 0xc0, 0x3f});
    const std::vector<std::int64_t> expected = {7, 5, 3, 1, 2, 3, 4, 5};
    QCOMPARE(decodeDelta<std::int64_t>(example2, 8, &consumed), expected);
    QCOMPARE(consumed, example2.size());
    QCOMPARE(encodeDelta(expected, 8, 1), example2);
    // Readers must accept padding bits of any value.
    std::string garbagePadding = example2;
    garbagePadding.back() = static_cast<char>(0xff);
    QCOMPARE(decodeDelta<std::int64_t>(garbagePadding, 8), expected);
}

void tst_ParquetEncodings::deltaRoundTrips()
{
    std::mt19937_64 random(11);
    for (const std::size_t count : {0, 1, 2, 31, 32, 33, 127, 128, 129, 1000, 100000}) {
        std::vector<std::int32_t> narrow(count);
        std::vector<std::int64_t> wide(count);
        std::int64_t walk = 0;
        for (std::size_t i = 0; i < count; ++i) {
            // Mostly small steps with occasional jumps, so that miniblocks get different widths.
            walk += random() % 50 == 0 ? static_cast<std::int64_t>(random() % 1'000'000'000) - 500'000'000
                                       : static_cast<std::int64_t>(random() % 21) - 10;
            narrow[i] = static_cast<std::int32_t>(walk);
            wide[i] = walk * 1'000'003;
        }
        for (const auto &[blockSize, miniblocks] : {std::pair{128, 4}, std::pair{256, 8}, std::pair{128, 1}}) {
            const std::string narrowEncoded = encodeDelta(narrow, blockSize, miniblocks);
            std::size_t consumed = 0;
            QCOMPARE(decodeDelta<std::int32_t>(narrowEncoded, count, &consumed), narrow);
            QCOMPARE(consumed, narrowEncoded.size());
            const std::string wideEncoded = encodeDelta(wide, blockSize, miniblocks);
            QCOMPARE(decodeDelta<std::int64_t>(wideEncoded, count, &consumed), wide);
            QCOMPARE(consumed, wideEncoded.size());
        }
    }
}

void tst_ParquetEncodings::deltaWrapsAndUsesWideWidths()
{
    using L32 = std::numeric_limits<std::int32_t>;
    using L64 = std::numeric_limits<std::int64_t>;
    const std::vector<std::int32_t> narrow = {L32::max(), L32::min(), 0, -1, L32::max(), L32::min(), 5};
    const std::string narrowEncoded = encodeDelta(narrow);
    QCOMPARE(decodeDelta<std::int32_t>(narrowEncoded, narrow.size()), narrow);
    const std::vector<std::int64_t> wide = {L64::max(), L64::min(), 0, -1, L64::max(), L64::min(), 5};
    const std::string wideEncoded = encodeDelta(wide);
    QVERIFY(wideEncoded.find(char(64)) != std::string::npos);
    QCOMPARE(decodeDelta<std::int64_t>(wideEncoded, wide.size()), wide);
    // Every width a 64-bit miniblock can have.
    for (int width = 0; width <= 64; ++width) {
        std::vector<std::int64_t> values(200);
        std::mt19937_64 random(static_cast<std::uint64_t>(width));
        for (std::size_t i = 1; i < values.size(); ++i)
            values[i] = static_cast<std::int64_t>(static_cast<std::uint64_t>(values[i - 1]) +
                                                  (width == 0 ? 0 : random() >> (64 - width)));
        QCOMPARE(decodeDelta<std::int64_t>(encodeDelta(values), values.size()), values);
    }
}

void tst_ParquetEncodings::deltaIgnoresUnusedMiniblockWidths()
{
    // 10 values at blocks of 128 in 4 miniblocks: only the first miniblock has bytes; the other widths are
    // garbage here, as readers must accept.
    std::vector<std::int32_t> values(10);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = static_cast<std::int32_t>(i * i);
    std::string encoded = encodeDelta(values);
    const std::size_t widths = 6; // header (block size 128 takes 2 bytes, 3 more varints) + min delta (1 byte)
    QCOMPARE(encoded.substr(widths + 1, 3), std::string(3, '\0'));
    encoded.replace(widths + 1, 3, fromBytes({0xff, 99, 33}));
    std::size_t consumed = 0;
    QCOMPARE(decodeDelta<std::int32_t>(encoded, values.size(), &consumed), values);
    QCOMPARE(consumed, encoded.size());
    // The next encoding's bytes follow; they are not part of this one.
    QCOMPARE(decodeDelta<std::int32_t>(encoded + "next", values.size(), &consumed), values);
    QCOMPARE(consumed, encoded.size());
}

void tst_ParquetEncodings::deltaReadsInt32DeltasWiderThan32Bits()
{
    // DuckDB and parquet-mr compute INT32 deltas in 64 bits: 0 -> INT32_MAX -> INT32_MIN needs a 33-bit
    // miniblock, which must decode with wrapping arithmetic to the same int32 values (PARQUET-2435).
    const std::int32_t max = std::numeric_limits<std::int32_t>::max();
    const std::int32_t min = std::numeric_limits<std::int32_t>::min();
    const std::string encoded = encodeDelta(std::vector<std::int64_t>{0, max, min, 0, max}, 8, 1);
    QCOMPARE(int(encoded.at(9)), 33); // after 4 one-byte header varints and the 5-byte minimum delta
    QCOMPARE(decodeDelta<std::int32_t>(encoded, 5), (std::vector<std::int32_t>{0, max, min, 0, max}));
}

void tst_ParquetEncodings::deltaRejectsBadInput()
{
    const auto error = [](const std::string &encoded, std::size_t count) {
        return errorOf([&] { decodeDelta<std::int32_t>(encoded, count); });
    };
    QCOMPARE(error(fromBytes({8, 1, 5, 2, 2, 0}), 4), QString("DELTA_BINARY_PACKED: holds 5 values, 4 expected"));
    QCOMPARE(error(fromBytes({12, 1, 5, 2, 2, 0}), 5),
             QString("DELTA_BINARY_PACKED: blocks of 12 values in 1 miniblocks are invalid"));
    QVERIFY(error(fromBytes({0, 1, 5, 2, 2, 0}), 5).contains("invalid"));
    QVERIFY(error(fromBytes({8, 0, 5, 2, 2, 0}), 5).contains("invalid"));
    QVERIFY(error(fromBytes({8, 3, 5, 2, 2, 0}), 5).contains("invalid"));
    QCOMPARE(error(fromBytes({8, 1, 5, 2, 2, 65}), 5),
             QString("DELTA_BINARY_PACKED: miniblock bit width 65 exceeds 64"));
    std::vector<std::int64_t> wide(5);
    QVERIFY(errorOf([&] {
                parquet::decodeDeltaBinaryPacked(bytes(fromBytes({8, 1, 5, 2, 2, 65})), 5, wide.data());
            }).contains("65 exceeds 64"));
    // Nothing at all is fine for no values (a page of nulls), but not for some.
    QCOMPARE(decodeDelta<std::int32_t>(std::string(), 0), std::vector<std::int32_t>());
    QCOMPARE(error(std::string(), 1), QString("DELTA_BINARY_PACKED: data ends inside the block size"));
}

void tst_ParquetEncodings::deltaLengthByteArray()
{
    const std::vector<std::string> values = {"Hello", "World", "Foobar", "ABCDEF"};
    const std::string encoded = encodeDeltaLength(values);
    QVERIFY(encoded.ends_with("HelloWorldFoobarABCDEF"));
    std::vector<std::string> out = {"kept"};
    QCOMPARE(parquet::decodeDeltaLengthByteArray(bytes(encoded + "more"), values.size(), out), encoded.size());
    QCOMPARE(out, (std::vector<std::string>{"kept", "Hello", "World", "Foobar", "ABCDEF"}));

    std::vector<std::string> many;
    for (int i = 0; i < 5000; ++i)
        many.push_back(std::string(static_cast<std::size_t>(i % 37), static_cast<char>('a' + i % 26)));
    out.clear();
    QCOMPARE(parquet::decodeDeltaLengthByteArray(bytes(encodeDeltaLength(many)), many.size(), out),
             encodeDeltaLength(many).size());
    QCOMPARE(out, many);

    const std::string negative = encodeDelta(std::vector<std::int32_t>{3, -1}) + "abc";
    QCOMPARE(errorOf([&] { parquet::decodeDeltaLengthByteArray(bytes(negative), 2, out); }),
             QString("DELTA_LENGTH_BYTE_ARRAY: negative length -1"));
    const std::string shortData = encoded.substr(0, encoded.size() - 1);
    QCOMPARE(errorOf([&] { parquet::decodeDeltaLengthByteArray(bytes(shortData), 4, out); }),
             QString("DELTA_LENGTH_BYTE_ARRAY: 4 values need 22 bytes, 21 remain"));
    QVERIFY(errorOf([&] { parquet::decodeDeltaLengthByteArray(bytes(encoded), 5, out); })
                .startsWith("DELTA_LENGTH_BYTE_ARRAY lengths: holds 4 values"));
}

void tst_ParquetEncodings::deltaByteArray()
{
    // The specification's example.
    const std::string encoded = encodeDelta(std::vector<std::int32_t>{0, 2, 0, 3}) +
                                encodeDelta(std::vector<std::int32_t>{4, 2, 6, 5}) + "axislebabbleyhood";
    std::vector<std::string> out;
    QCOMPARE(parquet::decodeDeltaByteArray(bytes(encoded + "next"), 4, out), encoded.size());
    QCOMPARE(out, (std::vector<std::string>{"axis", "axle", "babble", "babyhood"}));

    // Prefixes chain across values, empty values included.
    std::vector<std::string> expected;
    std::vector<std::int32_t> prefixes;
    std::vector<std::string> suffixes;
    std::mt19937 random(12);
    std::string previous;
    for (int i = 0; i < 3000; ++i) {
        const std::size_t prefix = previous.empty() ? 0 : random() % (previous.size() + 1);
        const std::string suffix(random() % 5, static_cast<char>('a' + random() % 26));
        prefixes.push_back(static_cast<std::int32_t>(prefix));
        suffixes.push_back(suffix);
        previous = previous.substr(0, prefix) + suffix;
        expected.push_back(previous);
    }
    out.clear();
    const std::string chained = encodeDelta(prefixes) + encodeDeltaLength(suffixes);
    QCOMPARE(parquet::decodeDeltaByteArray(bytes(chained), expected.size(), out), chained.size());
    QCOMPARE(out, expected);

    const std::string tooLong = encodeDelta(std::vector<std::int32_t>{0, 3}) + encodeDeltaLength({"ab", "c"});
    QCOMPARE(errorOf([&] { parquet::decodeDeltaByteArray(bytes(tooLong), 2, out); }),
             QString("DELTA_BYTE_ARRAY: value 1 takes a prefix of 3 bytes from a previous value of 2"));
    const std::string firstPrefix = encodeDelta(std::vector<std::int32_t>{1}) + encodeDeltaLength({"a"});
    QVERIFY(errorOf([&] { parquet::decodeDeltaByteArray(bytes(firstPrefix), 1, out); })
                .startsWith("DELTA_BYTE_ARRAY: "));
}

void tst_ParquetEncodings::deltaTruncationsFail()
{
    // Every byte of these encodings is needed (miniblocks are whole, padding included), so any cut fails.
    std::vector<std::int64_t> values(300);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = static_cast<std::int64_t>(i * 7919 % 1000) - 500;
    const std::string delta = encodeDelta(values);
    std::vector<std::string> strings;
    for (int i = 0; i < 50; ++i)
        strings.push_back("value " + std::to_string(i * 31));
    const std::string deltaLength = encodeDeltaLength(strings);
    std::vector<std::int32_t> prefixes(strings.size(), 0);
    const std::string deltaStrings = encodeDelta(prefixes) + deltaLength;
    for (std::size_t cut = 0; cut < deltaStrings.size(); ++cut) {
        std::vector<std::string> out;
        if (cut < delta.size()) {
            const auto truncated = exact(delta.substr(0, cut));
            std::vector<std::int64_t> decoded(values.size());
            QVERIFY(errorOf([&] { parquet::decodeDeltaBinaryPacked(truncated, values.size(), decoded.data()); })
                        .startsWith("DELTA_BINARY_PACKED: "));
        }
        if (cut < deltaLength.size()) {
            const auto truncated = exact(deltaLength.substr(0, cut));
            QVERIFY(errorOf([&] { parquet::decodeDeltaLengthByteArray(truncated, strings.size(), out); })
                        .startsWith("DELTA_LENGTH_BYTE_ARRAY"));
        }
        const auto truncated = exact(deltaStrings.substr(0, cut));
        QVERIFY(errorOf([&] { parquet::decodeDeltaByteArray(truncated, strings.size(), out); })
                    .startsWith("DELTA_BYTE_ARRAY"));
    }
}

void tst_ParquetEncodings::byteStreamSplit()
{
    // The specification's example: three 4-byte values.
    const std::string encoded = fromBytes({0xaa, 0x00, 0xa3, 0xbb, 0x11, 0xb4, 0xcc, 0x22, 0xc5, 0xdd, 0x33, 0xd6});
    std::string plain(12, '\0');
    parquet::decodeByteStreamSplit(bytes(encoded), 3, 4, reinterpret_cast<std::byte *>(plain.data()));
    QCOMPARE(plain, fromBytes({0xaa, 0xbb, 0xcc, 0xdd, 0x00, 0x11, 0x22, 0x33, 0xa3, 0xb4, 0xc5, 0xd6}));

    std::mt19937 random(13);
    for (const std::size_t width : {1, 2, 3, 4, 8, 16}) {
        for (const std::size_t count : {0, 1, 5, 1001}) {
            std::string values(count * width, '\0');
            for (char &c : values)
                c = static_cast<char>(random());
            std::string streams(values.size(), '\0');
            for (std::size_t i = 0; i < count; ++i)
                for (std::size_t k = 0; k < width; ++k)
                    streams[k * count + i] = values[i * width + k];
            std::string decoded(values.size(), '\0');
            parquet::decodeByteStreamSplit(bytes(streams), count, width, reinterpret_cast<std::byte *>(decoded.data()));
            QCOMPARE(decoded, values);
        }
    }
    QCOMPARE(errorOf([&] {
                 parquet::decodeByteStreamSplit(bytes(encoded.substr(0, 11)), 3, 4,
                                                reinterpret_cast<std::byte *>(plain.data()));
             }),
             QString("BYTE_STREAM_SPLIT: 11 bytes are not 3 values of 4 bytes"));
    QVERIFY(!errorOf([&] {
                 parquet::decodeByteStreamSplit(bytes(encoded), std::numeric_limits<std::size_t>::max() / 2, 4,
                                                reinterpret_cast<std::byte *>(plain.data()));
             }).isEmpty());
}

void tst_ParquetEncodings::bitWidthFor()
{
    QCOMPARE(parquet::bitWidthFor(0), 0);
    QCOMPARE(parquet::bitWidthFor(1), 1);
    QCOMPARE(parquet::bitWidthFor(2), 2);
    QCOMPARE(parquet::bitWidthFor(3), 2);
    QCOMPARE(parquet::bitWidthFor(7), 3);
    QCOMPARE(parquet::bitWidthFor(8), 4);
    QCOMPARE(parquet::bitWidthFor(0xffffffffu), 32);
    QCOMPARE(parquet::bitWidthFor(std::numeric_limits<std::uint64_t>::max()), 64);
}

void tst_ParquetEncodings::checkingWithoutOutputMatchesDecoding()
{
    // A null output walks the input as decoding does: same bytes consumed, same errors, on every cut.
    for (const int width : {0, 1, 3, 17, 32}) {
        for (const std::size_t count : {0, 9, 1000}) {
            const std::string encoded =
                parquet::encodeRleHybrid(hybridSample(width, count, static_cast<std::uint32_t>(width + count)), width);
            QCOMPARE(parquet::decodeRleHybrid(exact(encoded), width, count, nullptr), encoded.size());
        }
    }
    const auto values = hybridSample(3, 1000, 14);
    const std::string hybrid = parquet::encodeRleHybrid(values, 3);
    std::vector<std::uint32_t> decoded(values.size());
    for (std::size_t cut = 0; cut < hybrid.size(); ++cut) {
        const auto truncated = exact(hybrid.substr(0, cut));
        QCOMPARE(errorOf([&] { parquet::decodeRleHybrid(truncated, 3, values.size(), nullptr); }),
                 errorOf([&] { parquet::decodeRleHybrid(truncated, 3, values.size(), decoded.data()); }));
    }

    std::vector<std::int64_t> deltas(300);
    for (std::size_t i = 0; i < deltas.size(); ++i)
        deltas[i] = static_cast<std::int64_t>(i * i * 7919 % 100000) - 50000;
    const std::string delta = encodeDelta(deltas);
    auto *const none = static_cast<std::int64_t *>(nullptr);
    QCOMPARE(parquet::decodeDeltaBinaryPacked(exact(delta), deltas.size(), none), delta.size());
    std::vector<std::int64_t> decodedDeltas(deltas.size());
    for (std::size_t cut = 0; cut < delta.size(); ++cut) {
        const auto truncated = exact(delta.substr(0, cut));
        QCOMPARE(errorOf([&] { parquet::decodeDeltaBinaryPacked(truncated, deltas.size(), none); }),
                 errorOf([&] { parquet::decodeDeltaBinaryPacked(truncated, deltas.size(), decodedDeltas.data()); }));
    }
}

void tst_ParquetEncodings::deltaCountsAreCheckedBeforeAllocating()
{
    // Counts no input could hold: allocating for them first would fail, or take terabytes.
    constexpr std::size_t huge = std::size_t{1} << 40;
    std::vector<std::string> out;
    const std::string four = encodeDeltaLength({"Hello", "World", "Foobar", "ABCDEF"});
    QCOMPARE(errorOf([&] { parquet::decodeDeltaLengthByteArray(bytes(four), huge, out); }),
             QString("DELTA_LENGTH_BYTE_ARRAY lengths: holds 4 values, 1099511627776 expected"));
    QCOMPARE(errorOf([&] { parquet::decodeDeltaByteArray(bytes(encodeDelta(std::vector<std::int32_t>(4)) + four), huge,
                                                         out); }),
             QString("DELTA_BYTE_ARRAY prefix lengths: holds 4 values, 1099511627776 expected"));

    // A header that claims them, then nothing.
    std::string header;
    putVarint(header, 128);
    putVarint(header, 4);
    putVarint(header, huge);
    putZigzag(header, 0);
    QCOMPARE(errorOf([&] { parquet::decodeDeltaLengthByteArray(bytes(header), huge, out); }),
             QString("DELTA_LENGTH_BYTE_ARRAY lengths: data ends inside the minimum delta"));
    QCOMPARE(errorOf([&] { parquet::decodeDeltaByteArray(bytes(header), huge, out); }),
             QString("DELTA_BYTE_ARRAY prefix lengths: data ends inside the minimum delta"));
    QVERIFY(out.empty());
}

void tst_ParquetEncodings::deltaByteArrayOutputIsBounded()
{
    // 64 KiB once, then 39999 values that repeat all of it: a page of 64 KiB that stands for 2.6 GB, more
    // than a page may hold. It is refused before any value is built.
    constexpr std::int32_t length = 65536;
    constexpr std::size_t count = 40000;
    std::vector<std::int32_t> prefixes(count, length), suffixes(count, 0);
    prefixes[0] = 0;
    suffixes[0] = length;
    const std::string page =
        encodeDelta(prefixes) + encodeDelta(suffixes) + std::string(static_cast<std::size_t>(length), 'a');
    std::vector<std::string> out;
    QCOMPARE(errorOf([&] { parquet::decodeDeltaByteArray(bytes(page), count, out); }),
             QString("DELTA_BYTE_ARRAY: 32768 of the page's 40000 values already take more than 2147483647 bytes, "
                     "the most a page may hold"));
    QVERIFY(out.empty());
}

QTEST_GUILESS_MAIN(tst_ParquetEncodings)
#include "tst_parquetencodings.moc"
