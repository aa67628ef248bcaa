#include "ui/browser/filetreemodel.h"
#include "ui/shell/aboutdialog.h"
#include "ui/shell/detailsview.h"
#include "ui/shell/emptystate.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/messagebanner.h"
#include "ui/shell/recentfiles.h"

#include "core/buildinfo.h"
#include "core/h5/file.h"

#include <nlohmann/json.hpp>

#include <QtCore/QMimeData>
#include <QtCore/QProcess>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QUrl>
#include <QtGui/QAction>
#include <QtGui/QDropEvent>
#include <QtGui/QImage>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QTest>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMenu>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QTreeView>

#include <fstream>
#include <iterator>

class tst_MainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void showsEmptyStateFirst();
    void startupReportsUnfinishedRecordings();
    void openingShowsFileTree();
    void listsChildrenOnlyWhenAsked();
    void columnsDescribeObjects();
    void modelPassesQtChecks();
    void opensSeveralFilesOnce();
    void detailsShowSelectedDataset();
    void closeFileReturnsToEmptyState();
    void recentMenuListsAndClears();
    void recentFilesDedupeAndKeepTen();
    void failedOpenShowsBanner_data();
    void failedOpenShowsBanner();
    void unlistableGroupShowsErrorRow();
    void droppedFilesOpen();
    void aboutListsLibraryVersions();
    void screenshotRendersWindow();
    void screenshotFailureExitsWithOne();
    void versionOption();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    static std::filesystem::path fsPath(const QString &path) { return std::filesystem::path(path.toStdString()); }
    static ui::FileTreeModel *model(const ui::MainWindow &window);
    static QString text(const QModelIndex &index, int column);
    static QModelIndex child(const QAbstractItemModel &model, const QModelIndex &parent, const QString &name);
    static QProcessEnvironment guiEnvironment(const QString &configDir);

    QTemporaryDir m_dir;
    QString m_sample;
    QString m_second;
};

void tst_MainWindow::initTestCase()
{
    // RecentFiles writes QSettings; test mode keeps the user's own list out of reach.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // The recordings folder the window checks at start-up lives in the home folder: use a scratch one.
    QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("home")));
    qputenv("HOME", path(QStringLiteral("home")).toUtf8());

    m_sample = path(QStringLiteral("sample.h5"));
    {
        const auto file = h5::File::create(fsPath(m_sample));
        const auto root = file.root();
        root.attributes().set("title", "test sample");
        const auto frames = root.createDataset<std::uint16_t>(
            "acquisition/frames", {4, 8, 6}, {.chunk = {1, 8, 6}, .filters = {h5::Filter::deflate(4)}});
        frames.write<std::uint16_t>(std::vector<std::uint16_t>(4 * 8 * 6, 7));
        frames.attributes().set("units", "counts");
        root.createDataset<float>("maps/phase", {16, 16});
        root.createDataset<double>("scalar", {});
        root.createGroup("empty");
        root.createSoftLink("latest", "/acquisition/frames");
        root.createExternalLink("outside", "other.h5", "/x");
    }
    m_second = path(QStringLiteral("second.h5"));
    {
        const auto file = h5::File::create(fsPath(m_second));
        file.root().createDataset<std::int32_t>("values", {3});
    }
}

void tst_MainWindow::init()
{
    ui::RecentFiles().clear();
}

ui::FileTreeModel *tst_MainWindow::model(const ui::MainWindow &window)
{
    return qobject_cast<ui::FileTreeModel *>(window.findChild<QTreeView *>(QStringLiteral("fileTree"))->model());
}

QString tst_MainWindow::text(const QModelIndex &index, int column)
{
    return index.siblingAtColumn(column).data().toString();
}

QModelIndex tst_MainWindow::child(const QAbstractItemModel &model, const QModelIndex &parent, const QString &name)
{
    for (int row = 0; row < model.rowCount(parent); ++row)
        if (model.index(row, 0, parent).data().toString() == name)
            return model.index(row, 0, parent);
    return {};
}

QProcessEnvironment tst_MainWindow::guiEnvironment(const QString &configDir)
{
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // The executable is not in test mode: point its settings (Open Recent) away from the user's.
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), configDir);
    return environment;
}

