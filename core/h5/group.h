#pragma once

#include "core/h5/attributes.h"
#include "core/h5/dataset.h"
#include "core/h5/object.h"

#include <string>
#include <string_view>
#include <vector>

namespace h5 {

enum class LinkKind { Hard, Soft, External, Other };
enum class ObjectKind { Group, Dataset, NamedDatatype, Missing, Other };

// One link inside a group, as stored (nothing is followed).
struct LinkInfo {
    std::string name;
    LinkKind kind = LinkKind::Hard;
    std::string targetPath; // soft and external links: the path they point to
    std::string targetFile; // external links: the file they point into
};

// A group, or the root group of a file. Paths are relative to this group, or absolute ("/a/b").
class Group : public Object {
public:
    using Object::Object;

    bool contains(std::string_view path) const;
    // The kind of object a path resolves to; Missing when a link is absent or dangles.
    ObjectKind kindOf(std::string_view path) const;
    // Children in creation order where the file tracks it (all files we write do), otherwise by name.
    std::vector<LinkInfo> links() const;

    Group group(std::string_view path) const;
    Dataset dataset(std::string_view path) const;
    // With a chunk cache of its own (see chunkCacheFor) instead of the file's default of 1 MiB. HDF5 keeps one
    // cache per dataset while any handle to it is open in the process: when one already is, its cache stays
    // and `cache` is ignored.
    Dataset dataset(std::string_view path, const ChunkCache &cache) const;
    // Creates missing intermediate groups; new groups track link and attribute creation order.
    Group createGroup(std::string_view path) const;
    Dataset createDataset(std::string_view path, const DataType &type, const Shape &shape,
                          const DatasetOptions &options = {}) const;
    template <class T>
    Dataset createDataset(std::string_view path, const Shape &shape, const DatasetOptions &options = {}) const
    {
        return createDataset(path, DataType::of<T>(), shape, options);
    }

    // Copies the object at `path`, with everything below it and its attributes, to `destinationPath` in
    // `destination` (another file or this one). Chunks are copied as stored: nothing is decompressed.
    void copy(std::string_view path, const Group &destination, std::string_view destinationPath) const;

    void createSoftLink(std::string_view path, std::string_view target) const;
    void createExternalLink(std::string_view path, std::string_view file, std::string_view target) const;

    Attributes attributes() const { return Attributes(*this); }
};

} // namespace h5
