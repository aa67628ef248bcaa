#include "core/error.h"
#include "core/formats/parquet/compression.h"
#include "tests/support/errorof.h"

#include <lz4.h>

#include <QtCore/QCryptographicHash>
#include <QtCore/QFile>
#include <QtTest/QTest>

#include <functional>
#include <random>

using parquet::Codec;

Q_DECLARE_METATYPE(Codec)
Q_DECLARE_METATYPE(std::string)

class tst_ParquetCompression : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void levelsRoundTrip();
    void concatenatedGzipMembers();
    void hadoopLz4FramesAndBareBlock();
    void pagesFromOtherWriters_data();
    void pagesFromOtherWriters();
    void wrongSizeNamesCodecAndSizes_data();
    void wrongSizeNamesCodecAndSizes();
    void truncatedInputIsAnError_data();
    void truncatedInputIsAnError();
    void corruptedInputNeverMisbehaves_data();
    void corruptedInputNeverMisbehaves();
    void unsupportedCodecsAreNamed();
    void highRatioPagesGrowTheirOutput_data();
    void highRatioPagesGrowTheirOutput();
    void sizesBeyondWhatTheInputHoldsAreRefused();
};

namespace {

const Codec writableCodecs[] = {Codec::Uncompressed, Codec::Snappy, Codec::Gzip,
                                Codec::Zstd,         Codec::Lz4Raw, Codec::Brotli};

std::span<const std::byte> bytes(const std::string &text)
{
    return std::as_bytes(std::span(text));
}

std::string randomBytes(std::size_t size, std::uint32_t seed)
{
    std::mt19937 random(seed);
    std::string out(size, '\0');
    for (char &c : out)
        c = static_cast<char>(random());
    return out;
}

// Compressible but not trivial: runs, a small alphabet and random stretches, as in real pages.
std::string mixedBytes(std::size_t size, std::uint32_t seed)
{
    std::mt19937 random(seed);
    std::string out;
    out.reserve(size);
    while (out.size() < size) {
        const std::size_t length = std::min<std::size_t>(size - out.size(), random() % 300 + 1);
        switch (random() % 3) {
        case 0:
            out.append(length, static_cast<char>(random()));
            break;
        case 1:
            for (std::size_t i = 0; i < length; ++i)
                out += static_cast<char>('a' + random() % 4);
            break;
        default:
            out += randomBytes(length, static_cast<std::uint32_t>(random()));
        }
    }
    return out;
}

QByteArray fromHex(const char *hex)
{
    return QByteArray::fromHex(hex);
}

std::string toString(const QByteArray &data)
{
    return {data.constData(), static_cast<std::size_t>(data.size())};
}

} // namespace

void tst_ParquetCompression::roundTrip_data()
{
    QTest::addColumn<Codec>("codec");
    QTest::addColumn<std::string>("data");
    const std::pair<const char *, std::string> samples[] = {
        {"empty", {}},
        {"one byte", "x"},
        {"random 64 KiB", randomBytes(65536, 1)},
        {"repetitive", std::string(100000, 'z')},
        {"text", [] {
             std::string text;
             for (int i = 0; i < 5000; ++i)
                 text += "row " + std::to_string(i) + ", value " + std::to_string(i * 7 % 13) + "\n";
             return text;
         }()},
        {"mixed 10 MB", mixedBytes(10'000'000, 2)},
    };
    for (const Codec codec : writableCodecs)
        for (const auto &[name, data] : samples)
            QTest::addRow("%d %s", static_cast<int>(codec), name) << codec << data;
}

void tst_ParquetCompression::roundTrip()
{
    QFETCH(Codec, codec);
    QFETCH(std::string, data);
    const std::string compressed = parquet::compress(codec, bytes(data));
    QCOMPARE(parquet::decompress(codec, bytes(compressed), data.size()), data);
    // The deprecated LZ4 codec must still read a bare block, as old parquet-cpp wrote.
    if (codec == Codec::Lz4Raw && !data.empty())
        QCOMPARE(parquet::decompress(Codec::Lz4, bytes(compressed), data.size()), data);
}

