#include "core/h5/file.h"

#include "core/files/systemcalls.h"
#include "core/h5/bloscfilter.h"
#include "core/h5/detail/call.h"
#include "core/h5/detail/creationorder.h"
#include "core/h5/detail/handle.h"

#include <hdf5.h>

#include <cstring>
#include <fstream>

namespace h5 {

namespace {

// HDF5's superblock signature, which may sit at offset 0, 512, 1024, 2048, ... (a user block before it).
bool hasHdf5Signature(const std::filesystem::path &path)
{
    static constexpr char signature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
    std::ifstream in(path, std::ios::binary);
    char buffer[8];
    for (std::uint64_t offset = 0;; offset = offset ? offset * 2 : 512) {
        in.seekg(static_cast<std::streamoff>(offset));
        if (!in.read(buffer, sizeof buffer))
            return false;
        if (std::memcmp(buffer, signature, sizeof signature) == 0)
            return true;
    }
}

} // namespace

File File::create(const std::filesystem::path &path, bool overwrite)
{
    registerBloscFilter();
    const detail::Where where{-1, path.string(), {}};
    const detail::PropertyHandle createPlist(H5Pcreate(H5P_FILE_CREATE));
    detail::keepCreationOrder(createPlist.id, true);
    const detail::PropertyHandle accessPlist(H5Pcreate(H5P_FILE_ACCESS));
    detail::call(where, "cannot set file format bounds",
                 [&] { return H5Pset_libver_bounds(accessPlist.id, H5F_LIBVER_V110, H5F_LIBVER_LATEST); });
    const Id id = detail::call(where, "cannot create file", [&] {
        return H5Fcreate(files::narrowName(path).c_str(), overwrite ? H5F_ACC_TRUNC : H5F_ACC_EXCL, createPlist.id,
                         accessPlist.id);
    });
    return File(id, path);
}

File File::open(const std::filesystem::path &path, Access access)
{
    registerBloscFilter();
    const detail::Where where{-1, path.string(), {}};
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        throw Error(path.string(), {}, "cannot open file", "no such file");
    if (std::filesystem::is_directory(path, error))
        throw Error(path.string(), {}, "cannot open file", "it is a directory");
    const bool writing =
        access == Access::ReadWrite || access == Access::SwmrWrite || access == Access::ReadWriteDespiteReaders;
    if (const std::string problem = files::accessProblem(path, writing); !problem.empty())
        throw Error(path.string(), {}, "cannot open file", problem);
    if (!hasHdf5Signature(path))
        throw Error(path.string(), {}, "not an HDF5 file", "no HDF5 signature found");

    unsigned flags = writing ? H5F_ACC_RDWR : H5F_ACC_RDONLY;
    if (access == Access::SwmrRead)
        flags |= H5F_ACC_SWMR_READ;
    const detail::PropertyHandle accessPlist(H5Pcreate(H5P_FILE_ACCESS));
    // A reader opening the file at that moment holds HDF5's lock for an instant; a writer that finishes the
    // file, or turns it into an SWMR one, must not fail because of it. On Windows HDF5 locks the whole file
    // with LockFileEx, and Windows locks are mandatory: a reader's lock would stop the recorder writing, so
    // no one takes it there (files::FileLock marks a recording in progress instead).
#ifdef _WIN32
    const bool withoutLocking = true;
#else
    const bool withoutLocking = access == Access::ReadWriteDespiteReaders || access == Access::SwmrWrite;
#endif
    if (withoutLocking)
        detail::call(where, "cannot disable file locking",
                     [&] { return H5Pset_file_locking(accessPlist.id, false, true); });
    if (access == Access::SwmrWrite) {
        flags |= H5F_ACC_SWMR_WRITE;
        detail::call(where, "cannot set file format bounds",
                     [&] { return H5Pset_libver_bounds(accessPlist.id, H5F_LIBVER_V110, H5F_LIBVER_LATEST); });
    }
    const Id id = detail::call(where, "cannot open file",
                               [&] { return H5Fopen(files::narrowName(path).c_str(), flags, accessPlist.id); });
    return File(id, path);
}

void File::clearWriteMarks(const std::filesystem::path &path)
{
    const detail::Where where{-1, path.string(), {}};
    const detail::PropertyHandle accessPlist(H5Pcreate(H5P_FILE_ACCESS));
    // The property h5clear sets: every file access list has it, though no function of the API sets it.
    hbool_t clear = true;
    detail::call(where, "cannot ask to clear the write marks",
                 [&] { return H5Pset(accessPlist.id, "clear_status_flags", &clear); });
    detail::call(where, "cannot set file format bounds",
                 [&] { return H5Pset_libver_bounds(accessPlist.id, H5F_LIBVER_V110, H5F_LIBVER_LATEST); });
    const Id id = detail::call(where, "cannot clear the write marks",
                               [&] { return H5Fopen(files::narrowName(path).c_str(), H5F_ACC_RDWR, accessPlist.id); });
    File(id, path).close();
}

Group File::root() const
{
    return Group(detail::call({id()}, "cannot open root group", [&] { return H5Gopen2(id(), "/", H5P_DEFAULT); }));
}

void File::flush() const
{
    detail::call({id()}, "cannot flush file", [&] { return H5Fflush(id(), H5F_SCOPE_GLOBAL); });
}

void File::syncToDisk() const
{
    flush();
    void *handle = nullptr;
    detail::call({id()}, "cannot get file descriptor", [&] { return H5Fget_vfd_handle(id(), H5P_DEFAULT, &handle); });
    const int descriptor = *static_cast<int *>(handle);
    if (const std::error_code error = files::syncDescriptor(descriptor))
        throw Error(m_path.string(), {}, "cannot sync file to disk", error.message());
}

void File::startSwmrWrite() const
{
    detail::call({id()}, "cannot start SWMR write mode", [&] { return H5Fstart_swmr_write(id()); });
}

void File::close()
{
    if (id() < 0)
        return;
    const detail::Where where{id(), m_path.string(), {}};
    const ssize_t open = H5Fget_obj_count(id(), H5F_OBJ_ALL | H5F_OBJ_LOCAL);
    if (open > 1 || H5Iget_ref(id()) > 1) {
        std::vector<hid_t> ids(static_cast<std::size_t>(std::max<ssize_t>(open, 0)));
        H5Fget_obj_ids(id(), H5F_OBJ_ALL | H5F_OBJ_LOCAL, ids.size(), ids.data());
        std::string names;
        for (const hid_t other : ids)
            if (H5Iget_type(other) != H5I_FILE)
                names += (names.empty() ? "" : ", ") + detail::objectPathOf(other);
        throw Error(m_path.string(), {}, "cannot close file",
                    names.empty() ? "another handle to the file is still open" : "still open: " + names);
    }
    const Id closing = takeId();
    detail::call(where, "cannot close file", [&] { return H5Fclose(closing); });
}

} // namespace h5
