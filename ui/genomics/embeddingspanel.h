#pragma once

#include "ui/genomics/embeddingpoints.h"

#include <QtCore/QFutureWatcher>
#include <QtWidgets/QWidget>

#include <cstddef>
#include <cstdint>
#include <memory>

class QButtonGroup;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace genomics {
class GenomicStore;
}

namespace ui {

class CategoryLegend;
class MessageBanner;
class ScatterView;
class SelectedBinsModel;

// The embeddings of a genomic store as a scatter plot: any two components (X, Y), for all experiments or
// one, coloured by a cluster embedding, an experiment column, the chromosome, good/bad bin or a continuous
// value (another embedding, a track's signal) with its colour bar. The legend's check boxes hide groups.
// Rectangle and lasso select points; the selected bins are listed below, exported with "Export…" and shown
// in the tracks with "Show in tracks" (or a double-click on a row). Columns are read on a worker; problems
// appear in the banner across the top, never in a dialog.
class EmbeddingsPanel : public QWidget {
    Q_OBJECT

public:
    explicit EmbeddingsPanel(QWidget *parent = nullptr);
    // Waits for the jobs that read the store or write an export.
    ~EmbeddingsPanel() override;

    // Lists the store's embeddings, experiments and colour sources, chooses the defaults (UMAP, else PCA1/2;
    // every experiment, or the first alone when all would be more than MaxScatterPoints points; Leiden, else
    // k-means clusters, else chromosome) and reads their columns in the background. Null clears.
    void setStore(std::shared_ptr<const genomics::GenomicStore> store);
    // Reading columns or writing an export.
    bool isBusy() const;
    ScatterView *scatterView() const { return m_view; }
    CategoryLegend *legend() const { return m_legend; }
    SelectedBinsModel *selectedBins() const { return m_selectedBins; }
    MessageBanner *banner() const { return m_banner; }
    // What is on screen; null before the first columns are read.
    std::shared_ptr<const EmbeddingPoints> shown() const { return m_shown; }

    // The choices, as the combo boxes make them; each reads what it needs in the background (settled() when
    // it is on screen). Unknown names are reported in the banner and change nothing.
    void setComponents(const QString &x, const QString &y);
    // An index into the store's experiments, or -1 for all of them (refused, in the banner, when they would
    // be more than MaxScatterPoints points).
    void setExperiment(int experiment);
    // A key of colourSources() ("embedding:leiden", "experiment:biosample", "chromosome", "good_bin",
    // "track:ACCESSION"), or a bare embedding name, experiments column or track accession.
    void setColourBy(const QString &source);
    EmbeddingChoice choice() const { return m_choice; }

    // Writes the selected bins (selectedBinsTable) to `path`: .tsv, .csv, .parquet or FILE.h5::/path (a bare
    // .h5 gets ::/selected_bins), in the background; problems go to the banner; settled() when done.
    void exportSelection(const QString &path);
    void showExportDialog();
    // Emits binActivated() for the current row of the table, else the first selected bin.
    void showCurrentBinInTracks();

Q_SIGNALS:
    // "Show in tracks", or a double-click on a row of the selected bins: an index into the store's bins.
    void binActivated(std::size_t bin);
    // isBusy() has become false: what was asked is on screen (or reported in the banner).
    void settled();

private:
    struct LoadOutcome {
        std::uint64_t generation = 0;
        std::shared_ptr<const EmbeddingPoints> shown;
        QString error;
    };
    struct ExportOutcome {
        QString path;
        QString error;
    };

    void request();
    void startLoading();
    void applyLoaded();
    void applyExport();
    void present(std::shared_ptr<const EmbeddingPoints> shown);
    void applyVisibility();
    void updateSelection();
    void fillControls();
    void syncControls();
    void reportProblem(const QString &message);
    void settleIfIdle();

    std::shared_ptr<const genomics::GenomicStore> m_store;
    EmbeddingChoice m_choice;
    std::shared_ptr<const EmbeddingPoints> m_shown;
    // Legend entry → palette index of the shown points.
    std::vector<std::uint16_t> m_entryColours;
    std::uint64_t m_generation = 0; // of the newest choice
    bool m_wanted = false;          // a choice waits for the running job to end
    // A job whose result is not yet collected: its future may have finished before the watcher says so.
    bool m_loadRunning = false;
    bool m_exportRunning = false;
    QFutureWatcher<LoadOutcome> *m_loading = nullptr;
    QFutureWatcher<ExportOutcome> *m_exporting = nullptr;

    MessageBanner *m_banner = nullptr;
    QComboBox *m_x = nullptr;
    QComboBox *m_y = nullptr;
    QComboBox *m_experiment = nullptr;
    QComboBox *m_colourBy = nullptr;
    QButtonGroup *m_tools = nullptr;
    QLabel *m_status = nullptr;
    ScatterView *m_view = nullptr;
    CategoryLegend *m_legend = nullptr;
    SelectedBinsModel *m_selectedBins = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_selectionSummary = nullptr;
    QPushButton *m_showInTracks = nullptr;
    QPushButton *m_export = nullptr;
};

} // namespace ui
