#include "hardware/cli/recordcommand.h"

#include "core/acquisition/recorder.h"
#include "core/cli/jsoninput.h"
#include "core/params/schemaregistry.h"
#include "hardware/camera/opencamera.h"
#include "hardware/cli/recordingsession.h"

#include <QtCore/QCommandLineParser>

#include <cmath>
#include <cstdlib>
#include <ostream>

namespace cli {

namespace {

const QCommandLineOption cameraOption(QStringLiteral("camera"),
                                      QStringLiteral("sim (default), aravis:ID, opencv:N or opencv:VIDEO-FILE."),
                                      QStringLiteral("SPEC"), QStringLiteral("sim"));
const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("The recording to write (must not exist)."),
                                   QStringLiteral("FILE.h5"));
const QCommandLineOption framesOption(QStringLiteral("frames"), QStringLiteral("Stop after N frames."),
                                      QStringLiteral("N"));
const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Stop after S seconds."),
                                       QStringLiteral("S"));
const QCommandLineOption fpsOption(QStringLiteral("fps"), QStringLiteral("Camera frame rate."), QStringLiteral("F"));
const QCommandLineOption sizeOption(QStringLiteral("size"), QStringLiteral("Frame size, e.g. 1024x1024."),
                                    QStringLiteral("WxH"));
const QCommandLineOption compressionOption(QStringLiteral("compression"),
                                           QStringLiteral("none (default), blosc (LZ4 + bit-shuffle) or gzip."),
                                           QStringLiteral("KIND"), QStringLiteral("none"));
const QCommandLineOption stimulusOption(QStringLiteral("stimulus"),
                                        QStringLiteral("Stimulus parameters: the stimulus is obtained from the "
                                                       "library and played on its schedule (no display here); "
                                                       "the simulated camera responds to it."),
                                        QStringLiteral("PARAMS.json"));
const QCommandLineOption sessionOption(QStringLiteral("session"),
                                       QStringLiteral("Session metadata (schemas/session.schema.json); default: "
                                                      "animal_id \"unspecified\", operator $USER."),
                                       QStringLiteral("FILE.json"));
const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("The simulated camera's seed."),
                                    QStringLiteral("N"), QStringLiteral("1"));
const QCommandLineOption jsonOption(QStringLiteral("json"),
                                    QStringLiteral("Print the summary as JSON (frames, dropped, path, seconds, ...)."));

double positiveNumber(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    bool ok = false;
    const double value = parser.value(option).toDouble(&ok);
    if (!ok || !(value > 0))
        throw UsageProblem("--" + option.names().first().toStdString() + ": '" +
                           parser.value(option).toStdString() + "' is not a positive number");
    return value;
}

std::pair<int, int> frameSize(const QCommandLineParser &parser)
{
    const QStringList parts = parser.value(sizeOption).toLower().split(QLatin1Char('x'));
    bool okWidth = false, okHeight = false;
    const int width = parts.size() == 2 ? parts[0].toInt(&okWidth) : 0;
    const int height = parts.size() == 2 ? parts[1].toInt(&okHeight) : 0;
    if (!okWidth || !okHeight || width <= 0 || height <= 0)
        throw UsageProblem("--size: '" + parser.value(sizeOption).toStdString() + "' is not WIDTHxHEIGHT");
    return {width, height};
}

nlohmann::json sessionMetadata(const QCommandLineParser &parser)
{
    nlohmann::json session;
    std::string source = "the default session";
    if (parser.isSet(sessionOption)) {
        source = parser.value(sessionOption).toStdString();
        session = readJsonArgument(source);
    } else {
        const char *user = std::getenv("USER");
        session = {{"animal_id", "unspecified"}, {"operator", user && *user ? user : "unknown"}};
    }
    params::builtinSchema("session").validateOrThrow(session, source);
    return session;
}

std::optional<acq::RecordingStimulus> stimulusFor(const QCommandLineParser &parser, Output &output)
{
    if (!parser.isSet(stimulusOption))
        return std::nullopt;
    const std::string path = parser.value(stimulusOption).toStdString();
    return obtainStimulus(stimulus::StimulusParameters::fromJson(readJsonArgument(path), path),
                          stimulusLibraryFolder(parser),
                          output);
}

} // namespace

void RecordCommand::declare(QCommandLineParser &parser) const
{
    for (const QCommandLineOption &option :
         {cameraOption, outOption, framesOption, secondsOption, fpsOption, sizeOption, compressionOption,
          stimulusOption, stimulusLibraryOption(), sessionOption, seedOption, jsonOption})
        parser.addOption(option);
}

int RecordCommand::run(const QCommandLineParser &parser, Output &output) const
{
    rejectPositionals(parser);
    if (!parser.isSet(outOption))
        throw UsageProblem("--out FILE.h5 is required");
    if (parser.isSet(framesOption) == parser.isSet(secondsOption))
        throw UsageProblem("give exactly one of --frames N and --seconds S");
    const auto compression = acq::parseCompression(parser.value(compressionOption).toStdString());
    if (!compression)
        throw UsageProblem("--compression: '" + parser.value(compressionOption).toStdString() +
                           "' is not one of none, blosc, gzip");

    acq::RecordingPlan plan;
    plan.target = parser.value(outOption).toStdString();
    plan.compression = *compression;
    if (parser.isSet(framesOption)) {
        bool ok = false;
        plan.frames = parser.value(framesOption).toULongLong(&ok);
        if (!ok || *plan.frames == 0)
            throw UsageProblem("--frames: '" + parser.value(framesOption).toStdString() + "' is not a positive count");
    } else {
        plan.seconds = positiveNumber(parser, secondsOption);
    }
    plan.session = sessionMetadata(parser);
    plan.stimulus = stimulusFor(parser, output);
    hw::CameraOpenOptions options;
    options.seed = parser.value(seedOption).toULongLong();
    if (plan.stimulus)
        options.stimulus = plan.stimulus->timeline;
    const std::unique_ptr<acq::Camera> camera = hw::openCamera(parser.value(cameraOption).toStdString(), options);
    acq::CameraSettings settings = camera->settings();
    if (parser.isSet(fpsOption))
        setFrameRate(settings, positiveNumber(parser, fpsOption));
    if (parser.isSet(sizeOption))
        std::tie(settings.width, settings.height) = frameSize(parser);
    camera->configure(settings);

    const nlohmann::json summary = runRecorder(*camera, std::move(plan), !parser.isSet(jsonOption), output);
    if (parser.isSet(jsonOption))
        output.out << summary.dump(2) << "\n";
    else
        output.out << summary["path"].get<std::string>() << ": " << summary["frames"] << " frames, "
                   << summary["dropped"] << " dropped, " << summary["seconds"].get<double>() << " s ("
                   << summary["stop_reason"].get<std::string>() << ")\n";
    return endedAsPlanned(summary, output) ? Success : Failure;
}

} // namespace cli
