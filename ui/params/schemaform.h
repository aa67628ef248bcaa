#pragma once

#include <nlohmann/json_fwd.hpp>

#include <QtWidgets/QWidget>

#include <memory>
#include <string>
#include <vector>

class QFormLayout;

namespace params {
struct ValidationIssue;
}

namespace ui {

// An editor for a JSON document generated from one of the built-in JSON Schemas (params::builtinSchema):
// one editor per property — spin boxes for numbers and integers, a combo box for an enum, a line edit for a
// string, a check box for a boolean, a group box for a nested object, an ordered list for an array of enums,
// and read-only text for a const — labelled with the property's name made readable and explained by a
// tooltip from its description. Every edit validates a copy of the document with JsonSchema::validate and
// shows each issue under the offending editor and in a summary below the form. Lives on the UI thread;
// validation is fast enough for the parameter and metadata schemas it is meant for.
class SchemaForm : public QWidget {
    Q_OBJECT

public:
    // Builds the editors of the built-in schema `schemaName`, in the order its text lists the properties,
    // and shows the schema's defaults. Throws core::Error when no such schema is built in.
    explicit SchemaForm(const std::string &schemaName, QWidget *parent = nullptr);
    ~SchemaForm() override;

    // The document as edited, with the schema's defaults filled in, whether it is valid or not.
    const nlohmann::json &document() const;
    bool isValid() const;
    // What the validator said about document(); empty when it is valid.
    const std::vector<params::ValidationIssue> &issues() const;

    // Fills in the schema's defaults and shows the result. A document the schema refuses is shown as far as
    // the editors can show it, with its issues.
    void setDocument(nlohmann::json document);

Q_SIGNALS:
    // The user changed a value, or setDocument() replaced the document; document(), isValid() and issues()
    // already describe the new state.
    void documentChanged();

private:
    struct Field;
    struct Private;

    void buildObject(const nlohmann::json &schema, const std::string &schemaPointer, const std::string &pointer,
                     QWidget *parent, QFormLayout *layout);
    void edit(std::size_t index, nlohmann::json value);
    void fillEditors();
    void validate();
    void showIssues();

    std::unique_ptr<Private> d;
};

} // namespace ui
