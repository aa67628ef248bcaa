#include "ui/browser/views/framecontrols.h"

#include <QtCore/QSignalBlocker>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QGridLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QSlider>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QStyle>
#include <QtWidgets/QToolButton>

#include <algorithm>
#include <climits>

namespace ui {

namespace {

constexpr double DefaultFramesPerSecond = 10;

} // namespace

FrameControls::FrameControls(QWidget *parent) : QWidget(parent)
{
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(6);
    m_grid->setVerticalSpacing(2);
    m_grid->setColumnStretch(1, 1);

    m_play = new QToolButton(this);
    m_play->setObjectName(QStringLiteral("play"));
    m_play->setCheckable(true);
    m_play->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_play->setToolTip(tr("Play the frames in turn (the next one is shown once the last is on screen)"));
    m_framesPerSecond = new QDoubleSpinBox(this);
    m_framesPerSecond->setObjectName(QStringLiteral("framesPerSecond"));
    m_framesPerSecond->setRange(0.1, 200);
    m_framesPerSecond->setDecimals(1);
    m_framesPerSecond->setValue(DefaultFramesPerSecond);
    m_framesPerSecond->setSuffix(tr(" fps"));
    m_framesPerSecond->setToolTip(tr("Playback rate: frames per second"));
    m_grid->addWidget(m_play, 0, 4);
    m_grid->addWidget(m_framesPerSecond, 0, 5);

    const auto showPlaying = [this](bool playing) {
        m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
        m_play->setText(playing ? tr("Pause") : tr("Play"));
    };
    showPlaying(false);
    connect(m_play, &QToolButton::toggled, this, [this, showPlaying](bool playing) {
        showPlaying(playing);
        Q_EMIT playingToggled(playing);
    });
    connect(m_framesPerSecond, &QDoubleSpinBox::valueChanged, this, &FrameControls::framesPerSecondChanged);
}

void FrameControls::setDimensions(const std::vector<std::uint64_t> &extents, const QStringList &names)
{
    // A stack that grows (a live recording, every second) keeps its widgets: rebuilding them would cut
    // short a drag of the slider.
    if (extents.size() == m_dimensions.size()) {
        for (std::size_t d = 0; d < extents.size(); ++d) {
            m_dimensions[d].name->setText(names.value(int(d)));
            setExtent(m_dimensions[d], extents[d]);
        }
        return;
    }

    const std::vector<std::uint64_t> kept = position();
    for (const Dimension &dimension : m_dimensions) {
        delete dimension.name;
        delete dimension.slider;
        delete dimension.index;
        delete dimension.extent;
    }
    m_dimensions.clear();

    for (std::size_t d = 0; d < extents.size(); ++d) {
        Dimension dimension;
        dimension.name = new QLabel(names.value(int(d)), this);
        dimension.slider = new QSlider(Qt::Horizontal, this);
        // The arrow keys step frames through the view, wherever the focus is in it.
        dimension.slider->setFocusPolicy(Qt::ClickFocus);
        dimension.index = new QSpinBox(this);
        dimension.index->setKeyboardTracking(false);
        dimension.extent = new QLabel(this);
        setExtent(dimension, extents[d]);
        const int row = int(d);
        m_grid->addWidget(dimension.name, row, 0);
        m_grid->addWidget(dimension.slider, row, 1);
        m_grid->addWidget(dimension.index, row, 2);
        m_grid->addWidget(dimension.extent, row, 3);

        connect(dimension.slider, &QSlider::valueChanged, this, [this, spin = dimension.index](int value) {
            const QSignalBlocker blocker(spin);
            spin->setValue(value);
            Q_EMIT positionEdited();
        });
        connect(dimension.index, &QSpinBox::valueChanged, this, [this, slider = dimension.slider](int value) {
            const QSignalBlocker blocker(slider);
            slider->setValue(value);
            Q_EMIT positionEdited();
        });
        m_dimensions.push_back(dimension);
    }
    std::vector<std::uint64_t> restored(extents.size(), 0);
    for (std::size_t d = 0; d < std::min(kept.size(), extents.size()); ++d)
        restored[d] = std::min(kept[d], extents[d] == 0 ? 0 : extents[d] - 1);
    setPosition(restored);
}

void FrameControls::setExtent(const Dimension &dimension, std::uint64_t extent)
{
    const int last = int(std::min<std::uint64_t>(extent, std::uint64_t(INT_MAX))) - 1;
    // Only the range changes: the position is kept (a shrinking range clamps it), and nobody is told.
    const QSignalBlocker sliderBlocker(dimension.slider);
    const QSignalBlocker indexBlocker(dimension.index);
    dimension.slider->setRange(0, last);
    dimension.index->setRange(0, last);
    dimension.extent->setText(tr("of %1").arg(extent));
}

std::vector<std::uint64_t> FrameControls::position() const
{
    std::vector<std::uint64_t> result;
    for (const Dimension &dimension : m_dimensions)
        result.push_back(std::uint64_t(dimension.slider->value()));
    return result;
}

void FrameControls::setPosition(const std::vector<std::uint64_t> &position)
{
    for (std::size_t d = 0; d < std::min(position.size(), m_dimensions.size()); ++d) {
        const QSignalBlocker sliderBlocker(m_dimensions[d].slider);
        const QSignalBlocker indexBlocker(m_dimensions[d].index);
        m_dimensions[d].slider->setValue(int(position[d]));
        m_dimensions[d].index->setValue(int(position[d]));
    }
}

void FrameControls::setPlaying(bool playing)
{
    m_play->setChecked(playing);
}

double FrameControls::framesPerSecond() const
{
    return m_framesPerSecond->value();
}

void FrameControls::setFramesPerSecond(double framesPerSecond)
{
    m_framesPerSecond->setValue(framesPerSecond);
}

} // namespace ui
