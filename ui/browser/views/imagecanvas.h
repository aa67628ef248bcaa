#pragma once

#include <QtGui/QImage>
#include <QtWidgets/QWidget>

#include <optional>

namespace ui {

// The picture of one frame with square pixels: scaled to fit until the user zooms (the wheel, around
// the cursor) or pans (dragging); a double-click fits it again. Enlarged pixels keep hard edges, so that
// single pixels can be read. Transparent pixels (values without a colour) show a neutral grey behind the
// picture. A message can be shown over the picture (a frame being read) or instead of it (an error).
class ImageCanvas : public QWidget {
    Q_OBJECT

public:
    explicit ImageCanvas(QWidget *parent = nullptr);

    // Keeps zoom and pan when the new picture has the old one's size (the next frame of a stack).
    void setPicture(const QImage &picture);
    const QImage &picture() const { return m_picture; }
    // Over the picture, in a corner; empty for none.
    void setNotice(const QString &notice);
    QString notice() const { return m_notice; }
    // No picture: the message in its place.
    void showMessage(const QString &message);
    QString message() const { return m_message; }

    void fit();
    // Picture pixels per screen pixel along each axis.
    double zoom() const { return m_scale; }
    // Zooms by `factor` keeping the picture point under `anchor` (widget coordinates) in place.
    void zoomAround(const QPointF &anchor, double factor);
    // The part of the picture on screen, in picture pixels; empty without a picture.
    QRect visiblePixels() const;
    // Where a point of the picture (x = column, y = row; a pixel's centre is at +0.5) is in the widget.
    QPointF widgetPosition(const QPointF &picturePoint) const;
    // The picture pixel under a widget position; none outside the picture.
    std::optional<QPoint> pixelAt(const QPointF &widgetPosition) const;

    // Draws `part` of `picture` (all of it when null) into `target` as the canvas does: on the grey of
    // values without a colour, enlarged pixels sharp, reduced ones averaged. For figures too.
    static void drawPicture(QPainter &painter, const QRectF &target, const QImage &picture, const QRect &part = {});

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void pixelHovered(const QPoint &pixel);
    void hoverLeft();
    // Zoom or pan changed what part of the picture is on screen.
    void viewChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    double fitScale() const;
    QRectF pictureRect() const;

    QImage m_picture;
    QString m_notice;
    QString m_message;
    bool m_fitted = true;
    double m_scale = 1;
    QPointF m_origin; // where the picture's top-left corner is, in widget coordinates
    std::optional<QPointF> m_dragFrom;
};

} // namespace ui
