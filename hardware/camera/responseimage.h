#pragma once

#include "hardware/camera/imaginggeometry.h"

#include <cstdint>
#include <span>
#include <vector>

namespace hw {

class HemodynamicResponse;

// The stimulus-evoked reflectance change ΔR/R over the image at one moment: the hemodynamic response of the
// point of the visual field each pixel represents, scaled by its area's strength, blurred by light scattering
// in the tissue. Computed on a coarse grid of about 128 nodes across and interpolated linearly: after
// scattering the response varies over hundreds of µm, so a finer grid would cost time and show nothing more.
// Used from one thread.
class ResponseImage {
public:
    // The intrinsic signal is a darkening (Kalatsky & Stryker 2003: ΔR/R of order 10⁻³); this is V1's for a
    // bar held on the receptive field, HemodynamicModel's settled response of 1.
    static constexpr double Amplitude = -0.0025;
    // The point spread of light scattered in cortex, s.d. (about 250 µm full width at half maximum).
    static constexpr double ScatterSigmaMm = 0.1;

    ResponseImage(const ImagingGeometry &geometry, const HemodynamicResponse &response);

    // Takes the response's current state.
    void update(const HemodynamicResponse &response);
    // True when ΔR/R is zero everywhere (the cortex at rest), so callers can skip row().
    bool silent() const { return m_silent; }
    // ΔR/R for each pixel of image row `row`; `out` holds width values.
    void row(int row, std::span<float> out);

private:
    void blur();

    ImagingGeometry m_geometry;
    int m_step;    // pixels between nodes
    int m_columns; // nodes across
    int m_rows;    // nodes down
    std::vector<float> m_weight; // per node: Amplitude × the area's response scale, 0 outside the areas
    std::vector<int> m_azimuthBin;
    std::vector<int> m_altitudeBin;
    std::vector<float> m_kernel; // the scattering blur, normalised, from the centre out
    std::vector<float> m_nodes;
    std::vector<float> m_scratch;
    std::vector<float> m_rowNodes;
    bool m_silent = true;
};

} // namespace hw
