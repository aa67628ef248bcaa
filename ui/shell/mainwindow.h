#pragma once

#include <QtWidgets/QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QModelIndex;
class QSplitter;
class QStackedWidget;
class QTreeView;

namespace ui {

class AcquisitionPanel;
class DetailsView;
class EmptyState;
class FileTreeModel;
class MessageBanner;
class RecentFiles;
class RetinotopyPanel;
class StimulusPanel;

// Macroscope's window: the empty state while no file is open, otherwise the open files' tree beside the
// selected object's details. Files that fail to open are reported in a banner across the top, never in a
// modal dialog, so a scripted run (--screenshot) cannot block.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens FILE, or FILE::/path to also select the object at /path (silx's convention). Returns false when
    // the file cannot be opened: the banner then shows h5::Error's message, which also goes to stderr, and
    // the file stays out of Open Recent. Never throws.
    bool openFile(const QString &target);
    // Closes the file of the selected row.
    void closeCurrentFile();
    void showOpenDialog();
    void showAbout();
    // Shows the stimulus panel in a window of its own (created on first use) and returns it.
    StimulusPanel *showStimulusPanel();
    // Shows the acquisition panel in a window of its own (created on first use) and returns it.
    AcquisitionPanel *showAcquisitionPanel();
    // Shows the retinotopy panel in a window of its own (created on first use) and returns it.
    RetinotopyPanel *showRetinotopyPanel();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void updateRecentMenu();
    void updatePage();
    void showCurrent(const QModelIndex &index);
    void reportError(const QString &message);

    RecentFiles *m_recentFiles = nullptr;
    FileTreeModel *m_model = nullptr;
    MessageBanner *m_banner = nullptr;
    QStackedWidget *m_pages = nullptr;
    EmptyState *m_emptyState = nullptr;
    QSplitter *m_fileView = nullptr;
    QTreeView *m_tree = nullptr;
    DetailsView *m_details = nullptr;
    QLabel *m_selectionPath = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_closeAction = nullptr;
    StimulusPanel *m_stimulusPanel = nullptr;
    AcquisitionPanel *m_acquisitionPanel = nullptr;
    RetinotopyPanel *m_retinotopyPanel = nullptr;
};

} // namespace ui
