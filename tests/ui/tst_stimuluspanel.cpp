#include "tests/support/jsoncompare.h"
#include "tests/support/namedchild.h"
#include "tests/support/scratchpanel.h"
#include "ui/params/schemaform.h"
#include "ui/shell/mainwindow.h"
#include "ui/shell/messagebanner.h"
#include "ui/stimulus/framepreview.h"
#include "ui/stimulus/frameview.h"
#include "ui/stimulus/stimuluspanel.h"

#include "core/stimulus/stimulusfile.h"
#include "core/stimulus/stimuluslibrary.h"
#include "core/stimulus/stimulusparameters.h"

#include <nlohmann/json.hpp>

#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtGui/QAction>
#include <QtGui/QImage>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QAbstractButton>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSlider>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QTreeWidget>

#include <fstream>

using nlohmann::json;

class tst_StimulusPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void identityIsTheParametersSha256();
    void invalidParametersDisableGenerate();
    void generateShowsPreviewAndLibrary();
    void generatingAgainReusesTheFile();
    void cancelStopsGeneration();
    void playAdvancesRows();
    void verifyAndRemoveLibraryFile();
    void saveAndLoadParameters();
    void loadProblemsGoToTheBanner();
    void mainWindowOpensPanel();
    void panelOptionRendersScreenshot();

private:
    template <typename T = QWidget>
    T *child(const char *name) const
    {
        return namedChild<T>(m_panel.get(), name);
    }
    ui::SchemaForm *form() const { return m_panel->findChild<ui::SchemaForm *>(); }
    QString identityText() const { return child<QLabel>("identity")->text(); }
    QString status() const { return child<QLabel>("libraryStatus")->text(); }
    QString libraryPath() const { return m_library->path(); }
    std::filesystem::path fileFor(const json &parameters) const
    {
        const auto sha = stimulus::StimulusParameters::fromJson(parameters, "test").sha256();
        return stimulus::StimulusLibrary(libraryPath().toStdString()).pathFor(sha);
    }
    bool generateTiny();

    std::unique_ptr<QTemporaryDir> m_library;
    std::unique_ptr<ui::StimulusPanel> m_panel;
};

void tst_StimulusPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_StimulusPanel::init()
{
    QVERIFY(openPanelOverScratchLibrary(m_library, m_panel));
}

void tst_StimulusPanel::cleanup()
{
    closePanelAndLibrary(m_library, m_panel);
}

bool tst_StimulusPanel::generateTiny()
{
    form()->setDocument(tinyStimulusParameters());
    if (!QTest::qWaitFor([&] { return status() == QStringLiteral("not generated yet"); }, 10000))
        return false;
    child<QPushButton>("generate")->click();
    return QTest::qWaitFor([&] { return status() == QStringLiteral("in library"); }, generationTimeoutMs);
}

void tst_StimulusPanel::identityIsTheParametersSha256()
{
    const auto sha = [&] {
        return QString::fromStdString(stimulus::StimulusParameters::fromJson(form()->document(), "form").sha256());
    };
    QCOMPARE(identityText(), sha());
    QCOMPARE(identityText(), QString::fromStdString(stimulus::StimulusParameters().sha256()));
    QTRY_COMPARE(status(), QStringLiteral("not generated yet"));

    const QString before = identityText();
    form()->findChild<QDoubleSpinBox *>(QStringLiteral("/bar_width_deg"))->setValue(25);
    QVERIFY(identityText() != before);
    QCOMPARE(identityText(), sha());
    QCOMPARE_JSON(form()->document()["bar_width_deg"], json(25.0));
}

void tst_StimulusPanel::invalidParametersDisableGenerate()
{
    auto *refresh = form()->findChild<QDoubleSpinBox *>(QStringLiteral("/monitor/refresh_hz"));
    refresh->setFocus();
    refresh->selectAll();
    QTest::keyClicks(refresh, QStringLiteral("0"));
    QVERIFY(!form()->isValid());
    QCOMPARE(identityText(), QStringLiteral("—"));
    QVERIFY(status().startsWith(QStringLiteral("parameters invalid")));
    QVERIFY(!child<QPushButton>("generate")->isEnabled());

    refresh->selectAll();
    QTest::keyClicks(refresh, QStringLiteral("60"));
    QVERIFY(child<QPushButton>("generate")->isEnabled());
    QCOMPARE(identityText(), QString::fromStdString(stimulus::StimulusParameters().sha256()));
}

