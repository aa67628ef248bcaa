// The HDF5 browser in the main window, driven as a user drives it: files of every kind written by h5py,
// anndata and our own recorder; the view chosen for each dataset and switching it; search; NeXus defaults;
// links followed only on request; reload, close, copy path; export; damaged files; a recording followed
// live while macroscope-cli writes it. Each view is also saved as a PNG (in the test's scratch folder and,
// for people to look at, in $MACROSCOPE_SCREENSHOT_DIR when set).
#include "ui/browser/dataviewer.h"
#include "ui/browser/filetreemodel.h"
#include "ui/browser/sliceloader.h"
#include "ui/browser/views/dataview.h"
#include "ui/browser/views/imageview.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/messagebanner.h"
#include "ui/shell/recentfiles.h"

#include "tests/support/browsersamples.h"

#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThreadPool>
#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtGui/QImage>
#include <QtTest/QTest>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QTreeView>

class tst_Browser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void opensFilesOfEveryKind_data();
    void opensFilesOfEveryKind();
    void choosesViewFromData_data();
    void choosesViewFromData();
    void switchedViewIsKeptForDataset();
    void nexusDefaultIsShown();
    void searchFindsNamesAndWildcards();
    void damagedFilesAreReported_data();
    void damagedFilesAreReported();
    void externalLinksFollowedOnlyOnRequest();
    void softLinkShowsTarget();
    void reloadKeepsSelection();
    void keysCopyPathAndCloseFile();
    void exportsViewAndSlice();
    void followsRecordingBeingWritten();

private:
    QString sample(const QString &name) const { return m_samples.path(name); }
    QString scratch(const QString &name) const { return m_scratch.filePath(name); }
    static ui::FileTreeModel *model(ui::MainWindow &window);
    static QTreeView *tree(ui::MainWindow &window);
    static QString currentPath(ui::MainWindow &window);
    // Waits until the viewer's reads are done and the event loop has delivered them.
    static void settle(ui::MainWindow &window);
    void saveShot(QWidget &widget, const QString &name) const;

    BrowserSamples m_samples;
    QTemporaryDir m_scratch;
    QString m_recording;
};

void tst_Browser::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_scratch.isValid());
    QVERIFY(QDir(m_scratch.path()).mkpath(QStringLiteral("home")));
    qputenv("HOME", scratch(QStringLiteral("home")).toUtf8());

    m_samples.generate();
    QVERIFY2(m_samples.ok || !m_samples.available, qPrintable(m_samples.error));

    m_recording = scratch(QStringLiteral("recording.h5"));
    QProcess cli;
    cli.start(QStringLiteral(MACROSCOPE_CLI_EXECUTABLE),
              {QStringLiteral("record"), QStringLiteral("--out"), m_recording, QStringLiteral("--frames"),
               QStringLiteral("24"), QStringLiteral("--fps"), QStringLiteral("60"), QStringLiteral("--size"),
               QStringLiteral("96x64")});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
}

void tst_Browser::init()
{
    ui::RecentFiles().clear();
    if (!m_samples.ok && QString(QTest::currentTestFunction()) != QStringLiteral("followsRecordingBeingWritten"))
        QSKIP(qPrintable(m_samples.error));
}

ui::FileTreeModel *tst_Browser::model(ui::MainWindow &window)
{
    return qobject_cast<ui::FileTreeModel *>(tree(window)->model());
}

QTreeView *tst_Browser::tree(ui::MainWindow &window)
{
    return window.findChild<QTreeView *>(QStringLiteral("fileTree"));
}

QString tst_Browser::currentPath(ui::MainWindow &window)
{
    return tree(window)->currentIndex().data(ui::FileTreeModel::ObjectPathRole).toString();
}

void tst_Browser::settle(ui::MainWindow &window)
{
    // Reads, then what views compute from them on workers (pictures, long curves), then their delivery.
    for (int round = 0; round < 2; ++round) {
        QTRY_VERIFY_WITH_TIMEOUT(!window.viewer()->loader().isBusy(), 20000);
        QThreadPool::globalInstance()->waitForDone(20000);
        QTest::qWait(50);
    }
}

