#include "ui/shell/recentfiles.h"

#include <QtCore/QFileInfo>
#include <QtCore/QSettings>

namespace ui {

namespace {

const QString settingsKey = QStringLiteral("recentFiles");

} // namespace

RecentFiles::RecentFiles(QObject *parent)
    : RecentFiles(std::make_unique<QSettings>(QStringLiteral("Macroscope"), QStringLiteral("Macroscope")), parent)
{
}

RecentFiles::RecentFiles(std::unique_ptr<QSettings> settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
}

RecentFiles::~RecentFiles() = default;

QStringList RecentFiles::files() const
{
    // Read each time: another instance of the application may have changed the list meanwhile.
    m_settings->sync();
    return m_settings->value(settingsKey).toStringList();
}

void RecentFiles::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > MaxCount)
        list.removeLast();
    store(list);
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::store(const QStringList &files)
{
    if (files == this->files())
        return;
    if (files.isEmpty())
        m_settings->remove(settingsKey);
    else
        m_settings->setValue(settingsKey, files);
    m_settings->sync();
    Q_EMIT changed();
}

} // namespace ui