void tst_StimulusPanel::generateShowsPreviewAndLibrary()
{
    QVERIFY(generateTiny());
    const std::filesystem::path file = fileFor(tinyStimulusParameters());
    QVERIFY(std::filesystem::exists(file));
    QVERIFY2(child<QLabel>("generationNote")->text().startsWith(QStringLiteral("Generated in")),
             qPrintable(child<QLabel>("generationNote")->text()));

    const auto rows = stimulus::StimulusFile(file).displayRows();
    auto *slider = child<QSlider>("rowSlider");
    QTRY_COMPARE(slider->maximum() + 1, static_cast<int>(rows.size()));
    QCOMPARE(slider->minimum(), 0);
    QVERIFY(slider->isEnabled());
    // The preview starts in the middle of the first sweep, where the bar is on the screen.
    QVERIFY(rows[static_cast<std::size_t>(slider->value())].sweep == 0);
    QTRY_VERIFY(!child<ui::FrameView>("frameView")->frame().isNull());
    QCOMPARE(child<ui::FrameView>("frameView")->frame().size(), QSize(64, 36));
    QVERIFY2(child<QLabel>("rowInfo")->text().contains(QStringLiteral("LR, sweep 1")),
             qPrintable(child<QLabel>("rowInfo")->text()));

    slider->setValue(0);
    QVERIFY2(child<QLabel>("rowInfo")->text().contains(QStringLiteral("gap")), qPrintable(child<QLabel>("rowInfo")->text()));

    auto *files = child<QTreeWidget>("libraryFiles");
    QTRY_COMPARE(files->topLevelItemCount(), 1);
    QVERIFY(identityText().startsWith(files->topLevelItem(0)->text(0).chopped(1)));
    QVERIFY(files->topLevelItem(0)->font(0).bold());
    QVERIFY(child<QLabel>("libraryFolder")->text().contains(QDir::toNativeSeparators(libraryPath())));
}

void tst_StimulusPanel::generatingAgainReusesTheFile()
{
    QVERIFY(generateTiny());
    child<QPushButton>("generate")->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("generationNote")->text().contains(QStringLiteral("reused")),
                             generationTimeoutMs);
    QTRY_COMPARE(status(), QStringLiteral("in library"));
    QVERIFY(!child<ui::MessageBanner>("messageBanner")->isVisible());
}

void tst_StimulusPanel::cancelStopsGeneration()
{
    // The default stimulus (1920 × 1080, 40 sweeps) takes far longer to render than the test waits.
    QTRY_COMPARE(status(), QStringLiteral("not generated yet"));
    child<QPushButton>("generate")->click();
    QVERIFY(child<QPushButton>("cancelGeneration")->isVisible());
    QVERIFY(!child<QPushButton>("generate")->isEnabled());
    QTRY_VERIFY(child<QProgressBar>("generationProgress")->maximum() > 0);
    child<QPushButton>("cancelGeneration")->click();
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("generationNote")->text().contains(QStringLiteral("cancelled")),
                             generationTimeoutMs);
    QTRY_COMPARE(status(), QStringLiteral("not generated yet"));
    QVERIFY(child<QPushButton>("generate")->isEnabled());
    QVERIFY(child<QPushButton>("cancelGeneration")->isHidden());
    QVERIFY(!child<ui::MessageBanner>("messageBanner")->isVisible());
    QVERIFY(!std::filesystem::exists(fileFor(json::object())));
    QCOMPARE(QDir(libraryPath()).entryList({QStringLiteral("*.h5"), QStringLiteral("*.partial")}, QDir::Files).size(), 0);
}

void tst_StimulusPanel::playAdvancesRows()
{
    QVERIFY(generateTiny());
    auto *slider = child<QSlider>("rowSlider");
    QTRY_VERIFY(slider->maximum() > 0);
    auto *play = child<QToolButton>("playPause");
    auto *preview = child<ui::FramePreview>("framePreview");

    slider->setValue(0);
    play->click();
    QVERIFY(preview->isPlaying());
    QCOMPARE(play->text(), QStringLiteral("Pause"));
    QTRY_VERIFY(slider->value() > 3);
    preview->setPlaying(false);
    QVERIFY(!play->isChecked());
    QCOMPARE(play->text(), QStringLiteral("Play"));

    // Playback stops by itself on the last row.
    slider->setValue(slider->maximum() - 5);
    play->click();
    QTRY_VERIFY(!preview->isPlaying());
    QCOMPARE(slider->value(), slider->maximum());
    QVERIFY(!play->isChecked());
}

