#pragma once

#include <QtCore/QString>

class QScreen;

namespace hw {

// The screen a rig setting names: empty for the primary screen, a decimal index into
// QGuiApplication::screens(), or a screen's name (QScreen::name(), e.g. "DP-1"). Returns nullptr and sets
// `error` (which lists the screens there are) when none matches. GUI thread; needs a QGuiApplication.
QScreen *findScreen(const QString &spec, QString *error);

// "0: DP-1 1920×1080 px 60 Hz, 1: HDMI-1 …", for messages and settings dialogs.
QString describeScreens();

} // namespace hw
