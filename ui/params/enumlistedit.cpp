#include "ui/params/enumlistedit.h"

#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QMenu>
#include <QtWidgets/QToolButton>

#include <algorithm>

namespace ui {

namespace {

QToolButton *button(const QString &name, const QString &text, const QString &toolTip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    return button;
}

} // namespace

EnumListEdit::EnumListEdit(const QStringList &choices, QWidget *parent) : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("items"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAlternatingRowColors(true);

    m_add = button(QStringLiteral("add"), tr("Add"), tr("Insert a choice after the selected item"), this);
    m_add->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_add);
    for (const QString &choice : choices)
        menu->addAction(choice, this, [this, choice] { append(choice); });
    m_add->setMenu(menu);
    m_remove = button(QStringLiteral("remove"), tr("Remove"), tr("Remove the selected item"), this);
    m_up = button(QStringLiteral("moveUp"), tr("Up"), tr("Move the selected item earlier"), this);
    m_down = button(QStringLiteral("moveDown"), tr("Down"), tr("Move the selected item later"), this);
    connect(m_remove, &QToolButton::clicked, this, &EnumListEdit::removeCurrent);
    connect(m_up, &QToolButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveCurrent(+1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &EnumListEdit::updateButtons);

    auto *buttons = new QVBoxLayout;
    buttons->setSpacing(2);
    for (QToolButton *each : {m_add, m_remove, m_up, m_down})
        buttons->addWidget(each);
    buttons->addStretch(1);

    // Tall enough for the buttons beside it, so that a short list does not leave a gap below them.
    m_list->setFixedHeight(buttons->sizeHint().height());

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    updateButtons();
}

void EnumListEdit::setValues(const QStringList &values)
{
    const int current = m_list->currentRow();
    m_list->clear();
    m_list->addItems(values);
    m_list->setCurrentRow(std::min(current, static_cast<int>(m_list->count()) - 1));
    updateButtons();
}

QStringList EnumListEdit::values() const
{
    QStringList values;
    for (int row = 0; row < m_list->count(); ++row)
        values << m_list->item(row)->text();
    return values;
}

void EnumListEdit::append(const QString &choice)
{
    const int row = m_list->currentRow() < 0 ? m_list->count() : m_list->currentRow() + 1;
    m_list->insertItem(row, choice);
    m_list->setCurrentRow(row);
    Q_EMIT valuesChanged();
}

void EnumListEdit::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    delete m_list->takeItem(row);
    m_list->setCurrentRow(std::min(row, static_cast<int>(m_list->count()) - 1));
    Q_EMIT valuesChanged();
}

void EnumListEdit::moveCurrent(int offset)
{
    const int row = m_list->currentRow();
    const int target = row + offset;
    if (row < 0 || target < 0 || target >= m_list->count())
        return;
    m_list->insertItem(target, m_list->takeItem(row));
    m_list->setCurrentRow(target);
    Q_EMIT valuesChanged();
}

void EnumListEdit::updateButtons()
{
    const int row = m_list->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_list->count());
}

} // namespace ui
