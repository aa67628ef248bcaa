#include "core/params/jsonschema.h"
#include "core/params/jsontext.h"
#include "core/params/schemaregistry.h"

#include <QtTest/QTest>

#include <algorithm>
#include <optional>

using nlohmann::json;

namespace {

json parse(const QByteArray &text)
{
    return json::parse(text.constData(), text.constData() + text.size());
}

QStringList texts(const std::vector<params::ValidationIssue> &issues)
{
    QStringList result;
    for (const params::ValidationIssue &issue : issues)
        result << QString::fromStdString(issue.text());
    return result;
}

QString dumped(const json &value)
{
    return QString::fromStdString(value.dump());
}

QStringList validated(const QByteArray &schema, const QByteArray &document)
{
    json value = parse(document);
    return texts(params::JsonSchema(parse(schema), "test").validate(value));
}

// The message of the `Exception` that `action` throws; another exception type escapes and fails the test.
template <typename Exception = core::Error, typename Action>
QString thrownMessage(Action &&action)
{
    try {
        action();
    } catch (const Exception &e) {
        return QString::fromUtf8(e.what());
    }
    return QStringLiteral("<nothing thrown>");
}

// The shared body of the table-driven slots with columns schema, document and issues.
void compareIssues()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, document);
    QFETCH(QStringList, issues);
    QCOMPARE(validated(schema, document), issues);
}

const QString rigSchemaPath = QStringLiteral(MACROSCOPE_SOURCE_DIR "/tests/data/schemas/rig.schema.json");

} // namespace

class tst_JsonSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keywords_data();
    void keywords();
    void numbersInMessages_data();
    void numbersInMessages();
    void branches_data();
    void branches();
    void pointers_data();
    void pointers();
    void refs_data();
    void refs();
    void multipleIssues();
    void defaults_data();
    void defaults();
    void defaultsWrittenOutAreEqual_data();
    void defaultsWrittenOutAreEqual();
    void rejectedSchemas_data();
    void rejectedSchemas();
    void invalidPatternRejected();
    void issueText();
    void validateOrThrow();
    void copiedSchemaKeepsPatterns();
    void builtinSchemas();
    void fileRootSchema();
    void unknownBuiltinSchema();
    void loadSchemaFromPath();
};

