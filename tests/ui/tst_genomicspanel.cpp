#include "ui/genomics/embeddingpoints.h"
#include "ui/genomics/embeddingspanel.h"
#include "ui/genomics/genomicspanel.h"
#include "ui/genomics/scatterview.h"
#include "ui/genomics/tracklane.h"
#include "ui/genomics/trackspanel.h"
#include "ui/shell/messagebanner.h"

#include "core/genomics/genomeregion.h"
#include "core/genomics/genomicstore.h"
#include "core/genomics/storebuilder.h"
#include "tests/support/syntheticgenome.h"

#include <QtCore/QFile>
#include <QtCore/QLocale>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtGui/QImage>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QLabel>

#include <cmath>

// The genomics window as a user meets it: a store opened into both panels, a selected bin taken to the
// tracks, a file in jointly-hic's layout, a file that is no store, and the scripted screenshot.
class tst_GenomicsPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void opensStoreInBothPanels();
    void selectedBinJumpsToTracks();
    void regionGivenBeforeTheStoreIsOpenApplies();
    void jointlyHicFileOpensInBothPanels();
    void fileThatIsNoStoreGoesToTheBanner();
    void failedOpenKeepsTheStoreShownAndDropsItsRegion();
    void secondFileOpenedWhileTheFirstIsReadWins();
    void screenshotOption();

private:
    static void open(ui::GenomicsPanel &panel, const QString &path);
    // A file that is no HDF5 at all; false when it could not be written.
    static bool writeText(const QString &file, const QByteArray &text);
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    QString m_store;
    genomics::StoreContents m_contents;
};

void tst_GenomicsPanel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    SyntheticGenomeOptions options;
    options.binCount = 3000;
    options.experiments = 2;
    options.tracks = 3;
    m_contents = syntheticGenome(options);
    m_store = path(QStringLiteral("synthetic.h5"));
    genomics::writeGenomicStore(m_store.toStdString(), m_contents);
}

void tst_GenomicsPanel::open(ui::GenomicsPanel &panel, const QString &file)
{
    QSignalSpy settled(&panel, &ui::GenomicsPanel::settled);
    panel.openFile(file);
    QVERIFY(panel.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 30000);
    QVERIFY(!settled.isEmpty());
}

bool tst_GenomicsPanel::writeText(const QString &file, const QByteArray &text)
{
    QFile out(file);
    return out.open(QIODevice::WriteOnly) && out.write(text) == text.size();
}

void tst_GenomicsPanel::opensStoreInBothPanels()
{
    ui::GenomicsPanel panel;
    panel.resize(1600, 900);
    panel.show();
    open(panel, m_store);
    QVERIFY2(panel.banner()->text().isEmpty(), qPrintable(panel.banner()->text()));
    QVERIFY(panel.findChild<QLabel *>(QStringLiteral("storeFileLabel"))
                ->text()
                .contains(QLocale().toString(3000) + QStringLiteral(" bins, 2 experiments")));

    // The scatter: UMAP of every experiment, one point per (bin, experiment) with both values.
    const auto shown = panel.embeddings()->shown();
    QVERIFY(shown);
    QCOMPARE(shown->choice.x, QStringLiteral("umap1"));
    QCOMPARE(shown->choice.y, QStringLiteral("umap2"));
    const auto &names = m_contents.embeddings.components;
    const auto column = [&](const char *name) {
        return m_contents.embeddings.values[std::size_t(std::find(names.begin(), names.end(), name) - names.begin())];
    };
    const std::vector<double> umap1 = column("umap1"), umap2 = column("umap2");
    std::size_t finite = 0;
    for (std::size_t i = 0; i < umap1.size(); ++i)
        finite += !std::isnan(umap1[i]) && !std::isnan(umap2[i]);
    QCOMPARE(shown->finitePoints, finite);
    QCOMPARE(panel.embeddings()->scatterView()->raster().shownPoints, finite);

    // The tracks: every track in its lane, drawn from its pyramid over the whole genome.
    QCOMPARE(panel.tracks()->laneCount(), 3);
    const genomics::GenomeAxis axis(m_contents.bins);
    QCOMPARE(panel.tracks()->range(), (genomics::GenomeRange{0, axis.length()}));
    panel.tracks()->lane(0)->grab();
    QVERIFY(panel.tracks()->lane(0)->lastPaint().cells > 0);
}

