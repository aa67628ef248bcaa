#pragma once

#include <QtWidgets/QGroupBox>

#include <cstdint>
#include <optional>

class QLabel;

namespace acq {
struct RecorderStatus;
}

namespace ui {

class BufferGauge;

// What the operator watches while recording, from acq::RecorderStatus: state, elapsed and remaining time,
// frames written, the buffer (a gauge with its high-water mark) and the bytes waiting for the disk, dropped
// frames (red as soon as there is one), camera gaps, disk free and the time it lasts at the current rate,
// and the output file — NAME.h5.partial while it is being written, NAME.h5 only once it is complete.
class RecordingStatusView : public QGroupBox {
public:
    explicit RecordingStatusView(QWidget *parent = nullptr);

    // Before a recording: where it will go and how much room there is.
    void showPlanned(const QString &target, std::optional<std::uint64_t> diskFreeBytes);
    void showStatus(const acq::RecorderStatus &status);

    QString stateText() const;
    QString framesText() const;
    QString outputText() const;

private:
    QLabel *value(const char *name);

    QLabel *m_state = nullptr;
    QLabel *m_elapsed = nullptr;
    QLabel *m_remaining = nullptr;
    QLabel *m_frames = nullptr;
    BufferGauge *m_gauge = nullptr;
    QLabel *m_buffer = nullptr;
    QLabel *m_pending = nullptr;
    QLabel *m_dropped = nullptr;
    QLabel *m_gaps = nullptr;
    QLabel *m_disk = nullptr;
    QLabel *m_output = nullptr;
};

} // namespace ui
