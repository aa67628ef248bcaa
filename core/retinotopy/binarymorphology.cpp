#include "core/retinotopy/binarymorphology.h"

#include <opencv2/imgproc.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace retino {

namespace {

cv::Mat1b binarised(const cv::Mat1b &image)
{
    cv::Mat1b result;
    cv::compare(image, 0, result, cv::CMP_NE);
    return result;
}

const cv::Mat &cross()
{
    static const cv::Mat element = cv::getStructuringElement(cv::MORPH_CROSS, cv::Size(3, 3));
    return element;
}

// OpenCV applies a non-rectangular element `iterations` times, filling the outside with the border value
// before each pass: scipy's border_value=0 for both operations.
cv::Mat1b erode(const cv::Mat1b &image, int iterations)
{
    cv::Mat1b result;
    cv::erode(image, result, cross(), cv::Point(-1, -1), iterations, cv::BORDER_CONSTANT, cv::Scalar::all(0));
    return result;
}

cv::Mat1b dilate(const cv::Mat1b &image, int iterations)
{
    cv::Mat1b result;
    cv::dilate(image, result, cross(), cv::Point(-1, -1), iterations, cv::BORDER_CONSTANT, cv::Scalar::all(0));
    return result;
}

// scikit-image's removal table for its Zhang–Suen thinning (skimage/morphology/_skeletonize_cy.pyx),
// indexed by the 8 neighbours as bits NW=1, N=2, NE=4, E=8, SE=16, S=32, SW=64, W=128: 1 removes the
// pixel in the first sub-iteration, 2 in the second, 3 in both. It is not the textbook Zhang–Suen condition
// (it removes more corner pixels), and the Allen borders are only reproduced with this table.
constexpr std::array<std::uint8_t, 256> thinningTable = {
    0, 0, 0, 1, 0, 0, 1, 3, 0, 0, 3, 1, 1, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 3, 0, 3, 3,
    0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 3, 0, 2, 2,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 3, 0, 2, 0,
    0, 0, 3, 1, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 3, 1, 3, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    2, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 0, 1, 0, 0, 0, 0, 2, 2, 0, 0, 2, 0, 0, 0,
};

} // namespace

cv::Mat1b binaryErode(const cv::Mat1b &image, int iterations)
{
    return erode(binarised(image), iterations);
}

cv::Mat1b binaryDilate(const cv::Mat1b &image, int iterations)
{
    return dilate(binarised(image), iterations);
}

cv::Mat1b binaryOpen(const cv::Mat1b &image, int iterations)
{
    return dilate(erode(binarised(image), iterations), iterations);
}

cv::Mat1b binaryClose(const cv::Mat1b &image, int iterations)
{
    return erode(dilate(binarised(image), iterations), iterations);
}

int labelComponents(const cv::Mat1b &image, cv::Mat1i &labels)
{
    return cv::connectedComponents(image, labels, 4, CV_32S) - 1;
}

cv::Mat1b skeletonize(const cv::Mat1b &image)
{
    // A one-pixel frame of background spares the neighbour look-ups any bounds checks.
    const int cols = image.cols + 2;
    std::vector<std::uint8_t> skeleton(static_cast<std::size_t>(image.rows + 2) * static_cast<std::size_t>(cols), 0);
    std::vector<int> set; // foreground pixels still standing, in raster order
    for (int r = 0; r < image.rows; ++r) {
        const std::uint8_t *row = image[r];
        for (int c = 0; c < image.cols; ++c)
            if (row[c]) {
                const int at = (r + 1) * cols + c + 1;
                skeleton[static_cast<std::size_t>(at)] = 1;
                set.push_back(at);
            }
    }
    const auto pixel = [&](int at) { return skeleton[static_cast<std::size_t>(at)]; };
    std::vector<int> removals;
    bool removed = true;
    while (removed) {
        removed = false;
        for (int pass = 0; pass < 2; ++pass) {
            // Every decision of a sub-iteration sees the image as the previous one left it.
            removals.clear();
            for (const int at : set) {
                const int code = pixel(at - cols - 1) | pixel(at - cols) << 1 | pixel(at - cols + 1) << 2
                                 | pixel(at + 1) << 3 | pixel(at + cols + 1) << 4 | pixel(at + cols) << 5
                                 | pixel(at + cols - 1) << 6 | pixel(at - 1) << 7;
                const int kind = thinningTable[static_cast<std::size_t>(code)];
                if (kind == 3 || kind == pass + 1)
                    removals.push_back(at);
            }
            if (removals.empty())
                continue;
            removed = true;
            for (const int at : removals)
                skeleton[static_cast<std::size_t>(at)] = 0;
            std::erase_if(set, [&](int at) { return !pixel(at); });
        }
    }
    cv::Mat1b result(image.size(), std::uint8_t{0});
    for (const int at : set)
        result(at / cols - 1, at % cols - 1) = 255;
    return result;
}

} // namespace retino
