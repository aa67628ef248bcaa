#pragma once

#include "core/retinotopy/segmentationparameters.h"

#include <QtWidgets/QGroupBox>

#include <vector>

class QAbstractSpinBox;

namespace ui {

// The fourteen parameters of Allen's area segmentation (RetinotopicMapping.py), under their Allen names, with
// "Defaults" (SegmentationParameters' own) and "Notebook values" (those of Allen's example notebook, which
// segment its example maps into 13 areas). Any edit emits parametersChanged(); the panel re-runs the
// segmentation after a pause in the typing.
class SegmentationParametersBox : public QGroupBox {
    Q_OBJECT

public:
    explicit SegmentationParametersBox(QWidget *parent = nullptr);
    ~SegmentationParametersBox() override;

    retino::SegmentationParameters parameters() const;
    // Shows `parameters`; emits parametersChanged() once if any value differs.
    void setParameters(const retino::SegmentationParameters &parameters);
    // The values of Allen's example notebook (retinotopic_mapping/examples/signmap_analysis).
    static retino::SegmentationParameters notebookValues();

Q_SIGNALS:
    void parametersChanged();

private:
    struct Field;

    std::vector<Field> m_fields;
    bool m_setting = false;
};

} // namespace ui
