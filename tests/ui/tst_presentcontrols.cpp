#include "tests/support/namedchild.h"
#include "tests/support/scratchpanel.h"
#include "ui/params/schemaform.h"
#include "ui/shell/messagebanner.h"
#include "ui/stimulus/presentcontrols.h"
#include "ui/stimulus/stimuluspanel.h"

#include <nlohmann/json.hpp>

#include <QtCore/QTemporaryDir>
#include <QtCore/QThreadPool>
#include <QtGui/QGuiApplication>
#include <QtGui/QOpenGLContext>
#include <QtGui/QScreen>
#include <QtGui/QWindow>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>

#include <memory>

using nlohmann::json;

namespace {

bool openGLAvailable()
{
    QOpenGLContext context;
    return context.create();
}

bool stimulusWindowsOpen()
{
    for (const QWindow *window : QGuiApplication::allWindows()) {
        if (window->inherits("hw::StimulusWindow"))
            return true;
    }
    return false;
}

} // namespace

class tst_PresentControls : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void presentNeedsTheFileInTheLibrary();
    void frameSizeRefusalIsShown();
    void withoutOpenGLTheFailureIsShown();

private:
    template <typename T = QWidget>
    T *child(const char *name) const
    {
        return namedChild<T>(m_panel.get(), name);
    }
    QString status() const { return child<QLabel>("libraryStatus")->text(); }
    QString result() const { return child<QLabel>("presentResult")->text(); }
    bool generateTiny();
    // Opens the options, picks the screen named `screen` and presses Show; false if there is no such screen.
    bool presentOn(const QString &screen);
    void verifyPanelUsable();

    std::unique_ptr<QTemporaryDir> m_library;
    std::unique_ptr<ui::StimulusPanel> m_panel;
};

void tst_PresentControls::init()
{
    QVERIFY(openPanelOverScratchLibrary(m_library, m_panel));
}

void tst_PresentControls::cleanup()
{
    closePanelAndLibrary(m_library, m_panel);
}

bool tst_PresentControls::generateTiny()
{
    m_panel->findChild<ui::SchemaForm *>()->setDocument(tinyStimulusParameters());
    if (!QTest::qWaitFor([&] { return status() == QStringLiteral("not generated yet"); }, 10000))
        return false;
    child<QPushButton>("generate")->click();
    return QTest::qWaitFor([&] { return status() == QStringLiteral("in library"); }, generationTimeoutMs);
}

bool tst_PresentControls::presentOn(const QString &screen)
{
    child<QPushButton>("present")->click();
    if (!child("presentOptions")->isVisible())
        return false;
    auto *screens = child<QComboBox>("presentScreen");
    const int index = screens->findData(screen);
    if (index < 0)
        return false;
    screens->setCurrentIndex(index);
    child<QPushButton>("startPresentation")->click();
    return true;
}

void tst_PresentControls::verifyPanelUsable()
{
    QVERIFY(!m_panel->findChild<ui::PresentControls *>()->isPresenting());
    QTRY_VERIFY(!stimulusWindowsOpen()); // deleted after its end signal
    QVERIFY(child<QPushButton>("present")->isEnabled());
    QVERIFY(child<QPushButton>("startPresentation")->isEnabled());
    QVERIFY(child<QPushButton>("generate")->isEnabled());
    QVERIFY(!child<ui::MessageBanner>("messageBanner")->isVisible());
    QVERIFY(m_panel->isVisible());
}

void tst_PresentControls::presentNeedsTheFileInTheLibrary()
{
    QTRY_COMPARE(status(), QStringLiteral("not generated yet"));
    QVERIFY(!child<QPushButton>("present")->isEnabled());

    QVERIFY(generateTiny());
    QTRY_VERIFY(child<QPushButton>("present")->isEnabled());

    // Other parameters name another file, which the library does not hold.
    m_panel->findChild<ui::SchemaForm *>()->findChild<QDoubleSpinBox *>(QStringLiteral("/bar_width_deg"))->setValue(25);
    QVERIFY(!child<QPushButton>("present")->isEnabled());
    QTRY_COMPARE(status(), QStringLiteral("not generated yet"));
    QVERIFY(!child<QPushButton>("present")->isEnabled());
}

void tst_PresentControls::frameSizeRefusalIsShown()
{
    QVERIFY(generateTiny());
    QTRY_VERIFY(child<QPushButton>("present")->isEnabled());
    QScreen *big = QGuiApplication::primaryScreen();
    const QSize pixels = big->size() * big->devicePixelRatio();
    QVERIFY(pixels != QSize(64, 36));
    QVERIFY(presentOn(big->name()));
    const QString refusal = QStringLiteral("the stimulus is 64×36 px but screen '%1' is %2×%3 px")
                                .arg(big->name())
                                .arg(pixels.width())
                                .arg(pixels.height());
    QTRY_VERIFY2(result().contains(refusal), qPrintable(result()));
    verifyPanelUsable();
}

void tst_PresentControls::withoutOpenGLTheFailureIsShown()
{
    if (openGLAvailable())
        QSKIP("OpenGL is available here, so this platform cannot show the failure");
    QVERIFY(generateTiny());
    QTRY_VERIFY(child<QPushButton>("present")->isEnabled());
    if (!presentOn(QStringLiteral("stimulus")))
        QSKIP("no 64×36 screen: the offscreen platform did not read presentscreens.json");
    const QString reason = QStringLiteral("cannot create an OpenGL context on the '%1' platform")
                               .arg(QGuiApplication::platformName());
    QTRY_VERIFY2(result().contains(reason), qPrintable(result()));
    verifyPanelUsable();
}

// The offscreen platform gets a second screen the size of the tiny stimulus; other platforms keep theirs.
int main(int argc, char **argv)
{
    if (qgetenv("QT_QPA_PLATFORM") == "offscreen")
        qputenv("QT_QPA_PLATFORM",
                QByteArrayLiteral("offscreen:configfile=" MACROSCOPE_SOURCE_DIR "/tests/ui/presentscreens.json"));
    QApplication app(argc, argv);
    tst_PresentControls test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_presentcontrols.moc"
