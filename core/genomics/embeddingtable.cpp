#include "core/genomics/embeddingtable.h"

#include "core/error.h"
#include "core/formats/tablecells.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <regex>
#include <tuple>
#include <unordered_map>

namespace genomics {

namespace {

[[noreturn]] void fail(std::string_view source, const std::string &problem)
{
    throw core::Error(std::string(source) + ": " + problem);
}

std::string rowName(std::size_t row)
{
    return "row " + std::to_string(row + 1);
}

const h5::Column &required(const h5::Table &table, std::string_view name, std::string_view source)
{
    const h5::Column *column = table.find(name);
    if (!column)
        fail(source, "no column '" + std::string(name) + "'");
    return *column;
}

void requireValues(const h5::Column &column, std::string_view source)
{
    if (column.nullCount() == 0)
        return;
    for (std::size_t row = 0; row < column.size(); ++row)
        if (column.isNull(row))
            fail(source, rowName(row) + ": no " + column.name);
}

// A column's cells as text: strings as they are, anything else (chromosomes written as 1, 2, ... in a TSV)
// as formats::cellText writes it.
class TextCells {
public:
    explicit TextCells(const h5::Column &column)
    {
        if (const auto *strings = std::get_if<std::vector<std::string>>(&column.data)) {
            m_strings = strings;
            return;
        }
        for (std::size_t row = 0; row < column.size(); ++row)
            m_converted.push_back(formats::cellText(column, row));
        m_strings = &m_converted;
    }
    const std::string &operator[](std::size_t row) const { return (*m_strings)[row]; }

private:
    const std::vector<std::string> *m_strings = nullptr;
    std::vector<std::string> m_converted;
};

// Integer coordinates; floats are taken when whole (pandas turns an integer column with gaps into floats).
std::vector<std::int64_t> coordinates(const h5::Column &column, std::string_view source)
{
    requireValues(column, source);
    return std::visit(
        [&](const auto &values) {
            using T = typename std::decay_t<decltype(values)>::value_type;
            std::vector<std::int64_t> result(values.size());
            if constexpr (std::is_integral_v<T>) {
                std::copy(values.begin(), values.end(), result.begin());
            } else if constexpr (std::is_floating_point_v<T>) {
                // Beyond ±2^63 (infinities included) the conversion would be undefined; makeGenomeBins refuses
                // such coordinates anyway.
                constexpr double limit = 0x1p63;
                for (std::size_t row = 0; row < values.size(); ++row) {
                    const double value = static_cast<double>(values[row]);
                    if (value != std::trunc(value) || !(std::abs(value) < limit))
                        fail(source, rowName(row) + ": " + column.name + " is not a whole number within int64's range");
                    result[row] = static_cast<std::int64_t>(value);
                }
            } else {
                fail(source, "column '" + column.name + "' does not hold integers");
            }
            return result;
        },
        column.data);
}

// 1 = good per row; a null good_bin counts as good.
std::vector<std::uint8_t> goodFlags(const h5::Table &table, std::string_view source)
{
    const h5::Column *column = table.find("good_bin");
    if (!column)
        return std::vector<std::uint8_t>(table.rowCount(), 1);
    return std::visit(
        [&](const auto &values) {
            using T = typename std::decay_t<decltype(values)>::value_type;
            std::vector<std::uint8_t> good(values.size(), 1);
            if constexpr (std::is_same_v<T, h5::Bool>) {
                for (std::size_t row = 0; row < values.size(); ++row)
                    good[row] = column->isNull(row) || values[row] == h5::Bool::True;
            } else if constexpr (std::is_integral_v<T>) {
                for (std::size_t row = 0; row < values.size(); ++row)
                    good[row] = column->isNull(row) || values[row] != 0;
            } else {
                fail(source, "column 'good_bin' is neither boolean nor integer");
            }
            return good;
        },
        column->data);
}

// pandas' index when written without index=False: "__index_level_0__", ...
bool isPandasIndex(const std::string &name)
{
    static const std::regex index("__index_level_[0-9]+__");
    return std::regex_match(name, index);
}

bool isNumeric(const h5::Column &column)
{
    using Kind = h5::ColumnType::Kind;
    if (column.type.kind != Kind::Plain && column.type.kind != Kind::Float16)
        return false;
    return !std::holds_alternative<std::vector<h5::Bool>>(column.data) &&
           !std::holds_alternative<std::vector<std::string>>(column.data);
}

// Writes every row's value of `column` (NaN where null) to matrix[target[row]].
void scatter(const h5::Column &column, const std::vector<std::size_t> &target, std::vector<double> &matrix)
{
    std::visit(
        [&](const auto &values) {
            using T = typename std::decay_t<decltype(values)>::value_type;
            if constexpr (std::is_arithmetic_v<T>) {
                for (std::size_t row = 0; row < values.size(); ++row)
                    matrix[target[row]] = static_cast<double>(values[row]);
                if (column.nullCount() > 0)
                    for (std::size_t row = 0; row < values.size(); ++row)
                        if (column.isNull(row))
                            matrix[target[row]] = std::numeric_limits<double>::quiet_NaN();
            }
        },
        column.data);
}

} // namespace

GenomeBins binsFromEmbeddings(const h5::Table &table, std::string_view source)
{
    const h5::Column &chromColumn = required(table, "chrom", source);
    requireValues(chromColumn, source);
    const TextCells chrom(chromColumn);
    const std::vector<std::int64_t> start = coordinates(required(table, "start", source), source);
    const std::vector<std::int64_t> end = coordinates(required(table, "end", source), source);
    const std::vector<std::uint8_t> good = goodFlags(table, source);

    using Bin = std::tuple<std::int64_t, std::int64_t, std::uint8_t>;
    std::vector<std::string> names;
    std::vector<std::vector<Bin>> perChromosome;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        const auto [entry, added] = index.try_emplace(chrom[row], names.size());
        if (added) {
            names.push_back(chrom[row]);
            perChromosome.emplace_back();
        }
        perChromosome[entry->second].emplace_back(start[row], end[row], good[row]);
    }

