#include "ui/stimulus/framepreview.h"

#include "ui/stimulus/frameview.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QLocale>
#include <QtCore/QTimer>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QSlider>
#include <QtWidgets/QStyle>
#include <QtWidgets/QToolButton>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

// Frames of a presentation repeat (every sweep of a direction, every gap), so a small cache makes playback
// after the first pass read nothing; 64 MiB holds 32 full-HD frames or thousands of small ones.
constexpr qsizetype cacheBytes = 64 * 1024 * 1024;

// Playback never draws faster than a monitor would show it; rows in between are skipped, not queued.
constexpr double maxDrawHz = 60;

QString seconds(double value)
{
    return QLocale().toString(value, 'f', 2) + QStringLiteral(" s");
}

} // namespace

FramePreview::FramePreview(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("framePreview"));
    m_reader.setMaxThreadCount(1);
    m_cache.setMaxCost(cacheBytes);

    m_view = new FrameView(this);

    m_play = new QToolButton(this);
    m_play->setObjectName(QStringLiteral("playPause"));
    m_play->setCheckable(true);
    m_play->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_play, &QToolButton::toggled, this, &FramePreview::setPlaying);

    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("rowSlider"));
    connect(m_slider, &QSlider::valueChanged, this, &FramePreview::showRow);

    m_time = new QLabel(this);
    m_time->setObjectName(QStringLiteral("timeLabel"));
    m_time->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000.00 s / 0000.00 s")));
    m_time->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("rowInfo"));
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_playTimer = new QTimer(this);
    m_playTimer->setTimerType(Qt::PreciseTimer);
    connect(m_playTimer, &QTimer::timeout, this, &FramePreview::advancePlayback);

    connect(&m_opening, &QFutureWatcher<Opened>::finished, this, &FramePreview::applyOpened);
    connect(&m_reading, &QFutureWatcher<Frame>::finished, this, &FramePreview::applyFrame);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_play);
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_time);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(controls);
    layout->addWidget(m_info);

    showMessage(tr("No stimulus"));
}

// Waits for the running read, which is short (one frame or one table); the reading thread owns the file.
FramePreview::~FramePreview()
{
    m_reader.waitForDone();
}

void FramePreview::showFile(const std::filesystem::path &path)
{
    showMessage(tr("Opening…"));
    m_path = path;
    m_opening.setFuture(QtConcurrent::run(&m_reader, [path]() -> Opened {
        Opened opened;
        try {
            auto file = std::make_shared<const stimulus::StimulusFile>(path);
            opened.rows = file->displayRows();
            opened.refreshHz = file->parameters().monitor.refreshHz;
            opened.file = std::move(file);
        } catch (const std::exception &failure) {
            opened.error = QString::fromUtf8(failure.what());
        }
        return opened;
    }));
}

void FramePreview::showMessage(const QString &message)
{
    setPlaying(false);
    m_path.clear();
    m_file.reset();
    m_rows.clear();
    m_cache.clear();
    m_wanted.reset();
    {
        const QSignalBlocker blocker(m_slider);
        m_slider->setRange(0, 0);
    }
    m_slider->setEnabled(false);
    m_play->setEnabled(false);
    m_view->setMessage(message);
    m_time->clear();
    m_info->setText(QStringLiteral(" ")); // keeps its line, so the layout does not jump when a file opens
}

int FramePreview::currentRow() const
{
    return m_slider->value();
}

void FramePreview::applyOpened()
{
    Opened opened = m_opening.result();
    // A newer showFile() or showMessage() has replaced the file this result is for.
    if (m_path.empty() || (opened.file && opened.file->path() != m_path))
        return;
    if (!opened.error.isEmpty() || opened.rows.empty()) {
        const QString reason = opened.error.isEmpty() ? tr("%1: no display rows").arg(QString::fromStdString(m_path.string()))
                                                      : opened.error;
        showMessage(tr("Cannot show this stimulus"));
        Q_EMIT problem(reason);
        return;
    }
    m_file = std::move(opened.file);
    m_rows = std::move(opened.rows);
    m_refreshHz = opened.refreshHz;

    const auto firstSweep = std::find_if(m_rows.begin(), m_rows.end(), [](const auto &row) { return row.sweep >= 0; });
    int start = 0;
    if (firstSweep != m_rows.end()) {
        const auto end = std::find_if(firstSweep, m_rows.end(),
                                      [sweep = firstSweep->sweep](const auto &row) { return row.sweep != sweep; });
        start = static_cast<int>((firstSweep - m_rows.begin()) + (end - firstSweep) / 2);
    }
    m_slider->setEnabled(true);
    m_play->setEnabled(true);
    {
        const QSignalBlocker blocker(m_slider);
        m_slider->setRange(0, rowCount() - 1);
        m_slider->setPageStep(std::max(1, static_cast<int>(std::lround(m_refreshHz))));
        m_slider->setValue(start);
    }
    showRow(start);
}