void tst_MainWindow::showsEmptyStateFirst()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Macroscope"));
    QCOMPARE(window.size(), QSize(1200, 800));
    const auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("emptyState"));
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("openFileButton"))->isVisible());
    QVERIFY(!window.findChild<QMenu *>(QStringLiteral("openRecentMenu"))->isEnabled());
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("closeFileAction"))->isEnabled());
    QVERIFY(!window.findChild<ui::MessageBanner *>()->isVisible());

    const auto shortcuts = [&](const char *action) {
        return window.findChild<QAction *>(QString::fromLatin1(action))->shortcuts();
    };
    QVERIFY(shortcuts("openAction").contains(QKeySequence(Qt::CTRL | Qt::Key_O)));
    QVERIFY(shortcuts("closeFileAction").contains(QKeySequence(Qt::CTRL | Qt::Key_W)));
    QVERIFY(shortcuts("quitAction").contains(QKeySequence(Qt::CTRL | Qt::Key_Q)));
}

// NAME.h5.partial files a crash left in the recordings folder are reported as the window opens; one whose
// NAME.h5 exists was recovered already.
void tst_MainWindow::startupReportsUnfinishedRecordings()
{
    const QDir recordings(path(QStringLiteral("home/Macroscope/recordings")));
    QVERIFY(recordings.mkpath(QStringLiteral(".")));
    for (const char *name : {"crashed.h5.partial", "done.h5.partial", "done.h5"}) {
        QFile file(recordings.filePath(QString::fromLatin1(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    {
        ui::MainWindow window;
        const auto *banner = window.findChild<ui::MessageBanner *>();
        QVERIFY(!banner->isHidden());
        QVERIFY2(banner->text().contains(QStringLiteral("1 unfinished recording(s) in ") +
                                         QDir::toNativeSeparators(recordings.path())),
                 qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QStringLiteral("Tools ▸ Acquisition")));
    }
    QVERIFY(QDir(path(QStringLiteral("home/Macroscope"))).removeRecursively());
    ui::MainWindow clean;
    QVERIFY(clean.findChild<ui::MessageBanner *>()->isHidden());
}

void tst_MainWindow::openingShowsFileTree()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(m_sample));
    const auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QCOMPARE(pages->currentWidget()->objectName(), QStringLiteral("fileView"));
    QVERIFY(window.findChild<QAction *>(QStringLiteral("closeFileAction"))->isEnabled());
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("sample.h5")));

    const auto *tree = model(window);
    QCOMPARE(tree->rowCount(), 1);
    const QModelIndex file = tree->index(0, 0);
    QCOMPARE(text(file, ui::FileTreeModel::NameColumn), QStringLiteral("sample.h5"));
    QCOMPARE(text(file, ui::FileTreeModel::KindColumn), QStringLiteral("File"));
    // The file row is expanded on opening, so its first level is listed, in creation order.
    QStringList names;
    for (int row = 0; row < tree->rowCount(file); ++row)
        names << text(tree->index(row, 0, file), ui::FileTreeModel::NameColumn);
    QCOMPARE(names, (QStringList{"acquisition", "maps", "scalar", "empty", "latest", "outside"}));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("selectionPath"))->text(), QStringLiteral("sample.h5::/"));
    QVERIFY(!window.findChild<ui::MessageBanner *>()->isVisible());

    // FILE::/path naming nothing still opens the file, and says what was not found.
    QVERIFY(window.openFile(m_sample + QStringLiteral("::/no/such/object")));
    QVERIFY(window.findChild<ui::MessageBanner *>()->isVisible());
    QVERIFY(window.findChild<ui::MessageBanner *>()->text().contains(QStringLiteral("/no/such/object")));
    QCOMPARE(tree->rowCount(), 1);
}

void tst_MainWindow::listsChildrenOnlyWhenAsked()
{
    ui::FileTreeModel tree;
    const QModelIndex file = tree.addFile(m_sample);
    QCOMPARE(tree.rowCount(), 1);
    QVERIFY(tree.hasChildren(file));
    QCOMPARE(tree.rowCount(file), 0);
    QVERIFY(tree.canFetchMore(file));
    tree.fetchMore(file);
    QVERIFY(!tree.canFetchMore(file));
    QCOMPARE(tree.rowCount(file), 6);

    const QModelIndex acquisition = child(tree, file, QStringLiteral("acquisition"));
    QVERIFY(acquisition.isValid());
    QVERIFY(tree.hasChildren(acquisition));
    QCOMPARE(tree.rowCount(acquisition), 0);
    QVERIFY(tree.canFetchMore(acquisition));
    tree.fetchMore(acquisition);
    QCOMPARE(tree.rowCount(acquisition), 1);
    QCOMPARE(text(tree.index(0, 0, acquisition), ui::FileTreeModel::NameColumn), QStringLiteral("frames"));
    QCOMPARE(tree.index(0, 0, acquisition).data(ui::FileTreeModel::ObjectPathRole).toString(),
             QStringLiteral("/acquisition/frames"));

    const QModelIndex empty = child(tree, file, QStringLiteral("empty"));
    tree.fetchMore(empty);
    QCOMPARE(tree.rowCount(empty), 0);
    QVERIFY(!tree.hasChildren(empty));

    // Links are leaves: never followed, so never fetched.
    QVERIFY(!tree.canFetchMore(child(tree, file, QStringLiteral("latest"))));
    QVERIFY(!tree.hasChildren(child(tree, file, QStringLiteral("outside"))));
}

