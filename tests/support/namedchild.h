#pragma once

#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtWidgets/QWidget>

// The child widget of `parent` with this object name. A missing one ends the test at once, naming it: the
// panel's layout changed, and every check after it would only add noise.
template <typename T = QWidget>
T *namedChild(const QObject *parent, const char *name)
{
    T *found = parent->findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}
