#include "hardware/display/screenchoice.h"

#include <QtGui/QGuiApplication>
#include <QtGui/QScreen>

namespace hw {

QScreen *findScreen(const QString &spec, QString *error)
{
    const QList<QScreen *> screens = QGuiApplication::screens();
    bool isIndex = false;
    const int index = spec.toInt(&isIndex);
    if (spec.isEmpty()) {
        if (QScreen *primary = QGuiApplication::primaryScreen()) {
            return primary;
        }
    } else if (isIndex) {
        if (index >= 0 && index < screens.size()) {
            return screens[index];
        }
    } else {
        for (QScreen *screen : screens) {
            if (screen->name() == spec) {
                return screen;
            }
        }
    }
    if (error) {
        *error = QStringLiteral("no screen '%1'; the screens are: %2").arg(spec, describeScreens());
    }
    return nullptr;
}

QString describeScreens()
{
    QStringList parts;
    const QList<QScreen *> screens = QGuiApplication::screens();
    for (int i = 0; i < screens.size(); ++i) {
        const QSize pixels = screens[i]->size() * screens[i]->devicePixelRatio();
        parts << QStringLiteral("%1: %2 %3×%4 px %5 Hz")
                     .arg(i)
                     .arg(screens[i]->name().isEmpty() ? QStringLiteral("(unnamed)") : screens[i]->name())
                     .arg(pixels.width())
                     .arg(pixels.height())
                     .arg(screens[i]->refreshRate());
    }
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

} // namespace hw
