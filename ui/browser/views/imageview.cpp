#include "ui/browser/views/imageview.h"

#include "ui/browser/sliceloader.h"
#include "ui/browser/views/colourbarhistogram.h"
#include "ui/browser/views/framecontrols.h"
#include "ui/browser/views/imagecanvas.h"

#include "core/h5/dataset.h"

#include <nlohmann/json.hpp>

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QSignalBlocker>
#include <QtGui/QDoubleValidator>
#include <QtGui/QKeyEvent>
#include <QtGui/QPainter>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QToolButton>

#include <algorithm>
#include <cmath>

namespace ui {

namespace {

// Frames read ahead of the one shown, in the direction of travel: enough to cover the read of the next
// while one is drawn.
constexpr int PrefetchFrames = 2;
// A frame read from the cache arrives at once; the notice is only for reads the user waits for.
constexpr int ReadingNoticeDelayMs = 150;
constexpr int SidePanelWidth = 210;

QString levelText(double value)
{
    return QString::number(value, 'g', 6);
}

// The dimensions longer than 1, in order: the last two are the image's.
std::vector<int> significantDimensions(const h5::Shape &shape)
{
    std::vector<int> dimensions;
    for (std::size_t d = 0; d < shape.size(); ++d)
        if (shape[d] > 1)
            dimensions.push_back(int(d));
    return dimensions;
}

} // namespace

ImageView::ImageView(SliceLoader &loader, QWidget *parent)
    : DataView(loader, parent), m_map(&colourMaps().front())
{
    setFocusPolicy(Qt::StrongFocus);
    buildControls();

    connect(&loader, &SliceLoader::loaded, this, &ImageView::onLoaded);
    connect(&loader, &SliceLoader::failed, this, &ImageView::onFailed);
    connect(&m_rendering, &QFutureWatcher<FramePicture>::finished, this, &ImageView::onRendered);
    connect(&m_unitsReading, &QFutureWatcher<QString>::finished, this, [this] {
        m_units = m_unitsReading.result();
        m_unitsRead = true;
        adoptPhaseDefaults();
    });

    m_readingNoticeDelay.setSingleShot(true);
    m_readingNoticeDelay.setInterval(ReadingNoticeDelayMs);
    connect(&m_readingNoticeDelay, &QTimer::timeout, this, &ImageView::showReadingNotice);
    // Playback moves on only once the frame due is on screen: a slow file slows it down instead of
    // skipping frames.
    connect(&m_playTimer, &QTimer::timeout, this, [this] {
        if (isShowingFrame(m_frame))
            setFrame((m_frame + 1) % frameCount());
    });
}

ImageView::~ImageView()
{
    loader().cancel(this);
}

ViewFactory ImageView::factory()
{
    return {QStringLiteral("image"), tr("Image"),
            [](const DataSource &source) {
                if (!source.isNumeric() || source.isEmpty() || source.significantRank() < 2)
                    return 0;
                return source.interpretation == QLatin1String("image") ? 55 : 40;
            },
            [](SliceLoader &loader, QWidget *parent) -> DataView * { return new ImageView(loader, parent); }};
}

void ImageView::buildControls()
{
    m_canvas = new ImageCanvas(this);
    m_canvas->setObjectName(QStringLiteral("canvas"));
    m_colourBar = new ColourBarHistogram(this);
    m_colourBar->setObjectName(QStringLiteral("colourBar"));
    m_frameControls = new FrameControls(this);
    m_frameControls->setObjectName(QStringLiteral("frameControls"));

    m_mapChoice = new QComboBox(this);
    m_mapChoice->setObjectName(QStringLiteral("colourMap"));
    for (const ColourMap &map : colourMaps())
        m_mapChoice->addItem(map.name);
    m_scaleChoice = new QComboBox(this);
    m_scaleChoice->setObjectName(QStringLiteral("scale"));
    m_scaleChoice->addItem(tr("linear"), int(browse::ValueScale::Linear));
    m_scaleChoice->addItem(tr("log"), int(browse::ValueScale::Log));
    m_scaleChoice->addItem(tr("square root"), int(browse::ValueScale::Sqrt));
    m_levelsChoice = new QComboBox(this);
    m_levelsChoice->setObjectName(QStringLiteral("levelsSource"));
    m_levelsChoice->addItem(tr("percentiles"), int(LevelsSource::Percentiles));
    m_levelsChoice->addItem(tr("min – max"), int(LevelsSource::MinMax));
    m_levelsChoice->addItem(tr("mean ± kσ"), int(LevelsSource::MeanSigma));
    m_levelsChoice->addItem(tr("visible region"), int(LevelsSource::VisibleRegion));
    m_levelsChoice->setToolTip(tr("How the levels are found: percentiles ignore a few hot or dead pixels; the "
                                  "visible region uses the percentiles of the part on screen"));
    m_updateChoice = new QComboBox(this);
    m_updateChoice->setObjectName(QStringLiteral("levelsUpdate"));
    m_updateChoice->addItem(tr("per frame"));
    m_updateChoice->addItem(tr("fixed"));
    m_updateChoice->setToolTip(tr("Per frame: the levels follow each frame. Fixed: they stay while scrubbing, "
                                  "so that frames can be compared"));

    const auto percentBox = [this](double value) {
        auto *box = new QDoubleSpinBox(this);
        box->setRange(0, 100);
        box->setDecimals(2);
        box->setSingleStep(0.5);
        box->setValue(value);
        box->setKeyboardTracking(false);
        return box;
    };
    m_lowPercentile = percentBox(m_rule.lowPercentile);
    m_lowPercentile->setObjectName(QStringLiteral("lowPercentile"));
    m_highPercentile = percentBox(m_rule.highPercentile);
    m_highPercentile->setObjectName(QStringLiteral("highPercentile"));
    m_percentileControls = new QWidget(this);
    auto *percentiles = new QHBoxLayout(m_percentileControls);
    percentiles->setContentsMargins(0, 0, 0, 0);
    percentiles->addWidget(m_lowPercentile);
    percentiles->addWidget(new QLabel(QStringLiteral("–"), m_percentileControls));
    percentiles->addWidget(m_highPercentile);
    percentiles->addWidget(new QLabel(QStringLiteral("%"), m_percentileControls));

    m_sigmas = new QDoubleSpinBox(this);
    m_sigmas->setObjectName(QStringLiteral("sigmas"));
    m_sigmas->setRange(0.1, 20);
    m_sigmas->setDecimals(1);
    m_sigmas->setSingleStep(0.5);
    m_sigmas->setValue(m_rule.sigmas);
    m_sigmas->setKeyboardTracking(false);
    m_sigmaControls = new QWidget(this);
    auto *sigmas = new QHBoxLayout(m_sigmaControls);
    sigmas->setContentsMargins(0, 0, 0, 0);
    sigmas->addWidget(new QLabel(tr("k ="), m_sigmaControls));
    sigmas->addWidget(m_sigmas);
    sigmas->addWidget(new QLabel(tr("σ"), m_sigmaControls), 1);

    const auto levelEdit = [this](const QString &name, const QString &tip) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name);
        auto *validator = new QDoubleValidator(edit);
        validator->setLocale(QLocale::c());
        edit->setValidator(validator);
        edit->setToolTip(tip);
        return edit;
    };
    m_highLevel = levelEdit(QStringLiteral("highLevel"), tr("The value shown as the last colour; typing one fixes "
                                                            "the levels"));
    m_lowLevel = levelEdit(QStringLiteral("lowLevel"), tr("The value shown as the first colour; typing one fixes "
                                                          "the levels"));

    auto *side = new QWidget(this);
    side->setFixedWidth(SidePanelWidth);
    auto *form = new QFormLayout;
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Colours"), m_mapChoice);
    form->addRow(tr("Scale"), m_scaleChoice);
    form->addRow(tr("Levels"), m_levelsChoice);
    form->addRow(QString(), m_percentileControls);
    form->addRow(QString(), m_sigmaControls);
    form->addRow(tr("Update"), m_updateChoice);
    form->addRow(tr("High"), m_highLevel);
    auto *lowRow = new QFormLayout;
    lowRow->setContentsMargins(0, 0, 0, 0);
    lowRow->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    lowRow->addRow(tr("Low"), m_lowLevel);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addLayout(form);
    sideLayout->addWidget(m_colourBar, 1);
    sideLayout->addLayout(lowRow);

    auto *picture = new QHBoxLayout;
    picture->setContentsMargins(0, 0, 0, 0);
    picture->addWidget(m_canvas, 1);
    picture->addWidget(side);

    m_readout = new QLabel(this);
    m_readout->setObjectName(QStringLiteral("readout"));
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    auto *fit = new QToolButton(this);
    fit->setObjectName(QStringLiteral("fit"));
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Show the whole frame (or double-click the picture)"));
    auto *bottom = new QHBoxLayout;
    bottom->setContentsMargins(0, 0, 0, 0);
    bottom->addWidget(m_readout, 1);
    bottom->addWidget(m_status);
    bottom->addWidget(fit);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(picture, 1);
    layout->addWidget(m_frameControls);
    layout->addLayout(bottom);
    showLevelsControls();

    connect(fit, &QToolButton::clicked, m_canvas, &ImageCanvas::fit);
    connect(m_canvas, &ImageCanvas::pixelHovered, this, [this](const QPoint &pixel) {
        m_hovered = pixel;
        m_readout->setText(valueText(pixel));
    });
    connect(m_canvas, &ImageCanvas::hoverLeft, this, [this] {
        m_hovered.reset();
        m_readout->clear();
    });
    connect(m_canvas, &ImageCanvas::viewChanged, this, [this] {
        if (m_levelsSource == LevelsSource::VisibleRegion && !m_levelsFixed)
            render();
    });
    connect(m_colourBar, &ColourBarHistogram::levelsDragged, this, &ImageView::setLevels);
    connect(m_mapChoice, &QComboBox::activated, this, [this] { setColourMap(m_mapChoice->currentText()); });
    connect(m_scaleChoice, &QComboBox::activated, this,
            [this] { setValueScale(browse::ValueScale(m_scaleChoice->currentData().toInt())); });
    connect(m_levelsChoice, &QComboBox::activated, this, &ImageView::levelsRuleEdited);
    connect(m_lowPercentile, &QDoubleSpinBox::valueChanged, this, &ImageView::levelsRuleEdited);
    connect(m_highPercentile, &QDoubleSpinBox::valueChanged, this, &ImageView::levelsRuleEdited);
    connect(m_sigmas, &QDoubleSpinBox::valueChanged, this, &ImageView::levelsRuleEdited);
    connect(m_updateChoice, &QComboBox::activated, this, [this](int index) { setLevelsFixed(index == 1); });
    connect(m_lowLevel, &QLineEdit::editingFinished, this, &ImageView::levelEdited);
    connect(m_highLevel, &QLineEdit::editingFinished, this, &ImageView::levelEdited);
    connect(m_frameControls, &FrameControls::positionEdited, this, &ImageView::onFramePositionEdited);
    connect(m_frameControls, &FrameControls::playingToggled, this, [this](bool playing) {
        if (playing && frameCount() > 1) {
            m_direction = 1;
            m_playTimer.start(int(std::lround(1000 / m_frameControls->framesPerSecond())));
        } else {
            m_playTimer.stop();
        }
    });
    connect(m_frameControls, &FrameControls::framesPerSecondChanged, this,
            [this](double framesPerSecond) { m_playTimer.setInterval(int(std::lround(1000 / framesPerSecond))); });
}

