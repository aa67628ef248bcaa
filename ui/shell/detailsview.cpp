#include "ui/shell/detailsview.h"

#include "ui/browser/filetreemodel.h"

#include "core/h5/file.h"

#include <QtCore/QFileInfo>
#include <QtCore/QLocale>

#include <nlohmann/json.hpp>

namespace ui {

namespace {

constexpr std::size_t maxArrayElements = 8;
constexpr qsizetype maxValueLength = 120;

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// JSON as a person reads it ("[1, 2, 3, …]"), keeping only the first elements of long arrays so that a
// 10⁶-element attribute costs no more to show than a short one.
QString valueText(const nlohmann::json &value)
{
    if (value.is_string())
        return QLatin1Char('"') + fromUtf8(value.get_ref<const std::string &>()) + QLatin1Char('"');
    if (value.is_array()) {
        QStringList items;
        for (std::size_t i = 0; i < value.size() && i < maxArrayElements; ++i)
            items << valueText(value[i]);
        if (value.size() > maxArrayElements)
            items << QStringLiteral("…");
        return QLatin1Char('[') + items.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    if (value.is_object()) {
        QStringList members;
        for (const auto &[key, member] : value.items())
            members << QLatin1Char('"') + fromUtf8(key) + QStringLiteral("\": ") + valueText(member);
        return QLatin1Char('{') + members.join(QStringLiteral(", ")) + QLatin1Char('}');
    }
    return fromUtf8(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

QString shortened(const QString &text)
{
    return text.size() <= maxValueLength ? text : text.left(maxValueLength - 1) + QStringLiteral("…");
}

QString byteSize(std::uint64_t bytes)
{
    return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1);
}

QString filtersText(const std::vector<h5::FilterInfo> &filters)
{
    if (filters.empty())
        return DetailsView::tr("none");
    QStringList names;
    for (const auto &filter : filters) {
        QString name = filter.name.empty() ? DetailsView::tr("filter %1").arg(filter.id) : fromUtf8(filter.name);
        if (filter.level)
            name += DetailsView::tr(" (level %1)").arg(*filter.level);
        if (!filter.available)
            name += DetailsView::tr(" — not available in this HDF5 library");
        names << name;
    }
    return names.join(QStringLiteral(", "));
}

QString layoutText(h5::Layout layout)
{
    switch (layout) {
    case h5::Layout::Compact: return DetailsView::tr("compact (stored in the object header)");
    case h5::Layout::Contiguous: return DetailsView::tr("contiguous");
    case h5::Layout::Chunked: return DetailsView::tr("chunked");
    case h5::Layout::Virtual: return DetailsView::tr("virtual (mapped from other datasets)");
    }
    return {};
}

class Html {
public:
    void heading(const QString &title, const QString &subtitle)
    {
        m_text += QStringLiteral("<h2 style=\"margin-bottom: 0\">%1</h2><p style=\"color: %2; margin-top: 2px\">%3</p>")
                      .arg(title.toHtmlEscaped(), dimmed, subtitle.toHtmlEscaped());
    }
    void beginTable()
    {
        m_text += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"3\">");
        m_tableOpen = true;
    }
    // May be called again, when an error cut the table short.
    void endTable()
    {
        if (m_tableOpen)
            m_text += QStringLiteral("</table>");
        m_tableOpen = false;
    }
    void row(const QString &key, const QString &value, bool monospace = false)
    {
        m_text += QStringLiteral("<tr><td style=\"color: %1; padding-right: 16px\">%2</td><td%3>%4</td></tr>")
                      .arg(dimmed, key.toHtmlEscaped(),
                           monospace ? QStringLiteral(" style=\"font-family: monospace\"") : QString(),
                           value.toHtmlEscaped());
    }
    void attributeRow(const QString &name, const QString &value, const QString &type)
    {
        m_text += QStringLiteral("<tr><td style=\"padding-right: 12px\"><b>%1</b></td>"
                                 "<td style=\"padding-right: 12px\">= %2</td><td style=\"color: %3\">%4</td></tr>")
                      .arg(name.toHtmlEscaped(), value.toHtmlEscaped(), dimmed, type.toHtmlEscaped());
    }
    void section(const QString &title)
    {
        m_text += QStringLiteral("<h3 style=\"margin-top: 18px\">%1</h3>").arg(title.toHtmlEscaped());
    }
    void paragraph(const QString &text, const QString &colour = {})
    {
        m_text += colour.isEmpty() ? QStringLiteral("<p>%1</p>").arg(text.toHtmlEscaped())
                                   : QStringLiteral("<p style=\"color: %1\">%2</p>").arg(colour, text.toHtmlEscaped());
    }
    const QString &text() const { return m_text; }

    static inline const QString dimmed = QStringLiteral("#6b7280");
    static inline const QString error = QStringLiteral("#b01e1e");

private:
    QString m_text;
    bool m_tableOpen = false;
};

void describeAttributes(const h5::Attributes &attributes, Html &html)
{
    const auto names = attributes.names();
    html.section(names.empty() ? DetailsView::tr("Attributes")
                               : DetailsView::tr("Attributes (%1)").arg(names.size()));
    if (names.empty()) {
        html.paragraph(DetailsView::tr("none"), Html::dimmed);
        return;
    }
    html.beginTable();
    for (const auto &name : names) {
        try {
            const h5::AttributeInfo info = attributes.info(name);
            QString type = fromUtf8(info.dtype);
            if (!info.shape.empty())
                type += QStringLiteral(", ") + shapeText(info.shape);
            html.attributeRow(fromUtf8(name), shortened(valueText(attributes.get(name))), type);
        } catch (const std::exception &error) {
            html.attributeRow(fromUtf8(name), QStringLiteral("⚠ ") + QString::fromUtf8(error.what()), {});
        }
    }
    html.endTable();
}

void describeDataset(const h5::Dataset &dataset, Html &html)
{
    const h5::DataType type = dataset.dataType();
    const h5::Shape shape = dataset.shape();
    const auto chunk = dataset.chunkShape();
    const auto filters = dataset.filters();
    const std::uint64_t stored = dataset.storageSize();
    QString storedText = byteSize(stored);
    // A ratio only means something for fixed-size elements: variable-length data lives on the heap.
    const bool fixedSize = type.typeClass() != h5::TypeClass::VariableLength
        && !(type.typeClass() == h5::TypeClass::String && type.name().starts_with("vlen"));
    const std::uint64_t logical = h5::elementCount(shape) * type.size();
    if (!filters.empty() && fixedSize && stored > 0 && logical > 0)
        storedText += DetailsView::tr(" of %1 (%2×)")
                          .arg(byteSize(logical), QLocale().toString(double(logical) / double(stored), 'f', 1));

    const h5::Layout layout = dataset.layout();
    html.row(DetailsView::tr("Type"), fromUtf8(type.name()), true);
    html.row(DetailsView::tr("Shape"), shapeText(shape));
    html.row(DetailsView::tr("Max shape"), shapeText(dataset.maxShape()));
    html.row(DetailsView::tr("Layout"), layoutText(layout));
    html.row(DetailsView::tr("Chunk shape"), chunk ? shapeText(*chunk) : DetailsView::tr("not chunked"));
    html.row(DetailsView::tr("Filters"), filtersText(filters));
    // A virtual dataset stores nothing itself: its size is its sources'.
    if (layout != h5::Layout::Virtual)
        html.row(DetailsView::tr("Stored size"), storedText);
    html.endTable();

    for (const auto &filter : filters)
        if (!filter.available)
            html.paragraph(DetailsView::tr("⚠ The %1 filter (id %2) is not available to this HDF5 library: the data "
                                           "cannot be read. Install its HDF5 plugin, or point HDF5_PLUGIN_PATH at the "
                                           "folder that holds it.")
                               .arg(filter.name.empty() ? DetailsView::tr("unnamed") : fromUtf8(filter.name))
                               .arg(filter.id),
                           Html::error);
    if (layout == h5::Layout::Virtual) {
        const auto sources = dataset.virtualSources();
        html.section(DetailsView::tr("Virtual dataset: %n source(s)", nullptr, int(sources.size())));
        html.beginTable();
        for (const auto &source : sources)
            html.row(fromUtf8(source.file) + QStringLiteral("::") + fromUtf8(source.dataset), fromUtf8(source.selection),
                     true);
        html.endTable();
    }
}

} // namespace

DetailsView::DetailsView(QWidget *parent) : QTextBrowser(parent)
{
    setObjectName(QStringLiteral("details"));
    setOpenLinks(false);
    document()->setDocumentMargin(12);
    showNothing();
}

void DetailsView::showItem(const FileTreeModel &model, const QModelIndex &index)
{
    const h5::File *file = model.file(index);
    if (!file) {
        showNothing();
        return;
    }
    const auto kind = model.kind(index);
    const QString path = index.data(FileTreeModel::ObjectPathRole).toString();
    const QString filePath = index.data(FileTreeModel::FilePathRole).toString();
    const std::string objectPath = path.toStdString();
    const QString name = index.siblingAtColumn(FileTreeModel::NameColumn).data().toString();

    Html html;
    html.heading(name, kind == FileTreeModel::ItemKind::File
                           ? FileTreeModel::kindText(kind)
                           : FileTreeModel::kindText(kind) + QStringLiteral(" in ") + QFileInfo(filePath).fileName());
    try {
        html.beginTable();
        html.row(tr("Path"), kind == FileTreeModel::ItemKind::File ? filePath : path, true);
        html.row(tr("Kind"), FileTreeModel::kindText(kind));
        if (kind == FileTreeModel::ItemKind::File)
            html.row(tr("Size on disk"), byteSize(static_cast<std::uint64_t>(QFileInfo(filePath).size())));
        switch (kind) {
        case FileTreeModel::ItemKind::File:
            html.endTable();
            describeAttributes(file->root().attributes(), html);
            break;
        case FileTreeModel::ItemKind::Group:
            html.endTable();
            describeAttributes(file->root().group(objectPath).attributes(), html);
            break;
        case FileTreeModel::ItemKind::Dataset: {
            const h5::Dataset dataset = file->root().dataset(objectPath);
            describeDataset(dataset, html);
            describeAttributes(dataset.attributes(), html);
            break;
        }
        case FileTreeModel::ItemKind::SoftLink:
            html.row(tr("Target"), index.data(FileTreeModel::LinkTargetRole).toString(), true);
            html.endTable();
            if (file->root().kindOf(objectPath) == h5::ObjectKind::Missing)
                html.paragraph(tr("⚠ Dangling: nothing exists at the target."), Html::error);
            else
                html.paragraph(tr("Edit ▸ Open Link Target (Ctrl+Return) selects the target."), Html::dimmed);
            break;
        case FileTreeModel::ItemKind::ExternalLink:
            html.row(tr("Target"), index.data(FileTreeModel::LinkTargetRole).toString(), true);
            html.endTable();
            html.paragraph(tr("External links are not followed unless you ask: Edit ▸ Open Link Target "
                              "(Ctrl+Return) opens the target's file."),
                           Html::dimmed);
            break;
        case FileTreeModel::ItemKind::Error:
            html.endTable();
            html.paragraph(index.data(Qt::ToolTipRole).toString(), Html::error);
            break;
        case FileTreeModel::ItemKind::NamedDatatype:
        case FileTreeModel::ItemKind::OtherLink:
        case FileTreeModel::ItemKind::OtherObject:
            html.endTable();
            break;
        }
    } catch (const std::exception &error) {
        html.endTable();
        html.paragraph(QStringLiteral("⚠ ") + QString::fromUtf8(error.what()), Html::error);
    }
    setHtml(html.text());
}

void DetailsView::showNothing()
{
    setHtml(QStringLiteral("<p style=\"color: %1\">%2</p>")
                .arg(Html::dimmed, tr("Select an object to see its details.")));
}

} // namespace ui