void tst_JsonSchema::keywords_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QStringList>("issues");

    const QByteArray integer = R"({"type": "integer"})";
    QTest::newRow("type integer: 3") << integer << QByteArray("3") << QStringList();
    QTest::newRow("type integer: 1.0") << integer << QByteArray("1.0") << QStringList();
    QTest::newRow("type integer: 1.5") << integer << QByteArray("1.5") << QStringList{"/: must be integer, got number"};
    QTest::newRow("type integer: string") << integer << QByteArray(R"("3")")
                                          << QStringList{"/: must be integer, got string"};
    QTest::newRow("type number: 3") << QByteArray(R"({"type": "number"})") << QByteArray("3") << QStringList();
    QTest::newRow("type object: array") << QByteArray(R"({"type": "object"})") << QByteArray("[]")
                                        << QStringList{"/: must be object, got array"};
    QTest::newRow("type boolean: null") << QByteArray(R"({"type": "boolean"})") << QByteArray("null")
                                        << QStringList{"/: must be boolean, got null"};
    QTest::newRow("type null: null") << QByteArray(R"({"type": "null"})") << QByteArray("null") << QStringList();
    const QByteArray numberOrString = R"({"type": ["number", "string"]})";
    QTest::newRow("types: string") << numberOrString << QByteArray(R"("a")") << QStringList();
    QTest::newRow("types: null") << numberOrString << QByteArray("null")
                                 << QStringList{"/: must be one of types [number, string], got null"};
    QTest::newRow("types of one: null") << QByteArray(R"({"type": ["string"]})") << QByteArray("null")
                                        << QStringList{"/: must be string, got null"};

    const QByteArray monitor = R"({"properties": {"monitor": {"type": "object",
        "properties": {"refresh_hz": {"type": "number"}}, "required": ["refresh_hz"],
        "additionalProperties": false}}})";
    QTest::newRow("required: present") << monitor << QByteArray(R"({"monitor": {"refresh_hz": 60}})") << QStringList();
    QTest::newRow("required: missing") << monitor << QByteArray(R"({"monitor": {}})")
                                       << QStringList{"/monitor/refresh_hz: required property is missing"};
    QTest::newRow("required: not in properties") << QByteArray(R"({"required": ["a"]})") << QByteArray("{}")
                                                 << QStringList{"/a: required property is missing"};
    QTest::newRow("required: default does not excuse")
        << QByteArray(R"({"properties": {"a": {"default": 1}}, "required": ["a"]})") << QByteArray("{}")
        << QStringList{"/a: required property is missing"};
    QTest::newRow("properties: wrong value") << QByteArray(R"({"properties": {"a": {"type": "string"}}})")
                                             << QByteArray(R"({"a": 1})")
                                             << QStringList{"/a: must be string, got integer"};
    QTest::newRow("properties: not an object") << QByteArray(R"({"properties": {"a": {"type": "string"}}})")
                                               << QByteArray("5") << QStringList();
    QTest::newRow("additionalProperties false")
        << monitor << QByteArray(R"({"monitor": {"refresh_hz": 60, "colour": "red"}})")
        << QStringList{"/monitor/colour: property is not allowed"};
    QTest::newRow("additionalProperties schema")
        << QByteArray(R"({"properties": {"a": {}}, "additionalProperties": {"type": "integer"}})")
        << QByteArray(R"({"a": "declared", "b": 2, "c": "x"})") << QStringList{"/c: must be integer, got string"};
    QTest::newRow("false schema") << QByteArray(R"({"properties": {"a": false, "b": true}})")
                                  << QByteArray(R"({"a": 1, "b": 2})") << QStringList{"/a: is not allowed"};

    const QByteArray layout = R"({"enum": ["LR", "RL", "TB", "BT"]})";
    QTest::newRow("enum: listed") << layout << QByteArray(R"("TB")") << QStringList();
    QTest::newRow("enum: not listed") << layout << QByteArray(R"("XX")")
                                      << QStringList{R"(/: must be one of ["LR", "RL", "TB", "BT"], got "XX")"};
    QTest::newRow("enum: 1.0 equals 1") << QByteArray(R"({"enum": [1, "a", null]})") << QByteArray("1.0")
                                        << QStringList();
    QTest::newRow("enum: compound values") << QByteArray(R"({"enum": [[1, 2], {"a": 1.5}]})") << QByteArray("[2, 1]")
                                           << QStringList{R"(/: must be one of [[1,2], {"a":1.5}], got [2,1])"};
    QTest::newRow("const: equal") << QByteArray(R"({"const": 2})") << QByteArray("2.0") << QStringList();
    QTest::newRow("const: different") << QByteArray(R"({"const": 2})") << QByteArray("3")
                                      << QStringList{"/: must be 2, got 3"};
    QTest::newRow("const: string") << QByteArray(R"({"const": "a"})") << QByteArray(R"("b")")
                                   << QStringList{R"(/: must be "a", got "b")"};

    QTest::newRow("minimum: equal") << QByteArray(R"({"minimum": 1})") << QByteArray("1") << QStringList();
    QTest::newRow("minimum: below") << QByteArray(R"({"minimum": 1})") << QByteArray("0")
                                    << QStringList{"/: must be >= 1, got 0"};
    QTest::newRow("minimum: negative limit") << QByteArray(R"({"minimum": -1})") << QByteArray("0") << QStringList();
    QTest::newRow("maximum: above") << QByteArray(R"({"maximum": 240})") << QByteArray("500")
                                    << QStringList{"/: must be <= 240, got 500"};
    QTest::newRow("exclusiveMinimum: above") << QByteArray(R"({"exclusiveMinimum": 0})") << QByteArray("0.001")
                                             << QStringList();
    QTest::newRow("exclusiveMinimum: equal") << QByteArray(R"({"exclusiveMinimum": 0})") << QByteArray("0")
                                             << QStringList{"/: must be > 0, got 0"};
    QTest::newRow("exclusiveMaximum: below") << QByteArray(R"({"exclusiveMaximum": 90})") << QByteArray("89.9")
                                             << QStringList();
    QTest::newRow("exclusiveMaximum: equal") << QByteArray(R"({"exclusiveMaximum": 90})") << QByteArray("90")
                                             << QStringList{"/: must be < 90, got 90"};
    QTest::newRow("bounds: ignore strings") << QByteArray(R"({"minimum": 1})") << QByteArray(R"("0")") << QStringList();

    QTest::newRow("minLength: too short") << QByteArray(R"({"minLength": 3})") << QByteArray(R"("ab")")
                                          << QStringList{"/: must be at least 3 characters long, got 2"};
    QTest::newRow("maxLength: too long") << QByteArray(R"({"maxLength": 8})") << QByteArray(R"("abcdefghij")")
                                         << QStringList{"/: must be at most 8 characters long, got 10"};
    QTest::newRow("maxLength: code points, not bytes") << QByteArray(R"({"maxLength": 3})")
                                                       << QByteArray(R"("äöü")") << QStringList();
    QTest::newRow("maxLength: emoji") << QByteArray(R"({"maxLength": 3})") << QByteArray(R"("😀😀😀😀")")
                                      << QStringList{"/: must be at most 3 characters long, got 4"};
    QTest::newRow("minLength: ignores numbers") << QByteArray(R"({"minLength": 3})") << QByteArray("5")
                                                << QStringList();
    QTest::newRow("pattern: matches") << QByteArray(R"({"pattern": "^[a-z]+$"})") << QByteArray(R"("abc")")
                                      << QStringList();
    QTest::newRow("pattern: does not match") << QByteArray(R"({"pattern": "^[a-z]+$"})") << QByteArray(R"("ABC")")
                                             << QStringList{R"(/: must match pattern "^[a-z]+$", got "ABC")"};
    QTest::newRow("pattern: unanchored search") << QByteArray(R"({"pattern": "b"})") << QByteArray(R"("abc")")
                                                << QStringList();
    QTest::newRow("pattern: anchored") << QByteArray(R"({"pattern": "^b"})") << QByteArray(R"("abc")")
                                       << QStringList{R"(/: must match pattern "^b", got "abc")"};

    QTest::newRow("items") << QByteArray(R"({"items": {"type": "integer"}})") << QByteArray(R"([1, "a", 2, null])")
                           << QStringList{"/1: must be integer, got string", "/3: must be integer, got null"};
    QTest::newRow("minItems") << QByteArray(R"({"minItems": 1})") << QByteArray("[]")
                              << QStringList{"/: must have at least 1 items, got 0"};
    QTest::newRow("maxItems") << QByteArray(R"({"maxItems": 4})") << QByteArray("[1, 2, 3, 4, 5]")
                              << QStringList{"/: must have at most 4 items, got 5"};
    QTest::newRow("maxItems: enough") << QByteArray(R"({"maxItems": 4})") << QByteArray("[1, 2, 3, 4]")
                                      << QStringList();

    QTest::newRow("annotations") << QByteArray(R"({"$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "x", "title": "t", "description": "d", "$comment": "c", "examples": [1], "format": "date-time"})")
                                 << QByteArray(R"("not a date")") << QStringList();
}

