#pragma once

#include <QtCore/QFutureWatcher>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <cstddef>
#include <memory>
#include <optional>

namespace acq {
class StimulusTimeline;
struct RecordingStimulus;
}

namespace hw {
class StimulusWindow;
}

namespace ui {

// The stimulus of one recording. prepare() opens the library file in the background and builds its
// acq::StimulusTimeline: of source Schedule when there is no screen (the camera control starts it with the
// capture), of source Display otherwise. start() then shows it full screen with hw::StimulusWindow and keeps
// the timeline in step with what the window really showed: every 50 ms the window's new log records are
// passed on, in order, as presented or dropped rows, so the recording stores the true presentation and the
// simulated camera responds to it.
class StimulusPresenter : public QObject {
    Q_OBJECT

public:
    explicit StimulusPresenter(QObject *parent = nullptr);
    // Closes a window still presenting.
    ~StimulusPresenter() override;

    // `screenName` empty: on schedule, no display.
    void prepare(const QString &libraryFile, const QString &screenName);
    // After prepared(): what the recording plan needs.
    acq::RecordingStimulus recordingStimulus() const;
    // Shows the window (display only); its refresh check runs first, then row 0.
    void start();
    // Closes the window if it still presents; the timeline keeps what was shown.
    void stop();
    bool isPresenting() const;

Q_SIGNALS:
    void prepared();
    void preparationFailed(const QString &message);
    // The window refused or failed (the message says why, verbatim), or it was closed with Esc before the end.
    void presentationFailed(const QString &message);
    void presentationFinished(const QString &summary);

private:
    struct Prepared;

    void feedTimeline();
    void finish(const QString &message, bool failed);

    QFutureWatcher<Prepared> *m_preparing = nullptr;
    std::unique_ptr<Prepared> m_prepared;
    QString m_screenName;
    QPointer<hw::StimulusWindow> m_window;
    QTimer m_feed;
    std::size_t m_fed = 0;
};

} // namespace ui
