#include "ui/browser/views/tablewindowmodel.h"

#include "ui/browser/sliceloader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <iterator>
#include <string_view>

namespace ui {

namespace {

// Elements per block: a few thousand rows of a 1-D dataset or of compound records, fewer of a wide one.
constexpr std::uint64_t BlockElements = 16384;
constexpr std::uint64_t MinBlockRows = 256;
constexpr std::uint64_t MaxBlockRows = 4096;
constexpr std::uint64_t BlockColumnsWanted = 64;
// Characters a cell shows; its tooltip and a copy get more.
constexpr int CellTextLimit = 200;
constexpr int FullTextLimit = 100000;
// Shorter texts are read whole in the cell; a tooltip would only repeat them.
constexpr int TooltipFrom = 24;

// A block size for `wanted` elements along a dimension chunked by `chunk` (0: not chunked): a multiple of
// the chunk when chunks are smaller, a power of two (a tile of the usual power-of-two chunk) when larger.
// The dataset's chunk cache then decompresses each chunk once however the blocks fall.
std::uint64_t alignedToChunk(std::uint64_t wanted, std::uint64_t chunk)
{
    if (chunk == 0)
        return wanted;
    if (chunk <= wanted)
        return wanted / chunk * chunk;
    return std::bit_floor(wanted);
}

std::string numberText(double number, FloatWidth floats)
{
    // JSON has no nan or infinity.
    if (std::isnan(number))
        return "nan";
    if (std::isinf(number))
        return number > 0 ? "inf" : "-inf";
    char buffer[64];
    const auto written = floats == FloatWidth::Single ? std::to_chars(buffer, std::end(buffer), float(number))
                                                      : std::to_chars(buffer, std::end(buffer), number);
    std::string text(buffer, written.ptr);
    // "2.0" rather than "2": the column holds floats.
    if (text.find_first_of(".e") == std::string::npos)
        text += ".0";
    return text;
}

void appendText(std::string &text, const nlohmann::json &value, std::size_t limit, FloatWidth floats, bool nested)
{
    if (text.size() > limit)
        return;
    switch (value.type()) {
    case nlohmann::json::value_t::string:
        // Inside a sequence or record the quotes show where each string ends.
        text += nested ? value.dump() : value.get_ref<const std::string &>();
        return;
    case nlohmann::json::value_t::number_float:
        text += numberText(value.get<double>(), floats);
        return;
    case nlohmann::json::value_t::array: {
        text += '[';
        bool first = true;
        for (const auto &item : value) {
            if (text.size() > limit)
                break;
            text += first ? "" : ", ";
            first = false;
            appendText(text, item, limit, floats, true);
        }
        text += ']';
        return;
    }
    case nlohmann::json::value_t::object: {
        text += '{';
        bool first = true;
        for (const auto &[key, item] : value.items()) {
            if (text.size() > limit)
                break;
            text += (first ? "" : ", ") + key + ": ";
            first = false;
            appendText(text, item, limit, floats, true);
        }
        text += '}';
        return;
    }
    case nlohmann::json::value_t::null:
        text += nested ? "null" : "";
        return;
    default:
        text += value.dump();
    }
}

} // namespace

FloatWidth floatWidthOf(std::string_view typeName)
{
    if (typeName.find("float64") != std::string_view::npos)
        return FloatWidth::Double;
    const bool narrow = typeName.find("float32") != std::string_view::npos
                        || typeName.find("float16") != std::string_view::npos;
    return narrow ? FloatWidth::Single : FloatWidth::Double;
}

QString cellText(const nlohmann::json &value, int limit, FloatWidth floats)
{
    std::string text;
    appendText(text, value, std::size_t(limit), floats, false);
    QString result = QString::fromStdString(text);
    if (result.size() > limit)
        result = result.left(limit) + QStringLiteral("…");
    return result;
}

TableWindowModel::TableWindowModel(SliceLoader &loader, QObject *parent) : QAbstractTableModel(parent), m_loader(loader)
{
    connect(&loader, &SliceLoader::loaded, this, &TableWindowModel::onLoaded);
    connect(&loader, &SliceLoader::failed, this, &TableWindowModel::onFailed);
}

TableWindowModel::~TableWindowModel()
{
    m_loader.cancel(this);
}

void TableWindowModel::setSource(const DataSource &source)
{
    m_loader.cancel(this);
    beginResetModel();
    m_source = source;
    m_blocks.clear();
    m_pendingTicket = 0;
    m_columns.clear();
    m_firstRow = 0;
    m_windowRows = 0;
    m_firstColumn = 0;
    m_firstVisibleColumn = 0;
    m_lastVisibleColumn = 0;

    const int rank = int(source.shape.size());
    m_rowAxis = rank == 0 ? -1 : rank == 1 ? 0 : rank - 2;
    m_columnAxis = rank >= 2 ? rank - 1 : -1;
    m_leadingIndex.assign(std::size_t(std::max(rank - 2, 0)), 0);
    m_totalRows = m_rowAxis < 0 ? 1 : source.shape[std::size_t(m_rowAxis)];
    m_totalColumns = m_columnAxis < 0 ? 1 : source.shape[std::size_t(m_columnAxis)];
    m_elementFloats = floatWidthOf(source.typeName.toStdString());
    if (m_columnAxis < 0) {
        for (const DataSource::Field &field : source.fields) {
            QStringList parts;
            for (const std::string &part : field.path)
                parts << QString::fromStdString(part);
            m_columns.push_back({parts.join(QLatin1Char('.')), field.path, floatWidthOf(field.typeName)});
        }
        // Not a compound (or one without fields): the whole value.
        if (m_columns.empty())
            m_columns.push_back({tr("value"), {}, m_elementFloats});
        m_totalColumns = m_columns.size();
    }

    const auto chunkAlong = [&](int axis) {
        return axis >= 0 && std::size_t(axis) < source.chunk.size() ? source.chunk[std::size_t(axis)] : 0;
    };
    // Without a column axis a block holds whole rows (records of every field).
    m_blockColumns = m_columnAxis < 0 ? 1 : alignedToChunk(BlockColumnsWanted, chunkAlong(m_columnAxis));
    const std::uint64_t rowsWanted = std::clamp(BlockElements / m_blockColumns, MinBlockRows, MaxBlockRows);
    m_blockRows = alignedToChunk(rowsWanted, chunkAlong(m_rowAxis));
    endResetModel();
    loadMissing();
}

h5::Shape TableWindowModel::leadingExtent() const
{
    return h5::Shape(m_source.shape.begin(), m_source.shape.begin() + long(m_leadingIndex.size()));
}

void TableWindowModel::setWindow(std::uint64_t first, int rows)
{
    first = std::min(first, m_totalRows == 0 ? 0 : m_totalRows - 1);
    rows = int(std::min<std::uint64_t>(std::uint64_t(std::max(rows, 0)), m_totalRows - first));
    if (first == m_firstRow && rows == m_windowRows)
        return;
    // Rows come and go at the end of the window, so that the rows staying keep their selection.
    if (rows < m_windowRows) {
        beginRemoveRows({}, rows, m_windowRows - 1);
        m_windowRows = rows;
        endRemoveRows();
    } else if (rows > m_windowRows) {
        beginInsertRows({}, m_windowRows, rows - 1);
        m_windowRows = rows;
        endInsertRows();
    }
    if (first != m_firstRow) {
        m_firstRow = first;
        if (rows > 0 && columnCount() > 0) {
            Q_EMIT headerDataChanged(Qt::Vertical, 0, rows - 1);
            Q_EMIT dataChanged(index(0, 0), index(rows - 1, columnCount() - 1));
        }
    }
    dropBlocksOffScreen();
    loadMissing();
}

void TableWindowModel::setVisibleColumns(int first, int last)
{
    first = std::clamp(first, 0, std::max(columnCount() - 1, 0));
    last = std::clamp(last, first, std::max(columnCount() - 1, 0));
    if (first == m_firstVisibleColumn && last == m_lastVisibleColumn)
        return;
    m_firstVisibleColumn = first;
    m_lastVisibleColumn = last;
    loadMissing();
}

void TableWindowModel::setFirstColumn(std::uint64_t column)
{
    if (m_columnAxis < 0 || m_totalColumns == 0)
        return;
    column = std::min(column, m_totalColumns - 1);
    if (column == m_firstColumn)
        return;
    beginResetModel();
    m_firstColumn = column;
    endResetModel();
    dropBlocksOffScreen();
    loadMissing();
}

void TableWindowModel::setLeadingIndex(const h5::Shape &index)
{
    if (index.size() != m_leadingIndex.size() || index == m_leadingIndex)
        return;
    beginResetModel();
    m_leadingIndex = index;
    m_blocks.clear();
    m_pendingTicket = 0;
    endResetModel();
    loadMissing();
}

ShownSlice TableWindowModel::windowSlice() const
{
    ShownSlice slice{h5::Shape(m_source.shape.size(), 0), h5::Shape(m_source.shape.size(), 1)};
    std::copy(m_leadingIndex.begin(), m_leadingIndex.end(), slice.offset.begin());
    if (m_rowAxis >= 0) {
        slice.offset[std::size_t(m_rowAxis)] = m_firstRow;
        slice.count[std::size_t(m_rowAxis)] = std::uint64_t(m_windowRows);
    }
    if (m_columnAxis >= 0) {
        slice.offset[std::size_t(m_columnAxis)] = columnOf(m_firstVisibleColumn);
        slice.count[std::size_t(m_columnAxis)] = std::uint64_t(m_lastVisibleColumn - m_firstVisibleColumn + 1);
    }
    return slice;
}

int TableWindowModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_windowRows;
}

int TableWindowModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : windowColumnCount();
}

QVariant TableWindowModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()
        || (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != FullTextRole && role != Qt::TextAlignmentRole))
        return {};
    QString error;
    const nlohmann::json *value = cellValue(m_firstRow + std::uint64_t(index.row()), columnOf(index.column()), &error);
    if (!value) {
        if (role == Qt::DisplayRole)
            return error.isEmpty() ? QStringLiteral("…") : QStringLiteral("⚠");
        return role == Qt::ToolTipRole && !error.isEmpty() ? QVariant(error) : QVariant();
    }
    // A member the type's name promised but the record lacks shows empty (null), rather than waiting forever.
    static const nlohmann::json missing;
    if (m_columnAxis < 0)
        for (const std::string &field : m_columns[std::size_t(index.column())].fieldPath) {
            const auto member = value->find(field);
            value = member == value->end() ? &missing : &*member;
        }
    const FloatWidth floats = m_columnAxis < 0 ? m_columns[std::size_t(index.column())].floats : m_elementFloats;
    switch (role) {
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(value->is_number() ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::DisplayRole:
        // One line per row: a multi-line string would be cut to its first line by the row's height.
        return cellText(*value, CellTextLimit, floats).replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
    case Qt::ToolTipRole: {
        const QString text = cellText(*value, FullTextLimit, floats);
        return text.size() >= TooltipFrom || text.contains(QLatin1Char('\n')) ? QVariant(text) : QVariant();
    }
    default:
        return cellText(*value, FullTextLimit, floats);
    }
}

