#include "core/formats/tablecells.h"

#include <nlohmann/json.hpp>

#include <QtTest/QTest>

#include <cmath>
#include <limits>

class tst_TableCells : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void integersAndBooleans();
    void floatsAreShortestRoundTrip();
    void float16IsShortestForHalfPrecision();
    void timestamps();
    void datesBeyondTheUsualYears();
    void times();
    void decimals();
    void binaryAsDuckDbPrintsIt();
    void nullsAreEmptyTextAndJsonNull();
    void jsonValues();
    void jsonStringsAreEscapedAndValidUtf8();
};

namespace {

// Every cell's text, in row order.
std::vector<std::string> texts(h5::ColumnData data, h5::ColumnType type = {})
{
    h5::Table table;
    table.addColumn("c", std::move(data), {}, type);
    std::vector<std::string> result;
    for (std::size_t row = 0; row < table.rowCount(); ++row)
        result.push_back(formats::cellText(table.columns().front(), row));
    return result;
}

std::string json(const h5::Column &column, std::size_t row)
{
    std::string out;
    formats::appendCellJson(out, column, row);
    return out;
}

std::string jsonOf(h5::ColumnData data, h5::ColumnType type = {})
{
    h5::Table table;
    table.addColumn("c", std::move(data), {}, type);
    std::string out = "[";
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        if (row > 0)
            out += ',';
        formats::appendCellJson(out, table.columns().front(), row);
    }
    return out + "]";
}

using Texts = std::vector<std::string>;

} // namespace

// So that a failing comparison shows the texts.
template <>
char *QTest::toString(const Texts &texts)
{
    std::string joined = "{";
    for (std::size_t i = 0; i < texts.size(); ++i)
        joined += (i ? ", \"" : "\"") + texts[i] + "\"";
    return qstrdup((joined + "}").c_str());
}

void tst_TableCells::integersAndBooleans()
{
    QCOMPARE(texts(std::vector<std::int8_t>{-128, 0, 127}), (Texts{"-128", "0", "127"}));
    QCOMPARE(texts(std::vector<std::uint64_t>{18446744073709551615u}), (Texts{"18446744073709551615"}));
    QCOMPARE(texts(std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min()}),
             (Texts{"-9223372036854775808"}));
    QCOMPARE(texts(std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False}), (Texts{"true", "false"}));
    QCOMPARE(texts(std::vector<std::string>{"as is\t\"", ""}), (Texts{"as is\t\"", ""}));
}

void tst_TableCells::floatsAreShortestRoundTrip()
{
    // A float prints as a float: widened to double, 0.1f would read 0.10000000149011612.
    QCOMPARE(texts(std::vector<float>{0.1f, 1.0f, -2.5f, 3.4028235e38f, 1e-45f}),
             (Texts{"0.1", "1", "-2.5", "3.4028235e+38", "1e-45"}));
    QCOMPARE(texts(std::vector<double>{0.1, 1e21, 5e-324, -0.0, 123456789012345680.0}),
             (Texts{"0.1", "1e+21", "5e-324", "-0", "123456789012345680"}));
    const double inf = std::numeric_limits<double>::infinity();
    QCOMPARE(texts(std::vector<double>{std::nan(""), -std::nan(""), inf, -inf}), (Texts{"nan", "nan", "inf", "-inf"}));
}

void tst_TableCells::float16IsShortestForHalfPrecision()
{
    // 0.0999755859375 is the half nearest 0.1, 65504 the largest half (65500 is nearer to it than to any
    // other half, so numpy prints it so too), 2^-24 the smallest subnormal one, 0.333251953125 the half
    // nearest 1/3.
    QCOMPARE(texts(std::vector<float>{0.0999755859375f, 65504.0f, 5.9604644775390625e-08f, 0.333251953125f, -0.0f, 1.0f},
                   h5::ColumnType::float16()),
             (Texts{"0.1", "65500", "6e-08", "0.3333", "-0", "1"}));
    // Not a half (a column built in memory): its float text.
    QCOMPARE(texts(std::vector<float>{0.1f, std::numeric_limits<float>::infinity()}, h5::ColumnType::float16()),
             (Texts{"0.1", "inf"}));
    QCOMPARE(texts(std::vector<float>{0.2f}, h5::ColumnType::float16()), (Texts{"0.2"}));
    QCOMPARE(texts(std::vector<float>{0.2001953125f}, h5::ColumnType::float16()), (Texts{"0.2002"}));
}

