#pragma once

#include <QtWidgets/QDialog>

namespace ui {

// Product name, version and description, and the versions of the libraries doing the work, as they report
// themselves at run time: what a bug report needs.
class AboutDialog : public QDialog {
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // "Qt 6.4.2", "HDF5 1.10.8", "OpenCV 4.6.0", "OpenSSL 3.0.11 19 Sep 2023"
    QStringList versionLines() const;

private:
    QStringList m_versionLines;
};

} // namespace ui
