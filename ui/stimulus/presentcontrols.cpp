#include "ui/stimulus/presentcontrols.h"

#include "hardware/display/framesequence.h"
#include "hardware/display/photodiodepatch.h"
#include "hardware/display/stimuluswindow.h"

#include "core/stimulus/stimulusfile.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QLocale>
#include <QtGui/QGuiApplication>
#include <QtGui/QScreen>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>

#include <filesystem>
#include <memory>
#include <optional>

namespace ui {

namespace {

const QString good = QStringLiteral("#1b7f3b");
const QString bad = QStringLiteral("#b3261e");
const QString plain; // the palette's text colour

QString screenLabel(const QScreen *screen)
{
    const QSize pixels = screen->size() * screen->devicePixelRatio();
    const QString name = screen->name().isEmpty() ? QObject::tr("(unnamed)") : screen->name();
    return QStringLiteral("%1 %2×%3 px %4 Hz")
        .arg(name)
        .arg(pixels.width())
        .arg(pixels.height())
        .arg(QLocale().toString(screen->refreshRate(), 'g', 4));
}

QScreen *screenNamed(const QString &name)
{
    for (QScreen *screen : QGuiApplication::screens()) {
        if (screen->name() == name)
            return screen;
    }
    return nullptr;
}

} // namespace

struct PresentControls::Prepared {
    std::optional<hw::FrameSequence> sequence;
    QString error;
};

PresentControls::PresentControls(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("presentControls"));
    m_opening = new QFutureWatcher<Prepared>(this);

