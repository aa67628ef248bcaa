// The genomics panels' drawing and bigWig ingest, each against a baseline measured in the same run:
//
//   scatter  ScatterView redraw (a pan, then the widget rendered) of 10^6 points coloured by cluster, zoomed
//            out (density image) and zoomed in (discs). Baseline: the same points as a QCustomPlot graph
//            with disc scatter markers, replotted, which is what a plot library gives by default (its
//            adaptive sampling draws a subset of the points), and with every point drawn.
//   tracks   TrackLane redraw at whole-genome and 1 Mb views of a 10^6-bin track, from its pyramid.
//            Baseline: the naive lane, a polyline through every bin's value, clipped by the painter.
//   bigwig   bigWigBinMeans over a base-resolution bigWig (written by libBigWig's own writer) into 10 kb
//            bins, in MB of file per second. Baseline: reading the same file's bytes (page cache).
//
// Times are medians of repeated runs. usage: bench_genomics [--bins N] [--bigwig-mb M] [--dir DIR]
#include "core/genomics/bigwigsignal.h"
#include "core/genomics/genomeregion.h"
#include "core/genomics/trackpyramid.h"
#include "tests/support/bigwigfixture.h"
#include "tests/support/syntheticgenome.h"
#include "ui/genomics/scatterview.h"
#include "ui/genomics/tracklane.h"

// QCustomPlot's header is written with Qt's keywords, which the project turns off (QT_NO_KEYWORDS).
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef foreach

#include <QtGui/QPainter>
#include <QtWidgets/QApplication>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double medianSeconds(int repeats, const std::function<void(int)> &work)
{
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        work(i);
        times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
    std::nth_element(times.begin(), times.begin() + repeats / 2, times.end());
    return times[repeats / 2];
}

void benchScatter(const genomics::StoreContents &genome)
{
    const auto column = [&](const std::string &name) {
        const auto &names = genome.embeddings.components;
        const auto index = std::size_t(std::find(names.begin(), names.end(), name) - names.begin());
        return &genome.embeddings.values.at(index);
    };
    const std::vector<double> &umap1 = *column("umap1");
    const std::vector<double> &umap2 = *column("umap2");
    const std::vector<double> &kmeans = *column("kmeans");
    const std::size_t experiments = genome.experiments.rowCount();
    auto points = std::make_shared<ui::ScatterPoints>();
    // Experiment 0's column of the bins x experiments matrices: one point per bin.
    for (std::size_t bin = 0; bin < genome.bins.size(); ++bin) {
        const double x = umap1[bin * experiments], y = umap2[bin * experiments];
        if (std::isnan(x) || std::isnan(y))
            continue;
        points->x.push_back(float(x));
        points->y.push_back(float(y));
        points->colour.push_back(std::uint16_t(kmeans[bin * experiments]));
    }
    ui::ScatterStyle style;
    const QList<QColor> colours{Qt::darkBlue, Qt::darkGreen, Qt::darkRed, Qt::darkCyan, Qt::darkMagenta,
                                Qt::darkYellow, Qt::blue, Qt::red, Qt::green, Qt::gray};
    for (const QColor &colour : colours)
        style.palette.push_back(colour.rgb());
    style.visible.assign(style.palette.size(), 1);
    const std::size_t count = points->size();

    ui::ScatterView view;
    view.resize(1000, 800);
    view.setPoints(points, style);
    const QRectF full = view.fullView();
    // Each redraw pans a little, so that nothing drawn before can be reused.
    const auto redraw = [&](QRectF area) {
        return medianSeconds(15, [&](int i) {
            view.setView(area.translated(area.width() * 0.001 * (i % 2 ? 1 : -1), 0));
            view.grab();
        });
    };
    const double zoomedOut = redraw(full);
    const QRectF zoomedInArea(full.center() - QPointF(full.width() / 40, full.height() / 40),
                              QSizeF(full.width() / 20, full.height() / 20));
    const double zoomedIn = redraw(zoomedInArea);

    QCustomPlot plot;
    plot.resize(1000, 800);
    QCPGraph *graph = plot.addGraph();
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 3));
    QVector<double> xs(static_cast<qsizetype>(count)), ys(static_cast<qsizetype>(count));
    for (std::size_t i = 0; i < count; ++i) {
        xs[qsizetype(i)] = points->x[i];
        ys[qsizetype(i)] = points->y[i];
    }
    graph->setData(xs, ys, true);
    plot.xAxis->setRange(full.left(), full.right());
    plot.yAxis->setRange(full.top(), full.bottom());
    const auto replot = [&] {
        return medianSeconds(3, [&](int i) {
            plot.xAxis->moveRange(full.width() * 0.001 * (i % 2 ? 1 : -1));
            plot.replot();
            plot.grab();
        });
    };
    const double baseline = replot();
    graph->setAdaptiveSampling(false);
    const double everyPoint = replot();

    std::printf("scatter redraw, %zu points, 1000x800 widget:\n", count);
    std::printf("  ScatterView zoomed out (density)   %8.1f ms   %6.3fx the baseline's time\n", zoomedOut * 1e3,
                zoomedOut / baseline);
    std::printf("  ScatterView zoomed in 20x (discs)  %8.1f ms   %6.3fx\n", zoomedIn * 1e3, zoomedIn / baseline);
    std::printf("  baseline: QCustomPlot graph, discs %8.1f ms   1.000x  (adaptive sampling: it draws a sample)\n",
                baseline * 1e3);
    std::printf("  QCustomPlot, every point drawn     %8.1f ms   %6.3fx\n", everyPoint * 1e3, everyPoint / baseline);
}

