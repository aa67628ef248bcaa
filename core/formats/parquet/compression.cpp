#include "core/formats/parquet/compression.h"

#include "core/error.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <lz4.h>
#include <lz4hc.h>
#include <snappy.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>

namespace parquet {

namespace {

// Parquet stores page sizes as int32. One less, so that a page and its sentinel byte (below) still fit the
// int and uInt sizes of LZ4 and zlib.
constexpr std::size_t kMaxPageSize = std::numeric_limits<std::int32_t>::max() - 1;

std::string codecName(Codec codec)
{
    switch (codec) {
    case Codec::Uncompressed: return "UNCOMPRESSED";
    case Codec::Snappy: return "SNAPPY";
    case Codec::Gzip: return "GZIP";
    case Codec::Lzo: return "LZO";
    case Codec::Brotli: return "BROTLI";
    case Codec::Lz4: return "LZ4";
    case Codec::Zstd: return "ZSTD";
    case Codec::Lz4Raw: return "LZ4_RAW";
    }
    return "codec " + std::to_string(static_cast<std::int32_t>(codec));
}

[[noreturn]] void fail(Codec codec, const std::string &problem)
{
    throw core::Error(codecName(codec) + ": " + problem);
}

// The most a block codec can expand its input: an LZ4 match-length byte stands for at most 255 bytes, a
// 3-byte Snappy copy for at most 64. A header size beyond that is refused before anything is allocated.
constexpr std::size_t kLz4MaxRatio = 255;
constexpr std::size_t kSnappyMaxRatio = 22;

// Where streaming codecs decompress to: one byte more than the header's size, as filling that byte proves
// the page holds more data than its header says, without decompressing all of it. The buffer starts at what
// the input plausibly expands to and grows as the codec fills it, so that a few bytes whose header claims
// 2 GiB cost little before the stream turns out short; real pages fit it from the start.
class StreamOutput {
public:
    StreamOutput(std::size_t size, std::size_t inputSize)
        : m_limit(size + 1), m_bytes(std::min(m_limit, inputSize * 1024 + (std::size_t{1} << 20)), '\0')
    {
    }

    // Makes room after `produced` bytes; false once the buffer holds the sentinel byte.
    bool grow(std::size_t produced)
    {
        if (produced < m_bytes.size())
            return true;
        if (m_bytes.size() == m_limit)
            return false;
        m_bytes.resize(m_bytes.size() > m_limit / 2 ? m_limit : m_bytes.size() * 2);
        return true;
    }

    char *at(std::size_t produced) { return m_bytes.data() + produced; }
    std::size_t room(std::size_t produced) const { return m_bytes.size() - produced; }