void tst_JsonSchema::keywords()
{
    compareIssues();
}

void tst_JsonSchema::numbersInMessages_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("issue");

    QTest::newRow("1.5") << QByteArray(R"({"minimum": 1.5})") << QByteArray("1") << "/: must be >= 1.5, got 1";
    QTest::newRow("0.1") << QByteArray(R"({"maximum": 0.1})") << QByteArray("0.2") << "/: must be <= 0.1, got 0.2";
    QTest::newRow("1e-7") << QByteArray(R"({"exclusiveMinimum": 1e-7})") << QByteArray("0")
                          << "/: must be > 1e-7, got 0";
    QTest::newRow("whole double") << QByteArray(R"({"maximum": 1.0})") << QByteArray("2.5")
                                  << "/: must be <= 1, got 2.5";
    QTest::newRow("const 1.0") << QByteArray(R"({"const": 1.0})") << QByteArray("1.25") << "/: must be 1, got 1.25";
    QTest::newRow("beyond 2^53, exact") << QByteArray(R"({"minimum": 9007199254740993})")
                                        << QByteArray("9007199254740992")
                                        << "/: must be >= 9007199254740993, got 9007199254740992";
    QTest::newRow("negative") << QByteArray(R"({"minimum": -0.5})") << QByteArray("-1") << "/: must be >= -0.5, got -1";
}

