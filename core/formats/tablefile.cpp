#include "core/formats/tablefile.h"

#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/files/extension.h"
#include "core/formats/parquet/parquetreader.h"
#include "core/formats/tsv/delimitedtable.h"
#include "core/h5/file.h"
#include "core/h5/outputfile.h"


namespace formats {

namespace {

// The layout `convert` writes into a new HDF5 file: the common root attributes and the table.
constexpr const char *convertedFormat = "macroscope.table";
constexpr const char *convertedFormatVersion = "1.0";

// `target`: the file the user named, which messages name (`file` may be its partial copy).
void addTable(const h5::File &file, const std::filesystem::path &target, const std::string &tablePath,
              const h5::Table &table)
{
    const auto first = tablePath.find_first_not_of('/');
    if (first == std::string::npos)
        throw core::Error(target.string() + ": '" + tablePath + "' does not name a table");
    const std::string relative = tablePath.substr(first);
    if (file.root().contains(relative))
        throw core::Error(target.string() + "::" + tablePath + ": already exists; choose another path");
    // writeTable creates the missing parent groups.
    h5::writeTable(file.root(), relative, table);
}

} // namespace

TableLocation parseTableLocation(std::string_view text)
{
    if (const auto separator = text.find("::"); separator != std::string_view::npos) {
        std::string tablePath(text.substr(separator + 2));
        if (tablePath.empty() || tablePath.front() != '/')
            tablePath.insert(tablePath.begin(), '/');
        return {TableLocation::Format::Hdf5, std::filesystem::path(text.substr(0, separator)), tablePath};
    }
    const std::filesystem::path file(text);
    const std::string extension = files::lowercaseExtension(file);
    if (extension == ".parquet" || extension == ".pq")
        return {TableLocation::Format::Parquet, file, {}};
    if (extension == ".tsv" || extension == ".csv" || extension == ".txt" || extension == ".tab")
        return {TableLocation::Format::Delimited, file, {}};
    if (extension == ".h5" || extension == ".hdf5" || extension == ".he5" || extension == ".h5ad" ||
        extension == ".nxs")
        throw core::Error(file.string() + ": name the table inside the HDF5 file, as " + file.string() +
                          "::/path/to/table");
    throw core::Error(file.string() + ": unknown table format (use .parquet, .tsv, .csv or FILE.h5::/path)");
}

h5::Table readTableFile(const TableLocation &location)
{
    switch (location.format) {
    case TableLocation::Format::Parquet:
        return parquet::ParquetReader(location.file).read();
    case TableLocation::Format::Delimited:
        return readDelimitedTable(location.file);
    case TableLocation::Format::Hdf5: {
        const h5::File file = h5::File::open(location.file);
        return h5::readTable(file.root().group(location.tablePath));
    }
    }
    throw core::Error(location.file.string() + ": unknown table format");
}

void writeTableFile(const TableLocation &location, const h5::Table &table, const parquet::WriteOptions &parquetOptions)
{
    switch (location.format) {
    case TableLocation::Format::Parquet:
        parquet::writeParquet(location.file, table, parquetOptions);
        return;
    case TableLocation::Format::Delimited:
        writeDelimitedTable(location.file, table);
        return;
    case TableLocation::Format::Hdf5:
        if (!std::filesystem::exists(location.file)) {
            h5::OutputFile output(location.file, convertedFormat, convertedFormatVersion);
            addTable(output.file(), location.file, location.tablePath, table);
            output.commit();
            return;
        }
        {
            files::AtomicFile destination(location.file);
            std::filesystem::copy_file(location.file, destination.partialPath());
            {
                h5::File file = h5::File::open(destination.partialPath(), h5::Access::ReadWrite);
                addTable(file, location.file, location.tablePath, table);
                file.close();
            }
            destination.commit();
        }
        return;
    }
}

} // namespace formats
