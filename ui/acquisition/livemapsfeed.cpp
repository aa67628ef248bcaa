#include "ui/acquisition/livemapsfeed.h"

#include "core/acquisition/recorder.h"
#include "core/acquisition/stimulustimeline.h"
#include "core/retinotopy/livephasemaps.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <span>

namespace ui {

namespace {

constexpr auto FeedInterval = std::chrono::milliseconds(50);
constexpr auto SnapshotInterval = std::chrono::milliseconds(1000);

} // namespace

LiveMapsFeed::LiveMapsFeed(FrameSource takeFrame, QObject *parent)
    : QObject(parent), m_takeFrame(std::move(takeFrame))
{
    m_feedTimer.setInterval(FeedInterval);
    m_snapshotTimer.setInterval(SnapshotInterval);
    connect(&m_feedTimer, &QTimer::timeout, this, &LiveMapsFeed::feed);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &LiveMapsFeed::takeSnapshot);
    connect(&m_snapshotting, &QFutureWatcher<Snapshot>::finished, this, [this] {
        Snapshot snapshot = m_snapshotting.result();
        if (snapshot.recording != m_recording)
            return;
        m_maps = std::move(snapshot.maps);
        m_framesUsed = snapshot.framesUsed;
        Q_EMIT mapsUpdated();
    });
}

LiveMapsFeed::~LiveMapsFeed()
{
    m_adding.waitForFinished();
    m_snapshotting.waitForFinished();
}

void LiveMapsFeed::start(std::shared_ptr<const acq::StimulusTimeline> timeline)
{
    // An earlier recording's final snapshot would be dropped anyway: its work is only waited for.
    halt();
    m_timeline = std::move(timeline);
    m_live = std::make_shared<retino::LivePhaseMaps>(*m_timeline, retino::AnalysisParameters{});
    m_frame = std::make_shared<acq::LiveFrame>();
    m_maps = retino::RetinotopyMaps();
    m_framesUsed = 0;
    ++m_recording;
    m_running = true;
    m_feedTimer.start();
    m_snapshotTimer.start();
}

void LiveMapsFeed::stop()
{
    if (!m_running)
        return;
    m_running = false;
    halt();
    takeSnapshot();
}

void LiveMapsFeed::halt()
{
    m_feedTimer.stop();
    m_snapshotTimer.stop();
    m_adding.waitForFinished();
    m_snapshotting.waitForFinished();
}

void LiveMapsFeed::feed()
{
    if (m_adding.isRunning())
        return;
    // The timeline is captured as well: the live maps hold a reference to it.
    m_adding.setFuture(QtConcurrent::run([take = m_takeFrame, live = m_live, timeline = m_timeline, frame = m_frame] {
        if (!take(*frame))
            return;
        const std::size_t count = std::size_t(std::max(frame->width, 0)) * std::size_t(std::max(frame->height, 0));
        if (count > 0 && frame->pixels.size() >= count)
            live->addFrame(std::span<const std::uint16_t>(frame->pixels.data(), count), frame->width, frame->height,
                           frame->info.hostTimestampNs);
    }));
}

void LiveMapsFeed::takeSnapshot()
{
    if (m_snapshotting.isRunning() || !m_live)
        return;
    m_snapshotting.setFuture(QtConcurrent::run([live = m_live, timeline = m_timeline, recording = m_recording] {
        return Snapshot{recording, live->snapshot(), live->framesUsed()};
    }));
}

} // namespace ui