void tst_JsonSchema::numbersInMessages()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, document);
    QFETCH(QString, issue);
    QCOMPARE(validated(schema, document), QStringList{issue});
}

void tst_JsonSchema::branches_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QStringList>("issues");

    const QByteArray oneOf = R"({"oneOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]})";
    QTest::newRow("oneOf: first") << oneOf << QByteArray(R"("a")") << QStringList();
    QTest::newRow("oneOf: second") << oneOf << QByteArray("3") << QStringList();
    QTest::newRow("oneOf: none") << oneOf << QByteArray("-1")
                                 << QStringList{"/: must match exactly one schema in oneOf, matched 0 "
                                                "(0: /: must be string, got integer; 1: /: must be >= 0, got -1)"};
    QTest::newRow("oneOf: two") << QByteArray(R"({"oneOf": [{"type": "number"}, {"type": "integer"}]})")
                                << QByteArray("3")
                                << QStringList{"/: must match exactly one schema in oneOf, matched 2"};
    QTest::newRow("oneOf: nested pointer")
        << QByteArray(R"({"properties": {"s": {"oneOf": [{"properties": {"x": {"type": "string"}}},
                                                         {"required": ["y"]}]}}})")
        << QByteArray(R"({"s": {"x": 1}})")
        << QStringList{"/s: must match exactly one schema in oneOf, matched 0 "
                       "(0: /s/x: must be string, got integer; 1: /s/y: required property is missing)"};
    const QByteArray anyOf = R"({"anyOf": [{"type": "string"}, {"type": "null"}]})";
    QTest::newRow("anyOf: match") << anyOf << QByteArray("null") << QStringList();
    QTest::newRow("anyOf: none") << anyOf << QByteArray("3")
                                 << QStringList{"/: must match at least one schema in anyOf "
                                                "(0: /: must be string, got integer; 1: /: must be null, got integer)"};
    QTest::newRow("anyOf: several issues in a branch")
        << QByteArray(R"({"anyOf": [{"type": "string", "enum": ["a"]}, {"type": "null"}]})") << QByteArray("3")
        << QStringList{R"(/: must match at least one schema in anyOf (0: /: must be string, got integer; )"
                       R"(/: must be one of ["a"], got 3; 1: /: must be null, got integer))"};
}

void tst_JsonSchema::branches()
{
    compareIssues();
}

void tst_JsonSchema::pointers_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QStringList>("issues");

    QTest::newRow("escaped names") << QByteArray(R"({"properties": {"a/b": {"items": {"type": "string"}},
                                                                     "m~n": {"type": "string"}}})")
                                   << QByteArray(R"({"a/b": ["ok", 1], "m~n": 2})")
                                   << QStringList{"/a~1b/1: must be string, got integer",
                                                  "/m~0n: must be string, got integer"};
    QTest::newRow("deep") << QByteArray(R"({"properties": {"x": {"properties": {"y": {"items":
                                           {"required": ["z"]}}}}}})")
                          << QByteArray(R"({"x": {"y": [{"z": 1}, {"z": 2}, {}]}})")
                          << QStringList{"/x/y/2/z: required property is missing"};
    QTest::newRow("empty name") << QByteArray(R"({"properties": {"": {"type": "null"}}})")
                                << QByteArray(R"({"": 1})") << QStringList{"/: must be null, got integer"};
}

void tst_JsonSchema::pointers()
{
    compareIssues();
}

