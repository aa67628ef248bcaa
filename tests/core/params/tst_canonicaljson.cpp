#include "core/error.h"
#include "core/params/canonicaljson.h"
#include "core/params/jsontext.h"
#include "tests/core/params/randomjson.h"
#include "tests/support/nodeoracle.h"

#include <nlohmann/json.hpp>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace QTest {
template <>
char *toString(const std::string &value)
{
    return toString(QString::fromStdString(value));
}
} // namespace QTest

namespace {

std::string canonical(std::string_view jsonText)
{
    return params::canonicalJson(params::parseJson(jsonText, "test.json"));
}

// The message of the params::JsonError that `read` throws.
template <typename Read>
QString jsonError(Read read)
{
    try {
        read();
    } catch (const params::JsonError &error) {
        return QString::fromUtf8(error.what());
    }
    return "no error";
}

// Runs tests/oracle/canonicalize.js once for all files; one "SHA256HEX BASE64" line per file, in order.
void canonicalizeWithOracle(const QStringList &files, QList<QByteArray> &lines)
{
    QString error;
    const QByteArray output = runOracle("canonicalize.js", files, error);
    QVERIFY2(!output.isNull(), qPrintable(error));
    lines = output.trimmed().split('\n');
    QCOMPARE(lines.size(), files.size());
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const std::string &text)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) != qint64(text.size()))
        qFatal("cannot write %s", qPrintable(file.fileName()));
    return file.fileName();
}

} // namespace

class tst_CanonicalJson : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void ecmaScriptNumber_data();
    void ecmaScriptNumber();
    void nonFiniteNumbersThrow_data();
    void nonFiniteNumbersThrow();
    void numbersAreDoubles_data();
    void numbersAreDoubles();
    void rfcSortingExample();
    void keysSortByUtf16CodeUnits();
    void rfcExampleDocument();
    void stringEscapes_data();
    void stringEscapes();
    void illFormedUtf8Throws_data();
    void illFormedUtf8Throws();
    void structureWithoutWhitespace();
    void canonicalSha256();
    void duplicateKeysRejected_data();
    void duplicateKeysRejected();
    void syntaxErrorsNameTheSource_data();
    void syntaxErrorsNameTheSource();
    void readJsonFile();
    void oracleAgreesOnRandomDocuments();
    void oracleAgreesOnRandomNumbers();
};

