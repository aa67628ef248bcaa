#include "ui/browser/datasource.h"

#include "core/browse/nexus.h"
#include "core/h5/file.h"

#include <algorithm>

namespace ui {

namespace {

// The chunks one frame (the last two dimensions, or the whole of a 1-D dataset) spans.
std::uint64_t chunksPerFrame(const h5::Shape &shape, const h5::Shape &chunk)
{
    std::uint64_t chunks = 1;
    const std::size_t frameDims = std::min<std::size_t>(2, shape.size());
    for (std::size_t d = shape.size() - frameDims; d < shape.size(); ++d)
        if (chunk[d] > 0)
            chunks *= (shape[d] + chunk[d] - 1) / chunk[d];
    return chunks;
}

void collectFields(const h5::DataType &type, std::vector<std::string> &path, std::vector<DataSource::Field> &fields)
{
    for (const h5::DataType::Member &member : type.members()) {
        path.push_back(member.name);
        if (member.type.typeClass() == h5::TypeClass::Compound)
            collectFields(member.type, path, fields);
        else
            fields.push_back({path, member.type.name()});
        path.pop_back();
    }
}

} // namespace

bool DataSource::isNumeric() const
{
    switch (typeClass) {
    case h5::TypeClass::Integer:
    case h5::TypeClass::Float:
    case h5::TypeClass::Bool:
    case h5::TypeClass::Enum: return true;
    default: return false;
    }
}

int DataSource::significantRank() const
{
    return int(std::count_if(shape.begin(), shape.end(), [](std::uint64_t extent) { return extent > 1; }));
}

DataSource describeDataset(const h5::File &file, const std::string &objectPath)
{
    DataSource source;
    {
        // Closed before the dataset is opened again with its chunk cache: HDF5 shares one cache among the
        // handles of an open dataset, sized by the first opening, and would ignore ours.
        const h5::Dataset described = file.root().dataset(objectPath);
        source.shape = described.shape();
        source.chunk = described.chunkShape().value_or(h5::Shape{});
        const h5::DataType type = described.dataType();
        source.typeClass = type.typeClass();
        source.typeName = QString::fromStdString(type.name());
        source.elementSize = type.size();
        std::vector<std::string> path;
        collectFields(type, path, source.fields);
    }
    source.dataset = std::make_shared<const h5::Dataset>(
        source.chunk.empty()
            ? file.root().dataset(objectPath)
            : file.root().dataset(objectPath, h5::chunkCacheFor(source.chunk, source.elementSize,
                                                                chunksPerFrame(source.shape, source.chunk))));
    source.filePath = QString::fromStdString(file.path().string());
    source.objectPath = QString::fromStdString(objectPath);

    // A malformed NeXus description (an @axes naming nothing) must not keep the data itself from being
    // shown; the details pane shows the attributes as they are.
    try {
        if (const auto plot = browse::nexusPlotForDataset(file, objectPath)) {
            source.interpretation = QString::fromStdString(plot->interpretation);
            for (const std::string &axis : plot->axes)
                source.axes << QString::fromStdString(axis);
        } else if (const h5::Attributes attributes = source.dataset->attributes();
                   attributes.contains("interpretation")) {
            source.interpretation = QString::fromStdString(attributes.getString("interpretation"));
        }
    } catch (const std::exception &) {
    }
    return source;
}

} // namespace ui
