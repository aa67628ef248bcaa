#include <QtTest/QTest>

class tst_Sha256 : public QObject {
    Q_OBJECT
};

QTEST_MAIN(tst_Sha256)
#include "tst_sha256.moc"