void tst_Browser::saveShot(QWidget &widget, const QString &name) const
{
    const QImage shot = widget.grab().toImage();
    QVERIFY(shot.save(scratch(name + QStringLiteral(".png"))));
    if (const QString dir = qEnvironmentVariable("MACROSCOPE_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(shot.save(QDir(dir).filePath(name + QStringLiteral(".png"))));
    }
}

void tst_Browser::opensFilesOfEveryKind_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("view");
    QTest::newRow("h5py types") << QStringLiteral("types.h5") << QStringLiteral("/images/stack")
                                << QStringLiteral("image");
    QTest::newRow("NeXus") << QStringLiteral("nexus.nxs") << QStringLiteral("/entry/image/frames")
                           << QStringLiteral("image");
    QTest::newRow("AnnData obs") << QStringLiteral("sample.h5ad") << QStringLiteral("/obsm/X_pca")
                                 << QStringLiteral("image");
    QTest::newRow("our recording") << QStringLiteral("recording") << QStringLiteral("/acquisition/frames")
                                   << QStringLiteral("image");
}

void tst_Browser::opensFilesOfEveryKind()
{
    QFETCH(QString, file);
    QFETCH(QString, object);
    QFETCH(QString, view);
    const QString path = file == QStringLiteral("recording") ? m_recording : sample(file);
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(path + QStringLiteral("::") + object));
    QCOMPARE(currentPath(window), object);
    QTRY_COMPARE(window.viewer()->currentViewId(), view);
    settle(window);
    QVERIFY2(window.viewer()->problemText().isEmpty(), qPrintable(window.viewer()->problemText()));
    QVERIFY(window.viewer()->currentView()->shownSlice().has_value());
    saveShot(window, QStringLiteral("window-") + QString(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
}

void tst_Browser::choosesViewFromData_data()
{
    QTest::addColumn<QString>("object");
    QTest::addColumn<QString>("view");
    QTest::newRow("3-D uint16 stack") << QStringLiteral("/images/stack") << QStringLiteral("image");
    QTest::newRow("2-D image with NaN") << QStringLiteral("/images/with_nans") << QStringLiteral("image");
    QTest::newRow("phase map") << QStringLiteral("/images/phase") << QStringLiteral("image");
    QTest::newRow("1-D signal") << QStringLiteral("/signals/chirp") << QStringLiteral("plot");
    QTest::newRow("compound table") << QStringLiteral("/table") << QStringLiteral("table");
    QTest::newRow("nested compound") << QStringLiteral("/compound") << QStringLiteral("table");
    QTest::newRow("enum") << QStringLiteral("/enum") << QStringLiteral("plot");
    QTest::newRow("vlen sequences") << QStringLiteral("/vlen_int") << QStringLiteral("table");
    QTest::newRow("JSON string") << QStringLiteral("/json_text") << QStringLiteral("text");
    QTest::newRow("vlen strings") << QStringLiteral("/strings/vlen_str") << QStringLiteral("text");
    QTest::newRow("fixed strings") << QStringLiteral("/strings/fixed_ascii") << QStringLiteral("text");
    QTest::newRow("virtual dataset") << QStringLiteral("/virtual") << QStringLiteral("image");
}

void tst_Browser::choosesViewFromData()
{
    QFETCH(QString, object);
    QFETCH(QString, view);
    ui::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(window.openFile(sample(QStringLiteral("types.h5::")) + object));
    QTRY_COMPARE(window.viewer()->currentViewId(), view);
    settle(window);
    QVERIFY2(window.viewer()->problemText().isEmpty(), qPrintable(window.viewer()->problemText()));
    saveShot(window, QStringLiteral("view-") + view + QLatin1Char('-')
                         + QString(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')));
}

void tst_Browser::switchedViewIsKeptForDataset()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(sample(QStringLiteral("types.h5::/images/stack"))));
    QTRY_COMPARE(window.viewer()->currentViewId(), QStringLiteral("image"));
    const QStringList views = window.viewer()->availableViewIds();
    QVERIFY2(views.contains(QStringLiteral("table")), qPrintable(views.join(QLatin1Char(','))));
    QVERIFY(!window.viewer()->setView(QStringLiteral("no-such-view")));
    QVERIFY(window.viewer()->setView(QStringLiteral("table")));
    QCOMPARE(window.viewer()->currentViewId(), QStringLiteral("table"));
    settle(window);

    QVERIFY(window.selectObject(sample(QStringLiteral("types.h5")), QStringLiteral("/signals/chirp")));
    QTRY_COMPARE(window.viewer()->currentViewId(), QStringLiteral("plot"));
    QVERIFY(window.selectObject(sample(QStringLiteral("types.h5")), QStringLiteral("/images/stack")));
    QTRY_COMPARE(window.viewer()->currentViewId(), QStringLiteral("table"));
}

void tst_Browser::nexusDefaultIsShown()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(sample(QStringLiteral("nexus.nxs"))));
    // The file's row is selected: its @default chain leads to /entry/image, whose @signal is shown.
    QCOMPARE(currentPath(window), QStringLiteral("/"));
    QTRY_COMPARE(window.viewer()->source().objectPath, QStringLiteral("/entry/image/frames"));
    QCOMPARE(window.viewer()->currentViewId(), QStringLiteral("image"));
    QCOMPARE(window.viewer()->source().interpretation, QStringLiteral("image"));
    QCOMPARE(window.viewer()->source().axes.size(), 3);
    QCOMPARE(window.viewer()->source().axes.value(2), QStringLiteral("/entry/image/x"));
    settle(window);
    saveShot(window, QStringLiteral("window-nexus-default"));
}

