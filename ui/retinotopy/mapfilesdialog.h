#pragma once

#include "ui/retinotopy/mapfiles.h"

#include <QtWidgets/QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLineEdit;

namespace ui {

// Picks the files of "Open maps…": altitude and azimuth (needed), their power maps and a vasculature image
// (optional). "From folder…" fills every field from a folder's file names (MapFiles::inFolder); each field
// can also be typed (FILE.h5::/dataset reads a map from an HDF5 file) or browsed for.
class MapFilesDialog : public QDialog {
public:
    explicit MapFilesDialog(const MapFiles &start, QWidget *parent = nullptr);

    MapFiles files() const;
    void setFiles(const MapFiles &files);

private:
    QLineEdit *addRow(QFormLayout *form, const QString &label, const char *name);
    void updateOk();

    QLineEdit *m_altitude = nullptr;
    QLineEdit *m_azimuth = nullptr;
    QLineEdit *m_altitudePower = nullptr;
    QLineEdit *m_azimuthPower = nullptr;
    QLineEdit *m_vasculature = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ui
