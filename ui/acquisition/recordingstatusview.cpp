#include "ui/acquisition/recordingstatusview.h"

#include "ui/acquisition/buffergauge.h"

#include "core/acquisition/recorder.h"

#include <QtCore/QDir>
#include <QtCore/QLocale>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QGridLayout>
#include <QtWidgets/QLabel>

#include <cmath>

namespace ui {

namespace {

const QString red = QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }");
const QString amber = QStringLiteral("QLabel { color: #9a5b00; font-weight: bold; }");
const QString green = QStringLiteral("QLabel { color: #1b7f3b; font-weight: bold; }");

QString duration(double seconds)
{
    const auto tenths = std::llround(std::max(0.0, seconds) * 10);
    const auto minutes = tenths / 600;
    const QString rest = QStringLiteral("%1.%2").arg((tenths / 10) % 60, 2, 10, QLatin1Char('0')).arg(tenths % 10);
    if (minutes >= 60)
        return QStringLiteral("%1:%2:%3").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0')).arg(rest);
    return QStringLiteral("%1:%2").arg(minutes, 2, 10, QLatin1Char('0')).arg(rest);
}

QString roughDuration(double seconds)
{
    if (!std::isfinite(seconds))
        return QObject::tr("no data flowing");
    if (seconds >= 3600)
        return QObject::tr("%1 h %2 min").arg(qint64(seconds / 3600)).arg(qint64(seconds / 60) % 60);
    if (seconds >= 60)
        return QObject::tr("%1 min").arg(qint64(seconds / 60));
    return QObject::tr("%1 s").arg(qint64(seconds));
}

QString count(std::uint64_t n)
{
    return QLocale().toString(qulonglong(n));
}

QString bytes(std::uint64_t n)
{
    return QLocale().formattedDataSize(qint64(n), 1, QLocale::DataSizeSIFormat);
}

} // namespace

RecordingStatusView::RecordingStatusView(QWidget *parent) : QGroupBox(tr("Recording"), parent)
{
    setObjectName(QStringLiteral("recordingStatus"));
    m_state = value("recordingState");
    QFont large = m_state->font();
    large.setPointSizeF(large.pointSizeF() * 1.3);
    large.setBold(true);
    m_state->setFont(large);
    m_elapsed = value("elapsed");
    m_remaining = value("remaining");
    // Tabular digits, so that counting numbers do not jitter.
    QFont digits = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    digits.setPointSizeF(large.pointSizeF());
    m_elapsed->setFont(digits);
    m_remaining->setFont(digits);
    m_frames = value("framesWritten");
    m_frames->setFont(digits);
    m_gauge = new BufferGauge(this);
    m_buffer = value("bufferFill");
    m_pending = value("bytesPending");
    m_dropped = value("droppedFrames");
    m_gaps = value("cameraGaps");
    m_disk = value("diskFree");
    m_disk->setWordWrap(true);
    m_disk->setMinimumHeight(2 * m_disk->fontMetrics().lineSpacing());
    m_disk->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_output = value("outputPath");
    m_output->setWordWrap(true);
    // Room for wrapped lines up front: the splitter column does not grow a box for a label's height-for-width,
    // and a path whose end (.partial or not) is cut off would say the wrong thing.
    m_output->setMinimumHeight(3 * m_output->fontMetrics().lineSpacing());
    m_output->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    m_dropped->setFont(digits);

    auto *grid = new QGridLayout(this);
    grid->setColumnStretch(1, 1);
    grid->setVerticalSpacing(6);
    int row = 0;
    const auto add = [&](const QString &name, QWidget *value, Qt::Alignment alignment = Qt::AlignVCenter) {
        auto *label = new QLabel(name, this);
        label->setForegroundRole(QPalette::PlaceholderText);
        grid->addWidget(label, row, 0, alignment);
        grid->addWidget(value, row++, 1);
    };
    grid->addWidget(m_state, row++, 0, 1, 2);
    add(tr("Elapsed"), m_elapsed);
    add(tr("Remaining"), m_remaining);
    add(tr("Frames written"), m_frames);
    add(tr("Dropped frames"), m_dropped);
    add(tr("Camera gaps"), m_gaps);
    add(tr("Buffer"), m_gauge);
    grid->addWidget(m_buffer, row++, 1);
    add(tr("Pending write"), m_pending);
    add(tr("Disk free"), m_disk, Qt::AlignTop);
    add(tr("Output"), m_output, Qt::AlignTop);
    showPlanned(QString(), std::nullopt);
}