void tst_Browser::searchFindsNamesAndWildcards()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(sample(QStringLiteral("types.h5"))));
    QVERIFY(window.openFile(sample(QStringLiteral("nexus.nxs"))));
    auto *field = window.findChild<QLineEdit *>(QStringLiteral("searchField"));
    auto *hits = window.findChild<QListWidget *>(QStringLiteral("searchHits"));
    auto *status = window.findChild<QLabel *>(QStringLiteral("searchStatus"));
    QVERIFY(field && hits && status);
    QVERIFY(!hits->isVisible());

    const auto hitPaths = [hits] {
        QStringList paths;
        for (int row = 0; row < hits->count(); ++row)
            paths << hits->item(row)->data(Qt::UserRole + 1).toString();
        return paths;
    };
    // Substring, any case, in both files.
    field->setText(QStringLiteral("CHIRP"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("found among")));
    QCOMPARE(hitPaths(), QStringList{QStringLiteral("/signals/chirp")});

    field->setText(QStringLiteral("*stack*"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("found among")));
    QVERIFY2(hitPaths().contains(QStringLiteral("/images/stack")), qPrintable(hitPaths().join(QLatin1Char(','))));
    QVERIFY(hitPaths().contains(QStringLiteral("/images/stack_lzf")));

    // A path pattern; nothing matches in the NeXus file.
    field->setText(QStringLiteral("/images/*"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("found among")));
    QVERIFY(!hitPaths().isEmpty());
    for (const QString &path : hitPaths())
        QVERIFY2(path.startsWith(QStringLiteral("/images/")), qPrintable(path));

    field->setText(QStringLiteral("x"));
    QTRY_VERIFY(status->text().contains(QStringLiteral("found among")));
    QVERIFY(hitPaths().contains(QStringLiteral("/entry/image/x")));

    // Choosing a hit selects it in the tree, in its own file.
    const QList<QListWidgetItem *> chirp = hits->findItems(QStringLiteral("/entry/image/x"), Qt::MatchStartsWith);
    QCOMPARE(chirp.size(), 1);
    hits->setCurrentItem(chirp.first());
    QCOMPARE(currentPath(window), QStringLiteral("/entry/image/x"));
    QVERIFY(tree(window)->currentIndex().data(ui::FileTreeModel::FilePathRole).toString().endsWith(QStringLiteral("nexus.nxs")));

    field->clear();
    QTRY_VERIFY(!hits->isVisible());
}

