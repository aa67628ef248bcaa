#include "tests/support/bigwigfixture.h"

#include <stdexcept>
#include <unordered_map>

// libBigWig's header pulls in <curl/curl.h> unless told not to; the tests never fetch URLs.
#define NOCURL
extern "C" {
#include <bigWig.h>
}

namespace {

struct Chromosome {
    std::vector<std::uint32_t> start, end;
    std::vector<float> value;
};

[[noreturn]] void fail(const std::filesystem::path &path, const std::string &problem)
{
    throw std::runtime_error(path.string() + ": cannot write bigWig: " + problem);
}

} // namespace

void writeBigWig(const std::filesystem::path &path, const std::vector<genomics::ChromSize> &chromosomes,
                 const std::vector<BigWigSpan> &spans)
{
    static const int initialised = bwInit(1 << 17);
    if (initialised != 0)
        fail(path, "bwInit failed");

    std::unordered_map<std::string, std::size_t> index;
    std::vector<const char *> names;
    std::vector<std::uint32_t> lengths;
    for (const auto &chromosome : chromosomes) {
        index.emplace(chromosome.name, names.size());
        names.push_back(chromosome.name.c_str());
        lengths.push_back(static_cast<std::uint32_t>(chromosome.length));
    }
    std::vector<Chromosome> data(chromosomes.size());
    std::size_t previous = 0;
    for (const auto &span : spans) {
        const auto found = index.find(span.chrom);
        if (found == index.end())
            fail(path, "span on unknown chromosome " + span.chrom);
        auto &run = data[found->second];
        const bool ordered = found->second > previous || (found->second == previous &&
                                                          (run.end.empty() || span.start >= run.end.back()));
        if (!ordered || span.end <= span.start || span.end > lengths[found->second])
            fail(path, "span " + span.chrom + ":" + std::to_string(span.start) + "-" + std::to_string(span.end) +
                           " is out of order, empty or beyond the chromosome");
        previous = found->second;
        run.start.push_back(span.start);
        run.end.push_back(span.end);
        run.value.push_back(span.value);
    }

    bigWigFile_t *file = bwOpen(path.c_str(), nullptr, "w");
    if (!file)
        fail(path, "bwOpen failed");
    const auto check = [&](int status, const char *call) {
        if (status != 0) {
            bwClose(file);
            fail(path, std::string(call) + " returned " + std::to_string(status));
        }
    };
    check(bwCreateHdr(file, 10), "bwCreateHdr");
    file->cl = bwCreateChromList(names.data(), lengths.data(), static_cast<std::int64_t>(names.size()));
    check(file->cl ? 0 : -1, "bwCreateChromList");
    check(bwWriteHdr(file), "bwWriteHdr");
    for (std::size_t c = 0; c < data.size(); ++c) {
        auto &run = data[c];
        if (run.start.empty())
            continue;
        // bwAddIntervals takes one name per interval; the rest of the chromosome is appended to it.
        check(bwAddIntervals(file, &names[c], run.start.data(), run.end.data(), run.value.data(), 1), "bwAddIntervals");
        if (run.start.size() > 1)
            check(bwAppendIntervals(file, run.start.data() + 1, run.end.data() + 1, run.value.data() + 1,
                                    static_cast<std::uint32_t>(run.start.size() - 1)),
                  "bwAppendIntervals");
    }
    bwClose(file);
}
