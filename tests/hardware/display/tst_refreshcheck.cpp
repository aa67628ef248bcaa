#include "hardware/display/refreshcheck.h"

#include <QtTest/QTest>

#include <cstdint>
#include <string>
#include <vector>

using hw::RefreshVerdict;

namespace {

constexpr std::int64_t Ms = 1'000'000;
constexpr std::int64_t Period60 = 16'666'667;
constexpr std::size_t Swaps = 120; // intervals measured, as the window does by default

using Intervals = std::vector<std::int64_t>;

std::vector<std::int64_t> timestamps(const Intervals &intervals)
{
    std::vector<std::int64_t> stamps{1'000 * Ms};
    for (const std::int64_t interval : intervals) {
        stamps.push_back(stamps.back() + interval);
    }
    return stamps;
}

Intervals withEvery(std::size_t every, std::int64_t interval, Intervals base)
{
    for (std::size_t i = 0; i < base.size(); i += every) {
        base[i] = interval;
    }
    return base;
}

} // namespace

Q_DECLARE_METATYPE(Intervals)
Q_DECLARE_METATYPE(RefreshVerdict)

class tst_RefreshCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void judgesEachScenario_data();
    void judgesEachScenario();
    void messagesSayWhatWasMeasuredAndWhatToFix_data();
    void messagesSayWhatWasMeasuredAndWhatToFix();
    void tooFewSwapsMeasureNothing();
    void tolerancesAreHonoured();
};

void tst_RefreshCheck::judgesEachScenario_data()
{
    QTest::addColumn<Intervals>("intervals");
    QTest::addColumn<double>("expectedHz");
    QTest::addColumn<RefreshVerdict>("verdict");
    QTest::addColumn<std::int64_t>("medianNs");
    QTest::addColumn<int>("irregular");

    const Intervals perfect(Swaps, Period60);
    QTest::newRow("perfect 60 Hz") << perfect << 60.0 << RefreshVerdict::Honoured << Period60 << 0;

    Intervals jitter;
    for (std::size_t i = 0; i < Swaps; ++i) {
        jitter.push_back(Period60 + std::int64_t(i % 5) * Ms - 2 * Ms); // −2 … +2 ms
    }
    QTest::newRow("jitter ±2 ms") << jitter << 60.0 << RefreshVerdict::Honoured << Period60 << 0;

    Intervals stall = perfect;
    stall[60] = Period60 + 40 * Ms;
    QTest::newRow("one 40 ms stall") << stall << 60.0 << RefreshVerdict::Honoured << Period60 << 1;

    // 12 of 120 (10 %) skipped refreshes are tolerated; 13 are not.
    QTest::newRow("10 % skipped refreshes")
        << withEvery(10, 2 * Period60, perfect) << 60.0 << RefreshVerdict::Honoured << Period60 << 12;
    Intervals thirteen = withEvery(10, 2 * Period60, perfect);
    thirteen[1] = 2 * Period60;
    QTest::newRow("13 skipped refreshes") << thirteen << 60.0 << RefreshVerdict::Irregular << Period60 << 13;
    QTest::newRow("every third refresh skipped")
        << withEvery(3, 2 * Period60, perfect) << 60.0 << RefreshVerdict::Irregular << Period60 << 40;

    QTest::newRow("no vsync, swaps every 1 ms")
        << Intervals(Swaps, 1 * Ms) << 60.0 << RefreshVerdict::VsyncNotHonoured << 1 * Ms << 0;
    // Swaps returning immediately, with now and then one that waited on a full queue.
    QTest::newRow("no vsync, irregular")
        << withEvery(4, 16 * Ms, Intervals(Swaps, Ms / 2)) << 60.0 << RefreshVerdict::VsyncNotHonoured << Ms / 2
        << 30;
    QTest::newRow("monitor at 75 Hz, 60 expected")
        << Intervals(Swaps, 13'333'333) << 60.0 << RefreshVerdict::WrongRate << std::int64_t(13'333'333) << 0;
    QTest::newRow("monitor at 60 Hz, 75 expected")
        << perfect << 75.0 << RefreshVerdict::WrongRate << Period60 << 0;
    QTest::newRow("every frame twice (30 Hz)")
        << Intervals(Swaps, 2 * Period60) << 60.0 << RefreshVerdict::WrongRate << 2 * Period60 << 0;
    // 59.94 Hz (NTSC-derived modes) is within 5 % of 60 Hz.
    QTest::newRow("59.94 Hz for 60") << Intervals(Swaps, 16'683'350) << 60.0 << RefreshVerdict::Honoured
                                     << std::int64_t(16'683'350) << 0;
    QTest::newRow("144 Hz") << Intervals(Swaps, 6'944'444) << 144.0 << RefreshVerdict::Honoured
                            << std::int64_t(6'944'444) << 0;
}

