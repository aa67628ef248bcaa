#pragma once

#include "core/genomics/genomeregion.h"
#include "core/genomics/trackpyramid.h"

#include <QtWidgets/QWidget>

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

namespace ui {

// How a lane maps values to heights.
enum class TrackScale {
    Auto,  // from the smallest value of the cells in view to the largest mean; the band is clipped above
    Fixed, // between the user's minimum and maximum; values outside are clipped
    Log,   // log10 of the positive values, from their smallest to their largest in view; others are skipped
};

// One track of the tracks panel: its label (accession, assay, biosample) and y axis on the left, then the
// signal over the shown GenomeRange drawn from the track's summary pyramid: the min..max band of each pixel
// column filled lightly, the mean as a line, bad bins shaded, and the highlighted range marked.
//
// A paint reads the pyramid level whose cells are at most two pixels wide, so that it visits at most about
// two cells per pixel column and about as many bad-bin runs as there are pixels, however many bins the
// genome has. Navigation belongs to the panel that stacks lanes (they share its x axis); a lane handles only
// its own context menu (the y scale). Used on the UI thread only.
class TrackLane : public QWidget {
    Q_OBJECT

public:
    // The label column's width and the space right of the plot: the same in every lane and the ruler, so
    // that their x axes line up.
    static constexpr int LabelWidth = 190;
    static constexpr int RightMargin = 8;
    // Lanes share the tracks panel's height, each at least as tall as its label and at most this.
    static constexpr int MaximumHeight = 220;

    // What the last paint drew from (for tests and the benchmark).
    struct PaintStats {
        std::size_t level = 0;  // index into the pyramid
        std::size_t cells = 0;  // cells visited
        double low = 0;         // the y axis: values (log10 of them for Log) at the plot's bottom and top
        double high = 0;
    };

    explicit TrackLane(QWidget *parent = nullptr);
    ~TrackLane() override;

    // The genome and one track's pyramid (level 0 = one cell per bin, trackpyramid.h); a null pyramid shows
    // "Loading…" until the data come. Bad-bin runs are found here, once per genome.
    void setData(std::shared_ptr<const genomics::GenomeBins> bins,
                 std::shared_ptr<const std::vector<genomics::SummaryLevel>> pyramid);
    // No data: `message` in the plot area instead (a track that could not be read).
    void setMessage(const QString &message);
    std::shared_ptr<const std::vector<genomics::SummaryLevel>> pyramid() const { return m_pyramid; }
    void setLabel(const QString &accession, const QString &assay, const QString &biosample);
    QString accession() const { return m_accession; }

    // Genome-axis coordinates (genomeregion.h), end-exclusive.
    void setRange(genomics::GenomeRange range);
    genomics::GenomeRange range() const { return m_range; }
    void setHighlight(std::optional<genomics::GenomeRange> highlight);

    // `fixedLow` and `fixedHigh` are used by Fixed only; equal ones span one unit upwards, and a non-finite
    // one keeps the fixed range as it was.
    void setScale(TrackScale scale, double fixedLow = 0, double fixedHigh = 1);
    TrackScale scale() const { return m_scale; }

    // Where the genome range is drawn, in widget coordinates: x maps range().start to plotRect().left()
    // and range().end to plotRect().right() + 1.
    QRect plotRect() const;
    PaintStats lastPaint() const { return m_lastPaint; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void scaleChanged(ui::TrackScale scale);

protected:
    void paintEvent(QPaintEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void paintSignal(QPainter &painter, const QRect &plot);
    void paintBadBins(QPainter &painter, const QRect &plot) const;
    void paintLabel(QPainter &painter, const QRect &plot) const;
    double xOf(std::int64_t position, const QRect &plot) const;

    std::shared_ptr<const genomics::GenomeBins> m_bins;
    std::unique_ptr<genomics::GenomeAxis> m_axis;
    // Runs of consecutive bad bins within a chromosome, as [start, end) on the genome axis, in order.
    std::vector<genomics::GenomeRange> m_badRuns;
    std::shared_ptr<const std::vector<genomics::SummaryLevel>> m_pyramid;
    QString m_message;
    QString m_accession, m_assay, m_biosample;
    genomics::GenomeRange m_range;
    std::optional<genomics::GenomeRange> m_highlight;
    TrackScale m_scale = TrackScale::Auto;
    double m_fixedLow = 0, m_fixedHigh = 1;
    PaintStats m_lastPaint;
};

} // namespace ui
