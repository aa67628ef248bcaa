#include "core/genomics/bigwigsignal.h"

#include "core/error.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <string>

// Standard headers come first: <bigWig.h> declares `mean`, `max`, `min`, `sum` and more as global
// enumerators, which nothing below may name unqualified. NOCURL keeps it from including <curl/curl.h>: we
// read local files only, and the curl headers need not be installed.
#define NOCURL
extern "C" {
#include <bigWig.h>
}
#undef NOCURL

namespace genomics {

namespace {

// Blocks of at most 32 KiB of intervals each: a few per step keep libBigWig's growing interval arrays under
// malloc's mmap threshold (with 64, page faults on fresh arrays cost a fifth of the time), and memory small.
constexpr std::uint32_t blocksPerIteration = 4;

[[noreturn]] void fail(const std::filesystem::path &path, const std::string &problem)
{
    throw core::Error(path.string() + ": " + problem);
}

// Says what the file is when it is not a bigWig, before libBigWig prints its own complaint.
void checkMagic(const std::filesystem::path &path)
{
    std::error_code error;
    if (!std::filesystem::exists(path, error))
        fail(path, "no such file");
    if (!std::filesystem::is_regular_file(path, error))
        fail(path, "not a file");
    std::ifstream file(path, std::ios::binary);
    std::array<char, 4> bytes{};
    if (!file.read(bytes.data(), bytes.size()))
        fail(path, "not a bigWig file (shorter than its header)");
    std::uint32_t magic = 0;
    std::memcpy(&magic, bytes.data(), sizeof magic);
    if (magic == BIGBED_MAGIC)
        fail(path, "a bigBed file, not a bigWig");
    if (magic != BIGWIG_MAGIC)
        fail(path, "not a bigWig file");
}

struct FileCloser {
    void operator()(bigWigFile_t *file) const { bwClose(file); }
};
struct IteratorDestroyer {
    void operator()(bwOverlapIterator_t *iterator) const { bwIteratorDestroy(iterator); }
};

// The running sums of one chromosome's bins, fed intervals in the file's order (sorted by start).
class BinSweep {
public:
    BinSweep(const GenomeBins &bins, const Chromosome &chromosome, double *sum, double *covered)
        : m_start(bins.start.data() + chromosome.firstBin), m_end(bins.end.data() + chromosome.firstBin),
          m_count(chromosome.binCount), m_sum(sum + chromosome.firstBin),
          m_covered(covered + chromosome.firstBin)
    {
    }

    void add(const bwOverlappingIntervals_t &intervals)
    {
        for (std::uint32_t i = 0; i < intervals.l; ++i) {
            const std::int64_t start = intervals.start[i], end = intervals.end[i];
            const double value = intervals.value[i];
            if (start < m_lastStart) // a file out of order: start over from the interval's first bin
                m_bin = static_cast<std::size_t>(std::upper_bound(m_end, m_end + m_count, start) - m_end);
            m_lastStart = start;
            while (m_bin < m_count && m_end[m_bin] <= start)
                ++m_bin;
            for (std::size_t bin = m_bin; bin < m_count && m_start[bin] < end; ++bin) {
                const auto overlap = static_cast<double>(std::min(end, m_end[bin]) - std::max(start, m_start[bin]));
                m_sum[bin] += overlap * value;
                m_covered[bin] += overlap;
            }
        }
    }

private:
    const std::int64_t *m_start;
    const std::int64_t *m_end;
    std::size_t m_count;
    double *m_sum;
    double *m_covered;
    std::size_t m_bin = 0;
    std::int64_t m_lastStart = 0;
};

// Streams every full-resolution interval of chromosome `tid` into `sweep`; returns how many there were.
std::uint64_t sweepChromosome(const std::filesystem::path &path, bigWigFile_t *file, std::uint32_t tid,
                              BinSweep &sweep)
{
    const char *name = file->cl->chrom[tid];
    std::unique_ptr<bwOverlapIterator_t, IteratorDestroyer> iterator(
        bwOverlappingIntervalsIterator(file, name, 0, file->cl->len[tid], blocksPerIteration));
    if (!iterator)
        fail(path, std::string("cannot read the index of ") + name);
    std::uint64_t count = 0;
    for (;;) {
        const auto *blocks = static_cast<const bwOverlapBlock_t *>(iterator->blocks);
        // libBigWig leaves no intervals both when a chromosome has no data and when a block fails to
        // decompress; only the number of blocks still due tells them apart.
        if (!blocks)
            fail(path, std::string("cannot read the index of ") + name);
        if (!iterator->intervals && blocks->n > 0)
            fail(path, std::string("corrupt data on ") + name);
        if (iterator->intervals) {
            sweep.add(*iterator->intervals);
            count += iterator->intervals->l;
        }
        if (iterator->offset >= blocks->n)
            return count;
        // bwIteratorNext destroys the iterator itself when reading the next blocks fails.
        bwOverlapIterator_t *next = bwIteratorNext(iterator.release());
        if (!next)
            fail(path, std::string("corrupt data on ") + name);
        iterator.reset(next);
    }
}

} // namespace

std::vector<double> bigWigBinMeans(const std::filesystem::path &path, const GenomeBins &bins,
                                   BigWigReadStats *stats)
{
    checkMagic(path);
    static const int initialised = bwInit(1 << 17);
    if (initialised != 0)
        fail(path, "libBigWig failed to initialise");
    std::unique_ptr<bigWigFile_t, FileCloser> file(bwOpen(path.string().c_str(), nullptr, "r"));
    if (!file)
        fail(path, "cannot read the bigWig header, chromosome list or index (truncated or corrupt file)");

    std::vector<double> sum(bins.size()), covered(bins.size());
    std::uint64_t intervals = 0;
    // libBigWig's writer leaves the index offset 0 when a file gets no data at all: every bin has no value.
    const bool hasData = file->hdr->indexOffset != 0;
    for (const auto &chromosome : bins.chromosomes) {
        const std::uint32_t tid = bwGetTid(file.get(), chromosome.name.c_str());
        if (!hasData || tid == std::numeric_limits<std::uint32_t>::max())
            continue;
        BinSweep sweep(bins, chromosome, sum.data(), covered.data());
        intervals += sweepChromosome(path, file.get(), tid, sweep);
    }

    std::vector<double> means(bins.size());
    for (std::size_t bin = 0; bin < means.size(); ++bin)
        means[bin] = covered[bin] > 0 ? sum[bin] / covered[bin] : std::numeric_limits<double>::quiet_NaN();
    if (stats) {
        stats->bytesRead = std::filesystem::file_size(path);
        stats->intervals = intervals;
    }
    return means;
}

} // namespace genomics
