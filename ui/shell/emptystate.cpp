#include "ui/shell/emptystate.h"

#include "ui/shell/applicationicon.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtGui/QIcon>
#include <QtGui/QKeySequence>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>

namespace ui {

namespace {

QLabel *centredLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setAlignment(Qt::AlignHCenter);
    return label;
}

} // namespace

EmptyState::EmptyState(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("emptyState"));

    // A page of its own, on the base colour, so the window does not look like a form with nothing in it.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);

    auto *icon = new QLabel(this);
    icon->setPixmap(applicationIcon().pixmap(128, 128));
    icon->setFixedSize(128, 128);

    auto *title = centredLabel(QStringLiteral("Macroscope"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);

    auto *tagline = centredLabel(
        tr("Open an HDF5 file to browse it — recordings, retinotopic maps, genomic embeddings, any file."), this);
    tagline->setWordWrap(true);
    tagline->setForegroundRole(QPalette::PlaceholderText);

    auto *open = new QPushButton(tr("Open File…"), this);
    open->setObjectName(QStringLiteral("openFileButton"));
    open->setDefault(true);
    open->setMinimumSize(180, 36);
    open->setToolTip(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText));
    connect(open, &QPushButton::clicked, this, &EmptyState::openRequested);

    auto *hint = centredLabel(tr("or drop files onto this window"), this);
    hint->setForegroundRole(QPalette::PlaceholderText);

    m_recent = new QWidget(this);
    m_recent->setObjectName(QStringLiteral("recentFiles"));
    m_recent->setFixedWidth(440);
    auto *recentLayout = new QVBoxLayout(m_recent);
    recentLayout->setContentsMargins(0, 0, 0, 0);
    recentLayout->setSpacing(6);
    auto *recentTitle = new QLabel(tr("Recent files"), m_recent);
    QFont headingFont = recentTitle->font();
    headingFont.setWeight(QFont::DemiBold);
    recentTitle->setFont(headingFont);
    recentLayout->addWidget(recentTitle);
    m_recentList = new QVBoxLayout;
    m_recentList->setSpacing(4);
    recentLayout->addLayout(m_recentList);
    m_recent->hide();

    // A fixed-width column keeps the tagline and the recent list readable on a wide window.
    auto *column = new QWidget(this);
    column->setFixedWidth(640);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->setSpacing(0);
    columnLayout->addWidget(icon, 0, Qt::AlignHCenter);
    columnLayout->addSpacing(12);
    columnLayout->addWidget(title);
    columnLayout->addSpacing(8);
    columnLayout->addWidget(tagline);
    columnLayout->addSpacing(24);
    columnLayout->addWidget(open, 0, Qt::AlignHCenter);
    columnLayout->addSpacing(8);
    columnLayout->addWidget(hint);
    columnLayout->addSpacing(36);
    columnLayout->addWidget(m_recent, 0, Qt::AlignHCenter);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(2);
    layout->addWidget(column, 0, Qt::AlignHCenter);
    layout->addStretch(3);
}

void EmptyState::setRecentFiles(const QStringList &files)
{
    while (QLayoutItem *item = m_recentList->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    // Halfway between text and background: the placeholder colour's alpha would be lost in rich text.
    const QColor text = palette().color(QPalette::Text), base = palette().color(QPalette::Base);
    const QString dimmed = QColor((text.red() + base.red()) / 2, (text.green() + base.green()) / 2,
                                  (text.blue() + base.blue()) / 2)
                               .name();
    for (const QString &path : files) {
        const QFileInfo info(path);
        const int room = m_recent->width() - fontMetrics().horizontalAdvance(info.fileName()) - 24;
        const QString folder = fontMetrics().elidedText(QDir::toNativeSeparators(info.absolutePath()),
                                                        Qt::ElideMiddle, room);
        auto *link = new QLabel(m_recent);
        link->setTextFormat(Qt::RichText);
        link->setText(QStringLiteral("<a href=\"open\">%1</a>&nbsp;&nbsp;<span style=\"color: %2\">%3</span>")
                          .arg(info.fileName().toHtmlEscaped(), dimmed, folder.toHtmlEscaped()));
        link->setToolTip(QDir::toNativeSeparators(path));
        connect(link, &QLabel::linkActivated, this, [this, path] { Q_EMIT recentFileRequested(path); });
        m_recentList->addWidget(link);
    }
    m_recent->setVisible(!files.isEmpty());
}

} // namespace ui
