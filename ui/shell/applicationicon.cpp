#include "ui/shell/applicationicon.h"

#include <QtGui/QIcon>

namespace ui {

QIcon applicationIcon()
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/macroscope-%1.png").arg(size), QSize(size, size));
    return icon;
}

} // namespace ui
