#pragma once

#include <QtWidgets/QWidget>

#include <cstdint>
#include <vector>

class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QSlider;
class QSpinBox;
class QToolButton;

namespace ui {

// Which frame of a stack is shown: a slider and a spin box for each dimension that is not part of the
// image, Play/Pause and the playback rate. It only reports what the user sets; the view decides what is
// read and when playback moves on.
class FrameControls : public QWidget {
    Q_OBJECT

public:
    explicit FrameControls(QWidget *parent = nullptr);

    // One slider per dimension, `extents` long and named by `names`. Positions that still fit are kept.
    void setDimensions(const std::vector<std::uint64_t> &extents, const QStringList &names);
    std::vector<std::uint64_t> position() const;
    // Moves the sliders without reporting it.
    void setPosition(const std::vector<std::uint64_t> &position);

    void setPlaying(bool playing);
    double framesPerSecond() const;
    void setFramesPerSecond(double framesPerSecond);

Q_SIGNALS:
    void positionEdited();
    void playingToggled(bool playing);
    void framesPerSecondChanged(double framesPerSecond);

private:
    struct Dimension {
        QLabel *name = nullptr;
        QSlider *slider = nullptr;
        QSpinBox *index = nullptr;
        QLabel *extent = nullptr;
    };

    void setExtent(const Dimension &dimension, std::uint64_t extent);

    QGridLayout *m_grid = nullptr;
    std::vector<Dimension> m_dimensions;
    QToolButton *m_play = nullptr;
    QDoubleSpinBox *m_framesPerSecond = nullptr;
};

} // namespace ui