void tst_TableCells::timestamps()
{
    const std::vector<std::int64_t> millis{0, -1, 1'235'865'660'123, 1'235'865'660'000, -86'400'000, 253'402'300'800'000};
    QCOMPARE(texts(millis, h5::ColumnType::timestamp(h5::TimeUnit::Millis)),
             (Texts{"1970-01-01T00:00:00", "1969-12-31T23:59:59.999", "2009-03-01T00:01:00.123", "2009-03-01T00:01:00",
                    "1969-12-31T00:00:00", "10000-01-01T00:00:00"}));
    QCOMPARE(texts(std::vector<std::int64_t>{1'235'865'660'123'456, 1'235'865'660'120'000, -1},
                   h5::ColumnType::timestamp(h5::TimeUnit::Micros, true)),
             (Texts{"2009-03-01T00:01:00.123456Z", "2009-03-01T00:01:00.120Z", "1969-12-31T23:59:59.999999Z"}));
    QCOMPARE(texts(std::vector<std::int64_t>{1, 1'000, 1'000'000, 1'500'000'000, -1'500'000'000,
                                             std::numeric_limits<std::int64_t>::min(),
                                             std::numeric_limits<std::int64_t>::max()},
                   h5::ColumnType::timestamp(h5::TimeUnit::Nanos)),
             (Texts{"1970-01-01T00:00:00.000000001", "1970-01-01T00:00:00.000001", "1970-01-01T00:00:00.001",
                    "1970-01-01T00:00:01.500", "1969-12-31T23:59:58.500", "1677-09-21T00:12:43.145224192",
                    "2262-04-11T23:47:16.854775807"}));
    // int64 milliseconds reach 292 million years: far beyond std::chrono's years.
    QCOMPARE(texts(std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min()},
                   h5::ColumnType::timestamp(h5::TimeUnit::Millis)),
             (Texts{"-292275055-05-16T16:47:04.192"}));
}

void tst_TableCells::datesBeyondTheUsualYears()
{
    QCOMPARE(texts(std::vector<std::int32_t>{0, -1, 14304, 11016, 2932897, -719528, -719529, -719893, 2147483647,
                                             -2147483648},
                   h5::ColumnType::date()),
             (Texts{"1970-01-01", "1969-12-31", "2009-03-01", "2000-02-29", "10000-01-01", "0000-01-01", "-0001-12-31",
                    "-0001-01-01", "5881580-07-11", "-5877641-06-23"}));
}

