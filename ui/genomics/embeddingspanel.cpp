#include "ui/genomics/embeddingspanel.h"

#include "ui/genomics/categorylegend.h"
#include "ui/genomics/scatterview.h"
#include "ui/genomics/selectedbinsmodel.h"
#include "ui/shell/messagebanner.h"

#include "core/files/extension.h"
#include "core/formats/tablecells.h"
#include "core/formats/tablefile.h"
#include "core/genomics/genomicstore.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QtCore/QLocale>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QButtonGroup>
#include <QtWidgets/QAbstractItemView>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStyle>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

#include <algorithm>

namespace ui {

namespace {

const QString exportFilter = QStringLiteral(
    "Tab-separated (*.tsv);;Comma-separated (*.csv);;Parquet (*.parquet);;HDF5 table (*.h5);;All files (*)");
// Where an export to an HDF5 file named without a table path puts the table.
const QString defaultTablePath = QStringLiteral("::/selected_bins");

QComboBox *choiceBox(const char *name, const QString &toolTip, QWidget *parent)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setToolTip(toolTip);
    box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    box->setMinimumContentsLength(6);
    return box;
}

QToolButton *toolButton(const char *name, const QString &text, const QString &toolTip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setObjectName(QString::fromLatin1(name));
    button->setText(text);
    button->setToolTip(toolTip);
    button->setCheckable(true);
    button->setAutoRaise(false);
    return button;
}

QString storeName(const genomics::GenomicStore &store)
{
    return QString::fromStdString(store.path().string());
}

QLabel *caption(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setContentsMargins(4, 0, 0, 0);
    return label;
}

} // namespace

