#pragma once

#include <nlohmann/json.hpp>

#include <QtTest/QTest>

#include <string>

// QCOMPARE cannot take nlohmann::json (its implicit conversions make Qt's overloads ambiguous). Compares JSON
// values (so 33 equals 33.0, as numbers do in JSON) and shows both serialisations when they differ.
#define QCOMPARE_JSON(actual, expected)                                                                    \
    do {                                                                                                   \
        const nlohmann::json actualJson = (actual), expectedJson = (expected);                            \
        QVERIFY2(actualJson == expectedJson, (actualJson.dump() + " != " + expectedJson.dump()).c_str()); \
    } while (false)