    // The page, once `produced` has been checked to be the header's size.
    std::string take(std::size_t produced)
    {
        m_bytes.resize(produced);
        return std::move(m_bytes);
    }

private:
    std::size_t m_limit;
    std::string m_bytes;
};

void checkSize(Codec codec, std::size_t produced, std::size_t expected)
{
    if (produced > expected)
        fail(codec, "page holds more than " + std::to_string(expected) + " bytes, its header says " +
                        std::to_string(expected));
    if (produced < expected)
        fail(codec, "page holds " + std::to_string(produced) + " bytes, its header says " + std::to_string(expected));
}

const char *chars(std::span<const std::byte> bytes)
{
    return reinterpret_cast<const char *>(bytes.data());
}

std::string decompressSnappy(std::span<const std::byte> input, std::size_t size)
{
    std::size_t length = 0;
    if (!snappy::GetUncompressedLength(chars(input), input.size(), &length))
        fail(Codec::Snappy, "damaged data");
    checkSize(Codec::Snappy, length, size);
    if (length / kSnappyMaxRatio > input.size())
        fail(Codec::Snappy, std::to_string(input.size()) + " bytes cannot hold a page of " + std::to_string(length));
    std::string out(length, '\0');
    if (!snappy::RawUncompress(chars(input), input.size(), out.data()))
        fail(Codec::Snappy, "damaged data");
    return out;
}

std::string decompressGzip(std::span<const std::byte> input, std::size_t size)
{
    z_stream stream{};
    // 32 + MAX_WBITS also accepts a zlib header under the GZIP codec, as Arrow does.
    if (inflateInit2(&stream, 32 + MAX_WBITS) != Z_OK)
        fail(Codec::Gzip, "cannot initialise zlib");
    const std::unique_ptr<z_stream, int (*)(z_stream *)> end(&stream, inflateEnd);
    StreamOutput out(size, input.size());
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<std::byte *>(input.data()));
    stream.avail_in = static_cast<uInt>(input.size());
    // Not total_out: inflateReset zeroes it at each member.
    std::size_t produced = 0;
    while (out.grow(produced)) {
        stream.next_out = reinterpret_cast<Bytef *>(out.at(produced));
        stream.avail_out = static_cast<uInt>(out.room(produced));
        const int status = inflate(&stream, Z_NO_FLUSH);
        produced = out.room(0) - stream.avail_out;
        if (status == Z_STREAM_END) {
            if (stream.avail_in == 0)
                break;
            // Another member follows: concatenated gzip members are one gzip stream (RFC 1952).
            inflateReset(&stream);
        } else if (status == Z_BUF_ERROR && stream.avail_out != 0) {
            fail(Codec::Gzip, "data ends inside the stream");
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            fail(Codec::Gzip, stream.msg ? stream.msg : "damaged data");
        }
    }
    checkSize(Codec::Gzip, produced, size);
    return out.take(produced);
}

std::string decompressZstd(std::span<const std::byte> input, std::size_t size)
{
    // One context per thread: creating one per page would cost more than decompressing a small page.
    thread_local const std::unique_ptr<ZSTD_DCtx, std::size_t (*)(ZSTD_DCtx *)> context(ZSTD_createDCtx(),
                                                                                       ZSTD_freeDCtx);
    if (!context)
        fail(Codec::Zstd, "cannot create a decompression context");
    // A previous page may have failed mid-frame.
    ZSTD_DCtx_reset(context.get(), ZSTD_reset_session_only);
    StreamOutput out(size, input.size());
    // Streaming handles several frames, and frames that do not record their size; a whole frame that fits
    // the output is still decoded in one pass.
    ZSTD_inBuffer in{input.data(), input.size(), 0};
    std::size_t produced = 0;
    while (out.grow(produced)) {
        ZSTD_outBuffer buffer{out.at(0), out.room(0), produced};
        const std::size_t result = ZSTD_decompressStream(context.get(), &buffer, &in);
        produced = buffer.pos;
        if (ZSTD_isError(result))
            fail(Codec::Zstd, ZSTD_getErrorName(result));
        if (in.pos == in.size && (result == 0 || buffer.pos < buffer.size)) {
            // With room left in the output the decoder has flushed all it could: a frame left unfinished
            // lacks input.
            if (result != 0)
                fail(Codec::Zstd, "data ends inside a frame");
            break;
        }
    }
    checkSize(Codec::Zstd, produced, size);
    return out.take(produced);
}

std::uint32_t bigEndian32(const std::byte *bytes)
{
    return std::to_integer<std::uint32_t>(bytes[0]) << 24 | std::to_integer<std::uint32_t>(bytes[1]) << 16 |
           std::to_integer<std::uint32_t>(bytes[2]) << 8 | std::to_integer<std::uint32_t>(bytes[3]);
}

// The Hadoop framing parquet-mr writes under the LZ4 codec: blocks of [uncompressed size][compressed size]
// (big-endian 32-bit) then a raw LZ4 block. Returns the bytes decompressed into `out` (of the header's size),
// or nothing when the input is not framed that way.
std::optional<std::size_t> decompressHadoopLz4(std::span<const std::byte> input, std::string &out)
{
    constexpr std::size_t prefix = 8;
    std::size_t consumed = 0;
    std::size_t produced = 0;
    while (input.size() - consumed >= prefix) {
        const std::uint32_t blockSize = bigEndian32(input.data() + consumed);
        const std::uint32_t compressedSize = bigEndian32(input.data() + consumed + 4);
        consumed += prefix;
        if (compressedSize > input.size() - consumed || blockSize > out.size() - produced)
            return std::nullopt;
        const int result = LZ4_decompress_safe(chars(input) + consumed, out.data() + produced,
                                               static_cast<int>(compressedSize), static_cast<int>(blockSize));
        if (result < 0 || static_cast<std::uint32_t>(result) != blockSize)
            return std::nullopt;
        consumed += compressedSize;
        produced += blockSize;
    }
    if (consumed != input.size())
        return std::nullopt;
    return produced;
}

std::string decompressLz4(Codec codec, std::span<const std::byte> input, std::size_t size)
{
    // Older parquet-cpp wrote a bare block under the LZ4 codec; like Arrow, fall back to that when the Hadoop
    // framing does not fit.
    // No LZ4 data, framed or not, decompresses to more than this: a larger header size is not allocated.
    const std::size_t expandable = input.size() * kLz4MaxRatio;
    if (codec == Codec::Lz4) {
        std::string out(std::min(size, expandable), '\0');
        if (const auto produced = decompressHadoopLz4(input, out)) {
            checkSize(codec, *produced, size);
            return out;
        }
    }
    // One byte more than the header's size (when the input could fill it) shows a block that is longer.
    std::string out(std::min(size + 1, expandable), '\0');
    const int result =
        LZ4_decompress_safe(chars(input), out.data(), static_cast<int>(input.size()), static_cast<int>(out.size()));
    if (result < 0)
        fail(codec, codec == Codec::Lz4 ? "data is neither Hadoop-framed LZ4 nor a valid LZ4 block"
                                        : "damaged block, or one of more than " + std::to_string(size) + " bytes");
    checkSize(codec, static_cast<std::size_t>(result), size);
    out.resize(size);
    return out;
}

std::string decompressBrotli(std::span<const std::byte> input, std::size_t size)
{
    const std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState *)> state(
        BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), BrotliDecoderDestroyInstance);
    if (!state)
        fail(Codec::Brotli, "cannot create a decoder");
    StreamOutput out(size, input.size());
    std::size_t availableIn = input.size();
    auto nextIn = reinterpret_cast<const std::uint8_t *>(input.data());
    std::size_t produced = 0;
    while (out.grow(produced)) {
        std::size_t availableOut = out.room(produced);
        auto nextOut = reinterpret_cast<std::uint8_t *>(out.at(produced));
        const BrotliDecoderResult result =
            BrotliDecoderDecompressStream(state.get(), &availableIn, &nextIn, &availableOut, &nextOut, nullptr);
        produced = out.room(0) - availableOut;
        if (result == BROTLI_DECODER_RESULT_SUCCESS) {
            if (availableIn != 0)
                fail(Codec::Brotli, std::to_string(availableIn) + " bytes follow the end of the stream");
            break;
        }
        if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT)
            fail(Codec::Brotli, "data ends inside the stream");
        if (result == BROTLI_DECODER_RESULT_ERROR)
            fail(Codec::Brotli, BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state.get())));
    }
    checkSize(Codec::Brotli, produced, size);
    return out.take(produced);
}

