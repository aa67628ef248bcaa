#include "ui/browser/treesearch.h"

#include "core/h5/search.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QElapsedTimer>
#include <QtCore/QMetaObject>

#include <algorithm>

namespace ui {

struct TreeSearch::Run {
    std::atomic<bool> stop{false};
};

TreeSearch::TreeSearch(QObject *parent) : QObject(parent)
{
    qRegisterMetaType<QList<ui::TreeSearch::Hit>>();
}

TreeSearch::~TreeSearch()
{
    stop();
    for (QFuture<void> &future : m_futures)
        future.waitForFinished();
}

void TreeSearch::stop()
{
    if (m_run)
        m_run->stop = true;
    // What a stopped run still has in flight is for nobody.
    m_run.reset();
}

bool TreeSearch::isRunning() const
{
    return std::any_of(m_futures.begin(), m_futures.end(), [](const QFuture<void> &future) { return future.isRunning(); });
}

void TreeSearch::start(const QString &pattern, std::vector<Target> targets)
{
    // Not waiting for the previous run: it may be inside one long HDF5 call (a group of a million links),
    // and typing must not wait for it. It stops at its next link and delivers nothing more.
    stop();
    std::erase_if(m_futures, [](const QFuture<void> &future) { return future.isFinished(); });
    auto run = std::make_shared<Run>();
    m_run = run;
    m_futures.push_back(QtConcurrent::run([this, run, pattern = pattern.toStdString(), targets = std::move(targets)] {
        QList<Hit> batch;
        QElapsedTimer sinceFlush;
        sinceFlush.start();
        int total = 0;
        quint64 visited = 0;
        // Delivered only while this run is the current one: a newer search has its own hits to show.
        const auto flush = [&] {
            if (batch.isEmpty())
                return;
            QMetaObject::invokeMethod(this, [this, run, hits = std::move(batch)] {
                if (m_run == run)
                    Q_EMIT found(hits);
            }, Qt::QueuedConnection);
            batch.clear();
            sinceFlush.restart();
        };
        for (const Target &target : targets) {
            if (run->stop)
                break;
            try {
                visited += h5::searchLinks(target.file.root(), pattern, [&](const h5::SearchHit &hit) {
                    batch.append({target.filePath, QString::fromStdString(hit.path),
                                  hit.kind == h5::ObjectKind::Group && hit.link == h5::LinkKind::Hard,
                                  hit.link == h5::LinkKind::Soft || hit.link == h5::LinkKind::External});
                    if (batch.size() >= 500 || sinceFlush.elapsed() > 100)
                        flush();
                    return ++total < MaxHits;
                }, run->stop);
            } catch (const std::exception &error) {
                const QString message = QString::fromUtf8(error.what());
                QMetaObject::invokeMethod(this, [this, run, message] {
                    if (m_run == run)
                        Q_EMIT problem(message);
                }, Qt::QueuedConnection);
            }
        }
        flush();
        const bool complete = !run->stop && total < MaxHits;
        QMetaObject::invokeMethod(this, [this, run, visited, complete] {
            if (m_run == run)
                Q_EMIT finished(visited, complete);
        }, Qt::QueuedConnection);
    }));
}

} // namespace ui