EmbeddingsPanel::EmbeddingsPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("embeddingsPanel"));
    m_loading = new QFutureWatcher<LoadOutcome>(this);
    m_exporting = new QFutureWatcher<ExportOutcome>(this);
    m_banner = new MessageBanner(this);

    m_x = choiceBox("xComponent", tr("The embedding along the horizontal axis"), this);
    m_y = choiceBox("yComponent", tr("The embedding along the vertical axis"), this);
    m_experiment = choiceBox("experiment", tr("One experiment's bins, or every experiment's"), this);
    m_colourBy = choiceBox("colourBy", tr("What the colours of the points show"), this);
    // Labels run long ("ENCSR… · GM12878", "ENCFF… · H3K27ac · GM12878 (signal)"): these boxes keep a fixed
    // width, wide enough for "All experiments", and their lists show the labels whole (fillControls).
    for (QComboBox *box : {m_experiment, m_colourBy}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(13);
    }

    m_tools = new QButtonGroup(this);
    m_tools->setExclusive(true);
    auto *pan =
        toolButton("panTool", tr("Pan"), tr("Drag to move, wheel to zoom, double-click or Home to see all"), this);
    auto *rectangle = toolButton("rectangleTool", tr("Rectangle"), tr("Drag a rectangle to select (Shift adds)"), this);
    auto *lasso = toolButton("lassoTool", tr("Lasso"), tr("Draw around points to select them (Shift adds)"), this);
    m_tools->addButton(pan, int(ScatterView::Tool::Pan));
    m_tools->addButton(rectangle, int(ScatterView::Tool::Rectangle));
    m_tools->addButton(lasso, int(ScatterView::Tool::Lasso));
    pan->setChecked(true);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("embeddingsStatus"));
    // Room for a count of points from the start, so that the row does not shift when it replaces "Reading…".
    const QString widest = tr("%1 points").arg(QLocale().toString(99'999'999));
    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(widest));
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_view = new ScatterView(this);
    m_view->setObjectName(QStringLiteral("scatterView"));
    m_view->setMessage(tr("Open a genomic store to see its embeddings"));
    m_legend = new CategoryLegend(this);
    m_legend->setObjectName(QStringLiteral("categoryLegend"));
    m_legend->setMinimumWidth(170);

    m_selectedBins = new SelectedBinsModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("selectedBins"));
    m_table->setModel(m_selectedBins);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view then never measures rows, whatever the selection's size.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(SelectedBinsModel::BinColumn,
                            m_table->fontMetrics().horizontalAdvance(QStringLiteral("chr22:000000000-000000000")));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_selectionSummary = new QLabel(this);
    m_selectionSummary->setObjectName(QStringLiteral("selectionSummary"));
    m_showInTracks = new QPushButton(tr("Show in Tracks"), this);
    m_showInTracks->setObjectName(QStringLiteral("showInTracks"));
    m_showInTracks->setToolTip(tr("Take the tracks to the chosen row's bin (or the first selected)"));
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName(QStringLiteral("exportSelection"));
    m_export->setToolTip(tr("Write the selected bins as TSV, CSV, Parquet or an HDF5 table"));

    auto *controls = new QHBoxLayout;
    controls->setContentsMargins(0, 0, 0, 0);
    controls->addWidget(new QLabel(tr("X:"), this));
    controls->addWidget(m_x);
    controls->addWidget(caption(tr("Y:"), this));
    controls->addWidget(m_y);
    controls->addWidget(caption(tr("Experiment:"), this));
    controls->addWidget(m_experiment);
    controls->addWidget(caption(tr("Colour by:"), this));
    controls->addWidget(m_colourBy);
    controls->addStretch(1);
    controls->addWidget(m_status);

    auto *plot = new QSplitter(Qt::Horizontal, this);
    plot->addWidget(m_view);
    plot->addWidget(m_legend);
    plot->setStretchFactor(0, 1);
    plot->setStretchFactor(1, 0);
    // The legend's names are short (cluster numbers, biosamples): the plot takes the rest.
    plot->setSizes({1000, m_legend->minimumWidth()});
    plot->setChildrenCollapsible(false);

    auto *selection = new QWidget(this);
    // The tools that make the selection beside what is done with it: the row under the plot (the row above
    // holds what is plotted, and has no room left at half a window's width).
    auto *actions = new QHBoxLayout;
    actions->setContentsMargins(0, 0, 0, 0);
    actions->addWidget(new QLabel(tr("Select:"), this));
    actions->addWidget(pan);
    actions->addWidget(rectangle);
    actions->addWidget(lasso);
    actions->addSpacing(12);
    actions->addWidget(m_selectionSummary, 1);
    actions->addWidget(m_showInTracks);
    actions->addWidget(m_export);
    auto *selectionLayout = new QVBoxLayout(selection);
    selectionLayout->setContentsMargins(0, 0, 0, 0);
    selectionLayout->addLayout(actions);
    selectionLayout->addWidget(m_table, 1);

    auto *rows = new QSplitter(Qt::Vertical, this);
    rows->addWidget(plot);
    rows->addWidget(selection);
    rows->setStretchFactor(0, 3);
    rows->setStretchFactor(1, 1);
    // The table's share of the first layout; the stretch factors alone would leave it a row or two.
    rows->setSizes({700, 260});
    rows->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_banner);
    layout->addLayout(controls);
    layout->addWidget(rows, 1);

    connect(m_x, &QComboBox::activated, this, [this] { setComponents(m_x->currentText(), m_choice.y); });
    connect(m_y, &QComboBox::activated, this, [this] { setComponents(m_choice.x, m_y->currentText()); });
    connect(m_experiment, &QComboBox::activated, this, [this] { setExperiment(m_experiment->currentData().toInt()); });
    connect(m_colourBy, &QComboBox::activated, this, [this] { setColourBy(m_colourBy->currentData().toString()); });
    connect(m_tools, &QButtonGroup::idClicked, this, [this](int id) { m_view->setTool(ScatterView::Tool(id)); });
    connect(m_view, &ScatterView::selectionChanged, this, &EmbeddingsPanel::updateSelection);
    connect(m_legend, &CategoryLegend::visibilityChanged, this, &EmbeddingsPanel::applyVisibility);
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { Q_EMIT binActivated(m_selectedBins->binAt(index.row())); });
    connect(m_showInTracks, &QPushButton::clicked, this, &EmbeddingsPanel::showCurrentBinInTracks);
    connect(m_export, &QPushButton::clicked, this, &EmbeddingsPanel::showExportDialog);
    connect(m_loading, &QFutureWatcher<LoadOutcome>::finished, this, &EmbeddingsPanel::applyLoaded);
    connect(m_exporting, &QFutureWatcher<ExportOutcome>::finished, this, &EmbeddingsPanel::applyExport);

    fillControls();
    updateSelection();
}

