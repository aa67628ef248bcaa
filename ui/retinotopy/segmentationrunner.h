#pragma once

#include "core/retinotopy/segmentationparameters.h"

#include <QtCore/QFutureWatcher>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <chrono>
#include <memory>

namespace retino {
struct RetinotopyMaps;
struct Segmentation;
}

namespace ui {

// Runs retino::segmentAreas on a worker, as the parameters are edited. Segmenting 450 × 450 maps takes a
// second or two, so a request waits for a pause in the edits (request() restarts the delay), only one job
// runs at a time, and a result computed from parameters or maps that have changed since is dropped, the
// latest request running next. The segmentation cannot be interrupted: a stale job runs to its end unseen.
class SegmentationRunner : public QObject {
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds EditDelay{300};

    explicit SegmentationRunner(QObject *parent = nullptr);
    // Waits for a running job: it reads the maps this object shares.
    ~SegmentationRunner() override;

    // The maps the next run segments; a job running on older maps is dropped.
    void setMaps(std::shared_ptr<const retino::RetinotopyMaps> maps);
    // Segments with `parameters` after EditDelay of quiet, or at once.
    void request(const retino::SegmentationParameters &parameters);
    void runNow(const retino::SegmentationParameters &parameters);
    // Drops every request and any running job's result (new maps are coming).
    void discard();

    // A request is waiting or a job runs whose result will be shown.
    bool isPending() const;
    // The last result shown (finished()), and the parameters it was made with.
    std::shared_ptr<const retino::Segmentation> result() const { return m_result; }
    const retino::SegmentationParameters &resultParameters() const { return m_resultParameters; }
    double resultSeconds() const { return m_resultSeconds; }

Q_SIGNALS:
    // A job started on the current request.
    void started();
    // result() holds the segmentation of the current maps and parameters.
    void finished();
    void failed(const QString &message);
    // isPending() has become false (after finished() or failed(), or once a dropped job ended).
    void idle();

private:
    struct Outcome {
        std::uint64_t generation = 0;
        std::shared_ptr<const retino::Segmentation> segmentation;
        retino::SegmentationParameters parameters;
        double seconds = 0;
        QString error;
    };

    void start();
    void collect();

    std::shared_ptr<const retino::RetinotopyMaps> m_maps;
    retino::SegmentationParameters m_parameters;
    std::uint64_t m_generation = 0;  // of the newest request; a job's outcome carries the one it ran for
    bool m_wanted = false;           // a request not yet started
    QTimer m_delay;
    QFutureWatcher<Outcome> m_job;
    std::shared_ptr<const retino::Segmentation> m_result;
    retino::SegmentationParameters m_resultParameters;
    double m_resultSeconds = 0;
};

} // namespace ui
