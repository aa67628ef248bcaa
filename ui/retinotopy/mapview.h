#pragma once

#include <QtGui/QImage>
#include <QtWidgets/QWidget>

#include <functional>
#include <vector>

namespace ui {

// What the colour bar under a map says: `gradient` (one row of colours, from `low` to `high`) with ticks in
// `unit`. No bar while the gradient is null.
struct ColourBar {
    QImage gradient;
    double low = 0;
    double high = 1;
    QString unit;     // appended to each tick: "°", or empty
    QString caption;  // under the bar: what the colours mean
};

// A text drawn over the map, centred on `position` in map pixels (x = column, y = row), with a light halo so
// that it stays readable on any colour.
struct MapLabel {
    QPointF position;
    QString text;
    QColor colour;
};

// One map: its title, the picture scaled to fit with its aspect kept (pixels stay crisp when enlarged), an
// optional overlay of the same size drawn on top (area borders), labels, the colour bar underneath, and a
// line reading out the value under the mouse. render() draws the same on a white page for export.
class MapView : public QWidget {
public:
    // Given the map pixel under the mouse, the text to show for it; empty for nothing.
    using Readout = std::function<QString(int row, int col)>;

    explicit MapView(const QString &title, QWidget *parent = nullptr);

    void setTitle(const QString &title);
    void setPicture(const QImage &picture);
    void setOverlay(const QImage &overlay);
    void setLabels(std::vector<MapLabel> labels);
    void setColourBar(const ColourBar &bar);
    void setReadout(Readout readout);
    // No map: the message instead, and no bar, overlay or labels.
    void setMessage(const QString &message);

    QString title() const { return m_title; }
    const QImage &picture() const { return m_picture; }
    const std::vector<MapLabel> &labels() const { return m_labels; }
    QString message() const { return m_message; }
    // What the readout line shows now (the value under the mouse).
    QString readoutText() const { return m_readoutText; }
    // The view as a figure: the map enlarged `scale` times, its title, labels and colour bar, on white.
    QImage render(int scale) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // As tall as the picture is at this width, with the title, the bar and the readout: a row of maps takes
    // the height it needs and leaves the rest to what is below it.
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    struct Geometry {
        QRectF title, map, bar, readout;
    };
    Geometry geometryFor(const QRectF &area, const QFontMetricsF &metrics) const;
    // The height of everything but the picture.
    double chromeHeight(const QFontMetricsF &metrics) const;
    void paint(QPainter &painter, const Geometry &geometry, bool onPage) const;
    void paintBar(QPainter &painter, const Geometry &geometry, bool onPage) const;

    QString m_title;
    QImage m_picture;
    QImage m_overlay;
    std::vector<MapLabel> m_labels;
    ColourBar m_bar;
    Readout m_readout;
    QString m_message;
    QString m_readoutText;
};

} // namespace ui