void tst_CanonicalJson::ecmaScriptNumber_data()
{
    QTest::addColumn<quint64>("bits");
    QTest::addColumn<QString>("expected");

    // RFC 8785 appendix B, every finite row (each checked against node's String(Number)).
    const std::pair<quint64, const char *> appendixB[] = {
        {0x0000000000000000, "0"},
        {0x8000000000000000, "0"},
        {0x0000000000000001, "5e-324"},
        {0x8000000000000001, "-5e-324"},
        {0x7fefffffffffffff, "1.7976931348623157e+308"},
        {0xffefffffffffffff, "-1.7976931348623157e+308"},
        {0x4340000000000000, "9007199254740992"},
        {0xc340000000000000, "-9007199254740992"},
        {0x4430000000000000, "295147905179352830000"},
        {0x44b52d02c7e14af5, "9.999999999999997e+22"},
        {0x44b52d02c7e14af6, "1e+23"},
        {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
        {0x444b1ae4d6e2ef4e, "999999999999999700000"},
        {0x444b1ae4d6e2ef4f, "999999999999999900000"},
        {0x444b1ae4d6e2ef50, "1e+21"},
        {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
        {0x3eb0c6f7a0b5ed8d, "0.000001"},
        {0x41b3de4355555553, "333333333.3333332"},
        {0x41b3de4355555554, "333333333.33333325"},
        {0x41b3de4355555555, "333333333.3333333"},
        {0x41b3de4355555556, "333333333.3333334"},
        {0x41b3de4355555557, "333333333.33333343"},
        {0xbecbf647612f3696, "-0.0000033333333333333333"},
        {0x43143ff3c1cb0959, "1424953923781206.2"},
    };
    for (const auto &[bits, expected] : appendixB)
        QTest::addRow("RFC 8785 B: %016llx", static_cast<unsigned long long>(bits)) << bits << QString(expected);

    // Each branch of Number::toString at its edges (expected strings from node).
    QTest::newRow("1e-7: first exponent form below 1") << quint64(0x3e7ad7f29abcaf48) << "1e-7";
    QTest::newRow("0.0000015: last 0.000ddd form") << quint64(0x3eb92a737110e454) << "0.0000015";
    QTest::newRow("1.23e-18") << quint64(0x3c36b082c2148b8e) << "1.23e-18";
    QTest::newRow("0.1 + 0.2") << quint64(0x3fd3333333333334) << "0.30000000000000004";
    QTest::newRow("1") << quint64(0x3ff0000000000000) << "1";
    QTest::newRow("4.35") << quint64(0x4011666666666666) << "4.35";
    QTest::newRow("12345.678") << quint64(0x40c81cd6c8b43958) << "12345.678";
    QTest::newRow("1e20: 21 digits, no exponent") << quint64(0x4415af1d78b58c40) << "100000000000000000000";
    QTest::newRow("2^64") << quint64(0x43f0000000000000) << "18446744073709552000";
    QTest::newRow("1.2345678901234568e+29") << quint64(0x45f8ee90ff6c373e) << "1.2345678901234568e+29";
    QTest::newRow("1e+300") << quint64(0x7e37e43c8800759c) << "1e+300";
    QTest::newRow("smallest normal") << quint64(0x0010000000000000) << "2.2250738585072014e-308";
}

void tst_CanonicalJson::ecmaScriptNumber()
{
    QFETCH(quint64, bits);
    QFETCH(QString, expected);

    const double value = std::bit_cast<double>(static_cast<std::uint64_t>(bits));
    QCOMPARE(params::ecmaScriptNumber(value), expected.toStdString());
    QCOMPARE(params::canonicalJson(nlohmann::json(value)), expected.toStdString());
}

void tst_CanonicalJson::nonFiniteNumbersThrow_data()
{
    QTest::addColumn<quint64>("bits");

    QTest::newRow("RFC 8785 B: NaN 7fffffffffffffff") << quint64(0x7fffffffffffffff);
    QTest::newRow("RFC 8785 B: Infinity 7ff0000000000000") << quint64(0x7ff0000000000000);
    QTest::newRow("-Infinity fff0000000000000") << quint64(0xfff0000000000000);
}

void tst_CanonicalJson::nonFiniteNumbersThrow()
{
    QFETCH(quint64, bits);

    const double value = std::bit_cast<double>(static_cast<std::uint64_t>(bits));
    QVERIFY_THROWS_EXCEPTION(core::Error, params::ecmaScriptNumber(value));
    QVERIFY_THROWS_EXCEPTION(core::Error, params::canonicalJson(nlohmann::json::array({1, value})));
}

void tst_CanonicalJson::numbersAreDoubles_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");

    // nlohmann keeps these as exact 64-bit integers; RFC 8785 section 3.2.2.3 wants the IEEE 754 double.
    QTest::newRow("2^53 + 1") << "9007199254740993" << "9007199254740992";
    QTest::newRow("-(2^53 + 1)") << "-9007199254740993" << "-9007199254740992";
    QTest::newRow("int64 max") << "9223372036854775807" << "9223372036854776000";
    QTest::newRow("int64 min") << "-9223372036854775808" << "-9223372036854776000";
    QTest::newRow("uint64 max") << "18446744073709551615" << "18446744073709552000";
    QTest::newRow("beyond uint64") << "123456789012345678901234567890" << "1.2345678901234568e+29";
    QTest::newRow("-0 integer") << "-0" << "0";
    QTest::newRow("-0.0") << "-0.0" << "0";
    QTest::newRow("1E+2") << "1E+2" << "100";
    QTest::newRow("4.50") << "4.50" << "4.5";
    QTest::newRow("0.1e1") << "0.1e1" << "1";
}

void tst_CanonicalJson::numbersAreDoubles()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);

    QCOMPARE(canonical(json.toStdString()), expected.toStdString());
}