std::string copyUncompressed(std::span<const std::byte> input, std::size_t size)
{
    checkSize(Codec::Uncompressed, input.size(), size);
    return std::string(chars(input), input.size());
}

using Decompressor = std::string (*)(std::span<const std::byte>, std::size_t);

Decompressor decompressorFor(Codec codec)
{
    switch (codec) {
    case Codec::Uncompressed: return copyUncompressed;
    case Codec::Snappy: return decompressSnappy;
    case Codec::Gzip: return decompressGzip;
    case Codec::Brotli: return decompressBrotli;
    case Codec::Lz4: return [](std::span<const std::byte> input, std::size_t size) {
        return decompressLz4(Codec::Lz4, input, size);
    };
    case Codec::Zstd: return decompressZstd;
    case Codec::Lz4Raw: return [](std::span<const std::byte> input, std::size_t size) {
        return decompressLz4(Codec::Lz4Raw, input, size);
    };
    case Codec::Lzo: break;
    }
    return nullptr;
}

} // namespace

std::string decompress(Codec codec, std::span<const std::byte> input, std::size_t uncompressedSize)
{
    const Decompressor decompressor = decompressorFor(codec);
    if (!decompressor)
        fail(codec, "not supported");
    if (input.size() > kMaxPageSize || uncompressedSize > kMaxPageSize)
        fail(codec, "page of " + std::to_string(std::max(input.size(), uncompressedSize)) +
                        " bytes exceeds Parquet's 2 GiB limit");
    // A page without values may come without compressed bytes at all (page_v2_empty_compressed.parquet).
    if (input.empty() && uncompressedSize == 0)
        return {};
    return decompressor(input, uncompressedSize);
}

