#pragma once

#include "core/h5/table.h"

#include <filesystem>
#include <string>

// Tables as delimited text: TSV (tab) or CSV (comma, RFC 4180 quoting), chosen by the file's extension
// (.csv for CSV, case-insensitive; anything else TSV). UTF-8, lines end in LF (CRLF is read too).
//
// CSV quotes a cell holding a comma, a quote, CR or LF ("" standing for a quote inside), and writes an empty
// string as "" so that it reads back as an empty string where an empty cell is null.
// TSV never quotes: a tab, LF, CR or backslash in a cell is written as \t, \n, \r or \\ and read back
// (a backslash before any other character is kept as it is). An empty string and null are both an empty
// cell in TSV, and read back as null.
namespace formats {

// The first line names the columns. Each column becomes int64 when every non-empty cell is an integer, else
// double when every one is a number (with at least one finite: nan, inf and -inf, as written, count beside
// them), else bool when every one is true/false (or True/False, TRUE/FALSE), else string. Integers with a
// leading zero ("007": identifiers, zip codes) or beyond int64 keep their column a string, so that no digit
// is lost. An empty cell is null (for strings too), and a column without any non-empty cell is string. With more than one column, blank lines are skipped; with one, a blank line is a
// null. A leading UTF-8 byte-order mark is ignored; an empty file is a table without columns. Errors name
// the file, the line and the problem (a row with the wrong number of cells, an unterminated quote, a
// duplicate column name).
h5::Table readDelimitedTable(const std::filesystem::path &path);

// The header and one line per row, cells as formats::cellText() (float columns' whole numbers with ".0", so
// that they read back as floats), nulls empty; CSV or TSV as described above. A table without columns is "".
std::string delimitedText(const h5::Table &table, bool csv);

// delimitedText() in the format the extension names, written atomically (files::writeFileAtomically).
void writeDelimitedTable(const std::filesystem::path &path, const h5::Table &table);

} // namespace formats
