#pragma once

#include "core/h5/group.h"
#include "core/h5/object.h"

#include <filesystem>

namespace h5 {

// SwmrWrite opens a file as its single SWMR writer (as startSwmrWrite() on a new file): readers may open it
// with SwmrRead meanwhile, and no new object may be created. ReadWriteDespiteReaders is ReadWrite without
// HDF5's file lock, which SWMR readers in other processes hold: for the writer that finishes such a file.
// Neither takes HDF5's lock, so the caller must know it is the only writer.
enum class Access { ReadOnly, ReadWrite, SwmrRead, SwmrWrite, ReadWriteDespiteReaders };

// An open HDF5 file.
class File : public Object {
public:
    // New files use the 1.10 file format or later (H5Pset_libver_bounds(V110, LATEST)): what SWMR needs,
    // and still readable by HDF5 1.10 (Debian 12, older h5py). Root links and attributes track creation
    // order. Fails when the file exists, unless `overwrite`.
    static File create(const std::filesystem::path &path, bool overwrite = false);
    // A missing file, a file that is not HDF5 and a truncated or corrupt one each fail with an h5::Error that
    // names the file and says which.
    static File open(const std::filesystem::path &path, Access access = Access::ReadOnly);

    // Clears the marks a writer that died left in the superblock ("file is already open for write"), which
    // HDF5 1.10 otherwise refuses to open: what `h5clear -s` does. It changes the file, so use it on a copy.
    static void clearWriteMarks(const std::filesystem::path &path);

    Group root() const;
    const std::filesystem::path &path() const { return m_path; }

    void flush() const;
    // Flushes HDF5's buffers, then fdatasync()s the file: H5Fflush alone hands data to the OS, which may
    // keep it in memory until long after a power loss would have taken it.
    void syncToDisk() const;
    // Every dataset must exist before this call: HDF5 allows no new objects in SWMR-write mode.
    void startSwmrWrite() const;

    // Closes now and reports failure (the destructor can only log). Fails while other handles into the file
    // (groups, datasets) are still open, naming them, because the file would otherwise stay open behind
    // the caller's back.
    void close();

private:
    File(Id id, std::filesystem::path path) : Object(id), m_path(std::move(path)) {}
    std::filesystem::path m_path;
};

} // namespace h5
