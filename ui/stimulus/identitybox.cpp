#include "ui/stimulus/identitybox.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QLocale>
#include <QtCore/QTimer>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QPushButton>

namespace ui {

namespace {

const QString good = QStringLiteral("#1b7f3b");
const QString pending = QStringLiteral("#8a5a00");
const QString plain; // the palette's text colour

} // namespace

IdentityBox::IdentityBox(std::filesystem::path libraryFolder, QWidget *parent)
    : QGroupBox(tr("Stimulus"), parent)
    , m_folder(std::move(libraryFolder))
{
    setObjectName(QStringLiteral("identityBox"));

    m_identity = new QLabel(this);
    m_identity->setObjectName(QStringLiteral("identity"));
    m_identity->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_identity->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_identity->setToolTip(tr("SHA-256 of the parameters in canonical form (RFC 8785): the stimulus's name in the "
                              "library and in recordings"));

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("libraryStatus"));

    m_generate = new QPushButton(tr("Generate"), this);
    m_generate->setObjectName(QStringLiteral("generate"));
    m_generate->setToolTip(tr("Render the frames into the library, or check and reuse the library's file"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelGeneration"));
    connect(m_generate, &QPushButton::clicked, this, &IdentityBox::generate);
    connect(m_cancel, &QPushButton::clicked, this, &IdentityBox::cancel);

    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("generationProgress"));
    m_bar->setTextVisible(true);
    m_bar->hide();

    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("generationNote"));
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_note->hide();

    m_poll = new QTimer(this);
    m_poll->setInterval(100);
    connect(m_poll, &QTimer::timeout, this, &IdentityBox::pollProgress);
    connect(&m_generation, &QFutureWatcher<Outcome>::finished, this, &IdentityBox::applyOutcome);
    connect(&m_check, &QFutureWatcher<Status>::finished, this, &IdentityBox::applyStatus);

    auto *facts = new QFormLayout;
    facts->addRow(tr("Identity:"), m_identity);
    facts->addRow(tr("Library:"), m_status);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_generate);
    actions->addWidget(m_cancel);
    actions->addWidget(m_bar, 1);
    actions->addStretch(0);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(facts);
    layout->addLayout(actions);
    layout->addWidget(m_note);
    updateButtons();
}

IdentityBox::~IdentityBox()
{
    if (m_progress)
        m_progress->stop.request_stop();
}

void IdentityBox::setParameters(std::optional<stimulus::StimulusParameters> parameters)
{
    m_parameters = std::move(parameters);
    m_sha256 = m_parameters ? m_parameters->sha256() : std::string();
    m_identity->setText(m_parameters ? QString::fromStdString(m_sha256) : QStringLiteral("—"));
    refreshStatus();
}

void IdentityBox::refreshStatus()
{
    updateButtons();
    if (!m_parameters) {
        setStatus(tr("parameters invalid — see the form"), pending);
        Q_EMIT stimulusMissing(tr("The parameters are invalid"));
        return;
    }
    setStatus(tr("checking…"), plain);
    // exists() is a stat, but the library may sit on a network share.
    m_check.setFuture(QtConcurrent::run([folder = m_folder, sha256 = m_sha256]() -> Status {
        Status status{sha256, {}, false, {}};
        try {
            status.path = stimulus::StimulusLibrary(folder).pathFor(sha256);
            status.exists = std::filesystem::exists(status.path);
        } catch (const std::exception &failure) {
            status.error = QString::fromUtf8(failure.what());
        }
        return status;
    }));
}

void IdentityBox::applyStatus()
{
    const Status status = m_check.result();
    if (status.sha256 != m_sha256 || !m_parameters)
        return;
    if (!status.error.isEmpty()) {
        setStatus(tr("library unavailable"), pending);
        Q_EMIT problem(status.error);
        return;
    }
    if (status.exists) {
        setStatus(tr("in library"), good);
        Q_EMIT stimulusAvailable(QString::fromStdString(status.path.string()));
    } else {
        setStatus(tr("not generated yet"), pending);
        Q_EMIT stimulusMissing(isGenerating() ? tr("Generating…") : tr("Not generated yet: press Generate to "
                                                                        "render the frames"));
    }
}

