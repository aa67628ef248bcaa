#include "hardware/camera/simulatedcamera.h"

#include "hardware/camera/gaussiannoise.h"
#include "hardware/camera/hemodynamicresponse.h"
#include "hardware/camera/responseimage.h"
#include "hardware/camera/syntheticcortex.h"
#include "hardware/camera/visualareas.h"

#include "core/acquisition/stimulustimeline.h"
#include "core/error.h"
#include "core/h5/group.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <thread>
#include <tuple>

namespace hw {

namespace {

constexpr int DefaultSize = 512;
constexpr int LargestSize = 2048; // the sensor
constexpr int SmallestSize = 16;
constexpr double DefaultFrameRateHz = 10;
constexpr double DefaultExposureUs = 20'000;
constexpr double LargestGainDb = 24;
constexpr int LargestCount = 4095; // 12 bits

// Evenly lit, vessel-free cortex at 0 dB gain, in counts. At 0 dB a count is 16 photoelectrons: a full well
// of about 65,000 e⁻ over 12 bits, as the CCD and sCMOS cameras used for intrinsic imaging have; the shot
// noise (in electrons, variance equal to the mean) is then 0.5 % of the baseline per frame.
constexpr double BaselineCounts = 2600;
constexpr double ElectronsPerCount = 16;
constexpr double ReadNoiseCounts = 2;
constexpr double VasomotionAmplitude = 8e-4; // ΔR/R, about the size of the evoked signal, as in vivo
constexpr std::int64_t HemodynamicHistoryNs = 10'000'000'000;

// A reproducible number in [0, 1) for each (seed, use), for the few per-camera constants.
double seededUnit(std::uint64_t seed, std::uint64_t use)
{
    std::uint64_t z = seed * 0x9e3779b97f4a7c15ull + use * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return double((z ^ (z >> 31)) >> 11) * 0x1p-53;
}

std::string number(double value)
{
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.')
        text.pop_back();
    return text;
}

[[noreturn]] void refuse(const std::string &problem)
{
    throw core::Error("simulated camera: " + problem);
}

// The settings with zeros replaced by defaults; throws core::Error naming the first setting refused.
acq::CameraSettings validated(acq::CameraSettings s)
{
    s.width = s.width == 0 ? DefaultSize : s.width;
    s.height = s.height == 0 ? DefaultSize : s.height;
    s.frameRateHz = s.frameRateHz == 0 ? DefaultFrameRateHz : s.frameRateHz;
    for (const auto &[name, size, offset] :
         {std::tuple{"width", s.width, s.offsetX}, std::tuple{"height", s.height, s.offsetY}}) {
        if (size < SmallestSize || size > LargestSize)
            refuse(std::string(name) + " " + std::to_string(size) + " is outside " + std::to_string(SmallestSize) +
                   "–" + std::to_string(LargestSize));
        if (offset < 0 || offset + size > LargestSize)
            refuse(std::string(name) + " " + std::to_string(size) + " at offset " + std::to_string(offset) +
                   " does not fit the " + std::to_string(LargestSize) + "-pixel sensor");
    }
    if (s.binning != 1 && s.binning != 2 && s.binning != 4)
        refuse("binning " + std::to_string(s.binning) + " is not 1, 2 or 4");
    if (!(s.frameRateHz >= 1 && s.frameRateHz <= 200))
        refuse("frame rate " + number(s.frameRateHz) + " Hz is outside 1–200 Hz");
    const double periodUs = 1e6 / s.frameRateHz;
    s.exposureUs = s.exposureUs == 0 ? std::min(DefaultExposureUs, periodUs) : s.exposureUs;
    if (!(s.exposureUs > 0 && s.exposureUs <= periodUs))
        refuse("exposure " + number(s.exposureUs) + " µs does not fit the frame period of " + number(periodUs) +
               " µs at " + number(s.frameRateHz) + " Hz");
    if (!(s.gainDb >= 0 && s.gainDb <= LargestGainDb))
        refuse("gain " + number(s.gainDb) + " dB is outside 0–" + number(LargestGainDb) + " dB");
    if (s.pixelFormat == acq::PixelFormat::Mono8)
        refuse("pixel format Mono8 is not supported: the sensor has 12 bits, use Mono12 or Mono16");
    return s;
}

} // namespace

// Everything that depends on the image size, rebuilt by configure().
struct SimulatedCamera::Model {
    Model(std::uint64_t seed, int width, int height)
        : cortex(seed, width, height), image(cortex.geometry(), response), noise(seed),
          rowResponse(std::size_t(width))
    {
    }