void tst_CanonicalJson::rfcSortingExample()
{
    // RFC 8785 section 3.2.3.
    const std::string input = R"({
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis"
    })";
    const std::string expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                                 "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                                 "\"\U0001F600\":\"Emoji: Grinning Face\","
                                 "\"\uFB33\":\"Hebrew Letter Dalet With Dagesh\"}";
    QCOMPARE(canonical(input), expected);
}

void tst_CanonicalJson::keysSortByUtf16CodeUnits()
{
    // In code point (and UTF-8 byte) order U+E000 and U+FFFF come before U+10000; in UTF-16 the astral
    // characters are surrogates 0xD800-0xDFFF and come first. U+D7FF is below both either way.
    nlohmann::json object = nlohmann::json::object();
    for (const char *key : {"\uFFFF", "\uE000", "\U0001F600", "\U00010000", "\uD7FF", "x\uE000", "x\U0010FFFF"})
        object[key] = 0;

    QCOMPARE(params::canonicalJson(object),
             std::string("{\"x\U0010FFFF\":0,\"x\uE000\":0,"
                         "\"\uD7FF\":0,\"\U00010000\":0,\"\U0001F600\":0,\"\uE000\":0,\"\uFFFF\":0}"));
}

void tst_CanonicalJson::rfcExampleDocument()
{
    // RFC 8785 section 3.2.2, input and expected output.
    const std::string input = R"({
        "numbers": [333333333.33333329, 1E30, 4.50,
                    2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
    })";
    const std::string expected = "{\"literals\":[null,true,false],"
                                 "\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                                 "\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    QCOMPARE(canonical(input), expected);
    QCOMPARE(canonical(input), std::string(R"({"literals":[null,true,false],"numbers":[333333333.3333333,)"
                                           R"(1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"})"));
}

void tst_CanonicalJson::stringEscapes_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("quote and backslash") << R"(["\"\\"])" << R"(["\"\\"])";
    QTest::newRow("short escapes") << R"(["\u0008\u0009\u000A\u000C\u000D"])" << R"(["\b\t\n\f\r"])";
    QTest::newRow("other controls as lower-case \\u00xx") << R"(["\u0000\u0001\u000b\u001F"])"
                                                          << R"(["\u0000\u0001\u000b\u001f"])";
    QTest::newRow("solidus unescaped") << R"(["\/"])" << R"(["/"])";
    QTest::newRow("DEL literal") << R"(["\u007f"])" << "[\"\x7f\"]";
    QTest::newRow("U+2028 literal") << R"(["\u2028\u2029"])" << "[\"\u2028\u2029\"]";
    QTest::newRow("non-ASCII literal") << R"(["\u00e9\u20AC\ud83d\ude00"])" << "[\"\u00e9\u20ac\U0001F600\"]";
    QTest::newRow("escapes in keys") << R"({"a\nb\u0001":"\u0041"})" << R"({"a\nb\u0001":"A"})";
}

void tst_CanonicalJson::stringEscapes()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);

    QCOMPARE(canonical(json.toStdString()), expected.toStdString());
}

void tst_CanonicalJson::illFormedUtf8Throws_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("stray continuation byte") << QByteArray("\x80");
    QTest::newRow("invalid byte 0xff") << QByteArray("a\xff");
    QTest::newRow("overlong NUL") << QByteArray("\xc0\x80");
    QTest::newRow("overlong 3-byte") << QByteArray("\xe0\x80\xaf");
    QTest::newRow("encoded surrogate") << QByteArray("\xed\xa0\x80");
    QTest::newRow("beyond U+10FFFF") << QByteArray("\xf4\x90\x80\x80");
    QTest::newRow("5-byte lead") << QByteArray("\xf8\x90\x80\x80");
    QTest::newRow("truncated") << QByteArray("\xe2\x82");
}

