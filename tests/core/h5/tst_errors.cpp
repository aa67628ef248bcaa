#include <QtTest/QTest>

class tst_Errors : public QObject {
    Q_OBJECT
};

QTEST_MAIN(tst_Errors)
#include "tst_errors.moc"
