#include "core/stimulus/framepipeline.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <vector>

namespace stimulus {

namespace {

constexpr std::uint64_t noFrame = std::numeric_limits<std::uint64_t>::max();

// Frame i is rendered into slot i % slots.size(); a worker may claim frame i only once frame i − slots.size()
// has been consumed, so a slot is never written while the consumer reads it.
struct Shared {
    std::mutex mutex;
    std::condition_variable_any changed;
    std::uint64_t nextToClaim = 0;
    std::uint64_t consumed = 0;
    std::vector<FrameSlot> slots;
    std::vector<std::uint64_t> readyFrame; // per slot: the frame it holds, noFrame while being rendered
    std::exception_ptr failure;
};

void work(Shared &shared, std::uint64_t count, const FrameProducer &produce, std::stop_token stop)
{
    const std::uint64_t window = shared.slots.size();
    for (;;) {
        std::uint64_t index = 0;
        {
            std::unique_lock lock(shared.mutex);
            shared.changed.wait(lock, stop, [&] {
                return shared.failure || shared.nextToClaim >= count || shared.nextToClaim < shared.consumed + window;
            });
            // wait() also returns when the predicate holds after a stop request, so look at the stop again.
            if (stop.stop_requested() || shared.failure || shared.nextToClaim >= count)
                return;
            index = shared.nextToClaim++;
        }
        try {
            produce(index, shared.slots[index % window]);
        } catch (...) {
            const std::lock_guard lock(shared.mutex);
            if (!shared.failure)
                shared.failure = std::current_exception();
            shared.changed.notify_all();
            return;
        }
        {
            const std::lock_guard lock(shared.mutex);
            shared.readyFrame[index % window] = index;
        }
        shared.changed.notify_all();
    }
}

} // namespace

bool runFramePipeline(std::uint64_t count, std::size_t frameBytes, const FrameProducer &produce,
                      const FrameConsumer &consume, std::stop_token stop)
{
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    Shared shared;
    // Two slots per worker keep every worker busy while the consumer (hashing and writing) catches up.
    const std::size_t window = 2 * static_cast<std::size_t>(threads) + 1;
    shared.slots.assign(window, FrameSlot{std::vector<std::uint8_t>(frameBytes), {}});
    shared.readyFrame.assign(window, noFrame);

    // Declared after `shared`: leaving this function in any way stops and joins them before it dies.
    std::vector<std::jthread> workers;
    for (unsigned i = 0; i < threads; ++i)
        workers.emplace_back([&](std::stop_token workerStop) { work(shared, count, produce, workerStop); });

    for (std::uint64_t index = 0; index < count; ++index) {
        const std::size_t slot = index % window;
        {
            std::unique_lock lock(shared.mutex);
            shared.changed.wait(lock, stop, [&] { return shared.failure || shared.readyFrame[slot] == index; });
            if (shared.failure)
                std::rethrow_exception(shared.failure);
            if (stop.stop_requested())
                return false;
        }
        consume(index, shared.slots[slot]);
        {
            const std::lock_guard lock(shared.mutex);
            ++shared.consumed;
        }
        shared.changed.notify_all();
    }
    return true;
}

} // namespace stimulus
