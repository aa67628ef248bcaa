#include "hardware/camera/gaussiannoise.h"

#include <cmath>
#include <numbers>
#include <vector>

namespace hw {

namespace {

// SplitMix64 (Steele, Lea & Flood 2014): tiny state, good enough to pick offsets and fill the table.
std::uint64_t splitMix64(std::uint64_t &state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// Box–Muller, two deviates per pair of uniforms in (0, 1]; about 60 ms, once.
const std::vector<float> &sharedTable()
{
    static const std::vector<float> table = [] {
        std::vector<float> values(GaussianNoise::TableLength);
        std::uint64_t state = 0x5eed;
        for (std::size_t i = 0; i + 1 < values.size(); i += 2) {
            const double u1 = double((splitMix64(state) >> 11) + 1) * 0x1p-53;
            const double u2 = double(splitMix64(state) >> 11) * 0x1p-53;
            const double radius = std::sqrt(-2 * std::log(u1));
            values[i] = float(radius * std::cos(2 * std::numbers::pi * u2));
            values[i + 1] = float(radius * std::sin(2 * std::numbers::pi * u2));
        }
        return values;
    }();
    return table;
}

} // namespace

GaussianNoise::GaussianNoise(std::uint64_t seed) : m_table(sharedTable()), m_state(seed)
{
}

std::span<const float> GaussianNoise::next(std::size_t count)
{
    const std::size_t offset = splitMix64(m_state) % (m_table.size() - count + 1);
    return m_table.subspan(offset, count);
}

} // namespace hw
