#include "core/error.h"
#include "core/formats/tsv/delimitedtable.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>

class tst_DelimitedTable : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void csvRoundTripOfTrickyStrings();
    void tsvRoundTripEscapesTabsNewlinesAndBackslashes();
    void writtenTextIsExact();
    void typesAreInferred();
    void wholeFloatsReadBackAsFloats();
    void logicalTypesAreWrittenAsTheirText();
    void crlfByteOrderMarkAndBlankLines();
    void emptyFileAndHeaderOnly();
    void malformedFilesNameFileAndLine();
    void writingReplacesAtomically();

private:
    std::filesystem::path path(const char *name) const { return std::filesystem::path(m_dir.path().toStdString()) / name; }
    QTemporaryDir m_dir;
};

namespace {

void writeText(const std::filesystem::path &path, std::string_view text)
{
    std::ofstream(path, std::ios::binary) << text;
}

std::string readText(const std::filesystem::path &path)
{
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

const std::vector<std::string> Tricky{"plain", "comma, inside", "quote \"x\" here", "new\nline", "crlf\r\nend", "",
                                      "", " spaced ", "tab\there", "back\\slash \\n", "\"", "é€𝄞", "\\", "end\\"};

h5::Table trickyTable()
{
    h5::Table table;
    std::vector<std::uint8_t> valid(Tricky.size(), 1);
    valid[6] = 0; // row 5 is an empty string, row 6 null
    table.addColumn("text, \"quoted\"", Tricky, valid);
    std::vector<std::int64_t> numbers(Tricky.size());
    for (std::size_t i = 0; i < numbers.size(); ++i)
        numbers[i] = static_cast<std::int64_t>(i) - 3;
    table.addColumn("n", numbers);
    return table;
}

// Expects readDelimitedTable to fail with a message holding every one of `parts`.
void expectFailure(const std::filesystem::path &path, const std::vector<std::string> &parts)
{
    try {
        (void)formats::readDelimitedTable(path);
        QFAIL(("reading " + path.string() + " must fail").c_str());
    } catch (const core::Error &error) {
        for (const auto &part : parts)
            QVERIFY2(std::string(error.what()).find(part) != std::string::npos,
                     (std::string(error.what()) + " lacks " + part).c_str());
    }
}

} // namespace

void tst_DelimitedTable::csvRoundTripOfTrickyStrings()
{
    const auto table = trickyTable();
    formats::writeDelimitedTable(path("tricky.CSV"), table);
    const auto read = formats::readDelimitedTable(path("tricky.CSV"));
    QVERIFY(read == table);
    QVERIFY(read.columns().front().isNull(6));
    QVERIFY(!read.columns().front().isNull(5));
}

void tst_DelimitedTable::tsvRoundTripEscapesTabsNewlinesAndBackslashes()
{
    const auto table = trickyTable();
    formats::writeDelimitedTable(path("tricky.tsv"), table);
    const std::string text = readText(path("tricky.tsv"));
    QVERIFY(text.find("tab\\there") != std::string::npos);
    QVERIFY(text.find("back\\\\slash \\\\n") != std::string::npos);
    QVERIFY(text.find("crlf\\r\\nend") != std::string::npos);
    // One line per row besides the header: every newline inside a cell was escaped.
    QCOMPARE(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')), Tricky.size() + 1);

    // TSV has no way to tell an empty string from null: both read back as null.
    auto expected = trickyTable();
    h5::Table withNull;
    auto strings = expected.columns().front();
    strings.valid[5] = 0;
    withNull.addColumn(strings);
    withNull.addColumn(expected.columns().back());
    QVERIFY(formats::readDelimitedTable(path("tricky.tsv")) == withNull);
}

void tst_DelimitedTable::writtenTextIsExact()
{
    h5::Table table;
    table.addColumn("name", std::vector<std::string>{"a,b", "say \"hi\"", "", "x"}, {1, 1, 1, 0});
    table.addColumn("value", std::vector<double>{0.1, -2, std::nan(""), 1e300}, {1, 1, 1, 1});
    table.addColumn("ok", std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::True, h5::Bool::False},
                    {1, 0, 1, 1});
    formats::writeDelimitedTable(path("exact.csv"), table);
    QCOMPARE(readText(path("exact.csv")),
             std::string("name,value,ok\n\"a,b\",0.1,true\n\"say \"\"hi\"\"\",-2.0,\n\"\",nan,true\n,1e+300,false\n"));
    formats::writeDelimitedTable(path("exact.tsv"), table);
    QCOMPARE(readText(path("exact.tsv")),
             std::string("name\tvalue\tok\na,b\t0.1\ttrue\nsay \"hi\"\t-2.0\t\n\tnan\ttrue\n\t1e+300\tfalse\n"));
}

void tst_DelimitedTable::typesAreInferred()
{
    writeText(path("infer.tsv"), "int\tdouble\tspecial\tbool\tmixed\tempty\tbig\tzip\twords\n"
                                 "1\t1\tnan\ttrue\t1\t\t9223372036854775807\t007\tNaN\n"
                                 "\t2.5\tinf\tFalse\t\t\t9223372036854775808\t010\tInfinity\n"
                                 "-7\t-3e2\t-0.5\t\ttrue\t\t1\t7\tinf\n");
    const auto table = formats::readDelimitedTable(path("infer.tsv"));
    QCOMPARE(table.rowCount(), std::size_t(3));
    const auto &columns = table.columns();

    QVERIFY(columns[0].data == h5::ColumnData(std::vector<std::int64_t>{1, 0, -7}));
    QCOMPARE(columns[0].valid, (std::vector<std::uint8_t>{1, 0, 1}));
    QVERIFY(columns[1].data == h5::ColumnData(std::vector<double>{1, 2.5, -300}));
    QVERIFY(columns[1].valid.empty());
    // nan and inf, as cellText writes them, beside a finite number.
    const auto &special = std::get<std::vector<double>>(columns[2].data);
    QVERIFY(std::isnan(special[0]));
    QCOMPARE(special[1], std::numeric_limits<double>::infinity());
    QCOMPARE(special[2], -0.5);
    QVERIFY(columns[3].data == h5::ColumnData(std::vector<h5::Bool>{h5::Bool::True, h5::Bool::False, h5::Bool::False}));
    QCOMPARE(columns[3].valid, (std::vector<std::uint8_t>{1, 1, 0}));
    QVERIFY(columns[4].data == h5::ColumnData(std::vector<std::string>{"1", "", "true"}));
    QCOMPARE(columns[4].valid, (std::vector<std::uint8_t>{1, 0, 1}));
    // Nothing to infer from: string, all null.
    QVERIFY(columns[5].data == h5::ColumnData(std::vector<std::string>{"", "", ""}));
    QCOMPARE(columns[5].nullCount(), std::size_t(3));
    // Beyond int64, or with leading zeros, integers stay text: no digit is lost.
    QVERIFY(columns[6].data ==
            h5::ColumnData(std::vector<std::string>{"9223372036854775807", "9223372036854775808", "1"}));
    QVERIFY(columns[7].data == h5::ColumnData(std::vector<std::string>{"007", "010", "7"}));
    // Words alone are words, whatever from_chars would make of them.
    QVERIFY(columns[8].data == h5::ColumnData(std::vector<std::string>{"NaN", "Infinity", "inf"}));
}

void tst_DelimitedTable::wholeFloatsReadBackAsFloats()
{
    // Written as 1.0 and -0.0, they come back as floats, sign included.
    h5::Table table;
    table.addColumn("x", std::vector<double>{1.0, -0.0, 2.5});
    formats::writeDelimitedTable(path("floats.tsv"), table);
    QCOMPARE(readText(path("floats.tsv")), std::string("x\n1.0\n-0.0\n2.5\n"));
    const auto read = formats::readDelimitedTable(path("floats.tsv"));
    const auto &values = std::get<std::vector<double>>(read.columns()[0].data);
    QCOMPARE(values, (std::vector<double>{1.0, -0.0, 2.5}));
    QVERIFY(std::signbit(values[1]));
}

void tst_DelimitedTable::logicalTypesAreWrittenAsTheirText()
{
    h5::Table table;
    h5::ColumnType timestamp;
    timestamp.kind = h5::ColumnType::Kind::Timestamp;
    timestamp.unit = h5::TimeUnit::Millis;
    timestamp.utc = true;
    table.addColumn("when", std::vector<std::int64_t>{-1, 0}, {}, timestamp);
    h5::ColumnType decimal;
    decimal.kind = h5::ColumnType::Kind::Decimal;
    decimal.precision = 5;
    decimal.scale = 2;
    table.addColumn("price", std::vector<std::int64_t>{-5, 12345}, {}, decimal);
    h5::ColumnType binary;
    binary.kind = h5::ColumnType::Kind::Binary;
    table.addColumn("bytes", std::vector<std::string>{std::string("\0,", 2), "ok"}, {}, binary);
    formats::writeDelimitedTable(path("typed.csv"), table);
    QCOMPARE(readText(path("typed.csv")),
             std::string("when,price,bytes\n1969-12-31T23:59:59.999Z,-0.05,\"\\x00,\"\n1970-01-01T00:00:00Z,123.45,ok\n"));
    const auto read = formats::readDelimitedTable(path("typed.csv"));
    QVERIFY(read.columns()[0].data ==
            h5::ColumnData(std::vector<std::string>{"1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00Z"}));
    QVERIFY(read.columns()[1].data == h5::ColumnData(std::vector<double>{-0.05, 123.45}));
    QVERIFY(read.columns()[2].data == h5::ColumnData(std::vector<std::string>{"\\x00,", "ok"}));
}

void tst_DelimitedTable::crlfByteOrderMarkAndBlankLines()
{
    writeText(path("excel.csv"), "\xEF\xBB\xBF" "a,b\r\n1,\"x\r\ny\"\r\n\r\n2,z\r\n\r\n");
    const auto table = formats::readDelimitedTable(path("excel.csv"));
    QCOMPARE(table.columns().front().name, std::string("a"));
    QVERIFY(table.columns()[0].data == h5::ColumnData(std::vector<std::int64_t>{1, 2}));
    QVERIFY(table.columns()[1].data == h5::ColumnData(std::vector<std::string>{"x\r\ny", "z"}));

    // With one column a blank line is a null; the last line needs no newline.
    writeText(path("single.tsv"), "v\n1\n\n3");
    const auto single = formats::readDelimitedTable(path("single.tsv"));
    QVERIFY(single.columns()[0].data == h5::ColumnData(std::vector<std::int64_t>{1, 0, 3}));
    QCOMPARE(single.columns()[0].valid, (std::vector<std::uint8_t>{1, 0, 1}));
}

void tst_DelimitedTable::emptyFileAndHeaderOnly()
{
    formats::writeDelimitedTable(path("nothing.tsv"), h5::Table());
    QCOMPARE(readText(path("nothing.tsv")), std::string());
    QVERIFY(formats::readDelimitedTable(path("nothing.tsv")) == h5::Table());

    h5::Table empty;
    empty.addColumn("a", std::vector<std::string>{});
    empty.addColumn("b c", std::vector<std::string>{});
    formats::writeDelimitedTable(path("header.csv"), empty);
    QCOMPARE(readText(path("header.csv")), std::string("a,b c\n"));
    QVERIFY(formats::readDelimitedTable(path("header.csv")) == empty);
}

void tst_DelimitedTable::malformedFilesNameFileAndLine()
{
    writeText(path("short.csv"), "a,b,c\n1,2,3\n4,5\n");
    expectFailure(path("short.csv"), {"short.csv:3:", "2 cells", "3 columns"});

    // Line numbers count the newlines inside quoted cells.
    writeText(path("long.csv"), "a,b\n\"x\ny\",1\n2,3,4\n");
    expectFailure(path("long.csv"), {"long.csv:4:", "3 cells"});

    writeText(path("open.csv"), "a,b\n1,2\n3,\"never\nclosed\n");
    expectFailure(path("open.csv"), {"open.csv:3:", "never closed"});

    writeText(path("after.csv"), "a\n\"x\"y\n");
    expectFailure(path("after.csv"), {"after.csv:2:", "'y'"});

    writeText(path("twice.tsv"), "a\tb\ta\n1\t2\t3\n");
    expectFailure(path("twice.tsv"), {"twice.tsv:1:", "duplicate column 'a'"});

    expectFailure(path("missing.tsv"), {"missing.tsv"});

    // TSV does not quote: a quote is just a character.
    writeText(path("quote.tsv"), "a\n\"x\n");
    QVERIFY(formats::readDelimitedTable(path("quote.tsv")).columns()[0].data ==
            h5::ColumnData(std::vector<std::string>{"\"x"}));
}

void tst_DelimitedTable::writingReplacesAtomically()
{
    writeText(path("replace.tsv"), "old\n");
    h5::Table table;
    table.addColumn("new", std::vector<std::int64_t>{1});
    formats::writeDelimitedTable(path("replace.tsv"), table);
    QCOMPARE(readText(path("replace.tsv")), std::string("new\n1\n"));
    QVERIFY(!std::filesystem::exists(path("replace.tsv.partial")));
}

QTEST_GUILESS_MAIN(tst_DelimitedTable)
#include "tst_delimitedtable.moc"