void ImageView::setSource(const DataSource &source)
{
    loader().cancel(this);
    ++m_generation;
    m_source = source;
    setPlaying(false);

    const std::vector<int> significant = significantDimensions(source.shape);
    m_rowDimension = significant.size() >= 2 ? significant[significant.size() - 2] : -1;
    m_columnDimension = significant.size() >= 2 ? significant.back() : -1;
    const auto imageDimensions = std::min<std::ptrdiff_t>(2, std::ssize(significant));
    m_steppedDimensions.assign(significant.begin(), significant.end() - imageDimensions);
    showFrameDimensions();
    m_frameControls->setVisible(!m_steppedDimensions.empty());

    m_frame = 0;
    m_direction = 1;
    m_levelsFixed = false;
    m_units.clear();
    m_unitsRead = false;
    m_phaseChecked = false;
    if (!m_mapChosen)
        m_map = &colourMaps().front();
    m_frameControls->setPosition(positionOf(0));
    clearShown();
    showColourMap();
    showLevelsControls();
    if (m_rowDimension < 0) {
        m_canvas->showMessage(tr("%1 has fewer than two dimensions longer than 1: no image to show")
                                  .arg(source.objectPath));
        return;
    }
    readUnits();
    requestFrame();
}

void ImageView::sourceGrew(const DataSource &source)
{
    // Only longer stepped dimensions keep the layout; anything else (another image size, a dimension that
    // stops being 1) starts afresh.
    const auto extent = [](const DataSource &of, int dimension) { return of.shape[std::size_t(dimension)]; };
    const bool sameLayout = m_rowDimension >= 0 &&
                            significantDimensions(source.shape) == significantDimensions(m_source.shape) &&
                            extent(source, m_rowDimension) == extent(m_source, m_rowDimension) &&
                            extent(source, m_columnDimension) == extent(m_source, m_columnDimension);
    if (!sameLayout) {
        setSource(source);
        return;
    }
    // Watching the newest frame of a recording being written means following it as frames arrive.
    const bool onLastFrame = frameCount() > 0 && frame() + 1 == frameCount();
    m_source = source;
    showFrameDimensions();
    if (onLastFrame && !isPlaying())
        setFrame(frameCount() - 1);
}

