#include "ui/browser/views/colormaps.h"

#include "ui/retinotopy/cycliccolormap.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <numbers>

namespace ui {

namespace {

const QString CyclicOklabName = QStringLiteral("cyclic (OKLab)");

// OpenCV's copies of matplotlib's maps, read off by mapping a ramp of every index: no table pasted here.
ColourMap fromOpenCv(const QString &name, cv::ColormapTypes map, bool cyclic)
{
    cv::Mat ramp(1, ColourMap::Size, CV_8UC1);
    for (int i = 0; i < ColourMap::Size; ++i)
        ramp.at<std::uint8_t>(0, i) = std::uint8_t(i);
    cv::Mat bgr;
    cv::applyColorMap(ramp, bgr, map);
    ColourMap result{name, {}, cyclic};
    for (int i = 0; i < ColourMap::Size; ++i) {
        const auto pixel = bgr.at<cv::Vec3b>(0, i);
        result.colours[std::size_t(i)] = qRgb(pixel[2], pixel[1], pixel[0]);
    }
    return result;
}

ColourMap gray()
{
    ColourMap result{QStringLiteral("gray"), {}, false};
    for (int i = 0; i < ColourMap::Size; ++i)
        result.colours[std::size_t(i)] = qRgb(i, i, i);
    return result;
}

ColourMap cyclicOklab()
{
    ColourMap result{CyclicOklabName, {}, true};
    for (int i = 0; i < ColourMap::Size; ++i)
        result.colours[std::size_t(i)] = CyclicColorMap::instance().at(double(i) / ColourMap::Size);
    return result;
}

// The length of one cycle in `units`, or 0 for units that are not an angle.
double cycleIn(const QString &units)
{
    const QString unit = units.trimmed().toLower();
    if (unit == QLatin1String("rad") || unit == QLatin1String("radian") || unit == QLatin1String("radians"))
        return 2 * std::numbers::pi;
    if (unit == QLatin1String("deg") || unit == QLatin1String("degree") || unit == QLatin1String("degrees") ||
        unit == QStringLiteral("°"))
        return 360;
    return 0;
}

} // namespace

QRgb ColourMap::at(double position) const
{
    return colours[std::size_t(std::clamp(int(position * (Size - 1) + 0.5), 0, Size - 1))];
}

const std::vector<ColourMap> &colourMaps()
{
    static const std::vector<ColourMap> maps{
        gray(),
        fromOpenCv(QStringLiteral("viridis"), cv::COLORMAP_VIRIDIS, false),
        fromOpenCv(QStringLiteral("magma"), cv::COLORMAP_MAGMA, false),
        fromOpenCv(QStringLiteral("inferno"), cv::COLORMAP_INFERNO, false),
        fromOpenCv(QStringLiteral("plasma"), cv::COLORMAP_PLASMA, false),
        fromOpenCv(QStringLiteral("cividis"), cv::COLORMAP_CIVIDIS, false),
        fromOpenCv(QStringLiteral("turbo"), cv::COLORMAP_TURBO, false),
        cyclicOklab(),
        fromOpenCv(QStringLiteral("twilight"), cv::COLORMAP_TWILIGHT, true),
        fromOpenCv(QStringLiteral("hsv"), cv::COLORMAP_HSV, true),
    };
    return maps;
}

const ColourMap &colourMapNamed(const QString &name)
{
    const std::vector<ColourMap> &maps = colourMaps();
    const auto found = std::find_if(maps.begin(), maps.end(), [&](const ColourMap &map) { return map.name == name; });
    return found != maps.end() ? *found : maps.front();
}

const ColourMap &cyclicColourMap()
{
    return colourMapNamed(CyclicOklabName);
}

bool looksLikePhase(const QString &objectPath, const QString &units, double lowest, double highest)
{
    if (objectPath.section(QLatin1Char('/'), -1).contains(QLatin1String("phase"), Qt::CaseInsensitive))
        return true;
    const double cycle = cycleIn(units);
    const double span = highest - lowest;
    // Wrapped phases fill most of a cycle; a little over one allows for both ends being included.
    return cycle > 0 && span >= cycle / 2 && span <= cycle * 1.05;
}

std::optional<browse::Levels> phaseCycleLevels(const QString &units, double lowest, double highest)
{
    const double cycle = cycleIn(units);
    // Float phases computed as atan2 may land a rounding error beyond ±π.
    const double slack = cycle * 1e-6;
    if (cycle > 0 && lowest >= -cycle / 2 - slack && highest <= cycle / 2 + slack)
        return browse::Levels{-cycle / 2, cycle / 2};
    if (cycle > 0 && lowest >= -slack && highest <= cycle + slack)
        return browse::Levels{0, cycle};
    return std::nullopt;
}

} // namespace ui
