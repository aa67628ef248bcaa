#include "core/retinotopy/mapfile.h"

#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/h5/file.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <string_view>

namespace retino {

namespace {

void requireFile(const std::string &path)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        throw core::Error(path + ": " + (std::filesystem::exists(path, error) ? "not a regular file" : "no such file"));
}

std::string shapeText(const h5::Shape &shape)
{
    std::string text;
    for (const std::uint64_t extent : shape)
        text += (text.empty() ? "" : "×") + std::to_string(extent);
    return text.empty() ? "scalar" : text;
}

cv::Mat readDataset(const std::string &path, const std::string &object)
{
    requireFile(path);
    const h5::File file = h5::File::open(path);
    const std::string where = path + ": " + object + ": ";
    switch (file.root().kindOf(object)) {
    case h5::ObjectKind::Dataset:
        break;
    case h5::ObjectKind::Missing:
        throw core::Error(where + "no such dataset");
    default:
        throw core::Error(where + "not a dataset");
    }
    const h5::Dataset dataset = file.root().dataset(object);
    const h5::Shape shape = dataset.shape();
    if (shape.size() != 2)
        throw core::Error(where + "a map must be 2-D, this dataset is " + std::to_string(shape.size()) + "-D ("
                          + shapeText(shape) + ")");
    const h5::TypeClass kind = dataset.dataType().typeClass();
    if (kind != h5::TypeClass::Integer && kind != h5::TypeClass::Float)
        throw core::Error(where + "holds " + dataset.dataType().name() + ", not numbers");
    if (shape[0] == 0 || shape[1] == 0)
        throw core::Error(where + "is empty (" + shapeText(shape) + ")");
    if (shape[0] > static_cast<std::uint64_t>(std::numeric_limits<int>::max())
        || shape[1] > static_cast<std::uint64_t>(std::numeric_limits<int>::max()))
        throw core::Error(where + "is too large for a map (" + shapeText(shape) + ")");
    const std::vector<double> values = dataset.read<double>();
    cv::Mat1d map(static_cast<int>(shape[0]), static_cast<int>(shape[1]));
    std::copy(values.begin(), values.end(), map.begin());
    return map;
}

cv::Mat readImage(const std::string &path)
{
    requireFile(path);
    cv::Mat image;
    try {
        image = cv::imread(path, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception &error) {
        throw core::Error(path + ": cannot read the image (" + error.err + ")");
    }
    if (image.empty())
        throw core::Error(path + ": not an image OpenCV can read (a map is a single-channel TIFF or HDF5 dataset)");
    if (image.channels() != 1)
        throw core::Error(path + ": the image has " + std::to_string(image.channels())
                          + " channels; a map must have one");
    cv::Mat map;
    image.convertTo(map, CV_64F);
    return map;
}

} // namespace

cv::Mat readMap(const std::string &spec)
{
    // "file.h5::/dataset" as silx writes it; a file whose own name contains "::" is still read whole.
    const std::size_t separator = spec.find("::");
    std::error_code error;
    if (separator != std::string::npos && !std::filesystem::exists(spec, error))
        return readDataset(spec.substr(0, separator), spec.substr(separator + 2));
    return readImage(spec);
}

void writeMapTiff(const std::string &path, const cv::Mat &map)
{
    if (map.empty() || map.channels() != 1)
        throw core::Error(path + ": only a non-empty single-channel map can be written as a TIFF");
    cv::Mat floating;
    map.convertTo(floating, map.depth() == CV_64F ? CV_64F : CV_32F);
    std::vector<std::uint8_t> bytes;
    try {
        if (!cv::imencode(".tiff", floating, bytes))
            throw core::Error(path + ": OpenCV cannot encode the map as a TIFF");
    } catch (const cv::Exception &error) {
        throw core::Error(path + ": cannot encode the map as a TIFF (" + error.err + ")");
    }
    files::writeFileAtomically(path, std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size()));
}

} // namespace retino
