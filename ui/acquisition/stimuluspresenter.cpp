#include "ui/acquisition/stimuluspresenter.h"

#include "core/acquisition/recordingwriter.h"
#include "core/acquisition/stimulustimeline.h"
#include "core/stimulus/stimulusfile.h"
#include "hardware/display/framesequence.h"
#include "hardware/display/stimuluswindow.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QLocale>
#include <QtGui/QGuiApplication>
#include <QtGui/QScreen>

namespace ui {

namespace {

constexpr auto FeedInterval = std::chrono::milliseconds(50);

} // namespace

struct StimulusPresenter::Prepared {
    std::filesystem::path file;
    std::shared_ptr<acq::StimulusTimeline> timeline;
    std::optional<hw::FrameSequence> sequence;  // for the display only
    QString error;
};

StimulusPresenter::StimulusPresenter(QObject *parent) : QObject(parent)
{
    m_preparing = new QFutureWatcher<Prepared>(this);
    m_feed.setInterval(FeedInterval);
    connect(&m_feed, &QTimer::timeout, this, &StimulusPresenter::feedTimeline);
    connect(m_preparing, &QFutureWatcher<Prepared>::finished, this, [this] {
        m_prepared = std::make_unique<Prepared>(m_preparing->result());
        if (!m_prepared->timeline) {
            const QString error = m_prepared->error;
            m_prepared.reset();
            Q_EMIT preparationFailed(error);
            return;
        }
        Q_EMIT prepared();
    });
}

StimulusPresenter::~StimulusPresenter()
{
    m_preparing->waitForFinished();
    if (m_window) {
        m_window->disconnect(this);
        m_window->abort();
        delete m_window;
    }
}

void StimulusPresenter::prepare(const QString &libraryFile, const QString &screenName)
{
    m_prepared.reset();
    m_screenName = screenName;
    m_fed = 0;
    const bool display = !screenName.isEmpty();
    m_preparing->setFuture(QtConcurrent::run([path = libraryFile.toStdString(), display]() -> Prepared {
        Prepared prepared;
        try {
            auto file = std::make_shared<const stimulus::StimulusFile>(std::filesystem::path(path));
            prepared.file = file->path();
            prepared.timeline = std::make_shared<acq::StimulusTimeline>(
                file->parametersSha256(), file->displayRows(), file->parameters().monitor.refreshHz,
                display ? acq::StimulusTimeline::Source::Display : acq::StimulusTimeline::Source::Schedule);
            // The prefetch thread takes the file over from here.
            if (display)
                prepared.sequence = hw::frameSequenceOf(std::move(file));
        } catch (const std::exception &failure) {
            prepared.timeline.reset();
            prepared.error = QString::fromUtf8(failure.what());
        }
        return prepared;
    }));
}

acq::RecordingStimulus StimulusPresenter::recordingStimulus() const
{
    return acq::RecordingStimulus{m_prepared->file, m_prepared->timeline};
}

void StimulusPresenter::start()
{
    if (!m_prepared || !m_prepared->sequence)
        return;
    QScreen *screen = nullptr;
    for (QScreen *candidate : QGuiApplication::screens()) {
        if (candidate->name() == m_screenName)
            screen = candidate;
    }
    if (!screen) {
        Q_EMIT presentationFailed(tr("the screen '%1' is gone").arg(m_screenName));
        return;
    }
    m_window = new hw::StimulusWindow(std::move(*m_prepared->sequence), screen);
    m_prepared->sequence.reset();
    connect(m_window, &hw::StimulusWindow::presentationFinished, this, [this] {
        const hw::PresentationStats stats = m_window->stats();
        const QLocale locale;
        finish(tr("Stimulus finished: %1 frames presented, %2 dropped.")
                   .arg(locale.toString(qulonglong(stats.presented)), locale.toString(qulonglong(stats.dropped))),
               false);
    });
    connect(m_window, &hw::StimulusWindow::presentationAborted, this,
            [this] { finish(tr("The stimulus was stopped before its end (Esc or the window closed)."), true); });
    connect(m_window, &hw::StimulusWindow::presentationFailed, this,
            [this](const QString &message) { finish(message, true); });
    m_feed.start();
    // Refusals (frame size, no OpenGL) arrive through presentationFailed before start() returns.
    m_window->start();
}

void StimulusPresenter::stop()
{
    if (!m_window)
        return;
    m_window->disconnect(this);
    m_window->abort();
    feedTimeline();
    m_feed.stop();
    m_window->deleteLater();
    m_window = nullptr;
}

bool StimulusPresenter::isPresenting() const
{
    return m_window != nullptr;
}

void StimulusPresenter::feedTimeline()
{
    if (!m_window || !m_prepared)
        return;
    const std::vector<hw::PresentationRecord> &log = m_window->log();
    for (; m_fed < log.size(); ++m_fed) {
        const hw::PresentationRecord &record = log[m_fed];
        if (record.dropped)
            m_prepared->timeline->recordDropped(record.row);
        else
            m_prepared->timeline->recordPresented(record.row, record.presentedNs);
    }
}

void StimulusPresenter::finish(const QString &message, bool failed)
{
    feedTimeline();
    m_feed.stop();
    // The window is still inside its own signal here.
    m_window->deleteLater();
    m_window = nullptr;
    if (failed)
        Q_EMIT presentationFailed(message);
    else
        Q_EMIT presentationFinished(message);
}

} // namespace ui
