#include "core/files/systemcalls.h"

#include "core/error.h"

#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <utility>

namespace files {

namespace {

[[noreturn]] void fail(const std::string &what, int error)
{
    throw core::Error(what + " (" + std::strerror(error) + ")");
}

std::error_code lastError()
{
    return std::error_code(static_cast<int>(::GetLastError()), std::system_category());
}

} // namespace

std::string narrowName(const std::filesystem::path &path)
{
    const std::u8string utf8 = path.u8string();
    return std::string(utf8.begin(), utf8.end());
}

void syncPath(const std::filesystem::path &path)
{
    // Windows cannot flush a folder: NTFS journals its entries, which is what keeps a rename there from being
    // half done after a crash.
    if (std::filesystem::is_directory(path))
        return;
    const HANDLE file = ::CreateFileW(path.c_str(), GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                                      nullptr, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE)
        throw core::Error(path.string() + ": cannot open to sync (" + lastError().message() + ")");
    const bool flushed = ::FlushFileBuffers(file);
    const std::error_code error = lastError();
    ::CloseHandle(file);
    if (!flushed)
        throw core::Error(path.string() + ": cannot sync to disk (" + error.message() + ")");
}

std::error_code syncDescriptor(int descriptor)
{
    return ::_commit(descriptor) == 0 ? std::error_code() : std::error_code(errno, std::generic_category());
}

std::error_code renameFile(const std::filesystem::path &from, const std::filesystem::path &to, bool replace)
{
    const DWORD flags = MOVEFILE_WRITE_THROUGH | (replace ? MOVEFILE_REPLACE_EXISTING : 0);
    // A program holding the file open without FILE_SHARE_DELETE (a viewer watching a recording, HDF5 itself,
    // a virus scanner) blocks the rename until it lets go; give it a few seconds before failing.
    for (int attempt = 0; attempt < 50; ++attempt) {
        if (::MoveFileExW(from.c_str(), to.c_str(), flags))
            return {};
        if (::GetLastError() != ERROR_SHARING_VIOLATION && ::GetLastError() != ERROR_ACCESS_DENIED)
            break;
        ::Sleep(100);
    }
    if (::GetLastError() == ERROR_ALREADY_EXISTS || ::GetLastError() == ERROR_FILE_EXISTS)
        return std::make_error_code(std::errc::file_exists);
    return lastError();
}

std::string accessProblem(const std::filesystem::path &path, bool writing)
{
    return ::_waccess(path.c_str(), writing ? 06 : 04) == 0 ? std::string() : std::strerror(errno);
}

NewFile::NewFile(const std::filesystem::path &path)
    : m_descriptor(::_wopen(path.c_str(), _O_WRONLY | _O_CREAT | _O_EXCL | _O_BINARY | _O_NOINHERIT,
                            _S_IREAD | _S_IWRITE))
{
    if (m_descriptor < 0)
        fail("cannot create the file", errno);
}

NewFile::~NewFile()
{
    if (m_descriptor >= 0)
        ::_close(m_descriptor);
}

void NewFile::write(std::string_view bytes)
{
    while (!bytes.empty()) {
        const auto count = static_cast<unsigned>(std::min<std::size_t>(bytes.size(), INT_MAX));
        const int written = ::_write(m_descriptor, bytes.data(), count);
        if (written < 0)
            fail("cannot write", errno);
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
}

void NewFile::close()
{
    if (::_close(std::exchange(m_descriptor, -1)) != 0)
        fail("cannot write", errno);
}

} // namespace files