void tst_RefreshCheck::judgesEachScenario()
{
    QFETCH(Intervals, intervals);
    QFETCH(double, expectedHz);
    const auto stamps = timestamps(intervals);
    const hw::RefreshCheck check = hw::checkRefresh(stamps, expectedHz);

    QTEST(check.verdict, "verdict");
    QTEST(check.medianIntervalNs, "medianNs");
    QTEST(int(check.irregularIntervals), "irregular");
    QCOMPARE(check.intervals, intervals.size());
    QCOMPARE(check.expectedHz, expectedHz);
    QCOMPARE(check.honoured(), check.message.empty());
}

void tst_RefreshCheck::messagesSayWhatWasMeasuredAndWhatToFix_data()
{
    QTest::addColumn<Intervals>("intervals");
    QTest::addColumn<double>("expectedHz");
    QTest::addColumn<QString>("message");

    // Regular swaps at a rate a monitor can have (a 144 Hz panel) read as a monitor set to another rate.
    QTest::newRow("142.3 Hz, regular") << Intervals(Swaps, 7'027'407)
                              << 60.0
                              << "display refresh measured 142.3 Hz, expected 60 Hz: set the monitor to 60 Hz or "
                                 "generate the stimulus for the monitor's rate";
    QTest::newRow("swaps at once") << Intervals(Swaps, 1 * Ms) << 60.0
                                   << "display refresh measured 1000.0 Hz, expected 60 Hz: vsync is not honoured "
                                      "(is 'sync to vblank' off?)";
    QTest::newRow("75 Hz") << Intervals(Swaps, 13'333'333) << 60.0
                           << "display refresh measured 75.0 Hz, expected 60 Hz: set the monitor to 60 Hz or "
                              "generate the stimulus for the monitor's rate";
    QTest::newRow("irregular") << withEvery(3, 2 * Period60, Intervals(Swaps, Period60)) << 60.0
                               << "display refresh irregular: 40 of 120 swap intervals are more than 25 % away "
                                  "from 16.67 ms: vsync is not reliably honoured (a compositor, power saving, or "
                                  "another program drawing?)";
    QTest::newRow("fractional rate") << Intervals(Swaps, 1 * Ms) << 59.94
                                     << "display refresh measured 1000.0 Hz, expected 59.94 Hz: vsync is not "
                                        "honoured (is 'sync to vblank' off?)";
}

void tst_RefreshCheck::messagesSayWhatWasMeasuredAndWhatToFix()
{
    QFETCH(Intervals, intervals);
    QFETCH(double, expectedHz);
    const auto stamps = timestamps(intervals);
    QTEST(QString::fromStdString(hw::checkRefresh(stamps, expectedHz).message), "message");
}

void tst_RefreshCheck::tooFewSwapsMeasureNothing()
{
    const std::vector<std::int64_t> one{42};
    const hw::RefreshCheck check = hw::checkRefresh(one, 60);
    QCOMPARE(check.verdict, RefreshVerdict::TooFewSwaps);
    QVERIFY(!check.honoured());
    QCOMPARE(check.measuredHz, 0.0);
    QCOMPARE(QString::fromStdString(check.message),
             QStringLiteral("display refresh check needs at least 2 swaps, got 1"));
    QCOMPARE(hw::checkRefresh({}, 60).verdict, RefreshVerdict::TooFewSwaps);
}

void tst_RefreshCheck::tolerancesAreHonoured()
{
    // 8 % off: refused by default, accepted with a 10 % rate tolerance.
    const auto stamps = timestamps(Intervals(Swaps, 18'000'000));
    QCOMPARE(hw::checkRefresh(stamps, 60).verdict, RefreshVerdict::WrongRate);
    QCOMPARE(hw::checkRefresh(stamps, 60, {.rate = 0.10}).verdict, RefreshVerdict::Honoured);

    // 20 % of intervals skipped: irregular by default, accepted when 25 % may be.
    const auto skipping = timestamps(withEvery(5, 2 * Period60, Intervals(Swaps, Period60)));
    QCOMPARE(hw::checkRefresh(skipping, 60).verdict, RefreshVerdict::Irregular);
    QCOMPARE(hw::checkRefresh(skipping, 60, {.irregularFraction = 0.25}).verdict, RefreshVerdict::Honoured);
}

QTEST_APPLESS_MAIN(tst_RefreshCheck)
#include "tst_refreshcheck.moc"
