#pragma once

#include <cstdint>
#include <filesystem>

namespace files {

// An flock(2) on a file for as long as the object lives (or until release()); on Windows a LockFileEx on a
// byte far past the end, which never blocks reading or writing the file itself. The system drops it when the
// process dies, so a lock never outlives a crash: what tells a live writer from a dead one.
class FileLock {
public:
    enum class Mode { Wait, Try };
    // A shared lock keeps exclusive ones out but lets other shared ones in: how a recorder marks its
    // .partial while HDF5's SWMR readers, which take shared locks as they open it, still may.
    enum class Sharing { Exclusive, Shared };

    // Opens `path` (creating it when `create`) and locks it. Mode::Wait blocks until the lock is free;
    // Mode::Try returns at once and locked() says whether the lock was taken. Throws core::Error naming the
    // file when it cannot be opened.
    FileLock(const std::filesystem::path &path, Mode mode, bool create, Sharing sharing = Sharing::Exclusive);
    FileLock(const FileLock &) = delete;
    FileLock &operator=(const FileLock &) = delete;
    ~FileLock();

    bool locked() const { return m_locked; }
    void release() noexcept;

private:
    std::intptr_t m_handle = -1; // a descriptor on POSIX, a HANDLE on Windows
    bool m_locked = false;
};

// Whether another open file description holds an flock on `path` (a recording in progress, or a reader
// that has it open). False for a missing file.
bool isLockedElsewhere(const std::filesystem::path &path);

} // namespace files
