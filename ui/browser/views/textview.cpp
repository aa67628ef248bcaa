#include "ui/browser/views/textview.h"

#include "ui/browser/sliceloader.h"
#include "ui/browser/views/tablewindowmodel.h"

#include <nlohmann/json.hpp>

#include <QtCore/QLocale>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPlainTextEdit>

namespace ui {

namespace {

// Lists longer than this are tables (the table view scores higher for them).
constexpr std::uint64_t MaxListElements = 1000;
// QPlainTextEdit lays out every line it holds: a string of hundreds of megabytes would freeze it.
constexpr qsizetype MaxCharacters = qsizetype(4) << 20;

struct Rendered {
    QString text;
    bool json = false;
};

// A JSON object or array pretty-printed; other text as it is (a bare number or word is not worth reformatting).
Rendered renderString(const std::string &text)
{
    // Ordered: the keys keep the order the writer chose, which usually puts the important ones first.
    const auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
    if (parsed.is_object() || parsed.is_array())
        return {QString::fromStdString(parsed.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)), true};
    return {QString::fromStdString(text), false};
}

Rendered renderValue(const nlohmann::json &value, FloatWidth floats)
{
    if (value.is_string())
        return renderString(value.get_ref<const std::string &>());
    if (value.is_object() || value.is_array())
        return {QString::fromStdString(value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)), true};
    return {cellText(value, int(MaxCharacters), floats), false};
}

} // namespace

TextView::TextView(SliceLoader &loader, QWidget *parent) : DataView(loader, parent)
{
    m_jsonTag = new QLabel(tr("JSON"));
    m_jsonTag->setObjectName(QStringLiteral("jsonTag"));
    m_jsonTag->setToolTip(tr("The text is JSON, shown indented"));
    m_jsonTag->setStyleSheet(QStringLiteral("QLabel { background: palette(highlight); color: palette(highlighted-text);"
                                            " border-radius: 3px; padding: 1px 6px; font-weight: bold; }"));
    m_jsonTag->setVisible(false);
    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("text"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *tagRow = new QHBoxLayout;
    tagRow->setContentsMargins(4, 4, 4, 0);
    tagRow->addWidget(m_jsonTag);
    tagRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(tagRow);
    layout->addWidget(m_text, 1);

    connect(&loader, &SliceLoader::loaded, this, &TextView::onLoaded);
    connect(&loader, &SliceLoader::failed, this, &TextView::onFailed);
}

TextView::~TextView()
{
    loader().cancel(this);
}

ViewFactory TextView::factory()
{
    return {QStringLiteral("text"), tr("Text"),
            [](const DataSource &source) {
                const bool string = source.typeClass == h5::TypeClass::String;
                if (source.shape.empty())
                    return string ? 50 : 5;
                const bool shortList = source.shape.size() == 1 && source.shape[0] > 0
                                       && source.shape[0] <= MaxListElements;
                return string && shortList ? 50 : 0;
            },
            [](SliceLoader &loader, QWidget *parent) -> DataView * { return new TextView(loader, parent); }};
}

void TextView::setSource(const DataSource &source)
{
    loader().cancel(this);
    m_source = source;
    m_shown = false;
    m_jsonTag->setVisible(false);
    m_text->setPlainText(tr("Loading…"));
    // All of it: the factory accepts scalars and short lists only.
    m_ticket = loader().request(this, {source.dataset, h5::Shape(source.shape.size(), 0), source.shape,
                                       SliceFormat::Json});
}

std::optional<ShownSlice> TextView::shownSlice() const
{
    if (!m_shown)
        return std::nullopt;
    return ShownSlice{h5::Shape(m_source.shape.size(), 0), m_source.shape};
}

QString TextView::text() const
{
    return m_shown ? m_text->toPlainText() : QString();
}

bool TextView::isJson() const
{
    return m_jsonTag->isVisibleTo(this);
}

void TextView::onLoaded(quint64 ticket, const std::shared_ptr<const Slice> &slice)
{
    if (ticket != m_ticket)
        return;
    const nlohmann::json &cells = *slice->cells;
    const FloatWidth floats = floatWidthOf(m_source.typeName.toStdString());
    Rendered shown;
    if (m_source.shape.empty()) {
        shown = renderValue(cells, floats);
    } else {
        QStringList parts;
        for (const auto &element : cells) {
            const Rendered part = renderValue(element, floats);
            shown.json = shown.json || part.json;
            parts << part.text;
        }
        // One element per line, unless some span several: then a blank line tells them apart.
        const bool multiline = std::any_of(parts.begin(), parts.end(),
                                           [](const QString &part) { return part.contains(QLatin1Char('\n')); });
        shown.text = parts.join(multiline ? QStringLiteral("\n\n") : QStringLiteral("\n"));
    }
    if (shown.text.size() > MaxCharacters) {
        const qsizetype total = shown.text.size();
        shown.text.truncate(MaxCharacters);
        Q_EMIT problem(tr("%1: showing the first %2 of %3 characters")
                           .arg(m_source.objectPath, QLocale().toString(MaxCharacters), QLocale().toString(total)));
    }
    m_text->setPlainText(shown.text);
    m_jsonTag->setVisible(shown.json);
    m_shown = true;
    Q_EMIT shownChanged();
}

void TextView::onFailed(quint64 ticket, const QString &message)
{
    if (ticket != m_ticket)
        return;
    m_text->setPlainText(QString());
    Q_EMIT problem(message);
}

} // namespace ui
