#include "core/browse/sliceexport.h"

#include "core/error.h"
#include "core/files/atomicfile.h"
#include "core/files/extension.h"

#include <QtCore/qfloat16.h>
#include <fast_float/fast_float.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace browse {

namespace {

// NPY data is the in-memory bytes of what HDF5 converted to native types.
static_assert(std::endian::native == std::endian::little, "NPY export writes native memory as little-endian data");

struct Slice {
    const h5::Dataset &dataset;
    const h5::Shape &offset;
    const h5::Shape &count;
    const std::filesystem::path &out;

    [[noreturn]] void fail(const std::string &problem) const
    {
        throw core::Error(out.string() + ": cannot export " + dataset.fileName() + " " + dataset.path() + ": " +
                          problem);
    }
};

std::string describe(const h5::Shape &shape)
{
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

h5::Shape squeezed(const h5::Shape &count)
{
    h5::Shape shape;
    for (const auto extent : count)
        if (extent != 1)
            shape.push_back(extent);
    return shape;
}

// ---- NPY ----

// What NumPy calls the element type: kind 'b', 'i', 'u' or 'f' and the size in bytes.
struct NumericType {
    char kind;
    std::size_t size;
};

NumericType numericType(const Slice &slice, const h5::DataType &type)
{
    switch (type.typeClass()) {
    case h5::TypeClass::Integer:
    case h5::TypeClass::Enum:
        return {type.isSigned() ? 'i' : 'u', type.size()};
    case h5::TypeClass::Float:
        return {'f', type.size()};
    case h5::TypeClass::Bool:
        return {'b', 1};
    default:
        slice.fail("NPY holds numbers only, and this dataset holds " + type.name() + "; export it as CSV instead");
    }
}

template <class T>
std::string bytesOf(const std::vector<T> &values)
{
    return {reinterpret_cast<const char *>(values.data()), values.size() * sizeof(T)};
}

// Enums come out as their members' integer values, in the width of their base type.
template <class T>
std::string readBytes(const Slice &slice)
{
    return bytesOf(slice.dataset.read<T>(slice.offset, slice.count));
}

std::string float16Bytes(const Slice &slice)
{
    // HDF5 widens float16 to float exactly; narrowing back is then exact too.
    const auto values = slice.dataset.read<float>(slice.offset, slice.count);
    const std::vector<qfloat16> halves(values.begin(), values.end());
    return bytesOf(halves);
}

std::string npyData(const Slice &slice, NumericType type)
{
    switch (type.kind) {
    case 'b':
        return readBytes<h5::Bool>(slice);
    case 'f':
        switch (type.size) {
        case 2: return float16Bytes(slice);
        case 4: return readBytes<float>(slice);
        case 8: return readBytes<double>(slice);
        }
        break;
    case 'u':
        switch (type.size) {
        case 1: return readBytes<std::uint8_t>(slice);
        case 2: return readBytes<std::uint16_t>(slice);
        case 4: return readBytes<std::uint32_t>(slice);
        case 8: return readBytes<std::uint64_t>(slice);
        }
        break;
    case 'i':
        switch (type.size) {
        case 1: return readBytes<std::int8_t>(slice);
        case 2: return readBytes<std::int16_t>(slice);
        case 4: return readBytes<std::int32_t>(slice);
        case 8: return readBytes<std::int64_t>(slice);
        }
        break;
    }
    slice.fail("NPY export has no " + std::to_string(type.size * 8) + "-bit " +
               (type.kind == 'f' ? "float" : "integer") + " type");
}

std::string writeNpy(const Slice &slice)
{
    const NumericType numeric = numericType(slice, slice.dataset.dataType());
    const std::string data = npyData(slice, numeric);
    const h5::Shape shape = squeezed(slice.count);
    if (data.size() != h5::elementCount(shape) * numeric.size)
        slice.fail("the dataset holds no value (an empty dataspace)");

    // NumPy format 1.0: magic, version, little-endian header length, then a Python dict literal padded
    // with spaces and ended by '\n' so that the data starts at a multiple of 64 bytes.
    const std::string descr = std::string(numeric.size == 1 ? "|" : "<") + numeric.kind + std::to_string(numeric.size);
    std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + describe(shape) + ", }";
    constexpr std::size_t prefixSize = 10;
    header.append((64 - (prefixSize + header.size() + 1) % 64) % 64, ' ');
    header += '\n';

    std::string bytes("\x93NUMPY\x01\x00", 8);
    bytes += static_cast<char>(header.size() & 0xff);
    bytes += static_cast<char>(header.size() >> 8);
    bytes += header;
    bytes += data;
    return bytes;
}

// ---- CSV ----

template <class F>
std::string shortestText(F value)
{
    if (std::isnan(value))
        return "nan";
    std::array<char, 64> text;
    const auto end = std::to_chars(text.data(), text.data() + text.size(), value).ptr;
    return {text.data(), end};
}

// std::to_chars has no float16: the fewest significant digits that read back to the same float16.
std::string float16Text(float value)
{
    if (!std::isfinite(value))
        return shortestText(value);
    std::array<char, 64> text;
    for (int digits = 1; digits < 9; ++digits) {
        const auto end = std::to_chars(text.data(), text.data() + text.size(), value, std::chars_format::general,
                                       digits).ptr;
        float parsed = 0;
        fast_float::from_chars(text.data(), end, parsed);
        if (qfloat16(parsed) == qfloat16(value))
            return {text.data(), end};
    }
    return shortestText(value);
}

std::string numberText(double value, const h5::DataType &type)
{
    if (type.typeClass() == h5::TypeClass::Float && type.size() == 2)
        return float16Text(static_cast<float>(value));
    if (type.typeClass() == h5::TypeClass::Float && type.size() == 4)
        return shortestText(static_cast<float>(value));
    return shortestText(value);
}

// One value as text: numbers at their own width, text as is at the top of a cell and JSON-quoted inside
// [...] or {...}.
std::string valueText(const nlohmann::json &value, const h5::DataType &type, bool nested)
{
    switch (value.type()) {
    case nlohmann::json::value_t::null:
        return nested ? "null" : "";
    case nlohmann::json::value_t::boolean:
        return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
        return std::to_string(value.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
        return std::to_string(value.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
        return numberText(value.get<double>(), type);
    case nlohmann::json::value_t::string:
        return nested ? value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                      : value.get<std::string>();
    case nlohmann::json::value_t::array: {
        // Only arrays and variable-length sequences read as JSON arrays.
        const auto element = type.baseType();
        std::string text = "[";
        for (std::size_t i = 0; i < value.size(); ++i)
            text += (i ? "," : "") + valueText(value[i], element, true);
        return text + "]";
    }
    case nlohmann::json::value_t::object: {
        std::string text = "{";
        // The JSON object is sorted by name; the fields keep the order they were declared in.
        for (const auto &field : type.members())
            text += (text.size() > 1 ? "," : "") + nlohmann::json(field.name).dump() + ":" +
                    valueText(value.at(field.name), field.type, true);
        return text + "}";
    }
    default:
        return value.dump();
    }
}

std::string csvCell(const std::string &text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

// A CSV column of a compound: the path of field names down to a value that is not itself a compound.
struct Column {
    std::vector<std::string> keys;
    h5::DataType type;
};

void addColumns(const h5::DataType &type, std::vector<std::string> keys, std::vector<Column> &columns)
{
    if (type.typeClass() != h5::TypeClass::Compound) {
        columns.push_back({std::move(keys), type});
        return;
    }
    for (auto &field : type.members()) {
        auto inner = keys;
        inner.push_back(std::move(field.name));
        addColumns(field.type, std::move(inner), columns);
    }
}

void flatten(const nlohmann::json &value, std::size_t depth, std::vector<const nlohmann::json *> &elements)
{
    if (depth == 0) {
        elements.push_back(&value);
        return;
    }
    for (const auto &element : value)
        flatten(element, depth - 1, elements);
}

std::string compoundCsv(const Slice &slice, const h5::DataType &type,
                        const std::vector<const nlohmann::json *> &elements)
{
    std::vector<Column> columns;
    addColumns(type, {}, columns);
    std::string text;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        std::string name;
        for (const auto &key : columns[i].keys)
            name += (name.empty() ? "" : ".") + key;
        text += (i ? "," : "") + csvCell(name);
    }
    text += "\r\n";
    for (const auto *element : elements) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const nlohmann::json *value = element;
            for (const auto &key : columns[i].keys) {
                const auto found = value->find(key);
                if (found == value->end())
                    slice.fail("cannot find field '" + key + "' of " + type.name() + " in the values read");
                value = &*found;
            }
            text += (i ? "," : "") + csvCell(valueText(*value, columns[i].type, false));
        }
        text += "\r\n";
    }
    return text;
}

std::string writeCsv(const Slice &slice)
{
    const h5::Shape shape = squeezed(slice.count);
    const h5::DataType type = slice.dataset.dataType();
    const bool compound = type.typeClass() == h5::TypeClass::Compound;
    if (shape.size() > 2)
        slice.fail("CSV holds one or two dimensions and this slice has " + std::to_string(shape.size()) + " " +
                   describe(shape) + "; export it as NPY, or select fewer dimensions");
    if (compound && shape.size() > 1)
        slice.fail("CSV holds a compound slice as one row per element; select a 1-D slice (this one is " +
                   describe(shape) + ")");

    std::vector<const nlohmann::json *> elements;
    nlohmann::json values;
    if (h5::elementCount(shape) > 0) {
        values = slice.dataset.readJson(slice.offset, slice.count);
        if (values.is_null())
            slice.fail("the dataset holds no value (an empty dataspace)");
        flatten(values, slice.count.size(), elements);
    }
    if (compound)
        return compoundCsv(slice, type, elements);

    const std::size_t columns = shape.size() == 2 ? shape[1] : 1;
    std::string text;
    for (std::size_t i = 0; i < elements.size(); ++i) {
        text += csvCell(valueText(*elements[i], type, false));
        text += (i + 1) % columns == 0 ? "\r\n" : ",";
    }
    return text;
}

// ---- formats ----

struct Format {
    std::string_view extension;
    std::string_view description;
    std::string (*write)(const Slice &);
};

constexpr std::array formats{
    Format{".npy", "NumPy array", writeNpy},
    Format{".csv", "comma-separated text", writeCsv},
};

} // namespace

void exportSlice(const h5::Dataset &dataset, const h5::Shape &offset, const h5::Shape &count,
                 const std::filesystem::path &out)
{
    const Slice slice{dataset, offset, count, out};
    const std::string extension = files::lowercaseExtension(out);
    const auto format = std::find_if(formats.begin(), formats.end(),
                                     [&](const Format &f) { return f.extension == extension; });
    if (format == formats.end()) {
        std::string known;
        for (const auto &f : formats)
            known.append(known.empty() ? "" : ", ").append(f.extension).append(" (").append(f.description).append(")");
        throw core::Error(out.string() + ": unknown export format '" + out.extension().string() + "'; known: " + known);
    }
    const std::size_t rank = dataset.shape().size();
    if (offset.size() != rank || count.size() != rank)
        slice.fail("the selection has " + std::to_string(count.size()) + " dimensions (offset " +
                   std::to_string(offset.size()) + ") and the dataset " + std::to_string(rank));
    files::writeFileAtomically(out, format->write(slice));
}

} // namespace browse
