#include "core/files/filelock.h"

#include "core/error.h"

#ifdef _WIN32
#include <windows.h>
#else
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

#include <string>
#include <system_error>

namespace files {

#ifdef _WIN32

namespace {

// Windows locks are mandatory: a lock on the file's bytes would stop SWMR readers from reading them. The
// lock is taken on the last byte an offset can name instead, which no file reaches.
OVERLAPPED lockedByte()
{
    OVERLAPPED where{};
    where.Offset = 0xFFFFFFFEu;
    where.OffsetHigh = 0x7FFFFFFFu;
    return where;
}

} // namespace

FileLock::FileLock(const std::filesystem::path &path, Mode mode, bool create, Sharing sharing)
{
    // FILE_SHARE_DELETE, so that the file the lock marks can still be renamed when its writer commits.
    const HANDLE file = ::CreateFileW(path.c_str(), create ? GENERIC_READ | GENERIC_WRITE : GENERIC_READ,
                                      FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                                      create ? OPEN_ALWAYS : OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE)
        throw core::Error(path.string() + ": cannot open to lock (" +
                          std::system_category().message(static_cast<int>(::GetLastError())) + ")");
    m_handle = reinterpret_cast<std::intptr_t>(file);
    OVERLAPPED where = lockedByte();
    const DWORD flags = (sharing == Sharing::Exclusive ? LOCKFILE_EXCLUSIVE_LOCK : 0) |
                        (mode == Mode::Try ? LOCKFILE_FAIL_IMMEDIATELY : 0);
    m_locked = ::LockFileEx(file, flags, 0, 1, 0, &where);
    if (!m_locked && mode == Mode::Wait) {
        const DWORD error = ::GetLastError();
        release();
        throw core::Error(path.string() + ": cannot lock (" + std::system_category().message(static_cast<int>(error)) +
                          ")");
    }
}

void FileLock::release() noexcept
{
    if (m_handle != -1)
        ::CloseHandle(reinterpret_cast<HANDLE>(m_handle)); // releases the lock
    m_handle = -1;
    m_locked = false;
}

#else

FileLock::FileLock(const std::filesystem::path &path, Mode mode, bool create, Sharing sharing)
{
    const int descriptor = create ? ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644)
                                  : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0)
        throw core::Error(path.string() + ": cannot open to lock (" + std::strerror(errno) + ")");
    m_handle = descriptor;
    int result;
    do
        result = ::flock(descriptor, (sharing == Sharing::Shared ? LOCK_SH : LOCK_EX) | (mode == Mode::Wait ? 0 : LOCK_NB));
    while (result != 0 && errno == EINTR);
    m_locked = result == 0;
    if (!m_locked && mode == Mode::Wait) {
        const int error = errno;
        release();
        throw core::Error(path.string() + ": cannot lock (" + std::strerror(error) + ")");
    }
}

void FileLock::release() noexcept
{
    if (m_handle >= 0)
        ::close(static_cast<int>(m_handle)); // releases the flock
    m_handle = -1;
    m_locked = false;
}

#endif

FileLock::~FileLock()
{
    release();
}

bool isLockedElsewhere(const std::filesystem::path &path)
{
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        return false;
    return !FileLock(path, FileLock::Mode::Try, false).locked();
}

} // namespace files