void ImageView::showFrameDimensions()
{
    std::vector<std::uint64_t> extents;
    QStringList names;
    for (const int d : m_steppedDimensions) {
        extents.push_back(m_source.shape[std::size_t(d)]);
        // A NeXus axis names the dimension; otherwise its number.
        const QString axis = m_source.axes.value(d);
        names << (axis.isEmpty() || axis == QLatin1String(".") ? tr("dim %1").arg(d)
                                                                : axis.section(QLatin1Char('/'), -1));
    }
    m_frameControls->setDimensions(extents, names);
}

std::optional<ShownSlice> ImageView::shownSlice() const
{
    if (!m_shownFrame)
        return std::nullopt;
    return ShownSlice{offsetOf(*m_shownFrame), frameShape()};
}

quint64 ImageView::frameCount() const
{
    quint64 count = 1;
    for (const int d : m_steppedDimensions)
        count *= m_source.shape[std::size_t(d)];
    return count;
}

std::vector<std::uint64_t> ImageView::positionOf(quint64 frame) const
{
    std::vector<std::uint64_t> position(m_steppedDimensions.size());
    for (std::size_t i = m_steppedDimensions.size(); i-- > 0;) {
        const std::uint64_t extent = m_source.shape[std::size_t(m_steppedDimensions[i])];
        position[i] = frame % extent;
        frame /= extent;
    }
    return position;
}

