#include "hardware/display/stimuluswindow.h"

#include "core/error.h"

#include <QtGui/QGuiApplication>
#include <QtGui/QOpenGLContext>
#include <QtGui/QScreen>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <atomic>
#include <cstdint>
#include <memory>

using hw::PresentationRecord;
using hw::StimulusWindow;

namespace {

constexpr std::int64_t Period60 = 16'666'667;

// Advances by a fixed step at every reading. The window reads the clock once per swap, so this is a display
// refreshing exactly every `step` ns however fast the test machine really swaps: the timing is deterministic.
class TickingClock final : public hw::PresentationClock {
public:
    explicit TickingClock(std::int64_t step) : m_step(step) {}
    std::int64_t nowNs() const override { return m_now += m_step; }

private:
    std::int64_t m_step;
    mutable std::atomic<std::int64_t> m_now = 0;
};

// `rows` rows on the screen's own pixel size; row i shows frame i / 2 and lights the photodiode on odd frames.
hw::FrameSequence sequenceFor(QScreen *screen, std::size_t rows, std::uint64_t failingFrame = UINT64_MAX)
{
    const QSize pixels = screen->size() * screen->devicePixelRatio();
    hw::FrameSequence sequence;
    sequence.width = pixels.width();
    sequence.height = pixels.height();
    sequence.refreshHz = 60;
    for (std::size_t i = 0; i < rows; ++i) {
        const auto frame = static_cast<std::uint32_t>(i / 2);
        sequence.rows.push_back({frame, 0, 0, 0.0, 1, static_cast<std::uint8_t>(frame % 2), double(i) / 60});
    }
    sequence.readFrame = [failingFrame](std::uint64_t index, std::span<std::uint8_t> pixels) {
        if (index == failingFrame) {
            throw core::Error("stimulus.h5: /frames: cannot read chunk");
        }
        std::ranges::fill(pixels, static_cast<std::uint8_t>(index));
    };
    return sequence;
}

bool openGLAvailable()
{
    QOpenGLContext context;
    return context.create();
}

// The offscreen platform has OpenGL only through an X server (GLX); CTest also runs this test under xvfb-run
// where Xvfb is installed (tst_stimuluswindow_xvfb).
#define REQUIRE_OPENGL()                                                                                      \
    if (!openGLAvailable())                                                                                   \
    QSKIP("no OpenGL on this platform (offscreen without an X display); run under xvfb-run -a to test the "  \
          "presentation loop")

struct Spies {
    explicit Spies(StimulusWindow *window)
        : started(window, &StimulusWindow::presentationStarted),
          progressed(window, &StimulusWindow::progressed),
          finished(window, &StimulusWindow::presentationFinished),
          aborted(window, &StimulusWindow::presentationAborted),
          failed(window, &StimulusWindow::presentationFailed)
    {
    }
    QSignalSpy started, progressed, finished, aborted, failed;
};

} // namespace

class tst_StimulusWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesAFrameSizeOtherThanTheScreens();
    void withoutOpenGLFailsAtStart();
    void presentsEveryRowWhenTheRefreshIsHonoured();
    void escapeAbortsAndKeepsTheLog();
    void closingTheWindowAborts();
    void escapeDuringTheRefreshCheckAborts();
    void refusesToRunWhenVsyncIsNotHonoured();
    void aFrameThatCannotBeReadFailsThePresentation();

private:
    QScreen *screen() const { return QGuiApplication::primaryScreen(); }
};

void tst_StimulusWindow::refusesAFrameSizeOtherThanTheScreens()
{
    hw::FrameSequence sequence = sequenceFor(screen(), 10);
    sequence.width = 17;
    sequence.height = 13;
    StimulusWindow window(sequence, screen());
    Spies spies(&window);
    window.start();
    QCOMPARE(window.state(), StimulusWindow::State::Failed);
    QCOMPARE(spies.failed.count(), 1);
    const QString message = spies.failed.at(0).at(0).toString();
    QVERIFY2(message.startsWith(QStringLiteral("the stimulus is 17×13 px but screen")), qPrintable(message));
    QCOMPARE(window.errorString(), message);
    QVERIFY(!window.isVisible());
    QVERIFY(window.log().empty());
}

