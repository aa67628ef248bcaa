#include "ui/shell/mainwindow.h"

#include "core/acquisition/recordingrecovery.h"
#include "core/browse/nexus.h"
#include "core/h5/file.h"
#include "ui/acquisition/acquisitionpanel.h"
#include "ui/acquisition/outputbox.h"
#include "ui/browser/dataviewer.h"
#include "ui/browser/filetreemodel.h"
#include "ui/browser/sliceloader.h"
#include "ui/browser/treesearch.h"
#include "ui/genomics/genomicspanel.h"
#include "ui/retinotopy/retinotopypanel.h"
#include "ui/shell/aboutdialog.h"
#include "ui/shell/detailsview.h"
#include "ui/shell/emptystate.h"
#include "ui/shell/messagebanner.h"
#include "ui/shell/recentfiles.h"
#include "ui/stimulus/stimuluspanel.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QFutureWatcher>
#include <QtCore/QMimeData>
#include <QtCore/QTimer>
#include <QtGui/QAction>
#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtGui/QKeyEvent>
#include <QtGui/QDragEnterEvent>
#include <QtGui/QDropEvent>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QStyle>
#include <QtWidgets/QTreeView>

#include <cstdio>

namespace ui {

namespace {

const QString fileFilter = QStringLiteral("HDF5 files (*.h5 *.hdf5 *.he5 *.nxs *.h5ad);;All files (*)");

struct Target {
    QString file;
    QString object;
};

// "FILE.h5::/group/dataset" as silx writes it; a file whose own name contains "::" still opens whole.
Target splitTarget(const QString &target)
{
    const qsizetype separator = target.indexOf(QStringLiteral("::"));
    if (separator < 0 || QFileInfo::exists(target))
        return {target, {}};
    return {target.left(separator), target.mid(separator + 2)};
}

// The platform's standard keys plus the one Linux users expect. Without a desktop theme (offscreen, or a
// bare window manager) Qt falls back to Windows' key table, which has no Quit key and closes with Ctrl+F4.
QList<QKeySequence> keys(QKeySequence::StandardKey standard, QKeyCombination expected)
{
    QList<QKeySequence> bindings = QKeySequence::keyBindings(standard);
    if (!bindings.contains(QKeySequence(expected)))
        bindings.prepend(QKeySequence(expected));
    return bindings;
}

QStringList localFiles(const QMimeData *mime)
{
    QStringList files;
    if (mime && mime->hasUrls())
        for (const QUrl &url : mime->urls())
            if (url.isLocalFile())
                files << url.toLocalFile();
    return files;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_recentFiles(new RecentFiles(this))
    , m_model(new FileTreeModel(this))
{
    setWindowTitle(QStringLiteral("Macroscope"));
    setAcceptDrops(true);
    resize(1200, 800);

    m_banner = new MessageBanner(this);

    m_emptyState = new EmptyState(this);
    connect(m_emptyState, &EmptyState::openRequested, this, &MainWindow::showOpenDialog);
    connect(m_emptyState, &EmptyState::recentFileRequested, this, [this](const QString &path) { openFile(path); });

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("fileTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(FileTreeModel::NameColumn, 200);
    m_tree->header()->resizeSection(FileTreeModel::KindColumn, 70);
    m_tree->header()->resizeSection(FileTreeModel::TypeColumn, 100);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_details = new DetailsView(this);
    m_viewer = new DataViewer(this);

    auto *dataSide = new QSplitter(Qt::Vertical, this);
    dataSide->setObjectName(QStringLiteral("dataSide"));
    dataSide->addWidget(m_viewer);
    dataSide->addWidget(m_details);
    dataSide->setStretchFactor(0, 3);
    dataSide->setStretchFactor(1, 1);
    dataSide->setSizes({560, 200});
    dataSide->setChildrenCollapsible(false);

    m_fileView = new QSplitter(Qt::Horizontal, this);
    m_fileView->setObjectName(QStringLiteral("fileView"));
    m_fileView->addWidget(createTreeSide());
    m_fileView->addWidget(dataSide);
    m_fileView->setStretchFactor(0, 2);
    m_fileView->setStretchFactor(1, 3);
    m_fileView->setSizes({460, 740});
    m_fileView->setChildrenCollapsible(false);

    m_liveTimer = new QTimer(this);
    m_liveTimer->setInterval(1000);
    connect(m_liveTimer, &QTimer::timeout, this, &MainWindow::followLiveData);
    m_liveTimer->start();

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->addWidget(m_emptyState);
    m_pages->addWidget(m_fileView);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    m_selectionPath = new QLabel(this);
    m_selectionPath->setObjectName(QStringLiteral("selectionPath"));
    m_selectionPath->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_selectionPath, 1);

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { showCurrent(current); });
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updatePage);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updatePage);
    connect(m_recentFiles, &RecentFiles::changed, this, &MainWindow::updateRecentMenu);

