#include "core/retinotopy/mapimages.h"

#include "core/error.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace retino {

namespace {

// Grey levels spanning the 1st to 99th percentile of the finite values.
cv::Mat1b stretched(const cv::Mat &map)
{
    cv::Mat1f values;
    map.convertTo(values, CV_32F);
    std::vector<float> finite;
    for (float v : values)
        if (std::isfinite(v))
            finite.push_back(v);
    cv::Mat1b grey(values.size(), uchar(0));
    if (finite.empty())
        return grey;
    std::sort(finite.begin(), finite.end());
    const float low = finite[finite.size() / 100], high = finite[finite.size() * 99 / 100];
    const float scale = high > low ? 255.0f / (high - low) : 0.0f;
    for (int i = 0; i < int(values.total()); ++i)
        grey(i) = std::isfinite(values(i)) ? cv::saturate_cast<uchar>((values(i) - low) * scale) : 0;
    return grey;
}

// A position map in a cyclic colormap over its own range, brightness following the power.
cv::Mat3b positionImage(const cv::Mat1f &position, const cv::Mat1f &power)
{
    const cv::Mat1b grey = stretched(position);
    cv::Mat3b colour;
    cv::applyColorMap(grey, colour, cv::COLORMAP_TWILIGHT_SHIFTED);
    for (int i = 0; i < int(position.total()); ++i) {
        const float weight = !std::isfinite(position(i)) ? 0.0f : power.empty() ? 1.0f : std::clamp(power(i), 0.0f, 1.0f);
        colour(i) *= weight;
    }
    return colour;
}

cv::Mat3b signImage(const RetinotopyResult &result)
{
    const cv::Mat1b background = stretched(result.maps.meanFrame);
    cv::Mat3b image;
    cv::cvtColor(background, image, cv::COLOR_GRAY2BGR);
    const Segmentation &s = result.segmentation;
    if (s.signMapFiltered.empty())
        return image;
    for (int i = 0; i < int(image.total()); ++i) {
        const double sign = s.signMapFiltered(i);
        if (!std::isfinite(sign))
            continue;
        const cv::Vec3f tint = sign > 0 ? cv::Vec3f(60, 60, 230) : cv::Vec3f(230, 90, 40); // BGR: red +, blue −
        const float alpha = float(std::min(1.0, std::abs(sign))) * 0.6f;
        const cv::Vec3f mixed = cv::Vec3f(image(i)) * (1 - alpha) + tint * alpha;
        image(i) = cv::Vec3b(cv::saturate_cast<uchar>(mixed[0]), cv::saturate_cast<uchar>(mixed[1]),
                             cv::saturate_cast<uchar>(mixed[2]));
    }
    image.setTo(cv::Scalar(255, 255, 255), s.borders);
    for (std::size_t p = 0; p < s.patches.size(); ++p) {
        const cv::Point at(int(s.patches[p].centroidRc.y), int(s.patches[p].centroidRc.x));
        const std::string label = std::to_string(p + 1) + (s.patches[p].sign > 0 ? "+" : "-");
        cv::putText(image, label, at, cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar(0, 0, 0), 3, cv::LINE_AA);
        cv::putText(image, label, at, cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar(255, 255, 255), 1, cv::LINE_AA);
    }
    return image;
}

void write(const std::filesystem::path &file, const cv::Mat &image, std::vector<std::filesystem::path> &written)
{
    if (image.empty())
        return;
    bool ok = false;
    try {
        ok = cv::imwrite(file.string(), image);
    } catch (const cv::Exception &error) {
        throw core::Error(file.string() + ": cannot write the image: " + error.what());
    }
    if (!ok)
        throw core::Error(file.string() + ": cannot write the image");
    written.push_back(file);
}

} // namespace

std::vector<std::filesystem::path> writeMapImages(const RetinotopyResult &result, const std::filesystem::path &folder)
{
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error)
        throw core::Error(folder.string() + ": cannot create the folder: " + error.message());
    std::vector<std::filesystem::path> written;
    const RetinotopyMaps &m = result.maps;
    if (!m.azimuthDeg.empty())
        write(folder / "azimuth.png", positionImage(m.azimuthDeg, m.azimuthPower), written);
    if (!m.altitudeDeg.empty())
        write(folder / "altitude.png", positionImage(m.altitudeDeg, m.altitudePower), written);
    write(folder / "mean_frame.png", stretched(m.meanFrame), written);
    if (!result.segmentation.signMap.empty())
        write(folder / "sign_map.png", signImage(result), written);
    return written;
}

} // namespace retino
