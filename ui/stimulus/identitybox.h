#pragma once

#include "core/stimulus/stimuluslibrary.h"
#include "core/stimulus/stimulusparameters.h"

#include <QtCore/QFutureWatcher>
#include <QtWidgets/QGroupBox>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace ui {

// The stimulus's identity (the SHA-256 of its parameters), whether the library already holds its file, and
// the Generate/Cancel controls. Generation runs StimulusLibrary::obtain on a worker thread; the generator
// reports progress into atomics that a 10 Hz timer reads, and Cancel asks it to stop through a stop_source.
// Failures are reported through problem(), never thrown.
class IdentityBox : public QGroupBox {
    Q_OBJECT

public:
    explicit IdentityBox(std::filesystem::path libraryFolder, QWidget *parent = nullptr);
    // Asks a running generation to stop; the worker shares nothing with this widget but the progress
    // atomics, which it co-owns, so it may finish after the widget is gone.
    ~IdentityBox() override;

    // The parameters Generate would use; nullopt while the form holds invalid ones.
    void setParameters(std::optional<stimulus::StimulusParameters> parameters);
    // Checks again (on a worker) whether the library holds the current identity.
    void refreshStatus();

    void generate();
    void cancel();
    bool isGenerating() const;

Q_SIGNALS:
    // The library holds the file of the current parameters (found by a check, or generated).
    void stimulusAvailable(const QString &path);
    // It does not, or the parameters are invalid; `reason` says which, for the preview to show.
    void stimulusMissing(const QString &reason);
    // Generation finished (successfully or not): the library's content or last-used times changed.
    void libraryChanged();
    void problem(const QString &message);

private:
    struct Progress {
        std::atomic<std::uint64_t> done{0};
        std::atomic<std::uint64_t> total{0};
        std::stop_source stop;
    };
    struct Outcome {
        std::optional<stimulus::ObtainResult> result;
        QString error;
        bool cancelled = false;
    };
    struct Status {
        std::string sha256;
        std::filesystem::path path;
        bool exists = false;
        QString error;
    };

    void applyStatus();
    void applyOutcome();
    void pollProgress();
    void setStatus(const QString &text, const QString &colour);
    void updateButtons();

    std::filesystem::path m_folder;
    std::optional<stimulus::StimulusParameters> m_parameters;
    std::string m_sha256;
    std::shared_ptr<Progress> m_progress;
    QFutureWatcher<Outcome> m_generation;
    QFutureWatcher<Status> m_check;

    QLabel *m_identity = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_generate = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_note = nullptr;
    QTimer *m_poll = nullptr;
};

} // namespace ui
