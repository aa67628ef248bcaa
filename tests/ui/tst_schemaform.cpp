#include "ui/params/enumlistedit.h"
#include "ui/params/schemaform.h"
#include "ui/params/schematext.h"

#include "core/params/jsonschema.h"
#include "core/params/schemaregistry.h"
#include "core/stimulus/stimulusparameters.h"

#include <nlohmann/json.hpp>

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtGui/QWheelEvent>
#include <QtWidgets/QMenu>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QToolButton>

using nlohmann::json;

// QCOMPARE cannot take nlohmann::json: its implicit conversions make Qt's qfloat16 overload ambiguous.
#define COMPARE_JSON(actual, expected)                                                                       \
    do {                                                                                                     \
        const json actualJson = (actual), expectedJson = (expected);                                          \
        QVERIFY2(actualJson == expectedJson, (actualJson.dump() + " != " + expectedJson.dump()).c_str());     \
    } while (false)

class tst_SchemaForm : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readableNames_data();
    void readableNames();
    void editorForEveryProperty_data();
    void editorForEveryProperty();
    void everySchemaPropertyHasAnEditor();
    void startsWithDefaults();
    void followsTheSchemasOrder();
    void typedInvalidValueShowsValidatorMessage_data();
    void typedInvalidValueShowsValidatorMessage();
    void arrowsStayWithinBounds();
    void directionsListEditsDocument();
    void setDocumentFillsEditors();
    void setDocumentShowsIssuesOfAnInvalidDocument();
    void constIsReadOnly();
    void wheelScrollsFormWithoutChangingValues();

private:
    static QString pointerName(const char *pointer) { return QString::fromLatin1(pointer); }
    static QLabel *issueLabel(const ui::SchemaForm &form, const QString &pointer)
    {
        return form.findChild<QLabel *>(QStringLiteral("issue:") + pointer);
    }
    static QString summary(const ui::SchemaForm &form)
    {
        return form.findChild<QLabel *>(QStringLiteral("issueSummary"))->text();
    }
    // What the validator says about the defaults with `value` at `pointer`: the one message the form must show.
    static QString expectedMessage(const char *pointer, const json &value);
};

QString tst_SchemaForm::expectedMessage(const char *pointer, const json &value)
{
    json document = json::object();
    document[json::json_pointer(pointer)] = value;
    const auto issues = params::builtinSchema("stimulus").validate(document);
    return issues.size() == 1 ? QString::fromStdString(issues.front().message) : QStringLiteral("(not one issue)");
}

void tst_SchemaForm::readableNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("label");
    QTest::newRow("unit") << "bar_width_deg" << "Bar width (deg)";
    QTest::newRow("rate unit") << "speed_deg_per_s" << "Speed (deg/s)";
    QTest::newRow("hertz") << "refresh_hz" << "Refresh (Hz)";
    QTest::newRow("seconds") << "inter_sweep_gap_s" << "Inter sweep gap (s)";
    QTest::newRow("per without units") << "sweeps_per_direction" << "Sweeps per direction";
    QTest::newRow("no unit") << "renderer_version" << "Renderer version";
    QTest::newRow("one word") << "gamma" << "Gamma";
    QTest::newRow("a unit alone is a word") << "s" << "S";
}

void tst_SchemaForm::readableNames()
{
    QFETCH(QString, name);
    QFETCH(QString, label);
    QCOMPARE(ui::readableName(name.toStdString()), label);
}

void tst_SchemaForm::editorForEveryProperty_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("editorClass");
    QTest::newRow("const") << "/renderer_version" << "QLineEdit";
    QTest::newRow("object") << "/monitor" << "QGroupBox";
    QTest::newRow("integer") << "/monitor/width_px" << "QSpinBox";
    QTest::newRow("number in object") << "/monitor/refresh_hz" << "QDoubleSpinBox";
    QTest::newRow("object by $ref") << "/pose" << "QGroupBox";
    QTest::newRow("number in $def") << "/pose/tilt_deg" << "QDoubleSpinBox";
    QTest::newRow("number") << "/bar_width_deg" << "QDoubleSpinBox";
    QTest::newRow("array of enums") << "/directions" << "ui::EnumListEdit";
    QTest::newRow("top integer") << "/sweeps_per_direction" << "QSpinBox";
    QTest::newRow("enum") << "/correction" << "QComboBox";
}

