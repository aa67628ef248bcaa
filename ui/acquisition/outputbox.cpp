#include "ui/acquisition/outputbox.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QRegularExpression>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>

#include <algorithm>
#include <initializer_list>

namespace ui {

OutputBox::OutputBox(QWidget *parent) : QGroupBox(tr("Output"), parent)
{
    setObjectName(QStringLiteral("output"));
    m_folder = new QLineEdit(defaultFolder(), this);
    m_folder->setObjectName(QStringLiteral("outputFolder"));
    m_browse = new QPushButton(tr("Browse…"), this);
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("outputName"));
    m_name->setPlaceholderText(tr("ANIMAL_yyyyMMdd_HHmmss.h5"));
    m_seconds = new QDoubleSpinBox(this);
    m_seconds->setObjectName(QStringLiteral("plannedSeconds"));
    m_seconds->setRange(0, 24 * 3600);
    m_seconds->setDecimals(1);
    m_seconds->setSuffix(tr(" s"));
    m_seconds->setSpecialValueText(tr("until stopped"));
    m_compression = new QComboBox(this);
    m_compression->setObjectName(QStringLiteral("compression"));
    m_compression->addItem(tr("none (fastest to write)"), int(acq::Compression::None));
    m_compression->addItem(tr("blosc (LZ4 + bit-shuffle)"), int(acq::Compression::Blosc));
    m_compression->addItem(tr("gzip (most portable)"), int(acq::Compression::Gzip));

    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(tr("File name:"), m_name);
    form->addRow(tr("Duration:"), m_seconds);
    form->addRow(tr("Compression:"), m_compression);

    connect(m_browse, &QPushButton::clicked, this, &OutputBox::chooseFolder);
    connect(m_folder, &QLineEdit::editingFinished, this, [this] { Q_EMIT folderChanged(folder()); });
    connect(m_folder, &QLineEdit::textChanged, this, &OutputBox::changed);
    connect(m_name, &QLineEdit::textChanged, this, &OutputBox::changed);
}

QString OutputBox::defaultFolder()
{
    return QDir(QDir::homePath()).filePath(QStringLiteral("Macroscope/recordings"));
}

QString OutputBox::folder() const
{
    return QDir::cleanPath(QDir::fromNativeSeparators(m_folder->text().trimmed()));
}

void OutputBox::setFolder(const QString &folder)
{
    m_folder->setText(QDir::toNativeSeparators(folder));
    Q_EMIT folderChanged(this->folder());
}

void OutputBox::setFileName(const QString &name)
{
    m_name->setText(name);
}

QString OutputBox::targetFor(const QString &animalId, const QDateTime &now) const
{
    QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        // The animal id is typed by hand; keep the name safe on every file system.
        QString animal = animalId.trimmed();
        animal.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
        name = QStringLiteral("%1_%2").arg(animal.isEmpty() ? QStringLiteral("recording") : animal,
                                           now.toString(QStringLiteral("yyyyMMdd_HHmmss")));
    }
    if (!name.endsWith(QStringLiteral(".h5")))
        name += QStringLiteral(".h5");
    return QDir(folder()).filePath(name);
}

std::optional<double> OutputBox::seconds() const
{
    if (m_seconds->value() == m_seconds->minimum())
        return std::nullopt;
    return m_seconds->value();
}

void OutputBox::setSeconds(std::optional<double> seconds)
{
    m_seconds->setValue(seconds.value_or(0));
}

acq::Compression OutputBox::compression() const
{
    return static_cast<acq::Compression>(m_compression->currentData().toInt());
}

void OutputBox::setCompression(acq::Compression compression)
{
    m_compression->setCurrentIndex(std::max(0, m_compression->findData(int(compression))));
}

void OutputBox::setLocked(bool locked)
{
    for (QWidget *field : std::initializer_list<QWidget *>{m_folder, m_browse, m_name, m_seconds, m_compression})
        field->setEnabled(!locked);
}

void OutputBox::chooseFolder()
{
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Recording Folder"), folder());
    if (!chosen.isEmpty())
        setFolder(chosen);
}

} // namespace ui
