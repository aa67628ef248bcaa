#pragma once

#include <QtCore/QFutureWatcher>
#include <QtCore/QPointer>
#include <QtWidgets/QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace hw {
class StimulusWindow;
struct FrameSequence;
}

namespace ui {

// "Present…": shows a library file full screen with hw::StimulusWindow, to check it on the rig's monitor.
// The button opens a row of options (screen, photodiode corner and size); Show starts the presentation, Esc
// in the stimulus window stops it. The outcome, a one-line summary of the window's timing statistics or its
// failure message verbatim, stays in the result label: a refusal is an expected outcome, not a crash or a
// modal box.
class PresentControls : public QWidget {
    Q_OBJECT

public:
    explicit PresentControls(QWidget *parent = nullptr);
    // Stops a running presentation.
    ~PresentControls() override;

    // The library file of the current parameters; empty while there is none (Present… is then disabled).
    void setStimulusFile(const QString &path);
    void showOptions();
    // Opens the file and presents it on the chosen screen.
    void present();
    bool isPresenting() const;
    QString resultText() const;

Q_SIGNALS:
    // The presentation ended (finished, stopped or failed) and the result label says how.
    void presentationEnded();

private:
    struct Prepared;

    void fillScreens();
    void startWindow();
    void finishWindow(const QString &result, const QString &colour);
    QString summary(const QString &how) const;
    void updateButtons();

    QString m_path;
    QFutureWatcher<Prepared> *m_opening = nullptr;
    QPointer<hw::StimulusWindow> m_window;

    QPushButton *m_present = nullptr;
    QWidget *m_options = nullptr;
    QComboBox *m_screen = nullptr;
    QComboBox *m_corner = nullptr;
    QSpinBox *m_patchSize = nullptr;
    QPushButton *m_show = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace ui
