#pragma once

#include <QtWidgets/QWidget>

class QListWidget;
class QToolButton;

namespace ui {

// An ordered list of choices from a fixed set, as a JSON Schema array of enums describes it (the stimulus's
// sweep directions): items are added from a menu of the choices, removed, and moved up or down. The same
// choice may appear more than once.
class EnumListEdit : public QWidget {
    Q_OBJECT

public:
    explicit EnumListEdit(const QStringList &choices, QWidget *parent = nullptr);

    // Replaces the items without emitting valuesChanged().
    void setValues(const QStringList &values);
    QStringList values() const;

Q_SIGNALS:
    // The user added, removed or moved an item.
    void valuesChanged();

private:
    void append(const QString &choice);
    void removeCurrent();
    void moveCurrent(int offset);
    void updateButtons();

    QListWidget *m_list = nullptr;
    QToolButton *m_add = nullptr;
    QToolButton *m_remove = nullptr;
    QToolButton *m_up = nullptr;
    QToolButton *m_down = nullptr;
};

} // namespace ui
