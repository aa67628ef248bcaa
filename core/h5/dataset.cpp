#include "core/h5/dataset.h"

#include "core/h5/detail/call.h"
#include "core/h5/detail/handle.h"
#include "core/h5/detail/jsonvalue.h"
#include "core/h5/detail/nativetype.h"

#include <hdf5.h>
#include <nlohmann/json.hpp>

#include <cstring>

namespace h5 {

namespace {

std::vector<hsize_t> toDims(const Shape &shape)
{
    return {shape.begin(), shape.end()};
}

std::string describe(const Shape &shape)
{
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + ")";
}

// The element type handed to H5Dread/H5Dwrite, closed afterwards when it is not a predefined one.
template <class T>
struct MemoryType {
    hid_t id = detail::nativeType<T>();
    MemoryType() = default;
    MemoryType(const MemoryType &) = delete;
    MemoryType &operator=(const MemoryType &) = delete;
    ~MemoryType()
    {
        if constexpr (detail::ownsNativeType<T>())
            H5Tclose(id);
    }
};

// File and memory dataspaces for a hyperslab (or the whole dataset when count is empty).
struct Selection {
    detail::SpaceHandle file;
    detail::SpaceHandle memory; // -1 for the whole dataset
    std::uint64_t elements;

    hid_t memorySpace() const { return memory.id < 0 ? H5S_ALL : memory.id; }
};

Selection select(const Dataset &dataset, const Shape &offset, const Shape &count)
{
    const detail::Where where{dataset.id(), {}, {}};
    Selection selection{detail::SpaceHandle(detail::call(where, "cannot read dataspace",
                                                         [&] { return H5Dget_space(dataset.id()); })),
                        detail::SpaceHandle(-1), 0};
    if (count.empty()) {
        selection.elements = static_cast<std::uint64_t>(H5Sget_simple_extent_npoints(selection.file.id));
        return selection;
    }
    const Shape shape = dataset.shape();
    if (offset.size() != shape.size() || count.size() != shape.size())
        detail::fail(where, "selection rank " + std::to_string(count.size()) + " does not match dataset rank " +
                                std::to_string(shape.size()));
    for (std::size_t i = 0; i < shape.size(); ++i)
        if (offset[i] + count[i] > shape[i])
            detail::fail(where, "selection at " + describe(offset) + " of " + describe(count) +
                                    " exceeds the dataset's shape " + describe(shape));
    const auto start = toDims(offset);
    const auto extent = toDims(count);
    detail::call(where, "cannot select hyperslab", [&] {
        return H5Sselect_hyperslab(selection.file.id, H5S_SELECT_SET, start.data(), nullptr, extent.data(), nullptr);
    });
    selection.memory.id = H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr);
    selection.elements = elementCount(count);
    return selection;
}

// HDF5 converts no enum to a number (h5py's bool included), so the values are read in the enum's native
// integer base and converted from that.
template <class T>
std::vector<T> readEnumAsNumbers(const Dataset &dataset, const Selection &selection, const DataType &stored)
{
    const detail::Where where{dataset.id(), {}, {}};
    const detail::TypeHandle memoryEnum(detail::call(where, "cannot map enum type to memory", [&] {
        return H5Tget_native_type(stored.id(), H5T_DIR_ASCEND);
    }));
    const detail::TypeHandle base(detail::call(where, "cannot read enum base type",
                                               [&] { return H5Tget_super(memoryEnum.id); }));
    // H5Tconvert works in place, in a buffer wide enough for the larger of the two types.
    std::vector<unsigned char> raw(selection.elements * std::max(H5Tget_size(base.id), sizeof(T)));
    detail::call(where, "cannot read dataset", [&] {
        return H5Dread(dataset.id(), memoryEnum.id, selection.memorySpace(), selection.file.id, H5P_DEFAULT,
                       raw.data());
    });
    detail::call(where, "cannot convert enum values to numbers", [&] {
        return H5Tconvert(base.id, detail::nativeType<T>(), selection.elements, raw.data(), nullptr, H5P_DEFAULT);
    });
    std::vector<T> values(selection.elements);
    std::memcpy(values.data(), raw.data(), values.size() * sizeof(T));
    return values;
}

template <class T>
std::vector<T> readSelection(const Dataset &dataset, const Shape &offset, const Shape &count)
{
    const Selection selection = select(dataset, offset, count);
    const detail::Where where{dataset.id(), {}, {}};
    const hid_t memorySpace = selection.memorySpace();

    if constexpr (std::is_same_v<T, std::string>) {
        const DataType stored = dataset.dataType();
        if (H5Tis_variable_str(stored.id()) <= 0) {
            // Fixed-length strings are read in their own width, then trimmed of padding.
            const std::size_t width = stored.size();
            const detail::TypeHandle memType(H5Tcopy(stored.id()));
            std::vector<char> raw(selection.elements * width);
            detail::call(where, "cannot read dataset", [&] {
                return H5Dread(dataset.id(), memType.id, memorySpace, selection.file.id, H5P_DEFAULT, raw.data());
            });
            std::vector<std::string> values;
            values.reserve(selection.elements);
            for (std::size_t i = 0; i < selection.elements; ++i) {
                std::string text(raw.data() + i * width, width);
                text.resize(std::min(text.find('\0'), text.size()));
                if (H5Tget_strpad(stored.id()) == H5T_STR_SPACEPAD)
                    text.erase(text.find_last_not_of(' ') + 1);
                values.push_back(std::move(text));
            }
            return values;
        }
        const MemoryType<std::string> memType;
        std::vector<char *> raw(selection.elements, nullptr);
        detail::call(where, "cannot read dataset", [&] {
            return H5Dread(dataset.id(), memType.id, memorySpace, selection.file.id, H5P_DEFAULT, raw.data());
        });
        std::vector<std::string> values(raw.begin(), raw.end());
        const detail::SpaceHandle reclaimSpace(H5Screate_simple(1, std::vector<hsize_t>{raw.size()}.data(), nullptr));
        detail::reclaimVariableLength(memType.id, reclaimSpace.id, raw.data());
        return values;
    } else {
        if constexpr (std::is_arithmetic_v<T>) {
            const DataType stored = dataset.dataType();
            const H5T_class_t storedClass = H5Tget_class(stored.id());
            if (storedClass == H5T_ENUM)
                return readEnumAsNumbers<T>(dataset, selection, stored);
            // HDF5's own refusal would say only that it cannot convert, not between which types.
            if (storedClass != H5T_INTEGER && storedClass != H5T_FLOAT)
                detail::fail(where, "cannot read " + stored.name() + " as " + DataType::of<T>().name());
        }
        const MemoryType<T> memType;
        std::vector<T> values(selection.elements);
        detail::call(where, "cannot read dataset", [&] {
            return H5Dread(dataset.id(), memType.id, memorySpace, selection.file.id, H5P_DEFAULT, values.data());
        });
        return values;
    }
}

template <class T>
void writeSelection(const Dataset &dataset, std::span<const T> data, const Shape &offset, const Shape &count)
{
    const Selection selection = select(dataset, offset, count);
    const detail::Where where{dataset.id(), {}, {}};
    if (data.size() != selection.elements)
        detail::fail(where, "cannot write " + std::to_string(data.size()) + " elements into a selection of " +
                                std::to_string(selection.elements));
    const hid_t memorySpace = selection.memorySpace();

    const MemoryType<T> memType;
    if constexpr (std::is_same_v<T, std::string>) {
        std::vector<const char *> pointers;
        pointers.reserve(data.size());
        for (const auto &text : data)
            pointers.push_back(text.c_str());
        detail::call(where, "cannot write dataset", [&] {
            return H5Dwrite(dataset.id(), memType.id, memorySpace, selection.file.id, H5P_DEFAULT, pointers.data());
        });
    } else {
        detail::call(where, "cannot write dataset", [&] {
            return H5Dwrite(dataset.id(), memType.id, memorySpace, selection.file.id, H5P_DEFAULT, data.data());
        });
    }
}

detail::PropertyHandle creationProperties(const Dataset &dataset)
{
    return detail::PropertyHandle(detail::call({dataset.id()}, "cannot read creation properties",
                                               [&] { return H5Dget_create_plist(dataset.id()); }));
}

// One dimension of a regular hyperslab as a numpy slice; "(blocks of N)" where numpy has no word for it.
std::string describeSlice(hsize_t start, hsize_t stride, hsize_t count, hsize_t block, hsize_t extent)
{
    const std::string from = std::to_string(start);
    if (block == H5S_UNLIMITED || (count == H5S_UNLIMITED && stride == block))
        return from + ":";
    const std::string blocks = block > 1 && stride != block ? " (blocks of " + std::to_string(block) + ")" : "";
    if (count == H5S_UNLIMITED)
        return from + "::" + std::to_string(stride) + blocks;
    if (count == 1 || stride == block) {
        const hsize_t stop = start + count * block;
        return start == 0 && stop == extent ? ":" : from + ":" + std::to_string(stop);
    }
    return from + ":" + std::to_string(start + (count - 1) * stride + block) + ":" + std::to_string(stride) + blocks;
}

std::string describeSelection(hid_t space)
{
    switch (H5Sget_select_type(space)) {
    case H5S_SEL_ALL: return "all";
    case H5S_SEL_NONE: return "none";
    case H5S_SEL_POINTS: return std::to_string(H5Sget_select_elem_npoints(space)) + " points";
    case H5S_SEL_HYPERSLABS: break;
    default: return "unknown selection";
    }
    if (H5Sis_regular_hyperslab(space) <= 0)
        return std::to_string(H5Sget_select_hyper_nblocks(space)) + " blocks";
    const auto rank = static_cast<std::size_t>(std::max(H5Sget_simple_extent_ndims(space), 0));
    std::vector<hsize_t> start(rank), stride(rank), count(rank), block(rank), extent(rank);
    H5Sget_regular_hyperslab(space, start.data(), stride.data(), count.data(), block.data());
    H5Sget_simple_extent_dims(space, extent.data(), nullptr);
    std::string text = "[";
    for (std::size_t i = 0; i < rank; ++i)
        text += (i ? ", " : "") + describeSlice(start[i], stride[i], count[i], block[i], extent[i]);
    return text + "]";
}

// H5Pget_virtual_filename and H5Pget_virtual_dsetname share this two-call protocol: ask for the length, then
// fill a buffer.
std::string mappingName(const Dataset &dataset, hid_t plist, std::size_t index,
                        ssize_t (*getName)(hid_t, size_t, char *, size_t))
{
    const ssize_t size = detail::call({dataset.id()}, "cannot read virtual mapping " + std::to_string(index),
                                      [&] { return getName(plist, index, nullptr, 0); });
    std::string name(static_cast<std::size_t>(size), '\0');
    getName(plist, index, name.data(), name.size() + 1);
    return name;
}

std::uint64_t nextPrime(std::uint64_t from)
{
    const auto isPrime = [](std::uint64_t n) {
        if (n < 4)
            return n > 1;
        if (n % 2 == 0)
            return false;
        for (std::uint64_t divisor = 3; divisor * divisor <= n; divisor += 2)
            if (n % divisor == 0)
                return false;
        return true;
    };
    while (!isPrime(from))
        ++from;
    return from;
}

} // namespace

