#include "hardware/display/frameprefetcher.h"

#include "core/error.h"

#include <QtTest/QTest>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

using hw::FramePrefetcher;
using FetchStatus = hw::FramePrefetcher::FetchStatus;

namespace {

constexpr std::size_t FrameBytes = 16;

// Every pixel of frame f holds f (mod 256), so a fetched buffer shows which frame it is.
struct Reader {
    std::mutex mutex;
    std::vector<std::uint64_t> reads;  // read after the prefetcher stopped
    std::atomic<std::size_t> readCount = 0;
    std::uint64_t failAt = UINT64_MAX;

    FramePrefetcher::ReadFrame function()
    {
        return [this](std::uint64_t index, std::span<std::uint8_t> pixels) {
            if (index == failAt) {
                throw core::Error("stimulus.h5: /frames: cannot read chunk");
            }
            std::ranges::fill(pixels, static_cast<std::uint8_t>(index));
            const std::lock_guard lock(mutex);
            reads.push_back(index);
            ++readCount;
        };
    }
};

bool holdsFrame(const FramePrefetcher::Fetch &fetch, std::uint8_t frame)
{
    return fetch.status == FetchStatus::Changed && fetch.pixels.size() == FrameBytes &&
           std::ranges::all_of(fetch.pixels, [frame](std::uint8_t p) { return p == frame; });
}

} // namespace

class tst_FramePrefetcher : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deliversEachRunOnceInRowOrder();
    void skippedRowsReleaseTheirFrames();
    void manyMoreRunsThanSlots();
    void readFailureIsAValueNamingTheFrame();
    void stopWhileTheRingIsFullJoins();
    void fetchAfterStopFails();
};

void tst_FramePrefetcher::deliversEachRunOnceInRowOrder()
{
    // Background (0) for 3 rows, frames 5, 6, 6, then background again.
    const std::vector<std::uint32_t> rows{0, 0, 0, 5, 6, 6, 0, 0};
    Reader reader;
    FramePrefetcher prefetcher(reader.function(), rows, FrameBytes, 2);
    prefetcher.start();

    QVERIFY(holdsFrame(prefetcher.frameFor(0), 0));
    QCOMPARE(prefetcher.frameFor(1).status, FetchStatus::Unchanged);
    QCOMPARE(prefetcher.frameFor(2).status, FetchStatus::Unchanged);
    QVERIFY(holdsFrame(prefetcher.frameFor(3), 5));
    QVERIFY(holdsFrame(prefetcher.frameFor(4), 6));
    QCOMPARE(prefetcher.frameFor(5).status, FetchStatus::Unchanged);
    QVERIFY(holdsFrame(prefetcher.frameFor(6), 0));
    QCOMPARE(prefetcher.frameFor(7).status, FetchStatus::Unchanged);
    prefetcher.stop();
    // One read per run: the background is read again for its second run, never once per row.
    QCOMPARE(reader.reads, (std::vector<std::uint64_t>{0, 5, 6, 0}));
}

void tst_FramePrefetcher::skippedRowsReleaseTheirFrames()
{
    std::vector<std::uint32_t> rows(100);
    for (std::uint32_t i = 0; i < rows.size(); ++i) {
        rows[i] = i;
    }
    Reader reader;
    FramePrefetcher prefetcher(reader.function(), rows, FrameBytes, 3);
    prefetcher.start();
    QVERIFY(holdsFrame(prefetcher.frameFor(0), 0));
    // Dropped rows: jump ahead repeatedly; with 3 slots this only works if skipped runs are released.
    for (std::uint64_t row = 7; row < rows.size(); row += 7) {
        QVERIFY(holdsFrame(prefetcher.frameFor(row), static_cast<std::uint8_t>(row)));
    }
}

void tst_FramePrefetcher::manyMoreRunsThanSlots()
{
    std::vector<std::uint32_t> rows(1000);
    for (std::uint32_t i = 0; i < rows.size(); ++i) {
        rows[i] = i / 2;
    }
    Reader reader;
    FramePrefetcher prefetcher(reader.function(), rows, FrameBytes, 4);
    prefetcher.start();
    for (std::uint64_t row = 0; row < rows.size(); ++row) {
        const auto fetch = prefetcher.frameFor(row);
        if (row % 2 == 0) {
            QVERIFY(holdsFrame(fetch, static_cast<std::uint8_t>(row / 2)));
        } else {
            QCOMPARE(fetch.status, FetchStatus::Unchanged);
        }
    }
    prefetcher.stop();
    QCOMPARE(reader.reads.size(), std::size_t(500));
}

void tst_FramePrefetcher::readFailureIsAValueNamingTheFrame()
{
    const std::vector<std::uint32_t> rows{0, 1, 2, 3};
    Reader reader;
    reader.failAt = 2;
    FramePrefetcher prefetcher(reader.function(), rows, FrameBytes, 8);
    prefetcher.start();
    QVERIFY(holdsFrame(prefetcher.frameFor(0), 0));
    QVERIFY(holdsFrame(prefetcher.frameFor(1), 1));
    const auto failed = prefetcher.frameFor(2);
    QCOMPARE(failed.status, FetchStatus::Failed);
    QCOMPARE(QString::fromStdString(failed.error),
             QStringLiteral("stimulus frame 2: stimulus.h5: /frames: cannot read chunk"));
}

void tst_FramePrefetcher::stopWhileTheRingIsFullJoins()
{
    std::vector<std::uint32_t> rows(50);
    for (std::uint32_t i = 0; i < rows.size(); ++i) {
        rows[i] = i;
    }
    Reader reader;
    FramePrefetcher prefetcher(reader.function(), rows, FrameBytes, 2);
    prefetcher.start();
    QVERIFY(holdsFrame(prefetcher.frameFor(0), 0));
    // The thread fills the other slot with frame 1 and then waits for a free one; stop() must wake it.
    QTRY_COMPARE(reader.readCount.load(), std::size_t(2));
    prefetcher.stop();
    QCOMPARE(reader.reads, (std::vector<std::uint64_t>{0, 1}));
}

void tst_FramePrefetcher::fetchAfterStopFails()
{
    const std::vector<std::uint32_t> rows{0, 1};
    Reader reader;
    FramePrefetcher prefetcher(reader.function(), rows, FrameBytes, 1);
    prefetcher.start();
    QVERIFY(holdsFrame(prefetcher.frameFor(0), 0));
    prefetcher.stop();
    // Frame 1 was never decoded: its slot was held by frame 0 until this call.
    QCOMPARE(prefetcher.frameFor(1).status, FetchStatus::Failed);
}

QTEST_GUILESS_MAIN(tst_FramePrefetcher)
#include "tst_frameprefetcher.moc"
