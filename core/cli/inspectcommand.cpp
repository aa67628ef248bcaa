#include "core/cli/inspectcommand.h"

#include "core/h5/inspect.h"

#include <QtCore/QCommandLineParser>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

namespace cli {

namespace {

const QCommandLineOption jsonOption(QStringLiteral("json"),
                                    QStringLiteral("Print JSON (schemas/inspect.schema.json) instead of text."));

std::string shapeText(const nlohmann::json &shape)
{
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + (shape[i].is_null() ? std::string("∞") : std::to_string(shape[i].get<std::uint64_t>()));
    return text + (shape.size() == 1 ? ",)" : ")");
}

std::string sizeText(std::uint64_t bytes)
{
    static const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(units)) {
        value /= 1024;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

std::string datasetText(const nlohmann::json &object)
{
    std::string text = object["dtype"].get<std::string>() + "  " + shapeText(object["shape"]);
    if (object["maxshape"] != object["shape"])
        text += " max " + shapeText(object["maxshape"]);
    text += object["chunks"].is_null() ? std::string("  contiguous") : "  chunks " + shapeText(object["chunks"]);
    for (const auto &filter : object["filters"]) {
        text += "  " + filter["name"].get<std::string>();
        if (!filter["level"].is_null())
            text += "(" + std::to_string(filter["level"].get<unsigned>()) + ")";
        if (!filter["available"].get<bool>())
            text += " [filter not available]";
    }
    return text + "  " + sizeText(object["storage_size"].get<std::uint64_t>());
}

void printText(const nlohmann::json &inspection, std::ostream &out)
{
    out << inspection["file"].get<std::string>() << "\n";
    std::size_t width = 0;
    for (const auto &object : inspection["objects"])
        width = std::max(width, object["path"].get<std::string>().size());
    width = std::min<std::size_t>(width, 48);
    for (const auto &object : inspection["objects"]) {
        const std::string path = object["path"];
        const std::string kind = object["kind"];
        out << path << std::string(path.size() < width ? width - path.size() : 0, ' ') << "  ";
        if (kind == "dataset")
            out << "dataset  " << datasetText(object);
        else if (kind == "soft_link")
            out << "soft link → " << object["target"].get<std::string>();
        else if (kind == "external_link")
            out << "external link → " << object["target_file"].get<std::string>() << "::" << object["target"].get<std::string>();
        else if (kind == "named_datatype")
            out << "datatype  " << object["dtype"].get<std::string>();
        else
            out << kind;
        out << "\n";
        for (const auto &attribute : object.value("attributes", nlohmann::json::array()))
            out << "    @" << attribute["name"].get<std::string>() << " = " << attribute["value"].dump()
                << (attribute["truncated"].get<bool>() ? " …" : "") << "\n";
    }
}

} // namespace

void InspectCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("FILE.h5"), QStringLiteral("Any HDF5 file."));
    parser.addOption(jsonOption);
}

int InspectCommand::run(const QCommandLineParser &parser, Output &output) const
{
    const nlohmann::json inspection = h5::inspectFile(positional(parser, 0, 1, "FILE.h5"));
    if (parser.isSet(jsonOption))
        output.out << inspection.dump(2) << "\n";
    else
        printText(inspection, output.out);
    return Success;
}

} // namespace cli
