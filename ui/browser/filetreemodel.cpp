#include "ui/browser/filetreemodel.h"

#include "core/h5/error.h"
#include "core/h5/file.h"

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QTimer>
#include <QtGui/QBrush>
#include <QtGui/QFont>
#include <QtWidgets/QApplication>
#include <QtWidgets/QStyle>

#include <optional>

namespace ui {

struct FileTreeModel::Node {
    Node *parent = nullptr;
    int row = 0;
    ItemKind kind = ItemKind::OtherObject;
    QString name;
    QString type;
    QString shape;
    QString toolTip;
    QString linkTarget;
    std::string path; // in the file, "/" for the file itself
    bool fetched = false;
    // Hard links are listed by name only; what they point to (kind, type, shape) is read when a view first
    // asks for the row, so expanding a group of 100 000 datasets opens only those on screen.
    bool summarized = true;
    std::vector<std::unique_ptr<Node>> children;
    std::optional<h5::File> file; // file rows only
    QString filePath;             // file rows only
    bool live = false;            // file rows only: opened as a SWMR reader of a file being written
};

namespace {

bool isContainer(FileTreeModel::ItemKind kind)
{
    return kind == FileTreeModel::ItemKind::File || kind == FileTreeModel::ItemKind::Group;
}

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

std::string childPath(const std::string &parent, const std::string &name)
{
    return parent == "/" ? "/" + name : parent + "/" + name;
}

struct ObjectSummary {
    FileTreeModel::ItemKind kind = FileTreeModel::ItemKind::OtherObject;
    QString type;
    QString shape;
    QString problem;
};

// What a view shows about the object behind a hard link. Opening it may fail in a damaged file; the row
// then says why in its Type column rather than hiding the link.
ObjectSummary summarize(const h5::File &file, const std::string &name)
{
    ObjectSummary summary;
    try {
        const h5::Group group = file.root();
        switch (group.kindOf(name)) {
        case h5::ObjectKind::Group: summary.kind = FileTreeModel::ItemKind::Group; break;
        case h5::ObjectKind::Dataset: {
            summary.kind = FileTreeModel::ItemKind::Dataset;
            const h5::Dataset dataset = group.dataset(name);
            summary.type = fromUtf8(dataset.dataType().name());
            summary.shape = shapeText(dataset.shape());
            break;
        }
        case h5::ObjectKind::NamedDatatype: summary.kind = FileTreeModel::ItemKind::NamedDatatype; break;
        case h5::ObjectKind::Missing:
        case h5::ObjectKind::Other: break;
        }
    } catch (const std::exception &error) {
        summary.problem = QString::fromUtf8(error.what());
        summary.type = QStringLiteral("⚠ ") + summary.problem;
    }
    return summary;
}

} // namespace

QString shapeText(const h5::Shape &shape)
{
    if (shape.empty())
        return FileTreeModel::tr("scalar");
    QStringList extents;
    for (const auto extent : shape)
        extents << (extent == h5::Unlimited ? QStringLiteral("∞") : QString::number(extent));
    return extents.join(QStringLiteral(" × "));
}

FileTreeModel::FileTreeModel(QObject *parent) : QAbstractItemModel(parent) {}

FileTreeModel::~FileTreeModel() = default;

namespace {

// A file another process is writing as its SWMR writer refuses a plain read-only open ("file is already
// open for write"): such a file is opened as a SWMR reader instead, and followed live.
h5::File openForBrowsing(const QString &absolute, bool &live)
{
    const std::filesystem::path path(QFile::encodeName(absolute).toStdString());
    try {
        live = false;
        return h5::File::open(path);
    } catch (const h5::Error &) {
        try {
            h5::File file = h5::File::open(path, h5::Access::SwmrRead);
            live = true;
            return file;
        } catch (const h5::Error &) {
        }
        throw;
    }
}

} // namespace

QModelIndex FileTreeModel::addFile(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (const QModelIndex existing = fileIndex(absolute); existing.isValid())
        return existing;
    bool live = false;
    h5::File file = openForBrowsing(absolute, live);

    auto node = std::make_unique<Node>();
    node->kind = ItemKind::File;
    node->name = QFileInfo(absolute).fileName();
    node->toolTip = absolute;
    node->path = std::string("/");
    node->file.emplace(std::move(file));
    node->filePath = absolute;
    node->live = live;
    node->row = static_cast<int>(m_files.size());

    beginInsertRows({}, node->row, node->row);
    m_files.push_back(std::move(node));
    endInsertRows();
    return index(static_cast<int>(m_files.size()) - 1, 0);
}

void FileTreeModel::reloadFile(int row)
{
    if (row < 0 || row >= fileCount())
        return;
    Node *item = m_files[std::size_t(row)].get();
    const QModelIndex fileRow = index(row, 0);
    if (!item->children.empty()) {
        beginRemoveRows(fileRow, 0, int(item->children.size()) - 1);
        item->children.clear();
        endRemoveRows();
    }
    // Closed before it is opened again: HDF5 would hand back the open file, with its cached metadata.
    item->file.reset();
    bool live = false;
    std::optional<h5::File> file;
    try {
        file.emplace(openForBrowsing(item->filePath, live));
    } catch (const std::exception &) {
        removeFile(row);
        throw;
    }
    item->file = std::move(file);
    item->live = live;
    item->fetched = false;
    Q_EMIT dataChanged(fileRow, fileRow.siblingAtColumn(ColumnCount - 1));
}

bool FileTreeModel::isLive(const QModelIndex &index) const
{
    const Node *top = fileNode(node(index));
    return top && top->live;
}

void FileTreeModel::removeFile(int row)
{
    if (row < 0 || row >= fileCount())
        return;
    beginRemoveRows({}, row, row);
    m_files.erase(m_files.begin() + row);
    for (std::size_t i = 0; i < m_files.size(); ++i)
        m_files[i]->row = static_cast<int>(i);
    endRemoveRows();
}

int FileTreeModel::fileCount() const
{
    return static_cast<int>(m_files.size());
}

QModelIndex FileTreeModel::fileIndex(const QString &path) const
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (const auto &file : m_files)
        if (file->filePath == absolute)
            return createIndex(file->row, 0, file.get());
    return {};
}

