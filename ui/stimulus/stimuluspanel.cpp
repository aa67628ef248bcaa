#include "ui/stimulus/stimuluspanel.h"

#include "ui/params/schemaform.h"
#include "ui/shell/messagebanner.h"
#include "ui/stimulus/framepreview.h"
#include "ui/stimulus/identitybox.h"
#include "ui/stimulus/librarybrowser.h"
#include "ui/stimulus/presentcontrols.h"

#include "core/files/atomicfile.h"
#include "core/params/jsontext.h"
#include "core/stimulus/stimulusfile.h"
#include "core/stimulus/stimuluslibrary.h"
#include "core/stimulus/stimulusparameters.h"

#include <nlohmann/json.hpp>

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>

#include <optional>

namespace ui {

namespace {

const QString parameterFilter = QStringLiteral("Stimulus parameters (*.json);;Stimulus files (*.h5);;All files (*)");

std::filesystem::path fsPath(const QString &path)
{
    return std::filesystem::path(path.toStdString());
}

QGroupBox *group(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QGroupBox(title, parent);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(content);
    return box;
}

} // namespace

struct StimulusPanel::FileResult {
    QString path;
    nlohmann::json document;
    QString error;
};

StimulusPanel::StimulusPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("stimulusPanel"));
    setWindowTitle(tr("Stimulus — Macroscope"));
    const std::filesystem::path folder = stimulus::StimulusLibrary::defaultLocation();

    m_banner = new MessageBanner(this);
    m_form = new SchemaForm("stimulus", this);
    m_form->setObjectName(QStringLiteral("parameterForm"));
    m_identity = new IdentityBox(folder, this);
    m_preview = new FramePreview(this);
    m_library = new LibraryBrowser(folder, this);
    m_present = new PresentControls(this);
    m_loading = new QFutureWatcher<FileResult>(this);
    m_saving = new QFutureWatcher<FileResult>(this);

    auto *load = new QPushButton(tr("Load…"), this);
    load->setObjectName(QStringLiteral("loadParameters"));
    load->setToolTip(tr("Parameters from a JSON file, or those a stimulus file (.h5) was generated from"));
    auto *save = new QPushButton(tr("Save…"), this);
    save->setObjectName(QStringLiteral("saveParameters"));
    auto *defaults = new QPushButton(tr("Defaults"), this);
    defaults->setObjectName(QStringLiteral("resetParameters"));
    defaults->setToolTip(tr("Every parameter at the schema's default"));
    m_parameterFile = new QLabel(this);
    m_parameterFile->setObjectName(QStringLiteral("parameterFile"));
    m_parameterFile->setForegroundRole(QPalette::PlaceholderText);
    m_parameterFile->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_parameterFile->hide();

    auto *fileButtons = new QHBoxLayout;
    fileButtons->addWidget(load);
    fileButtons->addWidget(save);
    fileButtons->addWidget(defaults);
    fileButtons->addStretch(1);
    auto *parameters = new QGroupBox(tr("Parameters"), this);
    auto *parametersLayout = new QVBoxLayout(parameters);
    parametersLayout->addLayout(fileButtons);
    parametersLayout->addWidget(m_parameterFile);
    parametersLayout->addWidget(m_form, 1);

    auto *results = new QSplitter(Qt::Vertical, this);
    results->addWidget(group(tr("Preview"), m_preview, results));
    results->addWidget(group(tr("Library"), m_library, results));
    results->setStretchFactor(0, 3);
    results->setStretchFactor(1, 1);
    results->setChildrenCollapsible(false);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_identity);
    rightLayout->addWidget(m_present);
    rightLayout->addWidget(results, 1);

    auto *columns = new QSplitter(Qt::Horizontal, this);
    columns->addWidget(parameters);
    columns->addWidget(right);
    columns->setStretchFactor(0, 0);
    columns->setStretchFactor(1, 1);
    columns->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(m_banner);
    layout->addWidget(columns, 1);

    connect(load, &QPushButton::clicked, this, &StimulusPanel::showLoadDialog);
    connect(save, &QPushButton::clicked, this, &StimulusPanel::showSaveDialog);
    connect(defaults, &QPushButton::clicked, this, &StimulusPanel::resetParameters);
    connect(m_form, &SchemaForm::documentChanged, this, &StimulusPanel::parametersChanged);
    connect(m_loading, &QFutureWatcher<FileResult>::finished, this, &StimulusPanel::applyLoad);
    connect(m_saving, &QFutureWatcher<FileResult>::finished, this, &StimulusPanel::applySave);

    connect(m_identity, &IdentityBox::stimulusAvailable, this, [this](const QString &path) {
        if (m_preview->file() != fsPath(path))
            m_preview->showFile(fsPath(path));
        m_present->setStimulusFile(path);
    });
    connect(m_identity, &IdentityBox::stimulusMissing, m_present, [this] { m_present->setStimulusFile({}); });
    connect(m_identity, &IdentityBox::stimulusMissing, m_preview, &FramePreview::showMessage);
    connect(m_identity, &IdentityBox::libraryChanged, m_library, &LibraryBrowser::refresh);
    connect(m_library, &LibraryBrowser::fileRemoved, this, [this](const QString &path) {
        if (m_preview->file() == fsPath(path))
            m_preview->showMessage(tr("Removed from the library"));
        m_identity->refreshStatus();
    });
    connect(m_library, &LibraryBrowser::fileActivated, this, &StimulusPanel::loadParameters);
    connect(m_identity, &IdentityBox::problem, this, &StimulusPanel::reportProblem);
    connect(m_preview, &FramePreview::problem, this, &StimulusPanel::reportProblem);
    connect(m_library, &LibraryBrowser::problem, this, &StimulusPanel::reportProblem);

    parametersChanged();
}

