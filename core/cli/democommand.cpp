#include "core/cli/democommand.h"

#include "core/h5/inspect.h"
#include "core/h5/outputfile.h"
#include "core/h5/table.h"
#include "core/params/canonicaljson.h"

#include <QtCore/QCommandLineParser>
#include <nlohmann/json.hpp>

#include <cmath>
#include <numbers>
#include <ostream>
#include <random>

namespace cli {

namespace {

const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Folder for the demo's files (default: macroscope-demo)."),
                                   QStringLiteral("DIR"), QStringLiteral("macroscope-demo"));

constexpr std::uint64_t mapSize = 256;
constexpr std::uint64_t frameSize = 128;
constexpr std::uint64_t frameCount = 24;

// A smooth azimuth-like phase map in degrees: the kind of image the retinotopy analysis produces.
std::vector<float> phaseMap()
{
    std::vector<float> map(mapSize * mapSize);
    for (std::uint64_t row = 0; row < mapSize; ++row)
        for (std::uint64_t column = 0; column < mapSize; ++column) {
            const double x = static_cast<double>(column) / mapSize - 0.5, y = static_cast<double>(row) / mapSize - 0.5;
            map[row * mapSize + column] = static_cast<float>(std::atan2(y + 0.3 * x * x, x + 0.2) * 180.0 / std::numbers::pi);
        }
    return map;
}

// 12-bit camera frames with shot noise around a slowly drifting bright band.
std::vector<std::uint16_t> frame(std::uint64_t index, std::mt19937 &random)
{
    std::vector<std::uint16_t> pixels(frameSize * frameSize);
    const double centre = static_cast<double>(index % frameCount) / frameCount * frameSize;
    for (std::uint64_t row = 0; row < frameSize; ++row)
        for (std::uint64_t column = 0; column < frameSize; ++column) {
            const double distance = std::abs(static_cast<double>(column) - centre);
            std::poisson_distribution<int> photons(1500.0 + 800.0 * std::exp(-distance * distance / 200.0));
            pixels[row * frameSize + column] = static_cast<std::uint16_t>(std::min(photons(random), 4095));
        }
    return pixels;
}

// Everything the demo file holds; the handles it opens are closed on return, before commit() closes the file.
void writeDemoContent(const h5::Group &root, const nlohmann::json &parameters, const std::string &identity)
{
    root.attributes().set("parameters", params::canonicalJson(parameters));
    root.attributes().set("parameters_sha256", identity);

    h5::DatasetOptions compressed;
    compressed.chunk = {64, 64};
    compressed.filters = {h5::Filter::shuffle(), h5::Filter::deflate(4)};
    {
        const auto map = root.createDataset<float>("maps/azimuth", {mapSize, mapSize}, compressed);
        map.write<float>(phaseMap());
        map.attributes().set("units", "deg");
    }
    {
        h5::DatasetOptions stream;
        stream.maxShape = {h5::Unlimited, frameSize, frameSize};
        stream.chunk = {1, frameSize, frameSize};
        stream.fill = false;
        const auto frames = root.createDataset<std::uint16_t>("acquisition/frames", {0, frameSize, frameSize}, stream);
        frames.attributes().set("units", "counts (12-bit)");
        std::mt19937 random(2026);
        for (std::uint64_t index = 0; index < frameCount; ++index)
            frames.append<std::uint16_t>(frame(index, random));
    }
    h5::Table sessions;
    sessions.addColumn("animal", std::vector<std::string>{"M-0412", "M-0412", "M-0415"});
    sessions.addColumn("direction", std::vector<std::string>{"LR", "TB", "LR"});
    sessions.addColumn("frames", std::vector<std::int64_t>{12000, 12000, 11988});
    sessions.addColumn("complete", std::vector<h5::Bool>{h5::Bool::True, h5::Bool::True, h5::Bool::False});
    h5::writeTable(root, "metadata/sessions", sessions);
}

} // namespace

void DemoCommand::declare(QCommandLineParser &parser) const
{
    parser.addOption(outOption);
}

int DemoCommand::run(const QCommandLineParser &parser, Output &output) const
{
    rejectPositionals(parser);
    const std::filesystem::path folder = parser.value(outOption).toStdString();
    std::filesystem::create_directories(folder);
    const auto target = folder / "demo.h5";

    const nlohmann::json parameters = {{"bar_width_deg", 20}, {"speed_deg_per_s", 9.0}, {"checker_size_deg", 25},
                                       {"directions", {"LR", "RL", "TB", "BT"}}, {"sweeps_per_direction", 10}};
    const std::string identity = params::canonicalSha256(parameters);

    h5::OutputFile file(target, "macroscope.demo", "1.0");
    writeDemoContent(file.root(), parameters, identity);
    file.commit();

    output.out << "Wrote " << target.string() << " atomically (demo.h5.partial, then renamed).\n"
               << "Parameters " << params::canonicalJson(parameters) << "\n"
               << "  SHA-256 " << identity << "\n\n";
    h5::InspectOptions options;
    const nlohmann::json inspection = h5::inspectFile(target, options);
    for (const auto &object : inspection["objects"])
        output.out << "  " << object["path"].get<std::string>() << "  " << object["kind"].get<std::string>()
                   << (object.contains("dtype") ? "  " + object["dtype"].get<std::string>() : std::string()) << "\n";
    output.out << "\nLook inside: macroscope-cli inspect " << target.string() << "\n"
               << "Browse it:   macroscope " << target.string() << "\n";
    return Success;
}

} // namespace cli
