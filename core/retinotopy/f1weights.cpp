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

// b − QQᵀb, Q an orthonormal basis of the polynomials of degree ≤ order in time (modified Gram–Schmidt on
// times scaled to [−1, 1], which keeps the basis well conditioned).
std::vector<Complex> removePolynomial(std::span<const double> t, std::vector<Complex> b, int order)
{
    const std::size_t n = t.size();
    const double t0 = t.front(), span = std::max(t.back() - t.front(), 1e-12);
    std::vector<std::vector<double>> basis;
    for (int degree = 0; degree <= order; ++degree) {
        std::vector<double> q(n);
        for (std::size_t j = 0; j < n; ++j)
            q[j] = std::pow(2 * (t[j] - t0) / span - 1, degree);
        for (const auto &previous : basis) {
            double dot = 0;
            for (std::size_t j = 0; j < n; ++j)
                dot += previous[j] * q[j];
            for (std::size_t j = 0; j < n; ++j)
                q[j] -= dot * previous[j];
        }
        double norm = 0;
        for (double value : q)
            norm += value * value;
        norm = std::sqrt(norm);
        if (norm < 1e-9 * std::sqrt(double(n)))
            break; // fewer distinct times than coefficients: the lower degrees already span them
        for (double &value : q)
            value /= norm;
        Complex dot = 0;
        for (std::size_t j = 0; j < n; ++j)
            dot += q[j] * b[j];
        for (std::size_t j = 0; j < n; ++j)
            b[j] -= dot * q[j];
        basis.push_back(std::move(q));
    }
    return b;
}

} // namespace

std::vector<Complex> f1Weights(std::span<const double> timesS, std::span<const double> phasesRad, double cycleS,
                               const DriftSettings &drift)
{
    if (timesS.size() != phasesRad.size())
        throw core::Error("f1Weights: times and phases differ in length");
    if (timesS.empty())
        return {};
    std::vector<Complex> w = centredPhasors(phasesRad);
    switch (drift.method) {
    case DriftRemoval::None:
        break;
    case DriftRemoval::SlidingMean:
        if (!(cycleS > 0))
            throw core::Error("sliding-mean drift removal needs a stimulus period, got " + std::to_string(cycleS) + " s");
        w = removeSlidingFit(timesS, std::move(w), cycleS);
        break;
    case DriftRemoval::Polynomial:
        if (drift.polynomialOrder < 0)
            throw core::Error("polynomial drift removal needs an order >= 0, got " + std::to_string(drift.polynomialOrder));
        w = removePolynomial(timesS, std::move(w), drift.polynomialOrder);
        break;
    }
    const double scale = 2.0 / double(timesS.size());
    for (Complex &value : w)
        value *= scale;
    return w;
}

} // namespace retino
