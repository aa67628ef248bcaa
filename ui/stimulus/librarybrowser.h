#pragma once

#include "core/stimulus/stimuluslibrary.h"

#include <QtCore/QFutureWatcher>
#include <QtWidgets/QWidget>

#include <filesystem>
#include <string>
#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace ui {

// The files of a stimulus library: identity (a SHA-256 prefix), size and when each was last used, with
// Verify (re-hash a file's parameters and frames) and Remove. Listing, verifying and removing run on
// worker threads; results come back to the UI thread through watchers owned by this widget.
class LibraryBrowser : public QWidget {
    Q_OBJECT

public:
    explicit LibraryBrowser(std::filesystem::path folder, QWidget *parent = nullptr);

    // Lists the folder again in the background.
    void refresh();
    // Marks the row of the parameters in the form, if the library holds them.
    void setCurrentIdentity(const std::string &sha256);

    // Verifies the selected file in the background; its row says "verifying…" until the answer.
    void verifySelected();
    // Asks for confirmation, then removes the selected file.
    void removeSelected();

Q_SIGNALS:
    // A file was removed, so the identity shown may no longer be in the library.
    void fileRemoved(const QString &path);
    // The user double-clicked a file: its parameters should go into the form.
    void fileActivated(const QString &path);
    void problem(const QString &message);

private:
    struct Listing {
        std::vector<stimulus::LibraryEntry> entries;
        QString error;
    };
    struct Check {
        std::filesystem::path path;
        stimulus::Verification verification;
    };
    struct Removal {
        std::filesystem::path path;
        QString error;
    };

    void applyListing();
    void applyCheck();
    void applyRemoval();
    void removeFile(const std::filesystem::path &path);
    QTreeWidgetItem *itemFor(const std::filesystem::path &path) const;
    std::filesystem::path selectedPath() const;
    void updateButtons();
    void markCurrent();

    std::filesystem::path m_folder;
    std::string m_current;
    QFutureWatcher<Listing> m_listing;
    QFutureWatcher<Check> m_checking;
    QFutureWatcher<Removal> m_removing;

    QLabel *m_location = nullptr;
    QTreeWidget *m_files = nullptr;
    QPushButton *m_verify = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_refresh = nullptr;
};

} // namespace ui
