#include "ui/retinotopy/retinotopypanel.h"

#include "ui/retinotopy/areasbox.h"
#include "ui/retinotopy/mapexport.h"
#include "ui/retinotopy/mapfiles.h"
#include "ui/retinotopy/mapfilesdialog.h"
#include "ui/retinotopy/positionmapview.h"
#include "ui/retinotopy/recordinganalysisjob.h"
#include "ui/retinotopy/segmentationparametersbox.h"
#include "ui/retinotopy/segmentationrunner.h"
#include "ui/retinotopy/signmapview.h"
#include "ui/shell/messagebanner.h"

#include "core/params/jsontext.h"
#include "core/retinotopy/analysisparameters.h"
#include "core/retinotopy/areasegmentation.h"
#include "core/retinotopy/retinotopymaps.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtCore/QSignalBlocker>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>

#include <cmath>

namespace ui {

namespace {

const QString recordingFilter = QStringLiteral("Recordings (*.h5);;All files (*)");
// Exported figures are at least this wide, so that labels and borders stay legible in a document.
constexpr int FigureWidth = 900;

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

struct RetinotopyPanel::Shown {
    std::shared_ptr<const retino::RetinotopyMaps> maps;
    cv::Mat1f background;   // under the sign map: the vasculature, else the mean frame
    QStringList source;     // where the maps come from, one fact a line
    std::shared_ptr<const retino::Segmentation> segmentation;
    QString segmentationOrigin;
    QStringList exports;
};

struct RetinotopyPanel::LoadOutcome {
    MapFiles files;
    std::optional<LoadedMaps> loaded;
    QString error;
};

struct RetinotopyPanel::ExportOutcome {
    QString folder;
    std::vector<std::filesystem::path> files;
    QString error;
};

RetinotopyPanel::RetinotopyPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("retinotopyPanel"));
    setWindowTitle(tr("Retinotopy — Macroscope"));
    m_loading = new QFutureWatcher<LoadOutcome>(this);
    m_exporting = new QFutureWatcher<ExportOutcome>(this);
    m_analysis = new RecordingAnalysisJob(this);
    m_segmentation = new SegmentationRunner(this);