EmbeddingsPanel::~EmbeddingsPanel()
{
    m_loading->waitForFinished();
    m_exporting->waitForFinished();
}

void EmbeddingsPanel::setStore(std::shared_ptr<const genomics::GenomicStore> store)
{
    m_store = std::move(store);
    m_shown.reset();
    m_entryColours.clear();
    m_legend->clear();
    m_selectedBins->clear();
    m_view->setPoints(nullptr, {});
    m_view->setDescriber({});
    m_choice = {};
    ++m_generation;
    m_wanted = false;
    if (m_store) {
        const auto [x, y] = defaultComponents(m_store->embeddingNames());
        // Every experiment when they fit into one plot, else the first alone.
        const int experiment = pointCount(*m_store, -1) <= MaxScatterPoints ? -1 : 0;
        m_choice = {x, y, experiment, defaultColourSource(*m_store)};
        m_view->setMessage(x.isEmpty() ? tr("This store has no embeddings") : tr("Reading the embeddings…"));
        if (!x.isEmpty())
            request();
    } else {
        m_view->setMessage(tr("Open a genomic store to see its embeddings"));
    }
    fillControls();
    syncControls();
    updateSelection();
}

bool EmbeddingsPanel::isBusy() const
{
    return m_wanted || m_loadRunning || m_exportRunning;
}

void EmbeddingsPanel::setComponents(const QString &x, const QString &y)
{
    if (!m_store)
        return;
    const std::vector<std::string> &names = m_store->embeddingNames();
    for (const QString &name : {x, y})
        if (std::find(names.begin(), names.end(), name.toStdString()) == names.end()) {
            reportProblem(tr("%1: no embedding named '%2'").arg(storeName(*m_store), name));
            syncControls();
            return;
        }
    m_choice.x = x;
    m_choice.y = y;
    request();
}

void EmbeddingsPanel::setExperiment(int experiment)
{
    if (!m_store)
        return;
    if (experiment < -1 || experiment >= int(m_store->experimentAccessions().size())) {
        reportProblem(tr("%1: no experiment %2").arg(storeName(*m_store)).arg(experiment + 1));
        syncControls();
        return;
    }
    try {
        checkPointCount(*m_store, experiment);
    } catch (const std::exception &tooMany) {
        reportProblem(QString::fromUtf8(tooMany.what()));
        syncControls();
        return;
    }
    m_choice.experiment = experiment;
    request();
}

void EmbeddingsPanel::setColourBy(const QString &source)
{
    if (!m_store)
        return;
    const QString key = colourSourceKey(*m_store, source);
    if (key.isEmpty()) {
        reportProblem(tr("%1: nothing to colour by named '%2'").arg(storeName(*m_store), source));
        syncControls();
        return;
    }
    m_choice.colourBy = key;
    request();
}

void EmbeddingsPanel::request()
{
    ++m_generation;
    m_wanted = true;
    syncControls();
    startLoading();
}

void EmbeddingsPanel::startLoading()
{
    // One job at a time: the newest choice starts when the running one is collected.
    if (!m_wanted || !m_store || m_loadRunning)
        return;
    m_wanted = false;
    m_loadRunning = true;
    m_status->setText(tr("Reading…"));
    m_loading->setFuture(QtConcurrent::run([store = m_store, choice = m_choice, generation = m_generation] {
        LoadOutcome outcome{generation, nullptr, {}};
        try {
            outcome.shown = std::make_shared<const EmbeddingPoints>(loadEmbeddingPoints(store, choice));
        } catch (const std::exception &failure) {
            outcome.error = QString::fromUtf8(failure.what());
        }
        return outcome;
    }));
}

