#include "ui/acquisition/stimuluschoicebox.h"

#include "core/stimulus/stimulusfile.h"
#include "core/stimulus/stimuluslibrary.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QLocale>
#include <QtGui/QGuiApplication>
#include <QtGui/QScreen>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>

namespace ui {

namespace {

// Files that cannot be read are left out: the stimulus panel's library browser is where they are explained.
std::vector<LibraryStimulus> listLibrary()
{
    std::vector<LibraryStimulus> stimuli;
    try {
        const stimulus::StimulusLibrary library(stimulus::StimulusLibrary::defaultLocation());
        for (const stimulus::LibraryEntry &entry : library.list()) {
            try {
                const stimulus::StimulusFile file(entry.path);
                const auto &monitor = file.parameters().monitor;
                stimuli.push_back({QString::fromStdString(entry.path.string()), QString::fromStdString(entry.sha256),
                                   double(file.displayFrames()) / monitor.refreshHz, file.width(), file.height(),
                                   monitor.refreshHz});
            } catch (const std::exception &) {
                continue;
            }
        }
    } catch (const std::exception &) {
        // No library folder: nothing to choose but None.
    }
    return stimuli;
}

QString screenLabel(const QScreen *screen)
{
    const QSize pixels = screen->size() * screen->devicePixelRatio();
    return QStringLiteral("%1 %2×%3 px %4 Hz")
        .arg(screen->name().isEmpty() ? QObject::tr("(unnamed)") : screen->name())
        .arg(pixels.width())
        .arg(pixels.height())
        .arg(QLocale().toString(screen->refreshRate(), 'g', 4));
}

} // namespace

StimulusChoiceBox::StimulusChoiceBox(QWidget *parent) : QGroupBox(tr("Stimulus"), parent)
{
    setObjectName(QStringLiteral("stimulusChoice"));
    m_listing = new QFutureWatcher<std::vector<LibraryStimulus>>(this);
    m_stimulus = new QComboBox(this);
    m_stimulus->setObjectName(QStringLiteral("stimulus"));
    m_stimulus->addItem(tr("None"));
    m_screen = new QComboBox(this);
    m_screen->setObjectName(QStringLiteral("stimulusScreen"));
    m_description = new QLabel(this);
    m_description->setObjectName(QStringLiteral("stimulusDescription"));
    m_description->setForegroundRole(QPalette::PlaceholderText);
    m_description->setWordWrap(true);

    auto *form = new QFormLayout(this);
    form->addRow(tr("Play:"), m_stimulus);
    form->addRow(tr("On:"), m_screen);
    form->addRow(m_description);

    connect(m_listing, &QFutureWatcher<std::vector<LibraryStimulus>>::finished, this, &StimulusChoiceBox::fillStimuli);
    connect(m_stimulus, &QComboBox::currentIndexChanged, this, [this] {
        describe();
        Q_EMIT choiceChanged();
    });
    connect(m_screen, &QComboBox::currentIndexChanged, this, [this] {
        describe();
        Q_EMIT choiceChanged();
    });
    fillScreens();
    refresh();
}

StimulusChoiceBox::~StimulusChoiceBox()
{
    m_listing->waitForFinished();
}

void StimulusChoiceBox::refresh()
{
    if (!m_listing->isRunning())
        m_listing->setFuture(QtConcurrent::run(&listLibrary));
}

void StimulusChoiceBox::fillStimuli()
{
    const QString chosen = m_wanted.isEmpty() ? m_stimulus->currentData().toString() : m_wanted;
    m_stimuli = m_listing->result();
    {
        const QSignalBlocker quiet(m_stimulus);
        m_stimulus->clear();
        m_stimulus->addItem(tr("None"));
        const QLocale locale;
        for (const LibraryStimulus &stimulus : m_stimuli)
            m_stimulus->addItem(tr("%1… · %2 s · %3×%4 @ %5 Hz")
                                    .arg(stimulus.sha256.left(12), locale.toString(stimulus.seconds, 'f', 1))
                                    .arg(stimulus.widthPx)
                                    .arg(stimulus.heightPx)
                                    .arg(locale.toString(stimulus.refreshHz, 'g', 4)),
                                stimulus.path);
        m_stimulus->setCurrentIndex(std::max(0, m_stimulus->findData(chosen)));
    }
    m_wanted.clear();
    describe();
    Q_EMIT choiceChanged();
    Q_EMIT listed();
}

void StimulusChoiceBox::fillScreens()
{
    m_screen->clear();
    m_screen->addItem(tr("Schedule only (no display)"), QString());
    for (const QScreen *screen : QGuiApplication::screens())
        m_screen->addItem(screenLabel(screen), screen->name());
    // On a rig the stimulus monitor is the secondary one; with a single screen that is the operator's own.
    m_screen->setCurrentIndex(QGuiApplication::screens().size() > 1 ? m_screen->count() - 1 : 0);
}

void StimulusChoiceBox::describe()
{
    const auto chosen = stimulus();
    m_screen->setEnabled(chosen.has_value() && isEnabled());
    if (!chosen)
        m_description->setText(tr("The camera records without a stimulus."));
    else if (screenName().isEmpty())
        m_description->setText(tr("Nothing is displayed: each row counts as shown at its nominal time."));
    else
        m_description->setText(tr("Full screen on %1 after a refresh check; the stimulus's frame size must be the "
                                  "screen's.").arg(screenName()));
}

std::optional<LibraryStimulus> StimulusChoiceBox::stimulus() const
{
    const QString path = m_stimulus->currentData().toString();
    for (const LibraryStimulus &stimulus : m_stimuli) {
        if (stimulus.path == path)
            return stimulus;
    }
    return std::nullopt;
}

QString StimulusChoiceBox::screenName() const
{
    return m_screen->currentData().toString();
}

void StimulusChoiceBox::choose(const QString &path, const QString &screenName)
{
    const int index = m_stimulus->findData(path);
    if (index >= 0)
        m_stimulus->setCurrentIndex(index);
    else
        m_wanted = path;
    m_screen->setCurrentIndex(std::max(0, m_screen->findData(screenName)));
}

void StimulusChoiceBox::setLocked(bool locked)
{
    m_stimulus->setEnabled(!locked);
    m_screen->setEnabled(!locked && stimulus().has_value());
}

} // namespace ui