void tst_TableCells::times()
{
    QCOMPARE(texts(std::vector<std::int32_t>{0, 49'500'250, 86'399'999}, h5::ColumnType::time(h5::TimeUnit::Millis)),
             (Texts{"00:00:00", "13:45:00.250", "23:59:59.999"}));
    QCOMPARE(texts(std::vector<std::int64_t>{49'500'000'001, 1}, h5::ColumnType::time(h5::TimeUnit::Micros)),
             (Texts{"13:45:00.000001", "00:00:00.000001"}));
    QCOMPARE(texts(std::vector<std::int64_t>{86'399'999'999'999, 123'456'789}, h5::ColumnType::time(h5::TimeUnit::Nanos)),
             (Texts{"23:59:59.999999999", "00:00:00.123456789"}));
    // Out of a day: no writer should store them, but they still print without wrapping.
    QCOMPARE(texts(std::vector<std::int32_t>{-1'000, 90'000'000}, h5::ColumnType::time(h5::TimeUnit::Millis)),
             (Texts{"-00:00:01", "25:00:00"}));
}

void tst_TableCells::decimals()
{
    QCOMPARE(texts(std::vector<std::int64_t>{-5, 5, 0, -1250, 123456789, 999999999999999999, -999999999999999999},
                   h5::ColumnType::decimal(18, 2)),
             (Texts{"-0.05", "0.05", "0.00", "-12.50", "1234567.89", "9999999999999999.99", "-9999999999999999.99"}));
    QCOMPARE(texts(std::vector<std::int64_t>{-42, 0, 7}, h5::ColumnType::decimal(5, 0)), (Texts{"-42", "0", "7"}));
    QCOMPARE(texts(std::vector<std::int64_t>{1, -999999999999999999}, h5::ColumnType::decimal(18, 18)),
             (Texts{"0.000000000000000001", "-0.999999999999999999"}));
    const std::string big = "-12345678901234567890123456.789012345678";
    QCOMPARE(texts(std::vector<std::string>{big, "0", "0.5"}, h5::ColumnType::decimal(38, 12)), (Texts{big, "0", "0.5"}));
    QCOMPARE(texts(std::vector<std::string>{"99999999999999999999999999999999999999", "-1"}, h5::ColumnType::decimal(38, 0)),
             (Texts{"99999999999999999999999999999999999999", "-1"}));
    // 38 digits: a string decimal's text must fit precision - scale integer digits.
    QCOMPARE(texts(std::vector<std::string>{"0.12345678901234567890123456789012345678"}, h5::ColumnType::decimal(38, 38)),
             (Texts{"0.12345678901234567890123456789012345678"}));
}

void tst_TableCells::binaryAsDuckDbPrintsIt()
{
    const std::string bytes("a\0b\x7f\x80\xff \"'\\~\n", 12);
    QCOMPARE(texts(std::vector<std::string>{bytes, ""}, h5::ColumnType::binary()),
             (Texts{"a\\x00b\\x7F\\x80\\xFF \\x22\\x27\\x5C~\\x0A", ""}));
}

void tst_TableCells::nullsAreEmptyTextAndJsonNull()
{
    h5::Table table;
    table.addColumn("i", std::vector<std::int32_t>{1, 2}, {0, 1});
    table.addColumn("s", std::vector<std::string>{"x", ""}, {1, 0});
    table.addColumn("t", std::vector<std::int64_t>{0, 5}, {0, 1}, h5::ColumnType::timestamp());
    table.addColumn("d", std::vector<std::int64_t>{1, 5}, {1, 0}, h5::ColumnType::decimal(3, 1));
    const auto &columns = table.columns();
    QCOMPARE(formats::cellText(columns[0], 0), std::string());
    QCOMPARE(formats::cellText(columns[0], 1), std::string("2"));
    QCOMPARE(formats::cellText(columns[1], 1), std::string());
    QCOMPARE(formats::cellText(columns[2], 0), std::string());
    QCOMPARE(formats::cellText(columns[3], 0), std::string("0.1"));
    QCOMPARE(json(columns[0], 0), std::string("null"));
    QCOMPARE(json(columns[1], 1), std::string("null"));
    QCOMPARE(json(columns[1], 0), std::string("\"x\""));
    QCOMPARE(json(columns[2], 0), std::string("null"));
    QCOMPARE(json(columns[2], 1), std::string("\"1970-01-01T00:00:00.000005\""));
    QCOMPARE(json(columns[3], 1), std::string("null"));
}

void tst_TableCells::jsonValues()
{
    const double inf = std::numeric_limits<double>::infinity();
    QCOMPARE(jsonOf(std::vector<double>{0.1, -0.0, std::nan(""), inf, -inf, 1e300}),
             std::string(R"([0.1,-0,"NaN","Infinity","-Infinity",1e+300])"));
    QCOMPARE(jsonOf(std::vector<float>{0.1f, std::numeric_limits<float>::quiet_NaN()}), std::string(R"([0.1,"NaN"])"));
    QCOMPARE(jsonOf(std::vector<float>{0.0999755859375f, -std::numeric_limits<float>::infinity()}, h5::ColumnType::float16()),
             std::string(R"([0.1,"-Infinity"])"));
    QCOMPARE(jsonOf(std::vector<std::uint64_t>{18446744073709551615u}), std::string("[18446744073709551615]"));
    QCOMPARE(jsonOf(std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False}), std::string("[true,false]"));
    QCOMPARE(jsonOf(std::vector<std::int64_t>{-5, 1234}, h5::ColumnType::decimal(10, 3)), std::string("[-0.005,1.234]"));
    QCOMPARE(jsonOf(std::vector<std::string>{"-1234.5678"}, h5::ColumnType::decimal(20, 4)), std::string("[-1234.5678]"));
    QCOMPARE(jsonOf(std::vector<std::int32_t>{-1}, h5::ColumnType::date()), std::string(R"(["1969-12-31"])"));
    QCOMPARE(jsonOf(std::vector<std::int32_t>{1}, h5::ColumnType::time(h5::TimeUnit::Millis)),
             std::string(R"(["00:00:00.001"])"));
    QCOMPARE(jsonOf(std::vector<std::string>{std::string("\0\\", 2)}, h5::ColumnType::binary()),
             std::string(R"(["\\x00\\x5C"])"));
    // Whatever the column, the result parses as JSON.
    const auto parsed = nlohmann::json::parse(
        jsonOf(std::vector<double>{1.5e-7, 2.0, 123456789.125, std::numeric_limits<double>::max()}));
    QCOMPARE(parsed.size(), std::size_t(4));
    QCOMPARE(parsed[0].get<double>(), 1.5e-7);
    QCOMPARE(parsed[3].get<double>(), std::numeric_limits<double>::max());
}

void tst_TableCells::jsonStringsAreEscapedAndValidUtf8()
{
    const std::vector<std::string> strings{
        "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f",
        "béta € 𝄞",
        std::string("nul\0!", 5),
        "\xff",             // never valid in UTF-8
        "a\xc3",            // truncated two-byte sequence at the end
        "\xe2\x82z",        // truncated three-byte sequence: one replacement for the maximal subpart
        "\xc0\xaf",         // overlong '/': C0 is never valid, AF is a lone continuation byte
        "\xed\xa0\x80",     // a UTF-16 surrogate: three replacements
        "\xf4\x90\x80\x80", // beyond U+10FFFF
        "\xf0\x9f\x98",     // truncated four-byte sequence
        "\xf0\x9f\x98\x80", // U+1F600 intact
    };
    const std::string expected = "[\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f\",\"béta € 𝄞\",\"nul\\u0000!\","
                                 "\"\xEF\xBF\xBD\",\"a\xEF\xBF\xBD\",\"\xEF\xBF\xBDz\",\"\xEF\xBF\xBD\xEF\xBF\xBD\","
                                 "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\",\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\","
                                 "\"\xEF\xBF\xBD\",\"\xf0\x9f\x98\x80\"]";
    const std::string actual = jsonOf(strings);
    QCOMPARE(actual, expected);
    const auto parsed = nlohmann::json::parse(actual);
    QCOMPARE(parsed[0].get<std::string>(), strings[0]);
    QCOMPARE(parsed[2].get<std::string>(), strings[2]);
}

QTEST_GUILESS_MAIN(tst_TableCells)
#include "tst_tablecells.moc"