    m_present = new QPushButton(tr("Present…"), this);
    m_present->setObjectName(QStringLiteral("present"));
    m_present->setToolTip(tr("Show the stimulus full screen, to check it on the rig's monitor"));
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("presentResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_options = new QWidget(this);
    m_options->setObjectName(QStringLiteral("presentOptions"));
    m_screen = new QComboBox(m_options);
    m_screen->setObjectName(QStringLiteral("presentScreen"));
    m_corner = new QComboBox(m_options);
    m_corner->setObjectName(QStringLiteral("photodiodeCorner"));
    m_corner->setToolTip(tr("Corner of the photodiode patch"));
    for (const hw::Corner corner : {hw::Corner::TopLeft, hw::Corner::TopRight, hw::Corner::BottomLeft,
                                    hw::Corner::BottomRight})
        m_corner->addItem(QString::fromLatin1(hw::cornerCode(corner)), static_cast<int>(corner));
    m_corner->setCurrentIndex(m_corner->findData(static_cast<int>(hw::PhotodiodePatch{}.corner)));
    m_patchSize = new QSpinBox(m_options);
    m_patchSize->setObjectName(QStringLiteral("photodiodeSize"));
    m_patchSize->setRange(1, 1000);
    m_patchSize->setSuffix(tr(" px"));
    m_patchSize->setValue(hw::PhotodiodePatch{}.sizePx);
    m_patchSize->setToolTip(tr("Side of the photodiode patch, in device pixels"));
    m_show = new QPushButton(tr("Show"), m_options);
    m_show->setObjectName(QStringLiteral("startPresentation"));
    m_options->hide();

    auto *options = new QHBoxLayout(m_options);
    options->setContentsMargins(0, 0, 0, 0);
    options->addWidget(new QLabel(tr("Screen:"), m_options));
    options->addWidget(m_screen, 1);
    options->addWidget(new QLabel(tr("Photodiode:"), m_options));
    options->addWidget(m_corner);
    options->addWidget(m_patchSize);
    options->addWidget(m_show);

    auto *top = new QHBoxLayout;
    top->addWidget(m_present);
    top->addWidget(m_result, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_options);

    connect(m_present, &QPushButton::clicked, this, &PresentControls::showOptions);
    connect(m_show, &QPushButton::clicked, this, &PresentControls::present);
    connect(m_opening, &QFutureWatcher<Prepared>::finished, this, &PresentControls::startWindow);
    updateButtons();
}

PresentControls::~PresentControls()
{
    if (m_window) {
        m_window->disconnect(this);
        m_window->abort();
        delete m_window;
    }
}

void PresentControls::setStimulusFile(const QString &path)
{
    m_path = path;
    if (m_path.isEmpty())
        m_options->hide();
    updateButtons();
}

void PresentControls::showOptions()
{
    // Screens come and go (a monitor switched on late), so the list is read each time.
    fillScreens();
    m_options->show();
    updateButtons();
}

void PresentControls::fillScreens()
{
    const QString chosen = m_screen->currentData().toString();
    m_screen->clear();
    for (const QScreen *screen : QGuiApplication::screens())
        m_screen->addItem(screenLabel(screen), screen->name());
    const int again = m_screen->findData(chosen);
    // Without an earlier choice, the last screen: on a rig the stimulus monitor is the secondary one.
    m_screen->setCurrentIndex(again >= 0 ? again : m_screen->count() - 1);
}

void PresentControls::present()
{
    if (m_path.isEmpty() || isPresenting())
        return;
    m_result->setText(tr("Opening…"));
    m_result->setStyleSheet(QString());
    // Opening reads the display table, which can be long; the prefetch thread takes the file over afterwards.
    m_opening->setFuture(QtConcurrent::run([path = m_path]() -> Prepared {
        Prepared prepared;
        try {
            auto file = std::make_shared<const stimulus::StimulusFile>(std::filesystem::path(path.toStdString()));
            prepared.sequence = hw::frameSequenceOf(std::move(file));
        } catch (const std::exception &failure) {
            prepared.error = QString::fromUtf8(failure.what());
        }
        return prepared;
    }));
    updateButtons();
}

void PresentControls::startWindow()
{
    Prepared prepared = m_opening->result();
    if (!prepared.sequence)
        return finishWindow(prepared.error, bad);
    QScreen *screen = screenNamed(m_screen->currentData().toString());
    if (!screen)
        return finishWindow(tr("the screen '%1' is gone").arg(m_screen->currentData().toString()), bad);

    hw::PresentationOptions options;
    options.photodiode.corner = static_cast<hw::Corner>(m_corner->currentData().toInt());
    options.photodiode.sizePx = m_patchSize->value();
    m_window = new hw::StimulusWindow(std::move(*prepared.sequence), screen, options);
    connect(m_window, &hw::StimulusWindow::presentationFinished, this,
            [this] { finishWindow(summary(tr("Finished")), good); });
    connect(m_window, &hw::StimulusWindow::presentationAborted, this,
            [this] { finishWindow(summary(tr("Stopped")), plain); });
    connect(m_window, &hw::StimulusWindow::presentationFailed, this,
            [this](const QString &message) { finishWindow(message, bad); });
    m_result->setText(tr("Presenting… (Esc to stop)"));
    updateButtons();
    // Refusals (frame size, no OpenGL) arrive through presentationFailed before start() returns.
    m_window->start();
}

void PresentControls::finishWindow(const QString &result, const QString &colour)
{
    m_result->setText(result);
    m_result->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("QLabel { color: %1; }").arg(colour));
    // The window is still inside its own signal here.
    if (m_window)
        m_window->deleteLater();
    m_window = nullptr;
    updateButtons();
    Q_EMIT presentationEnded();
}

QString PresentControls::summary(const QString &how) const
{
    const hw::PresentationStats stats = m_window->stats();
    const QLocale locale;
    const auto count = [&](std::uint64_t n) { return locale.toString(qulonglong(n)); };
    const auto &check = m_window->refreshCheck();
    const QString refresh = check ? tr("%1 Hz").arg(locale.toString(check->measuredHz, 'f', 2)) : tr("not measured");
    return tr("%1: %2 frames presented, %3 dropped; late > 20/33/50/100 ms: %4/%5/%6/%7; refresh %8.")
        .arg(how, count(stats.presented), count(stats.dropped), count(stats.lateOver20ms), count(stats.lateOver33ms),
             count(stats.lateOver50ms), count(stats.lateOver100ms), refresh);
}

bool PresentControls::isPresenting() const
{
    return m_opening->isRunning() || m_window;
}

QString PresentControls::resultText() const
{
    return m_result->text();
}

void PresentControls::updateButtons()
{
    const bool available = !m_path.isEmpty();
    const bool presenting = isPresenting();
    m_present->setEnabled(available && !presenting);
    m_show->setEnabled(available && !presenting && m_screen->count() > 0);
}

} // namespace ui