void tst_ParquetCompression::levelsRoundTrip()
{
    const std::string data = mixedBytes(200000, 3);
    const std::pair<Codec, int> levels[] = {{Codec::Gzip, 1},   {Codec::Gzip, 9},    {Codec::Zstd, 1},
                                            {Codec::Zstd, 19},  {Codec::Zstd, -5},   {Codec::Lz4Raw, 9},
                                            {Codec::Brotli, 1}, {Codec::Brotli, 11}};
    for (const auto &[codec, level] : levels) {
        const std::string compressed = parquet::compress(codec, bytes(data), level);
        QCOMPARE(parquet::decompress(codec, bytes(compressed), data.size()), data);
    }
    QVERIFY(errorOf([&] { parquet::compress(Codec::Brotli, bytes(data), 12); }).startsWith("BROTLI: level 12"));
    QVERIFY(errorOf([&] { parquet::compress(Codec::Gzip, bytes(data), 10); }).startsWith("GZIP: "));
}

void tst_ParquetCompression::concatenatedGzipMembers()
{
    // python3: gzip.compress(b'Hello, ', mtime=0) + gzip.compress(b'Parquet!' * 3, mtime=0)
    const std::string members = toString(fromHex("1f8b0800000000000203f348cdc9c9d7510000056f57de070000001f8b0800000"
                                                 "0000002030b482c2a2c4d2d510c40a301ed82058918000000"));
    const std::string expected = "Hello, Parquet!Parquet!Parquet!";
    QCOMPARE(parquet::decompress(Codec::Gzip, bytes(members), expected.size()), expected);
    // Only the first member's worth of bytes is not the page.
    QVERIFY(errorOf([&] { parquet::decompress(Codec::Gzip, bytes(members), 7); })
                .contains("page holds more than 7 bytes"));
    // Garbage after the last member is not another member.
    QVERIFY(!errorOf([&] { parquet::decompress(Codec::Gzip, bytes(members + "junk"), expected.size()); }).isEmpty());
}

void tst_ParquetCompression::hadoopLz4FramesAndBareBlock()
{
    const std::string data = mixedBytes(300000, 4);
    const std::size_t frameSizes[] = {100000, 150000, 50000};
    std::string framed;
    std::size_t offset = 0;
    const auto appendBigEndian = [&](std::uint32_t value) {
        for (int shift = 24; shift >= 0; shift -= 8)
            framed += static_cast<char>(value >> shift & 0xff);
    };
    for (const std::size_t size : frameSizes) {
        std::string block(static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(size))), '\0');
        const int length = LZ4_compress_default(data.data() + offset, block.data(), static_cast<int>(size),
                                                static_cast<int>(block.size()));
        QVERIFY(length > 0);
        appendBigEndian(static_cast<std::uint32_t>(size));
        appendBigEndian(static_cast<std::uint32_t>(length));
        framed.append(block.data(), static_cast<std::size_t>(length));
        offset += size;
    }
    QCOMPARE(parquet::decompress(Codec::Lz4, bytes(framed), data.size()), data);
    // Hadoop framing is only for the deprecated codec: LZ4_RAW is one bare block.
    QVERIFY(!errorOf([&] { parquet::decompress(Codec::Lz4Raw, bytes(framed), data.size()); }).isEmpty());
    QVERIFY(errorOf([&] { parquet::decompress(Codec::Lz4, bytes(framed), data.size() + 1); })
                .startsWith("LZ4: page holds 300000 bytes, its header says 300001"));
    for (const std::size_t cut : {std::size_t(4), std::size_t(8), std::size_t(1000), framed.size() - 1})
        QVERIFY(errorOf([&] { parquet::decompress(Codec::Lz4, bytes(framed.substr(0, cut)), data.size()); })
                    .startsWith("LZ4: "));
}

void tst_ParquetCompression::pagesFromOtherWriters_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("uncompressedSize");
    QTest::addColumn<Codec>("codec");
    QTest::addColumn<QByteArray>("sha256");
    // Page data located with a Thrift page-header walk; the hashes come from independent decoders (Python's
    // gzip, the zstd command, a Python LZ4 block decoder).
    QTest::newRow("hadoop lz4, 3 frames")
        << "hadoop_lz4_compressed_larger.parquet" << 33ll << 358322ll << 400000ll << Codec::Lz4
        << QByteArray("4578a8c5f54364a4540f981ce15abb4d034be105cd6821b11a5e06e264775568");
    QTest::newRow("hadoop lz4") << "hadoop_lz4_compressed.parquet" << 17ll << 26ll << 16ll << Codec::Lz4
                                << QByteArray("b6e0939e9f265c34e1e8ab7ffba20d807797b62d04aa79064450965f02aca9c9");
    QTest::newRow("bare lz4 block") << "non_hadoop_lz4_compressed.parquet" << 18ll << 18ll << 16ll << Codec::Lz4
                                    << QByteArray("b6e0939e9f265c34e1e8ab7ffba20d807797b62d04aa79064450965f02aca9c9");
    QTest::newRow("lz4 raw") << "lz4_raw_compressed.parquet" << 65ll << 24ll << 32ll << Codec::Lz4Raw
                             << QByteArray("2feebf90a393e8c27b857b0728aec269e87f35441c948e40f2a080fd1a4f911e");
    // A data page v2: its 3 bytes of levels come before the compressed values.
    QTest::newRow("gzip members") << "concatenated_gzip_members.parquet" << 55ll << 1416ll << 4104ll << Codec::Gzip
                                  << QByteArray("c122c2bdddf7f22981469a84325583a1bfb85a96b87e045907856b800dbd1468");
    QTest::newRow("zstd") << "byte_stream_split.zstd.parquet" << 52ll << 1110ll << 1207ll << Codec::Zstd
                          << QByteArray("fee5d5fa81a3eff3ab0cf5cad4ba2b5d35782eacd5a06ed8c0ba8b6e1c18d68f");
    QTest::newRow("zstd, empty page") << "page_v2_empty_compressed.parquet" << 18ll << 9ll << 0ll << Codec::Zstd
                                      << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    QTest::newRow("brotli") << "large_string_map.brotli.parquet" << 1671ll << 16ll << 15ll << Codec::Brotli
                            << QByteArray();
}