void tst_Browser::damagedFilesAreReported_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("truncated") << QStringLiteral("truncated.h5");
    QTest::newRow("not HDF5") << QStringLiteral("not_hdf5.h5");
    QTest::newRow("missing") << QStringLiteral("missing.h5");
}

void tst_Browser::damagedFilesAreReported()
{
    QFETCH(QString, file);
    ui::MainWindow window;
    window.show();
    QVERIFY(!window.openFile(sample(file)));
    auto *banner = window.findChild<ui::MessageBanner *>();
    QVERIFY(banner && banner->isVisible());
    QVERIFY2(banner->text().contains(file), qPrintable(banner->text()));
    QCOMPARE(model(window)->fileCount(), 0);
    // The window goes on working.
    QVERIFY(window.openFile(sample(QStringLiteral("types.h5::/signals/chirp"))));
    QTRY_COMPARE(window.viewer()->currentViewId(), QStringLiteral("plot"));
}

void tst_Browser::externalLinksFollowedOnlyOnRequest()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(sample(QStringLiteral("types.h5::/links/external"))));
    QCOMPARE(model(window)->fileCount(), 1);
    QVERIFY(!window.viewer()->currentView());
    window.openCurrentLinkTarget();
    QCOMPARE(model(window)->fileCount(), 2);
    QCOMPARE(currentPath(window), QStringLiteral("/data"));
    QVERIFY(tree(window)->currentIndex().data(ui::FileTreeModel::FilePathRole).toString().endsWith(QStringLiteral("types_ext.h5")));
    QTRY_COMPARE(window.viewer()->currentViewId(), QStringLiteral("plot"));
}

void tst_Browser::softLinkShowsTarget()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(sample(QStringLiteral("types.h5::/links/soft"))));
    QTRY_COMPARE(window.viewer()->currentViewId(), QStringLiteral("image"));
    window.openCurrentLinkTarget();
    QCOMPARE(currentPath(window), QStringLiteral("/images/stack"));

    QVERIFY(window.selectObject(sample(QStringLiteral("types.h5")), QStringLiteral("/links/dangling")));
    QVERIFY(!window.viewer()->currentView());
    window.openCurrentLinkTarget();
    auto *banner = window.findChild<ui::MessageBanner *>();
    QVERIFY2(banner->text().contains(QStringLiteral("/nowhere")), qPrintable(banner->text()));
}

void tst_Browser::reloadKeepsSelection()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(sample(QStringLiteral("types.h5::/signals/chirp"))));
    QTRY_COMPARE(window.viewer()->currentViewId(), QStringLiteral("plot"));
    settle(window);
    QTest::keyClick(tree(window), Qt::Key_F5);
    QCOMPARE(currentPath(window), QStringLiteral("/signals/chirp"));
    QTRY_COMPARE(window.viewer()->currentViewId(), QStringLiteral("plot"));
    QCOMPARE(model(window)->fileCount(), 1);
}

void tst_Browser::keysCopyPathAndCloseFile()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(sample(QStringLiteral("types.h5::/images/phase"))));
    QVERIFY(window.openFile(sample(QStringLiteral("nexus.nxs"))));
    QVERIFY(window.selectObject(sample(QStringLiteral("types.h5")), QStringLiteral("/images/phase")));
    tree(window)->setFocus();
    QTest::keyClick(tree(window), Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QGuiApplication::clipboard()->text(), sample(QStringLiteral("types.h5::/images/phase")));

    QTest::keyClick(tree(window), Qt::Key_Delete);
    QCOMPARE(model(window)->fileCount(), 1);
    QVERIFY(!model(window)->fileIndex(sample(QStringLiteral("types.h5"))).isValid());
    // The closed file's dataset is no longer shown.
    QVERIFY(!window.viewer()->source().filePath.endsWith(QStringLiteral("types.h5")));
}

