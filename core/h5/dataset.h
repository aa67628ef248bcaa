#pragma once

#include "core/h5/attributes.h"
#include "core/h5/datatype.h"
#include "core/h5/filter.h"
#include "core/h5/object.h"

#include <nlohmann/json_fwd.hpp>

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

// A dataset. Typed reads and writes use the element types DataType::of<T> supports; HDF5 converts between
// the stored and the requested type where it can (reading int16 data as double, say).
class Dataset : public Object {
public:
    using Object::Object;

    DataType dataType() const;
    Shape shape() const;
    Shape maxShape() const;                  // Unlimited where a dimension may grow without bound
    std::optional<Shape> chunkShape() const; // none for contiguous or compact layout
    std::vector<FilterInfo> filters() const;
    std::uint64_t storageSize() const;       // bytes allocated in the file

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

    Attributes attributes() const { return Attributes(*this); }
};

} // namespace h5
