#include "ui/stimulus/librarybrowser.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QLocale>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTreeWidget>

#include <algorithm>
#include <chrono>
#include <map>

namespace ui {

namespace {

enum Column { IdentityColumn, SizeColumn, LastUsedColumn, CheckColumn };
constexpr int PathRole = Qt::UserRole;
constexpr int ShaRole = Qt::UserRole + 1;

QString pathText(const std::filesystem::path &path)
{
    return QDir::toNativeSeparators(QString::fromStdString(path.string()));
}

QString lastUsedText(std::filesystem::file_time_type when)
{
    const auto system = std::chrono::file_clock::to_sys(when);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(system.time_since_epoch()).count();
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

LibraryBrowser::LibraryBrowser(std::filesystem::path folder, QWidget *parent)
    : QWidget(parent)
    , m_folder(std::move(folder))
{
    setObjectName(QStringLiteral("libraryBrowser"));

    m_location = new QLabel(this);
    m_location->setObjectName(QStringLiteral("libraryFolder"));
    m_location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_location->setWordWrap(true);
    m_location->setForegroundRole(QPalette::PlaceholderText);

    m_files = new QTreeWidget(this);
    m_files->setObjectName(QStringLiteral("libraryFiles"));
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setAlternatingRowColors(true);
    m_files->setHeaderLabels({tr("Identity"), tr("Size"), tr("Last used"), tr("Check")});
    m_files->header()->setStretchLastSection(true);
    // Measured in bold, the font of the current parameters' row.
    QFont bold = font();
    bold.setBold(true);
    QFont boldFixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    boldFixed.setBold(true);
    const auto width = [](const QFont &font, const char *sample) {
        return QFontMetrics(font).horizontalAdvance(QString::fromUtf8(sample)) + 24;
    };
    m_files->header()->resizeSection(IdentityColumn, width(boldFixed, "0123456789ab…"));
    m_files->header()->resizeSection(SizeColumn, width(bold, "000.0 MiB"));
    m_files->header()->resizeSection(LastUsedColumn, width(bold, "0000-00-00 00:00"));
    connect(m_files, &QTreeWidget::itemSelectionChanged, this, &LibraryBrowser::updateButtons);
    connect(m_files, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        Q_EMIT fileActivated(item->data(IdentityColumn, PathRole).toString());
    });

    m_verify = new QPushButton(tr("Verify"), this);
    m_verify->setObjectName(QStringLiteral("verifyFile"));
    m_verify->setToolTip(tr("Re-hash the selected file's parameters and frames and compare them with its name and "
                            "its stored hashes"));
    m_remove = new QPushButton(tr("Remove…"), this);
    m_remove->setObjectName(QStringLiteral("removeFile"));
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshLibrary"));
    connect(m_verify, &QPushButton::clicked, this, &LibraryBrowser::verifySelected);
    connect(m_remove, &QPushButton::clicked, this, &LibraryBrowser::removeSelected);
    connect(m_refresh, &QPushButton::clicked, this, &LibraryBrowser::refresh);

    connect(&m_listing, &QFutureWatcher<Listing>::finished, this, &LibraryBrowser::applyListing);
    connect(&m_checking, &QFutureWatcher<Check>::finished, this, &LibraryBrowser::applyCheck);
    connect(&m_removing, &QFutureWatcher<Removal>::finished, this, &LibraryBrowser::applyRemoval);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_verify);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_location);
    layout->addWidget(m_files, 1);
    layout->addLayout(buttons);

    m_location->setText(tr("Folder: %1").arg(pathText(m_folder)));
    refresh();
}

void LibraryBrowser::refresh()
{
    m_listing.setFuture(QtConcurrent::run([folder = m_folder]() -> Listing {
        Listing listing;
        try {
            listing.entries = stimulus::StimulusLibrary(folder).list();
            std::sort(listing.entries.begin(), listing.entries.end(),
                      [](const auto &a, const auto &b) { return a.lastUsed > b.lastUsed; });
        } catch (const std::exception &failure) {
            listing.error = QString::fromUtf8(failure.what());
        }
        return listing;
    }));
}

