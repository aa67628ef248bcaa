#include "core/files/systemcalls.h"

#include "core/error.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace files {

namespace {

int flushToDisk(int descriptor, bool withMetadata)
{
#ifdef __APPLE__
    // macOS's fsync leaves the data in the drive's cache; F_FULLFSYNC asks the drive to write it, and fails on
    // file systems that cannot (network mounts), where fsync is all there is.
    if (::fcntl(descriptor, F_FULLFSYNC) == 0)
        return 0;
    (void)withMetadata;
    return ::fsync(descriptor);
#else
    return withMetadata ? ::fsync(descriptor) : ::fdatasync(descriptor);
#endif
}

int renameWithoutReplacing(const char *from, const char *to)
{
#ifdef __APPLE__
    const int result = ::renamex_np(from, to, RENAME_EXCL);
    const bool unsupported = result != 0 && errno == ENOTSUP;
#else
    const int result = ::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
    const bool unsupported = result != 0 && (errno == EINVAL || errno == ENOSYS);
#endif
    if (!unsupported)
        return result;
    // A file system without the no-replace rename (FAT, some network mounts): check, then rename.
    if (::access(to, F_OK) == 0) {
        errno = EEXIST;
        return -1;
    }
    return std::rename(from, to);
}

[[noreturn]] void fail(const std::string &what, int error)
{
    throw core::Error(what + " (" + std::strerror(error) + ")");
}

} // namespace

std::string narrowName(const std::filesystem::path &path)
{
    return path.native();
}

void syncPath(const std::filesystem::path &path)
{
    // A folder can only be opened read-only; fsync on it makes a rename inside it durable.
    const bool folder = std::filesystem::is_directory(path);
    const int descriptor = ::open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (descriptor < 0)
        throw core::Error(path.string() + ": cannot open to sync (" + std::strerror(errno) + ")");
    const int result = flushToDisk(descriptor, true);
    const int error = errno;
    ::close(descriptor);
    if (result != 0)
        throw core::Error(path.string() + ": cannot sync to disk (" + std::strerror(error) + ")");
}

std::error_code syncDescriptor(int descriptor)
{
    return flushToDisk(descriptor, false) == 0 ? std::error_code() : std::error_code(errno, std::generic_category());
}

std::error_code renameFile(const std::filesystem::path &from, const std::filesystem::path &to, bool replace)
{
    const int result = replace ? std::rename(from.c_str(), to.c_str()) : renameWithoutReplacing(from.c_str(), to.c_str());
    return result == 0 ? std::error_code() : std::error_code(errno, std::generic_category());
}

std::string accessProblem(const std::filesystem::path &path, bool writing)
{
    return ::access(path.c_str(), writing ? R_OK | W_OK : R_OK) == 0 ? std::string() : std::strerror(errno);
}

NewFile::NewFile(const std::filesystem::path &path)
    : m_descriptor(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666))
{
    if (m_descriptor < 0)
        fail("cannot create the file", errno);
}

NewFile::~NewFile()
{
    if (m_descriptor >= 0)
        ::close(m_descriptor);
}

void NewFile::write(std::string_view bytes)
{
    while (!bytes.empty()) {
        const ssize_t written = ::write(m_descriptor, bytes.data(), bytes.size());
        if (written < 0) {
            if (errno == EINTR)
                continue;
            fail("cannot write", errno);
        }
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

void NewFile::close()
{
    if (::close(std::exchange(m_descriptor, -1)) != 0)
        fail("cannot write", errno);
}

} // namespace files
