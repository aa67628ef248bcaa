#include <QtTest/QTest>

class tst_Atomicfile : public QObject {
    Q_OBJECT
};

QTEST_MAIN(tst_Atomicfile)
#include "tst_atomicfile.moc"
