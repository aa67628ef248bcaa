#include <QtTest/QTest>

class tst_Outputfile : public QObject {
    Q_OBJECT
};

QTEST_MAIN(tst_Outputfile)
#include "tst_outputfile.moc"