StimulusPanel::~StimulusPanel() = default;

void StimulusPanel::parametersChanged()
{
    std::optional<stimulus::StimulusParameters> parameters;
    if (m_form->isValid()) {
        try {
            parameters = stimulus::StimulusParameters::fromJson(m_form->document(), "the parameter form");
        } catch (const std::exception &failure) {
            // The form validated against the same schema, so this is a bug; say so instead of crashing.
            reportProblem(QString::fromUtf8(failure.what()));
        }
    }
    // Until the library check answers, the file of the previous parameters is not the one to present.
    m_present->setStimulusFile({});
    m_identity->setParameters(parameters);
    m_library->setCurrentIdentity(parameters ? parameters->sha256() : std::string());
}

void StimulusPanel::resetParameters()
{
    m_form->setDocument(nlohmann::json::object());
    m_parameterFile->hide();
}

void StimulusPanel::showLoadDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Stimulus Parameters"), QDir::homePath(),
                                                      parameterFilter);
    if (!path.isEmpty())
        loadParameters(path);
}

void StimulusPanel::showSaveDialog()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save Stimulus Parameters"), QDir::homePath(),
                                                QStringLiteral("Stimulus parameters (*.json)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".json");
    saveParameters(path);
}

void StimulusPanel::loadParameters(const QString &path)
{
    m_loading->setFuture(QtConcurrent::run([path]() -> FileResult {
        FileResult result{path, {}, {}};
        try {
            if (path.endsWith(QStringLiteral(".h5"), Qt::CaseInsensitive)) {
                const stimulus::StimulusFile file(fsPath(path));
                result.document = params::parseJson(file.parametersText(), path.toStdString());
            } else {
                result.document = params::readJsonFile(fsPath(path));
            }
            if (!result.document.is_object())
                result.error = path + tr(": not a JSON object of stimulus parameters");
        } catch (const std::exception &failure) {
            result.error = QString::fromUtf8(failure.what());
        }
        return result;
    }));
}

void StimulusPanel::applyLoad()
{
    const FileResult result = m_loading->result();
    if (!result.error.isEmpty()) {
        reportProblem(result.error);
        return;
    }
    m_form->setDocument(result.document);
    m_parameterFile->setText(tr("From %1").arg(QDir::toNativeSeparators(result.path)));
    m_parameterFile->show();
    Q_EMIT parametersLoaded(result.path);
}

void StimulusPanel::saveParameters(const QString &path)
{
    m_saving->setFuture(QtConcurrent::run([path, document = m_form->document()]() -> FileResult {
        FileResult result{path, {}, {}};
        try {
            files::writeFileAtomically(fsPath(path), document.dump(2) + "\n");
        } catch (const std::exception &failure) {
            result.error = QString::fromUtf8(failure.what());
        }
        return result;
    }));
}

void StimulusPanel::applySave()
{
    const FileResult result = m_saving->result();
    if (!result.error.isEmpty()) {
        reportProblem(result.error);
        return;
    }
    m_parameterFile->setText(tr("Saved to %1").arg(QDir::toNativeSeparators(result.path)));
    m_parameterFile->show();
    Q_EMIT parametersSaved(result.path);
}

void StimulusPanel::reportProblem(const QString &message)
{
    m_banner->showMessage(message);
}

} // namespace ui