void tst_CanonicalJson::illFormedUtf8Throws()
{
    QFETCH(QByteArray, bytes);

    const std::string text = bytes.toStdString();
    QVERIFY_THROWS_EXCEPTION(core::Error, params::canonicalJson(nlohmann::json(text)));
    QVERIFY_THROWS_EXCEPTION(core::Error, params::canonicalJson(nlohmann::json{{text, 1}, {"b", 2}}));
}

void tst_CanonicalJson::structureWithoutWhitespace()
{
    QCOMPARE(canonical(" { \"b\" : [ ] , \"a\" : { } , \"c\" : [ { } , [ null ] ] } "),
             std::string(R"({"a":{},"b":[],"c":[{},[null]]})"));
    QCOMPARE(canonical("\"top-level string\""), std::string("\"top-level string\""));
    QCOMPARE(canonical(" true "), std::string("true"));
    QCOMPARE(canonical("[1.0, -0, false]"), std::string("[1,0,false]"));
}

void tst_CanonicalJson::canonicalSha256()
{
    const nlohmann::json value = params::parseJson("{ \"b\": 2, \"a\": [1.0, \"x\"] }", "test.json");
    QCOMPARE(params::canonicalJson(value), std::string(R"({"a":[1,"x"],"b":2})"));
    // printf '{"a":[1,"x"],"b":2}' | sha256sum
    QCOMPARE(params::canonicalSha256(value),
             std::string("8cbd548a32262b76a6536efe4e7ba86a0e811fcd0475d83a43e10acd0615aa37"));
}

void tst_CanonicalJson::duplicateKeysRejected_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expected");

    QTest::newRow("third line") << "{\n  \"a\": 1,\n  \"a\": 2\n}"
                                << "params.json: line 3, column 3: duplicate key \"a\"";
    QTest::newRow("nested object") << R"({"a": {"x": 1, "y": 2, "x": 3}})"
                                   << "params.json: line 1, column 24: duplicate key \"x\"";
    QTest::newRow("spelled differently") << R"({"a":1,"\u0061":2})"
                                         << "params.json: line 1, column 8: duplicate key \"a\"";
    QTest::newRow("columns count characters") << "{\"\u00e9\u00e9\": 1, \"\u00e9\u00e9\": 2}"
                                              << "params.json: line 1, column 11: duplicate key \"\u00e9\u00e9\"";
    QTest::newRow("after sibling objects") << R"([{"k":1},{"k":2},{"k":3,"k":4}])"
                                           << "params.json: line 1, column 25: duplicate key \"k\"";
}

void tst_CanonicalJson::duplicateKeysRejected()
{
    QFETCH(QString, json);
    QFETCH(QString, expected);

    QCOMPARE(jsonError([&] { params::parseJson(json.toStdString(), "params.json"); }), expected);
}

void tst_CanonicalJson::syntaxErrorsNameTheSource_data()
{
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("expectedPrefix");

    QTest::newRow("unfinished literal") << "[1,tru" << "params.json: line 1, column 7: syntax error";
    QTest::newRow("trailing comma") << "[\n1,\n\n]" << "params.json: line 4, column 1: syntax error";
    QTest::newRow("trailing garbage") << R"({"a":1}x)" << "params.json: line 1, column 8: syntax error";
    QTest::newRow("empty") << "" << "params.json: line 1, column 1: syntax error";
    QTest::newRow("lone surrogate") << R"(["\ud800"])" << "params.json: line 1, column 9: syntax error";
    QTest::newRow("number beyond double") << "[1e400]" << "params.json: number overflow";
}

void tst_CanonicalJson::syntaxErrorsNameTheSource()
{
    QFETCH(QString, json);
    QFETCH(QString, expectedPrefix);

    const QString message = jsonError([&] { params::parseJson(json.toStdString(), "params.json"); });
    QVERIFY2(message.startsWith(expectedPrefix), qPrintable(message));
}

