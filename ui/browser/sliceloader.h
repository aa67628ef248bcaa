#pragma once

#include "core/h5/types.h"

#include <nlohmann/json_fwd.hpp>

#include <QtCore/QObject>
#include <QtCore/QString>

#include <cstddef>
#include <memory>
#include <vector>

namespace h5 {
class Dataset;
}

namespace ui {

// How a slice is delivered: numbers for images (float, half the memory of double) and plots (double), JSON
// for tables and text (compounds as objects, enums as names, strings as strings; Dataset::readJson).
enum class SliceFormat { Float32, Float64, Json };

struct SliceRequest {
    std::shared_ptr<const h5::Dataset> dataset;
    h5::Shape offset;
    h5::Shape count;
    SliceFormat format = SliceFormat::Float32;
};

// A hyperslab read from a dataset, in C order. Exactly one of the three holds the values, as `format` says.
struct Slice {
    h5::Shape offset;
    h5::Shape count;
    SliceFormat format = SliceFormat::Float32;
    std::vector<float> floats;
    std::vector<double> doubles;
    std::shared_ptr<const nlohmann::json> cells; // nested arrays, count's shape
    std::size_t bytes() const;
};

// Reads hyperslabs on worker threads so that the UI thread never waits for the file, and keeps the most
// recent ones in a cache bounded by the memory budget, so that scrubbing back over frames just seen is instant.
//
// Each view is a client: a client's new request supersedes its older ones not yet started (when scrubbing
// only the newest frame matters). A read already running is finished into the cache and delivered if
// nothing newer has been delivered to the client yet, so a client scrubbing faster than frames decode sees
// each one as it is ready; clients that want only their newest answer compare tickets.
// Prefetches (the frames next to the shown one) run only when no request waits. A slice larger than the
// budget is refused at once with a message naming the dataset and both sizes: a warning instead of an
// out-of-memory crash.
class SliceLoader : public QObject {
    Q_OBJECT

public:
    explicit SliceLoader(QObject *parent = nullptr);
    // Waits for the reads running now; pending ones are dropped.
    ~SliceLoader() override;

    // Bytes for one slice and for the cache together. Default: a quarter of physical memory, at most 4 GiB.
    void setMemoryBudget(std::size_t bytes);
    std::size_t memoryBudget() const;

    // Starts reading, or finds the slice in the cache (delivered all the same through `loaded`, queued, so
    // the caller sees one path). Returns the ticket that `loaded` or `failed` will carry.
    quint64 request(const void *client, const SliceRequest &request);
    // Reads into the cache, delivering nothing.
    void prefetch(const SliceRequest &request);
    // Drops the client's pending requests; nothing more is delivered for them. Views call it when they
    // change dataset or are destroyed.
    void cancel(const void *client);

    // Drops every cached slice, and with them the datasets they kept open: before a file is reloaded or
    // closed, so that HDF5 really closes it.
    void clearCache();

    // Memory a request's slice takes once read.
    static std::size_t bytesOf(const SliceRequest &request);

    // Whether reads are queued or running: for scripted screenshots, which wait for the data on screen.
    bool isBusy() const;

    // Counts for tests and the benchmark: reads done by workers, and requests answered from the cache.
    std::uint64_t readCount() const;
    std::uint64_t cacheHitCount() const;

Q_SIGNALS:
    void loaded(quint64 ticket, std::shared_ptr<const ui::Slice> slice);
    void failed(quint64 ticket, const QString &message);

private:
    // Starts queued reads while workers are free: requests first, then prefetches.
    void pump();

    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace ui

Q_DECLARE_METATYPE(std::shared_ptr<const ui::Slice>)
