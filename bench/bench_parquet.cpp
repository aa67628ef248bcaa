// Parquet read and write throughput on a numeric/string table (10 million rows × 6 columns by default),
// against writing and reading the same table as an HDF5 table group (h5::writeTable / readTable), in the
// same run, and the read of two of the six columns alone (projection). MB/s counts the table's own bytes (8 per int64/double, 4 per int32/float, a string's length),
// the same for every format. Writers include their fsync (both go through files::AtomicFile); reads come
// from the page cache, as the file was just written: decoding, not the disk, is what is compared.
//
// usage: bench_parquet [--rows N] [--dir DIR]
#include "core/formats/parquet/parquetreader.h"
#include "core/formats/parquet/parquetwriter.h"
#include "core/h5/outputfile.h"
#include "core/h5/table.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

h5::Table makeTable(std::size_t rows, double &bytes)
{
    std::mt19937_64 random(42);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_int_distribution<std::int32_t> category(0, 999);
    std::uniform_int_distribution<int> gene(0, 49'999);
    std::vector<std::int64_t> id(rows);
    std::vector<std::int32_t> cluster(rows);
    std::vector<double> x(rows), y(rows);
    std::vector<float> score(rows);
    std::vector<std::string> name(rows);
    bytes = 0;
    for (std::size_t i = 0; i < rows; ++i) {
        id[i] = static_cast<std::int64_t>(i) * 1000;
        cluster[i] = category(random);
        x[i] = normal(random);
        y[i] = x[i] * 0.5 + normal(random);
        score[i] = static_cast<float>(normal(random));
        name[i] = "ENSG" + std::to_string(10'000'000 + gene(random));
        bytes += 8 + 4 + 8 + 8 + 4 + static_cast<double>(name[i].size());
    }
    h5::Table table;
    table.addColumn("id", std::move(id));
    table.addColumn("cluster", std::move(cluster));
    table.addColumn("x", std::move(x));
    table.addColumn("y", std::move(y));
    table.addColumn("score", std::move(score));
    table.addColumn("gene", std::move(name));
    return table;
}

double seconds(const std::function<void()> &work)
{
    const auto start = Clock::now();
    work();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void clear(const std::filesystem::path &path)
{
    std::filesystem::remove(path);
    std::filesystem::remove(files::partialPathFor(path));
}

struct Result {
    std::string name;
    double writeSeconds = 0;
    double readSeconds = 0;
    std::uintmax_t fileBytes = 0;
};

} // namespace

int main(int argc, char **argv)
{
    std::size_t rows = 10'000'000;
    std::filesystem::path dir = std::filesystem::temp_directory_path();
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--rows") == 0)
            rows = std::stoull(argv[i + 1]);
        else if (std::strcmp(argv[i], "--dir") == 0)
            dir = argv[i + 1];
    }
    double bytes = 0;
    const h5::Table table = makeTable(rows, bytes);
    const double megabytes = bytes / 1e6;
    std::printf("table: %zu rows x 6 columns (int64, int32, double, double, float, string), %.0f MB of values\n",
                rows, megabytes);

    std::vector<Result> results;
    std::map<std::string, double> projectedSeconds;
    const auto runHdf5 = [&](const std::string &name, const h5::DatasetOptions &options) {
        const auto path = dir / "bench_parquet.h5";
        clear(path);
        Result result{name};
        result.writeSeconds = seconds([&] {
            h5::OutputFile output(path, "macroscope.bench", "1.0");
            h5::writeTable(output.root(), "table", table, options);
            output.commit();
        });
        result.fileBytes = std::filesystem::file_size(path);
        result.readSeconds = seconds([&] {
            const h5::File file = h5::File::open(path);
            const h5::Table read = h5::readTable(file.root().group("table"));
            if (read.rowCount() != rows)
                std::exit(1);
        });
        clear(path);
        results.push_back(result);
    };
    const auto runParquet = [&](const std::string &name, parquet::Codec codec) {
        const auto path = dir / "bench_parquet.parquet";
        clear(path);
        Result result{name};
        parquet::WriteOptions options;
        options.codec = codec;
        result.writeSeconds = seconds([&] { parquet::writeParquet(path, table, options); });
        result.fileBytes = std::filesystem::file_size(path);
        result.readSeconds = seconds([&] {
            const h5::Table read = parquet::ParquetReader(path).read();
            if (read.rowCount() != rows)
                std::exit(1);
        });
        // Projection: only the chunks of the columns asked for are read and decoded.
        projectedSeconds[name] = seconds([&] {
            const h5::Table read = parquet::ParquetReader(path).read({{"x", "y"}, {}});
            if (read.rowCount() != rows)
                std::exit(1);
        });
        clear(path);
        results.push_back(result);
    };

    runHdf5("hdf5 table, contiguous", {});
    h5::DatasetOptions compressed;
    compressed.chunk = {1 << 20};
    compressed.filters = {h5::Filter::shuffle(), h5::Filter::deflate(1)};
    runHdf5("hdf5 table, shuffle+gzip-1", compressed);
    runParquet("parquet, uncompressed", parquet::Codec::Uncompressed);
    runParquet("parquet, snappy", parquet::Codec::Snappy);
    runParquet("parquet, zstd", parquet::Codec::Zstd);

    const Result &baseline = results.front();
    std::printf("\n%-28s %10s %10s %9s %10s %9s\n", "format", "file MB", "write MB/s", "vs hdf5", "read MB/s", "vs hdf5");
    for (const auto &result : results)
        std::printf("%-28s %10.1f %10.0f %8.2fx %10.0f %8.2fx\n", result.name.c_str(), result.fileBytes / 1e6,
                    megabytes / result.writeSeconds, baseline.writeSeconds / result.writeSeconds,
                    megabytes / result.readSeconds, baseline.readSeconds / result.readSeconds);
    std::printf("\n(ratios > 1: faster than the contiguous HDF5 table of the same rows)\n\n");
    // The two double columns' share of the values, read alone.
    const double projectedMegabytes = static_cast<double>(rows) * 16 / 1e6;
    for (const auto &[name, projected] : projectedSeconds)
        std::printf("%-28s columns x,y only: %.3f s (%.0f MB/s of those values, %.2fx the whole read's time)\n",
                    name.c_str(), projected, projectedMegabytes / projected,
                    projected / std::find_if(results.begin(), results.end(), [&](const Result &r) {
                                    return r.name == name;
                                })->readSeconds);
    return 0;
}