    std::vector<std::string> binChrom;
    std::vector<std::int64_t> binStart, binEnd;
    std::vector<std::uint8_t> binGood;
    for (std::size_t c = 0; c < names.size(); ++c) {
        auto &bins = perChromosome[c];
        std::sort(bins.begin(), bins.end());
        for (std::size_t i = 0; i < bins.size(); ++i) {
            const auto [s, e, g] = bins[i];
            // Rows of one bin (one per experiment) make one bin, bad if any row says so.
            if (!binStart.empty() && binChrom.back() == names[c] && binStart.back() == s && binEnd.back() == e) {
                binGood.back() = binGood.back() && g;
                continue;
            }
            binChrom.push_back(names[c]);
            binStart.push_back(s);
            binEnd.push_back(e);
            binGood.push_back(g);
        }
    }
    return makeGenomeBins(binChrom, std::move(binStart), std::move(binEnd), std::move(binGood), source);
}

EmbeddingMatrices embeddingMatrices(const h5::Table &table, std::string_view accessionColumn, const GenomeBins &bins,
                                    const std::vector<std::string> &experiments, std::string_view source)
{
    const h5::Column &chromColumn = required(table, "chrom", source);
    requireValues(chromColumn, source);
    const TextCells chrom(chromColumn);
    const std::vector<std::int64_t> start = coordinates(required(table, "start", source), source);
    const std::vector<std::int64_t> end = coordinates(required(table, "end", source), source);
    const h5::Column &accessionCells = required(table, accessionColumn, source);
    requireValues(accessionCells, source);
    const TextCells accession(accessionCells);

    EmbeddingMatrices result;
    std::vector<const h5::Column *> components;
    for (const auto &column : table.columns()) {
        const bool known = column.name == "chrom" || column.name == "start" || column.name == "end" ||
                           column.name == "good_bin" || column.name == accessionColumn;
        if (!known && !isPandasIndex(column.name) && isNumeric(column)) {
            components.push_back(&column);
            result.components.push_back(column.name);
        }
    }
    if (components.empty())
        fail(source, "no embedding columns (numeric columns besides chrom, start, end, good_bin and " +
                         std::string(accessionColumn) + ")");

    std::unordered_map<std::string, std::size_t> experimentIndex;
    for (std::size_t e = 0; e < experiments.size(); ++e)
        experimentIndex.emplace(experiments[e], e);
    const std::size_t columns = experiments.size();
    std::vector<std::size_t> target(table.rowCount());
    std::vector<std::uint8_t> seen(bins.size() * columns, 0);
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        const auto binName = [&] { return chrom[row] + ":" + std::to_string(start[row]) + "-" + std::to_string(end[row]); };
        const auto bin = bins.findExact(chrom[row], start[row], end[row]);
        if (!bin)
            fail(source, rowName(row) + ": bin " + binName() + " is not among the bins");
        const auto experiment = experimentIndex.find(accession[row]);
        if (experiment == experimentIndex.end())
            fail(source, rowName(row) + ": accession '" + accession[row] + "' is not among the experiments");
        const std::size_t at = *bin * columns + experiment->second;
        if (seen[at])
            fail(source, rowName(row) + ": bin " + binName() + " of experiment " + accession[row] + " appears twice");
        seen[at] = 1;
        target[row] = at;
    }
    for (const h5::Column *column : components) {
        result.values.emplace_back(bins.size() * columns, std::numeric_limits<double>::quiet_NaN());
        scatter(*column, target, result.values.back());
    }
    return result;
}

} // namespace genomics