void tst_JsonSchema::refs_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QStringList>("issues");

    const QByteArray monitor = R"({"$defs": {"Monitor": {"type": "object", "required": ["refresh_hz"],
        "properties": {"refresh_hz": {"type": "number", "minimum": 1}}}},
        "properties": {"monitor": {"$ref": "#/$defs/Monitor"}}})";
    QTest::newRow("$defs: valid") << monitor << QByteArray(R"({"monitor": {"refresh_hz": 60}})") << QStringList();
    QTest::newRow("$defs: invalid") << monitor << QByteArray(R"({"monitor": {"refresh_hz": 0}})")
                                    << QStringList{"/monitor/refresh_hz: must be >= 1, got 0"};
    const QByteArray tree = R"({"type": "object", "required": ["name"],
        "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}})";
    QTest::newRow("recursive: valid") << tree << QByteArray(R"({"name": "a", "children": [{"name": "b"}]})")
                                      << QStringList();
    QTest::newRow("recursive: invalid")
        << tree << QByteArray(R"({"name": "a", "children": [{"name": "b", "children": [{"children": []}, 3]}]})")
        << QStringList{"/children/0/children/0/name: required property is missing",
                       "/children/0/children/1: must be object, got integer"};
    QTest::newRow("escaped pointer")
        << QByteArray(R"({"$defs": {"a/b": {"type": "string"}, "m~n": {"type": "integer"}},
                          "properties": {"x": {"$ref": "#/$defs/a~1b"}, "y": {"$ref": "#/$defs/m~0n"}}})")
        << QByteArray(R"({"x": 1, "y": "s"})")
        << QStringList{"/x: must be string, got integer", "/y: must be integer, got string"};
    const QByteArray siblings = R"({"$defs": {"N": {"type": "number"}}, "$ref": "#/$defs/N", "minimum": 0})";
    QTest::newRow("siblings: target") << siblings << QByteArray(R"("a")")
                                      << QStringList{"/: must be number, got string"};
    QTest::newRow("siblings: own keyword") << siblings << QByteArray("-1") << QStringList{"/: must be >= 0, got -1"};
}

void tst_JsonSchema::refs()
{
    compareIssues();
}

void tst_JsonSchema::multipleIssues()
{
    const params::JsonSchema schema(params::readJsonFile(rigSchemaPath.toStdString()), "rig");
    json document = parse(R"({"name": "1st", "layout": "XX", "colour": "red",
        "monitor": {"refresh_hz": 0, "size_px": [1920]}, "stimuli": []})");
    QCOMPARE(texts(schema.validate(document)),
             (QStringList{R"(/layout: must be one of ["LR", "RL", "TB", "BT"], got "XX")",
                          "/monitor/refresh_hz: must be > 0, got 0",
                          "/monitor/size_px: must have at least 2 items, got 1",
                          R"(/name: must match pattern "^[A-Za-z][A-Za-z0-9_-]*$", got "1st")",
                          "/stimuli: must have at least 1 items, got 0", "/colour: property is not allowed"}));
}

