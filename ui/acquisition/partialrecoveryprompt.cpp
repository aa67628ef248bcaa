#include "ui/acquisition/partialrecoveryprompt.h"

#include "core/acquisition/recordingrecovery.h"

#include <nlohmann/json.hpp>

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>

namespace ui {

namespace {

QStringList findPartials(const QString &folder)
{
    QStringList partials;
    for (const std::filesystem::path &partial : acq::partialRecordingsIn(folder.toStdString()))
        partials << QString::fromStdString(partial.string());
    return partials;
}

} // namespace

struct PartialRecoveryPrompt::Outcome {
    QString partial;
    QString target;
    QString message;
    bool ok = false;
};

PartialRecoveryPrompt::PartialRecoveryPrompt(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("partialRecovery"));
    setStyleSheet(QStringLiteral("#partialRecovery { background: #fff4e0; border: 1px solid #e8c27a;"
                                 " border-radius: 4px; } #partialRecovery QLabel { color: #5a3b00; }"));
    m_scanning = new QFutureWatcher<QStringList>(this);
    m_recovering = new QFutureWatcher<Outcome>(this);
    m_heading = new QLabel(this);
    m_heading->setWordWrap(true);
    m_rows = new QWidget(this);
    m_rowsLayout = new QVBoxLayout(m_rows);
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("recoveryResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_rows);
    layout->addWidget(m_result);
    hide();

    connect(m_scanning, &QFutureWatcher<QStringList>::finished, this, [this] {
        m_partials = m_scanning->result();
        showPartials();
        Q_EMIT scanned();
    });
    connect(m_recovering, &QFutureWatcher<Outcome>::finished, this, &PartialRecoveryPrompt::showOutcome);
}

PartialRecoveryPrompt::~PartialRecoveryPrompt()
{
    m_scanning->waitForFinished();
    m_recovering->waitForFinished();
}

void PartialRecoveryPrompt::scan(const QString &folder)
{
    if (folder != m_folder && !m_recovering->isRunning())
        m_results.clear();
    m_folder = folder;
    m_scanning->waitForFinished();
    m_scanning->setFuture(QtConcurrent::run(&findPartials, folder));
}

void PartialRecoveryPrompt::showPartials()
{
    while (QLayoutItem *item = m_rowsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_heading->setText(tr("%n recording(s) in this folder did not finish (the program or the computer stopped "
                          "while recording). Recover keeps every frame that reached the disk and writes NAME.h5 "
                          "beside NAME.h5.partial, which stays as it is.",
                          nullptr, int(m_partials.size())));
    for (const QString &partial : m_partials) {
        auto *row = new QWidget(m_rows);
        auto *name = new QLabel(QDir::toNativeSeparators(partial), row);
        name->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *button = new QPushButton(tr("Recover"), row);
        button->setObjectName(QStringLiteral("recover:") + QFileInfo(partial).fileName());
        button->setEnabled(!m_recovering->isRunning());
        connect(button, &QPushButton::clicked, this, [this, partial] { recover(partial); });
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        rowLayout->addWidget(name, 1);
        rowLayout->addWidget(button);
        m_rowsLayout->addWidget(row);
    }
    m_heading->setVisible(!m_partials.isEmpty());
    m_result->setText(m_results.join(QLatin1Char('\n')));
    m_result->setVisible(!m_results.isEmpty());
    setVisible(!m_partials.isEmpty() || !m_results.isEmpty());
}

void PartialRecoveryPrompt::recover(const QString &partial)
{
    if (m_recovering->isRunning())
        return;
    for (QPushButton *button : m_rows->findChildren<QPushButton *>())
        button->setEnabled(false);
    m_results << tr("Recovering %1…").arg(QFileInfo(partial).fileName());
    m_result->setText(m_results.join(QLatin1Char('\n')));
    m_result->show();
    m_recovering->setFuture(QtConcurrent::run([partial]() -> Outcome {
        Outcome outcome{partial, {}, {}, false};
        try {
            const nlohmann::json summary = acq::recoverRecording(partial.toStdString());
            outcome.target = QString::fromStdString(summary["path"].get<std::string>());
            outcome.message = QObject::tr("Recovered %1: %2 frames (%3 dropped while recording).")
                                  .arg(QDir::toNativeSeparators(outcome.target),
                                       QLocale().toString(summary.value("frames", qulonglong(0))),
                                       QLocale().toString(summary.value("dropped", qulonglong(0))));
            outcome.ok = true;
        } catch (const std::exception &error) {
            outcome.message = QString::fromUtf8(error.what());
        }
        return outcome;
    }));
}

void PartialRecoveryPrompt::showOutcome()
{
    const Outcome outcome = m_recovering->result();
    if (!m_results.isEmpty())
        m_results.removeLast();  // "Recovering NAME…"
    m_results << outcome.message;
    // A recovered .partial is kept (recovery never touches it) but is no longer a question.
    if (outcome.ok)
        m_partials.removeAll(outcome.partial);
    showPartials();
    Q_EMIT recoveryFinished(outcome.partial, outcome.target, outcome.ok ? QString() : outcome.message);
}

QString PartialRecoveryPrompt::resultText() const
{
    return m_result->text();
}

} // namespace ui