void IdentityBox::generate()
{
    if (!m_parameters || isGenerating())
        return;
    m_progress = std::make_shared<Progress>();
    m_note->hide();
    m_bar->setRange(0, 0); // busy until the generator reports its total
    m_bar->setFormat(tr("starting…"));
    m_bar->show();
    m_poll->start();
    Q_EMIT stimulusMissing(tr("Generating…"));
    m_generation.setFuture(QtConcurrent::run([folder = m_folder, parameters = *m_parameters,
                                              progress = m_progress]() -> Outcome {
        Outcome outcome;
        try {
            stimulus::StimulusLibrary library(folder);
            stimulus::GenerationProgress reporting;
            // Called on the generator's writing thread, once per frame: two relaxed stores, nothing more.
            reporting.report = [progress](std::uint64_t done, std::uint64_t total) {
                progress->total.store(total, std::memory_order_relaxed);
                progress->done.store(done, std::memory_order_relaxed);
            };
            reporting.stop = progress->stop.get_token();
            outcome.result = library.obtain(parameters, reporting);
        } catch (const std::exception &failure) {
            outcome.cancelled = progress->stop.stop_requested();
            outcome.error = QString::fromUtf8(failure.what());
        }
        return outcome;
    }));
    updateButtons();
}

void IdentityBox::cancel()
{
    if (!isGenerating())
        return;
    m_progress->stop.request_stop();
    m_bar->setFormat(tr("cancelling…"));
    m_cancel->setEnabled(false);
}

bool IdentityBox::isGenerating() const
{
    return m_generation.isRunning();
}

void IdentityBox::pollProgress()
{
    if (!m_progress || m_progress->stop.stop_requested())
        return;
    const std::uint64_t total = m_progress->total.load(std::memory_order_relaxed);
    const std::uint64_t done = m_progress->done.load(std::memory_order_relaxed);
    if (total == 0)
        return;
    // QProgressBar counts in int; per mille is fine enough for any stimulus.
    m_bar->setRange(0, 1000);
    m_bar->setValue(static_cast<int>(1000 * std::min(done, total) / total));
    const QLocale locale;
    m_bar->setFormat(tr("%1 of %2 frames").arg(locale.toString(qulonglong(done)), locale.toString(qulonglong(total))));
}

void IdentityBox::applyOutcome()
{
    m_poll->stop();
    m_bar->hide();
    const Outcome outcome = m_generation.result();
    if (outcome.result) {
        const auto &result = *outcome.result;
        const QLocale locale;
        m_note->setText(result.reused ? tr("Checked and reused the library's file in %1 s.")
                                            .arg(locale.toString(result.seconds, 'f', 1))
                                      : tr("Generated in %1 s: %2 unique frames, %3 display rows.")
                                            .arg(locale.toString(result.seconds, 'f', 1),
                                                 locale.toString(qulonglong(result.uniqueFrames)),
                                                 locale.toString(qulonglong(result.displayFrames))));
        for (const std::string &line : result.repaired)
            Q_EMIT problem(QString::fromStdString(line));
    } else if (outcome.cancelled) {
        m_note->setText(tr("Generation cancelled; nothing was added to the library."));
    } else {
        m_note->setText(tr("Generation failed."));
        Q_EMIT problem(outcome.error);
    }
    m_note->show();
    m_progress.reset();
    Q_EMIT libraryChanged();
    // The library now holds what was generated; only parameters edited meanwhile need a new check.
    if (outcome.result && outcome.result->sha256 == m_sha256 && m_parameters) {
        updateButtons();
        setStatus(tr("in library"), good);
        Q_EMIT stimulusAvailable(QString::fromStdString(outcome.result->path.string()));
    } else {
        refreshStatus();
    }
}

void IdentityBox::setStatus(const QString &text, const QString &colour)
{
    m_status->setText(text);
    m_status->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("QLabel { color: %1; }").arg(colour));
}

void IdentityBox::updateButtons()
{
    const bool generating = isGenerating();
    m_generate->setEnabled(m_parameters.has_value() && !generating);
    m_cancel->setEnabled(generating && !(m_progress && m_progress->stop.stop_requested()));
    m_cancel->setVisible(generating);
}

} // namespace ui
