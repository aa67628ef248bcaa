#include <QtTest/QTest>

class tst_Dataset : public QObject {
    Q_OBJECT
};

QTEST_MAIN(tst_Dataset)
#include "tst_dataset.moc"
