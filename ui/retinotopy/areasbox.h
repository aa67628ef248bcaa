#pragma once

#include <QtWidgets/QGroupBox>

class QDoubleSpinBox;
class QLabel;
class QTableView;

namespace retino {
struct Segmentation;
}

namespace ui {

class PatchTableModel;

// The segmented areas: the map's pixel size on the cortex (from the recording, or typed for maps from
// files; it gives the areas in mm²), a line saying how many areas there are and where they come from, and
// the table of patches (PatchTableModel), sortable by any column.
class AreasBox : public QGroupBox {
    Q_OBJECT

public:
    explicit AreasBox(QWidget *parent = nullptr);

    // µm on the cortex; NaN when unknown.
    double pixelSizeUm() const;
    void setPixelSizeUm(double pixelSizeUm);
    // `origin` completes the status line: "segmented in 0.3 s with the parameters on the left".
    void showSegmentation(const retino::Segmentation &segmentation, const QString &origin);
    // What is happening meanwhile ("Segmenting…"); the table keeps the last areas until new ones come.
    void showStatus(const QString &status);
    // No areas: the table empties and the status says `status`.
    void clear(const QString &status);

Q_SIGNALS:
    void pixelSizeChanged();

private:
    QDoubleSpinBox *m_pixelSize = nullptr;
    QLabel *m_status = nullptr;
    PatchTableModel *m_patches = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace ui
