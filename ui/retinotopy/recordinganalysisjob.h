#pragma once

#include "core/retinotopy/recordinganalysis.h"

#include <QtCore/QFutureWatcher>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>

namespace ui {

// The retinotopy of one recording, on a worker: the newest stored analysis when there is one
// (retino::latestAnalysis), else retino::analyzeRecording with the given parameters, which takes minutes on
// a long recording. Its progress reaches the UI through a 10 Hz poll of what the analysing thread stored;
// cancel() asks it to stop through a stop_source. Outcomes arrive as finished(); nothing throws.
class RecordingAnalysisJob : public QObject {
    Q_OBJECT

public:
    struct Outcome {
        std::filesystem::path recording;
        std::optional<retino::RetinotopyResult> result;
        QString error;
        bool cancelled = false;
    };

    explicit RecordingAnalysisJob(QObject *parent = nullptr);
    // Asks a running analysis to stop; the worker co-owns the progress it reports into, so it may end after
    // this object is gone.
    ~RecordingAnalysisJob() override;

    // Ignored while a job runs.
    void start(const std::filesystem::path &recording, const retino::AnalysisParameters &parameters);
    void cancel();
    bool isRunning() const;
    const Outcome &outcome() const { return m_outcome; }

Q_SIGNALS:
    // `fraction` 0 … 1; `stage` in the analysis's words.
    void progressed(double fraction, const QString &stage);
    void finished();

private:
    struct Progress {
        std::atomic<double> fraction{0};
        std::mutex mutex;
        std::string stage;  // under mutex
        std::stop_source stop;
    };

    void poll();

    std::shared_ptr<Progress> m_progress;
    QFutureWatcher<Outcome> m_job;
    QTimer m_poll;
    Outcome m_outcome;
};

} // namespace ui
