#include "core/h5/bloscfilter.h"

#include "core/error.h"

#include <blosc.h>
#include <hdf5.h>

#include <algorithm>
#include <array>
#include <mutex>

namespace h5 {

namespace {

constexpr H5Z_filter_t BloscFilterId = 32001;
constexpr unsigned PluginFilterVersion = 2; // FILTER_BLOSC_VERSION of hdf5-blosc, whose parameters we share
constexpr unsigned DefaultLevel = 5;

// The plug-in's set_local: parameters 0-3 describe the dataset (version, Blosc format, type size, chunk
// bytes); 4-6 (level, shuffle, compressor) stay as the writer gave them.
herr_t setLocal(hid_t dcpl, hid_t type, hid_t)
{
    std::array<unsigned, 7> values{};
    std::size_t count = values.size();
    unsigned flags = 0;
    if (H5Pget_filter_by_id2(dcpl, BloscFilterId, &flags, &count, values.data(), 0, nullptr, nullptr) < 0)
        return -1;
    // HDF5 reports how many values the filter has, which may be more than it copied.
    count = std::clamp<std::size_t>(count, 4, values.size());
    std::size_t typeSize = H5Tget_size(type);
    if (typeSize == 0)
        return -1;
    std::array<hsize_t, H5S_MAX_RANK> chunk{};
    const int rank = H5Pget_chunk(dcpl, H5S_MAX_RANK, chunk.data());
    if (rank < 0)
        return -1;
    std::size_t chunkBytes = typeSize;
    for (int i = 0; i < rank; ++i)
        chunkBytes *= chunk[std::size_t(i)];
    if (typeSize > BLOSC_MAX_TYPESIZE) // Blosc shuffles elements of at most 255 bytes; larger ones as bytes
        typeSize = 1;
    values[0] = PluginFilterVersion;
    values[1] = BLOSC_VERSION_FORMAT;
    values[2] = static_cast<unsigned>(typeSize);
    values[3] = static_cast<unsigned>(chunkBytes);
    return H5Pmodify_filter(dcpl, BloscFilterId, flags, count, values.data());
}

// HDF5 owns the buffers: they come from and go back to H5allocate_memory / H5free_memory (on Windows the
// library's heap is not ours). Returning 0 tells HDF5 the filter failed, which it reports as a read or
// write error naming the dataset.
std::size_t filter(unsigned flags, std::size_t count, const unsigned values[], std::size_t bytes,
                   std::size_t *bufferSize, void **buffer)
{
    void *result = nullptr;
    std::size_t allocated = 0;
    int size = 0;
    if (flags & H5Z_FLAG_REVERSE) {
        std::size_t decodedSize = 0;
        // Validation checks the header against the bytes really there, so a corrupt chunk cannot make
        // decompression read past it.
        if (blosc_cbuffer_validate(*buffer, bytes, &decodedSize) != 0)
            return 0;
        allocated = std::max<std::size_t>(decodedSize, 1);
        result = H5allocate_memory(allocated, false);
        if (!result)
            return 0;
        size = blosc_decompress_ctx(*buffer, result, decodedSize, 1);
        if (size < 0 || std::size_t(size) != decodedSize) {
            H5free_memory(result);
            return 0;
        }
    } else {
        const std::size_t typeSize = count > 2 && values[2] ? values[2] : 1;
        const int level = count > 4 ? int(values[4]) : int(DefaultLevel);
        const int shuffle = count > 5 ? int(values[5]) : BLOSC_SHUFFLE;
        const char *compressor = BLOSC_BLOSCLZ_COMPNAME;
        if (count > 6 && blosc_compcode_to_compname(int(values[6]), &compressor) < 0)
            return 0;
        allocated = bytes + BLOSC_MAX_OVERHEAD;
        result = H5allocate_memory(allocated, false);
        if (!result)
            return 0;
        size = blosc_compress_ctx(level, shuffle, typeSize, bytes, *buffer, result, allocated, compressor, 0, 1);
        if (size <= 0) {
            H5free_memory(result);
            return 0;
        }
    }
    H5free_memory(*buffer);
    *buffer = result;
    *bufferSize = allocated;
    return static_cast<std::size_t>(size);
}

} // namespace

void registerBloscFilter()
{
    static std::once_flag once;
    std::call_once(once, [] {
        static const H5Z_class2_t blosc{H5Z_CLASS_T_VERS, BloscFilterId, 1, 1, "blosc", nullptr, setLocal, filter};
        if (H5Zregister(&blosc) < 0)
            throw core::Error("HDF5 refused to register the blosc filter");
    });
}

} // namespace h5
