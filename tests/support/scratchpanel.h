#pragma once

#include "ui/stimulus/stimuluspanel.h"

#include "tests/support/tinystimulus.h"

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThreadPool>
#include <QtTest/QTest>

#include <memory>

// Generating the tiny stimulus takes well under a second; the margin is for loaded CI machines.
inline constexpr int generationTimeoutMs = 120000;

// A stimulus panel shown over a scratch library (through MACROSCOPE_STIMULUS_LIBRARY), fresh for each case
// of the ui tests.
inline bool openPanelOverScratchLibrary(std::unique_ptr<QTemporaryDir> &library, std::unique_ptr<ui::StimulusPanel> &panel)
{
    library = std::make_unique<QTemporaryDir>();
    if (!library->isValid())
        return false;
    qputenv("MACROSCOPE_STIMULUS_LIBRARY", QFile::encodeName(library->path()));
    panel = std::make_unique<ui::StimulusPanel>();
    panel->resize(1280, 860);
    panel->show();
    return QTest::qWaitForWindowExposed(panel.get());
}

inline void closePanelAndLibrary(std::unique_ptr<QTemporaryDir> &library, std::unique_ptr<ui::StimulusPanel> &panel)
{
    panel.reset();
    // Workers of the panel (status checks, listings) may still hold the library folder.
    QThreadPool::globalInstance()->waitForDone();
    library.reset();
}