    createMenus();
    updateRecentMenu();
    updatePage();

    // A crash or power loss leaves NAME.h5.partial files behind: say so at start-up, so none is forgotten.
    const QString recordings = OutputBox::defaultFolder();
    if (const auto partials = acq::partialRecordingsIn(recordings.toStdString()); !partials.empty())
        m_banner->showMessage(tr("%n unfinished recording(s) in %1, left by a crash or power loss: "
                                 "Tools ▸ Acquisition… offers to recover them.",
                                 nullptr, int(partials.size()))
                                  .arg(QDir::toNativeSeparators(recordings)));
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open…"), this, &MainWindow::showOpenDialog);
    open->setObjectName(QStringLiteral("openAction"));
    open->setShortcuts(keys(QKeySequence::Open, Qt::CTRL | Qt::Key_O));

    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("openRecentMenu"));

    fileMenu->addSeparator();
    m_reloadAction = fileMenu->addAction(tr("Re&load"), this, &MainWindow::reloadCurrentFile);
    m_reloadAction->setObjectName(QStringLiteral("reloadAction"));
    m_reloadAction->setShortcuts(keys(QKeySequence::Refresh, Qt::Key_F5));
    m_closeAction = fileMenu->addAction(tr("&Close File"), this, &MainWindow::closeCurrentFile);
    m_closeAction->setObjectName(QStringLiteral("closeFileAction"));
    m_closeAction->setShortcuts(keys(QKeySequence::Close, Qt::CTRL | Qt::Key_W));
    m_exportAction = fileMenu->addAction(tr("&Export View…"), m_viewer, &DataViewer::showExportDialog);
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setShortcut(Qt::CTRL | Qt::Key_E);

    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcuts(keys(QKeySequence::Quit, Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    QAction *copyPath = editMenu->addAction(tr("&Copy Path"), this, &MainWindow::copyCurrentPath);
    copyPath->setObjectName(QStringLiteral("copyPathAction"));
    copyPath->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_C);
    QAction *find = editMenu->addAction(tr("&Find…"), this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcuts(keys(QKeySequence::Find, Qt::CTRL | Qt::Key_F));
    QAction *linkTarget = editMenu->addAction(tr("Open Link &Target"), this, &MainWindow::openCurrentLinkTarget);
    linkTarget->setObjectName(QStringLiteral("openLinkTargetAction"));
    linkTarget->setShortcut(Qt::CTRL | Qt::Key_Return);

    // The tree's own menu and keys (eventFilter): Del closes the file, as in file managers' side bars; Ctrl+C,
    // which the tree view would take for copying a cell's text, copies the path.
    QAction *treeCopy = new QAction(tr("Copy Path"), m_tree);
    connect(treeCopy, &QAction::triggered, this, &MainWindow::copyCurrentPath);
    m_tree->installEventFilter(this);
    QAction *treeClose = new QAction(tr("Close File"), m_tree);
    treeClose->setObjectName(QStringLiteral("treeCloseAction"));
    treeClose->setShortcut(Qt::Key_Delete);
    treeClose->setShortcutContext(Qt::WidgetShortcut);
    connect(treeClose, &QAction::triggered, this, &MainWindow::closeCurrentFile);
    QAction *treeReload = new QAction(tr("Reload File"), m_tree);
    connect(treeReload, &QAction::triggered, this, &MainWindow::reloadCurrentFile);
    m_tree->addActions({treeCopy, linkTarget, treeReload, treeClose});

    QMenu *toolsMenu = menuBar()->addMenu(tr("&Tools"));
    QAction *stimulus = toolsMenu->addAction(tr("&Stimulus…"), this, &MainWindow::showStimulusPanel);
    stimulus->setObjectName(QStringLiteral("stimulusAction"));
    stimulus->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    QAction *acquisition = toolsMenu->addAction(tr("&Acquisition…"), this, &MainWindow::showAcquisitionPanel);
    acquisition->setObjectName(QStringLiteral("acquisitionAction"));
    acquisition->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_A);
    QAction *retinotopy = toolsMenu->addAction(tr("&Retinotopy…"), this, &MainWindow::showRetinotopyPanel);
    retinotopy->setObjectName(QStringLiteral("retinotopyAction"));
    retinotopy->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    QAction *genomics = toolsMenu->addAction(tr("&Genomics…"), this, &MainWindow::showGenomicsPanel);
    genomics->setObjectName(QStringLiteral("genomicsAction"));
    genomics->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_G);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction *about = helpMenu->addAction(tr("&About Macroscope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
}

bool MainWindow::openFile(const QString &target)
{
    const Target parts = splitTarget(target);
    QModelIndex fileRow;
    try {
        fileRow = m_model->addFile(parts.file);
    } catch (const std::exception &error) {
        reportError(QString::fromUtf8(error.what()));
        return false;
    }
    m_recentFiles->add(parts.file);
    m_tree->expand(fileRow);

    QModelIndex selected = fileRow;
    if (!parts.object.isEmpty()) {
        const QModelIndex object = m_model->findObject(fileRow, parts.object);
        if (object.isValid()) {
            selected = object;
            for (QModelIndex parent = object.parent(); parent.isValid(); parent = parent.parent())
                m_tree->expand(parent);
        } else {
            reportError(tr("%1: no object at %2").arg(QDir::toNativeSeparators(parts.file), parts.object));
        }
    }
    m_tree->setCurrentIndex(selected);
    m_tree->scrollTo(selected);
    m_tree->setFocus();
    return true;
}

QModelIndex MainWindow::currentFileRow() const
{
    QModelIndex top = m_tree->currentIndex().siblingAtColumn(0);
    while (top.parent().isValid())
        top = top.parent();
    return top;
}

void MainWindow::closeCurrentFile()
{
    QModelIndex top = currentFileRow();
    if (!top.isValid())
        top = m_model->index(0, 0);
    if (!top.isValid())
        return;
    releaseFile(top.data(FileTreeModel::FilePathRole).toString());
    m_model->removeFile(top.row());
}

void MainWindow::releaseFile(const QString &filePath)
{
    // The shown dataset and the cached slices hold the file open: HDF5 would not close it (its lock stays,
    // a writer cannot start) nor read it afresh on Reload.
    if (m_viewer->source().filePath == filePath)
        m_viewer->showMessage(tr("Select a dataset to see its data."));
    m_viewer->loader().clearCache();
}

void MainWindow::reloadCurrentFile()
{
    const QModelIndex top = currentFileRow();
    if (!top.isValid())
        return;
    const QString filePath = top.data(FileTreeModel::FilePathRole).toString();
    const QString objectPath = m_tree->currentIndex().data(FileTreeModel::ObjectPathRole).toString();
    releaseFile(filePath);
    try {
        m_model->reloadFile(top.row());
    } catch (const std::exception &error) {
        reportError(QString::fromUtf8(error.what()));
        return;
    }
    m_tree->expand(top);
    if (!selectObject(filePath, objectPath))
        m_tree->setCurrentIndex(top);
    showCurrent(m_tree->currentIndex());
}

bool MainWindow::selectObject(const QString &filePath, const QString &objectPath)
{
    const QModelIndex fileRow = m_model->fileIndex(filePath);
    if (!fileRow.isValid())
        return false;
    const QModelIndex object = objectPath.isEmpty() || objectPath == QStringLiteral("/")
        ? fileRow
        : m_model->findObject(fileRow, objectPath);
    if (!object.isValid())
        return false;
    for (QModelIndex parent = object.parent(); parent.isValid(); parent = parent.parent())
        m_tree->expand(parent);
    m_tree->setCurrentIndex(object);
    m_tree->scrollTo(object);
    return true;
}

void MainWindow::copyCurrentPath()
{
    const QModelIndex current = m_tree->currentIndex();
    if (!current.isValid())
        return;
    QGuiApplication::clipboard()->setText(current.data(FileTreeModel::FilePathRole).toString() + QStringLiteral("::")
                                          + current.data(FileTreeModel::ObjectPathRole).toString());
}

void MainWindow::openCurrentLinkTarget()
{
    const QModelIndex current = m_tree->currentIndex();
    const QString filePath = current.data(FileTreeModel::FilePathRole).toString();
    const QString target = current.data(FileTreeModel::LinkTargetRole).toString();
    switch (m_model->kind(current)) {
    case FileTreeModel::ItemKind::SoftLink: {
        // A relative target is resolved from the group holding the link, as HDF5 does.
        const QString linkPath = current.data(FileTreeModel::ObjectPathRole).toString();
        const QString resolved = target.startsWith(QLatin1Char('/'))
            ? target
            : linkPath.left(linkPath.lastIndexOf(QLatin1Char('/')) + 1) + target;
        if (!selectObject(filePath, resolved))
            reportError(tr("%1: the soft link %2 points to %3, which does not exist")
                            .arg(QDir::toNativeSeparators(filePath),
                                 linkPath, target));
        break;
    }
    case FileTreeModel::ItemKind::ExternalLink: {
        // HDF5 looks for a relative target next to the file that links to it first.
        const Target parts = splitTarget(target);
        const QString linked = QDir::isAbsolutePath(parts.file)
            ? parts.file
            : QFileInfo(filePath).absoluteDir().filePath(parts.file);
        openFile(linked + QStringLiteral("::") + parts.object);
        break;
    }
    default: break;
    }
}

void MainWindow::showOpenDialog()
{
    const QStringList recent = m_recentFiles->files();
    const QString folder = recent.isEmpty() ? QDir::homePath() : QFileInfo(recent.first()).absolutePath();
    for (const QString &file : QFileDialog::getOpenFileNames(this, tr("Open HDF5 Files"), folder, fileFilter))
        openFile(file);
}

void MainWindow::showAbout()
{
    auto *dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

StimulusPanel *MainWindow::showStimulusPanel()
{
    // A window of its own, so that the stimulus can be designed beside an open recording; a child of this
    // window, so that it closes with it.
    if (!m_stimulusPanel) {
        m_stimulusPanel = new StimulusPanel(this);
        m_stimulusPanel->setWindowFlag(Qt::Window);
        m_stimulusPanel->resize(1280, 860);
    }
    m_stimulusPanel->show();
    m_stimulusPanel->raise();
    m_stimulusPanel->activateWindow();
    return m_stimulusPanel;
}

AcquisitionPanel *MainWindow::showAcquisitionPanel()
{
    // Like the stimulus panel: a window of its own that closes with this one. Closing it only hides it, so a
    // recording goes on; the panel finishes the file when the application quits.
    if (!m_acquisitionPanel) {
        m_acquisitionPanel = new AcquisitionPanel(this);
        m_acquisitionPanel->setWindowFlag(Qt::Window);
        m_acquisitionPanel->resize(1480, 900);
    }
    m_acquisitionPanel->show();
    m_acquisitionPanel->raise();
    m_acquisitionPanel->activateWindow();
    return m_acquisitionPanel;
}

RetinotopyPanel *MainWindow::showRetinotopyPanel()
{
    // Like the other panels: a window of its own, beside the files it was opened from, closing with this one.
    if (!m_retinotopyPanel) {
        m_retinotopyPanel = new RetinotopyPanel(this);
        m_retinotopyPanel->setWindowFlag(Qt::Window);
        m_retinotopyPanel->resize(1480, 940);
    }
    m_retinotopyPanel->show();
    m_retinotopyPanel->raise();
    m_retinotopyPanel->activateWindow();
    return m_retinotopyPanel;
}

GenomicsPanel *MainWindow::showGenomicsPanel()
{
    if (!m_genomicsPanel) {
        m_genomicsPanel = new GenomicsPanel(this);
        m_genomicsPanel->setWindowFlag(Qt::Window);
        m_genomicsPanel->resize(1600, 940);
    }
    m_genomicsPanel->show();
    m_genomicsPanel->raise();
    m_genomicsPanel->activateWindow();
    return m_genomicsPanel;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // The tree's keys, whether or not its window is active (shortcuts need that; tests and screen readers
    // send keys to inactive windows).
    if (watched == m_tree && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy)) {
            copyCurrentPath();
            return true;
        }
        if (key->key() == Qt::Key_Delete && key->modifiers() == Qt::NoModifier) {
            closeCurrentFile();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    for (const QString &file : files)
        openFile(file);
}

void MainWindow::updateRecentMenu()
{
    const QStringList files = m_recentFiles->files();
    m_recentMenu->clear();
    for (qsizetype i = 0; i < files.size(); ++i) {
        QString text = QDir::toNativeSeparators(files[i]).replace(QLatin1Char('&'), QStringLiteral("&&"));
        if (i < 9)
            text = QStringLiteral("&%1 %2").arg(i + 1).arg(text);
        QAction *action = m_recentMenu->addAction(text);
        action->setData(files[i]);
        connect(action, &QAction::triggered, this, [this, file = files[i]] { openFile(file); });
    }
    m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("Clear Menu"), m_recentFiles, &RecentFiles::clear);
    clear->setObjectName(QStringLiteral("clearRecentAction"));
    m_recentMenu->setEnabled(!files.isEmpty());
    m_emptyState->setRecentFiles(files);
}

QWidget *MainWindow::createTreeSide()
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setPlaceholderText(tr("Find by name or path — * and ? are wildcards (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);

    m_searchStatus = new QLabel(this);
    m_searchStatus->setObjectName(QStringLiteral("searchStatus"));
    m_searchStatus->setStyleSheet(QStringLiteral("color: #6b7280; padding: 0 4px;"));
    m_searchStatus->hide();

    m_searchHits = new QListWidget(this);
    m_searchHits->setObjectName(QStringLiteral("searchHits"));
    m_searchHits->setUniformItemSizes(true);
    m_searchHits->hide();

    m_treeSearch = new TreeSearch(this);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    // Typing a name starts one search when the typing pauses, not one per key.
    m_searchDelay->setInterval(200);
    connect(m_searchDelay, &QTimer::timeout, this, &MainWindow::runSearch);
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        // What is listed is for the previous text until the new search starts.
        m_searchStatus->setText(tr("Searching…"));
        m_searchDelay->start();
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_searchHits->count() > 0) {
            m_searchHits->setCurrentRow(0);
            m_searchHits->setFocus();
        }
    });
    QAction *clearSearch = new QAction(m_search);
    clearSearch->setShortcut(Qt::Key_Escape);
    clearSearch->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(clearSearch, &QAction::triggered, m_search, &QLineEdit::clear);
    m_search->addAction(clearSearch);

    connect(m_treeSearch, &TreeSearch::found, this, [this](const QList<TreeSearch::Hit> &hits) {
        const bool severalFiles = m_model->fileCount() > 1;
        const QStyle *style = this->style();
        for (const TreeSearch::Hit &hit : hits) {
            QString text = hit.objectPath;
            if (severalFiles)
                text += QStringLiteral("   — ") + QFileInfo(hit.filePath).fileName();
            auto *item = new QListWidgetItem(
                style->standardIcon(hit.isLink ? QStyle::SP_FileLinkIcon
                                               : hit.isGroup ? QStyle::SP_DirIcon : QStyle::SP_FileIcon),
                text, m_searchHits);
            item->setData(Qt::UserRole, hit.filePath);
            item->setData(Qt::UserRole + 1, hit.objectPath);
        }
        m_searchStatus->setText(tr("Searching… %n found", nullptr, m_searchHits->count()));
    });
    connect(m_treeSearch, &TreeSearch::finished, this, [this](quint64 visited, bool complete) {
        const int found = m_searchHits->count();
        m_searchStatus->setText(complete ? tr("%n found among %1 objects", nullptr, found).arg(visited)
                                         : tr("the first %n shown", nullptr, found));
    });
    connect(m_treeSearch, &TreeSearch::problem, this, &MainWindow::reportError);
    connect(m_searchHits, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            selectObject(item->data(Qt::UserRole).toString(), item->data(Qt::UserRole + 1).toString());
    });

    auto *lists = new QSplitter(Qt::Vertical, this);
    lists->addWidget(m_searchHits);
    lists->addWidget(m_tree);
    lists->setStretchFactor(0, 1);
    lists->setStretchFactor(1, 2);
    lists->setChildrenCollapsible(false);

    auto *side = new QWidget(this);
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_search);
    layout->addWidget(m_searchStatus);
    layout->addWidget(lists, 1);
    return side;
}