h5::Shape ImageView::offsetOf(quint64 frame) const
{
    h5::Shape offset(m_source.shape.size(), 0);
    const std::vector<std::uint64_t> position = positionOf(frame);
    for (std::size_t i = 0; i < m_steppedDimensions.size(); ++i)
        offset[std::size_t(m_steppedDimensions[i])] = position[i];
    return offset;
}

h5::Shape ImageView::frameShape() const
{
    h5::Shape count(m_source.shape.size(), 1);
    count[std::size_t(m_rowDimension)] = m_source.shape[std::size_t(m_rowDimension)];
    count[std::size_t(m_columnDimension)] = m_source.shape[std::size_t(m_columnDimension)];
    return count;
}

QString ImageView::frameText(quint64 frame) const
{
    const h5::Shape offset = offsetOf(frame);
    QStringList indices;
    for (std::size_t d = 0; d < offset.size(); ++d)
        indices << (int(d) == m_rowDimension || int(d) == m_columnDimension ? QStringLiteral(":")
                                                                               : QString::number(offset[d]));
    return QLatin1Char('[') + indices.join(QStringLiteral(", ")) + QLatin1Char(']');
}

void ImageView::setFrame(quint64 frame)
{
    if (m_rowDimension < 0)
        return;
    frame = std::min(frame, frameCount() - 1);
    if (frame == m_frame && (m_reading || isShowingFrame(frame)))
        return;
    if (frame != m_frame)
        m_direction = frame > m_frame ? 1 : -1;
    m_frame = frame;
    m_frameControls->setPosition(positionOf(frame));
    requestFrame();
}

