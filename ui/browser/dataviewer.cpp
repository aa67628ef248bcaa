#include "ui/browser/dataviewer.h"

#include "core/browse/sliceexport.h"
#include "ui/browser/sliceloader.h"
#include "ui/browser/viewregistry.h"
#include "ui/browser/views/dataview.h"

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtGui/QImage>
#include <QtGui/QPainter>
#include <QtSvg/QSvgGenerator>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMenu>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QToolButton>

#include <stdexcept>

namespace ui {

namespace {

QString sourceKey(const DataSource &source)
{
    return source.filePath + QStringLiteral("::") + source.objectPath;
}

} // namespace

DataViewer::DataViewer(QWidget *parent) : QWidget(parent), m_loader(new SliceLoader(this))
{
    setObjectName(QStringLiteral("dataViewer"));

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("viewerTitle"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_viewChoice = new QComboBox(this);
    m_viewChoice->setObjectName(QStringLiteral("viewChoice"));
    m_viewChoice->setToolTip(tr("How the dataset is shown"));
    connect(m_viewChoice, &QComboBox::activated, this, [this](int row) {
        const QString id = m_viewChoice->itemData(row).toString();
        if (id == m_viewId)
            return;
        m_chosenViews.insert(sourceKey(m_source), id);
        createView(id);
    });

    m_export = new QToolButton(this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("Save the view as PNG or SVG, or the slice on screen as CSV or NPY (Ctrl+E)"));
    connect(m_export, &QToolButton::clicked, this, &DataViewer::showExportDialog);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("viewerProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setStyleSheet(QStringLiteral("color: #9a3412; background: #fff7ed; padding: 4px 8px;"));
    m_problem->hide();

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("viewerMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #6b7280;"));

    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_message);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 2);
    bar->addWidget(m_title, 1);
    bar->addWidget(new QLabel(tr("View:"), this));
    bar->addWidget(m_viewChoice);
    bar->addWidget(m_export);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(m_problem);
    layout->addWidget(m_pages, 1);

    showMessage(tr("Select a dataset to see its data."));
}

// The views cancel their reads with the loader as they go: they must go first (Qt would delete the loader,
// the first child, before them).
DataViewer::~DataViewer()
{
    delete m_pages;
}

void DataViewer::showDataset(const DataSource &source)
{
    m_source = source;
    m_title->setText(source.objectPath);
    m_title->setToolTip(sourceKey(source));
    setProblem({});

    m_viewChoice->clear();
    for (const ViewFactory *factory : ViewRegistry::instance().viewsFor(source))
        m_viewChoice->addItem(factory->name, factory->id);
    if (m_viewChoice->count() == 0) {
        showMessage(source.isEmpty() ? tr("%1 holds no elements.").arg(source.objectPath)
                                     : tr("No view can show %1 (%2).").arg(source.objectPath, source.typeName));
        return;
    }
    QString id = m_chosenViews.value(sourceKey(source));
    if (id.isEmpty() || m_viewChoice->findData(id) < 0)
        id = m_viewChoice->itemData(0).toString();
    createView(id);
}

void DataViewer::showMessage(const QString &message)
{
    // At once, not later: the view holds the dataset, and so its file, open (Reload and Close need it shut).
    delete m_view;
    m_view = nullptr;
    m_viewId.clear();
    m_source = {};
    m_viewChoice->clear();
    m_viewChoice->setEnabled(false);
    m_export->setEnabled(false);
    m_title->clear();
    setProblem({});
    m_message->setText(message);
    m_pages->setCurrentWidget(m_message);
}

void DataViewer::sourceGrew(const DataSource &source)
{
    if (!m_view || sourceKey(source) != sourceKey(m_source))
        return;
    // A recording opened before its first frame was written has no elements: no view but the table could
    // take it then, and the image view is the right one now.
    const bool wasEmpty = m_source.isEmpty();
    m_source = source;
    if (wasEmpty && !m_chosenViews.contains(sourceKey(source))) {
        showDataset(source);
        return;
    }
    m_view->sourceGrew(source);
}