void MainWindow::runSearch()
{
    m_searchHits->clear();
    const QString pattern = m_search->text().trimmed();
    const bool searching = !pattern.isEmpty();
    m_searchHits->setVisible(searching);
    m_searchStatus->setVisible(searching);
    if (!searching) {
        m_treeSearch->stop();
        return;
    }
    std::vector<TreeSearch::Target> targets;
    for (int row = 0; row < m_model->fileCount(); ++row) {
        const QModelIndex fileRow = m_model->index(row, 0);
        targets.push_back({fileRow.data(FileTreeModel::FilePathRole).toString(), *m_model->file(fileRow)});
    }
    m_searchStatus->setText(tr("Searching…"));
    m_treeSearch->start(pattern, std::move(targets));
}

void MainWindow::updatePage()
{
    const bool anyOpen = m_model->fileCount() > 0;
    m_pages->setCurrentWidget(anyOpen ? static_cast<QWidget *>(m_fileView) : m_emptyState);
    m_closeAction->setEnabled(anyOpen);
    m_reloadAction->setEnabled(anyOpen);
    if (m_viewer->source().isValid() && !m_model->fileIndex(m_viewer->source().filePath).isValid())
        m_viewer->showMessage(tr("Select a dataset to see its data."));
    if (!anyOpen) {
        m_details->showNothing();
        m_selectionPath->clear();
        setWindowTitle(QStringLiteral("Macroscope"));
    }
}

