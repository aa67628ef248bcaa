#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <stop_token>
#include <vector>

namespace stimulus {

// One frame in flight: its pixels, and whatever the producer encoded from them (the deflated chunk), so that
// the expensive encoding runs on the workers too.
struct FrameSlot {
    std::vector<std::uint8_t> pixels; // frameBytes long
    std::vector<std::uint8_t> encoded;
};

// Called on a worker thread: fill slot.pixels (and slot.encoded, if wanted) with frame `index`. Must be
// safe to call concurrently.
using FrameProducer = std::function<void(std::uint64_t index, FrameSlot &slot)>;
// Called on the calling thread, frames strictly in order 0, 1, 2, …; the slot is valid during the call only.
using FrameConsumer = std::function<void(std::uint64_t index, const FrameSlot &slot)>;

// Produces `count` frames of `frameBytes` on std::jthread workers (one per hardware thread) and hands them
// to `consume` in order on the calling thread, which is how HDF5 gets all its calls from one thread while
// the rendering is spread over the cores. Workers run at most a few frames ahead, so memory stays at
// O(threads) frames. Returns false, with every worker joined, when `stop` is requested before the last
// frame was consumed (checked once per frame). An exception from `produce` or `consume` stops the workers
// and is rethrown here.
bool runFramePipeline(std::uint64_t count, std::size_t frameBytes, const FrameProducer &produce,
                      const FrameConsumer &consume, std::stop_token stop);

} // namespace stimulus
