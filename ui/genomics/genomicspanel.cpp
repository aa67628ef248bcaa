#include "ui/genomics/genomicspanel.h"

#include "core/genomics/genomicstore.h"
#include "ui/genomics/embeddingspanel.h"
#include "ui/genomics/trackspanel.h"
#include "ui/shell/messagebanner.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QVBoxLayout>

#include <utility>

namespace ui {

GenomicsPanel::GenomicsPanel(QWidget *parent)
    : QWidget(parent)
    , m_banner(new MessageBanner(this))
    , m_file(new QLabel(tr("No store open"), this))
    , m_open(new QPushButton(tr("Open Store…"), this))
    , m_embeddings(new EmbeddingsPanel(this))
    , m_tracks(new TracksPanel(this))
    , m_opening(new QFutureWatcher<Opened>(this))
{
    setWindowTitle(tr("Genomics — Macroscope"));
    m_open->setObjectName(QStringLiteral("openStoreButton"));
    m_file->setObjectName(QStringLiteral("storeFileLabel"));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *top = new QHBoxLayout;
    top->addWidget(m_open);
    top->addWidget(m_file, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_embeddings);
    split->addWidget(m_tracks);
    // The scatter wants a square, the tracks width: about half each at the window's usual size, the
    // embeddings a little more for their row of choices.
    split->setSizes({900, 700});

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_open, &QPushButton::clicked, this, &GenomicsPanel::showOpenDialog);
    connect(m_opening, &QFutureWatcher<Opened>::finished, this, &GenomicsPanel::applyOpened);
    connect(m_embeddings, &EmbeddingsPanel::binActivated, m_tracks, &TracksPanel::showBin);
    connect(m_embeddings, &EmbeddingsPanel::settled, this, &GenomicsPanel::settleIfIdle);
    connect(m_tracks, &TracksPanel::settled, this, &GenomicsPanel::settleIfIdle);
}

GenomicsPanel::~GenomicsPanel()
{
    m_opening->waitForFinished();
}

void GenomicsPanel::openFile(const QString &path)
{
    m_openingPath = path;
    m_openPending = true;
    m_file->setText(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    m_open->setEnabled(false);
    m_opening->setFuture(QtConcurrent::run([file = path.toStdString()] {
        // Nothing may throw across the thread boundary: the message travels back instead.
        try {
            return Opened{std::make_shared<const genomics::GenomicStore>(file), {}};
        } catch (const std::exception &error) {
            return Opened{nullptr, QString::fromUtf8(error.what())};
        }
    }));
}

void GenomicsPanel::showRegion(const QString &region)
{
    if (m_openPending)
        m_pendingRegion = region;
    else
        m_tracks->showRegion(region);
}

void GenomicsPanel::showOpenDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Genomic Store"), QDir::homePath(),
                                                      tr("HDF5 files (*.h5 *.hdf5);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

bool GenomicsPanel::isBusy() const
{
    return m_openPending || m_embeddings->isBusy() || m_tracks->isBusy();
}

void GenomicsPanel::applyOpened()
{
    m_open->setEnabled(true);
    m_openPending = false;
    const Opened opened = m_opening->result();
    if (!opened.store) {
        // The region was for that store: it is no rule for the next one.
        m_pendingRegion.clear();
        // The store shown before, if any, stays.
        m_file->setText(m_shownStore.isEmpty() ? tr("No store open") : m_shownStore);
        m_banner->showMessage(opened.error);
        settleIfIdle();
        return;
    }
    const genomics::GenomicStore &store = *opened.store;
    const auto counted = [](std::size_t count, const QString &one, const QString &many) {
        return count == 1 ? one : many.arg(QLocale().toString(qulonglong(count)));
    };
    m_shownStore = QStringList{QDir::toNativeSeparators(m_openingPath),
                               QStringList{counted(store.bins().size(), tr("1 bin"), tr("%1 bins")),
                                           counted(store.experimentAccessions().size(), tr("1 experiment"),
                                                   tr("%1 experiments")),
                                           counted(store.embeddingNames().size(), tr("1 embedding"),
                                                   tr("%1 embeddings")),
                                           counted(store.trackAccessions().size(), tr("1 track"), tr("%1 tracks"))}
                                   .join(QStringLiteral(", "))}
                       .join(QStringLiteral(" — "));
    m_file->setText(m_shownStore);
    setWindowTitle(tr("%1 — Genomics — Macroscope").arg(QFileInfo(m_openingPath).fileName()));
    m_embeddings->setStore(opened.store);
    m_tracks->setStore(opened.store);
    if (!m_pendingRegion.isEmpty())
        m_tracks->showRegion(std::exchange(m_pendingRegion, {}));
    settleIfIdle();
}

void GenomicsPanel::settleIfIdle()
{
    if (!isBusy())
        Q_EMIT settled();
}

} // namespace ui