QLabel *RecordingStatusView::value(const char *name)
{
    auto *label = new QLabel(this);
    label->setObjectName(QString::fromLatin1(name));
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

void RecordingStatusView::showPlanned(const QString &target, std::optional<std::uint64_t> diskFreeBytes)
{
    m_state->setText(tr("Ready"));
    m_state->setStyleSheet(QString());
    for (QLabel *label : {m_elapsed, m_remaining, m_frames, m_pending, m_dropped, m_gaps, m_buffer}) {
        label->setText(QStringLiteral("—"));
        label->setStyleSheet(QString());
    }
    m_gauge->setFill(0, 0, 0);
    m_disk->setText(diskFreeBytes ? bytes(*diskFreeBytes) : QStringLiteral("—"));
    m_output->setText(target.isEmpty() ? QStringLiteral("—")
                                       : tr("will write %1").arg(QDir::toNativeSeparators(target)));
}

void RecordingStatusView::showStatus(const acq::RecorderStatus &status)
{
    using State = acq::RecorderStatus::State;
    switch (status.state) {
    case State::Ready:
        m_state->setText(tr("Starting…"));
        m_state->setStyleSheet(QString());
        break;
    case State::Recording:
        m_state->setText(tr("● Recording"));
        m_state->setStyleSheet(red);
        break;
    case State::Finishing:
        m_state->setText(tr("Finishing the file…"));
        m_state->setStyleSheet(amber);
        break;
    case State::Finished:
        m_state->setText(tr("Complete — %1").arg(QString::fromStdString(status.stopReason)));
        m_state->setStyleSheet(green);
        break;
    case State::Failed:
        m_state->setText(tr("Failed — the file is incomplete"));
        m_state->setStyleSheet(red);
        break;
    }

    m_elapsed->setText(duration(status.elapsedSeconds));
    m_remaining->setText(status.remainingSeconds ? duration(*status.remainingSeconds) : tr("until stopped"));
    m_frames->setText(count(status.framesWritten));
    m_dropped->setText(count(status.framesDropped));
    m_dropped->setStyleSheet(status.framesDropped > 0 ? red : QString());
    m_gaps->setText(count(status.cameraGaps));
    m_gaps->setStyleSheet(status.cameraGaps > 0 ? amber : QString());
    m_pending->setText(bytes(status.bytesPending));
    m_gauge->setFill(status.bufferFill, status.bufferHighWater, status.bufferCapacity);
    m_buffer->setText(tr("%1 of %2 frames · high-water %3")
                          .arg(count(status.bufferFill), count(status.bufferCapacity), count(status.bufferHighWater)));
    const bool running = status.state == State::Recording || status.state == State::Finishing;
    m_disk->setText(running ? tr("%1 · lasts %2 at the current rate")
                                  .arg(bytes(status.diskFreeBytes), roughDuration(status.diskSecondsLeft))
                            : bytes(status.diskFreeBytes));
    const QString path = QDir::toNativeSeparators(QString::fromStdString(status.path.string()));
    if (status.state == State::Failed)
        m_output->setText(tr("%1 (incomplete: %2)").arg(path, QString::fromStdString(status.error)));
    else
        m_output->setText(path);
}

QString RecordingStatusView::stateText() const
{
    return m_state->text();
}

QString RecordingStatusView::framesText() const
{
    return m_frames->text();
}

QString RecordingStatusView::outputText() const
{
    return m_output->text();
}

} // namespace ui
