#include "core/retinotopy/patchmask.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace retino {

PatchMask cropped(const cv::Mat1b &image, cv::Point origin)
{
    const cv::Rect content = cv::boundingRect(image);
    PatchMask patch;
    if (content.empty())
        return patch;
    patch.box = content + origin;
    cv::compare(image(content), 0, patch.mask, cv::CMP_NE);
    patch.area = cv::countNonZero(patch.mask);
    return patch;
}

cv::Rect grown(const cv::Rect &box, int margin, cv::Size mapSize)
{
    const cv::Rect wide(box.x - margin, box.y - margin, box.width + 2 * margin, box.height + 2 * margin);
    return wide & cv::Rect(cv::Point(0, 0), mapSize);
}

cv::Mat1b painted(std::initializer_list<const PatchMask *> patches, const cv::Rect &box)
{
    cv::Mat1b image(box.size(), std::uint8_t{0});
    for (const PatchMask *patch : patches) {
        const cv::Rect overlap = patch->box & box;
        if (overlap.empty())
            continue;
        cv::Mat1b target = image(overlap - box.tl());
        cv::bitwise_or(target, patch->mask(overlap - patch->box.tl()), target);
    }
    return image;
}

} // namespace retino
