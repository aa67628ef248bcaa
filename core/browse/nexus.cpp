#include "core/browse/nexus.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <set>

namespace browse {

namespace {

std::string joinPath(const std::string &group, const std::string &name)
{
    if (name.starts_with('/'))
        return name;
    return group == "/" ? "/" + name : group + "/" + name;
}

std::string parentPath(const std::string &path)
{
    const auto slash = path.find_last_of('/');
    return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

bool isString(const h5::AttributeInfo &info)
{
    return info.dtype.starts_with("vlen string") || info.dtype.starts_with("fixed string");
}

// A scalar string attribute, or a one-element array of strings (some writers store names that way); nullopt
// for a missing attribute or any other type.
std::optional<std::string> textAttribute(const h5::Attributes &attributes, const std::string &name)
{
    if (!attributes.contains(name))
        return std::nullopt;
    const auto info = attributes.info(name);
    if (!isString(info) || info.isNull)
        return std::nullopt;
    // getString keeps text that happens to look like JSON; get() would parse it.
    if (info.shape.empty())
        return attributes.getString(name);
    const auto value = attributes.get(name);
    if (value.size() == 1 && value[0].is_string())
        return value[0].get<std::string>();
    return std::nullopt;
}

// A list of dataset names: one string, or an array of them.
std::vector<std::string> namesAttribute(const h5::Attributes &attributes, const std::string &name)
{
    if (!attributes.contains(name))
        return {};
    const auto info = attributes.info(name);
    if (!isString(info) || info.isNull)
        return {};
    if (info.shape.empty())
        return {attributes.getString(name)};
    std::vector<std::string> names;
    for (const auto &value : attributes.get(name))
        names.push_back(value.get<std::string>());
    return names;
}

std::string nxClass(const h5::Attributes &attributes)
{
    return textAttribute(attributes, "NX_class").value_or("");
}

// A scalar text dataset (a NeXus `title`), or nullopt.
std::optional<std::string> textDataset(const h5::Group &root, const std::string &path)
{
    if (root.kindOf(path) != h5::ObjectKind::Dataset)
        return std::nullopt;
    const auto dataset = root.dataset(path);
    if (h5::elementCount(dataset.shape()) != 1)
        return std::nullopt;
    const auto value = dataset.readJson();
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_array() && value.size() == 1 && value[0].is_string())
        return value[0].get<std::string>();
    return std::nullopt;
}

class Resolver {
public:
    explicit Resolver(const h5::File &file) : m_file(file), m_root(file.root()) {}

    std::optional<NexusPlot> fromGroup(const std::string &start) const
    {
        std::set<std::string> visited;
        std::string path = start;
        while (visited.insert(path).second) {
            const auto attributes = m_root.group(path).attributes();
            if (nxClass(attributes) == "NXdata")
                if (auto plot = fromNxdata(path))
                    return plot;
            std::string next;
            if (const auto name = textAttribute(attributes, "default")) {
                next = joinPath(path, *name);
                const auto kind = m_root.kindOf(next);
                if (kind == h5::ObjectKind::Dataset)
                    return fromDataset(next);
                if (kind != h5::ObjectKind::Group)
                    fail(path, "default", "names '" + *name + "', which does not exist");
            } else if (const auto child = implicitDefault(path)) {
                next = *child;
            } else {
                return std::nullopt;
            }
            path = next;
        }
        fail(start, "default", "leads round in a circle through " + path);
    }

    std::optional<NexusPlot> fromDataset(const std::string &path) const
    {
        const std::string group = parentPath(path);
        if (nxClass(m_root.group(group).attributes()) != "NXdata")
            return std::nullopt;
        const auto signal = signalName(group);
        if (!signal || joinPath(group, *signal) != path)
            return std::nullopt;
        return fromNxdata(group);
    }

private:
    [[noreturn]] void fail(const std::string &path, const std::string &attribute, const std::string &problem) const
    {
        throw core::Error(m_file.path().string() + ": " + path + ": @" + attribute + " " + problem);
    }

