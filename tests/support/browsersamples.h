#pragma once

#include <QtCore/QProcess>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QTemporaryDir>

// The files tests/data/make_browser_samples.py writes with h5py (types.h5, nexus.nxs, sample.h5ad,
// truncated.h5, not_hdf5.h5, manifest.json …), in a temporary folder that lives as long as this.
//
// generate() keeps two failures apart: a machine without the Python packages the generator imports
// (`available` false: a test skips, with `error` naming what to install) and a generator that fails with them
// present (`ok` false, `error` holding its stderr): that is a broken test, not a missing dependency.
struct BrowserSamples {
    QTemporaryDir dir;
    bool available = false;
    bool ok = false;
    QString error;

    void generate()
    {
        const QString python = QStringLiteral("/usr/bin/python3");
        QProcess probe;
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import anndata, h5py, numpy, pandas, scipy")});
        available = probe.waitForFinished(60000) && probe.exitStatus() == QProcess::NormalExit && probe.exitCode() == 0;
        if (!available) {
            error = QStringLiteral("needs /usr/bin/python3 with h5py, numpy and anndata (Debian python3-h5py, "
                                   "python3-anndata) to write the sample files");
            return;
        }
        if (!dir.isValid()) {
            error = QStringLiteral("cannot make a temporary folder for the sample files: ") + dir.errorString();
            return;
        }
        QProcess generator;
        generator.start(python, {QStringLiteral(MACROSCOPE_SOURCE_DIR "/tests/data/make_browser_samples.py"), dir.path()});
        // Writing the samples takes a few seconds; the margin is for loaded CI machines.
        if (!generator.waitForFinished(120000)) {
            error = QStringLiteral("make_browser_samples.py did not finish");
            return;
        }
        ok = generator.exitStatus() == QProcess::NormalExit && generator.exitCode() == 0;
        if (!ok)
            error = QStringLiteral("make_browser_samples.py failed: ") +
                    QString::fromLocal8Bit(generator.readAllStandardError());
    }

    QString path(const QString &name) const { return dir.filePath(name); }
};
