#include "ui/retinotopy/areasbox.h"

#include "ui/retinotopy/patchtablemodel.h"

#include "core/retinotopy/areasegmentation.h"

#include <QtCore/QSortFilterProxyModel>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QTableView>

#include <cmath>

namespace ui {

AreasBox::AreasBox(QWidget *parent) : QGroupBox(tr("Areas"), parent)
{
    setObjectName(QStringLiteral("areas"));
    m_pixelSize = new QDoubleSpinBox(this);
    m_pixelSize->setObjectName(QStringLiteral("pixelSize"));
    m_pixelSize->setRange(0, 1000);
    m_pixelSize->setDecimals(2);
    m_pixelSize->setSuffix(tr(" µm"));
    m_pixelSize->setSpecialValueText(tr("unknown"));
    m_pixelSize->setToolTip(tr("The side of a map pixel on the cortex: gives the areas in mm²"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("segmentationStatus"));
    m_status->setWordWrap(true);

    m_patches = new PatchTableModel(this);
    auto *sorted = new QSortFilterProxyModel(this);
    sorted->setSourceModel(m_patches);
    sorted->setSortRole(PatchTableModel::SortRole);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("patchTable"));
    m_table->setModel(sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PatchTableModel::PatchColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto *header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("Pixel size:"), this));
    header->addWidget(m_pixelSize);
    header->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);

    connect(m_pixelSize, &QDoubleSpinBox::valueChanged, this, &AreasBox::pixelSizeChanged);
}

double AreasBox::pixelSizeUm() const
{
    return m_pixelSize->value() > 0 ? m_pixelSize->value() : std::nan("");
}

void AreasBox::setPixelSizeUm(double pixelSizeUm)
{
    m_pixelSize->setValue(std::isfinite(pixelSizeUm) ? pixelSizeUm : 0);
}

void AreasBox::showSegmentation(const retino::Segmentation &segmentation, const QString &origin)
{
    m_patches->setPatches(segmentation.patches, pixelSizeUm());
    m_status->setText(tr("%1 areas from %2 raw patches, %3.")
                          .arg(segmentation.patches.size())
                          .arg(segmentation.rawPatchCount)
                          .arg(origin));
}

void AreasBox::showStatus(const QString &status)
{
    m_status->setText(status);
}

void AreasBox::clear(const QString &status)
{
    m_patches->clear();
    m_status->setText(status);
}

} // namespace ui
