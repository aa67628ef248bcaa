#include <QtTest/QTest>

class tst_Attributes : public QObject {
    Q_OBJECT
};

QTEST_MAIN(tst_Attributes)
#include "tst_attributes.moc"