    m_banner = new MessageBanner(this);
    m_openRecording = new QPushButton(tr("Open Recording…"), this);
    m_openRecording->setObjectName(QStringLiteral("openRecording"));
    m_openRecording->setToolTip(tr("A recording's stored retinotopy, or its analysis when it has none"));
    m_openMaps = new QPushButton(tr("Open Maps…"), this);
    m_openMaps->setObjectName(QStringLiteral("openMaps"));
    m_openMaps->setToolTip(tr("Altitude and azimuth maps from files (TIFF, or FILE.h5::/dataset)"));
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName(QStringLiteral("exportMaps"));
    m_export->setToolTip(tr("The views as PNG, the maps as TIFF and the areas as CSV, into a folder"));
    m_powerWeighted = new QCheckBox(tr("Power-weighted"), this);
    m_powerWeighted->setObjectName(QStringLiteral("powerWeighted"));
    m_powerWeighted->setToolTip(tr("Darken the position maps where the response is weak"));
    m_powerWeighted->setChecked(true);
    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("mapSource"));
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("analysisProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setMinimumWidth(260);
    m_progress->hide();
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelAnalysis"));
    m_cancel->hide();

    m_parameters = new SegmentationParametersBox(this);
    m_notes = new QPlainTextEdit(this);
    m_notes->setObjectName(QStringLiteral("retinotopyNotes"));
    m_notes->setReadOnly(true);
    m_notes->setPlaceholderText(tr("What the analysis and the segmentation did appears here."));

    m_azimuth = new PositionMapView(tr("Azimuth"), tr("azimuth"), this);
    m_azimuth->setObjectName(QStringLiteral("azimuthView"));
    m_altitude = new PositionMapView(tr("Altitude"), tr("altitude"), this);
    m_altitude->setObjectName(QStringLiteral("altitudeView"));
    m_signMap = new SignMapView(this);

    m_areas = new AreasBox(this);

    auto *toolbar = new QHBoxLayout;
    toolbar->addWidget(m_openRecording);
    toolbar->addWidget(m_openMaps);
    toolbar->addWidget(m_export);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_powerWeighted);
    toolbar->addSpacing(12);
    toolbar->addWidget(m_source, 1);
    toolbar->addWidget(m_progress);
    toolbar->addWidget(m_cancel);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 4, 0);
    leftLayout->addWidget(m_parameters);
    leftLayout->addStretch(1);

    auto *views = new QWidget(this);
    auto *viewsLayout = new QHBoxLayout(views);
    viewsLayout->setContentsMargins(0, 0, 0, 0);
    viewsLayout->addWidget(m_azimuth);
    viewsLayout->addWidget(m_altitude);
    viewsLayout->addWidget(m_signMap);

    auto *notes = new QGroupBox(tr("Notes"), this);
    auto *notesLayout = new QVBoxLayout(notes);
    notesLayout->addWidget(m_notes);
    auto *details = new QWidget(this);
    auto *detailsLayout = new QHBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    detailsLayout->addWidget(m_areas, 3);
    detailsLayout->addWidget(notes, 2);

    // The maps take the height their width gives them (MapView::heightForWidth); the areas and notes the rest.
    auto *rows = new QWidget(this);
    auto *rowsLayout = new QVBoxLayout(rows);
    rowsLayout->setContentsMargins(0, 0, 0, 0);
    rowsLayout->addWidget(views);
    rowsLayout->addWidget(details, 1);

    auto *columns = new QSplitter(Qt::Horizontal, this);
    columns->addWidget(left);
    columns->addWidget(rows);
    columns->setStretchFactor(0, 0);
    columns->setStretchFactor(1, 1);
    columns->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_banner);
    layout->addLayout(toolbar);
    layout->addWidget(columns, 1);

    connect(m_openRecording, &QPushButton::clicked, this, &RetinotopyPanel::showOpenRecordingDialog);
    connect(m_openMaps, &QPushButton::clicked, this, &RetinotopyPanel::showOpenMapsDialog);
    connect(m_export, &QPushButton::clicked, this, &RetinotopyPanel::showExportDialog);
    connect(m_cancel, &QPushButton::clicked, this, &RetinotopyPanel::cancelAnalysis);
    connect(m_powerWeighted, &QCheckBox::toggled, this, &RetinotopyPanel::showPositions);
    connect(m_areas, &AreasBox::pixelSizeChanged, this, &RetinotopyPanel::showSegmentation);
    connect(m_loading, &QFutureWatcher<LoadOutcome>::finished, this, &RetinotopyPanel::applyLoadedMaps);
    connect(m_exporting, &QFutureWatcher<ExportOutcome>::finished, this, &RetinotopyPanel::applyExport);
    connect(m_analysis, &RecordingAnalysisJob::finished, this, &RetinotopyPanel::applyAnalysis);
    connect(m_analysis, &RecordingAnalysisJob::progressed, this, [this](double fraction, const QString &stage) {
        m_progress->setValue(int(std::lround(std::clamp(fraction, 0.0, 1.0) * 1000)));
        m_progress->setFormat(stage.isEmpty() ? QStringLiteral("%p%") : QStringLiteral("%p% · ") + stage);
    });
    connect(m_parameters, &SegmentationParametersBox::parametersChanged, this, [this] {
        if (m_shown)
            m_segmentation->request(m_parameters->parameters());
    });
    connect(m_segmentation, &SegmentationRunner::started, this,
            [this] { m_areas->showStatus(tr("Segmenting…")); });
    connect(m_segmentation, &SegmentationRunner::finished, this, &RetinotopyPanel::applySegmentation);
    connect(m_segmentation, &SegmentationRunner::failed, this, [this](const QString &message) {
        m_areas->showStatus(tr("The segmentation failed."));
        reportProblem(message);
    });
    connect(m_segmentation, &SegmentationRunner::idle, this, &RetinotopyPanel::settleIfIdle);

    const QString empty = tr("Open a recording or a set of maps");
    m_azimuth->setMessage(empty);
    m_altitude->setMessage(empty);
    m_signMap->setMessage(empty);
    updateControls();
}

