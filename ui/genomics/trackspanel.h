#pragma once

#include "core/genomics/genomeregion.h"
#include "core/genomics/trackpyramid.h"

#include <QtCore/QFutureWatcher>
#include <QtWidgets/QWidget>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QScrollArea;
class QToolButton;
class QVBoxLayout;

namespace genomics {
class GenomicStore;
}

namespace ui {

class MessageBanner;
class TrackLane;
class TrackRuler;

// A genome browser over a store's tracks: a region box ("chr1:1,000,001-2,000,000", Enter applies), a
// chromosome choice, zoom buttons and a chooser of the tracks shown, above the lanes, stacked under one
// ruler and sharing its x axis. Dragging pans, the wheel zooms at the cursor, a double click zooms in, the
// arrow keys pan and +/- zoom. Pyramids are read on a worker (each lane shows "Loading…" until its own
// arrives); problems go to the banner. UI thread only.
class TracksPanel : public QWidget {
    Q_OBJECT

public:
    // Lanes shown when a store opens: the first tracks, in the store's order.
    static constexpr int DefaultShownTracks = 8;
    // showBin()'s view: this many bins of the bin's width around it.
    static constexpr int BinContext = 200;
    // The narrowest view, in bases.
    static constexpr std::int64_t MinimumSpan = 100;

    explicit TracksPanel(QWidget *parent = nullptr);
    ~TracksPanel() override;

    // Shows the whole genome and the first tracks of `store`, whose pyramids are read in the background;
    // null closes the store.
    void setStore(std::shared_ptr<const genomics::GenomicStore> store);
    // As typed in the region box (GenomeAxis::parse); false, with the reason in the banner, when it is not
    // a region of this genome or no store is open.
    bool showRegion(const QString &text);
    // Centres the view on `bin`, BinContext bins wide, and highlights it.
    void showBin(std::size_t bin);
    genomics::GenomeRange range() const { return m_range; }
    // Pyramids are being read.
    bool isBusy() const;

    // The lanes shown, top to bottom.
    TrackLane *lane(int index) const;
    int laneCount() const { return int(m_shown.size()); }
    // Shows the tracks of these accessions (those the store has), in the store's order.
    void showTracks(const std::vector<std::string> &accessions);

Q_SIGNALS:
    // The background reading finished (busy → idle); not emitted when setStore() needed no reading (a store
    // without tracks): check isBusy() first.
    void settled();
    void rangeChanged(genomics::GenomeRange range);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct LoadedTrack {
        std::uint64_t generation = 0;
        std::string accession;
        std::shared_ptr<const std::vector<genomics::SummaryLevel>> pyramid;
        QString error;
    };

    void setRange(genomics::GenomeRange range);
    // Zooms by `factor` (< 1 zooms in), keeping genome position `anchor` at the same x.
    void zoom(double factor, double anchor);
    void pan(double bases);
    void fillTrackChooser();
    void applyTrackChoice();
    void layoutLanes();
    // Reads the shown tracks' pyramids not yet read, or settles when there are none; called again when a
    // job ends, so that a job for an older store or choice is followed by one for the current.
    void loadMissing();
    void collectLoaded(int index);
    void alignRuler();
    // The plot area of a lane or the ruler (they line up: alignRuler), and the genome position at x there.
    QRect plotOf(const QWidget *widget) const;
    double positionAt(const QWidget *widget, double x) const;

    std::shared_ptr<const genomics::GenomicStore> m_store;
    std::shared_ptr<const genomics::GenomeBins> m_bins;
    std::unique_ptr<genomics::GenomeAxis> m_axis;
    genomics::GenomeRange m_range;
    std::optional<genomics::GenomeRange> m_highlight;

    MessageBanner *m_banner = nullptr;
    QLineEdit *m_region = nullptr;
    QComboBox *m_chromosomes = nullptr;
    QToolButton *m_zoomIn = nullptr;
    QToolButton *m_zoomOut = nullptr;
    QPushButton *m_trackButton = nullptr;
    QListWidget *m_trackChooser = nullptr;
    TrackRuler *m_ruler = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_laneHost = nullptr;
    QVBoxLayout *m_laneLayout = nullptr;
    QLabel *m_noLanes = nullptr; // in place of the lanes while there are none

    std::map<std::string, TrackLane *> m_lanes; // every lane made for this store, shown or not
    std::vector<TrackLane *> m_shown;
    std::map<std::string, std::shared_ptr<const std::vector<genomics::SummaryLevel>>> m_pyramids;
    std::map<std::string, QString> m_failed;

    QFutureWatcher<LoadedTrack> m_loading;
    std::uint64_t m_generation = 0; // of the store; a loaded track carries the one it was read for
    bool m_busy = false;

    // A drag in progress: where it started (x in the dragged widget) and the range then.
    std::optional<double> m_dragX;
    genomics::GenomeRange m_dragRange;
};

} // namespace ui
