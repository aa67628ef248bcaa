#include "core/files/atomicfile.h"

#include "core/error.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <utility>

namespace files {

namespace {

[[noreturn]] void failWith(const std::filesystem::path &path, const std::string &what, int error)
{
    throw core::Error(path.string() + ": " + what + " (" + std::strerror(error) + ")");
}

} // namespace

std::filesystem::path partialPathFor(const std::filesystem::path &target)
{
    std::filesystem::path partial = target;
    partial += ".partial";
    return partial;
}

std::filesystem::path folderOf(const std::filesystem::path &file)
{
    return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

void syncPath(const std::filesystem::path &path)
{
    // A folder can only be opened read-only; fsync on it makes a rename inside it durable.
    const bool folder = std::filesystem::is_directory(path);
    const int descriptor = ::open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (descriptor < 0)
        failWith(path, "cannot open to sync", errno);
    const int result = ::fsync(descriptor);
    const int error = errno;
    ::close(descriptor);
    if (result != 0)
        failWith(path, "cannot sync to disk", error);
}

AtomicFile::AtomicFile(std::filesystem::path target)
    : AtomicFile(target, partialPathFor(target))
{
}

AtomicFile::AtomicFile(std::filesystem::path target, std::filesystem::path partial)
    : m_target(std::move(target))
    , m_partial(std::move(partial))
{
    std::error_code error;
    if (std::filesystem::exists(m_partial, error)) {
        m_active = false;
        throw core::Error(m_partial.string() +
                          ": an unfinished earlier write is in the way; recover or remove it first");
    }
}

AtomicFile::AtomicFile(AtomicFile &&other) noexcept
    : m_target(std::move(other.m_target))
    , m_partial(std::move(other.m_partial))
    , m_committed(other.m_committed)
    , m_active(std::exchange(other.m_active, false))
{
}

AtomicFile::~AtomicFile()
{
    if (m_active && !m_committed)
        discard();
}

void AtomicFile::commit(Replace replace)
{
    if (m_committed)
        return;
    syncPath(m_partial);
    if (replace == Replace::Never) {
        int result = ::renameat2(AT_FDCWD, m_partial.c_str(), AT_FDCWD, m_target.c_str(), RENAME_NOREPLACE);
        if (result != 0 && (errno == EINVAL || errno == ENOSYS)) {
            // A file system without the no-replace rename (FAT, some network mounts): check, then rename.
            std::error_code ignored;
            errno = EEXIST;
            result = std::filesystem::exists(m_target, ignored) ? -1 : ::rename(m_partial.c_str(), m_target.c_str());
        }
        if (result != 0)
            failWith(m_partial, "cannot rename to " + m_target.filename().string(), errno);
    } else if (::rename(m_partial.c_str(), m_target.c_str()) != 0) {
        failWith(m_partial, "cannot rename to " + m_target.filename().string(), errno);
    }
    m_committed = true;
    syncPath(folderOf(m_target));
}

void AtomicFile::discard() noexcept
{
    std::error_code ignored;
    std::filesystem::remove(m_partial, ignored);
    m_active = false;
}

void writeFileAtomically(const std::filesystem::path &target, std::string_view bytes)
{
    AtomicFile file(target);
    {
        std::ofstream out(file.partialPath(), std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out)
            failWith(file.partialPath(), "cannot write", errno);
    }
    file.commit();
}

} // namespace files