RetinotopyPanel::~RetinotopyPanel()
{
    m_analysis->cancel();
    m_loading->waitForFinished();
    m_exporting->waitForFinished();
}

void RetinotopyPanel::openMapsIn(const QString &folderOrFile)
{
    const MapFiles files = MapFiles::inFolder(folderOrFile);
    if (!files.isComplete()) {
        reportProblem(tr("%1: no altitude and azimuth maps (TIFF files named …altitude… and …azimuth…)")
                          .arg(native(folderOrFile)));
        settleIfIdle();
        return;
    }
    openMaps(files);
}

void RetinotopyPanel::openMaps(const MapFiles &files)
{
    if (m_loading->isRunning() || m_analysis->isRunning())
        return;
    m_source->setText(tr("Reading %1…").arg(native(files.altitude)));
    m_loading->setFuture(QtConcurrent::run([files]() -> LoadOutcome {
        LoadOutcome outcome{files, std::nullopt, {}};
        try {
            outcome.loaded = loadMapFiles(files);
        } catch (const std::exception &failure) {
            outcome.error = QString::fromUtf8(failure.what());
        }
        return outcome;
    }));
    updateControls();
}

void RetinotopyPanel::applyLoadedMaps()
{
    const LoadOutcome outcome = m_loading->result();
    if (!outcome.loaded) {
        m_source->setText(m_shown ? m_shown->source.value(0) : QString());
        reportProblem(outcome.error);
        updateControls();
        settleIfIdle();
        return;
    }
    auto shown = std::make_shared<Shown>();
    shown->maps = std::make_shared<const retino::RetinotopyMaps>(outcome.loaded->maps);
    shown->background = outcome.loaded->background;
    const MapFiles &files = outcome.files;
    shown->source << tr("Maps from %1").arg(native(QFileInfo(files.altitude).absolutePath()));
    const auto fileLine = [&](const QString &role, const QString &file) {
        if (!file.isEmpty())
            shown->source << QStringLiteral("  %1: %2").arg(role, QFileInfo(file).fileName());
    };
    fileLine(tr("altitude"), files.altitude);
    fileLine(tr("azimuth"), files.azimuth);
    fileLine(tr("altitude power"), files.altitudePower);
    fileLine(tr("azimuth power"), files.azimuthPower);
    fileLine(tr("vasculature"), files.vasculature);
    // Started before the maps are shown, so that the sign map says "Segmenting…" meanwhile.
    m_segmentation->setMaps(shown->maps);
    m_segmentation->runNow(m_parameters->parameters());
    present(shown);
    updateControls();
}

void RetinotopyPanel::openRecording(const QString &path)
{
    if (m_loading->isRunning() || m_analysis->isRunning())
        return;
    m_source->setText(tr("Analysing %1…").arg(native(path)));
    m_progress->setValue(0);
    m_progress->setFormat(tr("looking for a stored analysis…"));
    m_analysis->start(path.toStdString(), retino::AnalysisParameters{});
    updateControls();
}

void RetinotopyPanel::cancelAnalysis()
{
    m_analysis->cancel();
    m_progress->setFormat(tr("cancelling…"));
    m_cancel->setEnabled(false);
}

void RetinotopyPanel::loadSegmentationParameters(const QString &path)
{
    // A few hundred bytes, read here rather than on a worker: maps opened right after are segmented with them.
    try {
        m_parameters->setParameters(retino::SegmentationParameters::fromJson(
            params::readJsonFile(path.toStdString()), m_areas->pixelSizeUm()));
    } catch (const std::exception &failure) {
        // fromJson names the key, not the file.
        const QString message = QString::fromUtf8(failure.what());
        reportProblem(message.contains(path) ? message : native(path) + QStringLiteral(": ") + message);
    }
}

