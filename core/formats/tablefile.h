#pragma once

#include "core/formats/parquet/parquetwriter.h"
#include "core/h5/table.h"

#include <filesystem>
#include <string>
#include <string_view>

// A table in a file of any format we read and write, named the way `macroscope-cli convert` takes it:
// FILE.parquet, FILE.tsv / FILE.csv / FILE.txt, or FILE.h5::/path/to/table (any HDF5 file name).
namespace formats {

struct TableLocation {
    enum class Format { Parquet, Delimited, Hdf5 };
    Format format = Format::Parquet;
    std::filesystem::path file;
    std::string tablePath; // Hdf5 only: the table group inside the file
};

// Throws core::Error for an extension it cannot place ("data.xlsx: unknown table format (use .parquet, .tsv,
// .csv or FILE.h5::/path)") and for an HDF5 file named without the table's path.
TableLocation parseTableLocation(std::string_view text);

h5::Table readTableFile(const TableLocation &location);

// Writes atomically. Parquet uses `parquetOptions`; an HDF5 target that exists already is copied, the table
// added to the copy, and the copy renamed over the original, so that a failure leaves the original as it
// was; a table of that path existing already is an error.
void writeTableFile(const TableLocation &location, const h5::Table &table,
                    const parquet::WriteOptions &parquetOptions = {});

} // namespace formats
