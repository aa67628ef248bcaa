#pragma once

#include "core/h5/dataset.h"
#include "core/h5/datatype.h"

#include <QtCore/QString>
#include <QtCore/QStringList>

#include <memory>

namespace h5 {
class File;
}

namespace ui {

// What a data view is given to show: one dataset, opened once (with a chunk cache sized to its chunks) and
// described without reading any data, so that views never call HDF5 on the UI thread to learn its shape.
//
// The dataset handle is shared, not copied: copying an h5::Dataset takes HDF5's global lock, which a worker
// decompressing a frame may hold for a while, and the UI thread must never wait for that.
struct DataSource {
    std::shared_ptr<const h5::Dataset> dataset;
    QString filePath;   // absolute path of the file
    QString objectPath; // "/group/dataset"
    h5::Shape shape;
    h5::TypeClass typeClass = h5::TypeClass::Other;
    QString typeName;   // DataType::name(), e.g. "uint16", "compound{x: int32, y: float64}"
    std::size_t elementSize = 0;
    h5::Shape chunk;    // empty when not chunked

    // A compound's fields in stored order, nested compounds flattened: each one's member names from the
    // outermost, and its type's name. Empty for other types.
    struct Field {
        std::vector<std::string> path;
        std::string typeName;
    };
    std::vector<Field> fields;

    // From NeXus (@interpretation on the dataset or its NXdata group): "image", "spectrum", "scalar",
    // "rgb-image"; empty when the file does not say.
    QString interpretation;
    // Axis datasets named by the NXdata group's @axes, one per dimension of the signal ("." or empty where
    // there is none), as absolute object paths in the same file.
    QStringList axes;

    bool isValid() const { return dataset != nullptr; }
    bool isEmpty() const { return h5::elementCount(shape) == 0; }
    // Integers, floats, bools and enums: what images and plots can show.
    bool isNumeric() const;
    // Dimensions longer than 1, the ones a view can lay out (a 1 × 512 × 512 stack is an image).
    int significantRank() const;
};

// Opens the dataset at `objectPath` for viewing, with a chunk cache that holds the chunks of two frames
// (the one shown and the next), and describes it, NeXus attributes included. Metadata only; throws
// h5::Error naming the object when it cannot be opened.
DataSource describeDataset(const h5::File &file, const std::string &objectPath);

} // namespace ui