void tst_CanonicalJson::readJsonFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    const QString good = writeFile(dir, "good.json", "{\"b\": 1, \"a\": 2}");
    QCOMPARE(params::canonicalJson(params::readJsonFile(good.toStdString())), std::string(R"({"a":2,"b":1})"));

    const QString bad = writeFile(dir, "bad.json", "{\n\"b\": 1,\n\"b\": 2}");
    QCOMPARE(jsonError([&] { params::readJsonFile(bad.toStdString()); }),
             bad + ": line 3, column 1: duplicate key \"b\"");

    const QString missing = dir.filePath("missing.json");
    QCOMPARE(jsonError([&] { params::readJsonFile(missing.toStdString()); }),
             missing + ": cannot read file (No such file or directory)");

    QCOMPARE(jsonError([&] { params::readJsonFile(dir.path().toStdString()); }),
             dir.path() + ": cannot read file (Is a directory)");
}

void tst_CanonicalJson::oracleAgreesOnRandomDocuments()
{
    if (const QString reason = oracleUnavailable("canonicalize", "independent RFC 8785 oracle"); !reason.isEmpty())
        QSKIP(qPrintable(reason));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    RandomJson random(20250611);
    std::vector<std::string> documents;
    QStringList files;
    for (int i = 0; i < 400; ++i) {
        documents.push_back(random.document());
        files << writeFile(dir, QString("doc%1.json").arg(i, 3, 10, QChar('0')), documents.back());
    }

    QList<QByteArray> lines;
    canonicalizeWithOracle(files, lines);
    if (QTest::currentTestFailed())
        return;

    for (qsizetype i = 0; i < files.size(); ++i) {
        const nlohmann::json value = params::parseJson(documents[std::size_t(i)], files[i].toStdString());
        const QList<QByteArray> answer = lines[i].split(' ');
        QCOMPARE(answer.size(), 2);
        const QByteArray theirs = QByteArray::fromBase64(answer[1]);
        const QByteArray ours = QByteArray::fromStdString(params::canonicalJson(value));
        QVERIFY2(ours == theirs, qPrintable(QString("%1\n  input:  %2\n  ours:   %3\n  oracle: %4")
                                                .arg(files[i], QString::fromStdString(documents[std::size_t(i)]),
                                                     QString::fromUtf8(ours), QString::fromUtf8(theirs))));
        QCOMPARE(params::canonicalSha256(value), answer[0].toStdString());
    }
}

void tst_CanonicalJson::oracleAgreesOnRandomNumbers()
{
    if (const QString reason = oracleUnavailable("canonicalize", "independent RFC 8785 oracle"); !reason.isEmpty())
        QSKIP(qPrintable(reason));

    // One array of many number literals; canonical numbers contain no comma, so elements can be compared
    // one by one and a mismatch names its literal.
    RandomJson random(42);
    std::vector<std::string> literals;
    std::string document = "[";
    for (int i = 0; i < 20'000; ++i) {
        literals.push_back(random.numberLiteral());
        document += (i > 0 ? "," : "") + literals.back();
    }
    document += ']';

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QList<QByteArray> lines;
    canonicalizeWithOracle({writeFile(dir, "numbers.json", document)}, lines);
    if (QTest::currentTestFailed())
        return;

    const QByteArray canonicalArray = QByteArray::fromBase64(lines[0].split(' ').value(1));
    const QList<QByteArray> theirs = canonicalArray.mid(1, canonicalArray.size() - 2).split(',');
    QCOMPARE(theirs.size(), qsizetype(literals.size()));
    for (std::size_t i = 0; i < literals.size(); ++i) {
        const std::string ours = canonical(literals[i]);
        QVERIFY2(ours == theirs[qsizetype(i)].toStdString(),
                 qPrintable(QString("%1: ours %2, oracle %3")
                                .arg(QString::fromStdString(literals[i]), QString::fromStdString(ours),
                                     QString::fromUtf8(theirs[qsizetype(i)]))));
    }
}

QTEST_MAIN(tst_CanonicalJson)
#include "tst_canonicaljson.moc"
