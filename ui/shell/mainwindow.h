#pragma once

#include <QtWidgets/QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QListWidget;
class QMenu;
class QModelIndex;
class QSplitter;
class QStackedWidget;
class QTimer;
class QTreeView;

namespace ui {

class AcquisitionPanel;
class GenomicsPanel;
class DataViewer;
class DetailsView;
class EmptyState;
class FileTreeModel;
class MessageBanner;
class RecentFiles;
class RetinotopyPanel;
class StimulusPanel;
class TreeSearch;

// Macroscope's window: the empty state while no file is open, otherwise the HDF5 browser: the open files'
// tree (with a search above it) beside the selected dataset's data, shown in the best view for it, and the
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
    // Opens the file of the selected row again (F5), keeping the selection where the object still exists.
    void reloadCurrentFile();
    // Selects the object at `objectPath` in the open file `filePath`, expanding the groups on the way.
    bool selectObject(const QString &filePath, const QString &objectPath);
    // Puts "FILE::/path" of the selected row on the clipboard.
    void copyCurrentPath();
    // Soft links: selects the target. External links: opens the target's file (only ever on request) and
    // selects the target in it.
    void openCurrentLinkTarget();
    DataViewer *viewer() const { return m_viewer; }
    void showOpenDialog();
    void showAbout();
    // Shows the stimulus panel in a window of its own (created on first use) and returns it.
    StimulusPanel *showStimulusPanel();
    // Shows the acquisition panel in a window of its own (created on first use) and returns it.
    AcquisitionPanel *showAcquisitionPanel();
    // Shows the retinotopy panel in a window of its own (created on first use) and returns it.
    RetinotopyPanel *showRetinotopyPanel();
    // Shows the genomics panel (embeddings and tracks of a genomic store) in a window of its own.
    GenomicsPanel *showGenomicsPanel();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void updateRecentMenu();
    void updatePage();
    void showCurrent(const QModelIndex &index);
    void showData(const QModelIndex &index);
    void reportError(const QString &message);
    QWidget *createTreeSide();
    void runSearch();
    void followLiveData();
    QModelIndex currentFileRow() const;
    void releaseFile(const QString &filePath);

    RecentFiles *m_recentFiles = nullptr;
    FileTreeModel *m_model = nullptr;
    MessageBanner *m_banner = nullptr;
    QStackedWidget *m_pages = nullptr;
    EmptyState *m_emptyState = nullptr;
    QSplitter *m_fileView = nullptr;
    QTreeView *m_tree = nullptr;
    DetailsView *m_details = nullptr;
    DataViewer *m_viewer = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_searchStatus = nullptr;
    QListWidget *m_searchHits = nullptr;
    TreeSearch *m_treeSearch = nullptr;
    QTimer *m_searchDelay = nullptr;
    QTimer *m_liveTimer = nullptr;
    bool m_liveCheckRunning = false;
    QLabel *m_selectionPath = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_closeAction = nullptr;
    QAction *m_reloadAction = nullptr;
    QAction *m_exportAction = nullptr;
    StimulusPanel *m_stimulusPanel = nullptr;
    AcquisitionPanel *m_acquisitionPanel = nullptr;
    RetinotopyPanel *m_retinotopyPanel = nullptr;
    GenomicsPanel *m_genomicsPanel = nullptr;
};

} // namespace ui