QModelIndex FileTreeModel::findObject(const QModelIndex &fileIndex, const QString &objectPath)
{
    QModelIndex current = fileIndex.siblingAtColumn(0);
    for (const QString &part : objectPath.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (canFetchMore(current))
            fetchMore(current);
        QModelIndex match;
        for (int row = 0; row < rowCount(current) && !match.isValid(); ++row) {
            const QModelIndex child = index(row, 0, current);
            if (node(child)->kind != ItemKind::Error && node(child)->name == part)
                match = child;
        }
        if (!match.isValid())
            return {};
        current = match;
    }
    return current;
}

const h5::File *FileTreeModel::file(const QModelIndex &index) const
{
    const Node *top = fileNode(node(index));
    return top ? &*top->file : nullptr;
}

FileTreeModel::ItemKind FileTreeModel::kind(const QModelIndex &index) const
{
    const Node *item = summarized(node(index));
    return item ? item->kind : ItemKind::OtherObject;
}

QString FileTreeModel::kindText(ItemKind kind)
{
    switch (kind) {
    case ItemKind::File: return tr("File");
    case ItemKind::Group: return tr("Group");
    case ItemKind::Dataset: return tr("Dataset");
    case ItemKind::NamedDatatype: return tr("Datatype");
    case ItemKind::SoftLink: return tr("Soft link");
    case ItemKind::ExternalLink: return tr("External link");
    case ItemKind::OtherLink: return tr("User-defined link");
    case ItemKind::OtherObject: return tr("Object");
    case ItemKind::Error: return tr("Error");
    }
    return {};
}

QModelIndex FileTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    const auto &list = children(node(parent));
    if (row < 0 || row >= static_cast<int>(list.size()))
        return {};
    return createIndex(row, column, list[static_cast<std::size_t>(row)].get());
}

QModelIndex FileTreeModel::parent(const QModelIndex &index) const
{
    const Node *item = node(index);
    if (!item || !item->parent)
        return {};
    return createIndex(item->parent->row, 0, item->parent);
}

int FileTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return static_cast<int>(children(node(parent)).size());
}

int FileTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FileTreeModel::data(const QModelIndex &index, int role) const
{
    const Node *item = summarized(node(index));
    if (!item)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return item->name;
        case KindColumn: return item->kind == ItemKind::Error ? QString() : kindText(item->kind);
        case TypeColumn: return item->type;
        case ShapeColumn: return item->shape;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TypeColumn && !item->type.isEmpty())
            return item->type;
        return item->toolTip.isEmpty() ? fromUtf8(item->path) : item->toolTip;
    case Qt::DecorationRole: {
        if (index.column() != NameColumn)
            return {};
        QStyle *style = QApplication::style();
        switch (item->kind) {
        case ItemKind::File: return style->standardIcon(QStyle::SP_DriveHDIcon);
        case ItemKind::Group: return style->standardIcon(QStyle::SP_DirIcon);
        case ItemKind::Dataset: return style->standardIcon(QStyle::SP_FileIcon);
        case ItemKind::SoftLink:
        case ItemKind::ExternalLink:
        case ItemKind::OtherLink: return style->standardIcon(QStyle::SP_FileLinkIcon);
        case ItemKind::Error: return style->standardIcon(QStyle::SP_MessageBoxWarning);
        case ItemKind::NamedDatatype:
        case ItemKind::OtherObject: return {};
        }
        return {};
    }
    case Qt::ForegroundRole:
        if (item->kind == ItemKind::Error)
            return QBrush(QColor(0xb0, 0x1e, 0x1e));
        return {};
    case Qt::FontRole:
        // Links are not objects of their own: set them apart the way file managers show symlinks.
        if (item->kind == ItemKind::SoftLink || item->kind == ItemKind::ExternalLink
            || item->kind == ItemKind::OtherLink) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case ObjectPathRole: return fromUtf8(item->path);
    case ItemKindRole: return static_cast<int>(item->kind);
    case FilePathRole: return fileNode(item)->filePath;
    case LinkTargetRole: return item->linkTarget;
    }
    return {};
}

