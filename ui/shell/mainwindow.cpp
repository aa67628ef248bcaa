#include "ui/shell/mainwindow.h"

#include "core/acquisition/recordingrecovery.h"
#include "ui/acquisition/acquisitionpanel.h"
#include "ui/acquisition/outputbox.h"
#include "ui/browser/filetreemodel.h"
#include "ui/retinotopy/retinotopypanel.h"
#include "ui/shell/aboutdialog.h"
#include "ui/shell/detailsview.h"
#include "ui/shell/emptystate.h"
#include "ui/shell/messagebanner.h"
#include "ui/shell/recentfiles.h"
#include "ui/stimulus/stimuluspanel.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QMimeData>
#include <QtGui/QAction>
#include <QtGui/QDragEnterEvent>
#include <QtGui/QDropEvent>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QStatusBar>
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
    m_tree->header()->resizeSection(FileTreeModel::NameColumn, 280);
    m_tree->header()->resizeSection(FileTreeModel::KindColumn, 100);
    m_tree->header()->resizeSection(FileTreeModel::TypeColumn, 200);

    m_details = new DetailsView(this);

    m_fileView = new QSplitter(Qt::Horizontal, this);
    m_fileView->setObjectName(QStringLiteral("fileView"));
    m_fileView->addWidget(m_tree);
    m_fileView->addWidget(m_details);
    m_fileView->setStretchFactor(0, 3);
    m_fileView->setStretchFactor(1, 2);
    m_fileView->setSizes({720, 480});
    m_fileView->setChildrenCollapsible(false);

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
    m_closeAction = fileMenu->addAction(tr("&Close File"), this, &MainWindow::closeCurrentFile);
    m_closeAction->setObjectName(QStringLiteral("closeFileAction"));
    m_closeAction->setShortcuts(keys(QKeySequence::Close, Qt::CTRL | Qt::Key_W));

    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    quit->setShortcuts(keys(QKeySequence::Quit, Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

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

void MainWindow::closeCurrentFile()
{
    QModelIndex top = m_tree->currentIndex();
    while (top.parent().isValid())
        top = top.parent();
    m_model->removeFile(top.isValid() ? top.row() : 0);
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

void MainWindow::updatePage()
{
    const bool anyOpen = m_model->fileCount() > 0;
    m_pages->setCurrentWidget(anyOpen ? static_cast<QWidget *>(m_fileView) : m_emptyState);
    m_closeAction->setEnabled(anyOpen);
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
        m_selectionPath->clear();
        return;
    }
    m_details->showItem(*m_model, index);
    const QString fileName = QFileInfo(index.data(FileTreeModel::FilePathRole).toString()).fileName();
    m_selectionPath->setText(fileName + QStringLiteral("::") + index.data(FileTreeModel::ObjectPathRole).toString());
    setWindowTitle(fileName + QStringLiteral(" — Macroscope"));
}

void MainWindow::reportError(const QString &message)
{
    m_banner->showMessage(message);
    std::fprintf(stderr, "%s\n", message.toLocal8Bit().constData());
}

} // namespace ui
