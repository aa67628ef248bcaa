#include "ui/shell/messagebanner.h"

#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QFrame>
#include <QtWidgets/QLabel>
#include <QtWidgets/QStyle>
#include <QtWidgets/QToolButton>

namespace ui {

MessageBanner::MessageBanner(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("messageBanner"));

    // The coloured box sits inside this widget's margins, so that hiding the banner gives its space back.
    auto *box = new QFrame(this);
    box->setObjectName(QStringLiteral("messageBox"));
    box->setStyleSheet(QStringLiteral("#messageBox { background: #fdecea; border: 1px solid #f0b6b0;"
                                      " border-radius: 4px; }"
                                      "#messageBox QLabel { color: #5f2120; }"));

    auto *icon = new QLabel(box);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize, iconSize));
    icon->setAlignment(Qt::AlignTop);

    m_text = new QLabel(box);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *close = new QToolButton(box);
    close->setObjectName(QStringLiteral("dismissMessage"));
    close->setAutoRaise(true);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &MessageBanner::dismiss);

    auto *boxLayout = new QHBoxLayout(box);
    boxLayout->setContentsMargins(10, 6, 6, 6);
    boxLayout->setSpacing(8);
    boxLayout->addWidget(icon, 0, Qt::AlignTop);
    boxLayout->addWidget(m_text, 1);
    boxLayout->addWidget(close, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(box);

    hide();
}

void MessageBanner::showMessage(const QString &message)
{
    m_messages << message;
    m_text->setText(m_messages.join(QLatin1Char('\n')));
    show();
}

void MessageBanner::dismiss()
{
    m_messages.clear();
    m_text->clear();
    hide();
}

QString MessageBanner::text() const
{
    return m_text->text();
}

} // namespace ui