ChunkCache chunkCacheFor(const Shape &chunk, std::size_t elementSize, std::uint64_t chunksPerRead)
{
    constexpr std::uint64_t MinBytes = std::uint64_t(1) << 20, MaxBytes = std::uint64_t(256) << 20;
    constexpr std::uint64_t SlotBytes = 8, SlotTableShare = 16; // the slot table takes at most 1/16 of the cache
    const std::uint64_t chunkBytes = std::max<std::uint64_t>(elementCount(chunk) * elementSize, 1);
    const std::uint64_t chunksHeldTwice = 2 * std::max<std::uint64_t>(chunksPerRead, 1);
    // Compared before multiplying: a caller's huge chunksPerRead must clamp, not overflow.
    const std::uint64_t wanted = chunksHeldTwice > MaxBytes / chunkBytes ? MaxBytes : chunksHeldTwice * chunkBytes;
    const std::uint64_t bytes = std::clamp(wanted, MinBytes, MaxBytes);
    const std::uint64_t chunksThatFit = std::max<std::uint64_t>(bytes / chunkBytes, 1);
    const std::uint64_t slots = nextPrime(std::min(100 * chunksThatFit, bytes / SlotTableShare / SlotBytes));
    return {static_cast<std::size_t>(bytes), static_cast<std::size_t>(slots)};
}