void tst_JsonSchema::defaults_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QByteArray>("filled");

    const QByteArray simple = R"({"properties": {"a": {"type": "integer", "default": 3}, "b": {"type": "integer"}}})";
    QTest::newRow("absent") << simple << QByteArray("{}") << QByteArray(R"({"a": 3})");
    QTest::newRow("present") << simple << QByteArray(R"({"a": 5})") << QByteArray(R"({"a": 5})");
    QTest::newRow("nested in inserted default")
        << QByteArray(R"({"properties": {"monitor": {"type": "object", "default": {}, "properties": {
               "refresh_hz": {"default": 60},
               "size": {"default": {"w": 1}, "properties": {"w": {}, "h": {"default": 2}}}}}}})")
        << QByteArray("{}") << QByteArray(R"({"monitor": {"refresh_hz": 60, "size": {"w": 1, "h": 2}}})");
    const QByteArray monitorDefs = R"("$defs": {"Monitor": {"type": "object", "default": {},
        "properties": {"refresh_hz": {"default": 60}}}})";
    QTest::newRow("through $ref") << "{" + monitorDefs + R"(, "properties": {"monitor": {"$ref": "#/$defs/Monitor"}}})"
                                  << QByteArray("{}") << QByteArray(R"({"monitor": {"refresh_hz": 60}})");
    QTest::newRow("beside $ref")
        << "{" + monitorDefs
               + R"(, "properties": {"monitor": {"$ref": "#/$defs/Monitor", "default": {"refresh_hz": 75}}}})"
        << QByteArray("{}") << QByteArray(R"({"monitor": {"refresh_hz": 75}})");
    QTest::newRow("array items")
        << QByteArray(R"({"properties": {"stimuli": {"items": {"properties": {"contrast": {"default": 1}}}}}})")
        << QByteArray(R"({"stimuli": [{"kind": "bar"}, {"kind": "grating", "contrast": 0.5}]})")
        << QByteArray(R"({"stimuli": [{"kind": "bar", "contrast": 1}, {"kind": "grating", "contrast": 0.5}]})");
    const QByteArray kinds = R"({"oneOf": [
        {"properties": {"kind": {"const": "bar"}, "width": {"default": 5}}, "required": ["kind"]},
        {"properties": {"kind": {"const": "grating"}, "sf": {"default": 0.1}}, "required": ["kind"]}]})";
    QTest::newRow("oneOf: matching branch") << kinds << QByteArray(R"({"kind": "grating"})")
                                            << QByteArray(R"({"kind": "grating", "sf": 0.1})");
    const QByteArray either = R"({"anyOf": [{"properties": {"a": {"type": "string"}, "x": {"default": 1}}},
                                            {"properties": {"y": {"default": 2}}}]})";
    QTest::newRow("anyOf: first match") << either << QByteArray(R"({"a": "s"})") << QByteArray(R"({"a": "s", "x": 1})");
    QTest::newRow("anyOf: failed branch leaves nothing") << either << QByteArray(R"({"a": 5})")
                                                         << QByteArray(R"({"a": 5, "y": 2})");
}

void tst_JsonSchema::defaults()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, document);
    QFETCH(QByteArray, filled);
    json value = parse(document);
    QCOMPARE(texts(params::JsonSchema(parse(schema), "test").validate(value)), QStringList());
    QCOMPARE(dumped(value), dumped(parse(filled)));
}

void tst_JsonSchema::defaultsWrittenOutAreEqual_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QByteArray>("writtenOut");

    QTest::newRow("minimal") << QByteArray(R"({"name": "rig1"})")
                             << QByteArray(R"({"name": "rig1", "layout": "LR",
                                   "monitor": {"refresh_hz": 60, "distance_cm": 20, "size_px": [1920, 1080]},
                                   "stimuli": [{"kind": "bar", "width_deg": 20, "speed_deg_s": 9}]})");
    QTest::newRow("partial") << QByteArray(R"({"name": "rig1", "notes": null, "monitor": {"refresh_hz": 144},
                                               "stimuli": [{"kind": "grating", "contrast": 0.5}, {"kind": "bar"}]})")
                             << QByteArray(R"({"name": "rig1", "notes": null, "layout": "LR",
                                   "monitor": {"refresh_hz": 144, "distance_cm": 20, "size_px": [1920, 1080]},
                                   "stimuli": [{"kind": "grating", "contrast": 0.5, "sf_cpd": 0.04},
                                               {"kind": "bar", "width_deg": 20, "speed_deg_s": 9}]})");
}

// The contract params files rely on: a document means the same whether or not its defaults are written out.
void tst_JsonSchema::defaultsWrittenOutAreEqual()
{
    QFETCH(QByteArray, document);
    QFETCH(QByteArray, writtenOut);
    const params::JsonSchema schema = params::loadSchema(rigSchemaPath.toStdString());
    json minimal = parse(document);
    json full = parse(writtenOut);
    QCOMPARE(texts(schema.validate(minimal)), QStringList());
    QCOMPARE(texts(schema.validate(full)), QStringList());
    QCOMPARE(dumped(minimal), dumped(full));
    QCOMPARE(dumped(full), dumped(parse(writtenOut)));
}

