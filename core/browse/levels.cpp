#include "core/browse/levels.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>

namespace browse {

namespace {

constexpr float Infinity = std::numeric_limits<float>::infinity();
constexpr float Largest = std::numeric_limits<float>::max();

// The values a computation visits: rows of a row-major image. A whole span is a single row, so that the
// full-frame and the visible-region levels are one computation.
struct Rows {
    const float *first = nullptr;
    std::size_t stride = 0;
    std::size_t length = 0;
    std::size_t count = 0;

    static Rows of(std::span<const float> values) { return {values.data(), values.size(), values.size(), 1}; }

    template <class Visit>
    void forEachRow(Visit &&visit) const
    {
        for (std::size_t row = 0; row < count; ++row)
            visit(std::span<const float>(first + row * stride, length));
    }
};

// The values a picture shows a colour for, and so the ones its levels come from. Written with comparisons
// only (NaN fails them all), so that loops over them vectorise.
struct FiniteValue {
    static constexpr bool positiveOnly = false;
    bool operator()(float value) const { return std::abs(value) <= Largest; }
};
struct PositiveValue {
    static constexpr bool positiveOnly = true;
    bool operator()(float value) const { return value > 0 && value <= Largest; }
};

struct Summary {
    std::uint64_t count = 0;
    double lowest = 0;
    double highest = 0;
    double mean = 0;      // only with Moments::With
    double deviation = 0; // likewise
};

// Summing for the mean and deviation makes the pass half as slow again; min/max levels and a histogram's
// range do without.
enum class Moments { Without, With };

template <class Shown, Moments moments>
Summary summarise(const Rows &rows)
{
    const Shown shown;
    // Differences from one of the values are summed, so that a large common offset (a camera's dark
    // level) does not swamp the variance in rounding.
    float origin = Infinity;
    rows.forEachRow([&](std::span<const float> row) {
        if (origin == Infinity)
            if (const auto found = std::find_if(row.begin(), row.end(), shown); found != row.end())
                origin = *found;
    });
    if (origin == Infinity)
        return {};

    float lowest = Infinity, highest = -Infinity;
    double sum = 0, squares = 0;
    std::uint64_t count = 0;
    rows.forEachRow([&](std::span<const float> row) {
        const float *values = row.data();
        // Vectorised (-fopenmp-simd): the reductions may be reordered, which GCC does not do by itself.
#pragma omp simd reduction(min : lowest) reduction(max : highest) reduction(+ : sum, squares, count)
        for (std::size_t i = 0; i < row.size(); ++i) {
            const float value = values[i];
            const bool isShown = shown(value);
            lowest = std::min(lowest, isShown ? value : Infinity);
            highest = std::max(highest, isShown ? value : -Infinity);
            count += isShown ? 1 : 0;
            if constexpr (moments == Moments::With) {
                const double difference = isShown ? double(value - origin) : 0.0;
                sum += difference;
                squares += difference * difference;
            }
        }
    });
    const auto n = double(count);
    const double meanDifference = sum / n;
    return {count, lowest, highest, origin + meanDifference,
            std::sqrt(std::max(0.0, squares / n - meanDifference * meanDifference))};
}

// A float's bits as an unsigned number that orders as the float does (negatives reversed, then the
// sign bit set on positives): NaN and ±inf land beyond the finite values, at either end.
std::uint32_t orderKey(float value)
{
    const auto bits = std::bit_cast<std::uint32_t>(value);
    return bits ^ (std::uint32_t(std::int32_t(bits) >> 31) | 0x8000'0000u);
}

float fromOrderKey(std::uint32_t key)
{
    return std::bit_cast<float>(key & 0x8000'0000u ? key & 0x7fff'ffffu : ~key);
}

// The keys' top halves that hold only shown values: from −FLT_MAX (or the smallest positive value) to
// FLT_MAX. The first positive half also holds +0, which Log leaves out.
constexpr std::uint32_t FirstFiniteHalf = 0x0080;
constexpr std::uint32_t FirstPositiveHalf = 0x8000;
constexpr std::uint32_t LastShownHalf = 0xff7f;
constexpr std::uint32_t PositiveZeroKey = 0x8000'0000u;

// Exact order statistics of the shown values by radix selection: one pass counts the keys' top 16 bits,
// which finds the top half of each wanted rank's key; a second counts the low 16 bits of the keys with
// those top halves. Two passes and no sort, however the values are distributed. Counts fit 32 bits: a
// frame holds fewer than 2³² values.
template <class Shown>
class RadixSelection {
public:
    explicit RadixSelection(const Rows &rows) : m_rows(rows), m_counts(Halves, 0)
    {
        std::uint32_t positiveZeros = 0;
        rows.forEachRow([&](std::span<const float> row) {
            for (const float value : row) {
                ++m_counts[orderKey(value) >> 16];
                if constexpr (Shown::positiveOnly)
                    positiveZeros += std::bit_cast<std::uint32_t>(value) == 0 ? 1 : 0;
            }
        });
        if constexpr (Shown::positiveOnly)
            m_counts[FirstPositiveHalf] -= positiveZeros;
        for (std::uint32_t half = FirstShownHalf; half <= LastShownHalf; ++half)
            m_shownCount += m_counts[half];
    }

    std::uint64_t shownCount() const { return m_shownCount; }

    // The values of rank `ranks` (0-based, ascending, each below shownCount()).
    std::vector<double> valuesOfRanks(const std::vector<std::uint64_t> &ranks) const
    {
        struct Place {
            std::uint32_t half;
            std::uint64_t rankInHalf;
        };
        std::vector<Place> places;
        std::uint32_t half = FirstShownHalf;
        std::uint64_t before = 0;
        for (const std::uint64_t rank : ranks) {
            while (half < LastShownHalf && before + m_counts[half] <= rank)
                before += m_counts[half++];
            places.push_back({half, rank - before});
        }

        std::vector<std::int8_t> slotOfHalf(Halves, -1);
        std::vector<std::vector<std::uint32_t>> lowCounts;
        for (const Place &place : places) {
            if (slotOfHalf[place.half] < 0) {
                slotOfHalf[place.half] = std::int8_t(lowCounts.size());
                lowCounts.emplace_back(Halves, 0);
            }
        }
        m_rows.forEachRow([&](std::span<const float> row) {
            for (const float value : row) {
                const std::uint32_t key = orderKey(value);
                if (const std::int8_t slot = slotOfHalf[key >> 16]; slot >= 0)
                    ++lowCounts[std::size_t(slot)][key & 0xffff];
            }
        });
        if constexpr (Shown::positiveOnly)
            if (const std::int8_t slot = slotOfHalf[FirstPositiveHalf]; slot >= 0)
                lowCounts[std::size_t(slot)][PositiveZeroKey & 0xffff] = 0;

        std::vector<double> values;
        for (const Place &place : places) {
            const std::vector<std::uint32_t> &low = lowCounts[std::size_t(slotOfHalf[place.half])];
            std::uint32_t lowHalf = 0;
            std::uint64_t seen = 0;
            while (lowHalf < Halves - 1 && seen + low[lowHalf] <= place.rankInHalf)
                seen += low[lowHalf++];
            values.push_back(fromOrderKey(place.half << 16 | lowHalf));
        }
        return values;
    }

private:
    static constexpr std::size_t Halves = 0x10000;
    static constexpr std::uint32_t FirstShownHalf = Shown::positiveOnly ? FirstPositiveHalf : FirstFiniteHalf;

    Rows m_rows;
    std::vector<std::uint32_t> m_counts;
    std::uint64_t m_shownCount = 0;
};

// numpy.percentile's default ("linear"): the rank p/100 · (n − 1) interpolated between the values on
// either side of it.
template <class Shown>
std::optional<Levels> percentileLevels(const Rows &rows, const LevelsRule &rule)
{
    const RadixSelection<Shown> selection(rows);
    if (selection.shownCount() == 0)
        return std::nullopt;
    const std::uint64_t last = selection.shownCount() - 1;
    struct Rank {
        std::uint64_t below;
        double fraction;
    };
    const auto rankOf = [&](double percent) {
        const double rank = std::clamp(percent, 0.0, 100.0) / 100 * double(last);
        const auto below = std::min(std::uint64_t(rank), last);
        return Rank{below, rank - double(below)};
    };
    const Rank low = rankOf(rule.lowPercentile);
    const Rank high = rankOf(rule.highPercentile);
    std::vector<std::uint64_t> ranks{low.below, std::min(low.below + 1, last), high.below,
                                     std::min(high.below + 1, last)};
    std::sort(ranks.begin(), ranks.end());
    ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
    const std::vector<double> values = selection.valuesOfRanks(ranks);
    const auto valueOfRank = [&](std::uint64_t rank) {
        return values[std::size_t(std::find(ranks.begin(), ranks.end(), rank) - ranks.begin())];
    };
    const auto interpolate = [&](const Rank &rank) {
        const double below = valueOfRank(rank.below);
        return below + rank.fraction * (valueOfRank(std::min(rank.below + 1, last)) - below);
    };
    return Levels{interpolate(low), interpolate(high)};
}

template <class Shown>
std::optional<Levels> levelsOf(const Rows &rows, const LevelsRule &rule)
{
    if (rule.mode == LevelsMode::Percentiles)
        return percentileLevels<Shown>(rows, rule);
    if (rule.mode == LevelsMode::MeanSigma) {
        const Summary summary = summarise<Shown, Moments::With>(rows);
        if (summary.count == 0)
            return std::nullopt;
        return Levels{std::max(summary.mean - rule.sigmas * summary.deviation, summary.lowest),
                      std::min(summary.mean + rule.sigmas * summary.deviation, summary.highest)};
    }
    const Summary summary = summarise<Shown, Moments::Without>(rows);
    if (summary.count == 0)
        return std::nullopt;
    return Levels{summary.lowest, summary.highest};
}

std::optional<Levels> levelsOf(const Rows &rows, const LevelsRule &rule, ValueScale scale)
{
    if (rows.count == 0 || rows.length == 0)
        return std::nullopt;
    return scale == ValueScale::Log ? levelsOf<PositiveValue>(rows, rule) : levelsOf<FiniteValue>(rows, rule);
}

// log2 of a positive normal float to within 1e-7, in arithmetic that vectorises (glibc's log2f is a
// call per value, five times slower over a frame). The value is split into 2^exponent × m with m in
// [√½, √2), and log2(m) = 2/ln 2 · atanh(t) with t = (m − 1)/(m + 1), |t| ≤ 0.172: the series to t⁷
// leaves an error below t⁹/9 · 2.9 ≈ 4e-8.
float log2Positive(float value)
{
    constexpr std::uint32_t SqrtHalfBits = 0x3f35'04f3u;
    const auto bits = std::bit_cast<std::uint32_t>(value);
    const std::int32_t exponent = std::int32_t(bits - SqrtHalfBits) >> 23;
    const float m = std::bit_cast<float>(bits - (std::uint32_t(exponent) << 23));
    const float t = (m - 1) / (m + 1);
    const float t2 = t * t;
    constexpr float TwoOverLn2 = 2.8853900817779268f;
    return float(exponent) + TwoOverLn2 * t * (1 + t2 * (1.0f / 3 + t2 * (1.0f / 5 + t2 * (1.0f / 7))));
}

// scalePosition() with everything that depends only on the levels worked out once, for per-pixel use:
// float arithmetic (a picture needs 255 steps) without a branch, so that loops over it vectorise.
class ScalePositions {
public:
    ScalePositions(const Levels &levels, ValueScale scale)
    {
        float span = 0;
        if (scale != ValueScale::Log) {
            m_origin = float(levels.low);
            span = float(levels.high - levels.low);
        } else if (levels.high > 0) {
            m_origin = log2Positive(float(logScaleLow(levels)));
            span = log2Positive(float(levels.high)) - m_origin;
        } else {
            // Nothing has a colour: a NaN origin makes every position NaN.
            m_origin = NaN;
        }
        // Equal levels: an infinite slope sends values below and above to the ends, and the value at
        // them gets the middle.
        m_perSpan = span != 0 ? 1 / span : Infinity;
        m_atOrigin = span != 0 ? 0.0f : 0.5f;
    }

    // The scale is a template argument so that each per-pixel loop is compiled for one. NaN propagates
    // through every step: it fails every comparison.
    template <ValueScale Scale>
    float at(float value) const
    {
        const float difference = valueOnScale<Scale>(value) - m_origin;
        const float unclamped = difference == 0 ? m_atOrigin : difference * m_perSpan;
        const float aboveLow = unclamped < 0 ? 0.0f : unclamped;
        const float position = aboveLow > 1 ? 1.0f : aboveLow;
        if constexpr (Scale == ValueScale::Sqrt)
            return std::sqrt(position);
        return position;
    }

private:
    static constexpr float NaN = std::numeric_limits<float>::quiet_NaN();

    template <ValueScale Scale>
    static float valueOnScale(float value)
    {
        if constexpr (Scale == ValueScale::Log)
            return value > 0 ? log2Positive(value) : NaN;
        return value;
    }

    float m_origin = 0;
    float m_perSpan = 0;
    float m_atOrigin = 0;
};

template <ValueScale Scale>
void fillColourIndices(std::span<const float> values, const ScalePositions &positions, std::span<std::uint8_t> indices)
{
    constexpr float Steps = ShownIndexCount - 1;
    const float *input = values.data();
    std::uint8_t *output = indices.data();
    const std::size_t count = std::min(values.size(), indices.size());
#pragma omp simd
    for (std::size_t i = 0; i < count; ++i) {
        const float position = positions.at<Scale>(input[i]);
        // Chosen before the conversion: converting NaN to an integer is undefined.
        output[i] = std::uint8_t(int(position == position ? position * Steps + 0.5f : float(NoColourIndex)));
    }
}

} // namespace

std::optional<Levels> autoLevels(std::span<const float> values, const LevelsRule &rule, ValueScale scale)
{
    return levelsOf(Rows::of(values), rule, scale);
}

std::optional<Levels> autoLevels(std::span<const float> image, std::size_t imageWidth, const ImageRegion &region,
                                 const LevelsRule &rule, ValueScale scale)
{
    const std::size_t imageHeight = imageWidth == 0 ? 0 : image.size() / imageWidth;
    const std::size_t left = std::min(region.left, imageWidth);
    const std::size_t top = std::min(region.top, imageHeight);
    const std::size_t width = std::min(region.width, imageWidth - left);
    const std::size_t height = std::min(region.height, imageHeight - top);
    return levelsOf(Rows{image.data() + top * imageWidth + left, imageWidth, width, height}, rule, scale);
}

Histogram histogram(std::span<const float> values, double low, double high, int bins, BinSpacing spacing)
{
    Histogram result{low, high, spacing, std::vector<std::uint32_t>(std::size_t(std::max(bins, 1)), 0)};
    const bool logarithmic = spacing == BinSpacing::Logarithmic;
    if (logarithmic && !(low > 0))
        return result;
    const auto lowest = float(low), highest = float(high);
    const float origin = logarithmic ? log2Positive(lowest) : lowest;
    const float span = (logarithmic ? log2Positive(highest) : highest) - origin;
    const float binsPerUnit = span > 0 ? float(result.counts.size()) / span : 0;
    const auto lastBin = float(result.counts.size() - 1);
    // Values outside the range (and NaN, which fails both comparisons) go to one more bin, dropped at the
    // end. Bin numbers are worked out a block at a time in a loop that vectorises, then counted.
    const auto outside = float(result.counts.size());
    result.counts.push_back(0);
    constexpr std::size_t Block = 1024;
    std::array<std::uint32_t, Block> binOf;
    for (std::size_t first = 0; first < values.size(); first += Block) {
        const float *block = values.data() + first;
        const std::size_t length = std::min(Block, values.size() - first);
#pragma omp simd
        for (std::size_t i = 0; i < length; ++i) {
            const float value = block[i];
            const float position = logarithmic ? log2Positive(value) : value;
            const float bin = std::min(std::max((position - origin) * binsPerUnit, 0.0f), lastBin);
            binOf[i] = std::uint32_t(value >= lowest && value <= highest ? bin : outside);
        }
        for (std::size_t i = 0; i < length; ++i)
            ++result.counts[binOf[i]];
    }
    result.counts.pop_back();
    return result;
}

double logScaleLow(const Levels &levels)
{
    return levels.low > 0 ? levels.low : levels.high * 1e-6;
}

double scalePosition(double value, const Levels &levels, ValueScale scale)
{
    const ScalePositions positions(levels, scale);
    switch (scale) {
    case ValueScale::Log:
        return positions.at<ValueScale::Log>(float(value));
    case ValueScale::Sqrt:
        return positions.at<ValueScale::Sqrt>(float(value));
    case ValueScale::Linear:
        break;
    }
    return positions.at<ValueScale::Linear>(float(value));
}

void colourIndices(std::span<const float> values, const Levels &levels, ValueScale scale,
                   std::span<std::uint8_t> indices)
{
    const ScalePositions positions(levels, scale);
    switch (scale) {
    case ValueScale::Log:
        return fillColourIndices<ValueScale::Log>(values, positions, indices);
    case ValueScale::Sqrt:
        return fillColourIndices<ValueScale::Sqrt>(values, positions, indices);
    case ValueScale::Linear:
        break;
    }
    fillColourIndices<ValueScale::Linear>(values, positions, indices);
}

} // namespace browse
