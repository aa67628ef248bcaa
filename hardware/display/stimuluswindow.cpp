#include "hardware/display/stimuluswindow.h"

#include "hardware/display/frameprefetcher.h"
#include "hardware/display/framedrawer.h"

#include <QtGui/QGuiApplication>
#include <QtGui/QKeyEvent>
#include <QtGui/QOpenGLContext>
#include <QtGui/QScreen>

#include <utility>

namespace hw {

namespace {

// The first swaps after a full-screen window is mapped are irregular while the window manager and the
// compositor settle (a full-screen window gets unredirected); they are not measured.
constexpr int WarmUpSwaps = 6;
constexpr std::int64_t ProgressIntervalNs = 250'000'000;

} // namespace

StimulusWindow::StimulusWindow(FrameSequence sequence, QScreen *screen, PresentationOptions options,
                               std::shared_ptr<const PresentationClock> clock)
    : QWindow(screen), m_sequence(std::move(sequence)), m_options(options), m_clock(std::move(clock))
{
    setSurfaceType(QSurface::OpenGLSurface);
    setFlags(Qt::Window | Qt::FramelessWindowHint);
    setTitle(QStringLiteral("Macroscope stimulus"));
    setCursor(Qt::BlankCursor);
    m_step.setInterval(0);
    connect(&m_step, &QTimer::timeout, this, &StimulusWindow::presentNext);
}

StimulusWindow::~StimulusWindow() = default;

const std::vector<PresentationRecord> &StimulusWindow::log() const
{
    static const std::vector<PresentationRecord> none;
    return m_timing ? m_timing->log() : none;
}

PresentationStats StimulusWindow::stats() const
{
    return m_timing ? m_timing->stats() : PresentationStats{};
}

void StimulusWindow::start()
{
    Q_ASSERT(m_state == State::Idle);
    if (m_sequence.rows.empty() || m_sequence.refreshHz <= 0) {
        return fail(QStringLiteral("the stimulus has no display rows or no refresh rate"));
    }
    const QSize screenPixels = screen()->size() * screen()->devicePixelRatio();
    const QSize framePixels(m_sequence.width, m_sequence.height);
    if (screenPixels != framePixels) {
        // The stimulus's geometry (degrees per pixel) was computed for the monitor's pixels: scaling it would
        // show a different stimulus from the one the file records.
        return fail(QStringLiteral("the stimulus is %1×%2 px but screen '%3' is %4×%5 px: generate the stimulus "
                                   "for this monitor (monitor width_px and height_px) or change the screen's "
                                   "resolution")
                        .arg(framePixels.width())
                        .arg(framePixels.height())
                        .arg(screen()->name())
                        .arg(screenPixels.width())
                        .arg(screenPixels.height()));
    }

    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    format.setSwapInterval(1);
    setFormat(format);
    m_context = std::make_unique<QOpenGLContext>();
    m_context->setFormat(format);
    m_context->setScreen(screen());
    if (!m_context->create()) {
        return fail(QStringLiteral("cannot create an OpenGL context on the '%1' platform: the stimulus display "
                                   "needs OpenGL")
                        .arg(QGuiApplication::platformName()));
    }

    m_prefetcher = std::make_unique<FramePrefetcher>(
        m_sequence.readFrame, m_sequence.rowFrames(),
        static_cast<std::size_t>(m_sequence.width) * static_cast<std::size_t>(m_sequence.height),
        m_options.prefetchSlots);
    m_prefetcher->start();

    m_state = State::WaitingForExpose;
    setGeometry(screen()->geometry());
    showFullScreen();
}

void StimulusWindow::abort()
{
    if (isRunning()) {
        end(State::Aborted);
        Q_EMIT presentationAborted();
    }
}

bool StimulusWindow::isRunning() const
{
    return m_state == State::WaitingForExpose || m_state == State::CheckingRefresh ||
           m_state == State::Presenting;
}

void StimulusWindow::exposeEvent(QExposeEvent *event)
{
    QWindow::exposeEvent(event);
    if (m_state == State::WaitingForExpose && isExposed()) {
        beginRefreshCheck();
    } else if ((m_state == State::CheckingRefresh || m_state == State::Presenting) && !isExposed()) {
        fail(QStringLiteral("the stimulus window stopped being visible (covered by another window, or the "
                            "screen blanked?)"));
    }
}

void StimulusWindow::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        abort();
        return;
    }
    QWindow::keyPressEvent(event);
}

