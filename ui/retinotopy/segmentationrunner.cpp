#include "ui/retinotopy/segmentationrunner.h"

#include "core/retinotopy/areasegmentation.h"
#include "core/retinotopy/retinotopymaps.h"

#include <QtConcurrent/QtConcurrentRun>

#include <chrono>

namespace ui {

SegmentationRunner::SegmentationRunner(QObject *parent) : QObject(parent)
{
    m_delay.setSingleShot(true);
    m_delay.setInterval(EditDelay);
    connect(&m_delay, &QTimer::timeout, this, &SegmentationRunner::start);
    connect(&m_job, &QFutureWatcher<Outcome>::finished, this, &SegmentationRunner::collect);
}

SegmentationRunner::~SegmentationRunner()
{
    m_job.waitForFinished();
}

void SegmentationRunner::setMaps(std::shared_ptr<const retino::RetinotopyMaps> maps)
{
    m_maps = std::move(maps);
    ++m_generation;
}

void SegmentationRunner::request(const retino::SegmentationParameters &parameters)
{
    m_parameters = parameters;
    ++m_generation;
    m_wanted = true;
    m_delay.start();
}

void SegmentationRunner::runNow(const retino::SegmentationParameters &parameters)
{
    m_parameters = parameters;
    ++m_generation;
    m_wanted = true;
    m_delay.stop();
    start();
}

void SegmentationRunner::discard()
{
    ++m_generation;
    m_wanted = false;
    m_delay.stop();
}

bool SegmentationRunner::isPending() const
{
    return m_wanted || m_job.isRunning();
}

void SegmentationRunner::start()
{
    // One job at a time: the newest request starts when the running one is collected.
    if (!m_wanted || !m_maps || m_job.isRunning())
        return;
    m_wanted = false;
    m_job.setFuture(QtConcurrent::run([maps = m_maps, parameters = m_parameters, generation = m_generation] {
        Outcome outcome{generation, nullptr, parameters, 0, {}};
        const auto begin = std::chrono::steady_clock::now();
        try {
            outcome.segmentation = std::make_shared<const retino::Segmentation>(retino::segmentAreas(
                maps->altitudeDeg, maps->azimuthDeg, parameters, maps->altitudePower, maps->azimuthPower));
        } catch (const std::exception &failure) {
            outcome.error = QString::fromUtf8(failure.what());
        }
        outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
        return outcome;
    }));
    Q_EMIT started();
}

void SegmentationRunner::collect()
{
    const Outcome outcome = m_job.result();
    if (outcome.generation != m_generation) {
        if (m_wanted && !m_delay.isActive())
            start();
        if (!isPending())
            Q_EMIT idle();
        return;
    }
    if (outcome.error.isEmpty()) {
        m_result = outcome.segmentation;
        m_resultParameters = outcome.parameters;
        m_resultSeconds = outcome.seconds;
        Q_EMIT finished();
    } else {
        Q_EMIT failed(outcome.error);
    }
    Q_EMIT idle();
}

} // namespace ui
