#pragma once

#include "core/h5/types.h"

#include <QtCore/QAbstractItemModel>

#include <memory>
#include <vector>

namespace h5 {
class File;
}

namespace ui {

// A dataset's extents as people write them: "100 × 100", "∞" for an unlimited dimension, "scalar" for none.
QString shapeText(const h5::Shape &shape);

// The objects of one or more open HDF5 files as a tree: one top-level row per file, named after it, with
// the file's root group below. A group's children are listed only when a view asks for them (fetchMore on
// expanding), so opening a file with a million objects reads one superblock, not the whole file. Links
// are shown as stored and never followed.
//
// UI thread only. No method lets an exception escape into Qt: a group that cannot be listed shows one row
// "⚠ cannot list: <message>" instead of its children.
class FileTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column { NameColumn, KindColumn, TypeColumn, ShapeColumn, ColumnCount };
    enum class ItemKind { File, Group, Dataset, NamedDatatype, SoftLink, ExternalLink, OtherLink, OtherObject,
                          Error };
    enum Role {
        ObjectPathRole = Qt::UserRole + 1, // QString: "/group/dataset"; "/" for a file row
        ItemKindRole,                      // int: ItemKind
        FilePathRole,                      // QString: the absolute path of the file the row belongs to
        LinkTargetRole,                    // QString: soft links "/target", external links "file.h5::/target"
    };

    explicit FileTreeModel(QObject *parent = nullptr);
    ~FileTreeModel() override;

    // Opens the file read-only (as a SWMR reader when another process is writing it) and appends a row for it, or returns the existing row if the file is open
    // already. Throws h5::Error naming the file and the reason when it cannot be opened. The file stays
    // open until removeFile().
    QModelIndex addFile(const QString &path);
    void removeFile(int row);
    // Opens the file of top-level row `row` again and lists it afresh (collapsed): after another program
    // changed it. Everything else holding the file open must let go first, or HDF5 keeps its old view of
    // it. When it can no longer be opened, its row is removed and h5::Error says why, as addFile() does.
    void reloadFile(int row);
    // Whether the file of `index` is being written by another process (opened as a SWMR reader).
    bool isLive(const QModelIndex &index) const;
    int fileCount() const;
    // The top-level row of the file at `path`; invalid when it is not open.
    QModelIndex fileIndex(const QString &path) const;
    // The row of the object at `objectPath` ("/a/b") in the file of `fileIndex`, listing groups on the way;
    // invalid when there is no such link.
    QModelIndex findObject(const QModelIndex &fileIndex, const QString &objectPath);
    // The open file `index` belongs to; valid as long as its top-level row exists.
    const h5::File *file(const QModelIndex &index) const;
    ItemKind kind(const QModelIndex &index) const;
    static QString kindText(ItemKind kind);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    struct Node;

    Node *node(const QModelIndex &index) const;
    const std::vector<std::unique_ptr<Node>> &children(const Node *parent) const;
    static const Node *fileNode(const Node *node);
    // `item`, with what its hard link points to read on first use.
    const Node *summarized(const Node *item) const;

    std::vector<std::unique_ptr<Node>> m_files;
    mutable bool m_relayoutPending = false;
};

} // namespace ui
