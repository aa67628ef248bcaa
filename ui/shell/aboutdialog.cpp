#include "ui/shell/aboutdialog.h"

#include "ui/shell/applicationicon.h"

#include "core/buildinfo.h"

#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtGui/QIcon>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QGridLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>

#include <opencv2/core/utility.hpp>

#include <utility>

namespace ui {

namespace {

QString fromStd(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// OpenSSL names itself in its version text ("OpenSSL 3.0.11 19 Sep 2023"); the dialog names it already.
QString withoutPrefix(QString text, const QString &prefix)
{
    if (text.startsWith(prefix))
        text.remove(0, prefix.size());
    return text;
}

} // namespace

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Macroscope"));

    const std::pair<QString, QString> libraries[] = {
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("HDF5"), fromStd(core::hdf5Version())},
        {QStringLiteral("OpenCV"), QString::fromLatin1(cv::getVersionString().c_str())},
        {QStringLiteral("OpenSSL"), withoutPrefix(fromStd(core::opensslVersion()), QStringLiteral("OpenSSL "))},
    };

    auto *icon = new QLabel(this);
    icon->setPixmap(applicationIcon().pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop);

    auto *name = new QLabel(QStringLiteral("Macroscope"), this);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.8);
    nameFont.setWeight(QFont::DemiBold);
    name->setFont(nameFont);

    auto *version = new QLabel(tr("Version %1").arg(fromStd(core::version())), this);
    version->setObjectName(QStringLiteral("productVersion"));
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *description = new QLabel(
        tr("Intrinsic-signal imaging and HDF5 browsing: record, map and explore recordings, retinotopic maps "
           "and genomic embeddings."),
        this);
    description->setWordWrap(true);

    auto *librariesTitle = new QLabel(tr("Libraries"), this);
    QFont headingFont = librariesTitle->font();
    headingFont.setWeight(QFont::DemiBold);
    librariesTitle->setFont(headingFont);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(16);
    grid->setVerticalSpacing(4);
    int row = 0;
    for (const auto &[library, libraryVersion] : libraries) {
        m_versionLines << library + QLatin1Char(' ') + libraryVersion;
        auto *libraryLabel = new QLabel(library, this);
        libraryLabel->setForegroundRole(QPalette::PlaceholderText);
        auto *versionLabel = new QLabel(libraryVersion, this);
        versionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(libraryLabel, row, 0);
        grid->addWidget(versionLabel, row, 1);
        ++row;
    }
    grid->setColumnStretch(1, 1);

    auto *text = new QVBoxLayout;
    text->setSpacing(4);
    text->addWidget(name);
    text->addWidget(version);
    text->addSpacing(12);
    text->addWidget(description);
    text->addSpacing(16);
    text->addWidget(librariesTitle);
    text->addSpacing(4);
    text->addLayout(grid);
    text->addStretch();

    auto *top = new QHBoxLayout;
    top->setSpacing(20);
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("Copy Versions"), QDialogButtonBox::ActionRole);
    // For bug reports: the versions as plain lines, with the product first.
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(
            (QStringList{QStringLiteral("Macroscope ") + fromStd(core::version())} + m_versionLines)
                .join(QLatin1Char('\n')));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 16);
    layout->addLayout(top);
    layout->addSpacing(16);
    layout->addWidget(buttons);

    setMinimumWidth(520);
}

QStringList AboutDialog::versionLines() const
{
    return m_versionLines;
}

} // namespace ui
