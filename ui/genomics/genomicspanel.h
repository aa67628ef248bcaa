#pragma once

#include <QtCore/QFutureWatcher>
#include <QtWidgets/QWidget>

#include <memory>

class QLabel;
class QPushButton;

namespace genomics {
class GenomicStore;
}

namespace ui {

class EmbeddingsPanel;
class MessageBanner;
class TracksPanel;

// A genomic embedding store (macroscope-cli genomics build, or jointly-hic's file) shown in two panels side
// by side: the embeddings scatter with its selection, and the tracks along the genome. "Show in tracks" on a
// selected bin takes the tracks to it. The store is opened on a worker thread; problems go to the banner.
class GenomicsPanel : public QWidget {
    Q_OBJECT

public:
    explicit GenomicsPanel(QWidget *parent = nullptr);
    ~GenomicsPanel() override;

    void openFile(const QString &path);
    // The tracks panel's region box: applied now when a store is open, else once the one opening is.
    void showRegion(const QString &region);
    void showOpenDialog();

    EmbeddingsPanel *embeddings() const { return m_embeddings; }
    TracksPanel *tracks() const { return m_tracks; }
    MessageBanner *banner() const { return m_banner; }
    // Opening the store, or either panel still reading from it.
    bool isBusy() const;

Q_SIGNALS:
    // Busy → idle: the store is open (or failed to) and both panels have what they show.
    void settled();

private:
    struct Opened {
        std::shared_ptr<const genomics::GenomicStore> store;
        QString error;
    };
    void applyOpened();
    void settleIfIdle();

    MessageBanner *m_banner = nullptr;
    QLabel *m_file = nullptr;
    QPushButton *m_open = nullptr;
    EmbeddingsPanel *m_embeddings = nullptr;
    TracksPanel *m_tracks = nullptr;
    QFutureWatcher<Opened> *m_opening = nullptr;
    QString m_openingPath;
    QString m_shownStore; // the file label of the store on screen; empty before one opens
    // From openFile until applyOpened: the watcher stops running before its finished() is delivered.
    bool m_openPending = false;
    QString m_pendingRegion;
};

} // namespace ui