DataType Dataset::dataType() const
{
    return DataType(detail::call({id()}, "cannot read datatype", [&] { return H5Dget_type(id()); }));
}

Shape Dataset::shape() const
{
    const detail::SpaceHandle space(detail::call({id()}, "cannot read dataspace", [&] { return H5Dget_space(id()); }));
    const int rank = H5Sget_simple_extent_ndims(space.id);
    std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
    H5Sget_simple_extent_dims(space.id, dims.data(), nullptr);
    return {dims.begin(), dims.end()};
}

Shape Dataset::maxShape() const
{
    const detail::SpaceHandle space(detail::call({id()}, "cannot read dataspace", [&] { return H5Dget_space(id()); }));
    const int rank = H5Sget_simple_extent_ndims(space.id);
    std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
    H5Sget_simple_extent_dims(space.id, nullptr, dims.data());
    Shape shape;
    for (auto extent : dims)
        shape.push_back(extent == H5S_UNLIMITED ? Unlimited : extent);
    return shape;
}

std::optional<Shape> Dataset::chunkShape() const
{
    const detail::PropertyHandle plist = creationProperties(*this);
    if (H5Pget_layout(plist.id) != H5D_CHUNKED)
        return std::nullopt;
    std::vector<hsize_t> dims(32);
    const int rank = H5Pget_chunk(plist.id, static_cast<int>(dims.size()), dims.data());
    dims.resize(static_cast<std::size_t>(std::max(rank, 0)));
    return Shape(dims.begin(), dims.end());
}

