#include "ui/acquisition/camerasettingsbox.h"

#include "hardware/camera/opencamera.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>

#include <algorithm>
#include <initializer_list>

namespace ui {

namespace {

const QString simulated = QStringLiteral("sim");

QString cameraLabel(const acq::CameraDescription &camera)
{
    const QString model = QString::fromStdString(camera.vendor + " " + camera.model).trimmed();
    return QStringLiteral("%1 (%2)").arg(model.isEmpty() ? QString::fromStdString(camera.spec) : model,
                                         QString::fromStdString(camera.spec));
}

} // namespace

CameraSettingsBox::CameraSettingsBox(QWidget *parent) : QGroupBox(tr("Camera"), parent)
{
    setObjectName(QStringLiteral("cameraSettings"));
    m_listing = new QFutureWatcher<std::vector<acq::CameraDescription>>(this);

    m_camera = new QComboBox(this);
    m_camera->setObjectName(QStringLiteral("camera"));
    m_camera->addItem(tr("Simulated camera (sim)"), simulated);
    m_refresh = new QPushButton(tr("Rescan"), this);
    m_refresh->setObjectName(QStringLiteral("rescanCameras"));
    m_refresh->setToolTip(tr("List the connected cameras again"));

    const auto spinBox = [this](const char *name, int maximum, const QString &suffix) {
        auto *box = new QSpinBox(this);
        box->setObjectName(QString::fromLatin1(name));
        box->setRange(0, maximum);
        box->setSuffix(suffix);
        box->setSpecialValueText(tr("camera default"));
        return box;
    };
    const auto numberBox = [this](const char *name, double maximum, int decimals, const QString &suffix) {
        auto *box = new QDoubleSpinBox(this);
        box->setObjectName(QString::fromLatin1(name));
        box->setRange(0, maximum);
        box->setDecimals(decimals);
        box->setSuffix(suffix);
        return box;
    };
    m_width = spinBox("cameraWidth", 16384, tr(" px"));
    m_height = spinBox("cameraHeight", 16384, tr(" px"));
    m_frameRate = numberBox("cameraFrameRate", 1000, 2, tr(" Hz"));
    m_frameRate->setSpecialValueText(tr("camera default"));
    m_exposure = numberBox("cameraExposure", 10e6, 0, tr(" µs"));
    m_exposure->setSpecialValueText(tr("camera default"));
    m_gain = numberBox("cameraGain", 48, 1, tr(" dB"));
    m_binning = new QComboBox(this);
    m_binning->setObjectName(QStringLiteral("cameraBinning"));
    for (const int factor : {1, 2, 4})
        m_binning->addItem(QStringLiteral("%1 × %1").arg(factor), factor);
    m_pixelFormat = new QComboBox(this);
    m_pixelFormat->setObjectName(QStringLiteral("cameraPixelFormat"));
    m_pixelFormat->addItem(QStringLiteral("Mono8"), int(acq::PixelFormat::Mono8));
    m_pixelFormat->addItem(QStringLiteral("Mono12"), int(acq::PixelFormat::Mono12));
    m_pixelFormat->addItem(QStringLiteral("Mono16"), int(acq::PixelFormat::Mono16));
    m_pixelFormat->setCurrentIndex(m_pixelFormat->findData(int(acq::CameraSettings{}.pixelFormat)));
    m_apply = new QPushButton(tr("Apply"), this);
    m_apply->setObjectName(QStringLiteral("applyCameraSettings"));

    m_identity = new QLabel(this);
    m_identity->setObjectName(QStringLiteral("cameraIdentity"));
    m_identity->setForegroundRole(QPalette::PlaceholderText);
    m_identity->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("cameraError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_error->hide();

    auto *picker = new QHBoxLayout;
    picker->addWidget(m_camera, 1);
    picker->addWidget(m_refresh);
    const auto pair = [this](QWidget *first, const QString &between, QWidget *second) {
        auto *row = new QHBoxLayout;
        row->addWidget(first, 1);
        row->addWidget(new QLabel(between, this));
        row->addWidget(second, 1);
        return row;
    };
    auto *form = new QFormLayout;
    form->addRow(tr("Size:"), pair(m_width, QStringLiteral("×"), m_height));
    form->addRow(tr("Frame rate:"), m_frameRate);
    form->addRow(tr("Exposure:"), m_exposure);
    form->addRow(tr("Gain:"), m_gain);
    form->addRow(tr("Binning:"), pair(m_binning, tr("format"), m_pixelFormat));
    auto *apply = new QHBoxLayout;
    apply->addWidget(m_identity, 1);
    apply->addWidget(m_apply);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(picker);
    layout->addLayout(form);
    layout->addLayout(apply);
    layout->addWidget(m_error);

    connect(m_refresh, &QPushButton::clicked, this, &CameraSettingsBox::refreshCameras);
    connect(m_apply, &QPushButton::clicked, this, &CameraSettingsBox::applyRequested);
    connect(m_listing, &QFutureWatcher<std::vector<acq::CameraDescription>>::finished, this,
            &CameraSettingsBox::fillCameras);
    connect(m_camera, &QComboBox::activated, this, [this] { Q_EMIT cameraChosen(cameraSpec()); });
    refreshCameras();
}

CameraSettingsBox::~CameraSettingsBox()
{
    m_listing->waitForFinished();
}

void CameraSettingsBox::refreshCameras()
{
    if (m_listing->isRunning())
        return;
    m_refresh->setEnabled(false);
    m_listing->setFuture(QtConcurrent::run(&hw::availableCameras));
}

void CameraSettingsBox::fillCameras()
{
    const QString chosen = cameraSpec();
    const QSignalBlocker quiet(m_camera);
    m_camera->clear();
    for (const acq::CameraDescription &camera : m_listing->result())
        m_camera->addItem(cameraLabel(camera), QString::fromStdString(camera.spec));
    if (m_camera->findData(simulated) < 0)
        m_camera->insertItem(0, tr("Simulated camera (sim)"), simulated);
    const int again = m_camera->findData(chosen);
    m_camera->setCurrentIndex(again >= 0 ? again : 0);
    m_refresh->setEnabled(true);
}

QString CameraSettingsBox::cameraSpec() const
{
    return m_camera->currentData().toString();
}

acq::CameraSettings CameraSettingsBox::requestedSettings() const
{
    acq::CameraSettings settings;
    settings.width = m_width->value();
    settings.height = m_height->value();
    settings.frameRateHz = m_frameRate->value();
    settings.exposureUs = m_exposure->value();
    settings.gainDb = m_gain->value();
    settings.binning = m_binning->currentData().toInt();
    settings.pixelFormat = static_cast<acq::PixelFormat>(m_pixelFormat->currentData().toInt());
    return settings;
}

void CameraSettingsBox::setRequestedSettings(const acq::CameraSettings &settings)
{
    m_width->setValue(settings.width);
    m_height->setValue(settings.height);
    m_frameRate->setValue(settings.frameRateHz);
    m_exposure->setValue(settings.exposureUs);
    m_gain->setValue(settings.gainDb);
    m_binning->setCurrentIndex(std::max(0, m_binning->findData(settings.binning)));
    m_pixelFormat->setCurrentIndex(std::max(0, m_pixelFormat->findData(int(settings.pixelFormat))));
}

void CameraSettingsBox::showCamera(const acq::CameraDescription &description, const acq::CameraSettings &applied)
{
    setRequestedSettings(applied);
    QStringList identity{QString::fromStdString(description.vendor + " " + description.model).trimmed()};
    if (!description.serial.empty())
        identity << tr("serial %1").arg(QString::fromStdString(description.serial));
    identity << tr("%1-bit").arg(description.bitDepth);
    identity.removeAll(QString());
    m_identity->setText(identity.join(QStringLiteral(" · ")));
}

void CameraSettingsBox::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

QString CameraSettingsBox::errorText() const
{
    return m_error->text();
}

void CameraSettingsBox::setLocked(bool locked)
{
    for (QWidget *field : std::initializer_list<QWidget *>{m_camera, m_refresh, m_width, m_height, m_frameRate,
                                                           m_exposure, m_gain, m_binning, m_pixelFormat, m_apply})
        field->setEnabled(!locked);
    if (!locked)
        m_refresh->setEnabled(!m_listing->isRunning());
}

} // namespace ui
