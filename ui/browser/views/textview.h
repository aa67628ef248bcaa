#pragma once

#include "ui/browser/views/dataview.h"
#include "ui/browser/viewregistry.h"

class QLabel;
class QPlainTextEdit;

namespace ui {

struct Slice;

// Text datasets read as text: a string scalar, or a short list of strings one per line, in a monospace font.
// A string that is a JSON object or array (configuration, metadata dumps) is pretty-printed and tagged
// "JSON". Other scalars show their value; compound ones as indented JSON.
class TextView : public DataView {
    Q_OBJECT

public:
    explicit TextView(SliceLoader &loader, QWidget *parent = nullptr);
    ~TextView() override;

    static ViewFactory factory();

    void setSource(const DataSource &source) override;
    std::optional<ShownSlice> shownSlice() const override;

    // What is shown, and whether it was pretty-printed as JSON.
    QString text() const;
    bool isJson() const;

private:
    void onLoaded(quint64 ticket, const std::shared_ptr<const Slice> &slice);
    void onFailed(quint64 ticket, const QString &message);

    QLabel *m_jsonTag = nullptr;
    QPlainTextEdit *m_text = nullptr;
    quint64 m_ticket = 0;
    bool m_shown = false;
};

} // namespace ui
