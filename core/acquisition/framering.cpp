#include "core/acquisition/framering.h"

#include "core/error.h"

#include <algorithm>
#include <string>

namespace acq {

std::span<const std::uint8_t> FrameSlot::chunk() const
{
    if (encoded.empty())
        return {reinterpret_cast<const std::uint8_t *>(pixels.data()), pixels.size() * sizeof(std::uint16_t)};
    return {encoded.data(), encodedSize};
}

FrameRing::FrameRing(std::size_t capacity, std::size_t pixelsPerFrame, std::size_t encodedCapacity)
    : m_slots(capacity)
    , m_states(capacity, State::Free)
    , m_encoding(encodedCapacity > 0)
{
    if (capacity == 0)
        throw core::Error("frame buffer: the ring needs at least one slot");
    for (FrameSlot &slot : m_slots) {
        // Touch every page now, so the first seconds of a recording do not fault memory in.
        slot.pixels.assign(pixelsPerFrame, 0);
        slot.encoded.assign(encodedCapacity, 0);
    }
}

void FrameRing::expect(std::size_t index, State state, const char *step) const
{
    if (m_states[index] != state)
        throw core::Error(std::string("frame buffer: ") + step + " on slot " + std::to_string(index) +
                          " out of order");
}

FrameSlot *FrameRing::tryClaim()
{
    const std::lock_guard lock(m_mutex);
    if (m_head - m_tail == m_slots.size())
        return nullptr;
    const std::size_t index = indexOf(m_head);
    m_states[index] = State::Claimed;
    return &m_slots[index];
}

void FrameRing::publish()
{
    {
        const std::lock_guard lock(m_mutex);
        const std::size_t index = indexOf(m_head);
        expect(index, State::Claimed, "publish");
        m_states[index] = m_encoding ? State::Filled : State::Ready;
        ++m_head;
        m_highWater = std::max<std::size_t>(m_highWater, m_head - m_tail);
    }
    if (m_encoding)
        m_filled.notify_one();
    else
        m_ready.notify_one();
}

void FrameRing::close()
{
    {
        const std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_filled.notify_all();
    m_ready.notify_all();
}

FrameSlot *FrameRing::takeForEncoding(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    if (!m_filled.wait_for(lock, timeout, [&] { return m_nextToEncode < m_head || m_closed; }))
        return nullptr;
    if (m_nextToEncode >= m_head)
        return nullptr;
    const std::size_t index = indexOf(m_nextToEncode++);
    expect(index, State::Filled, "encode");
    m_states[index] = State::Encoding;
    return &m_slots[index];
}

void FrameRing::markEncoded(FrameSlot *slot)
{
    {
        const std::lock_guard lock(m_mutex);
        const auto index = static_cast<std::size_t>(slot - m_slots.data());
        expect(index, State::Encoding, "markEncoded");
        m_states[index] = State::Ready;
    }
    m_ready.notify_one();
}

bool FrameRing::encodingDone() const
{
    const std::lock_guard lock(m_mutex);
    return m_closed && m_nextToEncode >= m_head;
}

FrameSlot *FrameRing::waitOldestReady(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    const auto oldestReady = [&] { return m_tail < m_head && m_states[indexOf(m_tail)] == State::Ready; };
    if (!m_ready.wait_for(lock, timeout, [&] { return oldestReady() || (m_closed && m_tail == m_head); }))
        return nullptr;
    return oldestReady() ? &m_slots[indexOf(m_tail)] : nullptr;
}

void FrameRing::release()
{
    const std::lock_guard lock(m_mutex);
    const std::size_t index = indexOf(m_tail);
    expect(index, State::Ready, "release");
    m_states[index] = State::Free;
    ++m_tail;
}

std::size_t FrameRing::fill() const
{
    const std::lock_guard lock(m_mutex);
    return m_head - m_tail;
}

std::size_t FrameRing::highWater() const
{
    const std::lock_guard lock(m_mutex);
    return m_highWater;
}

bool FrameRing::isClosedAndEmpty() const
{
    const std::lock_guard lock(m_mutex);
    return m_closed && m_tail == m_head;
}

} // namespace acq
