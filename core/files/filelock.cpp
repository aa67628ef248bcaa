#include "core/files/filelock.h"

#include "core/error.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace files {

FileLock::FileLock(const std::filesystem::path &path, Mode mode, bool create, Sharing sharing)
{
    m_descriptor = create ? ::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644)
                          : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_descriptor < 0)
        throw core::Error(path.string() + ": cannot open to lock (" + std::strerror(errno) + ")");
    int result;
    do
        result = ::flock(m_descriptor,
                         (sharing == Sharing::Shared ? LOCK_SH : LOCK_EX) | (mode == Mode::Wait ? 0 : LOCK_NB));
    while (result != 0 && errno == EINTR);
    m_locked = result == 0;
    if (!m_locked && mode == Mode::Wait) {
        const int error = errno;
        ::close(m_descriptor);
        throw core::Error(path.string() + ": cannot lock (" + std::strerror(error) + ")");
    }
}

FileLock::~FileLock()
{
    release();
}

void FileLock::release() noexcept
{
    if (m_descriptor >= 0)
        ::close(m_descriptor); // releases the flock
    m_descriptor = -1;
    m_locked = false;
}

bool isLockedElsewhere(const std::filesystem::path &path)
{
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        return false;
    return !FileLock(path, FileLock::Mode::Try, false).locked();
}

} // namespace files
