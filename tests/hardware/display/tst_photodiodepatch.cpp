#include "hardware/display/photodiodepatch.h"

#include <QtTest/QTest>

using hw::Corner;

Q_DECLARE_METATYPE(Corner)

class tst_PhotodiodePatch : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void placesThePatchInItsCorner_data();
    void placesThePatchInItsCorner();
    void cornerCodesRoundTrip();
};

void tst_PhotodiodePatch::placesThePatchInItsCorner_data()
{
    QTest::addColumn<Corner>("corner");
    QTest::addColumn<int>("sizePx");
    QTest::addColumn<QSize>("viewport");
    QTest::addColumn<QRect>("rect");

    QTest::newRow("TL") << Corner::TopLeft << 50 << QSize(1920, 1080) << QRect(0, 0, 50, 50);
    QTest::newRow("TR") << Corner::TopRight << 50 << QSize(1920, 1080) << QRect(1870, 0, 50, 50);
    QTest::newRow("BL") << Corner::BottomLeft << 50 << QSize(1920, 1080) << QRect(0, 1030, 50, 50);
    QTest::newRow("BR") << Corner::BottomRight << 50 << QSize(1920, 1080) << QRect(1870, 1030, 50, 50);
    QTest::newRow("larger than the viewport") << Corner::BottomRight << 100 << QSize(64, 48) << QRect(0, 0, 64, 48);
    QTest::newRow("none") << Corner::TopRight << 0 << QSize(800, 600) << QRect(800, 0, 0, 0);
}

void tst_PhotodiodePatch::placesThePatchInItsCorner()
{
    QFETCH(Corner, corner);
    QFETCH(int, sizePx);
    QFETCH(QSize, viewport);
    QTEST((hw::PhotodiodePatch{sizePx, corner}.rectIn(viewport)), "rect");
}

void tst_PhotodiodePatch::cornerCodesRoundTrip()
{
    for (const Corner corner : {Corner::TopLeft, Corner::TopRight, Corner::BottomLeft, Corner::BottomRight}) {
        QVERIFY(hw::cornerFromCode(hw::cornerCode(corner)) == corner);
    }
    QVERIFY(!hw::cornerFromCode("br")); // codes are upper case, as the rig settings write them
    QVERIFY(!hw::cornerFromCode(""));
}

QTEST_APPLESS_MAIN(tst_PhotodiodePatch)
#include "tst_photodiodepatch.moc"