void tst_MainWindow::columnsDescribeObjects()
{
    ui::FileTreeModel tree;
    const QModelIndex file = tree.addFile(m_sample);
    QCOMPARE(tree.headerData(ui::FileTreeModel::ShapeColumn, Qt::Horizontal).toString(), QStringLiteral("Shape"));
    const QModelIndex frames = tree.findObject(file, QStringLiteral("/acquisition/frames"));
    QVERIFY(frames.isValid());
    QCOMPARE(text(frames, ui::FileTreeModel::KindColumn), QStringLiteral("Dataset"));
    QCOMPARE(text(frames, ui::FileTreeModel::TypeColumn), QStringLiteral("uint16"));
    QCOMPARE(text(frames, ui::FileTreeModel::ShapeColumn), QStringLiteral("4 × 8 × 6"));

    const QModelIndex phase = tree.findObject(file, QStringLiteral("/maps/phase"));
    QCOMPARE(text(phase, ui::FileTreeModel::TypeColumn), QStringLiteral("float32"));
    QCOMPARE(text(phase, ui::FileTreeModel::ShapeColumn), QStringLiteral("16 × 16"));

    const QModelIndex scalar = tree.findObject(file, QStringLiteral("/scalar"));
    QCOMPARE(text(scalar, ui::FileTreeModel::TypeColumn), QStringLiteral("float64"));
    QCOMPARE(text(scalar, ui::FileTreeModel::ShapeColumn), QStringLiteral("scalar"));

    const QModelIndex group = tree.findObject(file, QStringLiteral("/maps"));
    QCOMPARE(text(group, ui::FileTreeModel::KindColumn), QStringLiteral("Group"));
    QCOMPARE(text(group, ui::FileTreeModel::ShapeColumn), QString());

    const QModelIndex soft = tree.findObject(file, QStringLiteral("/latest"));
    QCOMPARE(text(soft, ui::FileTreeModel::KindColumn), QStringLiteral("Soft link"));
    QCOMPARE(text(soft, ui::FileTreeModel::TypeColumn), QStringLiteral("→ /acquisition/frames"));

    const QModelIndex external = tree.findObject(file, QStringLiteral("/outside"));
    QCOMPARE(text(external, ui::FileTreeModel::KindColumn), QStringLiteral("External link"));
    QCOMPARE(text(external, ui::FileTreeModel::TypeColumn), QStringLiteral("→ other.h5::/x"));

    QVERIFY(!tree.findObject(file, QStringLiteral("/acquisition/nothing")).isValid());
}

void tst_MainWindow::modelPassesQtChecks()
{
    // The tester walks every row it can fetch, listing the whole file. It is attached after the files are
    // added because Qt 6.4's tester fetches from inside its rowsInserted handler and then reports its own
    // nested insertion as a change in flight.
    ui::FileTreeModel tree;
    tree.addFile(m_sample);
    tree.addFile(m_second);
    const QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(tree.findObject(tree.index(0, 0), QStringLiteral("/acquisition/frames")).isValid());
    tree.removeFile(0);
    QCOMPARE(tree.rowCount(), 1);
    QCOMPARE(tree.fileIndex(m_second), tree.index(0, 0));
    QVERIFY(!tree.fileIndex(m_sample).isValid());
}

