#pragma once

#include "core/retinotopy/retinotopymaps.h"

#include <QtCore/QFutureWatcher>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <cstdint>
#include <functional>
#include <memory>

namespace acq {
class StimulusTimeline;
struct LiveFrame;
}

namespace retino {
class LivePhaseMaps;
}

namespace ui {

// Feeds the frames of a running recording into retino::LivePhaseMaps, so that the operator sees the maps
// form while recording. Every 50 ms the newest frame is taken (through `takeFrame`, e.g.
// CameraControl::takeLiveFrame, with a LiveFrame of the feed's own so that the live view's sequence is not
// disturbed) and added on a worker; a tick that finds the worker still busy is skipped, which is harmless:
// each frame's phase comes from its own timestamp. About once a second a snapshot of the maps is taken on a
// worker; mapsUpdated() announces it.
class LiveMapsFeed : public QObject {
    Q_OBJECT

public:
    // Called on a worker thread; copies the newest frame into its argument if it is new, returns whether it did.
    using FrameSource = std::function<bool(acq::LiveFrame &frame)>;

    explicit LiveMapsFeed(FrameSource takeFrame, QObject *parent = nullptr);
    // Waits for the worker jobs.
    ~LiveMapsFeed() override;

    // Starts afresh for a recording whose stimulus `timeline` shows; the feed co-owns it.
    void start(std::shared_ptr<const acq::StimulusTimeline> timeline);
    // Stops taking frames (waits for the frame being added, so that the frame source may go away afterwards)
    // and takes a last snapshot.
    void stop();
    bool isRunning() const { return m_running; }

    // The newest snapshot and the frames it holds.
    const retino::RetinotopyMaps &maps() const { return m_maps; }
    std::uint64_t framesUsed() const { return m_framesUsed; }

Q_SIGNALS:
    void mapsUpdated();

private:
    struct Snapshot {
        std::uint64_t recording = 0; // m_recording when it was taken
        retino::RetinotopyMaps maps;
        std::uint64_t framesUsed = 0;
    };

    void feed();
    void takeSnapshot();
    // Stops the timers and waits for the work under way.
    void halt();

    FrameSource m_takeFrame;
    std::shared_ptr<const acq::StimulusTimeline> m_timeline;
    std::shared_ptr<retino::LivePhaseMaps> m_live;
    std::shared_ptr<acq::LiveFrame> m_frame;
    QFutureWatcher<void> m_adding;
    QFutureWatcher<Snapshot> m_snapshotting;
    QTimer m_feedTimer;
    QTimer m_snapshotTimer;
    bool m_running = false;
    std::uint64_t m_recording = 0; // counts start(): a snapshot of an earlier recording is dropped
    retino::RetinotopyMaps m_maps;
    std::uint64_t m_framesUsed = 0;
};

} // namespace ui
