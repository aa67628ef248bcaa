#pragma once

#include <QtWidgets/QWidget>

class QLabel;

namespace ui {

class FrameView;
class HistogramView;
struct LiveImage;

// The newest camera frame, as large as the panel allows, with its histogram, a line of numbers (frame id,
// levels, range, mean) and the saturation warning: red with the saturated fraction as soon as any pixel
// reaches the camera's full scale, because a saturated pixel's intrinsic signal is lost.
class LiveView : public QWidget {
public:
    explicit LiveView(QWidget *parent = nullptr);

    void setImage(const LiveImage &image);
    // No frame (camera closed, opening, failed): the message instead of the picture.
    void setMessage(const QString &message);
    QString saturationText() const;
    bool hasImage() const;

private:
    FrameView *m_picture = nullptr;
    HistogramView *m_histogram = nullptr;
    QLabel *m_numbers = nullptr;
    QLabel *m_saturation = nullptr;
};

} // namespace ui
