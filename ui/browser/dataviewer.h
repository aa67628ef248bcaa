#pragma once

#include "ui/browser/datasource.h"

#include <QtCore/QHash>
#include <QtWidgets/QWidget>

class QComboBox;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace ui {

class DataView;
class SliceLoader;

// Shows the selected dataset in the best view the ViewRegistry offers for it, with a switcher to the
// others, a line for problems (a failed read, the memory budget) and export of what is shown: PNG or SVG of
// the view, CSV or NPY of the slice on screen. A view chosen by hand is kept for that dataset while the
// application runs.
class DataViewer : public QWidget {
    Q_OBJECT

public:
    explicit DataViewer(QWidget *parent = nullptr);
    ~DataViewer() override;

    void showDataset(const DataSource &source);
    // No dataset: `message` in the middle instead ("Select a dataset…", or why one cannot be shown).
    void showMessage(const QString &message);
    // The shown dataset grew (a live recording): the view takes the new shape.
    void sourceGrew(const DataSource &source);

    const DataSource &source() const { return m_source; }
    DataView *currentView() const { return m_view; }
    QString currentViewId() const { return m_viewId; }
    QStringList availableViewIds() const;
    // Switches to the view `id` if it can show the current dataset; false otherwise.
    bool setView(const QString &id);

    // Writes what is shown to `path`: .png or .svg draw the view, .csv or .npy write the slice on screen.
    // Throws std::runtime_error naming the file and the problem.
    void exportTo(const QString &path) const;
    // Asks where to export (a file dialog) and does it, reporting failure in the problem line.
    void showExportDialog();

    SliceLoader &loader() const { return *m_loader; }
    QString problemText() const;

Q_SIGNALS:
    void problem(const QString &message);

private:
    void createView(const QString &id);
    void setProblem(const QString &message);

    SliceLoader *m_loader = nullptr;
    QComboBox *m_viewChoice = nullptr;
    QToolButton *m_export = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_problem = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_message = nullptr;
    DataView *m_view = nullptr;
    QString m_viewId;
    DataSource m_source;
    // Views picked by hand, by "file::path".
    QHash<QString, QString> m_chosenViews;
};

} // namespace ui
