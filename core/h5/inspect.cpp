#include "core/h5/inspect.h"

#include "core/h5/detail/call.h"
#include "core/h5/detail/linkinfo.h"
#include "core/h5/detail/listingorder.h"
#include "core/h5/file.h"

#include <hdf5.h>
#include <nlohmann/json.hpp>

#include <map>

namespace h5 {

namespace {

struct VisitedLink {
    std::string path;
    LinkInfo link;
};

// H5Lvisit cannot let an exception pass through HDF5's C frames, so the callback only records links; every
// object is described after the walk. The walk runs in native order (see detail/listingorder.h) and the
// result is put back into a depth-first listing with each group's children in listing order.
std::vector<VisitedLink> walk(const Group &root)
{
    std::map<std::string, std::vector<detail::Listed<VisitedLink>>> children; // parent path -> children
    const auto collect = [](hid_t group, const char *name, const H5L_info_t *info, void *data) -> herr_t {
        auto link = detail::describeLink(group, name, info);
        if (!link)
            return -1;
        const std::string path = std::string("/") + name;
        const std::size_t slash = path.rfind('/');
        const auto order = info->corder_valid ? std::optional<std::int64_t>(info->corder) : std::nullopt;
        auto &siblings = (*static_cast<decltype(children) *>(data))[slash == 0 ? "/" : path.substr(0, slash)];
        siblings.push_back({order, path.substr(slash + 1), {path, std::move(*link)}});
        return 0;
    };
    detail::silenceAutomaticErrorPrinting();
    if (H5Lvisit(root.id(), H5_INDEX_CRT_ORDER, H5_ITER_NATIVE, collect, &children) < 0) {
        // No creation-order index somewhere: the writer did not track it (h5py's default).
        H5Eclear2(H5E_DEFAULT);
        children.clear();
        detail::call({root.id()}, "cannot list the file's objects",
                     [&] { return H5Lvisit(root.id(), H5_INDEX_NAME, H5_ITER_NATIVE, collect, &children); });
    }
    std::vector<VisitedLink> ordered;
    const auto descend = [&](const auto &self, const std::string &parent) -> void {
        const auto found = children.find(parent);
        if (found == children.end())
            return;
        for (auto &visited : detail::inListingOrder(std::move(found->second))) {
            const std::string path = visited.path;
            ordered.push_back(std::move(visited));
            self(self, path);
        }
    };
    descend(descend, "/");
    return ordered;
}

nlohmann::json shorten(const nlohmann::json &value, const InspectOptions &options, bool &truncated)
{
    if (value.is_string()) {
        const auto &text = value.get_ref<const std::string &>();
        if (text.size() <= options.maxStringLength)
            return value;
        truncated = true;
        std::size_t cut = options.maxStringLength;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
            --cut; // never split a UTF-8 sequence
        return text.substr(0, cut) + "…";
    }
    if (value.is_array()) {
        auto shortened = nlohmann::json::array();
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i == options.maxArrayElements) {
                truncated = true;
                break;
            }
            shortened.push_back(shorten(value[i], options, truncated));
        }
        return shortened;
    }
    if (value.is_object()) {
        auto shortened = nlohmann::json::object();
        for (const auto &[key, member] : value.items())
            shortened[key] = shorten(member, options, truncated);
        return shortened;
    }
    return value;
}

nlohmann::json shapeJson(const Shape &shape)
{
    auto dims = nlohmann::json::array();
    for (auto extent : shape)
        dims.push_back(extent == Unlimited ? nlohmann::json(nullptr) : nlohmann::json(extent));
    return dims;
}

nlohmann::json describeAttributes(const Attributes &attributes, const InspectOptions &options)
{
    auto described = nlohmann::json::array();
    for (const auto &name : attributes.names()) {
        const AttributeInfo info = attributes.info(name);
        bool truncated = false;
        nlohmann::json value = shorten(attributes.get(name), options, truncated);
        described.push_back({{"name", name}, {"dtype", info.dtype}, {"shape", info.isNull ? nlohmann::json(nullptr) : shapeJson(info.shape)},
                             {"value", std::move(value)}, {"truncated", truncated}});
    }
    return described;
}

nlohmann::json describeDataset(const Dataset &dataset, const InspectOptions &options)
{
    auto filters = nlohmann::json::array();
    for (const auto &filter : dataset.filters()) {
        nlohmann::json entry = {{"id", filter.id}, {"name", filter.name}, {"parameters", filter.parameters},
                                {"available", filter.available}};
        entry["level"] = filter.level ? nlohmann::json(*filter.level) : nlohmann::json(nullptr);
        filters.push_back(std::move(entry));
    }
    const auto chunk = dataset.chunkShape();
    return {{"kind", "dataset"},
            {"dtype", dataset.dataType().name()},
            {"shape", shapeJson(dataset.shape())},
            {"maxshape", shapeJson(dataset.maxShape())},
            {"chunks", chunk ? shapeJson(*chunk) : nlohmann::json(nullptr)},
            {"filters", std::move(filters)},
            {"storage_size", dataset.storageSize()},
            {"attributes", describeAttributes(dataset.attributes(), options)}};
}

nlohmann::json describe(const Group &root, const VisitedLink &visited, const InspectOptions &options)
{
    nlohmann::json entry;
    switch (visited.link.kind) {
    case LinkKind::Soft:
        entry = {{"kind", "soft_link"}, {"target", visited.link.targetPath}};
        break;
    case LinkKind::External:
        entry = {{"kind", "external_link"}, {"target_file", visited.link.targetFile}, {"target", visited.link.targetPath}};
        break;
    case LinkKind::Other:
        entry = {{"kind", "user_defined_link"}};
        break;
    case LinkKind::Hard:
        switch (root.kindOf(visited.path)) {
        case ObjectKind::Group:
            entry = {{"kind", "group"}, {"attributes", describeAttributes(root.group(visited.path).attributes(), options)}};
            break;
        case ObjectKind::Dataset:
            entry = describeDataset(root.dataset(visited.path), options);
            break;
        case ObjectKind::NamedDatatype: {
            const DataType type(detail::call({root.id()}, "cannot open datatype '" + visited.path + "'",
                                             [&] { return H5Topen2(root.id(), visited.path.c_str(), H5P_DEFAULT); }));
            entry = {{"kind", "named_datatype"}, {"dtype", type.name()},
                     {"attributes", describeAttributes(Attributes(type), options)}};
            break;
        }
        default:
            entry = {{"kind", "unknown"}};
        }
        break;
    }
    entry["path"] = visited.path;
    return entry;
}

} // namespace

nlohmann::json inspectFile(const std::filesystem::path &path, const InspectOptions &options)
{
    const File file = File::open(path);
    const Group root = file.root();
    auto objects = nlohmann::json::array();
    objects.push_back({{"path", "/"}, {"kind", "group"}, {"attributes", describeAttributes(root.attributes(), options)}});
    for (const auto &visited : walk(root))
        objects.push_back(describe(root, visited, options));
    return {{"file", path.string()}, {"objects", std::move(objects)}};
}

} // namespace h5