    // Without @default, h5web continues at the first NXdata child, else the first NXentry or NXprocess,
    // which is how files from before NeXus 2014 are read.
    std::optional<std::string> implicitDefault(const std::string &path) const
    {
        std::optional<std::string> container;
        for (const auto &link : m_root.group(path).links()) {
            const std::string child = joinPath(path, link.name);
            if (m_root.kindOf(child) != h5::ObjectKind::Group)
                continue;
            const std::string kind = nxClass(m_root.group(child).attributes());
            if (kind == "NXdata")
                return child;
            if (!container && (kind == "NXentry" || kind == "NXprocess"))
                container = child;
        }
        return container;
    }

    // @signal, or the older convention: the child dataset with @signal = 1.
    std::optional<std::string> signalName(const std::string &group) const
    {
        if (auto name = textAttribute(m_root.group(group).attributes(), "signal"))
            return name;
        for (const auto &link : m_root.group(group).links()) {
            const std::string child = joinPath(group, link.name);
            if (m_root.kindOf(child) != h5::ObjectKind::Dataset)
                continue;
            const auto attributes = m_root.dataset(child).attributes();
            if (!attributes.contains("signal"))
                continue;
            const auto value = attributes.get("signal");
            if (value == 1 || value == "1")
                return link.name;
        }
        return std::nullopt;
    }

    std::string datasetPath(const std::string &owner, const std::string &group, const std::string &attribute,
                            const std::string &name) const
    {
        const std::string path = joinPath(group, name);
        if (m_root.kindOf(path) != h5::ObjectKind::Dataset)
            fail(owner, attribute, "names '" + name + "', which is not a dataset in " + group);
        return path;
    }

    std::optional<NexusPlot> fromNxdata(const std::string &group) const
    {
        const auto signalText = signalName(group);
        if (!signalText)
            return std::nullopt;
        NexusPlot plot;
        plot.groupPath = group;
        plot.signalPath = datasetPath(group, group, "signal", *signalText);
        const auto signal = m_root.dataset(plot.signalPath);
        const auto groupAttributes = m_root.group(group).attributes();
        const auto signalAttributes = signal.attributes();

        // The older convention keeps the axes on the signal, "x:y" (or "x,y").
        const bool oldStyle = !groupAttributes.contains("axes");
        std::vector<std::string> axisNames = namesAttribute(oldStyle ? signalAttributes : groupAttributes, "axes");
        if (oldStyle && axisNames.size() == 1) {
            const std::string list = axisNames.front();
            const char separator = list.find(':') != std::string::npos ? ':' : ',';
            axisNames.clear();
            for (std::size_t start = 0, end = 0; end != std::string::npos; start = end + 1) {
                end = list.find(separator, start);
                axisNames.push_back(list.substr(start, end == std::string::npos ? end : end - start));
            }
        }
        const std::size_t rank = signal.shape().size();
        if (axisNames.size() > rank)
            axisNames.resize(rank);
        plot.axes.assign(rank - axisNames.size(), "");
        for (const auto &name : axisNames)
            plot.axes.push_back(name == "." || name.empty()
                                    ? ""
                                    : datasetPath(oldStyle ? plot.signalPath : group, group, "axes", name));

        plot.interpretation = textAttribute(signalAttributes, "interpretation")
                                  .value_or(textAttribute(groupAttributes, "interpretation").value_or(""));
        for (const auto &name : namesAttribute(groupAttributes, "auxiliary_signals"))
            plot.auxiliarySignals.push_back(datasetPath(group, group, "auxiliary_signals", name));

        const std::string entry = parentPath(group);
        std::optional<std::string> title = textDataset(m_root, joinPath(group, "title"));
        if (!title && group != "/" && nxClass(m_root.group(entry).attributes()) == "NXentry")
            title = textDataset(m_root, joinPath(entry, "title"));
        plot.title = title ? *title : textAttribute(signalAttributes, "long_name").value_or("");
        return plot;
    }

    const h5::File &m_file;
    h5::Group m_root;
};

} // namespace

std::optional<NexusPlot> nexusPlotForGroup(const h5::File &file, const std::string &groupPath)
{
    return Resolver(file).fromGroup(groupPath);
}

std::optional<NexusPlot> nexusPlotForDataset(const h5::File &file, const std::string &datasetPath)
{
    return Resolver(file).fromDataset(datasetPath);
}

} // namespace browse
