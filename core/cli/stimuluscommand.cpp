#include "core/cli/stimuluscommand.h"

#include "core/cli/jsoninput.h"
#include "core/stimulus/stimuluslibrary.h"

#include <QtCore/QCommandLineParser>
#include <nlohmann/json.hpp>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace cli {

namespace {

const QCommandLineOption libraryOption(QStringLiteral("library"),
                                       QStringLiteral("The library folder (default: $MACROSCOPE_STIMULUS_LIBRARY, "
                                                      "else the per-user data folder)."),
                                       QStringLiteral("DIR"));
const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print JSON for scripts."));
const QCommandLineOption maxSizeOption(QStringLiteral("max-size"),
                                       QStringLiteral("prune: keep at most SIZE bytes (suffixes K, M, G, T: powers "
                                                      "of 1024)."),
                                       QStringLiteral("SIZE"));

stimulus::StimulusLibrary library(const QCommandLineParser &parser)
{
    return stimulus::StimulusLibrary(parser.isSet(libraryOption)
                                         ? std::filesystem::path(parser.value(libraryOption).toStdString())
                                         : stimulus::StimulusLibrary::defaultLocation());
}

std::uint64_t parseSize(const std::string &text)
{
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception &) {
        throw UsageProblem("--max-size: '" + text + "' is not a size");
    }
    const std::string suffix = text.substr(used);
    const std::string units = "KMGT";
    double factor = 1;
    if (suffix.size() == 1 && units.find(static_cast<char>(std::toupper(suffix[0]))) != std::string::npos)
        factor = std::pow(1024.0, static_cast<double>(units.find(static_cast<char>(std::toupper(suffix[0]))) + 1));
    else if (!suffix.empty() || value < 0)
        throw UsageProblem("--max-size: '" + text + "' is not a size (e.g. 500M, 20G)");
    return static_cast<std::uint64_t>(value * factor);
}

std::string sizeText(std::uint64_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return text;
}

std::string ageText(std::filesystem::file_time_type when)
{
    const auto age = std::chrono::duration_cast<std::chrono::minutes>(std::filesystem::file_time_type::clock::now() - when);
    if (age.count() < 60)
        return std::to_string(age.count()) + " min ago";
    if (age.count() < 48 * 60)
        return std::to_string(age.count() / 60) + " h ago";
    return std::to_string(age.count() / (24 * 60)) + " days ago";
}

int generate(const QCommandLineParser &parser, Output &output)
{
    const std::string path = positional(parser, 1, 2, "PARAMS.json");
    const auto parameters = stimulus::StimulusParameters::fromJson(readJsonArgument(path), path);
    stimulus::GenerationProgress progress;
    if (!parser.isSet(jsonOption) && cli::standardErrorIsTerminal()) {
        progress.report = [&output, last = -1](std::uint64_t done, std::uint64_t total) mutable {
            const int percent = total ? static_cast<int>(done * 100 / total) : 100;
            if (percent != last)
                output.err << "\rgenerating " << percent << " %" << (done == total ? "\n" : "") << std::flush;
            last = percent;
        };
    }
    auto stimuli = library(parser);
    const auto result = stimuli.obtain(parameters, progress);
    for (const auto &line : result.repaired)
        output.err << "warning: " << line << "\n";
    if (parser.isSet(jsonOption)) {
        output.out << nlohmann::json{{"sha256", result.sha256},
                                     {"path", result.path.string()},
                                     {"reused", result.reused},
                                     {"unique_frames", result.uniqueFrames},
                                     {"display_frames", result.displayFrames},
                                     {"seconds", result.seconds},
                                     {"repaired", result.repaired}}
                              .dump(2)
                   << "\n";
    } else {
        output.out << (result.reused ? "Reused " : "Generated ") << result.sha256 << "\n  " << result.path.string()
                   << "\n  " << result.uniqueFrames << " unique frames, " << result.displayFrames
                   << " displayed frames, " << result.seconds << " s\n";
    }
    return Success;
}

int verify(const QCommandLineParser &parser, Output &output)
{
    const std::string path = positional(parser, 1, 2, "FILE.h5");
    const auto verification = stimulus::StimulusLibrary::verify(path);
    if (parser.isSet(jsonOption))
        output.out << nlohmann::json{{"path", path}, {"intact", verification.intact}, {"problem", verification.problem}}.dump(2)
                   << "\n";
    if (!verification.intact) {
        output.err << path << ": damaged: " << verification.problem << "\n";
        return Failure;
    }
    if (!parser.isSet(jsonOption))
        output.out << path << ": intact\n";
    return Success;
}

int list(const QCommandLineParser &parser, Output &output)
{
    positional(parser, 0, 1, "");
    const auto stimuli = library(parser);
    const auto entries = stimuli.list();
    if (parser.isSet(jsonOption)) {
        auto array = nlohmann::json::array();
        for (const auto &entry : entries)
            array.push_back({{"sha256", entry.sha256}, {"path", entry.path.string()}, {"bytes", entry.bytes}});
        output.out << array.dump(2) << "\n";
        return Success;
    }
    output.out << stimuli.folder().string() << ": " << entries.size() << " stimuli\n";
    for (const auto &entry : entries)
        output.out << "  " << entry.sha256 << "  " << sizeText(entry.bytes) << "  used " << ageText(entry.lastUsed) << "\n";
    return Success;
}

int prune(const QCommandLineParser &parser, Output &output)
{
    positional(parser, 0, 1, "");
    if (!parser.isSet(maxSizeOption))
        throw UsageProblem("prune needs --max-size SIZE");
    auto stimuli = library(parser);
    const auto removed = stimuli.prune(parseSize(parser.value(maxSizeOption).toStdString()));
    for (const auto &entry : removed)
        output.out << "removed " << entry.path.string() << " (" << sizeText(entry.bytes) << ")\n";
    if (removed.empty())
        output.out << "nothing to remove\n";
    return Success;
}

} // namespace

void StimulusCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("ACTION"),
                                 QStringLiteral("generate PARAMS.json | verify FILE.h5 | list | prune --max-size SIZE"));
    parser.addOptions({libraryOption, jsonOption, maxSizeOption});
}

int StimulusCommand::run(const QCommandLineParser &parser, Output &output) const
{
    const QStringList arguments = parser.positionalArguments();
    if (arguments.isEmpty())
        throw UsageProblem("missing ACTION (generate, verify, list or prune)");
    const QString action = arguments.first();
    if (action == QLatin1String("generate"))
        return generate(parser, output);
    if (action == QLatin1String("verify"))
        return verify(parser, output);
    if (action == QLatin1String("list"))
        return list(parser, output);
    if (action == QLatin1String("prune"))
        return prune(parser, output);
    throw UsageProblem("unknown ACTION '" + action.toStdString() + "' (generate, verify, list or prune)");
}

} // namespace cli
