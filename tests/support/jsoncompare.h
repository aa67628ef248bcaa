#pragma once

#include <nlohmann/json.hpp>

#include <QtCore/QString>
#include <QtTest/QTest>

// QCOMPARE cannot print nlohmann::json; compare the compact serialisations so a failure shows both values.
#define QCOMPARE_JSON(actual, expected)                                                                    \
    QCOMPARE(QString::fromStdString(nlohmann::json(actual).dump()),                                       \
             QString::fromStdString(nlohmann::json(expected).dump()))