void benchTracks(const genomics::StoreContents &genome)
{
    auto bins = std::make_shared<const genomics::GenomeBins>(genome.bins);
    const std::vector<double> &signal = genome.trackSignals.at(0);
    auto pyramid = std::make_shared<const std::vector<genomics::SummaryLevel>>(
        genomics::buildSummaryPyramid(*bins, signal));
    const genomics::GenomeAxis axis(*bins);

    ui::TrackLane lane;
    lane.resize(1400, 120);
    lane.setData(bins, pyramid);
    lane.setLabel(QStringLiteral("TRACK1"), QStringLiteral("H3K27ac"), QStringLiteral("bench"));
    const auto redraw = [&](genomics::GenomeRange range, std::size_t &level, std::size_t &cells) {
        const double time = medianSeconds(21, [&](int i) {
            const std::int64_t shift = (range.end - range.start) / 1000 * (i % 2 ? 1 : -1);
            lane.setRange({range.start + shift, range.end + shift});
            lane.grab();
        });
        level = lane.lastPaint().level;
        cells = lane.lastPaint().cells;
        return time;
    };
    const genomics::GenomeRange genome_{0, axis.length()};
    const genomics::GenomeRange oneMb = axis.parse("chr2:100,000,001-101,000,000");
    std::size_t genomeLevel = 0, genomeCells = 0, mbLevel = 0, mbCells = 0;
    const double wholeGenome = redraw(genome_, genomeLevel, genomeCells);
    const double megabase = redraw(oneMb, mbLevel, mbCells);

    // The naive lane: every bin's value through one polyline, whatever the range.
    QImage canvas(lane.size(), QImage::Format_ARGB32_Premultiplied);
    const auto naive = [&](genomics::GenomeRange range) {
        return medianSeconds(5, [&](int) {
            canvas.fill(Qt::white);
            QPainter painter(&canvas);
            painter.setRenderHint(QPainter::Antialiasing);
            const double scale = canvas.width() / double(range.end - range.start);
            QPolygonF line;
            line.reserve(qsizetype(bins->size()));
            for (std::size_t bin = 0; bin < bins->size(); ++bin) {
                const double value = std::isnan(signal[bin]) ? 0.0 : signal[bin];
                line.append(QPointF((double(axis.binRange(bin).start) - double(range.start)) * scale,
                                    canvas.height() - value));
            }
            painter.drawPolyline(line);
        });
    };
    const double naiveGenome = naive(genome_);
    const double naiveMb = naive(oneMb);

    std::printf("track redraw, %zu bins, 1400x120 lane:\n", bins->size());
    std::printf("  whole genome: TrackLane %7.2f ms (level %zu, %zu cells)   naive polyline %8.1f ms   %6.3fx\n",
                wholeGenome * 1e3, genomeLevel, genomeCells, naiveGenome * 1e3, wholeGenome / naiveGenome);
    std::printf("  1 Mb:         TrackLane %7.2f ms (level %zu, %zu cells)   naive polyline %8.1f ms   %6.3fx\n",
                megabase * 1e3, mbLevel, mbCells, naiveMb * 1e3, megabase / naiveMb);
}

