#include <QtTest/QTest>

class tst_Inspect : public QObject {
    Q_OBJECT
};

QTEST_MAIN(tst_Inspect)
#include "tst_inspect.moc"
