#pragma once

class QIcon;

namespace ui {

// Macroscope's icon at every size it ships in (resources/icons), for windows and the About dialog.
QIcon applicationIcon();

} // namespace ui