void tst_StimulusWindow::withoutOpenGLFailsAtStart()
{
    if (openGLAvailable()) {
        QSKIP("OpenGL is available here, so this platform cannot show the failure");
    }
    StimulusWindow window(sequenceFor(screen(), 10), screen());
    Spies spies(&window);
    window.start();
    QCOMPARE(window.state(), StimulusWindow::State::Failed);
    QCOMPARE(spies.failed.count(), 1);
    QCOMPARE(spies.failed.at(0).at(0).toString(),
             QStringLiteral("cannot create an OpenGL context on the '%1' platform: the stimulus display needs "
                            "OpenGL")
                 .arg(QGuiApplication::platformName()));
    // Esc after the failure changes nothing.
    QTest::keyClick(&window, Qt::Key_Escape);
    QCOMPARE(spies.aborted.count(), 0);
}

void tst_StimulusWindow::presentsEveryRowWhenTheRefreshIsHonoured()
{
    REQUIRE_OPENGL();
    constexpr std::size_t Rows = 300;
    StimulusWindow window(sequenceFor(screen(), Rows), screen(), {},
                          std::make_shared<TickingClock>(Period60));
    Spies spies(&window);
    window.start();
    QTRY_COMPARE_WITH_TIMEOUT(spies.finished.count(), 1, 60'000);

    QCOMPARE(window.state(), StimulusWindow::State::Finished);
    QCOMPARE(spies.started.count(), 1);
    QCOMPARE(spies.aborted.count(), 0);
    QCOMPARE(spies.failed.count(), 0);
    QVERIFY(!window.isVisible());

    QVERIFY(window.refreshCheck() && window.refreshCheck()->honoured());
    QCOMPARE(window.refreshCheck()->medianIntervalNs, Period60);

    const auto &log = window.log();
    QCOMPARE(log.size(), Rows);
    for (std::size_t i = 0; i < Rows; ++i) {
        QCOMPARE(log[i].row, std::uint64_t(i));
        QCOMPARE(log[i].frame, std::uint32_t(i / 2));
        QVERIFY(!log[i].dropped);
        if (i > 0) {
            QCOMPARE(log[i].presentedNs - log[i - 1].presentedNs, Period60);
        }
    }
    const hw::PresentationStats stats = window.stats();
    QCOMPARE(stats.presented, std::uint64_t(Rows));
    QCOMPARE(stats.dropped + stats.early + stats.lateOver20ms, std::uint64_t(0));

    // Every 15 refreshes (250 ms) during the 5 s, then once at the end: 19 + 1, never one per frame.
    QCOMPARE(spies.progressed.count(), 20);
    QCOMPARE(spies.progressed.at(0).at(0).toULongLong(), 15ull);
    QCOMPARE(spies.progressed.last().at(0).toULongLong(), quint64(Rows));
    QCOMPARE(spies.progressed.last().at(1).toULongLong(), quint64(Rows));
}

void tst_StimulusWindow::escapeAbortsAndKeepsTheLog()
{
    REQUIRE_OPENGL();
    // Far more rows than can be shown before the test presses Esc (the loop runs as fast as the machine
    // swaps): the presentation cannot finish first.
    constexpr std::size_t Rows = 100'000;
    StimulusWindow window(sequenceFor(screen(), Rows), screen(), {},
                          std::make_shared<TickingClock>(Period60));
    Spies spies(&window);
    window.start();
    QTRY_VERIFY_WITH_TIMEOUT(spies.progressed.count() > 0, 60'000);
    QTest::keyClick(&window, Qt::Key_Escape);

    QTRY_COMPARE(spies.aborted.count(), 1);
    QCOMPARE(window.state(), StimulusWindow::State::Aborted);
    QCOMPARE(spies.finished.count(), 0);
    QCOMPARE(spies.failed.count(), 0);
    QVERIFY(!window.isVisible());

    const auto &log = window.log();
    QVERIFY(log.size() >= 15);
    QVERIFY(log.size() < Rows);
    for (std::size_t i = 0; i < log.size(); ++i) {
        QCOMPARE(log[i].row, std::uint64_t(i));
        QVERIFY(log[i].presentedNs != PresentationRecord::NotPresented);
    }
    // Nothing more happens after the abort.
    const std::size_t shown = log.size();
    QTest::qWait(50);
    QCOMPARE(window.log().size(), shown);
    QCOMPARE(spies.aborted.count(), 1);
}

void tst_StimulusWindow::closingTheWindowAborts()
{
    REQUIRE_OPENGL();
    StimulusWindow window(sequenceFor(screen(), 100'000), screen(), {},
                          std::make_shared<TickingClock>(Period60));
    Spies spies(&window);
    window.start();
    QTRY_COMPARE_WITH_TIMEOUT(spies.started.count(), 1, 60'000);
    window.close();
    QCOMPARE(spies.aborted.count(), 1);
    QCOMPARE(window.state(), StimulusWindow::State::Aborted);
}

void tst_StimulusWindow::escapeDuringTheRefreshCheckAborts()
{
    REQUIRE_OPENGL();
    hw::PresentationOptions options;
    options.refreshCheckSwaps = 1'000'000; // the check outlasts the test
    StimulusWindow window(sequenceFor(screen(), 100), screen(), options, std::make_shared<TickingClock>(Period60));
    Spies spies(&window);
    window.start();
    QTRY_COMPARE_WITH_TIMEOUT(window.state(), StimulusWindow::State::CheckingRefresh, 60'000);
    QTest::keyClick(&window, Qt::Key_Escape);
    QTRY_COMPARE(spies.aborted.count(), 1);
    QCOMPARE(spies.started.count(), 0);
    QVERIFY(!window.refreshCheck());
    QVERIFY(window.log().empty());
    QVERIFY(!window.isVisible());
}

void tst_StimulusWindow::refusesToRunWhenVsyncIsNotHonoured()
{
    REQUIRE_OPENGL();
    StimulusWindow window(sequenceFor(screen(), 100), screen(), {}, std::make_shared<TickingClock>(1'000'000));
    Spies spies(&window);
    window.start();
    QTRY_COMPARE_WITH_TIMEOUT(spies.failed.count(), 1, 60'000);
    QCOMPARE(spies.failed.at(0).at(0).toString(),
             QStringLiteral("display refresh measured 1000.0 Hz, expected 60 Hz: vsync is not honoured (is 'sync "
                            "to vblank' off?)"));
    QCOMPARE(spies.started.count(), 0);
    QCOMPARE(window.state(), StimulusWindow::State::Failed);
    QVERIFY(window.refreshCheck());
    QCOMPARE(window.refreshCheck()->verdict, hw::RefreshVerdict::VsyncNotHonoured);
    QCOMPARE(window.refreshCheck()->intervals, std::size_t(hw::PresentationOptions{}.refreshCheckSwaps));
    QVERIFY(window.log().empty());
    QVERIFY(!window.isVisible());
}

void tst_StimulusWindow::aFrameThatCannotBeReadFailsThePresentation()
{
    REQUIRE_OPENGL();
    StimulusWindow window(sequenceFor(screen(), 100, 3), screen(), {}, std::make_shared<TickingClock>(Period60));
    Spies spies(&window);
    window.start();
    QTRY_COMPARE_WITH_TIMEOUT(spies.failed.count(), 1, 60'000);
    QCOMPARE(spies.failed.at(0).at(0).toString(),
             QStringLiteral("stimulus frame 3: stimulus.h5: /frames: cannot read chunk"));
    // Rows 0..5 show frames 0..2 and were presented; the log keeps them.
    QCOMPARE(window.log().size(), std::size_t(6));
    QCOMPARE(spies.started.count(), 1);
}

QTEST_MAIN(tst_StimulusWindow)
#include "tst_stimuluswindow.moc"