void tst_JsonSchema::rejectedSchemas_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QString>("error");

    QTest::newRow("unsupported keyword") << QByteArray(R"({"type": "object", "minProperties": 1})")
                                         << R"(test: /minProperties: unsupported keyword "minProperties")";
    QTest::newRow("misspelt keyword") << QByteArray(R"({"properties": {"a": {"requried": ["b"]}}})")
                                      << R"(test: /properties/a/requried: unsupported keyword "requried")";
    QTest::newRow("unsupported in $defs") << QByteArray(R"({"$defs": {"B": {"items": {"uniqueItems": true}}}})")
                                          << R"(test: /$defs/B/items/uniqueItems: unsupported keyword "uniqueItems")";
    QTest::newRow("unsupported in oneOf") << QByteArray(R"({"oneOf": [{"type": "string"}, {"contains": {}}]})")
                                          << R"(test: /oneOf/1/contains: unsupported keyword "contains")";
    QTest::newRow("dangling $ref") << QByteArray(R"({"properties": {"a": {"$ref": "#/$defs/Nope"}}})")
                                   << R"(test: /properties/a/$ref: $ref "#/$defs/Nope" does not resolve)";
    QTest::newRow("remote $ref") << QByteArray(R"({"$ref": "other.json#/a"})")
                                 << R"(test: /$ref: only local $ref ("#" or "#/...") is supported, )"
                                    R"(got "other.json#/a")";
    QTest::newRow("$ref into data") << QByteArray(R"({"$defs": {"A": {"default": {"type": "string"}}},
                                                      "$ref": "#/$defs/A/default"})")
                                    << R"(test: /$ref: $ref "#/$defs/A/default" does not point to a schema)";
    QTest::newRow("$ref cycle") << QByteArray(R"({"$defs": {"A": {"$ref": "#/$defs/B"}, "B": {"$ref": "#/$defs/A"}},
                                                  "$ref": "#/$defs/A"})")
                                << "test: /$defs/B/$ref: $ref cycle: the schema would be applied to the same value "
                                   "forever";
    QTest::newRow("oneOf cycle") << QByteArray(R"({"oneOf": [{"type": "string"}, {"$ref": "#"}]})")
                                 << "test: /oneOf/1/$ref: $ref cycle: the schema would be applied to the same value "
                                    "forever";
    QTest::newRow("draft-04 exclusiveMinimum") << QByteArray(R"({"minimum": 0, "exclusiveMinimum": true})")
                                               << "test: /exclusiveMinimum: must be a number, got boolean";
    QTest::newRow("unknown type") << QByteArray(R"({"type": ["string", "int"]})")
                                  << R"(test: /type/1: unknown type "int")";
    QTest::newRow("tuple items") << QByteArray(R"({"items": [{"type": "string"}]})")
                                 << "test: /items: a schema must be an object or a boolean, got array";
    QTest::newRow("negative minLength") << QByteArray(R"({"minLength": -1})")
                                        << "test: /minLength: must be a non-negative integer, got -1";
    QTest::newRow("not a schema") << QByteArray("3") << "test: /: a schema must be an object or a boolean, got number";
}

void tst_JsonSchema::rejectedSchemas()
{
    QFETCH(QByteArray, schema);
    QFETCH(QString, error);
    QCOMPARE(thrownMessage([&] { params::JsonSchema(parse(schema), "test"); }), error);
}