void ImageView::onFramePositionEdited()
{
    quint64 frame = 0;
    const std::vector<std::uint64_t> position = m_frameControls->position();
    for (std::size_t i = 0; i < m_steppedDimensions.size(); ++i)
        frame = frame * m_source.shape[std::size_t(m_steppedDimensions[i])] + position[i];
    setFrame(frame);
}

bool ImageView::isShowingFrame(quint64 frame) const
{
    return m_shownFrame == frame && !m_canvas->picture().isNull();
}

void ImageView::step(int frames)
{
    const quint64 count = frameCount();
    if (count <= 1)
        return;
    setFrame(quint64(std::clamp<qint64>(qint64(m_frame) + frames, 0, qint64(count) - 1)));
}

void ImageView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Left: step(-1); break;
    case Qt::Key_Right: step(1); break;
    case Qt::Key_Home: setFrame(0); break;
    case Qt::Key_End: setFrame(frameCount() - 1); break;
    default: DataView::keyPressEvent(event); return;
    }
    event->accept();
}

void ImageView::setPlaying(bool playing)
{
    m_frameControls->setPlaying(playing);
}

bool ImageView::isPlaying() const
{
    return m_playTimer.isActive();
}

void ImageView::setFramesPerSecond(double framesPerSecond)
{
    m_frameControls->setFramesPerSecond(framesPerSecond);
}

void ImageView::requestFrame()
{
    m_ticket = loader().request(this, {m_source.dataset, offsetOf(m_frame), frameShape(), SliceFormat::Float32});
    m_reading = true;
    m_readingNoticeDelay.start();
    prefetchAhead();
}

void ImageView::prefetchAhead()
{
    const quint64 count = frameCount();
    for (int i = 1; i <= PrefetchFrames; ++i) {
        const qint64 next = qint64(m_frame) + qint64(i) * m_direction;
        // Playback wraps round to the first frame; stepping by hand stops at the ends.
        if (!isPlaying() && (next < 0 || next >= qint64(count)))
            break;
        const quint64 frame = quint64((next % qint64(count) + qint64(count)) % qint64(count));
        if (frame == m_frame)
            break;
        loader().prefetch({m_source.dataset, offsetOf(frame), frameShape(), SliceFormat::Float32});
    }
}

void ImageView::showReadingNotice()
{
    const QString notice = tr("reading frame %1…").arg(frameCount() > 1 ? frameText(m_frame) : QString());
    m_canvas->setNotice(frameCount() > 1 ? notice : tr("reading…"));
    m_status->setText(m_canvas->notice());
}

void ImageView::onLoaded(quint64 ticket, const std::shared_ptr<const Slice> &slice)
{
    // An older request's frame, finished while the slider moved on, is shown meanwhile: a drag faster than
    // frames decode shows every frame it can instead of none until it stops.
    if (ticket != m_ticket) {
        const std::optional<quint64> frame = frameAt(slice->offset);
        if (!frame || !m_reading)
            return;
        m_loaded = slice;
        m_loadedFrame = *frame;
        render();
        return;
    }
    m_reading = false;
    m_loaded = slice;
    m_loadedFrame = m_frame;
    render();
}