QVariant TableWindowModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return m_rowAxis < 0 ? QString() : QString::number(m_firstRow + std::uint64_t(section));
    if (m_columnAxis < 0)
        return section < int(m_columns.size()) ? m_columns[std::size_t(section)].title : QString();
    return QString::number(columnOf(section));
}

void TableWindowModel::onLoaded(quint64 ticket, const std::shared_ptr<const Slice> &slice)
{
    if (ticket != m_pendingTicket)
        return;
    m_pendingTicket = 0;
    m_blocks[m_pendingBlock].slice = slice;
    if (m_windowRows > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_windowRows - 1, columnCount() - 1));
    Q_EMIT blockLoaded();
    loadMissing();
}

void TableWindowModel::onFailed(quint64 ticket, const QString &message)
{
    if (ticket != m_pendingTicket)
        return;
    m_pendingTicket = 0;
    m_blocks[m_pendingBlock].error = message;
    Q_EMIT problem(message);
    if (m_windowRows > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_windowRows - 1, columnCount() - 1));
    loadMissing();
}

void TableWindowModel::loadMissing()
{
    if (!m_source.isValid() || m_windowRows == 0)
        return;
    const std::vector<BlockKey> wanted = blocksOnScreen();
    for (const BlockKey &key : wanted) {
        if (m_blocks.contains(key))
            continue;
        if (m_pendingTicket != 0 && m_pendingBlock == key)
            return;
        m_pendingBlock = key;
        // Supersedes a block requested for rows already scrolled past, if its read has not started.
        m_pendingTicket = m_loader.request(this, blockRequest(key));
        return;
    }
    // Everything on screen is here: read the blocks above and below, where scrolling goes next.
    const std::uint64_t rowBlocks = (m_totalRows + m_blockRows - 1) / m_blockRows;
    for (const BlockKey &key : wanted) {
        if (key.first + 1 < rowBlocks && !m_blocks.contains({key.first + 1, key.second}))
            m_loader.prefetch(blockRequest({key.first + 1, key.second}));
        if (key.first > 0 && !m_blocks.contains({key.first - 1, key.second}))
            m_loader.prefetch(blockRequest({key.first - 1, key.second}));
    }
}