void FramePreview::showRow(int row)
{
    if (m_rows.empty())
        return;
    row = std::clamp(row, 0, rowCount() - 1);
    if (m_slider->value() != row) {
        const QSignalBlocker blocker(m_slider);
        m_slider->setValue(row);
    }
    updateInfo(row);
    requestFrame(m_rows[static_cast<std::size_t>(row)].frame);
}

void FramePreview::requestFrame(std::uint32_t index)
{
    if (const QImage *cached = m_cache.object(index)) {
        m_wanted.reset();
        m_view->setFrame(*cached);
        return;
    }
    m_wanted = index;
    if (m_reading.isRunning())
        return; // applyFrame() starts the newest request when the running one ends
    m_wanted.reset();
    m_reading.setFuture(QtConcurrent::run(&m_reader, [file = m_file, index]() -> Frame {
        Frame frame{file.get(), index, {}, {}};
        try {
            QImage image(file->width(), file->height(), QImage::Format_Grayscale8);
            std::vector<std::uint8_t> pixels(static_cast<std::size_t>(file->width()) * file->height());
            file->readFrame(index, pixels);
            // QImage pads each line to 4 bytes, so rows are copied one by one.
            for (int y = 0; y < file->height(); ++y)
                std::copy_n(pixels.data() + static_cast<std::size_t>(y) * file->width(), file->width(),
                            image.scanLine(y));
            frame.image = std::move(image);
        } catch (const std::exception &failure) {
            frame.error = QString::fromUtf8(failure.what());
        }
        return frame;
    }));
}

void FramePreview::applyFrame()
{
    const Frame frame = m_reading.result();
    const bool current = m_file && frame.source == m_file.get();
    if (current && !frame.error.isEmpty()) {
        m_wanted.reset();
        setPlaying(false);
        Q_EMIT problem(frame.error);
        return;
    }
    if (current)
        m_cache.insert(frame.index, new QImage(frame.image), std::max<qsizetype>(1, frame.image.sizeInBytes()));
    if (m_wanted && (!current || *m_wanted != frame.index)) {
        const std::uint32_t next = *m_wanted;
        requestFrame(next);
        return;
    }
    m_wanted.reset();
    if (current)
        m_view->setFrame(frame.image);
}

void FramePreview::setPlaying(bool playing)
{
    playing = playing && !m_rows.empty();
    if (m_play->isChecked() != playing) {
        const QSignalBlocker blocker(m_play);
        m_play->setChecked(playing);
    }
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    if (!playing) {
        m_playTimer->stop();
        return;
    }
    if (currentRow() >= rowCount() - 1)
        showRow(0);
    m_playStartRow = currentRow();
    m_playClock.start();
    m_playTimer->start(static_cast<int>(1000 / std::min(m_refreshHz, maxDrawHz)));
}

bool FramePreview::isPlaying() const
{
    return m_playTimer->isActive();
}

// The row follows the wall clock, not a count of ticks, so a slow frame read never slows the presentation.
void FramePreview::advancePlayback()
{
    const auto elapsedRows = static_cast<long long>(m_playClock.nsecsElapsed() * 1e-9 * m_refreshHz);
    const long long row = m_playStartRow + elapsedRows;
    if (row >= rowCount() - 1) {
        showRow(rowCount() - 1);
        setPlaying(false);
        return;
    }
    showRow(static_cast<int>(row));
}

void FramePreview::updateInfo(int row)
{
    const auto &at = m_rows[static_cast<std::size_t>(row)];
    const double total = static_cast<double>(m_rows.size()) / m_refreshHz;
    m_time->setText(seconds(at.timeS) + QStringLiteral(" / ") + seconds(total));

    const QLocale locale;
    QStringList parts{tr("Row %1 of %2").arg(locale.toString(row + 1), locale.toString(rowCount())),
                      tr("frame %1").arg(locale.toString(at.frame))};
    if (at.direction < 0 || at.sweep < 0) {
        parts << tr("gap (background)");
    } else {
        const auto direction = static_cast<stimulus::Direction>(at.direction);
        parts << tr("%1, sweep %2").arg(QString::fromLatin1(stimulus::directionCode(direction))).arg(at.sweep + 1);
        parts << tr("bar centre %1° %2")
                     .arg(locale.toString(at.barCenterDeg, 'f', 1),
                          stimulus::sweepsAzimuth(direction) ? tr("azimuth") : tr("altitude"));
        parts << tr("polarity %1").arg(at.polarity > 0 ? QStringLiteral("+") : QStringLiteral("−"));
    }
    parts << tr("photodiode %1").arg(at.photodiode ? tr("on") : tr("off"));
    m_info->setText(parts.join(QStringLiteral("  ·  ")));
}

} // namespace ui
