#include "core/retinotopy/f1weights.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace retino {

namespace {

using Complex = std::complex<double>;

std::vector<Complex> centredPhasors(std::span<const double> phasesRad)
{
    std::vector<Complex> a(phasesRad.size());
    Complex mean = 0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        a[k] = std::polar(1.0, phasesRad[k]);
        mean += a[k];
    }
    mean /= double(a.size());
    for (Complex &value : a)
        value -= mean;
    return a;
}

// b − Lᵀb, where row k of L fits a line to the frames within ±halfWidth of frame k and evaluates it at t_k.
// With the window centred on t_k this is the window's mean; where the run's ends cut the window short, the
// line still removes a linear drift exactly. Column j of Lᵀb collects α_k + β_k·t_j from every window k that
// holds frame j; the windows are index ranges, so range sums over a difference array give it in O(N).
std::vector<Complex> removeSlidingFit(std::span<const double> t, std::vector<Complex> b, double halfWidth)
{
    const std::size_t n = t.size();
    std::vector<Complex> alpha(n + 1), beta(n + 1);
    std::size_t lo = 0, hi = 0;
    for (std::size_t k = 0; k < n; ++k) {
        while (t[lo] < t[k] - halfWidth)
            ++lo;
        while (hi < n && t[hi] <= t[k] + halfWidth)
            ++hi;
        const double count = double(hi - lo);
        double mean = 0;
        for (std::size_t j = lo; j < hi; ++j)
            mean += t[j];
        mean /= count;
        double spread = 0;
        for (std::size_t j = lo; j < hi; ++j)
            spread += (t[j] - mean) * (t[j] - mean);
        // A window of one frame, or of frames at one instant, fits only a constant.
        const double slope = spread > 0 ? (t[k] - mean) / spread : 0.0;
        const Complex a = b[k] / count - b[k] * slope * mean, c = b[k] * slope;
        alpha[lo] += a;
        alpha[hi] -= a;
        beta[lo] += c;
        beta[hi] -= c;
    }
    Complex runningAlpha = 0, runningBeta = 0;
    for (std::size_t j = 0; j < n; ++j) {
        runningAlpha += alpha[j];
        runningBeta += beta[j];
        b[j] -= runningAlpha + runningBeta * t[j];
    }
    return b;
}

// The least-squares fit of the time course by a polynomial of degree ≤ order in time together with cos and
// sin of h·θ, h = 1…3, read out as the first harmonic's coefficients β_c + iβ_s: that is the F1 (for
// y = A·cos(θ − φ), A·e^{iφ}) with the drift fitted jointly, so a run of partial cycles, whose sinusoids are
// not orthogonal to the polynomial, loses nothing to the drift removal, and the response's own harmonics do
// not leak into it. Modified Gram–Schmidt on times scaled to [−1, 1] gives Q and R with the first harmonic's
// two columns last, so that R β = Qᵀ y yields their weights from the last two rows.
std::vector<Complex> regressionWeights(std::span<const double> t, std::span<const double> phases, int order)
{
    const std::size_t n = t.size();
    const double t0 = t.front(), span = std::max(t.back() - t.front(), 1e-12);
    std::vector<std::vector<double>> columns;
    for (int degree = 0; degree <= order; ++degree) {
        std::vector<double> x(n);
        for (std::size_t j = 0; j < n; ++j)
            x[j] = std::pow(2 * (t[j] - t0) / span - 1, degree);
        columns.push_back(std::move(x));
    }
    for (int h = 3; h >= 1; --h)
        for (const bool sine : {false, true}) {
            std::vector<double> x(n);
            for (std::size_t j = 0; j < n; ++j)
                x[j] = sine ? std::sin(h * phases[j]) : std::cos(h * phases[j]);
            columns.push_back(std::move(x));
        }
    std::vector<std::vector<double>> q;
    double rCosSin = 0, rCos = 0, rSin = 0;
    for (std::size_t k = 0; k < columns.size(); ++k) {
        std::vector<double> x = std::move(columns[k]);
        const bool cosine = k + 2 == columns.size(), sine = k + 1 == columns.size();
        for (std::size_t i = 0; i < q.size(); ++i) {
            double dot = 0;
            for (std::size_t j = 0; j < n; ++j)
                dot += q[i][j] * x[j];
            for (std::size_t j = 0; j < n; ++j)
                x[j] -= dot * q[i][j];
            if (sine && i + 1 == q.size())
                rCosSin = dot;
        }
        double norm = 0;
        for (double value : x)
            norm += value * value;
        norm = std::sqrt(norm);
        if (norm < 1e-9 * std::sqrt(double(n))) {
            if (cosine || sine)
                throw core::Error("the run's frames do not sample the stimulus cycle enough to fit it");
            continue; // fewer distinct times than coefficients: the lower degrees already span them
        }
        for (double &value : x)
            value /= norm;
        (cosine ? rCos : rSin) = norm;
        q.push_back(std::move(x));
    }
    const std::vector<double> &qCos = q[q.size() - 2], &qSin = q.back();
    std::vector<Complex> w(n);
    for (std::size_t j = 0; j < n; ++j) {
        const double sinWeight = qSin[j] / rSin;
        w[j] = Complex((qCos[j] - rCosSin * sinWeight) / rCos, sinWeight);
    }
    return w;
}

} // namespace