QVariant FileTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case KindColumn: return tr("Kind");
    case TypeColumn: return tr("Type");
    case ShapeColumn: return tr("Shape");
    }
    return {};
}

bool FileTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *item = node(parent);
    if (!item)
        return !m_files.empty();
    // QTreeView asks this of every row of an expanded group when it lays them out, not only of the rows on
    // screen: reading 100 000 object headers here would cost seconds. A row not yet described may have
    // children; once it is shown, summarized() corrects the view.
    if (!item->summarized)
        return true;
    // Unlisted groups may be empty; the view learns that when it expands them.
    return item->fetched ? !item->children.empty() : isContainer(item->kind);
}

bool FileTreeModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *item = summarized(node(parent));
    return item && isContainer(item->kind) && !item->fetched;
}

void FileTreeModel::fetchMore(const QModelIndex &parent)
{
    Node *item = node(parent);
    summarized(item);
    if (!item || !isContainer(item->kind) || item->fetched)
        return;
    item->fetched = true;

    std::vector<std::unique_ptr<Node>> list;
    try {
        const h5::File &h5file = *fileNode(item)->file;
        const h5::Group group = item->path == "/" ? h5file.root() : h5file.root().group(item->path);
        for (const auto &link : group.links()) {
            auto child = std::make_unique<Node>();
            child->name = fromUtf8(link.name);
            child->path = childPath(item->path, link.name);
            switch (link.kind) {
            case h5::LinkKind::Hard: child->summarized = false; break;
            case h5::LinkKind::Soft:
                child->kind = ItemKind::SoftLink;
                child->linkTarget = fromUtf8(link.targetPath);
                child->type = QStringLiteral("→ ") + child->linkTarget;
                break;
            case h5::LinkKind::External:
                child->kind = ItemKind::ExternalLink;
                child->linkTarget = fromUtf8(link.targetFile) + QStringLiteral("::") + fromUtf8(link.targetPath);
                child->type = QStringLiteral("→ ") + child->linkTarget;
                break;
            case h5::LinkKind::Other: child->kind = ItemKind::OtherLink; break;
            }
            list.push_back(std::move(child));
        }
    } catch (const std::exception &error) {
        list.clear();
        auto child = std::make_unique<Node>();
        child->kind = ItemKind::Error;
        child->name = tr("⚠ cannot list: %1").arg(QString::fromUtf8(error.what()));
        child->toolTip = QString::fromUtf8(error.what());
        child->path = item->path;
        list.push_back(std::move(child));
    }
    if (list.empty())
        return;

    beginInsertRows(parent.siblingAtColumn(0), 0, static_cast<int>(list.size()) - 1);
    for (std::size_t i = 0; i < list.size(); ++i) {
        list[i]->parent = item;
        list[i]->row = static_cast<int>(i);
    }
    item->children = std::move(list);
    endInsertRows();
}

FileTreeModel::Node *FileTreeModel::node(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : nullptr;
}

const std::vector<std::unique_ptr<FileTreeModel::Node>> &FileTreeModel::children(const Node *parent) const
{
    return parent ? parent->children : m_files;
}

const FileTreeModel::Node *FileTreeModel::summarized(const Node *item) const
{
    if (!item || item->summarized)
        return item;
    Node *mutableItem = const_cast<Node *>(item);
    mutableItem->summarized = true;
    ObjectSummary summary = summarize(*fileNode(item)->file, item->path);
    mutableItem->kind = summary.kind;
    mutableItem->type = std::move(summary.type);
    mutableItem->shape = std::move(summary.shape);
    mutableItem->toolTip = std::move(summary.problem);
    // hasChildren() said yes before this row was described; a view lays its rows out again to drop the
    // expand arrow from what turned out to be a dataset. Deferred: this runs while the view paints.
    if (!isContainer(item->kind) && !m_relayoutPending) {
        m_relayoutPending = true;
        QTimer::singleShot(0, const_cast<FileTreeModel *>(this), [model = const_cast<FileTreeModel *>(this)] {
            model->m_relayoutPending = false;
            Q_EMIT model->layoutAboutToBeChanged();
            Q_EMIT model->layoutChanged();
        });
    }
    return item;
}

const FileTreeModel::Node *FileTreeModel::fileNode(const Node *node)
{
    while (node && node->parent)
        node = node->parent;
    return node;
}

} // namespace ui
