#include "ui/browser/sliceloader.h"

#include "core/h5/dataset.h"

#include <nlohmann/json.hpp>

#include <QtCore/QMetaObject>
#include <QtCore/QThreadPool>

#ifdef _WIN32
#include <windows.h>
#else
#include <unistd.h>
#endif

#include <algorithm>
#include <atomic>
#include <deque>
#include <limits>
#include <list>
#include <mutex>
#include <unordered_map>

namespace ui {

namespace {

// A JSON cell costs far more than the element it came from (a node, often a string); this is a fair
// average for compound rows of a few fields, and only needs to keep a table's blocks within the budget.
constexpr std::size_t JsonBytesPerElement = 96;

std::size_t physicalMemory()
{
    constexpr std::size_t assumed = std::size_t(8) << 30;
#ifdef _WIN32
    MEMORYSTATUSEX status{};
    status.dwLength = sizeof status;
    return ::GlobalMemoryStatusEx(&status) ? std::size_t(status.ullTotalPhys) : assumed;
#else
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    return pages > 0 && pageSize > 0 ? std::size_t(pages) * std::size_t(pageSize) : assumed;
#endif
}

std::size_t defaultBudget()
{
    return std::min(physicalMemory() / 4, std::size_t(4) << 30);
}

struct CacheKey {
    const h5::Dataset *dataset = nullptr;
    h5::Shape offset;
    h5::Shape count;
    SliceFormat format = SliceFormat::Float32;
    bool operator==(const CacheKey &) const = default;
};

CacheKey keyOf(const SliceRequest &request)
{
    return {request.dataset.get(), request.offset, request.count, request.format};
}

QString sizeText(std::size_t bytes)
{
    return QStringLiteral("%1 MiB").arg(double(bytes) / double(1 << 20), 0, 'f', 1);
}

std::shared_ptr<const Slice> readSlice(const SliceRequest &request)
{
    auto slice = std::make_shared<Slice>();
    slice->offset = request.offset;
    slice->count = request.count;
    slice->format = request.format;
    switch (request.format) {
    case SliceFormat::Float32: slice->floats = request.dataset->read<float>(request.offset, request.count); break;
    case SliceFormat::Float64: slice->doubles = request.dataset->read<double>(request.offset, request.count); break;
    case SliceFormat::Json:
        slice->cells = std::make_shared<const nlohmann::json>(request.dataset->readJson(request.offset, request.count));
        break;
    }
    return slice;
}

} // namespace

std::size_t Slice::bytes() const
{
    switch (format) {
    case SliceFormat::Float32: return floats.size() * sizeof(float);
    case SliceFormat::Float64: return doubles.size() * sizeof(double);
    case SliceFormat::Json: return std::size_t(h5::elementCount(count)) * JsonBytesPerElement;
    }
    return 0;
}

struct SliceLoader::State {
    struct Job {
        quint64 ticket = 0; // 0: a prefetch, delivered to nobody
        const void *client = nullptr;
        SliceRequest request;
    };
    struct Entry {
        CacheKey key;
        std::shared_ptr<const Slice> slice;
        // Keeps the dataset alive while its slices are cached, so that its address cannot be reused by
        // another dataset and match a stale key.
        std::shared_ptr<const h5::Dataset> dataset;
    };

    std::mutex mutex;
    std::deque<Job> requests;
    std::deque<Job> prefetches;
    std::unordered_map<const void *, quint64> newestTicket;
    std::unordered_map<const void *, quint64> deliveredTicket;
    std::list<Entry> cache; // most recently used first
    std::size_t cachedBytes = 0;
    std::size_t budget = defaultBudget();
    quint64 nextTicket = 1;
    int running = 0;
    std::atomic<std::uint64_t> reads{0};
    std::atomic<std::uint64_t> hits{0};
    // Its own pool: the global one serves other panels' long computations, which must not delay frames.
    // HDF5 runs one call at a time (its global lock), so a second thread only overlaps conversion and
    // delivery with the next read.
    QThreadPool pool;

    std::shared_ptr<const Slice> cached(const CacheKey &key)
    {
        for (auto it = cache.begin(); it != cache.end(); ++it)
            if (it->key == key) {
                cache.splice(cache.begin(), cache, it);
                return it->slice;
            }
        return nullptr;
    }

    // Evicted entries are handed back to be destroyed after the mutex is released: the last reference to a
    // dataset closes it, which waits for HDF5's global lock, possibly held by a long read on the other worker.
    std::list<Entry> remember(const Job &job, std::shared_ptr<const Slice> slice)
    {
        std::list<Entry> evicted;
        const CacheKey key = keyOf(job.request);
        if (cached(key))
            return evicted;
        cachedBytes += slice->bytes();
        cache.push_front({key, std::move(slice), job.request.dataset});
        while (cachedBytes > budget && cache.size() > 1) {
            cachedBytes -= cache.back().slice->bytes();
            evicted.splice(evicted.begin(), cache, std::prev(cache.end()));
        }
        return evicted;
    }
};

SliceLoader::SliceLoader(QObject *parent) : QObject(parent), m_state(std::make_shared<State>())
{
    qRegisterMetaType<std::shared_ptr<const ui::Slice>>();
    m_state->pool.setMaxThreadCount(2);
}

SliceLoader::~SliceLoader()
{
    {
        const std::lock_guard lock(m_state->mutex);
        m_state->requests.clear();
        m_state->prefetches.clear();
    }
    // Running reads emit through this object: it must outlive them.
    m_state->pool.waitForDone();
}

void SliceLoader::setMemoryBudget(std::size_t bytes)
{
    const std::lock_guard lock(m_state->mutex);
    m_state->budget = bytes;
}

std::size_t SliceLoader::memoryBudget() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->budget;
}

