#pragma once

#include "core/acquisition/framecompression.h"

#include <QtWidgets/QGroupBox>

#include <optional>

class QComboBox;
class QDateTime;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;

namespace ui {

// Where and how long to record: the folder (default ~/Macroscope/recordings), the file name (empty means
// ANIMAL_yyyyMMdd_HHmmss.h5, made when Record is pressed), the planned duration (or until stopped) and the
// compression of the frames.
class OutputBox : public QGroupBox {
    Q_OBJECT

public:
    explicit OutputBox(QWidget *parent = nullptr);

    static QString defaultFolder();

    QString folder() const;
    void setFolder(const QString &folder);
    void setFileName(const QString &name);
    // The recording's path: the name given (".h5" added when missing), or one made from `animalId` and `now`.
    QString targetFor(const QString &animalId, const QDateTime &now) const;
    // Nothing: until stopped.
    std::optional<double> seconds() const;
    void setSeconds(std::optional<double> seconds);
    acq::Compression compression() const;
    void setCompression(acq::Compression compression);
    void setLocked(bool locked);

Q_SIGNALS:
    void folderChanged(const QString &folder);
    void changed();

private:
    void chooseFolder();

    QLineEdit *m_folder = nullptr;
    QPushButton *m_browse = nullptr;
    QLineEdit *m_name = nullptr;
    QDoubleSpinBox *m_seconds = nullptr;
    QComboBox *m_compression = nullptr;
};

} // namespace ui
