#pragma once

#include "core/h5/file.h"

#include <QtCore/QFuture>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <atomic>
#include <memory>
#include <vector>

namespace ui {

// Searches the open files' object names or paths (substring, or * and ? wildcards; h5::matchesPattern) on a
// worker thread, so that a file of a million objects is searched while the window stays usable. Hits arrive
// in batches as they are found; a new search stops the previous one.
class TreeSearch : public QObject {
    Q_OBJECT

public:
    struct Hit {
        QString filePath;
        QString objectPath;
        bool isGroup = false;
        bool isLink = false; // soft or external
    };
    struct Target {
        QString filePath;
        h5::File file;
    };
    // More hits than anyone reads in a list; the search stops there and says so.
    static constexpr int MaxHits = 10000;

    explicit TreeSearch(QObject *parent = nullptr);
    // Stops the search and waits for the workers.
    ~TreeSearch() override;

    void start(const QString &pattern, std::vector<Target> targets);
    void stop();
    bool isRunning() const;

Q_SIGNALS:
    void found(const QList<ui::TreeSearch::Hit> &hits);
    // `visited` links in all; `complete` is false when stopped early or cut at MaxHits.
    void finished(quint64 visited, bool complete);
    // A file could not be searched to the end (a damaged group): the message names it.
    void problem(const QString &message);

private:
    struct Run;
    std::shared_ptr<Run> m_run;
    // The current run's and stopped ones still finishing their last HDF5 call.
    std::vector<QFuture<void>> m_futures;
};

} // namespace ui