void LibraryBrowser::applyListing()
{
    const Listing listing = m_listing.result();
    if (!listing.error.isEmpty()) {
        Q_EMIT problem(listing.error);
        return;
    }
    // Verification results survive a refresh as long as the file is still listed.
    std::map<QString, QString> checks;
    for (int row = 0; row < m_files->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *item = m_files->topLevelItem(row);
        checks[item->data(IdentityColumn, PathRole).toString()] = item->text(CheckColumn);
    }
    const std::filesystem::path selected = selectedPath();
    m_files->clear();
    const QLocale locale;
    for (const stimulus::LibraryEntry &entry : listing.entries) {
        auto *item = new QTreeWidgetItem(m_files);
        const QString sha = QString::fromStdString(entry.sha256);
        item->setText(IdentityColumn, sha.left(12) + QStringLiteral("…"));
        item->setFont(IdentityColumn, QFontDatabase::systemFont(QFontDatabase::FixedFont));
        item->setToolTip(IdentityColumn, sha + QLatin1Char('\n') + pathText(entry.path));
        item->setData(IdentityColumn, PathRole, pathText(entry.path));
        item->setData(IdentityColumn, ShaRole, sha);
        item->setText(SizeColumn, locale.formattedDataSize(static_cast<qint64>(entry.bytes)));
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(LastUsedColumn, lastUsedText(entry.lastUsed));
        item->setText(CheckColumn, checks[pathText(entry.path)]);
        if (entry.path == selected)
            item->setSelected(true);
    }
    markCurrent();
    updateButtons();
}

void LibraryBrowser::setCurrentIdentity(const std::string &sha256)
{
    m_current = sha256;
    markCurrent();
}

void LibraryBrowser::markCurrent()
{
    for (int row = 0; row < m_files->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_files->topLevelItem(row);
        const bool current = item->data(IdentityColumn, ShaRole).toString().toStdString() == m_current;
        for (int column = 0; column < m_files->columnCount(); ++column) {
            QFont font = item->font(column);
            font.setBold(current);
            item->setFont(column, font);
        }
    }
}

void LibraryBrowser::verifySelected()
{
    const std::filesystem::path path = selectedPath();
    if (path.empty() || m_checking.isRunning())
        return;
    itemFor(path)->setText(CheckColumn, tr("verifying…"));
    m_checking.setFuture(QtConcurrent::run([path]() -> Check {
        return {path, stimulus::StimulusLibrary::verify(path)}; // verify() reports failures as values
    }));
    updateButtons();
}

void LibraryBrowser::applyCheck()
{
    const Check check = m_checking.result();
    if (QTreeWidgetItem *item = itemFor(check.path)) {
        item->setText(CheckColumn, check.verification.intact ? tr("✓ intact")
                                                             : tr("✗ %1").arg(QString::fromStdString(check.verification.problem)));
        item->setToolTip(CheckColumn, item->text(CheckColumn));
        item->setForeground(CheckColumn, check.verification.intact ? QColor(0x1b, 0x7f, 0x3b) : QColor(0xb3, 0x26, 0x1e));
    }
    updateButtons();
}

void LibraryBrowser::removeSelected()
{
    const std::filesystem::path path = selectedPath();
    if (path.empty())
        return;
    // Window-modal and asynchronous, so that the event loop (and a running generation's progress) goes on.
    auto *question = new QMessageBox(QMessageBox::Question, tr("Remove Stimulus File"),
                                     tr("Remove %1 from the library?").arg(pathText(path.filename())),
                                     QMessageBox::Yes | QMessageBox::Cancel, this);
    question->setObjectName(QStringLiteral("confirmRemoval"));
    question->setInformativeText(tr("It can be generated again from its parameters."));
    question->setAttribute(Qt::WA_DeleteOnClose);
    connect(question, &QMessageBox::finished, this, [this, path](int answer) {
        if (answer == QMessageBox::Yes)
            removeFile(path);
    });
    question->open();
}

void LibraryBrowser::removeFile(const std::filesystem::path &path)
{
    m_removing.setFuture(QtConcurrent::run([path]() -> Removal {
        std::error_code error;
        std::filesystem::remove(path, error);
        return {path, error ? pathText(path) + QStringLiteral(": cannot remove (") +
                                  QString::fromStdString(error.message()) + QLatin1Char(')')
                            : QString()};
    }));
}

void LibraryBrowser::applyRemoval()
{
    const Removal removal = m_removing.result();
    if (!removal.error.isEmpty())
        Q_EMIT problem(removal.error);
    else
        Q_EMIT fileRemoved(pathText(removal.path));
    refresh();
}

QTreeWidgetItem *LibraryBrowser::itemFor(const std::filesystem::path &path) const
{
    for (int row = 0; row < m_files->topLevelItemCount(); ++row)
        if (m_files->topLevelItem(row)->data(IdentityColumn, PathRole).toString() == pathText(path))
            return m_files->topLevelItem(row);
    return nullptr;
}

std::filesystem::path LibraryBrowser::selectedPath() const
{
    const auto selected = m_files->selectedItems();
    return selected.isEmpty() ? std::filesystem::path()
                              : std::filesystem::path(selected.first()->data(IdentityColumn, PathRole).toString().toStdString());
}

void LibraryBrowser::updateButtons()
{
    const bool any = !selectedPath().empty();
    m_verify->setEnabled(any && !m_checking.isRunning());
    m_remove->setEnabled(any);
}

} // namespace ui
