#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

// The file-system calls whose form differs between POSIX (Linux, macOS) and Windows, each behind one
// portable function. systemcalls_posix.cpp and systemcalls_windows.cpp implement them; CMake builds the one
// for the platform.
namespace files {

// The path as HDF5's char-based API takes it: the native bytes on POSIX, UTF-8 on Windows, which HDF5
// converts to the wide name it opens. (Other C libraries get path.string(), also UTF-8 with MinGW's
// libstdc++, and open it through the C runtime, which reads it as UTF-8 because the executables' manifest,
// installers/windows/macroscope.manifest, sets that code page.)
std::string narrowName(const std::filesystem::path &path);

// Flushes a file's data, or on POSIX a folder's entries (which makes a rename inside it durable), to the
// disk. Throws core::Error naming the path.
void syncPath(const std::filesystem::path &path);

// Flushes the data of a file open as C runtime descriptor `descriptor` (what HDF5's sec2 driver holds).
std::error_code syncDescriptor(int descriptor);

// Renames `from` to `to` in one step, replacing an existing `to` when `replace`. Without `replace` an existing
// `to` makes it fail with std::errc::file_exists, and no other writer can slip in between the check and the
// rename (except on file systems that lack the no-replace rename, where the check comes first).
std::error_code renameFile(const std::filesystem::path &from, const std::filesystem::path &to, bool replace);

// Why the file cannot be opened for reading (and writing, when `writing`), or empty when it can.
std::string accessProblem(const std::filesystem::path &path, bool writing);

// A file that must not exist yet, created for writing. Writes go straight to the operating system, so a full
// disk is reported by the write that hits it rather than by a later flush. Errors throw core::Error with the
// reason alone ("cannot write (No space left on device)"): the caller names the file as its user knows it,
// which is seldom the partial file being written.
class NewFile {
public:
    explicit NewFile(const std::filesystem::path &path);
    NewFile(const NewFile &) = delete;
    NewFile &operator=(const NewFile &) = delete;
    ~NewFile();

    void write(std::string_view bytes);
    void close();

private:
    int m_descriptor = -1;
};

} // namespace files