std::vector<FilterInfo> Dataset::filters() const
{
    const detail::PropertyHandle plist = creationProperties(*this);
    std::vector<FilterInfo> filters;
    const int count = H5Pget_nfilters(plist.id);
    for (int i = 0; i < count; ++i) {
        unsigned flags = 0, config = 0;
        std::size_t parameterCount = 16;
        std::vector<unsigned> parameters(parameterCount);
        char name[256] = {};
        const H5Z_filter_t filterId = H5Pget_filter2(plist.id, static_cast<unsigned>(i), &flags, &parameterCount,
                                                     parameters.data(), sizeof name, name, &config);
        parameters.resize(std::min<std::size_t>(parameterCount, 16));
        FilterInfo info{static_cast<int>(filterId), name, parameters, H5Zfilter_avail(filterId) > 0, std::nullopt};
        // Where the level sits in each known filter's parameters (h5py, hdf5plugin and the HDF Group's
        // registered filter list).
        if (filterId == H5Z_FILTER_DEFLATE && !parameters.empty())
            info.level = parameters[0];
        else if (filterId == 32001 && parameters.size() > 4) // blosc
            info.level = parameters[4];
        else if ((filterId == 32015 || filterId == 307) && !parameters.empty()) // zstd, bzip2
            info.level = parameters[0];
        if (info.name.empty())
            info.name = filterId == H5Z_FILTER_DEFLATE ? "deflate" : "filter " + std::to_string(filterId);
        filters.push_back(std::move(info));
    }
    detail::silenceAutomaticErrorPrinting();
    H5Eclear2(H5E_DEFAULT);
    return filters;
}

std::uint64_t Dataset::storageSize() const
{
    return H5Dget_storage_size(id());
}

Layout Dataset::layout() const
{
    const detail::PropertyHandle plist = creationProperties(*this);
    switch (detail::call({id()}, "cannot read layout", [&] { return H5Pget_layout(plist.id); })) {
    case H5D_COMPACT: return Layout::Compact;
    case H5D_CONTIGUOUS: return Layout::Contiguous;
    case H5D_CHUNKED: return Layout::Chunked;
    case H5D_VIRTUAL: return Layout::Virtual;
    default: detail::fail({id()}, "unknown layout");
    }
}

std::vector<VirtualSource> Dataset::virtualSources() const
{
    const detail::PropertyHandle plist = creationProperties(*this);
    if (H5Pget_layout(plist.id) != H5D_VIRTUAL)
        return {};
    std::size_t count = 0;
    detail::call({id()}, "cannot read virtual mappings", [&] { return H5Pget_virtual_count(plist.id, &count); });
    std::vector<VirtualSource> sources;
    for (std::size_t i = 0; i < count; ++i) {
        const std::string what = "cannot read virtual mapping " + std::to_string(i);
        const detail::SpaceHandle source(detail::call({id()}, what, [&] { return H5Pget_virtual_srcspace(plist.id, i); }));
        const detail::SpaceHandle mapped(detail::call({id()}, what, [&] { return H5Pget_virtual_vspace(plist.id, i); }));
        sources.push_back({mappingName(*this, plist.id, i, H5Pget_virtual_filename),
                           mappingName(*this, plist.id, i, H5Pget_virtual_dsetname),
                           describeSelection(source.id) + " -> " + describeSelection(mapped.id)});
    }
    return sources;
}

void Dataset::refresh() const
{
    detail::call({id()}, "cannot refresh dataset", [&] { return H5Drefresh(id()); });
}

template <class T>
std::vector<T> Dataset::read() const
{
    return readSelection<T>(*this, {}, {});
}

template <class T>
std::vector<T> Dataset::read(const Shape &offset, const Shape &count) const
{
    return readSelection<T>(*this, offset, count);
}

template <class T>
void Dataset::write(std::span<const T> data) const
{
    writeSelection<T>(*this, data, {}, {});
}

template <class T>
void Dataset::write(std::span<const T> data, const Shape &offset, const Shape &count) const
{
    writeSelection<T>(*this, data, offset, count);
}

