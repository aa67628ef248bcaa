#pragma once

#include <QtCore/QObject>
#include <QtCore/QStringList>

#include <memory>

class QSettings;

namespace ui {

// The files the user opened lately, most recent first, kept in QSettings under "recentFiles" so that every
// instance of the application shares them. Paths are absolute; the same file is listed once.
class RecentFiles : public QObject {
    Q_OBJECT

public:
    static constexpr int MaxCount = 10;

    // Uses the application's settings (organisation and application "Macroscope").
    explicit RecentFiles(QObject *parent = nullptr);
    // Uses `settings`, which this object takes over (tests pass one backed by a temporary file).
    explicit RecentFiles(std::unique_ptr<QSettings> settings, QObject *parent = nullptr);
    ~RecentFiles() override;

    QStringList files() const;
    // Moves `path` to the front, adding it if new, and drops the oldest beyond MaxCount.
    void add(const QString &path);
    void clear();

Q_SIGNALS:
    void changed();

private:
    void store(const QStringList &files);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace ui
