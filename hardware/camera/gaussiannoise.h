#pragma once

#include <cstdint>
#include <span>

namespace hw {

// Standard normal deviates, fast enough for every pixel of every frame: one table, drawn once per process
// and shared, is read in runs from random offsets, so a frame costs no transcendental function per pixel.
// Runs are short against the table (a row against a million values), so a pixel's noise is independent from
// frame to frame and from its neighbours' in every way an analysis could notice. The offsets are
// deterministic from the seed. An instance is used from one thread.
class GaussianNoise {
public:
    static constexpr std::size_t TableLength = std::size_t(1) << 20;

    explicit GaussianNoise(std::uint64_t seed);

    // `count` (at most TableLength) deviates, valid while the process runs.
    std::span<const float> next(std::size_t count);

private:
    std::span<const float> m_table;
    std::uint64_t m_state;
};

} // namespace hw