void tst_SchemaForm::editorForEveryProperty()
{
    QFETCH(QString, pointer);
    QFETCH(QString, editorClass);
    const ui::SchemaForm form("stimulus");
    const auto *editor = form.findChild<QWidget *>(pointer);
    QVERIFY2(editor, qPrintable(pointer));
    QVERIFY2(editor->inherits(editorClass.toLatin1().constData()), editor->metaObject()->className());
}

void tst_SchemaForm::everySchemaPropertyHasAnEditor()
{
    // Walks the schema itself, so a property added to it later is covered too.
    const json schema = params::builtinSchema("stimulus").document();
    const ui::SchemaForm form("stimulus");
    int editors = 0;
    std::function<void(const json &, const QString &)> walk = [&](const json &object, const QString &at) {
        for (const auto &[name, property] : object["properties"].items()) {
            const QString pointer = at + QLatin1Char('/') + QString::fromStdString(name);
            QVERIFY2(form.findChild<QWidget *>(pointer), qPrintable(pointer));
            QVERIFY2(issueLabel(form, pointer), qPrintable(pointer));
            ++editors;
            const json resolved = property.contains("$ref")
                                      ? schema.at(json::json_pointer(property["$ref"].get<std::string>().substr(1)))
                                      : property;
            if (resolved.contains("properties"))
                walk(resolved, pointer);
        }
    };
    walk(schema, QString());
    QCOMPARE(editors, 15 + 6 + 5); // top level, monitor, pose
}

void tst_SchemaForm::startsWithDefaults()
{
    const ui::SchemaForm form("stimulus");
    QVERIFY(form.isValid());
    QVERIFY(form.issues().empty());
    COMPARE_JSON(form.document(), stimulus::StimulusParameters().toJson());
    QVERIFY(form.findChild<QLabel *>(QStringLiteral("issueSummary"))->isHidden());
    QCOMPARE(form.findChild<QDoubleSpinBox *>(QStringLiteral("/monitor/height_cm"))->value(), 29.25);
    QCOMPARE(form.findChild<QDoubleSpinBox *>(QStringLiteral("/monitor/height_cm"))->text(), QStringLiteral("29.25"));
    QCOMPARE(form.findChild<QSpinBox *>(QStringLiteral("/monitor/width_px"))->value(), 1920);
    QCOMPARE(form.findChild<QComboBox *>(QStringLiteral("/correction"))->currentText(), QStringLiteral("spherical"));
    const QString tip = form.findChild<QWidget *>(QStringLiteral("/bar_width_deg"))->toolTip();
    QVERIFY2(tip.contains(QStringLiteral("Width of the bar.")) && tip.contains(QStringLiteral("Range: &gt; 0 and ≤ 180")),
             qPrintable(tip));
}

void tst_SchemaForm::followsTheSchemasOrder()
{
    ui::SchemaForm form("stimulus");
    form.resize(500, 2000);
    form.show();
    QVERIFY(QTest::qWaitForWindowExposed(&form));
    int previous = -1;
    for (const char *pointer : {"/renderer_version", "/monitor", "/pose", "/bar_width_deg", "/speed_deg_per_s",
                                "/directions", "/sweeps_per_direction", "/post_gap_s", "/correction"}) {
        const int y = form.findChild<QWidget *>(pointerName(pointer))->mapTo(&form, QPoint(0, 0)).y();
        QVERIFY2(y > previous, pointer);
        previous = y;
    }
}

void tst_SchemaForm::typedInvalidValueShowsValidatorMessage_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<double>("value");
    QTest::newRow("refresh 0") << "/monitor/refresh_hz" << "0" << 0.0;
    QTest::newRow("negative bar width") << "/bar_width_deg" << "-5" << -5.0;
    QTest::newRow("zero bar width (exclusive)") << "/bar_width_deg" << "0" << 0.0;
    QTest::newRow("too many sweeps") << "/sweeps_per_direction" << "1001" << 1001.0;
    QTest::newRow("tiny monitor") << "/monitor/width_px" << "8" << 8.0;
}

