#include "core/cli/convertcommand.h"

#include "core/formats/tablefile.h"

#include <QtCore/QCommandLineParser>

#include <ostream>

namespace cli {

namespace {
const QCommandLineOption codecOption(QStringLiteral("codec"),
                                     QStringLiteral("Parquet output: snappy (default), zstd, gzip, lz4, brotli or none."),
                                     QStringLiteral("CODEC"), QStringLiteral("snappy"));
const QCommandLineOption rowGroupOption(QStringLiteral("row-group-rows"),
                                        QStringLiteral("Parquet output: rows per row group (default 1000000)."),
                                        QStringLiteral("N"), QStringLiteral("1000000"));

parquet::Codec parseCodec(const QString &name)
{
    if (name == QLatin1String("snappy"))
        return parquet::Codec::Snappy;
    if (name == QLatin1String("zstd"))
        return parquet::Codec::Zstd;
    if (name == QLatin1String("gzip"))
        return parquet::Codec::Gzip;
    if (name == QLatin1String("lz4"))
        return parquet::Codec::Lz4Raw;
    if (name == QLatin1String("brotli"))
        return parquet::Codec::Brotli;
    if (name == QLatin1String("none"))
        return parquet::Codec::Uncompressed;
    throw UsageProblem("unknown --codec '" + name.toStdString() + "' (snappy, zstd, gzip, lz4, brotli or none)");
}
} // namespace

void ConvertCommand::declare(QCommandLineParser &parser) const
{
    parser.addPositionalArgument(QStringLiteral("IN"),
                                 QStringLiteral("FILE.parquet, FILE.tsv, FILE.csv or FILE.h5::/path/to/table"));
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("The same forms; written atomically."));
    parser.addOptions({codecOption, rowGroupOption});
}

int ConvertCommand::run(const QCommandLineParser &parser, Output &output) const
{
    const std::string in = positional(parser, 0, 2, "IN");
    const std::string out = positional(parser, 1, 2, "OUT");
    parquet::WriteOptions options;
    options.codec = parseCodec(parser.value(codecOption));
    bool valid = false;
    const qlonglong rows = parser.value(rowGroupOption).toLongLong(&valid);
    if (!valid || rows < 1)
        throw UsageProblem("--row-group-rows needs a positive number of rows");
    options.rowGroupRows = static_cast<std::size_t>(rows);

    const formats::TableLocation source = formats::parseTableLocation(in);
    const formats::TableLocation target = formats::parseTableLocation(out);
    const h5::Table table = formats::readTableFile(source);
    formats::writeTableFile(target, table, options);
    output.err << "wrote " << table.rowCount() << " rows, " << table.columns().size() << " columns to " << out << "\n";
    return Success;
}

} // namespace cli