void RetinotopyPanel::applyAnalysis()
{
    const RecordingAnalysisJob::Outcome &outcome = m_analysis->outcome();
    const QString recording = native(QString::fromStdString(outcome.recording.string()));
    if (!outcome.result) {
        m_source->setText(m_shown ? m_shown->source.value(0) : QString());
        if (outcome.cancelled)
            m_source->setText(tr("Analysis of %1 cancelled.").arg(recording));
        else
            reportProblem(outcome.error);
        updateControls();
        settleIfIdle();
        return;
    }
    const retino::RetinotopyResult &result = *outcome.result;
    auto shown = std::make_shared<Shown>();
    shown->maps = std::make_shared<const retino::RetinotopyMaps>(result.maps);
    shown->background = result.maps.meanFrame;
    shown->segmentation = std::make_shared<const retino::Segmentation>(result.segmentation);
    shown->segmentationOrigin = tr("as stored with the analysis; editing a parameter segments again");
    if (result.segmentationParameters) {
        // The form shows what the stored areas came from; showing them is not an edit to segment again for.
        const QSignalBlocker quiet(m_parameters);
        m_parameters->setParameters(*result.segmentationParameters);
    }
    shown->source << tr("Recording %1").arg(recording);
    const QString stored = native(QString::fromStdString(result.resultFile.string())) + QStringLiteral("::") +
                           QString::fromStdString(result.resultPath);
    shown->source << (result.reused ? tr("  analysis %1, read back from %2")
                                          .arg(QString::fromStdString(result.key.substr(0, 12)), stored)
                                    : tr("  analysed in %1 s, stored in %2")
                                          .arg(QLocale().toString(result.seconds, 'f', 1), stored));
    m_areas->setPixelSizeUm(result.maps.pixelSizeUm);
    m_segmentation->discard();
    m_segmentation->setMaps(shown->maps);
    present(shown);
    updateControls();
    settleIfIdle();
}

void RetinotopyPanel::applySegmentation()
{
    if (!m_shown)
        return;
    m_shown->segmentation = m_segmentation->result();
    m_shown->segmentationOrigin = tr("segmented in %1 s with the parameters on the left")
                                      .arg(QLocale().toString(m_segmentation->resultSeconds(), 'f', 1));
    showSegmentation();
    showNotes();
}

void RetinotopyPanel::present(const std::shared_ptr<Shown> &shown)
{
    m_shown = shown;
    m_source->setText(shown->source.value(0));
    showPositions();
    showSegmentation();
    showNotes();
    Q_EMIT mapsShown();
}

void RetinotopyPanel::showPositions()
{
    if (!m_shown)
        return;
    const retino::RetinotopyMaps &maps = *m_shown->maps;
    const bool weighted = m_powerWeighted->isChecked();
    if (maps.azimuthDeg.empty())
        m_azimuth->setMessage(tr("No azimuth map: the stimulus had no horizontal sweeps (LR, RL)"));
    else
        m_azimuth->showPosition(maps.azimuthDeg, maps.azimuthPower, maps.responseMask, weighted);
    if (maps.altitudeDeg.empty())
        m_altitude->setMessage(tr("No altitude map: the stimulus had no vertical sweeps (TB, BT)"));
    else
        m_altitude->showPosition(maps.altitudeDeg, maps.altitudePower, maps.responseMask, weighted);
}

void RetinotopyPanel::showSegmentation()
{
    const retino::Segmentation *segmentation = m_shown ? m_shown->segmentation.get() : nullptr;
    if (!segmentation) {
        const QString status = m_segmentation->isPending() ? tr("Segmenting…") : tr("No segmentation");
        m_areas->clear(status);
        if (m_shown)
            m_signMap->setMessage(status);
        return;
    }
    m_signMap->showSegmentation(*segmentation, m_shown->background);
    m_areas->showSegmentation(*segmentation, m_shown->segmentationOrigin);
    Q_EMIT segmentationShown();
}

void RetinotopyPanel::showNotes()
{
    QStringList lines;
    if (m_shown) {
        lines << m_shown->source;
        if (!m_shown->maps->notes.empty()) {
            lines << QString() << tr("Maps:");
            for (const std::string &note : m_shown->maps->notes)
                lines << QStringLiteral("  • ") + QString::fromStdString(note);
        }
        if (m_shown->segmentation) {
            lines << QString() << tr("Segmentation (%1):").arg(m_shown->segmentationOrigin);
            for (const std::string &step : m_shown->segmentation->steps)
                lines << QStringLiteral("  • ") + QString::fromStdString(step);
        }
        if (!m_shown->exports.isEmpty())
            lines << QString() << m_shown->exports;
    }
    m_notes->setPlainText(lines.join(QLatin1Char('\n')));
}