void tst_MainWindow::opensSeveralFilesOnce()
{
    ui::MainWindow window;
    QVERIFY(window.openFile(m_sample));
    QVERIFY(window.openFile(m_second));
    QVERIFY(window.openFile(m_sample));
    const auto *tree = model(window);
    QCOMPARE(tree->rowCount(), 2);
    QCOMPARE(text(tree->index(0, 0), 0), QStringLiteral("sample.h5"));
    QCOMPARE(text(tree->index(1, 0), 0), QStringLiteral("second.h5"));
    // Opening an open file again selects it rather than adding a row.
    QCOMPARE(window.findChild<QTreeView *>(QStringLiteral("fileTree"))->currentIndex(), tree->index(0, 0));
}

void tst_MainWindow::detailsShowSelectedDataset()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(m_sample + QStringLiteral("::/acquisition/frames")));
    const auto *view = window.findChild<QTreeView *>(QStringLiteral("fileTree"));
    QCOMPARE(view->currentIndex().data(ui::FileTreeModel::ObjectPathRole).toString(),
             QStringLiteral("/acquisition/frames"));
    QVERIFY(view->isExpanded(view->currentIndex().parent()));

    const QString details = window.findChild<ui::DetailsView *>(QStringLiteral("details"))->toPlainText();
    for (const char *expected : {"/acquisition/frames", "Dataset", "uint16", "4 × 8 × 6", "Max shape", "1 × 8 × 6",
                                 "deflate (level 4)", "Stored size", "units", "\"counts\""})
        QVERIFY2(details.contains(QString::fromUtf8(expected)),
                 qPrintable(QString::fromUtf8(expected) + QStringLiteral(" in\n") + details));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("selectionPath"))->text(),
             QStringLiteral("sample.h5::/acquisition/frames"));
    QVERIFY(!window.findChild<ui::MessageBanner *>()->isVisible());

    // The root's attributes show when the file row is selected.
    ui::FileTreeModel *tree = model(window);
    window.findChild<QTreeView *>(QStringLiteral("fileTree"))->setCurrentIndex(tree->index(0, 0));
    const QString fileDetails = window.findChild<ui::DetailsView *>(QStringLiteral("details"))->toPlainText();
    QVERIFY2(fileDetails.contains(QStringLiteral("\"test sample\"")), qPrintable(fileDetails));
}

void tst_MainWindow::closeFileReturnsToEmptyState()
{
    ui::MainWindow window;
    QVERIFY(window.openFile(m_sample));
    QVERIFY(window.openFile(m_second));
    window.closeCurrentFile();
    QCOMPARE(model(window)->rowCount(), 1);
    window.findChild<QAction *>(QStringLiteral("closeFileAction"))->trigger();
    QCOMPARE(model(window)->rowCount(), 0);
    QCOMPARE(window.findChild<QStackedWidget *>(QStringLiteral("pages"))->currentWidget()->objectName(),
             QStringLiteral("emptyState"));
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("closeFileAction"))->isEnabled());
    QCOMPARE(window.windowTitle(), QStringLiteral("Macroscope"));
}

void tst_MainWindow::recentMenuListsAndClears()
{
    ui::MainWindow window;
    auto *menu = window.findChild<QMenu *>(QStringLiteral("openRecentMenu"));
    QVERIFY(!menu->isEnabled());
    QVERIFY(window.openFile(m_second));
    QVERIFY(window.openFile(m_sample));
    QVERIFY(menu->isEnabled());
    const auto actions = menu->actions();
    QCOMPARE(actions.size(), 4); // two files, a separator, Clear Menu
    QCOMPARE(actions[0]->data().toString(), QFileInfo(m_sample).absoluteFilePath());
    QCOMPARE(actions[1]->data().toString(), QFileInfo(m_second).absoluteFilePath());
    QVERIFY(actions[2]->isSeparator());
    QCOMPARE(actions[3]->text(), QStringLiteral("Clear Menu"));
    QCOMPARE(ui::RecentFiles().files().size(), 2);

    // The empty state lists them too, under a heading.
    const auto *recent = window.findChild<ui::EmptyState *>()->findChild<QWidget *>(QStringLiteral("recentFiles"));
    QVERIFY(!recent->isHidden());
    QCOMPARE(recent->findChildren<QLabel *>().size(), 1 + 2);

    actions[3]->trigger();
    QVERIFY(!menu->isEnabled());
    QVERIFY(recent->isHidden());
    QCOMPARE(menu->actions().size(), 2);
    QVERIFY(ui::RecentFiles().files().isEmpty());
}

