#pragma once

#include <QtWidgets/QWidget>

class QLabel;
class QVBoxLayout;

namespace ui {

// The page the main window shows while no file is open: what the application is for, a way to open a file
// and the recently opened ones.
class EmptyState : public QWidget {
    Q_OBJECT

public:
    explicit EmptyState(QWidget *parent = nullptr);

    // Most recent first, absolute paths; the list is hidden when empty.
    void setRecentFiles(const QStringList &files);

Q_SIGNALS:
    void openRequested();
    void recentFileRequested(const QString &path);

private:
    QWidget *m_recent = nullptr;
    QVBoxLayout *m_recentList = nullptr;
};

} // namespace ui
