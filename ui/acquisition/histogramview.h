#pragma once

#include <QtWidgets/QWidget>

#include <cstdint>
#include <vector>

namespace ui {

struct LiveImage;

// The live frame's histogram over the camera's whole range, 0 to full scale: counts on a logarithmic axis
// (so that a few saturated pixels still show as a bar at the right edge), the live view's black and white
// levels as dashed lines, and full scale marked red.
class HistogramView : public QWidget {
public:
    explicit HistogramView(QWidget *parent = nullptr);

    void setImage(const LiveImage &image);
    void clear();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<std::uint32_t> m_counts;
    std::uint16_t m_maxValue = 0;
    std::uint16_t m_low = 0;
    std::uint16_t m_high = 0;
};

} // namespace ui