void tst_MainWindow::recentFilesDedupeAndKeepTen()
{
    const QString ini = path(QStringLiteral("recent.ini"));
    ui::RecentFiles recent(std::make_unique<QSettings>(ini, QSettings::IniFormat));
    int changes = 0;
    connect(&recent, &ui::RecentFiles::changed, this, [&] { ++changes; });
    for (int i = 0; i < 12; ++i)
        recent.add(path(QStringLiteral("file%1.h5").arg(i)));
    QCOMPARE(changes, 12);
    QCOMPARE(recent.files().size(), ui::RecentFiles::MaxCount);
    QCOMPARE(recent.files().first(), path(QStringLiteral("file11.h5")));
    QCOMPARE(recent.files().last(), path(QStringLiteral("file2.h5")));

    // The same file by another spelling moves to the front instead of appearing twice.
    recent.add(m_dir.path() + QStringLiteral("/./file5.h5"));
    QCOMPARE(recent.files().size(), ui::RecentFiles::MaxCount);
    QCOMPARE(recent.files().first(), path(QStringLiteral("file5.h5")));
    QCOMPARE(recent.files().count(path(QStringLiteral("file5.h5"))), 1);

    // Stored, so another instance sees the list.
    const ui::RecentFiles other(std::make_unique<QSettings>(ini, QSettings::IniFormat));
    QCOMPARE(other.files(), recent.files());
    recent.clear();
    QVERIFY(other.files().isEmpty());
}

void tst_MainWindow::failedOpenShowsBanner_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing") << "missing.h5" << "no such file";
    QTest::newRow("not hdf5") << "notes.h5" << "not an HDF5 file";
    QTest::newRow("truncated") << "truncated.h5" << "truncated";
}

void tst_MainWindow::failedOpenShowsBanner()
{
    QFETCH(QString, name);
    QFETCH(QString, reason);
    const QString file = path(name);
    if (name == QStringLiteral("notes.h5")) {
        std::ofstream(fsPath(file)) << "plain text, not HDF5\n";
    } else if (name == QStringLiteral("truncated.h5")) {
        const QString full = path(QStringLiteral("full.h5"));
        {
            const auto h5file = h5::File::create(fsPath(full), true);
            h5file.root().createDataset<double>("values", {100000}).write<double>(std::vector<double>(100000, 1.0));
        }
        QFile::remove(file);
        QVERIFY(QFile::copy(full, file));
        std::filesystem::resize_file(fsPath(file), std::filesystem::file_size(fsPath(full)) / 2);
    }

    ui::MainWindow window;
    window.show();
    QVERIFY(!window.openFile(file));
    auto *banner = window.findChild<ui::MessageBanner *>();
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(name), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(reason), qPrintable(banner->text()));
    QCOMPARE(model(window)->rowCount(), 0);
    QCOMPARE(window.findChild<QStackedWidget *>(QStringLiteral("pages"))->currentWidget()->objectName(),
             QStringLiteral("emptyState"));
    QVERIFY(ui::RecentFiles().files().isEmpty());
    QVERIFY(!window.findChild<QMenu *>(QStringLiteral("openRecentMenu"))->isEnabled());

    // The window stays usable: a good file opens and the banner can be dismissed.
    QVERIFY(window.openFile(m_sample));
    QVERIFY(banner->isVisible());
    QTest::mouseClick(banner->findChild<QWidget *>(QStringLiteral("dismissMessage")), Qt::LeftButton);
    QVERIFY(!banner->isVisible());
}