std::string compress(Codec codec, std::span<const std::byte> input, int level)
{
    if (input.size() > kMaxPageSize)
        fail(codec, "page of " + std::to_string(input.size()) + " bytes exceeds Parquet's 2 GiB limit");
    std::string out;
    switch (codec) {
    case Codec::Uncompressed:
        return std::string(chars(input), input.size());
    case Codec::Snappy: {
        out.resize(snappy::MaxCompressedLength(input.size()));
        std::size_t length = 0;
        snappy::RawCompress(chars(input), input.size(), out.data(), &length);
        out.resize(length);
        return out;
    }
    case Codec::Gzip: {
        z_stream stream{};
        if (deflateInit2(&stream, level ? level : Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8,
                         Z_DEFAULT_STRATEGY) != Z_OK)
            fail(codec, "cannot compress at level " + std::to_string(level));
        const std::unique_ptr<z_stream, int (*)(z_stream *)> end(&stream, deflateEnd);
        out.resize(deflateBound(&stream, static_cast<uLong>(input.size())));
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<std::byte *>(input.data()));
        stream.avail_in = static_cast<uInt>(input.size());
        stream.next_out = reinterpret_cast<Bytef *>(out.data());
        stream.avail_out = static_cast<uInt>(out.size());
        if (deflate(&stream, Z_FINISH) != Z_STREAM_END)
            fail(codec, stream.msg ? stream.msg : "compression failed");
        out.resize(stream.total_out);
        return out;
    }
    case Codec::Zstd: {
        out.resize(ZSTD_compressBound(input.size()));
        const std::size_t length =
            ZSTD_compress(out.data(), out.size(), input.data(), input.size(), level ? level : ZSTD_CLEVEL_DEFAULT);
        if (ZSTD_isError(length))
            fail(codec, ZSTD_getErrorName(length));
        out.resize(length);
        return out;
    }
    case Codec::Lz4Raw: {
        out.resize(static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(input.size()))));
        const int length =
            level > 0 ? LZ4_compress_HC(chars(input), out.data(), static_cast<int>(input.size()),
                                        static_cast<int>(out.size()), level)
                      : LZ4_compress_default(chars(input), out.data(), static_cast<int>(input.size()),
                                             static_cast<int>(out.size()));
        if (length <= 0)
            fail(codec, "compression failed");
        out.resize(static_cast<std::size_t>(length));
        return out;
    }
    case Codec::Brotli: {
        // Brotli's own default, 11, is an order of magnitude slower for a few percent; Arrow writes 8 too.
        const int quality = level ? level : 8;
        if (quality < BROTLI_MIN_QUALITY || quality > BROTLI_MAX_QUALITY)
            fail(codec, "level " + std::to_string(level) + " is outside 0..11");
        std::size_t length = BrotliEncoderMaxCompressedSize(input.size());
        out.resize(length);
        if (!BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, input.size(),
                                   reinterpret_cast<const std::uint8_t *>(input.data()), &length,
                                   reinterpret_cast<std::uint8_t *>(out.data())))
            fail(codec, "compression failed");
        out.resize(length);
        return out;
    }
    case Codec::Lz4:
        fail(codec, "not written (its Hadoop framing is deprecated): use LZ4_RAW");
    case Codec::Lzo:
        break;
    }
    fail(codec, "not supported");
}

} // namespace parquet