void TableWindowModel::dropBlocksOffScreen()
{
    // The loader's cache keeps recent blocks; the model keeps only what it shows.
    const std::vector<BlockKey> wanted = blocksOnScreen();
    std::erase_if(m_blocks, [&](const auto &entry) {
        return std::find(wanted.begin(), wanted.end(), entry.first) == wanted.end();
    });
}

std::vector<TableWindowModel::BlockKey> TableWindowModel::blocksOnScreen() const
{
    std::vector<BlockKey> keys;
    if (m_windowRows == 0)
        return keys;
    const std::uint64_t firstColumnBlock = m_columnAxis < 0 ? 0 : columnOf(m_firstVisibleColumn) / m_blockColumns;
    const std::uint64_t lastColumnBlock = m_columnAxis < 0 ? 0 : columnOf(m_lastVisibleColumn) / m_blockColumns;
    const std::uint64_t lastRow = m_firstRow + std::uint64_t(m_windowRows) - 1;
    for (std::uint64_t rowBlock = m_firstRow / m_blockRows; rowBlock <= lastRow / m_blockRows; ++rowBlock)
        for (std::uint64_t columnBlock = firstColumnBlock; columnBlock <= lastColumnBlock; ++columnBlock)
            keys.emplace_back(rowBlock, columnBlock);
    return keys;
}

SliceRequest TableWindowModel::blockRequest(const BlockKey &key) const
{
    const std::size_t rank = m_source.shape.size();
    SliceRequest request{m_source.dataset, h5::Shape(rank, 0), h5::Shape(rank, 1), SliceFormat::Json};
    std::copy(m_leadingIndex.begin(), m_leadingIndex.end(), request.offset.begin());
    if (m_rowAxis >= 0) {
        const std::uint64_t first = key.first * m_blockRows;
        request.offset[std::size_t(m_rowAxis)] = first;
        request.count[std::size_t(m_rowAxis)] = std::min(m_blockRows, m_totalRows - first);
    }
    if (m_columnAxis >= 0) {
        const std::uint64_t first = key.second * m_blockColumns;
        request.offset[std::size_t(m_columnAxis)] = first;
        request.count[std::size_t(m_columnAxis)] = std::min(m_blockColumns, m_totalColumns - first);
    }
    return request;
}

const nlohmann::json *TableWindowModel::cellValue(std::uint64_t row, std::uint64_t column, QString *error) const
{
    const auto block = m_blocks.find({m_rowAxis < 0 ? 0 : row / m_blockRows, m_columnAxis < 0 ? 0 : column / m_blockColumns});
    if (block == m_blocks.end())
        return nullptr;
    if (!block->second.slice) {
        *error = block->second.error;
        return nullptr;
    }
    const Slice &slice = *block->second.slice;
    const nlohmann::json *value = slice.cells.get();
    for (std::size_t axis = 0; value && axis < m_source.shape.size(); ++axis) {
        const std::uint64_t index = int(axis) == m_rowAxis      ? row - slice.offset[axis]
                                    : int(axis) == m_columnAxis ? column - slice.offset[axis]
                                                                : 0;
        value = value->is_array() && index < value->size() ? &(*value)[index] : nullptr;
    }
    return value;
}

std::uint64_t TableWindowModel::columnOf(int section) const
{
    return m_columnAxis < 0 ? 0 : m_firstColumn + std::uint64_t(section);
}

int TableWindowModel::windowColumnCount() const
{
    if (m_columnAxis < 0)
        return int(m_columns.size());
    return int(std::min(MaxColumns, m_totalColumns - m_firstColumn));
}

} // namespace ui