void tst_Browser::exportsViewAndSlice()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openFile(sample(QStringLiteral("types.h5::/images/stack"))));
    QTRY_COMPARE(window.viewer()->currentViewId(), QStringLiteral("image"));
    settle(window);
    const auto slice = window.viewer()->currentView()->shownSlice();
    QVERIFY(slice);
    QCOMPARE(slice->count, (h5::Shape{1, 256, 256}));

    for (const QString &name : {QStringLiteral("frame.png"), QStringLiteral("frame.svg"), QStringLiteral("frame.csv"),
                                QStringLiteral("frame.npy")}) {
        window.viewer()->exportTo(scratch(name));
        QVERIFY2(QFileInfo(scratch(name)).size() > 0, qPrintable(name));
    }
    QVERIFY(!QImage(scratch(QStringLiteral("frame.png"))).isNull());
    QVERIFY_THROWS_EXCEPTION(std::exception, window.viewer()->exportTo(scratch(QStringLiteral("frame.xyz"))));

    // NumPy reads back the frame on screen, as stored.
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import sys, numpy, h5py\n"
                                 "a = numpy.load(sys.argv[1])\n"
                                 "b = h5py.File(sys.argv[2], 'r')['/images/stack'][%1]\n"
                                 "assert a.dtype == b.dtype, (a.dtype, b.dtype)\n"
                                 "assert (a == b).all()\n")
                      .arg(slice->offset[0]),
                  scratch(QStringLiteral("frame.npy")), sample(QStringLiteral("types.h5"))});
    QVERIFY(python.waitForFinished(30000));
    QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
}

void tst_Browser::followsRecordingBeingWritten()
{
    // macroscope-cli record writes a SWMR file: the browser opens it while it grows and shows new frames.
    const QString live = scratch(QStringLiteral("live.h5"));
    QProcess cli;
    cli.start(QStringLiteral(MACROSCOPE_CLI_EXECUTABLE),
              {QStringLiteral("record"), QStringLiteral("--out"), live, QStringLiteral("--seconds"),
               QStringLiteral("12"), QStringLiteral("--fps"), QStringLiteral("20"), QStringLiteral("--size"),
               QStringLiteral("64x48")});
    QVERIFY(cli.waitForStarted());
    const QString partial = live + QStringLiteral(".partial");
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(partial), 20000);

    ui::MainWindow window;
    window.show();
    bool opened = false;
    // The writer creates the file's layout before it starts SWMR: until then it cannot be read.
    QTRY_VERIFY_WITH_TIMEOUT((opened = window.openFile(partial + QStringLiteral("::/acquisition/frames"))), 20000);
    QVERIFY(model(window)->isLive(tree(window)->currentIndex()));
    QTRY_COMPARE(window.viewer()->currentViewId(), QStringLiteral("image"));
    // Watching the newest frame follows the frames as they arrive.
    auto *image = qobject_cast<ui::ImageView *>(window.viewer()->currentView());
    QVERIFY(image);
    QTRY_VERIFY_WITH_TIMEOUT(image->frameCount() > 1, 15000);
    image->setFrame(image->frameCount() - 1);
    const std::uint64_t first = window.viewer()->source().shape.at(0);
    QTRY_VERIFY_WITH_TIMEOUT(window.viewer()->source().shape.at(0) > first + 20, 15000);
    QCOMPARE(image->frame() + 1, image->frameCount());
    QCOMPARE(image->frameCount(), window.viewer()->source().shape.at(0));
    settle(window);
    saveShot(window, QStringLiteral("window-live-recording"));
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
}

QTEST_MAIN(tst_Browser)
#include "tst_browser.moc"