void tst_JsonSchema::invalidPatternRejected()
{
    const QString message =
        thrownMessage([] { params::JsonSchema(parse(R"({"properties": {"a": {"pattern": "(["}}})"), "test"); });
    // The rest is std::regex_error's own text, which differs between standard libraries.
    QVERIFY2(message.startsWith(R"(test: /properties/a/pattern: invalid regular expression "([": )"),
             qPrintable(message));
}

void tst_JsonSchema::issueText()
{
    QCOMPARE(QString::fromStdString(params::ValidationIssue{"", "must be object, got array"}.text()),
             "/: must be object, got array");
    QCOMPARE(QString::fromStdString(params::ValidationIssue{"/a~1b/0", "is not allowed"}.text()),
             "/a~1b/0: is not allowed");
}

void tst_JsonSchema::validateOrThrow()
{
    const params::JsonSchema schema(
        parse(R"({"properties": {"a": {"type": "string"}, "c": {"default": true}}, "required": ["b"]})"), "test");
    json valid = parse(R"({"a": "x", "b": 1})");
    schema.validateOrThrow(valid, "params.json");
    QCOMPARE(dumped(valid), dumped(parse(R"({"a": "x", "b": 1, "c": true})")));

    json invalid = parse(R"({"a": 1})");
    QCOMPARE(thrownMessage<params::SchemaError>([&] { schema.validateOrThrow(invalid, "params.json"); }),
             "params.json: /a: must be string, got integer\n"
             "params.json: /b: required property is missing");
    try {
        schema.validateOrThrow(invalid, "params.json");
    } catch (const params::SchemaError &e) {
        QCOMPARE(texts(e.issues()),
                 (QStringList{"/a: must be string, got integer", "/b: required property is missing"}));
    }

    json array = parse("[]");
    const params::JsonSchema object(parse(R"({"type": "object"})"), "test");
    QCOMPARE(thrownMessage<params::SchemaError>([&] { object.validateOrThrow(array, "in.json"); }),
             "in.json: /: must be object, got array");
}

void tst_JsonSchema::copiedSchemaKeepsPatterns()
{
    std::optional<params::JsonSchema> original(std::in_place, parse(R"({"pattern": "^a"})"), "test");
    const params::JsonSchema copy = *original;
    original.reset();
    json document = "b";
    QCOMPARE(texts(copy.validate(document)), QStringList{R"(/: must match pattern "^a", got "b")"});
}

void tst_JsonSchema::builtinSchemas()
{
    const std::vector<std::string> names = params::builtinSchemaNames();
    QVERIFY(std::find(names.begin(), names.end(), "file-root") != names.end());
    QVERIFY(std::is_sorted(names.begin(), names.end()));
    // Every schema shipped in schemas/ must load: a keyword this validator does not know would throw here.
    for (const std::string &name : names)
        QCOMPARE(QString::fromStdString(params::builtinSchema(name).name()), QString::fromStdString(name));
    QCOMPARE(QString::fromStdString(params::loadSchema("file-root").name()), "file-root");
}

void tst_JsonSchema::fileRootSchema()
{
    const params::JsonSchema schema = params::builtinSchema("file-root");
    json document = parse(R"({"format": "macroscope.recording", "format_version": "1.0",
        "created": "2024-05-01T12:00:00.250Z", "software": "Macroscope 0.1.0", "complete": true})");
    QCOMPARE(texts(schema.validate(document)), QStringList());

    document["created"] = "2024-05-01 12:00:00";
    const std::string pattern = schema.document().at("properties").at("created").at("pattern");
    QCOMPARE(texts(schema.validate(document)),
             QStringList{QString::fromStdString(R"(/created: must match pattern ")" + pattern
                                                + R"(", got "2024-05-01 12:00:00")")});
}

void tst_JsonSchema::unknownBuiltinSchema()
{
    std::string known;
    for (const std::string &name : params::builtinSchemaNames())
        known += (known.empty() ? "" : ", ") + name;
    QCOMPARE(thrownMessage([] { params::loadSchema("foo"); }),
             QString::fromStdString(R"(unknown schema "foo" (built-in schemas: )" + known + ")"));
    QVERIFY_THROWS_EXCEPTION(core::Error, params::builtinSchema("../schemas/file-root"));
}

void tst_JsonSchema::loadSchemaFromPath()
{
    const params::JsonSchema schema = params::loadSchema(rigSchemaPath.toStdString());
    QCOMPARE(QString::fromStdString(schema.name()), rigSchemaPath);
    json document = parse(R"({"name": "rig1", "stimuli": [{"kind": "bar", "speed_deg_s": "fast"}]})");
    QCOMPARE(texts(schema.validate(document)),
             QStringList{"/stimuli/0: must match exactly one schema in oneOf, matched 0 "
                         "(0: /stimuli/0/speed_deg_s: must be number, got string; "
                         R"(1: /stimuli/0/kind: must be "grating", got "bar"; )"
                         "/stimuli/0/speed_deg_s: property is not allowed)"});
    QVERIFY_THROWS_EXCEPTION(core::Error, params::loadSchema(MACROSCOPE_SOURCE_DIR "/tests/data/schemas/none.json"));
}

QTEST_MAIN(tst_JsonSchema)
#include "tst_jsonschema.moc"
