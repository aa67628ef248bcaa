#include "core/h5/group.h"

#include "core/h5/detail/call.h"
#include "core/h5/detail/creationorder.h"
#include "core/h5/detail/handle.h"
#include "core/h5/detail/linkinfo.h"
#include "core/h5/detail/listingorder.h"

#include <hdf5.h>

namespace h5 {

namespace {

// A link creation property list that makes missing intermediate groups, as h5py's create_dataset does.
hid_t intermediateGroupsPlist()
{
    const hid_t plist = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(plist, 1);
    H5Pset_char_encoding(plist, H5T_CSET_UTF8);
    return plist;
}

Dataset openDataset(const Group &group, std::string_view path, hid_t accessPlist)
{
    const std::string key(path);
    return Dataset(detail::call({group.id()}, "cannot open dataset '" + key + "'",
                                [&] { return H5Dopen2(group.id(), key.c_str(), accessPlist); }));
}

std::vector<std::string> components(std::string_view path)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t end = std::min(path.find('/', start), path.size());
        if (end > start)
            parts.emplace_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

} // namespace

namespace detail {

std::optional<LinkInfo> describeLink(hid_t group, const char *name, const H5L_info_t *info)
{
    LinkInfo link{name, LinkKind::Other, {}, {}};
    if (info->type == H5L_TYPE_HARD) {
        link.kind = LinkKind::Hard;
    } else if (info->type == H5L_TYPE_SOFT || info->type == H5L_TYPE_EXTERNAL) {
        std::vector<char> value(info->u.val_size + 1, '\0');
        if (H5Lget_val(group, name, value.data(), value.size(), H5P_DEFAULT) < 0)
            return std::nullopt;
        if (info->type == H5L_TYPE_SOFT) {
            link.kind = LinkKind::Soft;
            link.targetPath = value.data();
        } else {
            const char *file = nullptr, *path = nullptr;
            unsigned flags = 0;
            if (H5Lunpack_elink_val(value.data(), value.size(), &flags, &file, &path) < 0)
                return std::nullopt;
            link.kind = LinkKind::External;
            link.targetFile = file ? file : "";
            link.targetPath = path ? path : "";
        }
    }
    return link;
}

} // namespace detail

bool Group::contains(std::string_view path) const
{
    detail::silenceAutomaticErrorPrinting();
    // H5Lexists fails rather than answering when an intermediate link is missing: check prefix by prefix.
    std::string prefix = !path.empty() && path.front() == '/' ? "/" : "";
    for (const auto &part : components(path)) {
        prefix += (prefix.empty() || prefix == "/" ? "" : "/") + part;
        if (H5Lexists(id(), prefix.c_str(), H5P_DEFAULT) <= 0) {
            H5Eclear2(H5E_DEFAULT);
            return false;
        }
    }
    return true;
}

ObjectKind Group::kindOf(std::string_view path) const
{
    if (!contains(path))
        return ObjectKind::Missing;
    const std::string key(path.empty() ? "." : path);
    if (H5Oexists_by_name(id(), key.c_str(), H5P_DEFAULT) <= 0) {
        H5Eclear2(H5E_DEFAULT);
        return ObjectKind::Missing; // a dangling soft or external link
    }
    const Object object(detail::call({id()}, "cannot open '" + key + "'",
                                     [&] { return H5Oopen(id(), key.c_str(), H5P_DEFAULT); }));
    switch (H5Iget_type(object.id())) {
    case H5I_GROUP: return ObjectKind::Group;
    case H5I_DATASET: return ObjectKind::Dataset;
    case H5I_DATATYPE: return ObjectKind::NamedDatatype;
    default: return ObjectKind::Other;
    }
}

std::vector<LinkInfo> Group::links() const
{
    std::vector<detail::Listed<LinkInfo>> listed;
    const auto collect = [](hid_t group, const char *name, const H5L_info_t *info, void *data) -> herr_t {
        auto link = detail::describeLink(group, name, info);
        if (!link)
            return -1;
        const auto order = info->corder_valid ? std::optional<std::int64_t>(info->corder) : std::nullopt;
        static_cast<std::vector<detail::Listed<LinkInfo>> *>(data)->push_back({order, name, std::move(*link)});
        return 0;
    };
    detail::silenceAutomaticErrorPrinting();
    hsize_t index = 0;
    if (H5Literate(id(), H5_INDEX_CRT_ORDER, H5_ITER_NATIVE, &index, collect, &listed) < 0) {
        // No creation-order index: the writer did not track it (h5py's default). Walk the name index.
        H5Eclear2(H5E_DEFAULT);
        listed.clear();
        index = 0;
        detail::call({id()}, "cannot list group", [&] {
            return H5Literate(id(), H5_INDEX_NAME, H5_ITER_NATIVE, &index, collect, &listed);
        });
    }
    return detail::inListingOrder(std::move(listed));
}

Group Group::group(std::string_view path) const
{
    const std::string key(path);
    return Group(detail::call({id()}, "cannot open group '" + key + "'",
                              [&] { return H5Gopen2(id(), key.c_str(), H5P_DEFAULT); }));
}

Dataset Group::dataset(std::string_view path) const
{
    return openDataset(*this, path, H5P_DEFAULT);
}

Dataset Group::dataset(std::string_view path, const ChunkCache &cache) const
{
    const std::string what = "cannot set the chunk cache of '" + std::string(path) + "'";
    const detail::PropertyHandle accessPlist(
        detail::call({id()}, what, [] { return H5Pcreate(H5P_DATASET_ACCESS); }));
    detail::call({id()}, what, [&] {
        return H5Pset_chunk_cache(accessPlist.id, cache.slots, cache.bytes, H5D_CHUNK_CACHE_W0_DEFAULT);
    });
    return openDataset(*this, path, accessPlist.id);
}

Group Group::createGroup(std::string_view path) const
{
    const std::string key(path);
    const detail::PropertyHandle linkPlist(intermediateGroupsPlist());
    const detail::PropertyHandle groupPlist(H5Pcreate(H5P_GROUP_CREATE));
    detail::keepCreationOrder(groupPlist.id, true);
    return Group(detail::call({id()}, "cannot create group '" + key + "'", [&] {
        return H5Gcreate2(id(), key.c_str(), linkPlist.id, groupPlist.id, H5P_DEFAULT);
    }));
}

Dataset Group::createDataset(std::string_view path, const DataType &type, const Shape &shape,
                             const DatasetOptions &options) const
{
    const std::string key(path);
    const std::string what = "cannot create dataset '" + key + "'";
    const detail::Where where{id(), {}, {}};
    const Shape &maxShape = options.maxShape.empty() ? shape : options.maxShape;
    if (maxShape.size() != shape.size() || (!options.chunk.empty() && options.chunk.size() != shape.size()))
        detail::fail(where, what + ": shape, maximum shape and chunk shape differ in rank");

    std::vector<hsize_t> dims(shape.begin(), shape.end());
    std::vector<hsize_t> maxDims;
    for (auto extent : maxShape)
        maxDims.push_back(extent == Unlimited ? H5S_UNLIMITED : extent);
    const detail::SpaceHandle space(shape.empty() ? H5Screate(H5S_SCALAR)
                                                  : H5Screate_simple(static_cast<int>(dims.size()), dims.data(),
                                                                     maxDims.data()));

    const detail::PropertyHandle createPlist(H5Pcreate(H5P_DATASET_CREATE));
    detail::keepCreationOrder(createPlist.id, false);
    if (!options.chunk.empty()) {
        const std::vector<hsize_t> chunk(options.chunk.begin(), options.chunk.end());
        detail::call(where, what, [&] {
            return H5Pset_chunk(createPlist.id, static_cast<int>(chunk.size()), chunk.data());
        });
    }
    for (const auto &filter : options.filters) {
        detail::call(where, what + ": filter " + std::to_string(filter.id), [&] {
            return H5Pset_filter(createPlist.id, static_cast<H5Z_filter_t>(filter.id),
                                 filter.optional ? H5Z_FLAG_OPTIONAL : H5Z_FLAG_MANDATORY, filter.parameters.size(),
                                 filter.parameters.data());
        });
    }
    if (!options.fill)
        H5Pset_fill_time(createPlist.id, H5D_FILL_TIME_NEVER);

    const detail::PropertyHandle linkPlist(intermediateGroupsPlist());
    return Dataset(detail::call(where, what, [&] {
        return H5Dcreate2(id(), key.c_str(), type.id(), space.id, linkPlist.id, createPlist.id, H5P_DEFAULT);
    }));
}

void Group::copy(std::string_view path, const Group &destination, std::string_view destinationPath) const
{
    const std::string from(path), to(destinationPath);
    const detail::PropertyHandle linkPlist(intermediateGroupsPlist());
    detail::call({id()}, "cannot copy '" + from + "'", [&] {
        return H5Ocopy(id(), from.c_str(), destination.id(), to.c_str(), H5P_DEFAULT, linkPlist.id);
    });
}

void Group::createSoftLink(std::string_view path, std::string_view target) const
{
    const std::string key(path), to(target);
    const detail::PropertyHandle linkPlist(intermediateGroupsPlist());
    detail::call({id()}, "cannot create link '" + key + "'",
                 [&] { return H5Lcreate_soft(to.c_str(), id(), key.c_str(), linkPlist.id, H5P_DEFAULT); });
}

void Group::createExternalLink(std::string_view path, std::string_view file, std::string_view target) const
{
    const std::string key(path), fileName(file), to(target);
    const detail::PropertyHandle linkPlist(intermediateGroupsPlist());
    detail::call({id()}, "cannot create link '" + key + "'", [&] {
        return H5Lcreate_external(fileName.c_str(), to.c_str(), id(), key.c_str(), linkPlist.id, H5P_DEFAULT);
    });
}

} // namespace h5