void StimulusWindow::closeEvent(QCloseEvent *event)
{
    // The window is closing already: stop without closing it a second time from inside its close event.
    if (isRunning()) {
        stopPresenting(State::Aborted);
        Q_EMIT presentationAborted();
    }
    QWindow::closeEvent(event);
}

void StimulusWindow::beginRefreshCheck()
{
    if (!m_context->makeCurrent(this)) {
        return fail(QStringLiteral("cannot use OpenGL on the stimulus window"));
    }
    m_drawer = std::make_unique<FrameDrawer>();
    if (const auto error = m_drawer->initialize(m_context.get(), QSize(m_sequence.width, m_sequence.height));
        !error.empty()) {
        return fail(QString::fromStdString(error));
    }
    m_state = State::CheckingRefresh;
    m_warmUpSwapsLeft = WarmUpSwaps;
    m_checkSwapsNs.reserve(static_cast<std::size_t>(m_options.refreshCheckSwaps) + 1);
    m_step.start();
}

void StimulusWindow::presentNext()
{
    if (!m_context->makeCurrent(this)) {
        return fail(QStringLiteral("cannot use OpenGL on the stimulus window"));
    }
    // The refresh check shows row 0's frame (normally the background) with the photodiode patch dark.
    const bool presenting = m_state == State::Presenting;
    const std::uint64_t row = presenting ? m_timing->nextRow() : 0;
    const FramePrefetcher::Fetch fetch = m_prefetcher->frameFor(row);
    if (fetch.status == FramePrefetcher::FetchStatus::Failed) {
        return fail(QString::fromStdString(fetch.error));
    }
    if (fetch.status == FramePrefetcher::FetchStatus::Changed) {
        m_drawer->upload(fetch.pixels);
    }
    const QSize viewport = size() * devicePixelRatio();
    m_drawer->draw(viewport, m_options.photodiode.rectIn(viewport),
                     presenting && m_sequence.rows[row].photodiode != 0);
    m_context->swapBuffers(this);
    // swapBuffers only queues the swap. glFinish returns once it has been carried out, which with vsync is
    // the refresh that starts showing this frame (PsychoPy's waitBlanking does the same): the timestamp
    // marks the frame reaching the screen, to within the driver's latency, and the display paces the loop.
    m_drawer->finish();
    const std::int64_t now = m_clock->nowNs();

    if (presenting) {
        recordPresented(now);
    } else {
        recordCheckSwap(now);
    }
}

void StimulusWindow::recordCheckSwap(std::int64_t timestampNs)
{
    if (m_warmUpSwapsLeft > 0) {
        --m_warmUpSwapsLeft;
        return;
    }
    m_checkSwapsNs.push_back(timestampNs);
    if (m_checkSwapsNs.size() <= static_cast<std::size_t>(m_options.refreshCheckSwaps)) {
        return;
    }
    m_refreshCheck = checkRefresh(m_checkSwapsNs, m_sequence.refreshHz, m_options.tolerances);
    if (!m_refreshCheck->honoured()) {
        return fail(QString::fromStdString(m_refreshCheck->message));
    }
    m_timing.emplace(m_refreshCheck->medianIntervalNs, m_sequence.rowFrames());
    m_lastProgressNs = timestampNs;
    m_state = State::Presenting;
    Q_EMIT presentationStarted();
}

void StimulusWindow::recordPresented(std::int64_t timestampNs)
{
    m_timing->recordPresented(timestampNs);
    if (m_timing->finished()) {
        end(State::Finished);
        Q_EMIT progressed(m_timing->rowCount(), m_timing->rowCount());
        Q_EMIT presentationFinished();
        return;
    }
    if (timestampNs - m_lastProgressNs >= ProgressIntervalNs) {
        m_lastProgressNs = timestampNs;
        Q_EMIT progressed(m_timing->nextRow(), m_timing->rowCount());
    }
}

void StimulusWindow::fail(const QString &message)
{
    m_error = message;
    end(State::Failed);
    Q_EMIT presentationFailed(message);
}

void StimulusWindow::end(State final)
{
    stopPresenting(final);
    close();
}

void StimulusWindow::stopPresenting(State final)
{
    m_step.stop();
    m_state = final;
    if (m_prefetcher) {
        m_prefetcher->stop();
    }
    // The GL objects go with the context, which must go before the window's surface does.
    m_drawer.reset();
    m_context.reset();
}

} // namespace hw
