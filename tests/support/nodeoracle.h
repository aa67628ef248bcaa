#pragma once

#include <QtCore/QDir>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QString>
#include <QtCore/QStringList>

// The independent implementations in tests/oracle (npm packages run by node) that tests compare against.

// Why the oracle built on npm package `package` cannot run here, or an empty string when it can; `what` names
// it in the reason a test skips with.
inline QString oracleUnavailable(const QString &package, const QString &what)
{
    if (!QDir(MACROSCOPE_SOURCE_DIR "/tests/oracle/node_modules/" + package).exists())
        return what + " not installed: run ./bootstrap.sh";
    if (QStandardPaths::findExecutable("node").isEmpty())
        return what + " needs node, which is not on PATH";
    return {};
}

inline QString duckDbUnavailable()
{
    return oracleUnavailable("@duckdb/node-api", "independent Parquet oracle (DuckDB)");
}

// Runs tests/oracle/SCRIPT; its standard output, or a null QByteArray (and `error`) when it fails.
inline QByteArray runOracle(const QString &script, const QStringList &arguments, QString &error)
{
    QProcess node;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("TZ", "UTC"); // DuckDB prints TIMESTAMP WITH TIME ZONE in the local zone
    node.setProcessEnvironment(environment);
    node.start(QStandardPaths::findExecutable("node"), QStringList{MACROSCOPE_SOURCE_DIR "/tests/oracle/" + script} + arguments);
    if (!node.waitForFinished(120'000)) {
        error = node.errorString();
        return {};
    }
    if (node.exitStatus() != QProcess::NormalExit || node.exitCode() != 0) {
        error = QString::fromUtf8(node.readAllStandardError()).trimmed().section('\n', -3);
        return {};
    }
    QByteArray output = node.readAllStandardOutput();
    return output.isNull() ? QByteArray("") : output;
}
