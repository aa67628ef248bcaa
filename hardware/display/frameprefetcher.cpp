#include "hardware/display/frameprefetcher.h"

#include <QtCore/QtGlobal>

#include <algorithm>
#include <exception>
#include <utility>

namespace hw {

FramePrefetcher::FramePrefetcher(ReadFrame read, const std::vector<std::uint32_t> &rowFrames,
                                 std::size_t frameBytes, std::size_t slots)
    : m_read(std::move(read)), m_slots(slots, std::vector<std::uint8_t>(frameBytes))
{
    Q_ASSERT(slots > 0);
    for (std::uint64_t row = 0; row < rowFrames.size(); ++row) {
        if (m_runs.empty() || m_runs.back().frame != rowFrames[row]) {
            m_runs.push_back({row, rowFrames[row]});
        }
    }
    m_free.reserve(slots);
    for (std::size_t slot = 0; slot < slots; ++slot) {
        m_free.push_back(slot);
    }
}

FramePrefetcher::~FramePrefetcher()
{
    stop();
}

void FramePrefetcher::start()
{
    Q_ASSERT(!m_thread.joinable());
    m_thread = std::jthread([this](std::stop_token stop) { produce(std::move(stop)); });
}

void FramePrefetcher::stop()
{
    if (m_thread.joinable()) {
        m_thread.request_stop();
        m_thread.join();
    }
    const std::lock_guard lock(m_mutex);
    m_stopped = true;
}

std::size_t FramePrefetcher::runOf(std::uint64_t row) const
{
    const auto after = std::ranges::upper_bound(m_runs, row, {}, &Run::firstRow);
    return static_cast<std::size_t>(after - m_runs.begin()) - 1;
}

FramePrefetcher::Fetch FramePrefetcher::frameFor(std::uint64_t row)
{
    Q_ASSERT(!m_runs.empty() && row >= m_runs.front().firstRow);
    const std::size_t run = runOf(row);
    if (m_shownRun == run) {
        return {};
    }

    std::unique_lock lock(m_mutex);
    m_wantedRun = run;
    if (m_heldSlot) {
        m_free.push_back(*m_heldSlot);
        m_heldSlot.reset();
    }
    for (;;) {
        while (!m_filled.empty() && m_filled.front().run < run) {
            m_free.push_back(m_filled.front().slot);
            m_filled.pop_front();
        }
        m_changed.notify_all();
        if (!m_filled.empty()) {
            break;
        }
        if (m_failure) {
            return {FetchStatus::Failed, {}, *m_failure};
        }
        if (m_stopped) {
            return {FetchStatus::Failed, {}, "the frame prefetcher was stopped"};
        }
        m_changed.wait(lock);
    }
    // Runs are decoded in order and the display never goes back, so the oldest decoded run is the one wanted.
    Q_ASSERT(m_filled.front().run == run);
    m_heldSlot = m_filled.front().slot;
    m_filled.pop_front();
    m_shownRun = run;
    return {FetchStatus::Changed, m_slots[*m_heldSlot], {}};
}

void FramePrefetcher::produce(std::stop_token stop)
{
    std::size_t run = 0;
    while (true) {
        std::size_t slot = 0;
        {
            std::unique_lock lock(m_mutex);
            if (!m_changed.wait(lock, stop, [this] { return !m_free.empty(); })) {
                return;
            }
            run = std::max(run, m_wantedRun);
            if (run >= m_runs.size()) {
                return;
            }
            slot = m_free.back();
            m_free.pop_back();
        }

        std::optional<std::string> failure;
        try {
            m_read(m_runs[run].frame, m_slots[slot]);
        } catch (const std::exception &e) {
            failure = "stimulus frame " + std::to_string(m_runs[run].frame) + ": " + e.what();
        } catch (...) {
            failure = "stimulus frame " + std::to_string(m_runs[run].frame) + ": unknown error";
        }

        const bool failed = failure.has_value();
        {
            const std::lock_guard lock(m_mutex);
            if (failed) {
                m_failure = std::move(failure);
            } else {
                m_filled.push_back({run, slot});
            }
        }
        m_changed.notify_all();
        if (failed) {
            return;
        }
        ++run;
    }
}

} // namespace hw