void RetinotopyPanel::exportTo(const QString &folder)
{
    if (!m_shown) {
        reportProblem(tr("Nothing to export: open a recording or a set of maps first."));
        return;
    }
    if (m_exporting->isRunning())
        return;
    const retino::RetinotopyMaps &maps = *m_shown->maps;
    MapExport files;
    const int width = std::max(1, m_shown->maps->altitudeDeg.empty() ? maps.azimuthDeg.cols : maps.altitudeDeg.cols);
    const int scale = std::max(1, (FigureWidth + width - 1) / width);
    const auto addMap = [&](const char *name, const cv::Mat &map) {
        if (!map.empty())
            files.maps.emplace_back(name, map);
    };
    if (!maps.azimuthDeg.empty())
        files.pictures.emplace_back("azimuth.png", m_azimuth->render(scale));
    if (!maps.altitudeDeg.empty())
        files.pictures.emplace_back("altitude.png", m_altitude->render(scale));
    addMap("azimuth.tif", maps.azimuthDeg);
    addMap("altitude.tif", maps.altitudeDeg);
    addMap("azimuth_power.tif", maps.azimuthPower);
    addMap("altitude_power.tif", maps.altitudePower);
    if (const retino::Segmentation *segmentation = m_shown->segmentation.get()) {
        files.pictures.emplace_back("sign_map.png", m_signMap->render(scale));
        addMap("sign_map.tif", segmentation->signMap);
        files.patchesCsvName = "patches.csv";
        files.patchesCsv = patchesCsv(*segmentation, m_areas->pixelSizeUm());
    }
    m_exporting->setFuture(QtConcurrent::run([files = std::move(files), folder]() -> ExportOutcome {
        ExportOutcome outcome{folder, {}, {}};
        try {
            outcome.files = files.writeTo(folder.toStdString());
        } catch (const std::exception &failure) {
            outcome.error = QString::fromUtf8(failure.what());
        }
        return outcome;
    }));
    updateControls();
}

void RetinotopyPanel::applyExport()
{
    const ExportOutcome outcome = m_exporting->result();
    updateControls();
    if (!outcome.error.isEmpty()) {
        reportProblem(outcome.error);
        settleIfIdle();
        return;
    }
    if (m_shown) {
        QStringList names;
        for (const std::filesystem::path &file : outcome.files)
            names << QString::fromStdString(file.filename().string());
        m_shown->exports << tr("Exported to %1: %2").arg(native(outcome.folder), names.join(QStringLiteral(", ")));
        showNotes();
    }
    Q_EMIT exported(outcome.folder);
    settleIfIdle();
}

void RetinotopyPanel::showOpenMapsDialog()
{
    auto *dialog = new MapFilesDialog(MapFiles{}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openMaps(dialog->files()); });
    dialog->open();
}

void RetinotopyPanel::showOpenRecordingDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Recording"), QDir::homePath(), recordingFilter);
    if (!path.isEmpty())
        openRecording(path);
}

void RetinotopyPanel::showExportDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export Maps To"), QDir::homePath());
    if (!folder.isEmpty())
        exportTo(folder);
}

bool RetinotopyPanel::isBusy() const
{
    return m_loading->isRunning() || m_analysis->isRunning() || m_segmentation->isPending() ||
           m_exporting->isRunning();
}

void RetinotopyPanel::reportProblem(const QString &message)
{
    m_banner->showMessage(message);
    Q_EMIT problemReported(message);
}

void RetinotopyPanel::updateControls()
{
    const bool opening = m_loading->isRunning() || m_analysis->isRunning();
    m_openRecording->setEnabled(!opening);
    m_openMaps->setEnabled(!opening);
    m_export->setEnabled(m_shown && !m_exporting->isRunning());
    const bool analysing = m_analysis->isRunning();
    m_progress->setVisible(analysing);
    m_cancel->setVisible(analysing);
    m_cancel->setEnabled(analysing);
}

void RetinotopyPanel::settleIfIdle()
{
    if (!isBusy())
        Q_EMIT settled();
}

} // namespace ui