void MainWindow::showCurrent(const QModelIndex &index)
{
    if (!index.isValid()) {
        m_details->showNothing();
        m_viewer->showMessage(tr("Select a dataset to see its data."));
        m_selectionPath->clear();
        return;
    }
    m_details->showItem(*m_model, index);
    showData(index);
    const QString fileName = QFileInfo(index.data(FileTreeModel::FilePathRole).toString()).fileName();
    m_selectionPath->setText(fileName + QStringLiteral("::") + index.data(FileTreeModel::ObjectPathRole).toString()
                             + (m_model->isLive(index) ? tr("   ● live: being written by another program") : QString()));
    setWindowTitle(fileName + QStringLiteral(" — Macroscope"));
}

void MainWindow::showData(const QModelIndex &index)
{
    const h5::File *file = m_model->file(index);
    const QString objectPath = index.data(FileTreeModel::ObjectPathRole).toString();
    const std::string path = objectPath.toStdString();
    try {
        switch (m_model->kind(index)) {
        case FileTreeModel::ItemKind::Dataset: m_viewer->showDataset(describeDataset(*file, path)); return;
        case FileTreeModel::ItemKind::SoftLink:
            // A soft link stays in the file: showing what it points to is what a reader of the file expects.
            if (file->root().kindOf(path) == h5::ObjectKind::Dataset) {
                m_viewer->showDataset(describeDataset(*file, path));
                return;
            }
            m_viewer->showMessage(tr("Soft link to %1 (Ctrl+Return selects it).")
                                      .arg(index.data(FileTreeModel::LinkTargetRole).toString()));
            return;
        case FileTreeModel::ItemKind::ExternalLink:
            m_viewer->showMessage(tr("External link to %1.\nIt is not followed unless you ask: Edit ▸ Open Link "
                                     "Target (Ctrl+Return) opens that file.")
                                      .arg(index.data(FileTreeModel::LinkTargetRole).toString()));
            return;
        case FileTreeModel::ItemKind::File:
        case FileTreeModel::ItemKind::Group:
            // NeXus files name the data to show first (@default, @signal): show it, as silx and h5web do.
            if (const auto plot = browse::nexusPlotForGroup(*file, path)) {
                m_viewer->showDataset(describeDataset(*file, plot->signalPath));
                return;
            }
            m_viewer->showMessage(tr("Select a dataset to see its data."));
            return;
        default: m_viewer->showMessage(tr("Nothing to show for %1.").arg(objectPath)); return;
        }
    } catch (const std::exception &error) {
        m_viewer->showMessage(QStringLiteral("⚠ ") + QString::fromUtf8(error.what()));
    }
}

void MainWindow::followLiveData()
{
    const DataSource &source = m_viewer->source();
    if (!source.isValid() || m_liveCheckRunning || !m_model->isLive(m_model->fileIndex(source.filePath)))
        return;
    // Refreshing takes HDF5's global lock, which a frame read may hold: never on this thread.
    m_liveCheckRunning = true;
    auto *watcher = new QFutureWatcher<h5::Shape>(this);
    connect(watcher, &QFutureWatcher<h5::Shape>::finished, this, [this, watcher, source] {
        m_liveCheckRunning = false;
        watcher->deleteLater();
        h5::Shape shape;
        try {
            shape = watcher->result();
        } catch (const std::exception &) {
            return; // the writer may be between two states; the next tick looks again
        }
        if (shape != source.shape && m_viewer->source().dataset == source.dataset) {
            DataSource grown = source;
            grown.shape = shape;
            m_viewer->sourceGrew(grown);
        }
    });
    watcher->setFuture(QtConcurrent::run([dataset = source.dataset] {
        dataset->refresh();
        return dataset->shape();
    }));
}

void MainWindow::reportError(const QString &message)
{
    m_banner->showMessage(message);
    std::fprintf(stderr, "%s\n", message.toLocal8Bit().constData());
}

} // namespace ui
