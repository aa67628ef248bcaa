#pragma once

#include <QtCore/QString>

#include <functional>
#include <vector>

class QWidget;

namespace ui {

class DataView;
class SliceLoader;
struct DataSource;

// One kind of view, as the registry knows it.
struct ViewFactory {
    QString id;   // "image", "plot", "table", "text", or a file format's own view
    QString name; // for the view switcher: "Image"
    // How well the view suits `source`; 0 when it cannot show it. The highest is chosen automatically;
    // the others are offered in the switcher. Built-in scores: text 50 for string scalars and short string
    // lists, image 40 for numeric data of 2 or more significant dimensions, plot 30 for 1-D numeric data
    // (and 45 when NeXus says "spectrum"), table 20 for anything with elements. A file format's own view
    // scores above 50 for the datasets it recognises.
    std::function<int(const DataSource &)> priority;
    std::function<DataView *(SliceLoader &, QWidget *parent)> create;
};

// The views the browser can show a dataset in. New views plug in with add(); ours are registered at start.
class ViewRegistry {
public:
    // The registry with the built-in views.
    static ViewRegistry &instance();

    void add(ViewFactory factory);
    // The views that can show `source`, best first.
    std::vector<const ViewFactory *> viewsFor(const DataSource &source) const;
    const ViewFactory *find(const QString &id) const;

private:
    std::vector<ViewFactory> m_factories;
};

} // namespace ui
