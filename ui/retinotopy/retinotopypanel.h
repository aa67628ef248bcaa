#pragma once

#include <QtCore/QFutureWatcher>
#include <QtWidgets/QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace ui {

class AreasBox;
class MessageBanner;
class PositionMapView;
class RecordingAnalysisJob;
class SegmentationParametersBox;
class SegmentationRunner;
class SignMapView;
struct MapFiles;

// Retinotopic maps and the visual areas segmented from them. Sources: "Open Recording…" (the recording's
// stored analysis, else its analysis in the background, with progress and Cancel) and "Open Maps…" (altitude
// and azimuth files, optionally their power maps and a vasculature image, e.g. Allen's example). Shown:
// azimuth and altitude on a cyclic colour map (optionally darkened where the response is weak), the visual
// field sign over the vasculature with the areas' borders and labels, and the table of areas. The 14 Allen
// segmentation parameters on the left re-run the segmentation as they are edited. Export writes the views
// as PNG, the maps as TIFF and the areas as CSV. Problems appear in the banner across the top, never in a
// modal dialog, so scripted runs (--screenshot) and tests go on.
class RetinotopyPanel : public QWidget {
    Q_OBJECT

public:
    explicit RetinotopyPanel(QWidget *parent = nullptr);
    // Cancels a running analysis and waits for the jobs that read the shown maps.
    ~RetinotopyPanel() override;

    // Reads the maps in the background, shows them and segments them with the parameters on the left.
    void openMaps(const MapFiles &files);
    // The maps of a folder (or of the folder a file is in) by their names, as "From Folder…" finds them.
    void openMapsIn(const QString &folderOrFile);
    // The recording's newest stored analysis, else analyses it (minutes on a long recording).
    void openRecording(const QString &path);
    void cancelAnalysis();
    // Puts the segmentation parameters of a JSON file (Allen names, as `macroscope-cli segment --params`
    // takes them; µm values need the pixel size) into the form, which re-runs the segmentation.
    void loadSegmentationParameters(const QString &path);
    // Writes azimuth/altitude/sign_map .png, the maps as .tif and patches.csv into `folder`, in the background.
    void exportTo(const QString &folder);

    void showOpenMapsDialog();
    void showOpenRecordingDialog();
    void showExportDialog();

    // Loading, analysing, segmenting or exporting.
    bool isBusy() const;

Q_SIGNALS:
    // New maps are on screen (their segmentation may still be running).
    void mapsShown();
    // A segmentation is on screen: the table, the sign map and its labels show it.
    void segmentationShown();
    void exported(const QString &folder);
    void problemReported(const QString &message);
    // isBusy() has become false: whatever was asked is on screen (or reported).
    void settled();

private:
    struct Shown;
    struct LoadOutcome;
    struct ExportOutcome;

    void applyLoadedMaps();
    void applyAnalysis();
    void applyExport();
    void applySegmentation();
    void present(const std::shared_ptr<Shown> &shown);
    void showPositions();
    void showSegmentation();
    void showNotes();
    void reportProblem(const QString &message);
    void updateControls();
    void settleIfIdle();

    std::shared_ptr<Shown> m_shown;
    QFutureWatcher<LoadOutcome> *m_loading = nullptr;
    QFutureWatcher<ExportOutcome> *m_exporting = nullptr;
    RecordingAnalysisJob *m_analysis = nullptr;
    SegmentationRunner *m_segmentation = nullptr;

    MessageBanner *m_banner = nullptr;
    QPushButton *m_openRecording = nullptr;
    QPushButton *m_openMaps = nullptr;
    QPushButton *m_export = nullptr;
    QCheckBox *m_powerWeighted = nullptr;
    QLabel *m_source = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    SegmentationParametersBox *m_parameters = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    PositionMapView *m_azimuth = nullptr;
    PositionMapView *m_altitude = nullptr;
    SignMapView *m_signMap = nullptr;
    AreasBox *m_areas = nullptr;
};

} // namespace ui
