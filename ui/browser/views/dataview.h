#pragma once

#include "ui/browser/datasource.h"

#include <QtWidgets/QWidget>

#include <optional>

class QPainter;

namespace ui {

class SliceLoader;

// The part of a dataset a view shows: what "export the shown slice" writes (CSV or NPY).
struct ShownSlice {
    h5::Shape offset;
    h5::Shape count;
};

// One way of showing a dataset (image, plot, table, text, …). The browser creates views through the
// ViewRegistry, hands each the dataset to show, and gives them a SliceLoader for their reads: a view reads
// data only through it, so the UI thread never waits for the file.
class DataView : public QWidget {
    Q_OBJECT

public:
    explicit DataView(SliceLoader &loader, QWidget *parent = nullptr) : QWidget(parent), m_loader(loader) {}

    // Shows `source` (a dataset the view's factory accepted). Starts the reads it needs and returns at once.
    virtual void setSource(const DataSource &source) = 0;
    const DataSource &source() const { return m_source; }

    // The slice on screen now, for export; none while nothing is shown.
    virtual std::optional<ShownSlice> shownSlice() const = 0;
    // Draws what is shown as a figure (for PNG and SVG export) into `size` device pixels.
    virtual void paintFigure(QPainter &painter, const QSize &size) const;
    // The size a figure is drawn at by default: the view's own.
    virtual QSize figureSize() const { return size(); }

    // The file grew (a live SWMR recording): the view may show the new extent. `source` is the same
    // dataset with its new shape.
    virtual void sourceGrew(const DataSource &source) { setSource(source); }

Q_SIGNALS:
    // Something went wrong that the user should see (a read failed, the memory budget was hit), naming
    // the dataset.
    void problem(const QString &message);
    // The data on screen has changed (a new frame, a new slice): the status line and exports follow it.
    void shownChanged();

protected:
    SliceLoader &loader() const { return m_loader; }
    DataSource m_source;

private:
    SliceLoader &m_loader;
};

} // namespace ui
