#include "core/cli/parquetcommand.h"

#include "core/formats/parquet/parquetreader.h"
#include "core/formats/tablecells.h"

#include <QtCore/QCommandLineParser>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <ostream>

namespace cli {

namespace {
const QCommandLineOption jsonOption(QStringLiteral("json"),
                                    QStringLiteral("schema: one JSON object; cat: JSON Lines, one object per row."));
const QCommandLineOption columnsOption(QStringLiteral("columns"),
                                       QStringLiteral("cat: only these columns, in this order (comma-separated)."),
                                       QStringLiteral("a,b"));
const QCommandLineOption limitOption(QStringLiteral("limit"), QStringLiteral("cat: at most N rows."),
                                     QStringLiteral("N"));

// A readable table's cells are cut at this width so that one long string does not push the others off screen.
constexpr std::size_t maxCellWidth = 40;

std::string repetitionName(const parquet::ColumnDescription &column)
{
    if (column.repeated)
        return "repeated";
    return column.optional ? "optional" : "required";
}

std::string physicalName(const parquet::ColumnDescription &column)
{
    std::string name = parquet::toString(column.physicalType);
    if (column.physicalType == parquet::Type::FixedLenByteArray)
        name += "(" + std::to_string(column.typeLength) + ")";
    return name;
}

void printSchemaJson(const parquet::ParquetReader &reader, std::ostream &out)
{
    const parquet::FileMetaData &metadata = reader.metadata();
    nlohmann::json columns = nlohmann::json::array();
    for (const auto &column : reader.columns()) {
        nlohmann::json entry{{"name", column.name},
                             {"physical_type", parquet::toString(column.physicalType)},
                             {"logical_type", column.logicalType.empty() ? nlohmann::json() : nlohmann::json(column.logicalType)},
                             {"repetition", repetitionName(column)},
                             {"nested", column.nested}};
        if (column.physicalType == parquet::Type::FixedLenByteArray)
            entry["type_length"] = column.typeLength;
        columns.push_back(std::move(entry));
    }
    nlohmann::json rowGroups = nlohmann::json::array();
    for (const auto &group : metadata.rowGroups)
        rowGroups.push_back({{"rows", group.numRows}, {"bytes", group.totalByteSize}});
    nlohmann::json keyValues = nlohmann::json::object();
    for (const auto &entry : metadata.keyValueMetadata)
        keyValues[entry.key] = entry.value ? nlohmann::json(*entry.value) : nlohmann::json();
    const nlohmann::json schema{{"file", reader.path().string()},
                                {"rows", metadata.numRows},
                                {"format_version", metadata.version},
                                {"created_by", metadata.createdBy ? nlohmann::json(*metadata.createdBy) : nlohmann::json()},
                                {"columns", std::move(columns)},
                                {"row_groups", std::move(rowGroups)},
                                {"key_value_metadata", std::move(keyValues)}};
    // Names and metadata are bytes from the file: invalid UTF-8 becomes U+FFFD rather than failing.
    out << schema.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void printSchemaText(const parquet::ParquetReader &reader, std::ostream &out)
{
    const parquet::FileMetaData &metadata = reader.metadata();
    out << reader.path().string() << ": " << metadata.numRows << (metadata.numRows == 1 ? " row in " : " rows in ")
        << metadata.rowGroups.size()
        << (metadata.rowGroups.size() == 1 ? " row group" : " row groups") << ", " << reader.columns().size()
        << " columns, format version " << metadata.version;
    if (metadata.createdBy)
        out << ", written by " << *metadata.createdBy;
    out << "\n";
    std::size_t nameWidth = 6, physicalWidth = 8, logicalWidth = 7;
    for (const auto &column : reader.columns()) {
        nameWidth = std::max(nameWidth, column.name.size());
        physicalWidth = std::max(physicalWidth, physicalName(column).size());
        logicalWidth = std::max(logicalWidth, column.logicalType.size());
    }
    const auto pad = [](const std::string &text, std::size_t width) { return text + std::string(width - text.size() + 2, ' '); };
    out << pad("column", nameWidth) << pad("physical", physicalWidth) << pad("logical", logicalWidth) << "repetition\n";
    for (const auto &column : reader.columns())
        out << pad(column.name, nameWidth) << pad(physicalName(column), physicalWidth)
            << pad(column.logicalType, logicalWidth) << repetitionName(column) << "\n";
    if (!metadata.keyValueMetadata.empty()) {
        out << "key-value metadata:";
        for (const auto &entry : metadata.keyValueMetadata)
            out << " " << entry.key << " (" << (entry.value ? entry.value->size() : 0) << " bytes)";
        out << "\n";
    }
}

// Writes rows [0, rows) of `table` as JSON Lines.
void printJsonLines(const h5::Table &table, std::size_t rows, std::ostream &out)
{
    const formats::JsonRows json(table);
    std::string line;
    for (std::size_t row = 0; row < rows; ++row) {
        line.clear();
        json.append(line, row);
        line += '\n';
        out << line;
    }
}

std::string cellOrNull(const h5::Column &column, std::size_t row)
{
    if (column.isNull(row))
        return "null";
    std::string text = formats::cellText(column, row);
    for (char &c : text)
        if (c == '\n' || c == '\t' || c == '\r')
            c = ' ';
    if (text.size() > maxCellWidth) {
        text.resize(maxCellWidth - 3);
        text += "...";
    }
    return text;
}

// A readable table: columns padded to the widest cell of the first row group printed (and cut at
// maxCellWidth), so that output starts before a large file has been read whole.
class TextTablePrinter {
public:
    explicit TextTablePrinter(std::ostream &out) : m_out(out) {}

    void print(const h5::Table &table, std::size_t rows)
    {
        const auto &columns = table.columns();
        if (m_widths.empty()) {
            for (const auto &column : columns) {
                std::size_t width = std::min(column.name.size(), maxCellWidth);
                for (std::size_t row = 0; row < rows; ++row)
                    width = std::max(width, cellOrNull(column, row).size());
                m_widths.push_back(width);
            }
            std::vector<std::string> header;
            for (const auto &column : columns)
                header.push_back(column.name.size() > maxCellWidth ? column.name.substr(0, maxCellWidth) : column.name);
            printLine(header);
        }
        std::vector<std::string> cells(columns.size());
        for (std::size_t row = 0; row < rows; ++row) {
            for (std::size_t c = 0; c < columns.size(); ++c)
                cells[c] = cellOrNull(columns[c], row);
            printLine(cells);
        }
    }

private:
    void printLine(const std::vector<std::string> &cells)
    {
        std::string line;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            line += cells[c];
            if (c + 1 < cells.size())
                line.append(m_widths[c] + 2 - std::min(cells[c].size(), m_widths[c]), ' ');
        }
        m_out << line << "\n";
    }

    std::ostream &m_out;
    std::vector<std::size_t> m_widths;
};

int printRows(const QCommandLineParser &parser, parquet::ParquetReader &reader, std::ostream &out)
{
    parquet::ReadOptions options;
    if (parser.isSet(columnsOption))
        options.columns = nameList(parser, columnsOption);
    // Without --limit every row group is printed: the footer's row count is not trusted (some writers leave
    // it 0).
    std::int64_t remaining = std::numeric_limits<std::int64_t>::max();
    if (parser.isSet(limitOption)) {
        bool valid = false;
        remaining = parser.value(limitOption).toLongLong(&valid);
        if (!valid || remaining < 0)
            throw UsageProblem("--limit needs a number of rows, 0 or more");
    }
    const bool json = parser.isSet(jsonOption);
    TextTablePrinter text(out);
    // Row group by row group, so that memory holds one group and the output starts at once.
    for (int group = 0; group < reader.rowGroupCount() && remaining > 0; ++group) {
        options.rowGroups = {group};
        const h5::Table table = reader.read(options);
        const auto rows = static_cast<std::size_t>(std::min<std::int64_t>(remaining, static_cast<std::int64_t>(table.rowCount())));
        if (json)
            printJsonLines(table, rows, out);
        else
            text.print(table, rows);
        remaining -= static_cast<std::int64_t>(rows);
    }
    return Success;
}

} // namespace

void ParquetCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("schema or cat"));
    parser.addPositionalArgument(QStringLiteral("FILE.parquet"), QStringLiteral("The Parquet file."));
    parser.addOptions({jsonOption, columnsOption, limitOption});
}

int ParquetCommand::run(const QCommandLineParser &parser, Output &output) const
{
    const std::string action = positional(parser, 0, 2, "ACTION (schema or cat)");
    if (action != "schema" && action != "cat")
        throw UsageProblem("unknown ACTION '" + action + "' (schema or cat)");
    const std::string path = positional(parser, 1, 2, "FILE.parquet");
    parquet::ParquetReader reader(path);
    if (action == "cat")
        return printRows(parser, reader, output.out);
    if (parser.isSet(columnsOption) || parser.isSet(limitOption))
        throw UsageProblem("--columns and --limit apply to cat only");
    if (parser.isSet(jsonOption))
        printSchemaJson(reader, output.out);
    else
        printSchemaText(reader, output.out);
    return Success;
}

} // namespace cli