std::size_t SliceLoader::bytesOf(const SliceRequest &request)
{
    // Saturating: a sparse dataset's extents can multiply past 2^64, and a wrapped size would pass the budget.
    std::size_t bytes = 1;
    for (const std::uint64_t extent : request.count)
        if (__builtin_mul_overflow(bytes, extent, &bytes))
            return std::numeric_limits<std::size_t>::max();
    std::size_t perElement = 0;
    switch (request.format) {
    case SliceFormat::Float32: perElement = sizeof(float); break;
    case SliceFormat::Float64: perElement = sizeof(double); break;
    case SliceFormat::Json: perElement = JsonBytesPerElement; break;
    }
    return __builtin_mul_overflow(bytes, perElement, &bytes) ? std::numeric_limits<std::size_t>::max() : bytes;
}

void SliceLoader::clearCache()
{
    std::list<State::Entry> dropped;
    {
        const std::lock_guard lock(m_state->mutex);
        dropped.swap(m_state->cache);
        m_state->cachedBytes = 0;
        m_state->prefetches.clear();
    }
}

quint64 SliceLoader::request(const void *client, const SliceRequest &request)
{
    std::unique_lock lock(m_state->mutex);
    const quint64 ticket = m_state->nextTicket++;
    m_state->newestTicket[client] = ticket;
    // Only the newest request of a client matters: when scrubbing, the frames passed over are not wanted.
    std::erase_if(m_state->requests, [client](const State::Job &job) { return job.client == client; });

    if (const std::size_t bytes = bytesOf(request); bytes > m_state->budget) {
        // The view names the dataset: asking HDF5 here would wait for its global lock on the UI thread.
        const QString message = tr("the slice asked for needs %1, over the memory budget of %2")
                                    .arg(sizeText(bytes), sizeText(m_state->budget));
        lock.unlock();
        QMetaObject::invokeMethod(this, [this, ticket, message] { Q_EMIT failed(ticket, message); },
                                  Qt::QueuedConnection);
        return ticket;
    }
    if (auto slice = m_state->cached(keyOf(request))) {
        ++m_state->hits;
        lock.unlock();
        QMetaObject::invokeMethod(this, [this, ticket, slice] { Q_EMIT loaded(ticket, slice); }, Qt::QueuedConnection);
        return ticket;
    }
    m_state->requests.push_back({ticket, client, request});
    lock.unlock();
    pump();
    return ticket;
}

void SliceLoader::prefetch(const SliceRequest &request)
{
    {
        const std::lock_guard lock(m_state->mutex);
        if (bytesOf(request) > m_state->budget / 4 || m_state->cached(keyOf(request)))
            return;
        const CacheKey key = keyOf(request);
        for (const State::Job &job : m_state->prefetches)
            if (keyOf(job.request) == key)
                return;
        m_state->prefetches.push_back({0, nullptr, request});
        // Prefetches that have waited behind newer ones are for frames long passed.
        while (m_state->prefetches.size() > 8)
            m_state->prefetches.pop_front();
    }
    pump();
}

void SliceLoader::cancel(const void *client)
{
    const std::lock_guard lock(m_state->mutex);
    m_state->newestTicket.erase(client);
    // Reads of the client's still running deliver nothing, even once it asks again (for another dataset).
    m_state->deliveredTicket[client] = m_state->nextTicket - 1;
    std::erase_if(m_state->requests, [client](const State::Job &job) { return job.client == client; });
}

bool SliceLoader::isBusy() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->running > 0 || !m_state->requests.empty() || !m_state->prefetches.empty();
}

std::uint64_t SliceLoader::readCount() const
{
    return m_state->reads;
}

std::uint64_t SliceLoader::cacheHitCount() const
{
    return m_state->hits;
}

void SliceLoader::pump()
{
    const std::lock_guard lock(m_state->mutex);
    while (m_state->running < m_state->pool.maxThreadCount()
           && (!m_state->requests.empty() || !m_state->prefetches.empty())) {
        std::deque<State::Job> &queue = m_state->requests.empty() ? m_state->prefetches : m_state->requests;
        State::Job job = std::move(queue.front());
        queue.pop_front();
        ++m_state->running;
        m_state->pool.start([this, state = m_state, job = std::move(job)] {
            std::shared_ptr<const Slice> slice;
            QString problem;
            {
                std::unique_lock lock(state->mutex);
                slice = state->cached(keyOf(job.request));
            }
            if (!slice) {
                try {
                    slice = readSlice(job.request);
                    ++state->reads;
                } catch (const std::exception &error) {
                    problem = QString::fromUtf8(error.what());
                }
            }
            bool deliver = false;
            std::list<State::Entry> evicted;
            {
                const std::lock_guard lock(state->mutex);
                if (slice)
                    evicted = state->remember(job, slice);
                --state->running;
                // A superseded read that finishes is still delivered unless something newer was: while a
                // slider is dragged faster than frames decode, the client shows each frame as it is ready
                // instead of nothing until the drag stops.
                if (job.ticket != 0 && state->newestTicket.contains(job.client)) {
                    quint64 &delivered = state->deliveredTicket[job.client];
                    deliver = job.ticket > delivered;
                    if (deliver)
                        delivered = job.ticket;
                }
            }
            // Emitted from this worker: Qt queues it to the receivers' thread. The destructor waits for
            // this task, so the loader is alive here.
            if (deliver) {
                if (slice)
                    Q_EMIT loaded(job.ticket, slice);
                else
                    Q_EMIT failed(job.ticket, problem);
            }
            pump();
        });
    }
}

} // namespace ui