void tst_SchemaForm::typedInvalidValueShowsValidatorMessage()
{
    QFETCH(QString, pointer);
    QFETCH(QString, typed);
    QFETCH(double, value);
    ui::SchemaForm form("stimulus");
    form.show();
    QSignalSpy changed(&form, &ui::SchemaForm::documentChanged);
    auto *spin = form.findChild<QAbstractSpinBox *>(pointer);
    QVERIFY(spin);
    spin->setFocus();
    spin->selectAll();
    QTest::keyClicks(spin, typed);

    QVERIFY(changed.count() > 0);
    QVERIFY(!form.isValid());
    QCOMPARE(form.document().at(json::json_pointer(pointer.toStdString())).get<double>(), value);
    const json typedValue = pointer == QStringLiteral("/sweeps_per_direction") || pointer.endsWith(QStringLiteral("_px"))
                                ? json(static_cast<int>(value))
                                : json(value);
    const QString expected = expectedMessage(pointer.toLatin1().constData(), typedValue);
    QLabel *issue = issueLabel(form, pointer);
    QVERIFY(issue->isVisible());
    QCOMPARE(issue->text(), expected);
    QVERIFY2(summary(form).contains(pointer + QStringLiteral(": ") + expected), qPrintable(summary(form)));

    // Back to an accepted value: the message goes away.
    spin->selectAll();
    QTest::keyClicks(spin, QStringLiteral("100"));
    QVERIFY(form.isValid());
    QVERIFY(!issue->isVisible());
    QVERIFY(!form.findChild<QLabel *>(QStringLiteral("issueSummary"))->isVisible());
}

void tst_SchemaForm::arrowsStayWithinBounds()
{
    ui::SchemaForm form("stimulus");
    auto *refresh = form.findChild<QDoubleSpinBox *>(QStringLiteral("/monitor/refresh_hz"));
    refresh->setValue(2);
    refresh->stepBy(-5);
    QCOMPARE(refresh->value(), 1.0);
    refresh->setValue(999);
    refresh->stepBy(+5);
    QCOMPARE(refresh->value(), 1000.0);

    // An exclusive minimum of 0 stops the arrows one step above it.
    auto *barWidth = form.findChild<QDoubleSpinBox *>(QStringLiteral("/bar_width_deg"));
    barWidth->setValue(3);
    barWidth->stepBy(-10);
    QVERIFY(barWidth->value() > 0);
    QVERIFY(form.isValid());

    auto *contrast = form.findChild<QDoubleSpinBox *>(QStringLiteral("/contrast"));
    QCOMPARE(contrast->singleStep(), 0.01);
    auto *sweeps = form.findChild<QSpinBox *>(QStringLiteral("/sweeps_per_direction"));
    sweeps->setValue(1);
    sweeps->stepBy(-1);
    QCOMPARE(sweeps->value(), 1);
    QVERIFY(form.isValid());
}

void tst_SchemaForm::directionsListEditsDocument()
{
    ui::SchemaForm form("stimulus");
    form.show();
    QSignalSpy changed(&form, &ui::SchemaForm::documentChanged);
    auto *edit = form.findChild<ui::EnumListEdit *>(QStringLiteral("/directions"));
    auto *items = edit->findChild<QListWidget *>(QStringLiteral("items"));
    const auto click = [&](const char *name) { edit->findChild<QToolButton *>(QString::fromLatin1(name))->click(); };
    const auto directions = [&] { return form.document()["directions"]; };

    items->setCurrentRow(0);
    click("remove");
    COMPARE_JSON(directions(), json({"RL", "TB", "BT"}));
    QCOMPARE(changed.count(), 1);

    // Added after the selected item (now RL, row 0); repeats are allowed.
    QMenu *menu = edit->findChild<QToolButton *>(QStringLiteral("add"))->menu();
    QCOMPARE(menu->actions().size(), 4);
    menu->actions().at(2)->trigger(); // TB
    COMPARE_JSON(directions(), json({"RL", "TB", "TB", "BT"}));

    items->setCurrentRow(3);
    click("moveUp");
    click("moveUp");
    COMPARE_JSON(directions(), json({"RL", "BT", "TB", "TB"}));
    click("moveDown");
    COMPARE_JSON(directions(), json({"RL", "TB", "BT", "TB"}));
    QVERIFY(form.isValid());

    while (items->count() > 0) {
        items->setCurrentRow(0);
        click("remove");
    }
    COMPARE_JSON(directions(), json::array());
    QVERIFY(!form.isValid());
    QCOMPARE(issueLabel(form, QStringLiteral("/directions"))->text(), expectedMessage("/directions", json::array()));
}