std::optional<quint64> ImageView::frameAt(const h5::Shape &offset) const
{
    if (offset.size() != m_source.shape.size())
        return std::nullopt;
    quint64 frame = 0;
    for (const int d : m_steppedDimensions) {
        if (offset[std::size_t(d)] >= m_source.shape[std::size_t(d)])
            return std::nullopt;
        frame = frame * m_source.shape[std::size_t(d)] + offset[std::size_t(d)];
    }
    return frame;
}

void ImageView::onFailed(quint64 ticket, const QString &message)
{
    if (ticket != m_ticket)
        return;
    m_reading = false;
    m_readingNoticeDelay.stop();
    setPlaying(false);
    m_loaded.reset();
    m_shownFrame.reset();
    m_shownData.reset();
    m_shown = {};
    m_canvas->setNotice({});
    m_canvas->showMessage(message);
    m_status->setText(tr("frame %1 could not be read").arg(frameText(m_frame)));
    Q_EMIT problem(message);
    Q_EMIT shownChanged();
}

FrameRendering ImageView::renderingInput() const
{
    FrameRendering input;
    input.frame = m_loaded;
    input.width = int(m_source.shape[std::size_t(m_columnDimension)]);
    input.height = int(m_source.shape[std::size_t(m_rowDimension)]);
    input.integerValues = m_source.typeClass != h5::TypeClass::Float;
    input.rule = m_rule;
    input.rule.mode = m_levelsSource == LevelsSource::MinMax      ? browse::LevelsMode::MinMax
                      : m_levelsSource == LevelsSource::MeanSigma ? browse::LevelsMode::MeanSigma
                                                                   : browse::LevelsMode::Percentiles;
    const QRect visible = m_canvas->visiblePixels();
    if (m_levelsSource == LevelsSource::VisibleRegion && !visible.isEmpty())
        input.region = browse::ImageRegion{std::size_t(visible.left()), std::size_t(visible.top()),
                                           std::size_t(visible.width()), std::size_t(visible.height())};
    if (m_levelsFixed)
        input.fixedLevels = m_levels;
    input.scale = m_scale;
    input.colourMap = *m_map;
    return input;
}

void ImageView::render()
{
    if (!m_loaded)
        return;
    if (m_rendering.isRunning()) {
        m_renderAgain = true;
        return;
    }
    m_renderAgain = false;
    m_renderingData = m_loaded;
    m_renderingFrame = m_loadedFrame;
    m_renderingGeneration = m_generation;
    m_rendering.setFuture(QtConcurrent::run([input = renderingInput()] { return renderFrame(input); }));
}

void ImageView::onRendered()
{
    FramePicture rendered;
    try {
        rendered = m_rendering.result();
    } catch (const std::exception &error) {
        // Out of memory for the picture's work buffers: said, not a crash.
        m_renderAgain = false;
        m_canvas->showMessage(tr("Cannot draw this frame: %1").arg(QString::fromUtf8(error.what())));
        Q_EMIT problem(tr("cannot draw the frame: %1").arg(QString::fromUtf8(error.what())));
        return;
    }
    if (m_renderingGeneration == m_generation) {
        // Levels fixed while this picture was drawn with others: it is drawn again below.
        const bool levelsOutdated = m_levelsFixed && (!rendered.levels || rendered.levels->low != m_levels.low ||
                                                      rendered.levels->high != m_levels.high);
        m_renderAgain = m_renderAgain || levelsOutdated;
        m_shown = std::move(rendered);
        m_shownData = m_renderingData;
        m_shownFrame = m_renderingFrame;
        if (!m_levelsFixed && m_shown.levels)
            m_levels = *m_shown.levels;
        if (m_shownFrame == m_frame) {
            m_readingNoticeDelay.stop();
            m_canvas->setNotice({});
            m_status->clear();
        }
        m_canvas->setPicture(m_shown.picture);
        m_colourBar->setHistogram(m_shown.valueRange ? std::optional(m_shown.histogram) : std::nullopt);
        showLevels();
        if (m_hovered)
            m_readout->setText(valueText(*m_hovered));
        adoptPhaseDefaults();
        Q_EMIT shownChanged();
    }
    if (m_renderAgain)
        render();
}

