#include "ui/acquisition/acquisitionpanel.h"
#include "ui/browser/dataviewer.h"
#include "ui/browser/sliceloader.h"
#include "ui/genomics/genomicspanel.h"
#include "ui/retinotopy/retinotopypanel.h"
#include "ui/shell/applicationicon.h"
#include "ui/shell/mainwindow.h"
#include "ui/stimulus/stimuluspanel.h"

#include "core/buildinfo.h"

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QThreadPool>
#include <QtCore/QTimer>
#include <QtGui/QFileOpenEvent>
#include <QtGui/QIcon>
#include <QtGui/QPixmap>
#include <QtWidgets/QApplication>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

// --help and --version must work where no display is available (ssh, CI), so they get a QCoreApplication.
bool wantsTextOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        for (const char *option : {"-h", "--help", "--help-all", "-v", "--version"})
            if (std::strcmp(argv[i], option) == 0)
                return true;
    return false;
}

void print(std::FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
}

// macOS's Finder opens a document (double-click, Open With, a drop on the Dock icon) with an event, not an
// argument: the file goes to the window like one named on the command line.
class FileOpenForwarder : public QObject {
public:
    explicit FileOpenForwarder(ui::MainWindow &window) : m_window(window) {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::FileOpen)
            return QObject::eventFilter(watched, event);
        m_window.openFile(static_cast<QFileOpenEvent *>(event)->file());
        return true;
    }

private:
    ui::MainWindow &m_window;
};

} // namespace

