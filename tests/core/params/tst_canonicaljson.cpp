#include <QtTest/QTest>

class tst_Canonicaljson : public QObject {
    Q_OBJECT
};

QTEST_MAIN(tst_Canonicaljson)
#include "tst_canonicaljson.moc"
