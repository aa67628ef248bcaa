#include "hardware/display/presentationtiming.h"

#include <QtTest/QTest>

#include <cstdint>
#include <vector>

using hw::PresentationRecord;
using hw::PresentationStats;
using hw::PresentationTiming;

// Scenarios are written as swap intervals: what the presentation clock would read between consecutive
// swaps. The test plays them through PresentationTiming exactly as the window does (render nextRow(), swap,
// stamp, record), so every count is exact.
namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Period60 = 16'666'667;  // 60 Hz
constexpr std::int64_t Start = 5'000 * Ms;     // an arbitrary clock origin

using Intervals = std::vector<std::int64_t>;

Intervals repeated(std::int64_t interval, std::size_t count)
{
    return Intervals(count, interval);
}

// Frame of row i is i / 3: three refreshes per frame, so frame numbers are checked against rows.
std::vector<std::uint32_t> rowFrames(std::size_t rows)
{
    std::vector<std::uint32_t> frames(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        frames[i] = static_cast<std::uint32_t>(i / 3);
    }
    return frames;
}

// Plays the intervals until they run out or the presentation finishes; returns the timing.
PresentationTiming play(std::size_t rows, const Intervals &intervals)
{
    PresentationTiming timing(Period60, rowFrames(rows));
    std::int64_t now = Start;
    timing.recordPresented(now);
    for (const std::int64_t interval : intervals) {
        if (timing.finished()) {
            break;
        }
        now += interval;
        timing.recordPresented(now);
    }
    return timing;
}

} // namespace

Q_DECLARE_METATYPE(Intervals)

class tst_PresentationTiming : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void countsEachScenarioExactly_data();
    void countsEachScenarioExactly();
    void logHasEveryRowOnceInOrder();
    void droppedRowsAreTheOnesTheLateFrameDisplaced();
    void skipPastTheEndFinishesWithoutOverrun();
    void perfectRunStampsEveryRow();
};

void tst_PresentationTiming::countsEachScenarioExactly_data()
{
    QTest::addColumn<Intervals>("intervals");
    QTest::addColumn<std::size_t>("rows");
    QTest::addColumn<quint64>("presented");
    QTest::addColumn<quint64>("dropped");
    QTest::addColumn<quint64>("early");
    QTest::addColumn<quint64>("over20");
    QTest::addColumn<quint64>("over33");
    QTest::addColumn<quint64>("over50");
    QTest::addColumn<quint64>("over100");

    QTest::newRow("perfect 60 Hz") << repeated(Period60, 599) << std::size_t(600) << 600ull << 0ull << 0ull
                                   << 0ull << 0ull << 0ull << 0ull;

    Intervals jitter;
    for (int i = 0; i < 599; ++i) {
        jitter.push_back(Period60 + (i % 2 ? 3 * Ms : -3 * Ms)); // ±3 ms: well inside one refresh
    }
    QTest::newRow("jitter ±3 ms") << jitter << std::size_t(600) << 600ull << 0ull << 0ull << 0ull << 0ull << 0ull
                                  << 0ull;

    // A 40 ms stall on top of one period: 56.7 ms spans round(3.4) = 3 refreshes, so 2 rows are skipped;
    // lateness 40 ms is over 20 and 33 ms.
    Intervals stall = repeated(Period60, 599);
    stall[100] = Period60 + 40 * Ms;
    QTest::newRow("stall of 40 ms") << stall << std::size_t(600) << 598ull << 2ull << 0ull << 1ull << 1ull << 0ull
                                    << 0ull;

    // The same stall as a vsynced display shows it: the image changes 3 refreshes later (lateness 33.3 ms).
    Intervals stallOnVsync = repeated(Period60, 599);
    stallOnVsync[100] = 3 * Period60;
    QTest::newRow("stall spanning 3 refreshes")
        << stallOnVsync << std::size_t(600) << 598ull << 2ull << 0ull << 1ull << 1ull << 0ull << 0ull;

    // Five single skipped refreshes: each drops a row, none is more than 16.7 ms late.
    Intervals skipped = repeated(Period60, 599);
    for (const int at : {10, 50, 90, 130, 170}) {
        skipped[at] = 2 * Period60;
    }
    QTest::newRow("skipped refreshes") << skipped << std::size_t(600) << 595ull << 5ull << 0ull << 0ull << 0ull
                                       << 0ull << 0ull;

    // 120 ms (lateness 103.3 ms, round(7.2) = 7 refreshes): every bin, six rows dropped.
    Intervals longStall = repeated(Period60, 599);
    longStall[300] = 120 * Ms;
    QTest::newRow("stall of 120 ms") << longStall << std::size_t(600) << 594ull << 6ull << 0ull << 1ull << 1ull
                                     << 1ull << 1ull;

    // 70 ms exactly: lateness 53.3 ms, round(4.2) = 4 refreshes.
    Intervals midStall = repeated(Period60, 599);
    midStall[5] = 70 * Ms;
    QTest::newRow("stall of 70 ms") << midStall << std::size_t(600) << 597ull << 3ull << 0ull << 1ull << 1ull
                                    << 1ull << 0ull;

    // Vsync lost mid-run: swaps every 1 ms are early, never late, and drop nothing (each shows one row).
    QTest::newRow("no vsync, swaps every 1 ms")
        << repeated(1 * Ms, 599) << std::size_t(600) << 600ull << 0ull << 599ull << 0ull << 0ull << 0ull << 0ull;

    // A 75 Hz monitor against a 60 Hz period: 13.3 ms is 0.8 of a period, neither early nor late. (The
    // refresh check is what refuses this.)
    QTest::newRow("monitor at 75 Hz") << repeated(13'333'333, 599) << std::size_t(600) << 600ull << 0ull << 0ull
                                      << 0ull << 0ull << 0ull << 0ull;
}