void ImageView::clearShown()
{
    m_reading = false;
    m_renderAgain = false;
    m_readingNoticeDelay.stop();
    m_loaded.reset();
    m_shownData.reset();
    m_shownFrame.reset();
    m_shown = {};
    m_hovered.reset();
    m_readout->clear();
    m_status->clear();
    m_canvas->setNotice({});
    m_canvas->showMessage(QString());
    m_colourBar->setHistogram(std::nullopt);
}

void ImageView::readUnits()
{
    m_unitsReading.setFuture(QtConcurrent::run([dataset = m_source.dataset] {
        // A dataset without units, or with units that are not text, simply has none.
        try {
            const h5::Attributes attributes = dataset->attributes();
            if (attributes.contains("units"))
                if (const nlohmann::json units = attributes.get("units"); units.is_string())
                    return QString::fromStdString(units.get<std::string>());
        } catch (const std::exception &) {
        }
        return QString();
    }));
}

void ImageView::adoptPhaseDefaults()
{
    // Once per dataset, when both its units and its values are known, and never over a map the user chose.
    if (m_phaseChecked || !m_unitsRead || !m_shown.valueRange || m_mapChosen)
        return;
    m_phaseChecked = true;
    const browse::Levels range = *m_shown.valueRange;
    if (!looksLikePhase(m_source.objectPath, m_units, range.low, range.high))
        return;
    m_map = &cyclicColourMap();
    showColourMap();
    setLevels(phaseCycleLevels(m_units, range.low, range.high).value_or(range));
}

void ImageView::setColourMap(const QString &name)
{
    m_mapChosen = true;
    m_map = &colourMapNamed(name);
    showColourMap();
    render();
}

void ImageView::showColourMap()
{
    m_mapChoice->setCurrentText(m_map->name);
    m_colourBar->setColourMap(*m_map);
}

QString ImageView::colourMapName() const
{
    return m_map->name;
}

void ImageView::setValueScale(browse::ValueScale scale)
{
    m_scale = scale;
    m_scaleChoice->setCurrentIndex(m_scaleChoice->findData(int(scale)));
    m_colourBar->setScale(scale);
    render();
}

void ImageView::setLevelsSource(LevelsSource source, const browse::LevelsRule &rule)
{
    m_levelsSource = source;
    m_rule = rule;
    m_levelsFixed = false;
    showLevelsControls();
    render();
}

void ImageView::levelsRuleEdited()
{
    browse::LevelsRule rule;
    rule.lowPercentile = m_lowPercentile->value();
    rule.highPercentile = m_highPercentile->value();
    rule.sigmas = m_sigmas->value();
    setLevelsSource(LevelsSource(m_levelsChoice->currentData().toInt()), rule);
}

void ImageView::setLevelsFixed(bool fixed)
{
    m_levelsFixed = fixed;
    showLevelsControls();
    render();
}

void ImageView::setLevels(const browse::Levels &levels)
{
    m_levels = levels;
    m_levelsFixed = true;
    showLevelsControls();
    showLevels();
    render();
}

void ImageView::levelEdited()
{
    bool lowOk = false, highOk = false;
    const double low = QLocale::c().toDouble(m_lowLevel->text(), &lowOk);
    const double high = QLocale::c().toDouble(m_highLevel->text(), &highOk);
    if (!lowOk || !highOk || (low == m_levels.low && high == m_levels.high))
        return;
    setLevels({low, high});
}

