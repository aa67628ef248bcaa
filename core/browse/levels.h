#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace browse {

// How the values that become the darkest and the brightest colour are chosen from the data.
enum class LevelsMode { MinMax, Percentiles, MeanSigma };

struct LevelsRule {
    LevelsMode mode = LevelsMode::Percentiles;
    // Percent of the values below each level (numpy.percentile's linear interpolation): a few hot or dead
    // pixels do not flatten the picture, as they do with min/max.
    double lowPercentile = 0.5;
    double highPercentile = 99.5;
    // Mean ± sigmas × the standard deviation (numpy.std, ddof = 0), kept inside the data's range.
    double sigmas = 3;
};

// The values shown as the first and the last colour of the map.
struct Levels {
    double low = 0;
    double high = 1;
};

// How values between the levels spread over the colour map. Log spreads decades evenly and shows no
// colour for values ≤ 0; Sqrt (matplotlib's PowerNorm(0.5)) widens the dark end.
enum class ValueScale { Linear, Log, Sqrt };

// A rectangle of a row-major image, in pixels.
struct ImageRegion {
    std::size_t left = 0;
    std::size_t top = 0;
    std::size_t width = 0;
    std::size_t height = 0;
};

// Levels by `rule` from the values a picture on `scale` shows: the finite ones, and on Log only the
// positive ones. None when there is no such value. Levels may be equal (a flat frame); scalePosition()
// handles that. Percentiles are exact, found by radix selection in two passes: about 10 ms for a
// 2048 × 2048 frame, where copying and std::nth_element take 70.
std::optional<Levels> autoLevels(std::span<const float> values, const LevelsRule &rule,
                                 ValueScale scale = ValueScale::Linear);
// The same from `region` of the row-major image `image`, `imageWidth` pixels wide (the part of a zoomed
// picture on screen). The region is clipped to the image.
std::optional<Levels> autoLevels(std::span<const float> image, std::size_t imageWidth, const ImageRegion &region,
                                 const LevelsRule &rule, ValueScale scale = ValueScale::Linear);

enum class BinSpacing { Even, Logarithmic };

// Counts of values in `counts.size()` bins from `low` to `high`, evenly spaced in value or, Logarithmic,
// in log10(value).
struct Histogram {
    double low = 0;
    double high = 0;
    BinSpacing spacing = BinSpacing::Even;
    std::vector<std::uint32_t> counts;
};

// The finite values within [low, high] (both ends included) in `bins` bins; others are left out, as are
// values ≤ 0 when Logarithmic (which needs 0 < low). Equal `low` and `high` put every value equal to them
// in the first bin.
Histogram histogram(std::span<const float> values, double low, double high, int bins,
                    BinSpacing spacing = BinSpacing::Even);

// The low level a Log scale uses: levels.low, or when that is ≤ 0 the high level / 10⁶ (six decades), so
// that typed levels never blank the picture. With a high level ≤ 0 nothing has a colour on Log.
double logScaleLow(const Levels &levels);

// Where `value` falls between the levels on `scale`: 0 at the low level, 1 at the high one, clamped
// (±inf go to the ends); NaN for a value that has no colour (NaN, and ≤ 0 on Log). Equal levels give 0
// below them, 1 above and 0.5 at them. Log starts at logScaleLow().
double scalePosition(double value, const Levels &levels, ValueScale scale);

// scalePosition() for a whole frame as colour-table indices: 0 … ShownIndexCount − 1 from the low level
// to the high one (rounded), NoColourIndex where the position is NaN. `indices` has values.size() bytes.
inline constexpr int ShownIndexCount = 255;
inline constexpr std::uint8_t NoColourIndex = 255;
void colourIndices(std::span<const float> values, const Levels &levels, ValueScale scale,
                   std::span<std::uint8_t> indices);

} // namespace browse
