#pragma once

#include <filesystem>
#include <string_view>

namespace files {

// The one way Macroscope writes a file: the content goes to TARGET.partial in the target's folder, and
// commit() flushes it to disk, renames it to TARGET and syncs the folder. Nothing named TARGET exists until
// its content is complete and durable; a writer that dies first leaves only TARGET.partial (which a
// recording's `recover` can salvage) and never a half-written TARGET. An existing TARGET is replaced in one
// step by the rename.
class AtomicFile {
public:
    // Fails when TARGET.partial already exists: it is an earlier writer's unfinished file, which may hold
    // data worth recovering, so it is never silently overwritten.
    explicit AtomicFile(std::filesystem::path target);
    // The same with a partial file of another name, for a writer whose input is TARGET.partial itself
    // (recovering a crashed recording).
    AtomicFile(std::filesystem::path target, std::filesystem::path partial);
    AtomicFile(const AtomicFile &) = delete;
    AtomicFile &operator=(const AtomicFile &) = delete;
    AtomicFile(AtomicFile &&other) noexcept;
    AtomicFile &operator=(AtomicFile &&other) = delete;
    // Removes the partial file unless commit() ran: an exception unwound the writer.
    ~AtomicFile();

    const std::filesystem::path &target() const { return m_target; }
    const std::filesystem::path &partialPath() const { return m_partial; }

    // Whether commit() may replace an existing target. Recordings never do: a file that appeared while they
    // were written (another recording, a recovery) is kept, and the commit fails instead.
    enum class Replace { Allowed, Never };

    // The writer has closed the partial file. fsync it, rename it to target(), fsync the folder.
    void commit(Replace replace = Replace::Allowed);
    void discard() noexcept;
    // Stops managing the partial file and leaves it where it is: a writer that failed after storing data
    // worth recovering (a recording that hit a full disk) must not lose it.
    void keepPartial() noexcept { m_active = false; }
    bool isCommitted() const { return m_committed; }

private:
    std::filesystem::path m_target;
    std::filesystem::path m_partial;
    bool m_committed = false;
    bool m_active = true;
};

std::filesystem::path partialPathFor(const std::filesystem::path &target);

// The folder `file` is in: its parent, or "." for a bare name.
std::filesystem::path folderOf(const std::filesystem::path &file);

// Writes `bytes` to `target` through an AtomicFile.
void writeFileAtomically(const std::filesystem::path &target, std::string_view bytes);

} // namespace files
