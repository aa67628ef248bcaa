#pragma once

#include <QtCore/QFutureWatcher>
#include <QtWidgets/QGroupBox>

#include <optional>
#include <vector>

class QComboBox;
class QLabel;

namespace ui {

// One stimulus of the library, as the picker describes it.
struct LibraryStimulus {
    QString path;        // <sha256>.h5
    QString sha256;
    double seconds = 0;  // display rows / refresh rate
    int widthPx = 0;
    int heightPx = 0;
    double refreshHz = 0;
};

// What plays while recording: None or a stimulus from the library (StimulusLibrary::defaultLocation(),
// listed and described in the background), and where: full screen on a chosen monitor, or "Schedule only",
// where each row counts as shown at its nominal time and nothing is displayed (a rig check, or the simulated
// camera's cortex driven without a monitor).
class StimulusChoiceBox : public QGroupBox {
    Q_OBJECT

public:
    explicit StimulusChoiceBox(QWidget *parent = nullptr);
    ~StimulusChoiceBox() override;

    // Nothing when None is chosen.
    std::optional<LibraryStimulus> stimulus() const;
    // The screen's name (QScreen::name()); empty for "Schedule only".
    QString screenName() const;
    // Chooses the library file `path` (once the listing has it) and the screen; an empty name is "Schedule
    // only". For scripted runs and tests.
    void choose(const QString &path, const QString &screenName);
    void setLocked(bool locked);
    void refresh();

Q_SIGNALS:
    void choiceChanged();
    void listed();

private:
    void fillStimuli();
    void fillScreens();
    void describe();

    QFutureWatcher<std::vector<LibraryStimulus>> *m_listing = nullptr;
    std::vector<LibraryStimulus> m_stimuli;
    QString m_wanted;
    QComboBox *m_stimulus = nullptr;
    QComboBox *m_screen = nullptr;
    QLabel *m_description = nullptr;
};

} // namespace ui