void tst_SchemaForm::setDocumentFillsEditors()
{
    ui::SchemaForm form("stimulus");
    QSignalSpy changed(&form, &ui::SchemaForm::documentChanged);
    form.setDocument({{"monitor", {{"width_px", 64}, {"height_cm", 12.5}}},
                      {"directions", {"TB", "TB"}},
                      {"correction", "none"}});
    QCOMPARE(changed.count(), 1);
    QVERIFY(form.isValid());
    QCOMPARE(form.findChild<QSpinBox *>(QStringLiteral("/monitor/width_px"))->value(), 64);
    QCOMPARE(form.findChild<QDoubleSpinBox *>(QStringLiteral("/monitor/height_cm"))->value(), 12.5);
    QCOMPARE(form.findChild<QComboBox *>(QStringLiteral("/correction"))->currentText(), QStringLiteral("none"));
    QCOMPARE(form.findChild<ui::EnumListEdit *>(QStringLiteral("/directions"))->values(),
             QStringList({QStringLiteral("TB"), QStringLiteral("TB")}));
    // Defaults are filled in around what was given.
    COMPARE_JSON(form.document()["monitor"]["height_px"], json(1080));
    COMPARE_JSON(form.document()["bar_width_deg"], json(20));
    // Filling the editors is not an edit.
    QCOMPARE(changed.count(), 1);
}

void tst_SchemaForm::setDocumentShowsIssuesOfAnInvalidDocument()
{
    ui::SchemaForm form("stimulus");
    form.show();
    form.setDocument({{"monitor", {{"refresh_hz", 0}}}, {"correction", "cylindrical"}, {"bogus", 1}});
    QVERIFY(!form.isValid());
    QCOMPARE(issueLabel(form, QStringLiteral("/monitor/refresh_hz"))->text(), QStringLiteral("must be >= 1, got 0"));
    QVERIFY(issueLabel(form, QStringLiteral("/correction"))->text().startsWith(QStringLiteral("must be one of")));
    QCOMPARE(form.findChild<QComboBox *>(QStringLiteral("/correction"))->currentIndex(), -1);
    // An issue without an editor of its own appears in the summary only.
    QVERIFY2(summary(form).contains(QStringLiteral("/bogus: property is not allowed")), qPrintable(summary(form)));
    QVERIFY2(summary(form).startsWith(QStringLiteral("3 problems")), qPrintable(summary(form)));
}

void tst_SchemaForm::constIsReadOnly()
{
    const ui::SchemaForm form("stimulus");
    const auto *version = form.findChild<QLineEdit *>(QStringLiteral("/renderer_version"));
    QVERIFY(version->isReadOnly());
    QCOMPARE(version->text(), QStringLiteral("1"));
}

void tst_SchemaForm::wheelScrollsFormWithoutChangingValues()
{
    ui::SchemaForm form("stimulus");
    form.show();
    QVERIFY(QTest::qWaitForWindowActive(&form));
    auto *spin = form.findChild<QDoubleSpinBox *>(QStringLiteral("/bar_width_deg"));
    const QPointF at(spin->width() / 2.0, spin->height() / 2.0);
    const auto wheelDown = [&] {
        QWheelEvent wheel(at, spin->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton, Qt::NoModifier,
                          Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(spin, &wheel);
        return wheel.isAccepted();
    };
    // Unfocused, the editor leaves the event unaccepted, so that QApplication hands a real wheel event on to
    // the scroll area (a synthesized one, as here, is never propagated).
    QVERIFY(!spin->hasFocus());
    QVERIFY(!wheelDown());
    QCOMPARE(spin->value(), 20.0);

    spin->setFocus();
    QVERIFY(spin->hasFocus());
    QVERIFY(wheelDown());
    QCOMPARE(spin->value(), 19.0);
}

QTEST_MAIN(tst_SchemaForm)
#include "tst_schemaform.moc"
