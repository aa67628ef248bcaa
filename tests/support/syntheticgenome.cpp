#include "tests/support/syntheticgenome.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <string>

namespace {

struct ChromosomeLength {
    const char *name;
    std::int64_t length;
};

// hg38 (UCSC hg38.chrom.sizes).
constexpr std::array<ChromosomeLength, 23> humanChromosomes{{
    {"chr1", 248956422}, {"chr2", 242193529}, {"chr3", 198295559}, {"chr4", 190214555}, {"chr5", 181538259},
    {"chr6", 170805979}, {"chr7", 159345973}, {"chr8", 145138636}, {"chr9", 138394717}, {"chr10", 133797422},
    {"chr11", 135086622}, {"chr12", 133275309}, {"chr13", 114364328}, {"chr14", 107043718}, {"chr15", 101991189},
    {"chr16", 90338345}, {"chr17", 83257441}, {"chr18", 80373285}, {"chr19", 58617616}, {"chr20", 64444167},
    {"chr21", 46709983}, {"chr22", 50818468}, {"chrX", 156040895},
}};

constexpr std::array<const char *, 6> biosampleNames{"GM12878", "K562", "HepG2", "IMR-90", "HCT116", "MCF-7"};
constexpr std::array<const char *, 3> assayNames{"H3K27ac", "CTCF", "ATAC"};
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::int64_t genomeLength()
{
    std::int64_t total = 0;
    for (const auto &chromosome : humanChromosomes)
        total += chromosome.length;
    return total;
}

// Uniform and normal numbers defined here rather than by std:: distributions, whose output differs between
// standard libraries; mt19937_64's own sequence is fixed by the standard.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_engine(seed) {}

    double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
    std::size_t below(std::size_t n) { return std::min(n - 1, static_cast<std::size_t>(uniform() * static_cast<double>(n))); }
    // Box-Muller, both values used.
    double normal()
    {
        if (m_haveSpare) {
            m_haveSpare = false;
            return m_spare;
        }
        const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
        const double angle = 2.0 * std::numbers::pi * uniform();
        m_spare = radius * std::sin(angle);
        m_haveSpare = true;
        return radius * std::cos(angle);
    }

private:
    std::mt19937_64 m_engine;
    double m_spare = 0;
    bool m_haveSpare = false;
};

