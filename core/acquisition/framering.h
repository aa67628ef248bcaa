#pragma once

#include "core/acquisition/camera.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>
#include <vector>

namespace acq {

// One preallocated frame buffer of the ring, with room for its encoded chunk.
struct FrameSlot {
    FrameInfo info;
    std::vector<std::uint16_t> pixels;
    std::vector<std::uint8_t> encoded;  // empty when frames are stored raw
    std::size_t encodedSize = 0;        // 0 after a failed encoding: the frame is lost

    // The bytes to store for this frame: the encoded chunk, or the pixels themselves.
    std::span<const std::uint8_t> chunk() const;
};

// The bounded queue between the capture thread, the encoder threads and the writer thread. Every buffer is
// allocated up front, so capturing never allocates, and the capture side never waits: when every slot is
// taken, tryClaim() says so and the frame is dropped (the caller accounts for it).
//
// A slot goes Free → Claimed → Filled (capture: tryClaim, publish) → Encoding → Ready (an encoder:
// takeForEncoding, markEncoded; straight to Ready when frames are stored raw) → Free (the writer:
// waitOldestReady, release). The writer takes slots strictly in capture order; encoders may finish in any
// order. A step out of that order is a programming error and throws.
class FrameRing {
public:
    FrameRing(std::size_t capacity, std::size_t pixelsPerFrame, std::size_t encodedCapacity);

    std::size_t capacity() const { return m_slots.size(); }

    // Capture thread. Claiming again without publish() returns the same slot (the camera had nothing).
    FrameSlot *tryClaim();
    void publish();
    // The producer is done: waiters return nullptr once there is nothing left for them.
    void close();

    // Encoder threads. Waits at most `timeout`; nullptr on timeout or when closed with nothing to encode.
    FrameSlot *takeForEncoding(std::chrono::milliseconds timeout);
    void markEncoded(FrameSlot *slot);
    // Closed, and every published frame was handed to an encoder: an encoder may stop. Decided under the
    // ring's lock, so a frame published just before close() is never left unencoded.
    bool encodingDone() const;

    // Writer thread.
    FrameSlot *waitOldestReady(std::chrono::milliseconds timeout);
    void release();

    std::size_t fill() const;
    std::size_t highWater() const;
    bool isClosedAndEmpty() const;

private:
    enum class State { Free, Claimed, Filled, Encoding, Ready };

    std::size_t indexOf(std::uint64_t sequence) const { return sequence % m_slots.size(); }
    void expect(std::size_t index, State state, const char *step) const;

    std::vector<FrameSlot> m_slots;
    std::vector<State> m_states;
    bool m_encoding;

    mutable std::mutex m_mutex;
    std::condition_variable m_filled;  // a slot became Filled, or the ring closed
    std::condition_variable m_ready;   // a slot became Ready, or the ring closed
    std::uint64_t m_head = 0;          // sequence of the next slot to claim
    std::uint64_t m_tail = 0;          // sequence of the oldest slot not yet released
    std::uint64_t m_nextToEncode = 0;
    std::size_t m_highWater = 0;
    bool m_closed = false;
};

} // namespace acq
