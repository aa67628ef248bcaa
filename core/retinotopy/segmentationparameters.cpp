#include "core/retinotopy/segmentationparameters.h"

#include "core/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <limits>

namespace retino {

namespace {

using nlohmann::json;

// How a key's value is read: Length and Count accept {"um": X}, Area accepts {"um2": X}; Count values are
// whole numbers of one-pixel morphology steps.
enum class Unit { Length, Count, Area, Plain, PlainCount };

struct Field {
    const char *key;
    Unit unit;
    double minimum;
    double maximum;
    double SegmentationParameters::*number;
    int SegmentationParameters::*count;
};

constexpr double unbounded = std::numeric_limits<double>::infinity();
// Iteration counts beyond this only cost time: every patch has long merged with its neighbours.
constexpr double maxIterations = 10000;

// Closing, opening and dilation need at least one step: the reference (scipy.ndimage) reads 0 iterations as
// "repeat until nothing changes", which erases every patch or floods the whole map. The visual-space grid
// below 0.05° would hold millions of cells for no gain in precision.
const Field fields[] = {
    {"phaseMapFilterSigma", Unit::Length, 0, unbounded, &SegmentationParameters::phaseMapFilterSigma, nullptr},
    {"signMapFilterSigma", Unit::Length, 0, unbounded, &SegmentationParameters::signMapFilterSigma, nullptr},
    {"signMapThr", Unit::Plain, 0, 1, &SegmentationParameters::signMapThr, nullptr},
    {"eccMapFilterSigma", Unit::Length, 0, unbounded, &SegmentationParameters::eccMapFilterSigma, nullptr},
    {"splitLocalMinCutStep", Unit::Plain, 1e-3, 360, &SegmentationParameters::splitLocalMinCutStep, nullptr},
    {"closeIter", Unit::Count, 1, maxIterations, nullptr, &SegmentationParameters::closeIter},
    {"openIter", Unit::Count, 1, maxIterations, nullptr, &SegmentationParameters::openIter},
    {"dilationIter", Unit::Count, 1, maxIterations, nullptr, &SegmentationParameters::dilationIter},
    {"borderWidth", Unit::Count, 1, maxIterations, nullptr, &SegmentationParameters::borderWidth},
    {"smallPatchThr", Unit::Area, 0, unbounded, &SegmentationParameters::smallPatchThr, nullptr},
    {"visualSpacePixelSize", Unit::Plain, 0.05, 100, &SegmentationParameters::visualSpacePixelSize, nullptr},
    {"visualSpaceCloseIter", Unit::PlainCount, 0, maxIterations, nullptr, &SegmentationParameters::visualSpaceCloseIter},
    {"splitOverlapThr", Unit::Plain, 0, unbounded, &SegmentationParameters::splitOverlapThr, nullptr},
    {"mergeOverlapThr", Unit::Plain, 0, unbounded, &SegmentationParameters::mergeOverlapThr, nullptr},
};

const char *pixelSizeKey = "pixelSizeUm";

[[noreturn]] void fail(const std::string &key, const std::string &problem)
{
    throw core::Error("segmentation parameter '" + key + "': " + problem);
}

std::string numberText(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

std::string allowedForm(const Field &field)
{
    switch (field.unit) {
    case Unit::Length:
        return "a number of pixels or {\"um\": X}";
    case Unit::Count:
        return "a whole number of iterations or {\"um\": X}";
    case Unit::Area:
        return "a number of px² or {\"um2\": X}";
    case Unit::PlainCount:
        return "a whole number of iterations";
    case Unit::Plain:
        break;
    }
    return "a number";
}

// The value in pixel units, before the range check.
double pixelValue(const Field &field, const json &value, double pixelSizeUm)
{
    if (value.is_number())
        return value.get<double>();
    const bool micrometres = field.unit == Unit::Length || field.unit == Unit::Count || field.unit == Unit::Area;
    const char *unitKey = field.unit == Unit::Area ? "um2" : "um";
    if (!micrometres || !value.is_object() || value.size() != 1 || !value.contains(unitKey)
        || !value.at(unitKey).is_number())
        fail(field.key, "must be " + allowedForm(field) + ", got " + value.dump());
    const double um = value.at(unitKey).get<double>();
    if (um < 0)
        fail(field.key, std::string("must not be negative, got ") + unitKey + " " + numberText(um));
    if (std::isnan(pixelSizeUm))
        fail(field.key, value.dump() + " needs the pixel size in µm (a \"" + pixelSizeKey
                            + "\" key or the caller's pixel size)");
    return field.unit == Unit::Area ? um / (pixelSizeUm * pixelSizeUm) : um / pixelSizeUm;
}

void apply(const Field &field, const json &value, double pixelSizeUm, SegmentationParameters &parameters)
{
    double pixels = pixelValue(field, value, pixelSizeUm);
    const bool counted = field.unit == Unit::Count || field.unit == Unit::PlainCount;
    if (counted) {
        if (!value.is_number())
            pixels = std::round(pixels);
        else if (pixels != std::floor(pixels))
            fail(field.key, "must be " + allowedForm(field) + ", got " + value.dump());
    }
    if (!(pixels >= field.minimum && pixels <= field.maximum)) {
        std::string range = field.maximum == unbounded ? "at least " + numberText(field.minimum)
                                                       : "between " + numberText(field.minimum) + " and "
                                                             + numberText(field.maximum);
        std::string got = value.dump();
        if (!value.is_number())
            got += ", " + numberText(pixels) + (counted ? " after rounding" : " in pixels");
        fail(field.key, "must be " + range + ", got " + got);
    }
    if (counted)
        parameters.*field.count = static_cast<int>(pixels);
    else
        parameters.*field.number = pixels;
}

} // namespace

const std::vector<std::string> &SegmentationParameters::keys()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> list;
        for (const Field &field : fields)
            list.emplace_back(field.key);
        return list;
    }();
    return names;
}

SegmentationParameters SegmentationParameters::fromJson(const json &document, double pixelSizeUm,
                                                        const std::set<std::string> &alsoAllowed)
{
    if (!document.is_object())
        throw core::Error(std::string("segmentation parameters must be a JSON object, got ") + document.type_name());
    if (std::isnan(pixelSizeUm) && document.contains(pixelSizeKey)) {
        const json &size = document.at(pixelSizeKey);
        if (!size.is_number() || !(size.get<double>() > 0) || !std::isfinite(size.get<double>()))
            fail(pixelSizeKey, "must be a positive number of µm, got " + size.dump());
        pixelSizeUm = size.get<double>();
    }
    SegmentationParameters parameters;
    for (const auto &[key, value] : document.items()) {
        if (key == pixelSizeKey || alsoAllowed.contains(key))
            continue;
        const Field *field = nullptr;
        for (const Field &candidate : fields)
            if (key == candidate.key)
                field = &candidate;
        if (!field) {
            std::string valid;
            for (const std::string &name : keys())
                valid += (valid.empty() ? "" : ", ") + name;
            throw core::Error("unknown segmentation parameter '" + key + "' (valid: " + valid + ", " + pixelSizeKey
                              + ")");
        }
        apply(*field, value, pixelSizeUm, parameters);
    }
    return parameters;
}

json SegmentationParameters::toJson() const
{
    json document = json::object();
    for (const Field &field : fields) {
        if (field.count)
            document[field.key] = this->*field.count;
        else
            document[field.key] = this->*field.number;
    }
    return document;
}

void SegmentationParameters::validate() const
{
    fromJson(toJson(), std::nan(""));
}

} // namespace retino