void EmbeddingsPanel::applyLoaded()
{
    // The empty future set below finishes too, with nothing to apply.
    if (!m_loadRunning)
        return;
    m_loadRunning = false;
    const LoadOutcome outcome = m_loading->result();
    // The job's future would keep these points, and their store, after others have replaced them.
    m_loading->setFuture(QFuture<LoadOutcome>());
    if (outcome.generation == m_generation) {
        if (outcome.error.isEmpty())
            present(outcome.shown);
        else
            reportProblem(outcome.error);
    }
    startLoading();
    syncControls();
    settleIfIdle();
}

void EmbeddingsPanel::present(std::shared_ptr<const EmbeddingPoints> shown)
{
    // Another colouring of the same points keeps the zoom and the selection.
    const bool samePoints = m_shown && m_shown->store == shown->store && m_shown->choice.samePoints(shown->choice);
    const QRectF view = m_view->view();
    const std::vector<std::uint32_t> selected = m_view->selectedPoints();

    m_shown = std::move(shown);
    ScatterStyle style{m_shown->palette, std::vector<std::uint8_t>(m_shown->palette.size(), 1)};
    m_view->setMessage(m_shown->finitePoints == 0
                           ? tr("No bin has both %1 and %2").arg(m_shown->choice.x, m_shown->choice.y)
                           : QString());
    m_view->setPoints(std::shared_ptr<const ScatterPoints>(m_shown, &m_shown->points), std::move(style));
    m_view->setAxisTitles(m_shown->choice.x, m_shown->choice.y);
    m_view->setDescriber([shown = m_shown](std::size_t point) { return shown->describe(point); });
    if (samePoints) {
        m_view->setView(view);
        m_view->setSelection(selected);
    }

    m_entryColours.clear();
    std::vector<LegendEntry> entries;
    const std::size_t first = m_shown->continuous ? std::size_t(EmbeddingPoints::GradientSize) : 0;
    for (std::size_t colour = first; colour < m_shown->palette.size(); ++colour) {
        if (m_shown->counts[colour] == 0)
            continue;
        const QString name =
            m_shown->continuous ? QLatin1String(EmbeddingPoints::NoValue) : m_shown->categories[colour];
        entries.push_back({name, m_shown->palette[colour], m_shown->counts[colour], true});
        m_entryColours.push_back(std::uint16_t(colour));
    }
    m_legend->setTitle(m_shown->colourTitle);
    if (m_shown->continuous)
        m_legend->setColourBar({m_shown->palette.begin(), m_shown->palette.begin() + EmbeddingPoints::GradientSize},
                               m_shown->low, m_shown->high, std::move(entries));
    else
        m_legend->setEntries(std::move(entries));
    updateSelection();
}

void EmbeddingsPanel::applyVisibility()
{
    ScatterStyle style = m_view->style();
    for (std::size_t entry = 0; entry < m_entryColours.size() && entry < m_legend->entryCount(); ++entry)
        style.visible[m_entryColours[entry]] = m_legend->entry(entry).visible;
    m_view->setStyle(std::move(style));
}

void EmbeddingsPanel::updateSelection()
{
    const std::vector<std::uint32_t> &selected = m_view->selectedPoints();
    m_selectedBins->setSelection(m_shown, selected);
    const QLocale locale;
    m_selectionSummary->setText(selected.empty()
                                    ? tr("No points selected: use Rectangle or Lasso")
                                    : tr("%1 points selected").arg(locale.toString(qulonglong(selected.size()))));
    m_showInTracks->setEnabled(!selected.empty());
    m_export->setEnabled(!selected.empty() && !m_exportRunning);
}

void EmbeddingsPanel::showCurrentBinInTracks()
{
    if (m_selectedBins->rowCount() == 0)
        return;
    const QModelIndex current = m_table->currentIndex();
    Q_EMIT binActivated(m_selectedBins->binAt(current.isValid() ? current.row() : 0));
}

