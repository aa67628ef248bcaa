#include "ui/retinotopy/segmentationparametersbox.h"

#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>

namespace ui {

using retino::SegmentationParameters;

// One parameter: its spin box and the member it edits (exactly one of `real` and `whole` is set).
struct SegmentationParametersBox::Field {
    double SegmentationParameters::*real = nullptr;
    int SegmentationParameters::*whole = nullptr;
    QDoubleSpinBox *realBox = nullptr;
    QSpinBox *wholeBox = nullptr;
};

namespace {

struct Description {
    const char *name;  // Allen's, also the spin box's object name
    const char *help;
    double SegmentationParameters::*real;
    int SegmentationParameters::*whole;
    double maximum;
    double step;
    int decimals;
};

// In Allen's order (RetinotopicMapping.RetinotopicMappingTrial's parameter dictionary); lengths in map pixels.
const Description descriptions[] = {
    {"phaseMapFilterSigma", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                              "Gaussian σ (pixels) smoothing the altitude and azimuth maps before "
                                              "their gradients give the sign map"),
     &SegmentationParameters::phaseMapFilterSigma, nullptr, 50, 0.5, 2},
    {"signMapFilterSigma", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                             "Gaussian σ (pixels) smoothing the sign map"),
     &SegmentationParameters::signMapFilterSigma, nullptr, 50, 0.5, 2},
    {"signMapThr", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                     "Patches are where |filtered sign| exceeds this (0 … 1)"),
     &SegmentationParameters::signMapThr, nullptr, 1, 0.05, 3},
    {"closeIter", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                    "Binary closing iterations on the thresholded sign map"),
     nullptr, &SegmentationParameters::closeIter, 100, 1, 0},
    {"openIter", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                   "Binary opening iterations on the thresholded sign map"),
     nullptr, &SegmentationParameters::openIter, 100, 1, 0},
    {"dilationIter", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                       "Dilation iterations that grow the patches until they meet at borders"),
     nullptr, &SegmentationParameters::dilationIter, 200, 1, 0},
    {"borderWidth", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox", "Width of the borders between patches (pixels)"),
     nullptr, &SegmentationParameters::borderWidth, 20, 1, 0},
    {"smallPatchThr", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                        "Patches smaller than this many pixels are removed"),
     &SegmentationParameters::smallPatchThr, nullptr, 1e6, 10, 0},
    {"eccMapFilterSigma", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                            "Gaussian σ (pixels) smoothing each patch's eccentricity map"),
     &SegmentationParameters::eccMapFilterSigma, nullptr, 100, 0.5, 2},
    {"visualSpacePixelSize", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                               "Pixel size (degrees) of the visual-space images of the patches"),
     &SegmentationParameters::visualSpacePixelSize, nullptr, 20, 0.1, 2},
    {"visualSpaceCloseIter", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                               "Binary closing iterations on a patch's visual-space image"),
     nullptr, &SegmentationParameters::visualSpaceCloseIter, 200, 1, 0},
    {"splitLocalMinCutStep", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                               "Step (degrees) of the eccentricity cuts that split a patch at its "
                                               "local minima"),
     &SegmentationParameters::splitLocalMinCutStep, nullptr, 90, 0.5, 2},
    {"splitOverlapThr", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                          "A patch whose visual-space coverage overlaps itself more than this is split"),
     &SegmentationParameters::splitOverlapThr, nullptr, 10, 0.05, 3},
    {"mergeOverlapThr", QT_TRANSLATE_NOOP("ui::SegmentationParametersBox",
                                          "Neighbouring patches of one sign overlapping less than this in visual "
                                          "space are merged"),
     &SegmentationParameters::mergeOverlapThr, nullptr, 10, 0.05, 3},
};

} // namespace

SegmentationParametersBox::SegmentationParametersBox(QWidget *parent)
    : QGroupBox(tr("Area segmentation"), parent)
{
    setObjectName(QStringLiteral("segmentationParameters"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    for (const Description &description : descriptions) {
        Field field{description.real, description.whole, nullptr, nullptr};
        QAbstractSpinBox *box = nullptr;
        if (description.real) {
            field.realBox = new QDoubleSpinBox(this);
            field.realBox->setRange(0, description.maximum);
            field.realBox->setSingleStep(description.step);
            field.realBox->setDecimals(description.decimals);
            connect(field.realBox, &QDoubleSpinBox::valueChanged, this, [this] {
                if (!m_setting)
                    Q_EMIT parametersChanged();
            });
            box = field.realBox;
        } else {
            field.wholeBox = new QSpinBox(this);
            field.wholeBox->setRange(0, int(description.maximum));
            connect(field.wholeBox, &QSpinBox::valueChanged, this, [this] {
                if (!m_setting)
                    Q_EMIT parametersChanged();
            });
            box = field.wholeBox;
        }
        box->setObjectName(QString::fromLatin1(description.name));
        box->setToolTip(tr(description.help));
        box->setMinimumWidth(90);
        form->addRow(QString::fromLatin1(description.name), box);
        m_fields.push_back(field);
    }

    auto *defaults = new QPushButton(tr("Defaults"), this);
    defaults->setObjectName(QStringLiteral("segmentationDefaults"));
    defaults->setToolTip(tr("Allen's defaults"));
    connect(defaults, &QPushButton::clicked, this, [this] { setParameters(SegmentationParameters{}); });
    auto *notebook = new QPushButton(tr("Notebook values"), this);
    notebook->setObjectName(QStringLiteral("segmentationNotebookValues"));
    notebook->setToolTip(tr("The values of Allen's example notebook, made for its 450 × 450 example maps"));
    connect(notebook, &QPushButton::clicked, this, [this] { setParameters(notebookValues()); });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(defaults);
    buttons->addWidget(notebook);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);

    setParameters(SegmentationParameters{});
}

SegmentationParametersBox::~SegmentationParametersBox() = default;

SegmentationParameters SegmentationParametersBox::parameters() const
{
    SegmentationParameters parameters;
    for (const Field &field : m_fields) {
        if (field.real)
            parameters.*field.real = field.realBox->value();
        else
            parameters.*field.whole = field.wholeBox->value();
    }
    return parameters;
}

void SegmentationParametersBox::setParameters(const SegmentationParameters &parameters)
{
    const auto shown = [this] {
        std::vector<double> values;
        for (const Field &field : m_fields)
            values.push_back(field.real ? field.realBox->value() : field.wholeBox->value());
        return values;
    };
    const std::vector<double> before = shown();
    m_setting = true;
    for (const Field &field : m_fields) {
        if (field.real)
            field.realBox->setValue(parameters.*field.real);
        else
            field.wholeBox->setValue(parameters.*field.whole);
    }
    m_setting = false;
    if (shown() != before)
        Q_EMIT parametersChanged();
}

SegmentationParameters SegmentationParametersBox::notebookValues()
{
    SegmentationParameters notebook;
    notebook.phaseMapFilterSigma = 0.5;
    notebook.signMapFilterSigma = 8;
    notebook.signMapThr = 0.4;
    notebook.eccMapFilterSigma = 15;
    notebook.splitLocalMinCutStep = 5;
    notebook.closeIter = 3;
    notebook.openIter = 3;
    notebook.dilationIter = 15;
    notebook.borderWidth = 1;
    notebook.smallPatchThr = 100;
    notebook.visualSpacePixelSize = 0.5;
    notebook.visualSpaceCloseIter = 15;
    notebook.splitOverlapThr = 1.1;
    notebook.mergeOverlapThr = 0.1;
    return notebook;
}

} // namespace ui