void tst_GenomicsPanel::selectedBinJumpsToTracks()
{
    ui::GenomicsPanel panel;
    panel.resize(1600, 900);
    panel.show();
    open(panel, m_store);
    ui::ScatterView *view = panel.embeddings()->scatterView();
    view->selectRect(view->fullView());
    QVERIFY(!view->selectedPoints().empty());

    QSignalSpy activated(panel.embeddings(), &ui::EmbeddingsPanel::binActivated);
    panel.embeddings()->showCurrentBinInTracks();
    QCOMPARE(activated.size(), 1);
    const auto bin = activated.front().front().value<std::size_t>();
    QCOMPARE(bin, panel.embeddings()->shown()->binOf(view->selectedPoints().front()));

    // The tracks now show that bin in the middle of its neighbours, highlighted.
    const genomics::GenomeAxis axis(m_contents.bins);
    const genomics::GenomeRange binRange = axis.binRange(bin);
    const genomics::GenomeRange shown = panel.tracks()->range();
    QVERIFY(shown.start <= binRange.start && binRange.end <= shown.end);
    QVERIFY(shown.end - shown.start < axis.length() / 10);
}

void tst_GenomicsPanel::regionGivenBeforeTheStoreIsOpenApplies()
{
    ui::GenomicsPanel panel;
    panel.resize(1600, 900);
    panel.openFile(m_store);
    panel.showRegion(QStringLiteral("chr2:1,000,001-2,000,000"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 30000);
    const genomics::GenomeAxis axis(m_contents.bins);
    const std::size_t chr2 = *m_contents.bins.chromosomeIndex("chr2");
    QCOMPARE(panel.tracks()->range(), (genomics::GenomeRange{axis.offset(chr2) + 1'000'000, axis.offset(chr2) + 2'000'000}));
}

void tst_GenomicsPanel::jointlyHicFileOpensInBothPanels()
{
    const QString file = path(QStringLiteral("jointly.h5"));
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(MACROSCOPE_SOURCE_DIR "/tests/data/make_jointly_hic_sample.py"), file});
    if (!python.waitForFinished(60000) || python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
        QSKIP(qPrintable(QStringLiteral("python3 with h5py and numpy is needed to write jointly-hic's layout: %1")
                             .arg(QString::fromUtf8(python.readAllStandardError()))));

    ui::GenomicsPanel panel;
    panel.resize(1600, 900);
    panel.show();
    open(panel, file);
    QVERIFY2(panel.banner()->text().isEmpty(), qPrintable(panel.banner()->text()));
    QVERIFY(panel.embeddings()->banner()->text().isEmpty());

    // The script's store: 12 bins, 3 experiments; umap1_n500 and umap2_n500 are NaN where (b + e) % 7 == 3.
    const auto shown = panel.embeddings()->shown();
    QVERIFY(shown);
    QCOMPARE(shown->choice.x, QStringLiteral("umap1_n500"));
    QCOMPARE(shown->choice.y, QStringLiteral("umap2_n500"));
    std::size_t expected = 0;
    for (std::size_t b = 0; b < 12; ++b)
        for (std::size_t e = 0; e < 3; ++e)
            expected += (b + e) % 7 != 3;
    QCOMPARE(shown->finitePoints, expected);
    // Coloured by its Leiden clusters (leiden1 = b % 2): two categories, and "no value" for the NaNs.
    QCOMPARE(shown->choice.colourBy, QStringLiteral("embedding:leiden1"));

    // Its four tracks (track_metadata groups), with pyramids computed on reading.
    QCOMPARE(panel.tracks()->laneCount(), 4);
    QVERIFY(panel.tracks()->showRegion(QStringLiteral("chr2")));
    for (int lane = 0; lane < 4; ++lane) {
        panel.tracks()->lane(lane)->grab();
        QCOMPARE(panel.tracks()->lane(lane)->lastPaint().cells, std::size_t(4));
    }
}

void tst_GenomicsPanel::fileThatIsNoStoreGoesToTheBanner()
{
    const QString file = path(QStringLiteral("notes.h5"));
    QVERIFY(writeText(file, "these are notes, not HDF5\n"));

    ui::GenomicsPanel panel;
    open(panel, file);
    QVERIFY(panel.banner()->text().contains(QStringLiteral("notes.h5")));
    QVERIFY(!panel.embeddings()->shown());
    QCOMPARE(panel.tracks()->laneCount(), 0);
}