void EmbeddingsPanel::exportSelection(const QString &path)
{
    if (!m_shown || m_view->selectedPoints().empty()) {
        reportProblem(tr("%1: nothing is selected to export").arg(path));
        return;
    }
    if (m_exportRunning) {
        reportProblem(tr("%1: not exported, the previous export is still being written").arg(path));
        return;
    }
    QString target = path;
    const std::string extension = files::lowercaseExtension(path.toStdString());
    if (!path.contains(QLatin1String("::")) && (extension == ".h5" || extension == ".hdf5"))
        target += defaultTablePath;
    m_export->setEnabled(false);
    m_exportRunning = true;
    m_exporting->setFuture(QtConcurrent::run([shown = m_shown, selected = m_view->selectedPoints(), target] {
        ExportOutcome outcome{target, {}};
        try {
            formats::writeTableFile(formats::parseTableLocation(target.toStdString()),
                                    selectedBinsTable(*shown, selected));
        } catch (const std::exception &failure) {
            outcome.error = QString::fromUtf8(failure.what());
        }
        return outcome;
    }));
}

void EmbeddingsPanel::showExportDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Selected Bins"),
                                                      QStringLiteral("selected_bins.tsv"), exportFilter);
    if (!path.isEmpty())
        exportSelection(path);
}

void EmbeddingsPanel::applyExport()
{
    m_exportRunning = false;
    const ExportOutcome outcome = m_exporting->result();
    if (outcome.error.isEmpty())
        m_status->setText(tr("Exported to %1").arg(outcome.path));
    else
        reportProblem(outcome.error);
    updateSelection();
    settleIfIdle();
}

void EmbeddingsPanel::fillControls()
{
    m_x->clear();
    m_y->clear();
    m_experiment->clear();
    m_colourBy->clear();
    if (m_store) {
        for (const std::string &name : m_store->embeddingNames()) {
            m_x->addItem(QString::fromStdString(name));
            m_y->addItem(QString::fromStdString(name));
        }
        m_experiment->addItem(tr("All experiments"), -1);
        const h5::Column *biosample = m_store->experiments().find("biosample");
        const std::vector<std::string> &accessions = m_store->experimentAccessions();
        for (std::size_t i = 0; i < accessions.size(); ++i) {
            QString label = QString::fromStdString(accessions[i]);
            if (biosample && i < biosample->size())
                label += QStringLiteral(" · ") + QString::fromStdString(formats::cellText(*biosample, i));
            m_experiment->addItem(label, int(i));
        }
        // Separators between embeddings, experiment columns, the bins' own properties and tracks.
        const auto groupOf = [](const QString &key) {
            return key.contains(QLatin1Char(':')) ? key.section(QLatin1Char(':'), 0, 0) : QString();
        };
        for (const ColourSource &source : colourSources(*m_store)) {
            const int count = m_colourBy->count();
            if (count > 0 && groupOf(source.key) != groupOf(m_colourBy->itemData(count - 1).toString()))
                m_colourBy->insertSeparator(count);
            m_colourBy->addItem(source.label, source.key);
        }
        for (QComboBox *box : {m_experiment, m_colourBy})
            box->view()->setMinimumWidth(box->view()->sizeHintForColumn(0)
                                         + box->style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    }
    const bool enabled = m_x->count() > 0;
    for (QWidget *control : std::initializer_list<QWidget *>{m_x, m_y, m_experiment, m_colourBy})
        control->setEnabled(enabled);
}

void EmbeddingsPanel::syncControls()
{
    m_x->setCurrentIndex(m_x->findText(m_choice.x));
    m_y->setCurrentIndex(m_y->findText(m_choice.y));
    m_experiment->setCurrentIndex(m_experiment->findData(m_choice.experiment));
    m_colourBy->setCurrentIndex(m_colourBy->findData(m_choice.colourBy));
    if (!m_loadRunning)
        m_status->setText(!m_shown ? QString()
                          : m_shown->finitePoints == 1
                              ? tr("1 point")
                              : tr("%1 points").arg(QLocale().toString(qulonglong(m_shown->finitePoints))));
}

void EmbeddingsPanel::reportProblem(const QString &message)
{
    m_banner->showMessage(message);
}

void EmbeddingsPanel::settleIfIdle()
{
    if (!isBusy())
        Q_EMIT settled();
}

} // namespace ui
