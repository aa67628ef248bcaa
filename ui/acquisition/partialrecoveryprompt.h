#pragma once

#include <QtCore/QFutureWatcher>
#include <QtWidgets/QFrame>

class QLabel;
class QVBoxLayout;

namespace ui {

// Offers to recover the recordings a crash left behind. scan() lists NAME.h5.partial files in a folder in
// the background; when there are any, an amber strip names each with a Recover button. Recover runs
// acq::recoverRecording in the background (the .partial is only read; NAME.h5 is written beside it) and the
// strip then says what came of it: the frames saved, or the error verbatim. Hidden while there is nothing
// to say.
class PartialRecoveryPrompt : public QFrame {
    Q_OBJECT

public:
    explicit PartialRecoveryPrompt(QWidget *parent = nullptr);
    ~PartialRecoveryPrompt() override;

    void scan(const QString &folder);
    // The .partial files of the last scan.
    QStringList partials() const { return m_partials; }
    void recover(const QString &partial);
    QString resultText() const;

Q_SIGNALS:
    void scanned();
    // `partial` was recovered into `target`, or not (`error`).
    void recoveryFinished(const QString &partial, const QString &target, const QString &error);

private:
    struct Outcome;

    void showPartials();
    void showOutcome();

    QFutureWatcher<QStringList> *m_scanning = nullptr;
    QFutureWatcher<Outcome> *m_recovering = nullptr;
    QStringList m_partials;
    QStringList m_results;
    QString m_folder;
    QLabel *m_heading = nullptr;
    QWidget *m_rows = nullptr;
    QVBoxLayout *m_rowsLayout = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace ui
