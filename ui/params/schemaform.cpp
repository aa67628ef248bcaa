#include "ui/params/schemaform.h"

#include "ui/params/propertyeditors.h"
#include "ui/params/schematext.h"

#include "core/error.h"
#include "core/params/jsonschema.h"
#include "core/params/jsontext.h"
#include "core/params/schemaregistry.h"

#include <nlohmann/json.hpp>

#include <QtCore/QFile>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QStyle>

#include <algorithm>
#include <map>
#include <optional>

namespace ui {

using nlohmann::json;

namespace {

const QColor problemColour(0xb3, 0x26, 0x1e);

std::string escapeToken(const std::string &name)
{
    std::string token;
    for (const char c : name)
        token += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    return token;
}

// nlohmann::json keeps object keys sorted; the order an author gave the properties lives only in the text.
// Maps the JSON pointer of every "properties" object in the schema to its keys in text order.
void collectOrder(const nlohmann::ordered_json &node, const std::string &pointer,
                  std::map<std::string, std::vector<std::string>> &order)
{
    if (node.is_object()) {
        if (const auto properties = node.find("properties"); properties != node.end() && properties->is_object()) {
            auto &keys = order[pointer + "/properties"];
            for (const auto &item : properties->items())
                keys.push_back(item.key());
        }
        for (const auto &item : node.items())
            collectOrder(item.value(), pointer + "/" + escapeToken(item.key()), order);
    } else if (node.is_array()) {
        for (std::size_t i = 0; i < node.size(); ++i)
            collectOrder(node[i], pointer + "/" + std::to_string(i), order);
    }
}

// The reference tokens of a JSON pointer, unescaped ("/a~1b/c" → "a/b", "c").
std::vector<std::string> tokens(const std::string &pointer)
{
    std::vector<std::string> result;
    for (std::size_t start = 1; start <= pointer.size() && !pointer.empty();) {
        const std::size_t end = std::min(pointer.find('/', start), pointer.size());
        std::string token;
        for (std::size_t i = start; i < end; ++i) {
            const bool escape = pointer[i] == '~' && i + 1 < end;
            token += escape ? (pointer[++i] == '1' ? '/' : '~') : pointer[i];
        }
        result.push_back(std::move(token));
        start = end + 1;
    }
    return result;
}

// The value at `pointer` (object keys only), creating objects on the way; a non-object in the way is
// replaced, since an edit below it means the user wants an object there.
json &slot(json &document, const std::string &pointer)
{
    json *current = &document;
    for (const std::string &token : tokens(pointer)) {
        if (!current->is_object())
            *current = json::object();
        current = &(*current)[token];
    }
    return *current;
}

const json *valueAt(const json &document, const std::string &pointer)
{
    const json *current = &document;
    for (const std::string &token : tokens(pointer)) {
        if (!current->is_object() || !current->contains(token))
            return nullptr;
        current = &(*current)[token];
    }
    return current;
}

// How an issue below an editor's own pointer is introduced under it: "/2" → "item 3: ", "/a/b" → "a/b: ".
QString relativeLocation(const std::string &below)
{
    if (below.empty())
        return {};
    const QString rest = QString::fromStdString(below.substr(1));
    bool isIndex = false;
    const int index = rest.toInt(&isIndex);
    return (isIndex ? QStringLiteral("item %1").arg(index + 1) : rest) + QStringLiteral(": ");
}

} // namespace

struct SchemaForm::Field {
    std::string pointer;
    PropertyKind kind = PropertyKind::Json;
    json schema;
    QWidget *editor = nullptr;
    QLabel *label = nullptr;
    QLabel *issue = nullptr;
    QString unparsed; // the Json editor's text does not parse: the document keeps the last value that did
};

struct SchemaForm::Private {
    explicit Private(params::JsonSchema schema) : schema(std::move(schema)) {}

    // Follows $ref ("#", "#/$defs/X"); the referring schema's own keywords (a description) take precedence.
    json resolve(const json &schema, std::string &schemaPointer) const
    {
        json resolved = schema;
        for (int depth = 0; depth < 32 && resolved.contains("$ref"); ++depth) {
            const std::string ref = resolved["$ref"].get<std::string>();
            schemaPointer = ref.substr(1);
            json target = this->schema.document().at(json::json_pointer(schemaPointer));
            resolved.erase("$ref");
            target.update(resolved);
            resolved = std::move(target);
        }
        return resolved;
    }