void tst_ParquetCompression::pagesFromOtherWriters()
{
    QFETCH(QString, file);
    QFETCH(qint64, offset);
    QFETCH(qint64, size);
    QFETCH(qint64, uncompressedSize);
    QFETCH(Codec, codec);
    QFETCH(QByteArray, sha256);
    QFile parquetFile(QStringLiteral(MACROSCOPE_SHARED_DATA_DIR "/parquet/data/") + file);
    if (!parquetFile.open(QIODevice::ReadOnly))
        QSKIP("parquet-testing files are not available");
    QVERIFY(parquetFile.seek(offset));
    const std::string page = toString(parquetFile.read(size));
    QCOMPARE(qint64(page.size()), size);
    const std::string data = parquet::decompress(codec, bytes(page), static_cast<std::size_t>(uncompressedSize));
    QCOMPARE(qint64(data.size()), uncompressedSize);
    if (!sha256.isEmpty())
        QCOMPARE(QCryptographicHash::hash(QByteArray::fromStdString(data), QCryptographicHash::Sha256).toHex(),
                 sha256);
}

void tst_ParquetCompression::wrongSizeNamesCodecAndSizes_data()
{
    QTest::addColumn<Codec>("codec");
    QTest::addColumn<QString>("name");
    const char *names[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
    for (const Codec codec : writableCodecs)
        QTest::newRow(names[static_cast<int>(codec)]) << codec << names[static_cast<int>(codec)];
}

void tst_ParquetCompression::wrongSizeNamesCodecAndSizes()
{
    QFETCH(Codec, codec);
    QFETCH(QString, name);
    const std::string data = mixedBytes(100, 5);
    const std::string compressed = parquet::compress(codec, bytes(data));
    QCOMPARE(errorOf([&] { parquet::decompress(codec, bytes(compressed), 120); }),
             name + ": page holds 100 bytes, its header says 120");
    QCOMPARE(errorOf([&] { parquet::decompress(codec, bytes(compressed), 99); }),
             name + ": page holds more than 99 bytes, its header says 99");
    QVERIFY(errorOf([&] { parquet::decompress(codec, bytes(compressed), 0); }).startsWith(name + ": "));
}

void tst_ParquetCompression::truncatedInputIsAnError_data()
{
    QTest::addColumn<Codec>("codec");
    QTest::addColumn<std::string>("data");
    for (const Codec codec : writableCodecs) {
        QTest::addRow("%d small", static_cast<int>(codec)) << codec << mixedBytes(3000, 6);
        QTest::addRow("%d tiny", static_cast<int>(codec)) << codec << std::string("abc");
    }
}

void tst_ParquetCompression::truncatedInputIsAnError()
{
    QFETCH(Codec, codec);
    QFETCH(std::string, data);
    const std::string compressed = parquet::compress(codec, bytes(data));
    for (std::size_t cut = 0; cut < compressed.size(); ++cut) {
        // A heap copy of exactly the cut's size, so that AddressSanitizer sees any read past it.
        const std::string prefix = compressed.substr(0, cut);
        const std::vector<std::byte> truncated(bytes(prefix).begin(), bytes(prefix).end());
        QVERIFY2(!errorOf([&] { parquet::decompress(codec, truncated, data.size()); }).isEmpty(),
                 qPrintable(QString("cut at %1 of %2").arg(cut).arg(compressed.size())));
    }
}

void tst_ParquetCompression::corruptedInputNeverMisbehaves_data()
{
    QTest::addColumn<Codec>("codec");
    for (const Codec codec : writableCodecs)
        QTest::addRow("%d", static_cast<int>(codec)) << codec;
    QTest::newRow("lz4 hadoop") << Codec::Lz4;
}

void tst_ParquetCompression::corruptedInputNeverMisbehaves()
{
    // Codecs without checksums may turn damage into other bytes of the right size: what matters is that
    // nothing reads or writes out of bounds and any other outcome is a core::Error.
    QFETCH(Codec, codec);
    const std::string data = mixedBytes(5000, 7);
    const std::string compressed = parquet::compress(codec == Codec::Lz4 ? Codec::Lz4Raw : codec, bytes(data));
    std::mt19937 random(8);
    for (int trial = 0; trial < 2000; ++trial) {
        std::string damaged = compressed;
        for (int flips = 1 + trial % 3; flips > 0; --flips)
            damaged[random() % damaged.size()] ^= static_cast<char>(1 + random() % 255);
        try {
            QCOMPARE(parquet::decompress(codec, bytes(damaged), data.size()).size(), data.size());
        } catch (const core::Error &) {
        }
    }
}

void tst_ParquetCompression::unsupportedCodecsAreNamed()
{
    const std::string data = "some bytes";
    QVERIFY(errorOf([&] { parquet::decompress(Codec::Lzo, bytes(data), 10); }).startsWith("LZO: not supported"));
    QVERIFY(errorOf([&] { parquet::decompress(Codec::Lzo, {}, 0); }).startsWith("LZO: not supported"));
    QVERIFY(errorOf([&] { parquet::compress(Codec::Lzo, bytes(data)); }).startsWith("LZO: "));
    QVERIFY(errorOf([&] { parquet::compress(Codec::Lz4, bytes(data)); }).contains("LZ4_RAW"));
    QVERIFY(errorOf([&] { parquet::decompress(static_cast<Codec>(42), bytes(data), 10); }).startsWith("codec 42"));
}

void tst_ParquetCompression::highRatioPagesGrowTheirOutput_data()
{
    QTest::addColumn<Codec>("codec");
    for (const Codec codec : {Codec::Gzip, Codec::Zstd, Codec::Brotli})
        QTest::addRow("%d", static_cast<int>(codec)) << codec;
}

void tst_ParquetCompression::highRatioPagesGrowTheirOutput()
{
    // Zeros compress far beyond the output that streaming codecs start with, which must grow to the page's
    // size and one byte past it, no more.
    QFETCH(Codec, codec);
    const std::string data = std::string(std::size_t{16} << 20, '\0') + "end";
    const std::string compressed = parquet::compress(codec, bytes(data));
    QCOMPARE(parquet::decompress(codec, bytes(compressed), data.size()), data);
    const QString name = codec == Codec::Gzip ? "GZIP" : codec == Codec::Zstd ? "ZSTD" : "BROTLI";
    QCOMPARE(errorOf([&] { parquet::decompress(codec, bytes(compressed), data.size() - 1); }),
             QString("%1: page holds more than %2 bytes, its header says %2").arg(name).arg(data.size() - 1));
    QCOMPARE(errorOf([&] { parquet::decompress(codec, bytes(compressed), data.size() + 1); }),
             QString("%1: page holds %2 bytes, its header says %3").arg(name).arg(data.size()).arg(data.size() + 1));
}

void tst_ParquetCompression::sizesBeyondWhatTheInputHoldsAreRefused()
{
    // A Snappy preamble of 2147483646 bytes, then a literal of 4: no 10 bytes of Snappy make that much.
    const std::string snappy = "\xfe\xff\xff\xff\x07\x0c" + std::string("abcd");
    QCOMPARE(errorOf([&] { parquet::decompress(Codec::Snappy, bytes(snappy), 2147483646); }),
             "SNAPPY: 10 bytes cannot hold a page of 2147483646");
    // Block codecs are given no more output than their input can fill, so a huge header size only shows
    // as a page shorter than it says.
    const std::string block = parquet::compress(Codec::Lz4Raw, bytes("abcd"));
    for (const Codec codec : {Codec::Lz4Raw, Codec::Lz4})
        QVERIFY(errorOf([&] { parquet::decompress(codec, bytes(block), 2147483646); })
                    .endsWith(": page holds 4 bytes, its header says 2147483646"));
}

QTEST_GUILESS_MAIN(tst_ParquetCompression)
#include "tst_parquetcompression.moc"
