#include "core/files/atomicfile.h"

#include "core/error.h"
#include "core/files/systemcalls.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

namespace files {

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
    if (const std::error_code error = renameFile(m_partial, m_target, replace == Replace::Allowed))
        throw core::Error(m_partial.string() + ": cannot rename to " + m_target.filename().string() + " (" +
                          error.message() + ")");
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
            throw core::Error(file.partialPath().string() + ": cannot write (" + std::strerror(errno) + ")");
    }
    file.commit();
}

} // namespace files