QStringList DataViewer::availableViewIds() const
{
    QStringList ids;
    for (int row = 0; row < m_viewChoice->count(); ++row)
        ids << m_viewChoice->itemData(row).toString();
    return ids;
}

bool DataViewer::setView(const QString &id)
{
    const int row = m_viewChoice->findData(id);
    if (row < 0)
        return false;
    if (id != m_viewId) {
        m_chosenViews.insert(sourceKey(m_source), id);
        createView(id);
    }
    return true;
}

void DataViewer::createView(const QString &id)
{
    const ViewFactory *factory = ViewRegistry::instance().find(id);
    if (!factory)
        return;
    if (m_view) {
        m_pages->removeWidget(m_view);
        // Later: the view may be inside one of its own signal handlers.
        m_view->deleteLater();
    }
    m_view = factory->create(*m_loader, this);
    m_viewId = id;
    connect(m_view, &DataView::problem, this, &DataViewer::setProblem);
    m_pages->addWidget(m_view);
    m_pages->setCurrentWidget(m_view);
    m_viewChoice->setEnabled(m_viewChoice->count() > 1);
    m_viewChoice->setCurrentIndex(m_viewChoice->findData(id));
    m_export->setEnabled(true);
    setProblem({});
    m_view->setSource(m_source);
}

void DataViewer::setProblem(const QString &rawMessage)
{
    // Views pass on what the loader says, which does not always name the dataset.
    const QString message = rawMessage.isEmpty() || rawMessage.contains(m_source.objectPath)
        ? rawMessage
        : m_source.objectPath + QStringLiteral(": ") + rawMessage;
    m_problem->setText(message);
    m_problem->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        Q_EMIT problem(message);
}

QString DataViewer::problemText() const
{
    return m_problem->text();
}

void DataViewer::exportTo(const QString &path) const
{
    if (!m_view)
        throw std::runtime_error(tr("%1: nothing is shown to export").arg(path).toStdString());
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("png")) {
        const QSize size = m_view->figureSize();
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            m_view->paintFigure(painter, size);
        }
        if (!image.save(path, "PNG"))
            throw std::runtime_error(tr("%1: cannot write the PNG file").arg(path).toStdString());
        return;
    }
    if (suffix == QStringLiteral("svg")) {
        const QSize size = m_view->figureSize();
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(m_source.objectPath);
        svg.setDescription(tr("%1 as shown by Macroscope").arg(sourceKey(m_source)));
        QPainter painter;
        if (!painter.begin(&svg))
            throw std::runtime_error(tr("%1: cannot write the SVG file").arg(path).toStdString());
        m_view->paintFigure(painter, size);
        painter.end();
        return;
    }
    const auto slice = m_view->shownSlice();
    if (!slice)
        throw std::runtime_error(tr("%1: the view shows no data yet").arg(path).toStdString());
    browse::exportSlice(*m_source.dataset, slice->offset, slice->count,
                        std::filesystem::path(QFile::encodeName(path).toStdString()));
}

void DataViewer::showExportDialog()
{
    if (!m_view)
        return;
    const QString base = QFileInfo(m_source.objectPath).fileName();
    const QString folder = QFileInfo(m_source.filePath).absolutePath();
    QString selectedFilter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1").arg(m_source.objectPath), QDir(folder).filePath(base + QStringLiteral(".png")),
        tr("PNG picture (*.png);;SVG drawing (*.svg);;CSV of the shown slice (*.csv);;NumPy array of the shown slice (*.npy)"),
        &selectedFilter);
    if (path.isEmpty())
        return;
    try {
        exportTo(path);
    } catch (const std::exception &error) {
        setProblem(QString::fromUtf8(error.what()));
    }
}

} // namespace ui