int main(int argc, char *argv[])
{
    const bool textOnly = wantsTextOnly(argc, argv);
    const std::unique_ptr<QCoreApplication> app(textOnly ? new QCoreApplication(argc, argv)
                                                         : new QApplication(argc, argv));
    QCoreApplication::setApplicationName(QStringLiteral("Macroscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("Macroscope"));
    QCoreApplication::setApplicationVersion(QString::fromStdString(core::version()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Browse HDF5 files: recordings, retinotopic maps, genomic "
                                                    "embeddings, any file."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Print the version and exit."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the window after start-up to a PNG file and exit."),
                                        QStringLiteral("OUT.png"));
    const QCommandLineOption panel(QStringLiteral("panel"),
                                   QStringLiteral("Open a panel at start-up: stimulus, acquisition, retinotopy or genomics."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption maps(QStringLiteral("maps"),
                                  QStringLiteral("Show maps in the retinotopy panel: a folder of altitude and azimuth "
                                                 "maps (and power maps, a vasculature image), e.g. Allen's "
                                                 "example_*_map.tif, or a file in such a folder."),
                                  QStringLiteral("DIR_OR_FILE"));
    const QCommandLineOption recording(QStringLiteral("recording"),
                                       QStringLiteral("Show a recording's retinotopy in the retinotopy panel: its "
                                                      "stored analysis, else it is analysed."),
                                       QStringLiteral("REC.h5"));
    const QCommandLineOption segmentation(QStringLiteral("segmentation"),
                                          QStringLiteral("Segmentation parameters for the retinotopy panel (Allen "
                                                         "names, as for macroscope-cli segment --params)."),
                                          QStringLiteral("P.json"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QStringLiteral("Show the selected dataset in this view (image, plot, table, text) "
                                                 "instead of the one chosen for it."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption genomicStore(QStringLiteral("genomics"),
                                          QStringLiteral("Show a genomic store (macroscope-cli genomics build, or "
                                                         "jointly-hic's file) in the genomics panel."),
                                          QStringLiteral("STORE.h5"));
    const QCommandLineOption region(QStringLiteral("region"),
                                    QStringLiteral("Show this region in the genomics panel's tracks: chr1:1,000,001-2,000,000, "
                                                   "chr1 or genome."),
                                    QStringLiteral("REGION"));
    parser.addOption(version);
    parser.addOption(screenshot);
    parser.addOption(view);
    parser.addOption(panel);
    parser.addOption(maps);
    parser.addOption(recording);
    parser.addOption(segmentation);
    parser.addOption(genomicStore);
    parser.addOption(region);
    parser.addPositionalArgument(QStringLiteral("files"),
                                 QStringLiteral("HDF5 files to open; FILE.h5::/path also selects an object."),
                                 QStringLiteral("[FILE[::/path]...]"));

    // Usage errors exit with 2, as argparse does; Qt's process() would exit with 1.
    if (!parser.parse(QCoreApplication::arguments())) {
        print(stderr, QStringLiteral("macroscope: %1\n\n%2").arg(parser.errorText(), parser.helpText()));
        return 2;
    }
    if (parser.isSet(help)) {
        print(stdout, parser.helpText());
        return 0;
    }
    if (parser.isSet(QStringLiteral("help-all")))
        parser.process(QCoreApplication::arguments()); // prints the help with Qt's own options and exits
    if (parser.isSet(version)) {
        print(stdout, QStringLiteral("macroscope %1\n").arg(QCoreApplication::applicationVersion()));
        return 0;
    }

    const QStringList panels{QStringLiteral("stimulus"), QStringLiteral("acquisition"), QStringLiteral("retinotopy"),
                              QStringLiteral("genomics")};
    if (parser.isSet(panel) && !panels.contains(parser.value(panel))) {
        print(stderr, QStringLiteral("macroscope: unknown panel '%1' (known: %2)\n")
                          .arg(parser.value(panel), panels.join(QStringLiteral(", "))));
        return 2;
    }
    const bool retinotopyInput = parser.isSet(maps) || parser.isSet(recording) || parser.isSet(segmentation);
    if (retinotopyInput && parser.isSet(panel) && parser.value(panel) != QStringLiteral("retinotopy")) {
        print(stderr, QStringLiteral("macroscope: --maps, --recording and --segmentation are for the retinotopy "
                                     "panel, not --panel %1\n")
                          .arg(parser.value(panel)));
        return 2;
    }
    const bool genomicsInput = parser.isSet(genomicStore) || parser.isSet(region);
    if (genomicsInput && parser.isSet(panel) && parser.value(panel) != QStringLiteral("genomics")) {
        print(stderr, QStringLiteral("macroscope: --genomics and --region are for the genomics panel, not --panel %1\n")
                          .arg(parser.value(panel)));
        return 2;
    }
    if (parser.isSet(maps) && parser.isSet(recording)) {
        print(stderr, QStringLiteral("macroscope: --maps and --recording both name what the retinotopy panel shows; "
                                     "give one\n"));
        return 2;
    }

    QApplication::setWindowIcon(ui::applicationIcon());
    ui::MainWindow window;
    FileOpenForwarder fileOpen(window);
    qApp->installEventFilter(&fileOpen);
    window.show();
    for (const QString &file : parser.positionalArguments())
        window.openFile(file);
    if (parser.isSet(view) && !window.viewer()->setView(parser.value(view)))
        print(stderr, QStringLiteral("macroscope: the view '%1' cannot show the selected dataset (it can be shown as: "
                                     "%2)\n")
                          .arg(parser.value(view), window.viewer()->availableViewIds().join(QStringLiteral(", "))));
    // With --screenshot, the panel is what gets rendered.
    QWidget *shown = &window;
    if (parser.value(panel) == QStringLiteral("stimulus"))
        shown = window.showStimulusPanel();
    else if (parser.value(panel) == QStringLiteral("acquisition"))
        shown = window.showAcquisitionPanel();
    ui::RetinotopyPanel *retinotopy = nullptr;
    if (parser.value(panel) == QStringLiteral("retinotopy") || retinotopyInput) {
        retinotopy = window.showRetinotopyPanel();
        shown = retinotopy;
        // Parameters first: the maps are segmented with them as soon as they are read.
        if (parser.isSet(segmentation))
            retinotopy->loadSegmentationParameters(parser.value(segmentation));
        if (parser.isSet(maps))
            retinotopy->openMapsIn(parser.value(maps));
        else if (parser.isSet(recording))
            retinotopy->openRecording(parser.value(recording));
    }

    ui::GenomicsPanel *genomics = nullptr;
    if (parser.value(panel) == QStringLiteral("genomics") || genomicsInput) {
        genomics = window.showGenomicsPanel();
        shown = genomics;
        if (parser.isSet(genomicStore))
            genomics->openFile(parser.value(genomicStore));
        if (parser.isSet(region))
            genomics->showRegion(parser.value(region));
    }

    if (!parser.isSet(screenshot))
        return QApplication::exec();

    const QString out = parser.value(screenshot);
    int status = 0;
    // Queued so that the window has been shown and laid out before it is rendered.
    QTimer::singleShot(0, &window, [&] {
        // Panels ask the library and the files about themselves on worker threads; their answers belong in
        // the picture.
        QThreadPool::globalInstance()->waitForDone(10000);
        QCoreApplication::processEvents();
        // The data the browser's view reads in the background, and what the view computes from it.
        QElapsedTimer waiting;
        waiting.start();
        while (window.viewer()->loader().isBusy() && waiting.elapsed() < 20000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCoreApplication::processEvents();
        QThreadPool::globalInstance()->waitForDone(10000);
        QCoreApplication::processEvents();
        // The retinotopy panel's maps and areas, however long reading, analysing and segmenting take.
        if (retinotopy && retinotopy->isBusy()) {
            QEventLoop settling;
            QObject::connect(retinotopy, &ui::RetinotopyPanel::settled, &settling, &QEventLoop::quit);
            settling.exec();
        }
        if (genomics && genomics->isBusy()) {
            QEventLoop settling;
            QObject::connect(genomics, &ui::GenomicsPanel::settled, &settling, &QEventLoop::quit);
            settling.exec();
        }
        if (!shown->grab().save(out, "PNG")) {
            print(stderr, QStringLiteral("macroscope: cannot write screenshot %1\n").arg(out));
            status = 1;
        }
        QCoreApplication::quit();
    });
    QApplication::exec();
    return status;
}
