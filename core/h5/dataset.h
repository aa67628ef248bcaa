#pragma once

#include "core/h5/attributes.h"
#include "core/h5/datatype.h"
#include "core/h5/filter.h"
#include "core/h5/object.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace h5 {

// How a new dataset is laid out. A dataset that may grow (maxShape differs from its shape) or has filters
// must be chunked; the caller chooses the chunk shape because only it knows the access pattern (one frame
// per chunk for recordings).
struct DatasetOptions {
    Shape maxShape;               // empty: the initial shape; Unlimited for a dimension that grows
    Shape chunk;                  // empty: contiguous
    std::vector<Filter> filters;  // applied in order
    bool fill = true;             // false: chunks are never pre-filled (recordings write every byte anyway)
};

enum class Layout { Compact, Contiguous, Chunked, Virtual };

// One mapping of a virtual dataset, as stored: `file` is "." for the virtual dataset's own file and may hold
// HDF5's printf-style patterns ("%b"), as may `dataset`. `selection` reads "SOURCE -> VIRTUAL", each side
// "all" or numpy-like slices ("[0:10, :]"; "[0:19:2]" with a stride, "[5:]" for an unlimited count,
// "[0:18:4 (blocks of 2)]" when a strided block is wider than one element); a selection slices cannot
// express says how many points or blocks it has.
struct VirtualSource {
    std::string file;
    std::string dataset;
    std::string selection;
};

// A dataset's own chunk cache (H5Pset_chunk_cache): `bytes` of decompressed chunks, found through a hash
// table of `slots` entries.
struct ChunkCache {
    std::size_t bytes = 0;
    std::size_t slots = 0;
};

// The cache for a reader that touches `chunksPerRead` chunks of `chunk` elements per read: room for twice
// that, so that stepping back and forth between a frame and its neighbour decompresses nothing again,
// within [1 MiB, 256 MiB]. HDF5's default (1 MiB) holds not even one 1024×1024 uint16 frame, so every read
// would decompress its chunks afresh. Slots are a prime near 100 × the chunks that fit, as HDF5 advises,
// but the slot table (8 bytes a slot, allocated up front) stays within a sixteenth of the cache.
ChunkCache chunkCacheFor(const Shape &chunk, std::size_t elementSize, std::uint64_t chunksPerRead);

// A dataset. Typed reads and writes use the element types DataType::of<T> supports; HDF5 converts between
// the stored and the requested type where it can (reading int16 data as double, say). Numbers can also be
// read from an enum dataset (h5py's bool included), as the members' integer values, which HDF5 itself
// will not convert; reading numbers from any other non-numeric type (compound, string, ...) throws
// h5::Error naming the dataset and its type.
class Dataset : public Object {
public:
    using Object::Object;

    DataType dataType() const;
    Shape shape() const;
    Shape maxShape() const;                  // Unlimited where a dimension may grow without bound
    std::optional<Shape> chunkShape() const; // none for contiguous or compact layout
    std::vector<FilterInfo> filters() const;
    std::uint64_t storageSize() const;       // bytes allocated in the file
    Layout layout() const;
    // The mappings of a virtual dataset, in the order stored; empty for any other layout.
    std::vector<VirtualSource> virtualSources() const;

    // Rereads the dataset's metadata from the file (H5Drefresh): an SWMR reader sees the extent and data
    // the writer has flushed since the dataset was opened or last refreshed, which shape() and read() alone
    // do not.
    void refresh() const;

    template <class T>
    std::vector<T> read() const;
    // The hyperslab starting at `offset` with `count` elements along each dimension.
    template <class T>
    std::vector<T> read(const Shape &offset, const Shape &count) const;

    template <class T>
    void write(std::span<const T> data) const;
    template <class T>
    void write(std::span<const T> data, const Shape &offset, const Shape &count) const;

    // Grows the first dimension by data.size() / (elements per row) and writes the new rows. The data must
    // hold whole rows.
    template <class T>
    void append(std::span<const T> data) const;

    void resize(const Shape &shape) const;

    // One chunk exactly as stored (after its filters, e.g. deflate-compressed), for integrity checks that
    // must not pay for decompression. `offset` is the chunk's first element; `filterMask` receives HDF5's
    // mask of filters skipped for this chunk. An unallocated chunk is an error naming it.
    struct RawChunk {
        std::vector<std::uint8_t> bytes;
        std::uint32_t filterMask = 0;
    };
    RawChunk readRawChunk(const Shape &offset) const;
    // Stores one chunk that the caller has already passed through the dataset's filters (H5Dwrite_chunk):
    // compression can then run on many threads while HDF5 is called from one. `filterMask` marks filters
    // the caller skipped (0: all applied). A filtered dataset of exactly one chunk is refused: HDF5 1.10
    // would read such a chunk back undecoded.
    void writeRawChunk(const Shape &offset, std::span<const std::uint8_t> bytes, std::uint32_t filterMask = 0) const;

    // The whole dataset as JSON (see detail/jsonvalue.h); for small datasets only.
    nlohmann::json readJson() const;
    // The hyperslab at `offset` of `count` elements along each dimension, as nested arrays of count's shape,
    // with readJson()'s conversions; for previews of a dataset too large for readJson().
    nlohmann::json readJson(const Shape &offset, const Shape &count) const;

    Attributes attributes() const { return Attributes(*this); }
};

} // namespace h5
