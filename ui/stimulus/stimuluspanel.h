#pragma once

#include <nlohmann/json_fwd.hpp>

#include <QtCore/QFutureWatcher>
#include <QtWidgets/QWidget>

#include <filesystem>

class QLabel;

namespace ui {

class FramePreview;
class IdentityBox;
class LibraryBrowser;
class MessageBanner;
class PresentControls;
class SchemaForm;

// Designs a drifting-bar stimulus and prepares its frames: the parameter form (the "stimulus" schema) with
// Load/Save of parameter files on the left; on the right the stimulus's identity and library state with
// Generate/Cancel, Present… (the file full screen on a chosen monitor), a preview that plays the generated
// file, and the library's files. Problems (files that cannot be read, failed generation) appear in a banner
// across the top, never in a modal dialog.
class StimulusPanel : public QWidget {
    Q_OBJECT

public:
    // Uses the library at StimulusLibrary::defaultLocation() ($MACROSCOPE_STIMULUS_LIBRARY or the per-user
    // data folder).
    explicit StimulusPanel(QWidget *parent = nullptr);
    ~StimulusPanel() override;

    // Reads parameters in the background from a JSON file or from a stimulus file (.h5, the parameters
    // it was generated from) and puts them in the form, valid or not.
    void loadParameters(const QString &path);
    // Writes the form's document (defaults filled in) as indented JSON, atomically, in the background.
    void saveParameters(const QString &path);
    void showLoadDialog();
    void showSaveDialog();
    void resetParameters();

Q_SIGNALS:
    // A load or save finished; `path` is the file. For tests and status lines.
    void parametersLoaded(const QString &path);
    void parametersSaved(const QString &path);

private:
    struct FileResult;

    void parametersChanged();
    void applyLoad();
    void applySave();
    void reportProblem(const QString &message);

    SchemaForm *m_form = nullptr;
    IdentityBox *m_identity = nullptr;
    FramePreview *m_preview = nullptr;
    LibraryBrowser *m_library = nullptr;
    PresentControls *m_present = nullptr;
    MessageBanner *m_banner = nullptr;
    QLabel *m_parameterFile = nullptr;
    QFutureWatcher<FileResult> *m_loading = nullptr;
    QFutureWatcher<FileResult> *m_saving = nullptr;
};

} // namespace ui