template <class T>
void Dataset::append(std::span<const T> data) const
{
    Shape shape = this->shape();
    const detail::Where where{id(), {}, {}};
    if (shape.empty())
        detail::fail(where, "cannot append to a scalar dataset");
    const std::uint64_t rowSize = elementCount(Shape(shape.begin() + 1, shape.end()));
    if (rowSize == 0 || data.size() % rowSize != 0)
        detail::fail(where, "cannot append " + std::to_string(data.size()) + " elements: rows hold " +
                                std::to_string(rowSize));
    const std::uint64_t rows = data.size() / rowSize;
    Shape offset(shape.size(), 0);
    offset[0] = shape[0];
    shape[0] += rows;
    resize(shape);
    Shape count = shape;
    count[0] = rows;
    writeSelection<T>(*this, data, offset, count);
}

void Dataset::resize(const Shape &shape) const
{
    const auto dims = toDims(shape);
    detail::call({id()}, "cannot resize dataset to " + describe(shape),
                 [&] { return H5Dset_extent(id(), dims.data()); });
}

Dataset::RawChunk Dataset::readRawChunk(const Shape &offset) const
{
    const auto start = toDims(offset);
    const std::string where = "chunk at " + describe(offset);
    // A chunk written moments ago may still sit in HDF5's chunk cache, with no stored form yet.
    detail::call({id()}, "cannot flush dataset", [&] { return H5Dflush(id()); });
    hsize_t size = 0;
    detail::call({id()}, "cannot find " + where, [&] { return H5Dget_chunk_storage_size(id(), start.data(), &size); });
    RawChunk chunk;
    chunk.bytes.resize(size);
    detail::call({id()}, "cannot read " + where, [&] {
        return H5Dread_chunk(id(), H5P_DEFAULT, start.data(), &chunk.filterMask, chunk.bytes.data());
    });
    return chunk;
}

void Dataset::writeRawChunk(const Shape &offset, std::span<const std::uint8_t> bytes, std::uint32_t filterMask) const
{
    // HDF5 1.10.8 indexes a dataset that is exactly one chunk with its "single chunk" index, and a filtered
    // chunk written there directly reads back undecoded: refuse rather than store what cannot be read.
    if (const auto chunk = chunkShape(); chunk && *chunk == shape() && maxShape() == shape() && !filters().empty())
        detail::fail({id()}, "cannot store a pre-filtered chunk in a dataset that is a single chunk "
                             "(HDF5 would read it back undecoded); make the dataset larger than one chunk");
    const auto start = toDims(offset);
    detail::call({id()}, "cannot write chunk at " + describe(offset), [&] {
        return H5Dwrite_chunk(id(), H5P_DEFAULT, filterMask, start.data(), bytes.size(), bytes.data());
    });
}

nlohmann::json Dataset::readJson() const
{
    return detail::readDatasetJson(id());
}

nlohmann::json Dataset::readJson(const Shape &offset, const Shape &count) const
{
    const Selection selection = select(*this, offset, count);
    // An empty count selects the whole dataset, which has no memory dataspace of its own.
    const hid_t memorySpace = selection.memory.id < 0 ? selection.file.id : selection.memory.id;
    return detail::readDatasetJson(id(), selection.file.id, memorySpace);
}

#define MACROSCOPE_INSTANTIATE(T)                                                                  \
    template std::vector<T> Dataset::read<T>() const;                                              \
    template std::vector<T> Dataset::read<T>(const Shape &, const Shape &) const;                  \
    template void Dataset::write<T>(std::span<const T>) const;                                     \
    template void Dataset::write<T>(std::span<const T>, const Shape &, const Shape &) const;        \
    template void Dataset::append<T>(std::span<const T>) const;

MACROSCOPE_INSTANTIATE(std::int8_t)
MACROSCOPE_INSTANTIATE(std::uint8_t)
MACROSCOPE_INSTANTIATE(std::int16_t)
MACROSCOPE_INSTANTIATE(std::uint16_t)
MACROSCOPE_INSTANTIATE(std::int32_t)
MACROSCOPE_INSTANTIATE(std::uint32_t)
MACROSCOPE_INSTANTIATE(std::int64_t)
MACROSCOPE_INSTANTIATE(std::uint64_t)
MACROSCOPE_INSTANTIATE(float)
MACROSCOPE_INSTANTIATE(double)
MACROSCOPE_INSTANTIATE(std::string)
MACROSCOPE_INSTANTIATE(Bool)
#undef MACROSCOPE_INSTANTIATE

} // namespace h5