// Bins per chromosome in proportion to its length (largest remainders), summing to `binCount`.
std::vector<genomics::ChromSize> chromosomeSizes(std::size_t binCount, std::int64_t binSize)
{
    const double total = static_cast<double>(genomeLength());
    std::vector<std::size_t> counts(humanChromosomes.size());
    std::vector<std::pair<double, std::size_t>> remainders;
    std::size_t assigned = 0;
    for (std::size_t c = 0; c < counts.size(); ++c) {
        const double share = static_cast<double>(binCount) * static_cast<double>(humanChromosomes[c].length) / total;
        counts[c] = static_cast<std::size_t>(share);
        assigned += counts[c];
        remainders.emplace_back(share - static_cast<double>(counts[c]), c);
    }
    std::stable_sort(remainders.begin(), remainders.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    for (std::size_t i = 0; assigned < binCount; ++i, ++assigned)
        ++counts[remainders[i % remainders.size()].second];
    std::vector<genomics::ChromSize> sizes;
    for (std::size_t c = 0; c < counts.size(); ++c)
        if (counts[c] > 0)
            sizes.push_back({humanChromosomes[c].name, static_cast<std::int64_t>(counts[c]) * binSize});
    return sizes;
}

// One blacklisted region per chromosome, about where its centromere would be: a hundredth of its bins.
void markBadRegions(genomics::GenomeBins &bins, Random &random)
{
    for (const auto &chromosome : bins.chromosomes) {
        const std::size_t width = std::max<std::size_t>(1, chromosome.binCount / 100);
        const std::size_t room = chromosome.binCount - width;
        const std::size_t first = chromosome.firstBin + room * 2 / 5 + random.below(room / 5 + 1);
        std::fill_n(bins.good.begin() + static_cast<std::ptrdiff_t>(first), width, std::uint8_t{0});
    }
}

// Each biosample's cluster per bin: domains of similar length along each chromosome, one cluster per
// domain, which a quarter of the domains change in each biosample.
std::vector<std::vector<std::uint8_t>> clusterStates(const genomics::GenomeBins &bins, std::size_t biosamples,
                                                     std::size_t clusters, Random &random)
{
    std::vector<std::vector<std::uint8_t>> states(biosamples, std::vector<std::uint8_t>(bins.size()));
    const std::size_t domain = std::max<std::size_t>(4, bins.size() / 5000);
    for (const auto &chromosome : bins.chromosomes) {
        std::size_t bin = chromosome.firstBin;
        const std::size_t end = chromosome.firstBin + chromosome.binCount;
        while (bin < end) {
            const std::size_t length = std::min(end - bin, domain / 2 + random.below(domain + 1));
            const auto shared = static_cast<std::uint8_t>(random.below(clusters));
            for (auto &state : states) {
                const auto own = random.uniform() < 0.25 ? static_cast<std::uint8_t>(random.below(clusters)) : shared;
                std::fill_n(state.begin() + static_cast<std::ptrdiff_t>(bin), length, own);
            }
            bin += length;
        }
    }
    return states;
}

h5::Table experimentTable(std::size_t experiments, std::size_t biosamples)
{
    std::vector<std::string> accession, biosample;
    std::vector<std::int64_t> replicate;
    for (std::size_t e = 0; e < experiments; ++e) {
        accession.push_back("EXP" + std::to_string(e + 1));
        biosample.push_back(biosampleNames[e % biosamples]);
        replicate.push_back(static_cast<std::int64_t>(e / biosamples + 1));
    }
    h5::Table table;
    table.addColumn("accession", accession);
    table.addColumn("biosample", biosample);
    table.addColumn("replicate", replicate);
    return table;
}

genomics::EmbeddingMatrices embeddings(const genomics::GenomeBins &bins,
                                       const std::vector<std::vector<std::uint8_t>> &states, std::size_t experiments,
                                       std::size_t clusters, double missingFraction, Random &random)
{
    genomics::EmbeddingMatrices result;
    result.components = {"PCA1", "PCA2", "PCA3", "umap1", "umap2", "kmeans", "leiden"};
    // Cluster centres: UMAP's on a circle, PCA's along the clusters' activity with a twist.
    std::vector<std::array<double, 5>> centres(clusters);
    for (std::size_t c = 0; c < clusters; ++c) {
        const double angle = 2.0 * std::numbers::pi * static_cast<double>(c) / static_cast<double>(clusters);
        const double activity = clusters > 1 ? static_cast<double>(c) / static_cast<double>(clusters - 1) : 0.5;
        centres[c] = {4.0 * activity - 2.0, 1.5 * std::sin(angle), c % 2 ? 0.8 : -0.8, 8.0 * std::cos(angle),
                      8.0 * std::sin(angle)};
    }
    constexpr std::array<double, 5> spread{0.35, 0.35, 0.3, 0.9, 0.9};
    result.values.assign(result.components.size(), std::vector<double>(bins.size() * experiments, nan));
    for (std::size_t bin = 0; bin < bins.size(); ++bin) {
        if (!bins.good[bin])
            continue;
        for (std::size_t e = 0; e < experiments; ++e) {
            if (random.uniform() < missingFraction)
                continue;
            const std::size_t cluster = states[e % states.size()][bin];
            const std::size_t at = bin * experiments + e;
            for (std::size_t k = 0; k < spread.size(); ++k)
                result.values[k][at] = centres[cluster][k] + spread[k] * random.normal();
            result.values[5][at] = static_cast<double>(cluster);
            result.values[6][at] = static_cast<double>(clusters - 1 - cluster);
        }
    }
    return result;
}

// A smooth background (an AR(1) walk) with broad enrichment and peaks where the biosample's bins are in
// active clusters (CTCF's sharp peaks fall anywhere).
std::vector<double> trackSignal(const genomics::GenomeBins &bins, const std::vector<std::uint8_t> &states,
                                std::size_t clusters, std::size_t assay, Random &random)
{
    const bool ctcf = assay == 1;
    const double baseline = assay == 2 ? 0.3 : 1.0;
    std::vector<double> signal(bins.size(), nan);
    double background = 0;
    double peak = 0;
    for (std::size_t bin = 0; bin < bins.size(); ++bin) {
        const double activity = clusters > 1 ? static_cast<double>(states[bin]) / static_cast<double>(clusters - 1) : 0.5;
        background = 0.95 * background + 0.3 * random.normal();
        const double peakChance = ctcf ? 0.01 : 0.03 * activity * activity;
        if (random.uniform() < peakChance)
            peak = (ctcf ? 15.0 : 8.0) * (0.5 + random.uniform());
        const double enrichment = ctcf ? 0.0 : 3.0 * activity;
        if (bins.good[bin])
            signal[bin] = baseline * std::exp(0.3 * background) * (0.5 + enrichment) + peak;
        peak *= ctcf ? 0.2 : 0.6;
    }
    return signal;
}

} // namespace

std::int64_t syntheticBinSize(std::size_t binCount)
{
    return std::max<std::int64_t>(1, genomeLength() / static_cast<std::int64_t>(std::max<std::size_t>(1, binCount)));
}

genomics::StoreContents syntheticGenome(const SyntheticGenomeOptions &options)
{
    Random random(options.seed);
    const std::int64_t binSize = syntheticBinSize(options.binCount);
    genomics::StoreContents contents;
    contents.bins = genomics::binsFromChromSizes(chromosomeSizes(options.binCount, binSize), binSize);
    markBadRegions(contents.bins, random);

    const std::size_t clusters = std::max<std::size_t>(1, options.clusters);
    const std::size_t biosamples = std::clamp<std::size_t>((options.experiments + 1) / 2, 1, biosampleNames.size());
    const auto states = clusterStates(contents.bins, biosamples, clusters, random);
    contents.experiments = experimentTable(options.experiments, biosamples);
    contents.embeddings = embeddings(contents.bins, states, options.experiments, clusters, options.missingFraction, random);

    std::vector<std::string> accession, assay, experiment, biosample;
    for (std::size_t t = 0; t < options.tracks; ++t) {
        const std::size_t kind = t % assayNames.size();
        const std::size_t sample = (t / assayNames.size()) % biosamples;
        accession.push_back("TRACK" + std::to_string(t + 1));
        assay.push_back(assayNames[kind]);
        experiment.push_back("TRACKEXP" + std::to_string(t + 1));
        biosample.push_back(biosampleNames[sample]);
        contents.trackSignals.push_back(trackSignal(contents.bins, states[sample], clusters, kind, random));
    }
    contents.tracks.addColumn("accession", accession);
    contents.tracks.addColumn("assay", assay);
    contents.tracks.addColumn("experiment", experiment);
    contents.tracks.addColumn("biosample", biosample);
    return contents;
}
