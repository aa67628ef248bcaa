// core/files on Windows, where recordings and stimulus libraries rely on it as on Linux: the atomic commit,
// the rename that must not replace a file, a reader holding the partial file, the writer's lock and non-ASCII
// names. Built with MinGW-w64 and run under Wine by run-filescheck.sh, because Qt Test for Windows is not
// available on the Debian machines that run the suite; so it is a plain program that prints each failed
// check and exits 1 if there was one.
#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/files/filelock.h"
#include "core/files/systemcalls.h"

#include <windows.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <system_error>
#include <thread>

namespace fs = std::filesystem;

namespace {

int failures = 0;

void check(bool condition, const char *what, int line)
{
    if (!condition) {
        std::printf("FAIL line %d: %s\n", line, what);
        ++failures;
    }
}
#define CHECK(condition) check((condition), #condition, __LINE__)

std::string readAll(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeAll(const fs::path &path, const std::string &bytes)
{
    std::ofstream(path, std::ios::binary) << bytes;
}

// Whether `action` throws core::Error whose message contains `needle`.
bool throwsNaming(const std::function<void()> &action, const std::string &needle)
{
    try {
        action();
    } catch (const core::Error &error) {
        return std::string(error.what()).find(needle) != std::string::npos;
    }
    return false;
}

// Opens `path` as a program that does not allow deleting or renaming it while open (no FILE_SHARE_DELETE):
// Explorer's preview, most viewers, a virus scanner.
HANDLE holdOpen(const fs::path &path)
{
    return ::CreateFileW(path.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, nullptr, OPEN_EXISTING,
                         FILE_ATTRIBUTE_NORMAL, nullptr);
}

// Whether another handle can lock all of `path`'s bytes: Windows' locks are mandatory, so a lock on any of
// them would keep HDF5's readers from reading, or the writer from writing, what it covers. (Wine enforces
// locks against locks, not against reads and writes.)
bool contentIsUnlocked(const fs::path &path)
{
    const HANDLE file = ::CreateFileW(path.c_str(), GENERIC_READ | GENERIC_WRITE,
                                      FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr, OPEN_EXISTING,
                                      FILE_ATTRIBUTE_NORMAL, nullptr);
    if (file == INVALID_HANDLE_VALUE)
        return false;
    OVERLAPPED start{};
    const DWORD size = static_cast<DWORD>(fs::file_size(path));
    const bool locked = ::LockFileEx(file, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, size, 0, &start);
    ::CloseHandle(file);
    return locked;
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void newFileIsCreatedOnlyOnce(const fs::path &dir)
{
    const fs::path path = dir / "new.bin";
    {
        files::NewFile file(path);
        file.write(std::string(3, '\0') + "data");
        file.close();
    }
    CHECK(readAll(path) == std::string(3, '\0') + "data");
    CHECK(throwsNaming([&] { files::NewFile again(path); }, "cannot create the file"));
    CHECK(readAll(path) == std::string(3, '\0') + "data");
}

void renameWithoutReplaceKeepsTheTarget(const fs::path &dir)
{
    writeAll(dir / "from", "new");
    writeAll(dir / "to", "old");
    CHECK(files::renameFile(dir / "from", dir / "to", false) == std::errc::file_exists);
    CHECK(readAll(dir / "to") == "old");
    CHECK(readAll(dir / "from") == "new");
    CHECK(!files::renameFile(dir / "from", dir / "to", true));
    CHECK(readAll(dir / "to") == "new");
    CHECK(!fs::exists(dir / "from"));
}

void renameWaitsForAReaderToLetGo(const fs::path &dir)
{
    writeAll(dir / "held", "content");
    const HANDLE reader = holdOpen(dir / "held");
    CHECK(reader != INVALID_HANDLE_VALUE);
    const auto start = std::chrono::steady_clock::now();
    std::thread letGo([reader] {
        std::this_thread::sleep_for(std::chrono::seconds(1));
        ::CloseHandle(reader);
    });
    const std::error_code error = files::renameFile(dir / "held", dir / "released", false);
    letGo.join();
    CHECK(!error);
    CHECK(secondsSince(start) >= 0.9);
    CHECK(readAll(dir / "released") == "content");
}

// A reader that never lets go makes the commit fail after a few seconds, and loses nothing: the partial file
// stays, complete, for the next attempt or `recover`.
void aReaderThatKeepsTheFileFailsTheCommitAndLosesNothing(const fs::path &dir)
{
    const fs::path target = dir / "kept.h5";
    files::AtomicFile file(target);
    writeAll(file.partialPath(), "frames");
    const HANDLE reader = holdOpen(file.partialPath());
    CHECK(reader != INVALID_HANDLE_VALUE);
    const auto start = std::chrono::steady_clock::now();
    CHECK(throwsNaming([&] { file.commit(files::AtomicFile::Replace::Never); }, "cannot rename to kept.h5"));
    CHECK(secondsSince(start) >= 4.0);
    ::CloseHandle(reader);
    file.keepPartial();
    CHECK(!fs::exists(target));
    CHECK(readAll(files::partialPathFor(target)) == "frames");
}

void commitNeverReplacesWhenAskedNotTo(const fs::path &dir)
{
    const fs::path target = dir / "recording.h5";
    writeAll(target, "earlier recording");
    {
        files::AtomicFile file(target);
        writeAll(file.partialPath(), "this recording");
        CHECK(throwsNaming([&] { file.commit(files::AtomicFile::Replace::Never); }, "cannot rename to recording.h5 (File exists)"));
    }
    CHECK(readAll(target) == "earlier recording");
    files::writeFileAtomically(target, "replacement");
    CHECK(readAll(target) == "replacement");
    CHECK(!fs::exists(files::partialPathFor(target)));
}

void anUnfinishedPartialIsNeverOverwritten(const fs::path &dir)
{
    const fs::path target = dir / "crashed.h5";
    writeAll(files::partialPathFor(target), "salvageable");
    CHECK(throwsNaming([&] { files::AtomicFile file(target); }, "recover or remove it first"));
    CHECK(readAll(files::partialPathFor(target)) == "salvageable");
}

// The recorder locks its .partial for as long as it writes; readers must still read it (SWMR), other writers
// must see the lock, and the commit must still rename it.
void theWritersLockBlocksWritersOnlyAndLetsTheCommitRename(const fs::path &dir)
{
    const fs::path target = dir / "live.h5";
    files::AtomicFile file(target);
    writeAll(file.partialPath(), "frames so far");
    files::FileLock lock(file.partialPath(), files::FileLock::Mode::Try, false, files::FileLock::Sharing::Shared);
    CHECK(lock.locked());
    CHECK(files::isLockedElsewhere(file.partialPath()));
    CHECK(contentIsUnlocked(file.partialPath()));
    files::FileLock secondShared(file.partialPath(), files::FileLock::Mode::Try, false,
                                 files::FileLock::Sharing::Shared);
    CHECK(secondShared.locked());
    secondShared.release();
    files::FileLock writer(file.partialPath(), files::FileLock::Mode::Try, false);
    CHECK(!writer.locked());
    writeAll(file.partialPath(), "frames so far, more");
    file.commit(files::AtomicFile::Replace::Never);
    CHECK(readAll(target) == "frames so far, more");
    lock.release();
    CHECK(!files::isLockedElsewhere(target));
    CHECK(!files::isLockedElsewhere(dir / "missing.h5"));
}

void anExclusiveLockKeepsOthersOut(const fs::path &dir)
{
    const fs::path path = dir / "library.lock";
    writeAll(path, "stimulus library");
    files::FileLock lock(path, files::FileLock::Mode::Wait, true);
    CHECK(lock.locked());
    CHECK(contentIsUnlocked(path));
    files::FileLock other(path, files::FileLock::Mode::Try, false);
    CHECK(!other.locked());
    files::FileLock shared(path, files::FileLock::Mode::Try, false, files::FileLock::Sharing::Shared);
    CHECK(!shared.locked());
    lock.release();
    files::FileLock after(path, files::FileLock::Mode::Try, false);
    CHECK(after.locked());
    CHECK(throwsNaming([&] { files::FileLock missing(dir / "absent.lock", files::FileLock::Mode::Try, false); },
                       "absent.lock: cannot open to lock"));
}

void nonAsciiNamesWork(const fs::path &dir)
{
    const fs::path folder = dir / fs::path(u8"Δεδομένα");
    fs::create_directory(folder);
    const fs::path target = folder / fs::path(u8"記録 1.json");
    files::writeFileAtomically(target, "{}");
    CHECK(readAll(target) == "{}");
    const std::string narrow = files::narrowName(target);
    CHECK(narrow.find("\xE8\xA8\x98\xE9\x8C\xB2") != std::string::npos); // 記録 in UTF-8, as HDF5 expects
    files::FileLock lock(target, files::FileLock::Mode::Try, false);
    CHECK(lock.locked());
    files::syncPath(target);
    CHECK(throwsNaming([&] { files::syncPath(folder / "missing.h5"); }, "missing.h5: cannot open to sync"));
}

} // namespace

int main()
{
    // Unbuffered, so that what passed is on the screen even if a check crashes the program.
    std::setvbuf(stdout, nullptr, _IONBF, 0);
    const fs::path dir = fs::temp_directory_path() / "macroscope-filescheck";
    fs::remove_all(dir);
    const std::pair<const char *, void (*)(const fs::path &)> cases[] = {
        {"newFileIsCreatedOnlyOnce", newFileIsCreatedOnlyOnce},
        {"renameWithoutReplaceKeepsTheTarget", renameWithoutReplaceKeepsTheTarget},
        {"renameWaitsForAReaderToLetGo", renameWaitsForAReaderToLetGo},
        {"aReaderThatKeepsTheFileFailsTheCommitAndLosesNothing", aReaderThatKeepsTheFileFailsTheCommitAndLosesNothing},
        {"commitNeverReplacesWhenAskedNotTo", commitNeverReplacesWhenAskedNotTo},
        {"anUnfinishedPartialIsNeverOverwritten", anUnfinishedPartialIsNeverOverwritten},
        {"theWritersLockBlocksWritersOnlyAndLetsTheCommitRename", theWritersLockBlocksWritersOnlyAndLetsTheCommitRename},
        {"anExclusiveLockKeepsOthersOut", anExclusiveLockKeepsOthersOut},
        {"nonAsciiNamesWork", nonAsciiNamesWork},
    };
    for (const auto &[name, run] : cases) {
        const int before = failures;
        const fs::path caseDir = dir / name;
        fs::create_directories(caseDir);
        try {
            run(caseDir);
        } catch (const std::exception &error) {
            std::printf("FAIL: unexpected exception: %s\n", error.what());
            ++failures;
        }
        std::printf("%s   : %s\n", failures == before ? "PASS" : "FAIL", name);
    }
    fs::remove_all(dir);
    std::printf("%d failed\n", failures);
    return failures == 0 ? 0 : 1;
}
