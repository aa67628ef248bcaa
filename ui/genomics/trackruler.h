#pragma once

#include "core/genomics/genomeregion.h"

#include <QtWidgets/QWidget>

namespace ui {

// The shared x axis above the tracks panel's lanes: chromosome names and boundaries, and ticks in bp, kb or
// Mb within each chromosome. The panel sets its plot span to line up with the lanes' plots. UI thread only.
class TrackRuler : public QWidget {
public:
    explicit TrackRuler(QWidget *parent = nullptr);

    // Not owned: both must outlive the ruler or be replaced first; null shows an empty ruler.
    void setAxis(const genomics::GenomeBins *bins, const genomics::GenomeAxis *axis);
    void setRange(genomics::GenomeRange range);
    // Where range().start and range().end fall, in the ruler's x coordinates.
    void setSpan(int left, int right);
    QRect plotRect() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    const genomics::GenomeBins *m_bins = nullptr;
    const genomics::GenomeAxis *m_axis = nullptr;
    genomics::GenomeRange m_range;
    int m_left = 0;
    int m_right = 1;
};

} // namespace ui
