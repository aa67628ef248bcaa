#include "core/formats/parquet/parquetreader.h"

#include "core/error.h"
#include "core/formats/parquet/columnchunkreader.h"
#include "core/formats/parquet/schematotable.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <future>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <thread>
#include <tuple>

namespace parquet {

namespace {

constexpr char magic[] = "PAR1";
constexpr std::uint64_t magicSize = 4;
constexpr std::uint64_t trailerSize = 8; // footer length + magic

// Row groups smaller than this are decoded on the calling thread: starting threads would cost more.
constexpr std::int64_t parallelRowGroupRows = 65536;

// `size` bytes at `offset`, which the caller has checked lie inside the file.
std::unique_ptr<std::byte[]> readBytes(std::ifstream &file, std::uint64_t offset, std::uint64_t size)
{
    auto bytes = std::make_unique_for_overwrite<std::byte[]>(size);
    file.clear();
    file.seekg(static_cast<std::streamoff>(offset));
    file.read(reinterpret_cast<char *>(bytes.get()), static_cast<std::streamsize>(size));
    if (!file || static_cast<std::uint64_t>(file.gcount()) != size)
        throw core::Error("cannot read " + std::to_string(size) + " bytes at offset " + std::to_string(offset));
    return bytes;
}

// The footer's size, from the file's last 8 bytes, once the magic numbers say it is a Parquet file.
std::uint32_t footerSize(std::ifstream &file, std::uint64_t fileSize)
{
    if (fileSize < magicSize + trailerSize)
        throw core::Error("not a Parquet file (" + std::to_string(fileSize) + " bytes)");
    const auto head = readBytes(file, 0, magicSize);
    const auto trailer = readBytes(file, fileSize - trailerSize, trailerSize);
    if (std::memcmp(trailer.get() + 4, "PARE", 4) == 0)
        throw core::Error("encrypted Parquet files are not supported");
    if (std::memcmp(head.get(), magic, magicSize) != 0 || std::memcmp(trailer.get() + 4, magic, magicSize) != 0)
        throw core::Error("not a Parquet file (no PAR1 magic at its start and end)");
    std::uint32_t size;
    std::memcpy(&size, trailer.get(), sizeof size);
    if (size > fileSize - magicSize - trailerSize)
        throw core::Error("footer of " + std::to_string(size) + " bytes is longer than the file (" +
                          std::to_string(fileSize) + " bytes)");
    return size;
}

// Where a column chunk's pages lie, and what decoding them needs.
struct ChunkPlan {
    std::uint64_t offset = 0;
    std::uint64_t size = 0;
    ChunkInfo info;
};

// parquet-mr before 1.2.9 left the dictionary page header out of a column chunk's total_compressed_size
// (PARQUET-816; parquet-testing's nation.dict-malformed.parquet). As Arrow does, chunks of such files may run
// up to 100 bytes (a page header's most) past their stated size. A writer naming itself "parquet-mr" without
// a version is taken to be that old.
std::uint64_t chunkSizeSlack(const std::optional<std::string> &createdBy)
{
    constexpr std::uint64_t slack = 100;
    const std::string prefix = "parquet-mr";
    if (!createdBy || !createdBy->starts_with(prefix))
        return 0;
    const std::string versionPrefix = "parquet-mr version ";
    if (!createdBy->starts_with(versionPrefix))
        return slack;
    int major = 0, minor = 0, patch = 0;
    if (std::sscanf(createdBy->c_str() + versionPrefix.size(), "%d.%d.%d", &major, &minor, &patch) < 2)
        return slack;
    return std::tuple(major, minor, patch) < std::tuple(1, 2, 9) ? slack : 0;
}

// Checks what the footer says of a chunk of a flat column in a row group of `rows` rows. A flat column has
// one value (null or not) per row: the chunk's value count must be the row count, which also keeps a
// corrupt count from sizing the table. The chunk starts with its dictionary page when it has one, but
// writers disagree on dictionary_page_offset (some leave it 0 or unset with a dictionary page first anyway,
// see parquet-testing's dict-page-offset-zero.parquet): the chunk starts at the smallest valid offset, and
// the page headers tell what is there. `dataEnd`: where the footer starts.
ChunkPlan planChunk(const ColumnChunk &chunk, const ColumnDescription &column, std::int64_t rows,
                    std::uint64_t dataEnd, std::uint64_t slack)
{
    if (chunk.filePath)
        throw core::Error("the column chunk is in another file ('" + *chunk.filePath + "'), which is not supported");
    if (!chunk.metaData)
        throw core::Error("the column chunk has no metadata");
    const ColumnMetaData &metadata = *chunk.metaData;
    if (metadata.type != column.physicalType)
        throw core::Error("the column chunk holds " + toString(metadata.type) + " values, the schema says " +
                          toString(column.physicalType));
    if (metadata.numValues != rows)
        throw core::Error("the column chunk holds " + std::to_string(metadata.numValues) +
                          " values, its row group has " + std::to_string(rows) + " rows");
    const auto inData = [&](std::int64_t offset) {
        return offset >= static_cast<std::int64_t>(magicSize) && static_cast<std::uint64_t>(offset) < dataEnd;
    };
    std::int64_t start = metadata.dataPageOffset;
    if (metadata.dictionaryPageOffset && inData(*metadata.dictionaryPageOffset))
        start = std::min(start, *metadata.dictionaryPageOffset);
    if (!inData(start) || metadata.totalCompressedSize < 0 ||
        static_cast<std::uint64_t>(metadata.totalCompressedSize) > dataEnd - static_cast<std::uint64_t>(start))
        throw core::Error("the column chunk (offset " + std::to_string(start) + ", " +
                          std::to_string(metadata.totalCompressedSize) + " bytes) lies outside the file's data (" +
                          std::to_string(magicSize) + " to " + std::to_string(dataEnd) + ")");
    const auto stated = static_cast<std::uint64_t>(metadata.totalCompressedSize);
    const auto size = std::min(stated + slack, dataEnd - static_cast<std::uint64_t>(start));
    ChunkInfo info{metadata.codec, rows, metadata.totalUncompressedSize, static_cast<std::size_t>(size - stated)};
    // The same writers under-state total_uncompressed_size as well: it cannot bound their pages.
    if (slack > 0)
        info.uncompressedSize = std::numeric_limits<std::int32_t>::max();
    return {static_cast<std::uint64_t>(start), size, info};
}

std::vector<std::size_t> selectColumns(const std::string &name, const std::vector<SchemaLeaf> &leaves,
                                       const std::vector<std::string> &wanted)
{
    std::vector<std::size_t> selected;
    if (wanted.empty()) {
        std::string nested;
        for (std::size_t i = 0; i < leaves.size(); ++i) {
            if (leaves[i].description.nested)
                nested += (nested.empty() ? "'" : ", '") + leaves[i].description.name + "'";
            selected.push_back(i);
        }
        if (!nested.empty())
            throw core::Error(name + ": nested columns (repeated, or inside a group) cannot be read, only flat "
                                     "schemas: " + nested);
        return selected;
    }
    for (const std::string &column : wanted) {
        const auto found = std::find_if(leaves.begin(), leaves.end(),
                                        [&](const SchemaLeaf &leaf) { return leaf.description.name == column; });
        if (found == leaves.end())
            throw core::Error(name + ": no column '" + column + "'");
        if (found->description.nested)
            throw core::Error(name + ": column '" + column +
                              "' is nested (repeated, or inside a group): only flat schemas can be read");
        const auto index = static_cast<std::size_t>(found - leaves.begin());
        if (std::find(selected.begin(), selected.end(), index) != selected.end())
            throw core::Error(name + ": column '" + column + "' asked for twice");
        selected.push_back(index);
    }
    return selected;
}

} // namespace

ParquetReader::ParquetReader(std::filesystem::path path) : m_path(std::move(path))
{
    const std::string name = m_path.string();
    std::error_code error;
    m_fileSize = std::filesystem::file_size(m_path, error);
    if (error)
        throw core::Error(name + ": cannot read file (" + error.message() + ")");
    m_file.open(m_path, std::ios::binary);
    if (!m_file)
        throw core::Error(name + ": cannot open file (" + std::strerror(errno) + ")");
    try {
        const std::uint32_t size = footerSize(m_file, m_fileSize);
        m_dataEnd = m_fileSize - trailerSize - size;
        const auto footer = readBytes(m_file, m_dataEnd, size);
        m_metadata = decodeFileMetaData(std::span(footer.get(), size));
        for (SchemaLeaf &leaf : schemaLeaves(m_metadata.schema))
            m_columns.push_back(std::move(leaf.description));
    } catch (const core::Error &problem) {
        throw core::Error(name + ": " + problem.what());
    } catch (const std::bad_alloc &) {
        throw core::Error(name + ": out of memory decoding the footer");
    }
}

std::optional<std::string> ParquetReader::keyValue(const std::string &key) const
{
    for (const KeyValue &entry : m_metadata.keyValueMetadata)
        if (entry.key == key)
            return entry.value.value_or(std::string());
    return std::nullopt;
}

h5::Table ParquetReader::read(const ReadOptions &options)
{
    const std::string name = m_path.string();
    const std::vector<SchemaLeaf> leaves = schemaLeaves(m_metadata.schema);
    const std::vector<std::size_t> columns = selectColumns(name, leaves, options.columns);
    std::vector<int> groups = options.rowGroups;
    if (options.rowGroups.empty())
        for (int group = 0; group < rowGroupCount(); ++group)
            groups.push_back(group);
    const auto where = [&](int group, std::size_t column) {
        return name + ": row group " + std::to_string(group) + ", column '" + leaves[column].description.name +
               "': ";
    };

    // Everything the footer says of the chunks asked for is checked before any is read or any row reserved.
    std::vector<std::vector<ChunkPlan>> plans; // per group, per column
    std::size_t tableRows = 0;
    const std::uint64_t slack = chunkSizeSlack(m_metadata.createdBy);
    for (const int group : groups) {
        if (group < 0 || group >= rowGroupCount())
            throw core::Error(name + ": no row group " + std::to_string(group) + " (the file has " +
                              std::to_string(rowGroupCount()) + ")");
        const RowGroup &rowGroup = m_metadata.rowGroups[static_cast<std::size_t>(group)];
        if (rowGroup.numRows < 0 ||
            static_cast<std::uint64_t>(rowGroup.numRows) > std::numeric_limits<std::size_t>::max() - tableRows)
            throw core::Error(name + ": row group " + std::to_string(group) + " has " +
                              std::to_string(rowGroup.numRows) + " rows");
        if (rowGroup.columns.size() != leaves.size())
            throw core::Error(name + ": row group " + std::to_string(group) + " has " +
                              std::to_string(rowGroup.columns.size()) + " column chunks, the schema " +
                              std::to_string(leaves.size()) + " columns");
        tableRows += static_cast<std::size_t>(rowGroup.numRows);
        std::vector<ChunkPlan> &plan = plans.emplace_back();
        if (rowGroup.numRows == 0)
            continue; // no values to read: some writers leave such chunks' offsets 0
        for (const std::size_t column : columns) {
            try {
                plan.push_back(planChunk(rowGroup.columns[column], leaves[column].description, rowGroup.numRows,
                                         m_dataEnd, slack));
            } catch (const core::Error &problem) {
                throw core::Error(where(group, column) + problem.what());
            }
        }
    }

    // Rows are reserved up front only as far as the chunks' bytes back them, at a byte a row: the footer's row
    // counts alone must not size anything. Rows that take less (runs, small dictionaries, booleans, strong
    // compression) only make the vectors grow.
    std::vector<std::unique_ptr<ColumnChunkReader>> readers;
    try {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            std::size_t backedRows = 0;
            for (std::size_t g = 0; g < groups.size(); ++g)
                if (!plans[g].empty())
                    backedRows += static_cast<std::size_t>(std::min<std::uint64_t>(
                        plans[g][i].size, static_cast<std::uint64_t>(plans[g][i].info.rows)));
            readers.push_back(makeColumnChunkReader(leaves[columns[i]], backedRows));
        }
    } catch (const std::bad_alloc &) {
        throw core::Error(name + ": out of memory for " + std::to_string(tableRows) + " rows");
    }

    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const int group = groups[g];
        const std::int64_t rows = m_metadata.rowGroups[static_cast<std::size_t>(group)].numRows;
        const std::vector<ChunkPlan> &plan = plans[g];
        if (plan.empty())
            continue;
        // The chunks are read here, one after the other (the stream is not shared between threads), then
        // decoded in parallel, each column by one thread.
        std::vector<std::unique_ptr<std::byte[]>> bytes(columns.size());
        for (std::size_t i = 0; i < columns.size(); ++i) {
            try {
                bytes[i] = readBytes(m_file, plan[i].offset, plan[i].size);
            } catch (const core::Error &problem) {
                throw core::Error(where(group, columns[i]) + problem.what());
            }
        }
        std::vector<std::exception_ptr> failures(columns.size());
        std::atomic<std::size_t> next = 0;
        const auto decode = [&] {
            for (std::size_t i; (i = next.fetch_add(1)) < columns.size();) {
                try {
                    try {
                        readers[i]->appendChunk(std::span(bytes[i].get(), plan[i].size), plan[i].info);
                    } catch (const std::bad_alloc &) {
                        throw core::Error("out of memory");
                    } catch (const std::length_error &) {
                        throw core::Error("out of memory");
                    }
                } catch (const core::Error &problem) {
                    failures[i] = std::make_exception_ptr(core::Error(where(group, columns[i]) + problem.what()));
                } catch (...) {
                    failures[i] = std::current_exception();
                }
                bytes[i].reset();
            }
        };
        const unsigned workers = rows < parallelRowGroupRows ? 1u : std::min<unsigned>(threads, columns.size());
        std::vector<std::future<void>> helpers;
        for (unsigned worker = 1; worker < workers; ++worker)
            helpers.push_back(std::async(std::launch::async, decode));
        decode();
        for (auto &helper : helpers)
            helper.get();
        // The first failure in column order, so that the message does not depend on thread timing.
        for (const std::exception_ptr &failure : failures)
            if (failure)
                std::rethrow_exception(failure);
    }

    h5::Table table;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::string &column = leaves[columns[i]].description.name;
        try {
            table.addColumn(readers[i]->finish(column));
        } catch (const core::Error &problem) {
            throw core::Error(name + ": column '" + column + "': " + problem.what());
        }
        readers[i].reset();
    }
    return table;
}

} // namespace parquet