    params::JsonSchema schema;
    std::map<std::string, std::vector<std::string>> order;
    json document = json::object();
    std::vector<params::ValidationIssue> issues;
    std::vector<Field> fields;
    QLabel *summary = nullptr;
};

SchemaForm::SchemaForm(const std::string &schemaName, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>(params::builtinSchema(schemaName)))
{
    // The resource builtinSchema() just read, so this cannot fail; read again as ordered JSON for the order.
    QFile text(QStringLiteral(":/schemas/%1.schema.json").arg(QString::fromStdString(schemaName)));
    if (text.open(QIODevice::ReadOnly))
        collectOrder(nlohmann::ordered_json::parse(text.readAll().toStdString()), "", d->order);

    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("formContent"));
    auto *form = new QFormLayout(content);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    std::string rootPointer;
    buildObject(d->resolve(d->schema.document(), rootPointer), rootPointer, "", content, form);
    // One label width for every level, so that the editors of nested groups line up, indented by the group.
    int labelWidth = 0;
    for (const Field &field : d->fields)
        if (field.label)
            labelWidth = std::max(labelWidth, field.label->sizeHint().width());
    for (const Field &field : d->fields)
        if (field.label)
            field.label->setMinimumWidth(labelWidth);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("formScroll"));
    scroll->setWidget(content);
    content->setAutoFillBackground(false); // setWidget() turned it on; the form sits on the window's colour
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Wide enough for the widest row beside a vertical scroll bar, so nothing is ever cut off on the right.
    scroll->setMinimumWidth(content->minimumSizeHint().width() +
                            style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 4);

    d->summary = new QLabel(this);
    d->summary->setObjectName(QStringLiteral("issueSummary"));
    d->summary->setWordWrap(true);
    d->summary->setTextFormat(Qt::PlainText);
    d->summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    d->summary->setStyleSheet(QStringLiteral("QLabel { color: %1; background: #fdecea; border: 1px solid #f0b6b0;"
                                             " border-radius: 4px; padding: 6px; }")
                                  .arg(problemColour.name()));
    d->summary->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll, 1);
    layout->addWidget(d->summary);

    setDocument(json::object());
}

SchemaForm::~SchemaForm() = default;

const json &SchemaForm::document() const
{
    return d->document;
}

bool SchemaForm::isValid() const
{
    return d->issues.empty() && std::all_of(d->fields.begin(), d->fields.end(),
                                            [](const Field &field) { return field.unparsed.isEmpty(); });
}

const std::vector<params::ValidationIssue> &SchemaForm::issues() const
{
    return d->issues;
}

void SchemaForm::setDocument(json document)
{
    d->document = std::move(document);
    for (Field &field : d->fields)
        field.unparsed.clear();
    validate();
    fillEditors();
    showIssues();
    Q_EMIT documentChanged();
}

