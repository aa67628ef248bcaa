#pragma once

#include "core/files/atomicfile.h"
#include "core/h5/file.h"

#include <filesystem>
#include <string>

namespace h5 {

// Every HDF5 file Macroscope writes: created as TARGET.partial (files::AtomicFile) with the root attributes
// of schemas/file-root.schema.json — format, format_version, created, software and complete = false — and
// renamed to TARGET by commit() once complete = true is written and the file is closed and on disk.
class OutputFile {
public:
    OutputFile(const std::filesystem::path &target, const std::string &format, const std::string &formatVersion);
    // Writes into `destination`'s partial file, whatever its name.
    OutputFile(files::AtomicFile destination, const std::string &format, const std::string &formatVersion);

    File &file() { return m_file; }
    Group root() const { return m_file.root(); }
    const std::filesystem::path &target() const { return m_atomic.target(); }
    const std::filesystem::path &partialPath() const { return m_atomic.partialPath(); }

    // Sets complete = true, closes the file (failing while any handle into it is still open), then
    // AtomicFile::commit(). If this is never called the partial file is removed when the object dies.
    void commit(files::AtomicFile::Replace replace = files::AtomicFile::Replace::Allowed);

private:
    files::AtomicFile m_atomic; // declared first: the partial path must be claimed before the file is created
    File m_file;
};

// The common root attributes of schemas/file-root.schema.json for a file being written, complete = false.
void writeRootAttributes(const File &file, const std::string &format, const std::string &formatVersion);

// "2026-11-21T15:30:00Z": ISO 8601 UTC, seconds resolution, as stored in `created`.
std::string utcTimestampNow();

} // namespace h5
