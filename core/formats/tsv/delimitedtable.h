#pragma once

#include "core/h5/table.h"

#include <filesystem>

// Tables as delimited text: TSV (tab) or CSV (comma, RFC 4180 quoting), chosen by the file's extension
// (.csv for CSV, anything else TSV).
namespace formats {

// The first line names the columns. Each column becomes int64 when every non-empty cell is an integer, else
// double when every one is a number ("NaN", "inf" included), else bool when every one is true/false, else
// string; an empty cell is null (for strings too). Errors name the file, the line and the problem (a row
// with the wrong number of cells, an unterminated quote).
h5::Table readDelimitedTable(const std::filesystem::path &path);

// Writes the header and one line per row, cells as formats::cellText(), nulls empty; written atomically.
void writeDelimitedTable(const std::filesystem::path &path, const h5::Table &table);

} // namespace formats
