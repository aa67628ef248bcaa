#include <QtTest/QTest>

class tst_Jsonschema : public QObject {
    Q_OBJECT
};

QTEST_MAIN(tst_Jsonschema)
#include "tst_jsonschema.moc"
