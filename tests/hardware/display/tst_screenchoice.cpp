#include "hardware/display/screenchoice.h"

#include <QtGui/QGuiApplication>
#include <QtGui/QScreen>
#include <QtTest/QTest>

// Runs on whatever screens the platform has (offscreen: one, unnamed).
class tst_ScreenChoice : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyMeansThePrimaryScreen();
    void indexPicksFromTheScreenList();
    void nameMatchesExactly();
    void unknownScreensAreRefusedWithTheList();
};

void tst_ScreenChoice::emptyMeansThePrimaryScreen()
{
    QString error;
    QCOMPARE(hw::findScreen(QString(), &error), QGuiApplication::primaryScreen());
    QVERIFY(error.isEmpty());
}

void tst_ScreenChoice::indexPicksFromTheScreenList()
{
    const auto screens = QGuiApplication::screens();
    for (int i = 0; i < screens.size(); ++i) {
        QCOMPARE(hw::findScreen(QString::number(i), nullptr), screens[i]);
    }
}

void tst_ScreenChoice::nameMatchesExactly()
{
    QScreen *first = QGuiApplication::screens().value(0);
    if (!first || first->name().isEmpty()) {
        QSKIP("the platform's first screen has no name (the offscreen platform's has none)");
    }
    QCOMPARE(hw::findScreen(first->name(), nullptr), first);
}

void tst_ScreenChoice::unknownScreensAreRefusedWithTheList()
{
    QString error;
    QCOMPARE(hw::findScreen(QStringLiteral("99"), &error), nullptr);
    QVERIFY2(error.startsWith(QStringLiteral("no screen '99'; the screens are: 0: ")), qPrintable(error));
    QCOMPARE(hw::findScreen(QStringLiteral("no-such-output"), &error), nullptr);
    QVERIFY2(error.contains(QStringLiteral("no-such-output")), qPrintable(error));
    QCOMPARE(hw::findScreen(QStringLiteral("-1"), nullptr), nullptr);
}

QTEST_MAIN(tst_ScreenChoice)
#include "tst_screenchoice.moc"