void tst_PresentationTiming::countsEachScenarioExactly()
{
    QFETCH(Intervals, intervals);
    QFETCH(std::size_t, rows);
    const PresentationTiming timing = play(rows, intervals);
    const PresentationStats &stats = timing.stats();

    QVERIFY(timing.finished());
    QTEST(quint64(stats.presented), "presented");
    QTEST(quint64(stats.dropped), "dropped");
    QTEST(quint64(stats.early), "early");
    QTEST(quint64(stats.lateOver20ms), "over20");
    QTEST(quint64(stats.lateOver33ms), "over33");
    QTEST(quint64(stats.lateOver50ms), "over50");
    QTEST(quint64(stats.lateOver100ms), "over100");
    QCOMPARE(stats.presented + stats.dropped, std::uint64_t(rows));
}

void tst_PresentationTiming::logHasEveryRowOnceInOrder()
{
    Intervals intervals = repeated(Period60, 599);
    intervals[7] = 4 * Period60;
    intervals[200] = 2 * Period60;
    const PresentationTiming timing = play(600, intervals);
    const auto &log = timing.log();
    QCOMPARE(log.size(), std::size_t(600));
    for (std::size_t i = 0; i < log.size(); ++i) {
        QCOMPARE(log[i].row, std::uint64_t(i));
        QCOMPARE(log[i].frame, std::uint32_t(i / 3));
        QCOMPARE(log[i].dropped, log[i].presentedNs == PresentationRecord::NotPresented);
    }
    for (std::size_t i = 1; i < log.size(); ++i) {
        if (!log[i].dropped && !log[i - 1].dropped) {
            QVERIFY(log[i].presentedNs > log[i - 1].presentedNs);
        }
    }
}

void tst_PresentationTiming::droppedRowsAreTheOnesTheLateFrameDisplaced()
{
    // Rows 0..3 on time; row 4 arrives 3 refreshes after row 3, in the slot of row 6: rows 5 and 6 are
    // dropped and rows 7, 8, 9 follow, back on the original schedule.
    Intervals intervals = {Period60, Period60, Period60, 3 * Period60, Period60, Period60, Period60};
    const PresentationTiming timing = play(20, intervals);
    const auto &log = timing.log();
    QCOMPARE(log.size(), std::size_t(10));
    QCOMPARE(log[4].presentedNs, Start + 6 * Period60);
    QVERIFY(!log[4].dropped);
    QVERIFY(log[5].dropped);
    QVERIFY(log[6].dropped);
    QCOMPARE(log[7].row, std::uint64_t(7));
    QCOMPARE(log[7].presentedNs, Start + 7 * Period60);
    QCOMPARE(log[9].presentedNs, Start + 9 * Period60);
    QCOMPARE(timing.nextRow(), std::uint64_t(10));
    QCOMPARE(timing.stats().longestIntervalNs, 3 * Period60);
}

void tst_PresentationTiming::skipPastTheEndFinishesWithoutOverrun()
{
    // Row 8 of 10 arrives 10 refreshes late: only row 9 is left to drop.
    Intervals intervals = repeated(Period60, 7);
    intervals.push_back(10 * Period60);
    const PresentationTiming timing = play(10, intervals);
    QVERIFY(timing.finished());
    QCOMPARE(timing.nextRow(), std::uint64_t(10));
    QCOMPARE(timing.log().size(), std::size_t(10));
    QCOMPARE(timing.stats().presented, std::uint64_t(9));
    QCOMPARE(timing.stats().dropped, std::uint64_t(1));
}

void tst_PresentationTiming::perfectRunStampsEveryRow()
{
    const PresentationTiming timing = play(3, repeated(Period60, 2));
    const auto &log = timing.log();
    QCOMPARE(log.size(), std::size_t(3));
    QCOMPARE(log[0].presentedNs, Start);
    QCOMPARE(log[1].presentedNs, Start + Period60);
    QCOMPARE(log[2].presentedNs, Start + 2 * Period60);
    QCOMPARE(timing.stats().longestIntervalNs, Period60);
    QCOMPARE(timing.periodNs(), Period60);
}

QTEST_APPLESS_MAIN(tst_PresentationTiming)
#include "tst_presentationtiming.moc"
