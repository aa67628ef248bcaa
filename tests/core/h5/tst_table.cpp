#include <QtTest/QTest>

class tst_Table : public QObject {
    Q_OBJECT
};

QTEST_MAIN(tst_Table)
#include "tst_table.moc"