void tst_StimulusPanel::verifyAndRemoveLibraryFile()
{
    QVERIFY(generateTiny());
    auto *files = child<QTreeWidget>("libraryFiles");
    QTRY_COMPARE(files->topLevelItemCount(), 1);
    files->topLevelItem(0)->setSelected(true);
    child<QPushButton>("verifyFile")->click();
    QTRY_COMPARE_WITH_TIMEOUT(files->topLevelItem(0)->text(3), QStringLiteral("✓ intact"), generationTimeoutMs);

    child<QPushButton>("removeFile")->click();
    auto *question = m_panel->findChild<QMessageBox *>(QStringLiteral("confirmRemoval"));
    QVERIFY(question);
    question->button(QMessageBox::Yes)->click();
    QTRY_COMPARE(files->topLevelItemCount(), 0);
    QVERIFY(!std::filesystem::exists(fileFor(tinyStimulusParameters())));
    QTRY_COMPARE(status(), QStringLiteral("not generated yet"));
    QTRY_VERIFY(child<ui::FrameView>("frameView")->frame().isNull());
}

void tst_StimulusPanel::saveAndLoadParameters()
{
    const QString path = QDir(libraryPath()).filePath(QStringLiteral("params.json"));
    form()->findChild<QDoubleSpinBox *>(QStringLiteral("/bar_width_deg"))->setValue(33);
    const QString designed = identityText();
    QSignalSpy saved(m_panel.get(), &ui::StimulusPanel::parametersSaved);
    m_panel->saveParameters(path);
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE_JSON(json::parse(std::ifstream(path.toStdString()))["bar_width_deg"], json(33));

    m_panel->resetParameters();
    QVERIFY(identityText() != designed);
    QSignalSpy loaded(m_panel.get(), &ui::StimulusPanel::parametersLoaded);
    m_panel->loadParameters(path);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(identityText(), designed);
    QCOMPARE(form()->findChild<QDoubleSpinBox *>(QStringLiteral("/bar_width_deg"))->value(), 33.0);

    // A stimulus file gives back the parameters it was generated from.
    QVERIFY(generateTiny());
    m_panel->resetParameters();
    m_panel->loadParameters(QString::fromStdString(fileFor(tinyStimulusParameters()).string()));
    QTRY_COMPARE(loaded.count(), 2);
    QCOMPARE_JSON(form()->document(), stimulus::StimulusParameters::fromJson(tinyStimulusParameters(), "test").toJson());
    QTRY_COMPARE(status(), QStringLiteral("in library"));
}

void tst_StimulusPanel::loadProblemsGoToTheBanner()
{
    const QString broken = QDir(libraryPath()).filePath(QStringLiteral("broken.json"));
    std::ofstream(broken.toStdString()) << "{\"bar_width_deg\": ";
    m_panel->loadParameters(broken);
    auto *banner = child<ui::MessageBanner>("messageBanner");
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("broken.json")), qPrintable(banner->text()));
    QVERIFY(form()->isValid()); // the form keeps what it had

    // A file that parses but breaks the schema is loaded, with its problems shown in the form.
    const QString invalid = QDir(libraryPath()).filePath(QStringLiteral("invalid.json"));
    std::ofstream(invalid.toStdString()) << R"({"bar_width_deg": -1})";
    QSignalSpy loaded(m_panel.get(), &ui::StimulusPanel::parametersLoaded);
    m_panel->loadParameters(invalid);
    QTRY_COMPARE(loaded.count(), 1);
    QVERIFY(!form()->isValid());
    QVERIFY(!child<QPushButton>("generate")->isEnabled());
}

void tst_StimulusPanel::mainWindowOpensPanel()
{
    ui::MainWindow window;
    window.show();
    auto *action = window.findChild<QAction *>(QStringLiteral("stimulusAction"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
    action->trigger();
    auto *panel = window.findChild<ui::StimulusPanel *>();
    QVERIFY(panel);
    QVERIFY(panel->isVisible());
    QVERIFY(panel->isWindow());
    action->trigger();
    QCOMPARE(window.findChildren<ui::StimulusPanel *>().size(), 1);
}

void tst_StimulusPanel::panelOptionRendersScreenshot()
{
    const QString out = QDir(libraryPath()).filePath(QStringLiteral("panel.png"));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(libraryPath()).filePath(QStringLiteral("config")));
    QProcess gui;
    gui.setProcessEnvironment(environment);
    gui.start(QStringLiteral(MACROSCOPE_GUI_EXECUTABLE),
              {QStringLiteral("--panel"), QStringLiteral("stimulus"), QStringLiteral("--screenshot"), out});
    QVERIFY(gui.waitForFinished(120000));
    QVERIFY2(gui.exitStatus() == QProcess::NormalExit && gui.exitCode() == 0, gui.readAllStandardError().constData());
    const QImage image(out);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1280, 860)); // the panel's window, not the main window

    gui.start(QStringLiteral(MACROSCOPE_GUI_EXECUTABLE), {QStringLiteral("--panel"), QStringLiteral("nothing")});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitCode(), 2);
    QVERIFY(gui.readAllStandardError().contains("unknown panel"));
}

QTEST_MAIN(tst_StimulusPanel)
#include "tst_stimuluspanel.moc"