void tst_MainWindow::unlistableGroupShowsErrorRow()
{
    // Enough links to move the group's link table out of its object header into dense storage, whose
    // B-tree headers ("BTHD", checksummed) are then damaged: the file opens, the group cannot be listed.
    // (Damage to the fractal heap instead crashes HDF5 1.10.8 inside H5Literate when it iterates by
    // creation order: no layer above the library can turn that into an error row.)
    const QString file = path(QStringLiteral("damaged.h5"));
    {
        const auto h5file = h5::File::create(fsPath(file), true);
        for (int i = 0; i < 40; ++i)
            h5file.root().createGroup("big/member" + std::to_string(i));
    }
    std::string bytes;
    {
        std::ifstream in(fsPath(file), std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    int damaged = 0;
    for (auto at = bytes.find("BTHD"); at != std::string::npos; at = bytes.find("BTHD", at + 4), ++damaged)
        bytes[at + 10] = static_cast<char>(~bytes[at + 10]);
    QVERIFY2(damaged > 0, "the group's links should be indexed by a v2 B-tree");
    std::ofstream(fsPath(file), std::ios::binary | std::ios::trunc) << bytes;

    ui::FileTreeModel tree;
    const QModelIndex root = tree.addFile(file);
    const QModelIndex big = tree.findObject(root, QStringLiteral("/big"));
    QVERIFY(big.isValid());
    QVERIFY(tree.canFetchMore(big));
    tree.fetchMore(big);
    QCOMPARE(tree.rowCount(big), 1);
    const QModelIndex error = tree.index(0, 0, big);
    QVERIFY2(text(error, 0).startsWith(QStringLiteral("⚠ cannot list: ")), qPrintable(text(error, 0)));
    QVERIFY2(text(error, 0).contains(QStringLiteral("damaged.h5")), qPrintable(text(error, 0)));
    QCOMPARE(tree.kind(error), ui::FileTreeModel::ItemKind::Error);
    QVERIFY(!tree.hasChildren(error));
    QVERIFY(!tree.canFetchMore(error));
}

void tst_MainWindow::droppedFilesOpen()
{
    ui::MainWindow window;
    window.show();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(m_sample), QUrl::fromLocalFile(m_second)});
    QDragEnterEvent enter(QPoint(600, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(600, 400), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&window, &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(model(window)->rowCount(), 2);

    QMimeData text;
    text.setText(QStringLiteral("not a file"));
    QDragEnterEvent refused(QPoint(600, 400), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    refused.setAccepted(false);
    QCoreApplication::sendEvent(&window, &refused);
    QVERIFY(!refused.isAccepted());
}

void tst_MainWindow::aboutListsLibraryVersions()
{
    const ui::AboutDialog about;
    const QStringList lines = about.versionLines();
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines[0].startsWith(QStringLiteral("Qt 6")), qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(QStringLiteral("HDF5 1.")), qPrintable(lines[1]));
    QVERIFY2(lines[2].startsWith(QStringLiteral("OpenCV 4")), qPrintable(lines[2]));
    QVERIFY2(lines[3].startsWith(QStringLiteral("OpenSSL ")), qPrintable(lines[3]));
    QVERIFY2(!lines[3].contains(QStringLiteral("OpenSSL OpenSSL")), qPrintable(lines[3]));
    const auto *version = about.findChild<QLabel *>(QStringLiteral("productVersion"));
    QVERIFY(version->text().contains(QString::fromStdString(core::version())));
}

void tst_MainWindow::screenshotRendersWindow()
{
    const QString out = path(QStringLiteral("shot.png"));
    QProcess gui;
    gui.setProcessEnvironment(guiEnvironment(path(QStringLiteral("config"))));
    gui.start(QStringLiteral(MACROSCOPE_GUI_EXECUTABLE),
              {QStringLiteral("--screenshot"), out, m_sample + QStringLiteral("::/acquisition/frames")});
    QVERIFY(gui.waitForFinished(120000));
    QVERIFY2(gui.exitStatus() == QProcess::NormalExit && gui.exitCode() == 0, gui.readAllStandardError().constData());

    const QImage image(out);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() > 400 && image.height() > 300);
    const QRgb first = image.pixel(0, 0);
    bool varied = false;
    for (int y = 0; y < image.height() && !varied; y += 7)
        for (int x = 0; x < image.width() && !varied; x += 7)
            varied = image.pixel(x, y) != first;
    QVERIFY2(varied, "the screenshot is a single colour");
}

void tst_MainWindow::screenshotFailureExitsWithOne()
{
    QProcess gui;
    gui.setProcessEnvironment(guiEnvironment(path(QStringLiteral("config"))));
    gui.start(QStringLiteral(MACROSCOPE_GUI_EXECUTABLE),
              {QStringLiteral("--screenshot"), path(QStringLiteral("no/such/folder/shot.png"))});
    QVERIFY(gui.waitForFinished(120000));
    QCOMPARE(gui.exitCode(), 1);
    QVERIFY(gui.readAllStandardError().contains("cannot write screenshot"));
}

void tst_MainWindow::versionOption()
{
    QProcess gui;
    // --version needs no display: without a platform plugin override it must still work.
    auto environment = guiEnvironment(path(QStringLiteral("config")));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    gui.setProcessEnvironment(environment);
    gui.start(QStringLiteral(MACROSCOPE_GUI_EXECUTABLE), {QStringLiteral("--version")});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(gui.readAllStandardOutput()),
             QStringLiteral("macroscope %1\n").arg(QString::fromStdString(core::version())));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
