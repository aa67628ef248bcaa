#pragma once

#include "core/h5/table.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// How a table's cells read as text and as JSON, the same for `parquet cat`, TSV export and the UI.
namespace formats {

// The text of a cell: integers and floats as the shortest text that reads back to the same value
// (std::to_chars), booleans as true/false, Timestamp as ISO 8601 ("2009-03-01T00:01:00.123456", with "Z"
// when utc), Date as "2009-03-01", Time as "13:45:00.250", Decimal with its scale ("-12.50"), Binary with
// bytes outside printable ASCII as \xHH (as DuckDB prints a BLOB), strings as they are. A null cell is "".
std::string cellText(const h5::Column &column, std::size_t row);

// Appends the cell as a JSON value: null for a null cell; numbers (Decimal included) as JSON numbers, with
// NaN and infinities as the strings "NaN", "Infinity", "-Infinity" (JSON has no number for them);
// booleans as true/false; everything else as the JSON string of cellText().
void appendCellJson(std::string &out, const h5::Column &column, std::size_t row);

// Appends `text` as a JSON string; invalid UTF-8 becomes U+FFFD, so any bytes give valid JSON.
void appendJsonString(std::string &out, std::string_view text);

// A table's rows as JSON objects, {"column": value, ...} in column order, values as appendCellJson: what
// `parquet cat --json` prints one per line and `genomics query --format json` puts in an array.
class JsonRows {
public:
    explicit JsonRows(const h5::Table &table);
    void append(std::string &out, std::size_t row) const;

private:
    const h5::Table &m_table;
    std::vector<std::string> m_keys; // each column's name as a JSON string, with the colon
};

} // namespace formats