std::vector<Complex> f1Weights(std::span<const double> timesS, std::span<const double> phasesRad, double cycleS,
                               const DriftSettings &drift)
{
    if (timesS.size() != phasesRad.size())
        throw core::Error("f1Weights: times and phases differ in length");
    if (timesS.empty())
        return {};
    if (drift.method == DriftRemoval::Polynomial) {
        if (drift.polynomialOrder < 0)
            throw core::Error("polynomial drift removal needs an order >= 0, got " + std::to_string(drift.polynomialOrder));
        return regressionWeights(timesS, phasesRad, drift.polynomialOrder);
    }
    std::vector<Complex> w = centredPhasors(phasesRad);
    if (drift.method == DriftRemoval::SlidingMean) {
        if (!(cycleS > 0))
            throw core::Error("sliding-mean drift removal needs a stimulus period, got " + std::to_string(cycleS) + " s");
        w = removeSlidingFit(timesS, std::move(w), cycleS);
    }
    const double scale = 2.0 / double(timesS.size());
    for (Complex &value : w)
        value *= scale;
    return w;
}

std::vector<Complex> noiseProbeWeights(std::span<const double> timesS, std::span<const double> phasesRad, double cycleS,
                                       const DriftSettings &drift, double harmonic, std::span<const Complex> f1)
{
    const std::size_t n = phasesRad.size();
    std::vector<double> probePhases(phasesRad.begin(), phasesRad.end());
    for (double &phase : probePhases)
        phase *= harmonic;
    std::vector<Complex> w = f1Weights(timesS, probePhases, cycleS, drift);
    // An orthonormal basis of the constant and cos/sin of h·θ, h = 1…3 (modified Gram–Schmidt), projected out.
    std::vector<std::vector<double>> basis;
    for (int k = 0; k < 7; ++k) {
        std::vector<double> u(n);
        const double h = (k + 1) / 2;
        for (std::size_t j = 0; j < n; ++j)
            u[j] = k == 0 ? 1.0 : k % 2 ? std::cos(h * phasesRad[j]) : std::sin(h * phasesRad[j]);
        for (const auto &previous : basis) {
            double dot = 0;
            for (std::size_t j = 0; j < n; ++j)
                dot += previous[j] * u[j];
            for (std::size_t j = 0; j < n; ++j)
                u[j] -= dot * previous[j];
        }
        double norm = 0;
        for (double value : u)
            norm += value * value;
        if (norm < 1e-9 * double(n))
            continue;
        for (double &value : u)
            value /= std::sqrt(norm);
        Complex dot = 0;
        for (std::size_t j = 0; j < n; ++j)
            dot += u[j] * w[j];
        for (std::size_t j = 0; j < n; ++j)
            w[j] -= dot * u[j];
        basis.push_back(std::move(u));
    }
    const auto normOf = [](std::span<const Complex> v) {
        double sum = 0;
        for (const Complex &value : v)
            sum += std::norm(value);
        return std::sqrt(sum);
    };
    const double target = normOf(f1), actual = normOf(w);
    if (actual > 0)
        for (Complex &value : w)
            value *= target / actual;
    return w;
}

} // namespace retino
