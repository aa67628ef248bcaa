#pragma once

#include <QtWidgets/QTextBrowser>

class QModelIndex;

namespace ui {

class FileTreeModel;

// What is known about the object selected in a FileTreeModel: its path and kind; for a dataset its dtype,
// shape, maximum shape, layout, chunk shape, filters (with a warning for one this HDF5 cannot decode),
// stored size and compression ratio, and a virtual dataset's sources; for a link its target (and whether it
// dangles); and the attributes, long values shortened.
// Reads metadata only, never dataset contents, so it stays quick on the UI thread. Read failures are shown
// in the pane, never thrown.
class DetailsView : public QTextBrowser {
    Q_OBJECT

public:
    explicit DetailsView(QWidget *parent = nullptr);

    void showItem(const FileTreeModel &model, const QModelIndex &index);
    void showNothing();
};

} // namespace ui