void ImageView::showLevels()
{
    m_colourBar->setLevels(m_levels);
    // A level being typed is not overwritten by the next frame's.
    for (const auto &[edit, value] : {std::pair{m_lowLevel, m_levels.low}, std::pair{m_highLevel, m_levels.high}})
        if (!(edit->hasFocus() && edit->isModified()))
            edit->setText(levelText(value));
}

void ImageView::showLevelsControls()
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_levelsChoice), QSignalBlocker(m_lowPercentile),
                                       QSignalBlocker(m_highPercentile), QSignalBlocker(m_sigmas),
                                       QSignalBlocker(m_updateChoice)};
    m_levelsChoice->setCurrentIndex(m_levelsChoice->findData(int(m_levelsSource)));
    m_lowPercentile->setValue(m_rule.lowPercentile);
    m_highPercentile->setValue(m_rule.highPercentile);
    m_sigmas->setValue(m_rule.sigmas);
    m_updateChoice->setCurrentIndex(m_levelsFixed ? 1 : 0);
    m_percentileControls->setVisible(m_levelsSource == LevelsSource::Percentiles ||
                                     m_levelsSource == LevelsSource::VisibleRegion);
    m_sigmaControls->setVisible(m_levelsSource == LevelsSource::MeanSigma);
}

const QImage &ImageView::picture() const
{
    return m_shown.picture;
}

QString ImageView::readoutText() const
{
    return m_readout->text();
}

QString ImageView::valueText(const QPoint &pixel) const
{
    if (!m_shownData || m_shown.picture.isNull() || !m_shown.picture.rect().contains(pixel))
        return {};
    const float value =
        m_shownData->floats[std::size_t(pixel.y()) * std::size_t(m_shown.picture.width()) + std::size_t(pixel.x())];
    const QString number = std::isnan(value) ? QStringLiteral("NaN") : QString::number(value, 'g', 7);
    QString text = QStringLiteral("%1, %2 = %3").arg(pixel.x()).arg(pixel.y()).arg(number);
    if (frameCount() > 1)
        text += QStringLiteral("    ") + tr("frame %1").arg(frameText(*m_shownFrame));
    return text;
}

void ImageView::paintFigure(QPainter &painter, const QSize &size) const
{
    painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
    const QRectF page = QRectF(QPointF(0, 0), QSizeF(size)).adjusted(16, 12, -16, -16);
    QFont titleFont = painter.font();
    titleFont.setBold(true);
    const QRectF title(page.left(), page.top(), page.width(), QFontMetricsF(titleFont).height() * 1.6);
    QString titleText = m_source.objectPath;
    if (frameCount() > 1 && m_shownFrame)
        titleText += QLatin1Char(' ') + frameText(*m_shownFrame);
    painter.save();
    painter.setFont(titleFont);
    painter.setPen(Qt::black);
    painter.drawText(title, Qt::AlignHCenter | Qt::AlignTop,
                     QFontMetricsF(titleFont).elidedText(titleText, Qt::ElideMiddle, title.width()));
    painter.restore();

    const QRectF body(page.left(), title.bottom(), page.width(), page.bottom() - title.bottom());
    if (m_shown.picture.isNull()) {
        painter.setPen(Qt::black);
        painter.drawText(body, Qt::AlignCenter | Qt::TextWordWrap, m_canvas->message());
        return;
    }
    constexpr double BarSpacing = 12;
    const double barWidth = ColourBarHistogram::figureBarWidth(painter.font());
    const QRectF space(body.left(), body.top(), body.width() - BarSpacing - barWidth, body.height());
    const QSizeF shown = QSizeF(m_shown.picture.size()).scaled(space.size(), Qt::KeepAspectRatio);
    const QRectF target(space.left() + (space.width() - shown.width()) / 2, space.top(), shown.width(), shown.height());
    ImageCanvas::drawPicture(painter, target, m_shown.picture);
    const QRectF bar(target.right() + BarSpacing, target.top(), barWidth, target.height());
    ColourBarHistogram::paintFigureBar(painter, bar, *m_map, m_levels, m_scale);
}

} // namespace ui
