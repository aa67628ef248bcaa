#pragma once

#include "core/stimulus/stimulusfile.h"

#include <QtCore/QCache>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFutureWatcher>
#include <QtCore/QThreadPool>
#include <QtGui/QImage>
#include <QtWidgets/QWidget>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace ui {

class FrameView;

// Plays a stimulus file as the display would: a frame view, a slider over the display rows, Play/Pause at
// the file's refresh rate and a line saying what the current row shows (direction, sweep, bar centre,
// polarity, time). The file is opened and its frames are read on the preview's own reading thread, one
// request at a time; while a read is running, newer requests replace older ones, so a fast slider or a
// 60 Hz playback never queues work, it skips frames. Recently shown frames are cached.
class FramePreview : public QWidget {
    Q_OBJECT

public:
    explicit FramePreview(QWidget *parent = nullptr);
    ~FramePreview() override;

    // Opens `path` in the background and then shows the middle of its first sweep, where the bar is on the
    // screen. Problems opening it are reported through problem().
    void showFile(const std::filesystem::path &path);
    // Closes the file (if any) and shows `message` in its place.
    void showMessage(const QString &message);

    // The file shown or being opened; empty when none.
    const std::filesystem::path &file() const { return m_path; }
    int rowCount() const { return static_cast<int>(m_rows.size()); }
    int currentRow() const;
    void showRow(int row);
    void setPlaying(bool playing);
    bool isPlaying() const;

Q_SIGNALS:
    // The file cannot be opened or a frame cannot be read; the message names the file and the problem.
    void problem(const QString &message);

private:
    struct Opened {
        std::shared_ptr<const stimulus::StimulusFile> file;
        std::vector<stimulus::StimulusFile::DisplayRow> rows;
        double refreshHz = 0;
        QString error;
    };
    struct Frame {
        const stimulus::StimulusFile *source = nullptr; // which file: a read may outlive its file's turn
        std::uint32_t index = 0;
        QImage image;
        QString error;
    };

    void applyOpened();
    void requestFrame(std::uint32_t index);
    void applyFrame();
    void advancePlayback();
    void updateInfo(int row);

    // One thread, so that the open file is only ever used by one thread at a time.
    QThreadPool m_reader;
    QFutureWatcher<Opened> m_opening;
    QFutureWatcher<Frame> m_reading;
    std::filesystem::path m_path;
    std::shared_ptr<const stimulus::StimulusFile> m_file;
    std::vector<stimulus::StimulusFile::DisplayRow> m_rows;
    double m_refreshHz = 0;
    std::optional<std::uint32_t> m_wanted; // the frame to show once the running read finishes
    QCache<std::uint32_t, QImage> m_cache;

    QTimer *m_playTimer = nullptr;
    QElapsedTimer m_playClock;
    int m_playStartRow = 0;

    FrameView *m_view = nullptr;
    QToolButton *m_play = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_time = nullptr;
    QLabel *m_info = nullptr;
};

} // namespace ui
