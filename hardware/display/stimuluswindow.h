#pragma once

#include "hardware/display/framesequence.h"
#include "hardware/display/photodiodepatch.h"
#include "hardware/display/presentationclock.h"
#include "hardware/display/presentationtiming.h"
#include "hardware/display/refreshcheck.h"

#include <QtCore/QString>
#include <QtCore/QTimer>
#include <QtGui/QWindow>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

class QOpenGLContext;

namespace hw {

class FramePrefetcher;
class FrameDrawer;

// How a StimulusWindow presents: rig settings rather than part of the stimulus.
struct PresentationOptions {
    PhotodiodePatch photodiode;
    int refreshCheckSwaps = 120;  // measured swaps before row 0: 2 s at 60 Hz
    RefreshTolerances tolerances;
    std::size_t prefetchSlots = 16;
};

// The stimulus display: a frameless full-screen window on one screen that shows one display row per refresh.
//
// start() shows the window; once it is exposed, the first frame is swapped warm-up + refreshCheckSwaps
// times and checkRefresh() decides whether swaps wait for the refresh at the stimulus's rate. If not, the
// presentation fails before row 0 with the check's message. Otherwise each row's frame is drawn with the
// photodiode patch, swapped (swap interval 1), and stamped with the presentation clock once the swap has
// completed; PresentationTiming keeps the log and skips rows after missed refreshes.
//
// Threading: the window and its loop live on the GUI thread, which the loop paces at one frame per refresh
// (it waits for each swap). Other GUI work runs between frames: an event handler that takes longer than a
// refresh period makes frames late, and they are counted. Frames are decoded ahead on a FramePrefetcher
// thread. Signals are emitted on the GUI thread: progress at most 4 times a second, never one per frame.
//
// Ending: Esc, closing the window or abort() stops presenting (presentationAborted), the last row ends it
// (presentationFinished), an error stops it (presentationFailed). The window then closes itself and keeps
// its log. Receivers must not delete it inside those signals (use deleteLater).
class StimulusWindow final : public QWindow {
    Q_OBJECT

public:
    enum class State { Idle, WaitingForExpose, CheckingRefresh, Presenting, Finished, Aborted, Failed };

    // `sequence`'s frame size must equal `screen`'s size in device pixels. `clock` stamps every swap.
    StimulusWindow(FrameSequence sequence, QScreen *screen, PresentationOptions options = {},
                   std::shared_ptr<const PresentationClock> clock = std::make_shared<SteadyPresentationClock>());
    ~StimulusWindow() override;

    // Starts the presentation (once). Failures that can be seen at once (frame size, no OpenGL) are
    // reported through presentationFailed before start() returns.
    void start();
    // As Esc: stops presenting if it has started; nothing otherwise.
    void abort();

    State state() const { return m_state; }
    QString errorString() const { return m_error; }
    // The refresh check's outcome, once it has run.
    const std::optional<RefreshCheck> &refreshCheck() const { return m_refreshCheck; }
    // Every row handled so far (presented or dropped), in row order; complete once the presentation ended.
    const std::vector<PresentationRecord> &log() const;
    PresentationStats stats() const;

Q_SIGNALS:
    void presentationStarted();  // the refresh check passed; row 0 goes to the screen next
    void progressed(quint64 rowsDone, quint64 rowsTotal);
    void presentationFinished();
    void presentationAborted();
    void presentationFailed(const QString &message);

protected:
    void exposeEvent(QExposeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    bool isRunning() const;
    void beginRefreshCheck();
    void presentNext();
    void recordCheckSwap(std::int64_t timestampNs);
    void recordPresented(std::int64_t timestampNs);
    void fail(const QString &message);
    void end(State final);             // stopPresenting(), then close the window
    void stopPresenting(State final);  // stop the loop and the prefetch thread; release OpenGL

    FrameSequence m_sequence;
    PresentationOptions m_options;
    std::shared_ptr<const PresentationClock> m_clock;
    State m_state = State::Idle;
    QString m_error;
    QTimer m_step;  // zero interval: one frame per pass of the event loop

    std::unique_ptr<QOpenGLContext> m_context;
    std::unique_ptr<FrameDrawer> m_drawer;  // after m_context: destroyed before it
    std::unique_ptr<FramePrefetcher> m_prefetcher;

    std::vector<std::int64_t> m_checkSwapsNs;
    int m_warmUpSwapsLeft = 0;
    std::optional<RefreshCheck> m_refreshCheck;
    std::optional<PresentationTiming> m_timing;
    std::int64_t m_lastProgressNs = 0;
};

} // namespace hw
