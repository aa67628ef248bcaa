#pragma once

#include "core/acquisition/camera.h"

#include <QtCore/QFutureWatcher>
#include <QtWidgets/QGroupBox>

#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ui {

// Which camera and how: a picker of the cameras that can be opened now (listed in the background, because
// GigE discovery takes about a second; "sim" is there at once and chosen by default) and the settings the
// operator may change — size, frame rate, exposure, gain, binning, pixel format. Apply asks for them; the
// fields then show what the camera actually applied, and a refusal is shown verbatim under the fields.
class CameraSettingsBox : public QGroupBox {
    Q_OBJECT

public:
    explicit CameraSettingsBox(QWidget *parent = nullptr);
    ~CameraSettingsBox() override;

    QString cameraSpec() const;
    acq::CameraSettings requestedSettings() const;
    void setRequestedSettings(const acq::CameraSettings &settings);

    // The camera is open: shows who it is and fills the fields with what it applied.
    void showCamera(const acq::CameraDescription &description, const acq::CameraSettings &applied);
    void showError(const QString &message);
    QString errorText() const;
    // While recording nothing may change.
    void setLocked(bool locked);
    // Lists the cameras again (one plugged in late).
    void refreshCameras();

Q_SIGNALS:
    void cameraChosen(const QString &spec);
    void applyRequested();

private:
    void fillCameras();

    QFutureWatcher<std::vector<acq::CameraDescription>> *m_listing = nullptr;
    QComboBox *m_camera = nullptr;
    QPushButton *m_refresh = nullptr;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QDoubleSpinBox *m_frameRate = nullptr;
    QDoubleSpinBox *m_exposure = nullptr;
    QDoubleSpinBox *m_gain = nullptr;
    QComboBox *m_binning = nullptr;
    QComboBox *m_pixelFormat = nullptr;
    QPushButton *m_apply = nullptr;
    QLabel *m_identity = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace ui