    // Gain multiplies counts: the mean and the shot noise's s.d. both scale by it.
    void setGain(double gainDb)
    {
        const double gain = std::pow(10, gainDb / 20);
        const std::span<const float> reflectance = cortex.reflectance();
        meanCounts.resize(reflectance.size());
        noiseSd.resize(reflectance.size());
        for (std::size_t i = 0; i < reflectance.size(); ++i) {
            const double electrons = BaselineCounts * ElectronsPerCount * reflectance[i];
            meanCounts[i] = float(gain * electrons / ElectronsPerCount);
            const double shotCounts = gain * std::sqrt(electrons) / ElectronsPerCount;
            noiseSd[i] = float(std::sqrt(shotCounts * shotCounts + ReadNoiseCounts * ReadNoiseCounts));
        }
    }

    SyntheticCortex cortex;
    HemodynamicResponse response;
    ResponseImage image;
    GaussianNoise noise;
    std::vector<float> meanCounts; // per pixel, at the resting level
    std::vector<float> noiseSd;    // per pixel, counts
    std::vector<float> rowResponse;
};

SimulatedCamera::SimulatedCamera(SimulatedCameraOptions options)
    : m_options(std::move(options)), m_createdNs(acq::hostNowNs())
{
    m_settings.pixelFormat = acq::PixelFormat::Mono12;
    configure(m_settings);
}

SimulatedCamera::~SimulatedCamera() = default;

acq::CameraDescription SimulatedCamera::description() const
{
    return {"sim", "Macroscope", "Simulated ISI camera", "SIM-" + std::to_string(m_options.seed), 12};
}

void SimulatedCamera::configure(const acq::CameraSettings &settings)
{
    if (m_running)
        refuse("cannot be configured while running; stop it first");
    const acq::CameraSettings s = validated(settings);
    if (!m_model || s.width != m_settings.width || s.height != m_settings.height)
        m_model = std::make_unique<Model>(m_options.seed, s.width, s.height);
    m_model->setGain(s.gainDb);
    m_settings = s;
}

acq::CameraSettings SimulatedCamera::settings() const
{
    return m_settings;
}

void SimulatedCamera::start()
{
    m_startNs = acq::hostNowNs();
    m_nextFrame = 0;
    // The cortex has been seeing the screen before recording starts: catch up on the last seconds.
    m_model->response.reset(m_startNs - HemodynamicHistoryNs);
    m_running = true;
}

void SimulatedCamera::stop()
{
    m_running = false;
}

std::int64_t SimulatedCamera::frameTimeNs(std::uint64_t frame) const
{
    return m_startNs + std::llround(double(frame) * 1e9 / m_settings.frameRateHz);
}

std::optional<acq::FrameInfo> SimulatedCamera::grab(std::span<std::uint16_t> pixels,
                                                    std::chrono::milliseconds timeout)
{
    if (!m_running)
        refuse("grab() called while not started");
    const std::size_t expected = std::size_t(m_settings.width) * std::size_t(m_settings.height);
    if (pixels.size() != expected)
        refuse("the frame buffer holds " + std::to_string(pixels.size()) + " pixels, a " +
               std::to_string(m_settings.width) + " × " + std::to_string(m_settings.height) + " frame needs " +
               std::to_string(expected));

    const std::int64_t now = acq::hostNowNs();
    if (now >= m_startNs) {
        const auto newest = std::uint64_t(double(now - m_startNs) * 1e-9 * m_settings.frameRateHz);
        if (newest >= m_nextFrame + BufferedFrames)
            m_nextFrame = newest + 1 - BufferedFrames;
    }
    const std::int64_t due = frameTimeNs(m_nextFrame);
    const std::int64_t deadline = now + std::chrono::nanoseconds(timeout).count();
    using Clock = std::chrono::steady_clock;
    if (due > deadline) {
        std::this_thread::sleep_until(Clock::time_point(std::chrono::nanoseconds(deadline)));
        return std::nullopt;
    }
    std::this_thread::sleep_until(Clock::time_point(std::chrono::nanoseconds(due)));
    render(due, pixels);
    return acq::FrameInfo{m_nextFrame++, due - m_startNs, due};
}

void SimulatedCamera::render(std::int64_t timeNs, std::span<std::uint16_t> pixels)
{
    Model &m = *m_model;
    // Slow drift of the whole preparation as it settles (up to ±3 %, about linear over the first 10 min and
    // levelling off over an hour) and vasomotion near 0.1 Hz, both global and multiplicative, as from blood
    // volume and illumination.
    const std::uint64_t seed = m_options.seed;
    const double ageS = double(timeNs - m_createdNs) * 1e-9;
    const double drift = (seededUnit(seed, 1) * 2 - 1) * 0.03 * (1 - std::exp(-ageS / 3600));
    const double vasomotionHz = 0.09 + 0.02 * seededUnit(seed, 2);
    const double vasomotionPhase = 2 * std::numbers::pi * seededUnit(seed, 3);
    const double vasomotion =
        VasomotionAmplitude * std::sin(2 * std::numbers::pi * vasomotionHz * ageS + vasomotionPhase);
    const auto level = float(1 + drift + vasomotion);

    bool responding = false;
    if (m_options.stimulus) {
        m.response.advance(*m_options.stimulus, timeNs);
        m.image.update(m.response);
        responding = !m.image.silent();
    }
    if (!responding)
        std::fill(m.rowResponse.begin(), m.rowResponse.end(), 0.0f);

    const auto width = std::size_t(m_settings.width);
    for (int row = 0; row < m_settings.height; ++row) {
        if (responding)
            m.image.row(row, m.rowResponse);
        const std::span<const float> noise = m.noise.next(width);
        const std::size_t first = std::size_t(row) * width;
        const float *mean = &m.meanCounts[first];
        const float *sd = &m.noiseSd[first];
        const float *response = m.rowResponse.data();
        std::uint16_t *out = &pixels[first];
        for (std::size_t x = 0; x < width; ++x) {
            const float counts = mean[x] * (level + response[x]) + sd[x] * noise[x];
            out[x] = std::uint16_t(std::clamp(counts + 0.5f, 0.0f, float(LargestCount)));
        }
    }
}

std::vector<acq::StatusReading> SimulatedCamera::status()
{
    // A sensor warming from room temperature toward its steady state (time constant 15 min), with a small
    // wobble from the room's air conditioning, reported in 0.1 °C steps as sensors do.
    const double ageS = double(acq::hostNowNs() - m_createdNs) * 1e-9;
    const double celsius = 24 + 9 * (1 - std::exp(-ageS / 900)) +
                           0.08 * std::sin(2 * std::numbers::pi * ageS / 240 + 6 * seededUnit(m_options.seed, 4));
    return {{"sensor_temperature", "degC", std::round(celsius * 10) / 10}};
}

void SimulatedCamera::writeCameraData(h5::Group &group) const
{
    // The analysis reports areas in mm² from this, as a rig's camera would from its calibrated optics.
    group.attributes().set("pixel_size_um", m_model->cortex.geometry().pixelSizeMm * 1000);
    const h5::Group truth = group.createGroup("ground_truth");
    m_model->cortex.writeMaps(truth);
    const h5::Attributes attributes = truth.attributes();
    attributes.set("description",
                   "the simulated camera's cortex: retinotopic maps, areas and reflectance per pixel of the "
                   "recorded frames, and the response model (hardware/camera/ in Macroscope's sources)");
    attributes.set("seed", m_options.seed);
    attributes.set("baseline_counts", BaselineCounts);
    attributes.set("gain_db", m_settings.gainDb);
    attributes.set("field_of_view_mm", ImagingGeometry::FieldOfViewMm);
    attributes.set("pixel_size_mm", m_model->cortex.geometry().pixelSizeMm);
    attributes.set("response_amplitude", ResponseImage::Amplitude);
    attributes.set("response_amplitude_meaning",
                   "ΔR/R in V1 for a bar held on the receptive field; a bar sweeping at 9 deg/s peaks at about "
                   "0.6 of it, hemodynamic_delay_s + 1.4 s after crossing");
    nlohmann::json scales = nlohmann::json::array();
    for (int area = 0; area < VisualAreaCount; ++area)
        scales.push_back(responseScale(VisualArea(area)));
    attributes.set("area_response_scale", scales);
    attributes.set("rf_sigma_deg", HemodynamicModel::ReceptiveFieldSigmaDeg);
    attributes.set("hemodynamic_delay_s", HemodynamicModel::DelayS);
    attributes.set("hemodynamic_time_constant_s", HemodynamicModel::TimeConstantS);
    attributes.set("hemodynamic_model", "a pure delay, then two first-order low-pass stages with the time "
                                        "constant each (a gamma variate of shape 2)");
    attributes.set("scatter_sigma_mm", ResponseImage::ScatterSigmaMm);
}

} // namespace hw
