#include "hardware/cli/democommand.h"

#include "core/acquisition/stimulustimeline.h"
#include "core/h5/file.h"
#include "core/h5/group.h"
#include "core/retinotopy/mapimages.h"
#include "core/retinotopy/recordinganalysis.h"
#include "hardware/camera/simulatedcamera.h"
#include "hardware/cli/recordingsession.h"

#include <QtCore/QCommandLineParser>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <ostream>

namespace cli {

namespace {

const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Folder for the demo's files (default: macroscope-demo)."),
                                   QStringLiteral("DIR"), QStringLiteral("macroscope-demo"));
const QCommandLineOption sweepsOption(QStringLiteral("sweeps"), QStringLiteral("Sweeps per direction (default 3)."),
                                      QStringLiteral("N"), QStringLiteral("3"));
const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("The simulated cortex's seed."),
                                    QStringLiteral("N"), QStringLiteral("1"));
const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the summary as JSON."));

// A stimulus that the simulated cortex maps well in a few minutes: a small window (quick to generate, the
// same visual field), 10 deg/s so that a cycle (~18 s) is far from the vasomotion near 0.1 Hz.
stimulus::StimulusParameters demoStimulus(int sweeps)
{
    stimulus::StimulusParameters parameters;
    parameters.monitor.widthPx = 480;
    parameters.monitor.heightPx = 270;
    parameters.speedDegPerS = 10;
    parameters.sweepsPerDirection = sweeps;
    parameters.preGapS = 1;
    parameters.postGapS = 1;
    return parameters;
}

struct Accuracy {
    double azimuthMedianErrorDeg = NAN, altitudeMedianErrorDeg = NAN;
    double signAgreement = NAN; // of the pixels both in a true area and in a patch, the share of the right sign
    std::uint64_t pixels = 0;
};

double median(std::vector<double> values)
{
    if (values.empty())
        return NAN;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(values.size() / 2), values.end());
    return values[values.size() / 2];
}

// The maps against the simulator's ground truth, inside our response mask and the true areas.
Accuracy accuracyOf(const retino::RetinotopyResult &result, const std::filesystem::path &recording)
{
    const h5::File file = h5::File::open(recording);
    const h5::Group truth = file.root().group("/acquisition/camera/ground_truth");
    const auto azimuth = truth.dataset("azimuth_deg").read<float>();
    const auto altitude = truth.dataset("altitude_deg").read<float>();
    const auto sign = truth.dataset("sign").read<std::int8_t>();
    const retino::RetinotopyMaps &m = result.maps;
    Accuracy accuracy;
    if (azimuth.size() != m.azimuthDeg.total())
        return accuracy;
    std::vector<double> azimuthErrors, altitudeErrors;
    std::uint64_t agree = 0, compared = 0;
    for (int i = 0; i < int(azimuth.size()); ++i) {
        const auto p = std::size_t(i);
        if (m.responseMask(i) && std::isfinite(azimuth[p]) && std::isfinite(altitude[p])) {
            azimuthErrors.push_back(std::abs(m.azimuthDeg(i) - azimuth[p]));
            altitudeErrors.push_back(std::abs(m.altitudeDeg(i) - altitude[p]));
        }
        const int label = result.segmentation.labels.empty() ? 0 : result.segmentation.labels(i);
        if (label > 0 && sign[p] != 0) {
            ++compared;
            agree += result.segmentation.patches[std::size_t(label - 1)].sign == sign[p];
        }
    }
    accuracy.pixels = azimuthErrors.size();
    accuracy.azimuthMedianErrorDeg = median(std::move(azimuthErrors));
    accuracy.altitudeMedianErrorDeg = median(std::move(altitudeErrors));
    accuracy.signAgreement = compared ? double(agree) / double(compared) : NAN;
    return accuracy;
}

constexpr const char *DemoOperator = "macroscope demo";

// Replaces the demo's own output from an earlier run, and never anything else: a recording.h5 that a demo did
// not make is refused.
void removeEarlierDemo(const std::filesystem::path &recording)
{
    if (!std::filesystem::exists(recording))
        return;
    bool demo = false;
    try {
        const h5::File file = h5::File::open(recording);
        const h5::Attributes session = file.root().group("/session").attributes();
        demo = session.contains("operator") && session.getString("operator") == DemoOperator;
    } catch (const std::exception &) {
        demo = false;
    }
    if (!demo)
        throw core::Error(recording.string() + ": exists and is not a demo's recording; give --out another folder");
    std::filesystem::remove(recording);
    std::filesystem::path sibling = recording;
    std::filesystem::remove(sibling.replace_extension(".retinotopy.h5"));
}

