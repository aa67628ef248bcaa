#pragma once

#include "core/browse/levels.h"
#include "ui/browser/views/dataview.h"
#include "ui/browser/views/framepicture.h"
#include "ui/browser/viewregistry.h"

#include <QtCore/QFutureWatcher>
#include <QtCore/QTimer>

#include <memory>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;

namespace ui {

class ColourBarHistogram;
class FrameControls;
class ImageCanvas;
struct Slice;

// Images of numeric datasets: 2-D ones, and stacks of 3 or more dimensions, whose last two significant
// dimensions are the image and whose others are stepped through (sliders, the arrow keys, Home/End, and
// Play at a chosen rate). Frames are read through the SliceLoader, newest request first, with the next
// ones in the direction of travel prefetched, so that scrubbing a large stack never waits for the file;
// levels, histogram and colours are worked out on a worker, so that the UI thread only draws.
//
// Contrast: a colour map (a cyclic one by default for phases), levels from min/max, percentiles, mean ±
// kσ or the part on screen, recomputed for every frame or fixed while scrubbing, or typed, or dragged on
// the histogram beside the colour bar; linear, log or square-root scale. The value under the mouse is
// read out with its pixel and frame.
class ImageView : public DataView {
    Q_OBJECT

public:
    // How the levels are chosen when they are not fixed: a LevelsRule over the whole frame, or
    // percentiles of the part on screen.
    enum class LevelsSource { MinMax, Percentiles, MeanSigma, VisibleRegion };

    explicit ImageView(SliceLoader &loader, QWidget *parent = nullptr);
    ~ImageView() override;

    static ViewFactory factory();

    void setSource(const DataSource &source) override;
    // A stack that grew (a live recording) keeps its frame, levels and zoom; the new frames can be reached.
    void sourceGrew(const DataSource &source) override;
    std::optional<ShownSlice> shownSlice() const override;
    // The frame on white: its title (object path and frame), the picture and the colour bar.
    void paintFigure(QPainter &painter, const QSize &size) const override;

    // Frames are numbered 0 … frameCount() − 1 over the stepped dimensions, the last fastest (C order).
    quint64 frameCount() const;
    quint64 frame() const { return m_frame; }
    void setFrame(quint64 frame);
    // Whether `frame`'s picture is on screen (read and drawn).
    bool isShowingFrame(quint64 frame) const;

    void setPlaying(bool playing);
    bool isPlaying() const;
    void setFramesPerSecond(double framesPerSecond);

    // A map set here (or chosen in the view) is kept for the datasets shown next, phases included.
    void setColourMap(const QString &name);
    QString colourMapName() const;
    void setValueScale(browse::ValueScale scale);
    browse::ValueScale valueScale() const { return m_scale; }
    // Levels recomputed for every frame by `rule` (sigmas and percentiles are taken from it).
    void setLevelsSource(LevelsSource source, const browse::LevelsRule &rule = {});
    LevelsSource levelsSource() const { return m_levelsSource; }
    // Fixed: the current levels are kept while scrubbing and playing.
    void setLevelsFixed(bool fixed);
    bool levelsFixed() const { return m_levelsFixed; }
    // These levels, fixed.
    void setLevels(const browse::Levels &levels);
    // The levels of the picture on screen (or of the next one, once set by hand).
    browse::Levels levels() const { return m_levels; }

    // The picture on screen: ARGB32, transparent where there is no value to colour.
    const QImage &picture() const;
    // "x, y = value" for the pixel under the mouse, with the frame; empty when the mouse is elsewhere.
    QString readoutText() const;
    // "x, y = value" (and the frame) for a pixel of the frame on screen.
    QString valueText(const QPoint &pixel) const;
    ImageCanvas *canvas() const { return m_canvas; }
    ColourBarHistogram *colourBar() const { return m_colourBar; }

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void buildControls();
    void showFrameDimensions();
    void clearShown();
    void requestFrame();
    void prefetchAhead();
    void onLoaded(quint64 ticket, const std::shared_ptr<const Slice> &slice);
    void onFailed(quint64 ticket, const QString &message);
    // Draws the loaded frame again with the current settings, on a worker; coalesced while one runs.
    void render();
    void onRendered();
    void readUnits();
    // A phase gets a cyclic map with levels spanning its cycle, fixed.
    void adoptPhaseDefaults();
    void step(int frames);
    void onFramePositionEdited();
    void showColourMap();
    void showLevels();
    void showLevelsControls();
    void levelsRuleEdited();
    void levelEdited();
    void showReadingNotice();

    // The offsets of `frame`'s hyperslab along every dimension.
    h5::Shape offsetOf(quint64 frame) const;
    h5::Shape frameShape() const;
    std::vector<std::uint64_t> positionOf(quint64 frame) const;
    // The frame a slice read at `offset` holds; none when it is not one of this dataset's frames.
    std::optional<quint64> frameAt(const h5::Shape &offset) const;
    // "[3, :, :]": the frame's place in the dataset, numpy style.
    QString frameText(quint64 frame) const;
    FrameRendering renderingInput() const;

    // Dimensions: the two of the image, and the stepped ones (longer than 1, before the image's).
    int m_rowDimension = -1;
    int m_columnDimension = -1;
    std::vector<int> m_steppedDimensions;

    quint64 m_frame = 0;
    int m_direction = 1; // the way the frames were last stepped: prefetch goes on that way
    quint64 m_ticket = 0;
    bool m_reading = false; // m_ticket's frame is on its way
    std::shared_ptr<const Slice> m_loaded; // the newest frame read, which the next picture is drawn from
    quint64 m_loadedFrame = 0;
    // Bumped by setSource: reads, renders and attribute reads started for an earlier dataset are dropped.
    quint64 m_generation = 0;

    // The picture on screen and what it was drawn from.
    FramePicture m_shown;
    std::shared_ptr<const Slice> m_shownData;
    std::optional<quint64> m_shownFrame;
    QFutureWatcher<FramePicture> m_rendering;
    std::shared_ptr<const Slice> m_renderingData;
    quint64 m_renderingFrame = 0;
    quint64 m_renderingGeneration = 0;
    bool m_renderAgain = false;

    std::optional<QPoint> m_hovered;
    QTimer m_playTimer;
    QTimer m_readingNoticeDelay;

    const ColourMap *m_map = nullptr;
    bool m_mapChosen = false; // by the user: a phase does not override it
    QString m_units;
    bool m_unitsRead = false;
    bool m_phaseChecked = false;
    QFutureWatcher<QString> m_unitsReading;
    browse::ValueScale m_scale = browse::ValueScale::Linear;
    LevelsSource m_levelsSource = LevelsSource::Percentiles;
    browse::LevelsRule m_rule;
    bool m_levelsFixed = false;
    browse::Levels m_levels;

    ImageCanvas *m_canvas = nullptr;
    ColourBarHistogram *m_colourBar = nullptr;
    FrameControls *m_frameControls = nullptr;
    QComboBox *m_mapChoice = nullptr;
    QComboBox *m_scaleChoice = nullptr;
    QComboBox *m_levelsChoice = nullptr;
    QComboBox *m_updateChoice = nullptr;
    QWidget *m_percentileControls = nullptr;
    QDoubleSpinBox *m_lowPercentile = nullptr;
    QDoubleSpinBox *m_highPercentile = nullptr;
    QWidget *m_sigmaControls = nullptr;
    QDoubleSpinBox *m_sigmas = nullptr;
    QLineEdit *m_lowLevel = nullptr;
    QLineEdit *m_highLevel = nullptr;
    QLabel *m_readout = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace ui
