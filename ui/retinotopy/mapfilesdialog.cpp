#include "ui/retinotopy/mapfilesdialog.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QToolButton>

namespace ui {

namespace {

const QString mapFilter = QStringLiteral("Maps (*.tif *.tiff);;All files (*)");

} // namespace

MapFilesDialog::MapFilesDialog(const MapFiles &start, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("mapFilesDialog"));
    setWindowTitle(tr("Open Maps"));
    auto *form = new QFormLayout;
    m_altitude = addRow(form, tr("Altitude (°):"), "altitudeFile");
    m_azimuth = addRow(form, tr("Azimuth (°):"), "azimuthFile");
    m_altitudePower = addRow(form, tr("Altitude power:"), "altitudePowerFile");
    m_azimuthPower = addRow(form, tr("Azimuth power:"), "azimuthPowerFile");
    m_vasculature = addRow(form, tr("Vasculature:"), "vasculatureFile");

    auto *fromFolder = new QPushButton(tr("From Folder…"), this);
    fromFolder->setToolTip(tr("Fill in the maps of a folder by their names: example_altitude_map.tif, "
                              "altitude.tif, …"));
    connect(fromFolder, &QPushButton::clicked, this, [this] {
        const QString start = QFileInfo(m_altitude->text()).absolutePath();
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder of Maps"), start);
        if (!folder.isEmpty())
            setFiles(MapFiles::inFolder(folder));
    });

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    m_buttons->addButton(fromFolder, QDialogButtonBox::ActionRole);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    resize(720, sizeHint().height());
    setFiles(start);
}

QLineEdit *MapFilesDialog::addRow(QFormLayout *form, const QString &label, const char *name)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(QString::fromLatin1(name));
    edit->setClearButtonEnabled(true);
    connect(edit, &QLineEdit::textChanged, this, &MapFilesDialog::updateOk);
    auto *browse = new QToolButton(this);
    browse->setText(QStringLiteral("…"));
    browse->setToolTip(tr("Choose the file"));
    connect(browse, &QToolButton::clicked, this, [this, edit, label] {
        const QString start = edit->text().isEmpty() ? QFileInfo(m_altitude->text()).absolutePath() : edit->text();
        const QString file = QFileDialog::getOpenFileName(this, label, start, mapFilter);
        if (!file.isEmpty())
            edit->setText(QDir::toNativeSeparators(file));
    });
    auto *row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);
    return edit;
}

MapFiles MapFilesDialog::files() const
{
    const auto path = [](const QLineEdit *edit) { return QDir::fromNativeSeparators(edit->text().trimmed()); };
    return {path(m_altitude), path(m_azimuth), path(m_altitudePower), path(m_azimuthPower), path(m_vasculature)};
}

void MapFilesDialog::setFiles(const MapFiles &files)
{
    m_altitude->setText(QDir::toNativeSeparators(files.altitude));
    m_azimuth->setText(QDir::toNativeSeparators(files.azimuth));
    m_altitudePower->setText(QDir::toNativeSeparators(files.altitudePower));
    m_azimuthPower->setText(QDir::toNativeSeparators(files.azimuthPower));
    m_vasculature->setText(QDir::toNativeSeparators(files.vasculature));
}

void MapFilesDialog::updateOk()
{
    m_buttons->button(QDialogButtonBox::Open)->setEnabled(files().isComplete());
}

} // namespace ui