void SchemaForm::buildObject(const json &schema, const std::string &schemaPointer, const std::string &pointer,
                             QWidget *parent, QFormLayout *layout)
{
    const json &properties = schema["properties"];
    std::vector<std::string> names;
    if (const auto known = d->order.find(schemaPointer + "/properties"); known != d->order.end())
        names = known->second;
    else
        for (const auto &item : properties.items())
            names.push_back(item.key());

    for (const std::string &name : names) {
        std::string propertyPointer = schemaPointer + "/properties/" + escapeToken(name);
        Field field;
        field.pointer = pointer + "/" + escapeToken(name);
        field.schema = d->resolve(properties[name], propertyPointer);
        if (const auto items = field.schema.find("items"); items != field.schema.end() && items->is_object()) {
            std::string itemsPointer;
            *items = d->resolve(*items, itemsPointer);
        }
        field.kind = propertyKind(field.schema);
        const std::size_t index = d->fields.size();
        d->fields.push_back(field);

        auto *issue = new QLabel(parent);
        issue->setObjectName(QStringLiteral("issue:") + QString::fromStdString(field.pointer));
        issue->setWordWrap(true);
        issue->setTextFormat(Qt::PlainText);
        issue->setStyleSheet(QStringLiteral("QLabel { color: %1; }").arg(problemColour.name()));
        issue->hide();
        d->fields[index].issue = issue;

        if (field.kind == PropertyKind::Object) {
            auto *group = new QGroupBox(propertyLabel(name, field.schema), parent);
            group->setObjectName(QString::fromStdString(field.pointer));
            group->setToolTip(propertyToolTip(field.schema));
            auto *inner = new QFormLayout(group);
            inner->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
            d->fields[index].editor = group;
            buildObject(field.schema, propertyPointer, field.pointer, group, inner);
            inner->addRow(issue);
            layout->addRow(group);
            continue;
        }

        // The issue sits under its editor in one cell, so a hidden issue takes no space.
        auto *cell = new QWidget(parent);
        auto *cellLayout = new QVBoxLayout(cell);
        cellLayout->setContentsMargins(0, 0, 0, 0);
        cellLayout->setSpacing(2);
        QWidget *editor = createPropertyEditor(
            field.kind, field.schema, [this, index](json value) { edit(index, std::move(value)); }, cell);
        editor->setObjectName(QString::fromStdString(field.pointer));
        editor->setToolTip(propertyToolTip(field.schema));
        cellLayout->addWidget(editor);
        issue->setParent(cell);
        cellLayout->addWidget(issue);

        auto *label = new QLabel(propertyLabel(name, field.schema) + QLatin1Char(':'), parent);
        label->setBuddy(editor);
        label->setToolTip(editor->toolTip());
        d->fields[index].editor = editor;
        d->fields[index].label = label;
        layout->addRow(label, cell);
    }
}

void SchemaForm::edit(std::size_t index, json value)
{
    Field &field = d->fields[index];
    field.unparsed = value.is_discarded() ? tr("not valid JSON") : QString();
    if (!value.is_discarded())
        slot(d->document, field.pointer) = std::move(value);
    validate();
    showIssues();
    Q_EMIT documentChanged();
}

void SchemaForm::validate()
{
    json checked = d->document;
    d->issues = d->schema.validate(checked);
    // The copy has every default filled in, including those of objects the edit just created.
    d->document = std::move(checked);
}

void SchemaForm::fillEditors()
{
    for (const Field &field : d->fields)
        if (field.kind != PropertyKind::Object)
            showPropertyValue(field.editor, field.kind, field.schema, valueAt(d->document, field.pointer));
}

void SchemaForm::showIssues()
{
    std::vector<QStringList> messages(d->fields.size());
    QStringList summary;
    for (const params::ValidationIssue &issue : d->issues) {
        summary << QString::fromStdString(issue.text());
        // The deepest editor at or above the issue's pointer; issues about the root appear in the summary only.
        std::optional<std::size_t> owner;
        for (std::size_t i = 0; i < d->fields.size(); ++i) {
            const std::string &at = d->fields[i].pointer;
            if ((issue.pointer == at || issue.pointer.starts_with(at + "/")) &&
                (!owner || at.size() > d->fields[*owner].pointer.size()))
                owner = i;
        }
        if (!owner)
            continue;
        messages[*owner] << relativeLocation(issue.pointer.substr(d->fields[*owner].pointer.size()))
                                + QString::fromStdString(issue.message);
    }
    for (std::size_t i = 0; i < d->fields.size(); ++i) {
        Field &field = d->fields[i];
        if (!field.unparsed.isEmpty()) {
            messages[i] << field.unparsed;
            summary << QString::fromStdString(field.pointer) + QStringLiteral(": ") + field.unparsed;
        }
        field.issue->setText(messages[i].join(QLatin1Char('\n')));
        field.issue->setVisible(!messages[i].isEmpty());
        if (field.label) {
            QPalette palette = field.label->palette();
            palette.setColor(QPalette::WindowText, messages[i].isEmpty() ? this->palette().color(QPalette::WindowText)
                                                                          : problemColour);
            field.label->setPalette(palette);
        }
    }
    const QString count = summary.size() == 1 ? tr("1 problem:") : tr("%1 problems:").arg(summary.size());
    d->summary->setText(summary.isEmpty() ? QString() : count + QLatin1Char('\n') + summary.join(QLatin1Char('\n')));
    d->summary->setVisible(!summary.isEmpty());
}

} // namespace ui