nlohmann::json number(double value)
{
    return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
}

} // namespace

void DemoCommand::declare(QCommandLineParser &parser) const
{
    parser.addOptions({outOption, stimulusLibraryOption(), sweepsOption, seedOption, jsonOption});
}

int DemoCommand::run(const QCommandLineParser &parser, Output &output) const
{
    rejectPositionals(parser);
    bool ok = false;
    const int sweeps = parser.value(sweepsOption).toInt(&ok);
    if (!ok || sweeps < 1)
        throw UsageProblem("--sweeps: '" + parser.value(sweepsOption).toStdString() + "' is not a positive count");
    const std::filesystem::path folder = parser.value(outOption).toStdString();
    std::filesystem::create_directories(folder);
    const std::filesystem::path recording = folder / "recording.h5";
    removeEarlierDemo(recording);
    const bool quiet = parser.isSet(jsonOption);
    std::ostream &log = quiet ? output.err : output.out;

    const stimulus::StimulusParameters parameters = demoStimulus(sweeps);
    const std::filesystem::path library = stimulusLibraryFolder(parser);
    log << "1/4 stimulus " << parameters.sha256().substr(0, 12) << "… from the library in " << library.string() << "\n";
    acq::RecordingPlan plan;
    plan.target = recording;
    plan.session = {{"animal_id", "simulated"}, {"operator", DemoOperator}, {"notes", "macroscope-cli demo"}};
    plan.stimulus = obtainStimulus(parameters, library, output);
    const double stimulusSeconds = double(plan.stimulus->timeline->rowCount()) / parameters.monitor.refreshHz;
    // The response outlasts the stimulus by the hemodynamic delay and its decay.
    plan.seconds = stimulusSeconds + 5;

    hw::SimulatedCamera camera({.seed = parser.value(seedOption).toULongLong(), .stimulus = plan.stimulus->timeline});
    acq::CameraSettings settings = camera.settings();
    settings.width = settings.height = 256;
    setFrameRate(settings, 60);
    camera.configure(settings);
    log << "2/4 recording " << std::fixed << std::setprecision(0) << *plan.seconds << " s of 4 directions x " << sweeps
        << " sweeps from the simulated camera into " << recording.string() << "\n"
        << std::flush;
    const nlohmann::json recorded = runRecorder(camera, std::move(plan), !quiet, output);
    if (!endedAsPlanned(recorded, output))
        return Failure;

    log << "3/4 analysing\n" << std::flush;
    const retino::RetinotopyResult result = retino::analyzeRecording(recording, retino::AnalysisParameters());
    log << "4/4 writing the maps' pictures\n";
    nlohmann::json images = nlohmann::json::array();
    for (const auto &image : retino::writeMapImages(result, folder / "maps"))
        images.push_back(image.string());

    const Accuracy accuracy = accuracyOf(result, recording);
    nlohmann::json summary = retino::patchesJson(result.segmentation);
    summary["recording"] = recording.string();
    summary["frames"] = recorded["frames"];
    summary["dropped"] = recorded["dropped"];
    summary["analysis_seconds"] = result.seconds;
    summary["result_path"] = result.resultPath;
    summary["images"] = images;
    summary["response_pixels"] = accuracy.pixels;
    summary["azimuth_median_error_deg"] = number(accuracy.azimuthMedianErrorDeg);
    summary["altitude_median_error_deg"] = number(accuracy.altitudeMedianErrorDeg);
    summary["sign_agreement"] = number(accuracy.signAgreement);
    std::ofstream(folder / "summary.json") << summary.dump(2) << "\n";
    if (quiet) {
        output.out << summary.dump(2) << "\n";
        return Success;
    }
    output.out << std::setprecision(2) << "maps against the simulator's truth, in the response mask (" << accuracy.pixels
               << " px): azimuth median error " << accuracy.azimuthMedianErrorDeg << " deg, altitude "
               << accuracy.altitudeMedianErrorDeg << " deg; " << result.segmentation.patches.size()
               << " visual areas, sign right for " << std::setprecision(1) << 100 * accuracy.signAgreement
               << " % of their pixels\n";
    for (const auto &image : images)
        output.out << "  " << image.get<std::string>() << "\n";
    output.out << "Open the recording in the GUI: macroscope --panel retinotopy --recording " << recording.string() << "\n";
    return Success;
}

} // namespace cli
