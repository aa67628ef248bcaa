#pragma once

#include <QtGui/QImage>
#include <QtWidgets/QWidget>

namespace ui {

// One 8-bit stimulus frame, scaled to fit while keeping its aspect ratio, on a dark surround so that the
// frame's own edges and background level stay visible. Enlarged frames keep hard pixel edges (a 64 × 36
// test stimulus stays readable); reduced ones are smoothed. Shows a message instead when there is no frame.
class FrameView : public QWidget {
public:
    explicit FrameView(QWidget *parent = nullptr);

    void setFrame(const QImage &frame);
    void setMessage(const QString &message);
    const QImage &frame() const { return m_frame; }
    QString message() const { return m_message; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_frame;
    QString m_message;
};

} // namespace ui