void tst_GenomicsPanel::failedOpenKeepsTheStoreShownAndDropsItsRegion()
{
    const QString notes = path(QStringLiteral("notes2.h5"));
    QVERIFY(writeText(notes, "not HDF5 either\n"));

    ui::GenomicsPanel panel;
    panel.resize(1600, 900);
    open(panel, m_store);
    const auto shown = panel.embeddings()->shown();
    auto *label = panel.findChild<QLabel *>(QStringLiteral("storeFileLabel"));
    const QString described = label->text();
    QVERIFY(described.contains(QStringLiteral("synthetic.h5")));

    // A region asked for with a file that does not open: the banner says why, the store shown stays, and
    // so does its label.
    panel.openFile(notes);
    panel.showRegion(QStringLiteral("chr2:1,000,001-2,000,000"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 30000);
    QVERIFY(panel.banner()->text().contains(QStringLiteral("notes2.h5")));
    QCOMPARE(label->text(), described);
    QCOMPARE(panel.embeddings()->shown(), shown);

    // The region was for that file: the next store opens on the whole genome.
    open(panel, m_store);
    const genomics::GenomeAxis axis(m_contents.bins);
    QCOMPARE(panel.tracks()->range(), (genomics::GenomeRange{0, axis.length()}));
}

void tst_GenomicsPanel::secondFileOpenedWhileTheFirstIsReadWins()
{
    SyntheticGenomeOptions options;
    options.binCount = 1200;
    options.experiments = 1;
    options.tracks = 2;
    const genomics::StoreContents other = syntheticGenome(options);
    const QString second = path(QStringLiteral("second.h5"));
    genomics::writeGenomicStore(second.toStdString(), other);

    // The second file asked for before the first is open, or while its panels read it: the second is what
    // both panels show once idle.
    for (const bool waitForFirst : {false, true}) {
        ui::GenomicsPanel panel;
        panel.resize(1600, 900);
        panel.openFile(m_store);
        if (waitForFirst)
            QTRY_VERIFY_WITH_TIMEOUT(panel.embeddings()->isBusy() || !panel.isBusy(), 30000);
        panel.openFile(second);
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 30000);
        QVERIFY2(panel.banner()->text().isEmpty(), qPrintable(panel.banner()->text()));
        QCOMPARE(panel.embeddings()->shown()->store->path(), std::filesystem::path(second.toStdString()));
        QCOMPARE(panel.embeddings()->shown()->points.size(), other.bins.size());
        QCOMPARE(panel.tracks()->laneCount(), 2);
        const genomics::GenomeAxis axis(other.bins);
        QCOMPARE(panel.tracks()->range(), (genomics::GenomeRange{0, axis.length()}));
        panel.tracks()->lane(1)->grab();
        QVERIFY(panel.tracks()->lane(1)->lastPaint().cells > 0);
    }
}

void tst_GenomicsPanel::screenshotOption()
{
    const QString out = path(QStringLiteral("genomics.png"));
    QProcess gui;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    gui.setProcessEnvironment(environment);
    gui.start(QStringLiteral(MACROSCOPE_GUI_EXECUTABLE),
              {QStringLiteral("--genomics"), m_store, QStringLiteral("--region"), QStringLiteral("chr1"),
               QStringLiteral("--screenshot"), out});
    QVERIFY(gui.waitForFinished(120000));
    QVERIFY2(gui.exitStatus() == QProcess::NormalExit && gui.exitCode() == 0, gui.readAllStandardError().constData());
    const QImage image(out);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 1200 && image.height() >= 700);

    // --genomics belongs to the genomics panel: asking for another panel with it is a usage error.
    QProcess wrong;
    wrong.setProcessEnvironment(environment);
    wrong.start(QStringLiteral(MACROSCOPE_GUI_EXECUTABLE),
                {QStringLiteral("--panel"), QStringLiteral("stimulus"), QStringLiteral("--genomics"), m_store});
    QVERIFY(wrong.waitForFinished(60000));
    QCOMPARE(wrong.exitCode(), 2);
    QVERIFY(wrong.readAllStandardError().contains("--genomics"));
}

QTEST_MAIN(tst_GenomicsPanel)
#include "tst_genomicspanel.moc"
