#pragma once

#include <QtWidgets/QWidget>

class QLabel;

namespace ui {

// A strip across the top of a window for problems the user should see but need not acknowledge, such as a
// file that could not be opened. Unlike a message box it never blocks: scripted runs (--screenshot) and
// tests go on. Hidden until showMessage(); the close button hides it and forgets the messages.
class MessageBanner : public QWidget {
    Q_OBJECT

public:
    explicit MessageBanner(QWidget *parent = nullptr);

    // Adds a line to the banner and shows it; lines pile up until the user dismisses them.
    void showMessage(const QString &message);
    void dismiss();
    QString text() const;

private:
    QLabel *m_text = nullptr;
    QStringList m_messages;
};

} // namespace ui