void benchBigWig(const std::filesystem::path &dir, std::int64_t megabases)
{
    // Base-resolution coverage as ENCODE's fold-change tracks have it: runs of 1 to 8 bases of one value,
    // with gaps, on two chromosomes.
    const std::vector<genomics::ChromSize> chromosomes{{"chr1", megabases * 500'000}, {"chr2", megabases * 500'000}};
    std::vector<BigWigSpan> spans;
    std::mt19937_64 random(7);
    for (const genomics::ChromSize &chromosome : chromosomes) {
        std::uint32_t position = 0;
        while (true) {
            position += std::uint32_t(random() % 4 == 0 ? random() % 200 : 0);
            const std::uint32_t end = position + 1 + std::uint32_t(random() % 8);
            if (end > std::uint32_t(chromosome.length))
                break;
            spans.push_back({chromosome.name, position, end, float(random() % 1000) / 10.0f});
            position = end;
        }
    }
    const auto path = dir / "bench_genomics.bigWig";
    writeBigWig(path, chromosomes, spans);
    const double megabytes = double(std::filesystem::file_size(path)) / 1e6;
    const genomics::GenomeBins bins = genomics::binsFromChromSizes(chromosomes, 10'000);

    genomics::BigWigReadStats stats;
    const double ingest = medianSeconds(3, [&](int) { genomics::bigWigBinMeans(path, bins, &stats); });
    std::vector<char> buffer(std::size_t(1) << 20);
    const double raw = medianSeconds(3, [&](int) {
        std::ifstream file(path, std::ios::binary);
        while (file.read(buffer.data(), std::streamsize(buffer.size())) || file.gcount() > 0) {
        }
    });
    std::filesystem::remove(path);

    std::printf("bigWig ingest, %.0f MB file, %llu intervals, %zu bins of 10 kb:\n", megabytes,
                static_cast<unsigned long long>(stats.intervals), bins.size());
    std::printf("  bigWigBinMeans      %8.1f MB/s  (%.2f s, %.1f M intervals/s)   %6.3fx the raw read's speed\n",
                megabytes / ingest, ingest, double(stats.intervals) / ingest / 1e6, raw / ingest);
    std::printf("  baseline: raw read  %8.1f MB/s  (%.3f s)   1.000x\n", megabytes / raw, raw);
}

} // namespace

int main(int argc, char **argv)
{
    std::size_t binCount = 1'000'000;
    std::int64_t bigWigMegabases = 50;
    std::filesystem::path dir = std::filesystem::temp_directory_path();
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--bins") == 0)
            binCount = std::stoull(argv[i + 1]);
        else if (std::strcmp(argv[i], "--bigwig-mb") == 0)
            bigWigMegabases = std::stoll(argv[i + 1]);
        else if (std::strcmp(argv[i], "--dir") == 0)
            dir = argv[i + 1];
    }
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);

    SyntheticGenomeOptions options;
    options.binCount = binCount;
    options.experiments = 1;
    options.tracks = 1;
    const genomics::StoreContents genome = syntheticGenome(options);
    benchScatter(genome);
    benchTracks(genome);
    benchBigWig(dir, bigWigMegabases);
    return 0;
}
