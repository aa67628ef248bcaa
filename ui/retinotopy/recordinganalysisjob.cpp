#include "ui/retinotopy/recordinganalysisjob.h"

#include <QtConcurrent/QtConcurrentRun>

namespace ui {

RecordingAnalysisJob::RecordingAnalysisJob(QObject *parent) : QObject(parent)
{
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &RecordingAnalysisJob::poll);
    connect(&m_job, &QFutureWatcher<Outcome>::finished, this, [this] {
        m_poll.stop();
        m_outcome = m_job.result();
        m_progress.reset();
        Q_EMIT finished();
    });
}

RecordingAnalysisJob::~RecordingAnalysisJob()
{
    if (m_progress)
        m_progress->stop.request_stop();
}

void RecordingAnalysisJob::start(const std::filesystem::path &recording, const retino::AnalysisParameters &parameters)
{
    if (isRunning())
        return;
    m_progress = std::make_shared<Progress>();
    m_outcome = Outcome{recording, std::nullopt, {}, false};
    m_poll.start();
    m_job.setFuture(QtConcurrent::run([recording, parameters, progress = m_progress]() -> Outcome {
        Outcome outcome{recording, std::nullopt, {}, false};
        try {
            outcome.result = retino::latestAnalysis(recording);
            if (!outcome.result) {
                retino::AnalysisProgress reporting;
                reporting.report = [progress](double fraction, const std::string &stage) {
                    progress->fraction.store(fraction, std::memory_order_relaxed);
                    const std::lock_guard lock(progress->mutex);
                    progress->stage = stage;
                };
                reporting.stop = progress->stop.get_token();
                outcome.result = retino::analyzeRecording(recording, parameters, reporting);
            }
        } catch (const std::exception &failure) {
            outcome.cancelled = progress->stop.stop_requested();
            outcome.error = QString::fromUtf8(failure.what());
        }
        return outcome;
    }));
}

void RecordingAnalysisJob::cancel()
{
    if (m_progress)
        m_progress->stop.request_stop();
}

bool RecordingAnalysisJob::isRunning() const
{
    return m_job.isRunning();
}

void RecordingAnalysisJob::poll()
{
    if (!m_progress)
        return;
    std::string stage;
    {
        const std::lock_guard lock(m_progress->mutex);
        stage = m_progress->stage;
    }
    Q_EMIT progressed(m_progress->fraction.load(std::memory_order_relaxed), QString::fromStdString(stage));
}

} // namespace ui
