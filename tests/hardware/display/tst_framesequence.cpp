#include "hardware/display/framesequence.h"

#include "core/stimulus/stimulusfile.h"
#include "core/stimulus/stimulusparameters.h"

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <memory>
#include <vector>

class tst_FrameSequence : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void describesTheStimulusFile();
    void readsTheFilesFrames();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<const stimulus::StimulusFile> m_file;
};

void tst_FrameSequence::initTestCase()
{
    // A 32×18 monitor at 30 Hz with one fast sweep keeps the file to a few dozen frames.
    stimulus::StimulusParameters p;
    p.monitor.widthPx = 32;
    p.monitor.heightPx = 18;
    p.monitor.refreshHz = 30;
    p.speedDegPerS = 180;
    p.directions = {stimulus::Direction::LeftToRight};
    p.sweepsPerDirection = 1;
    p.preGapS = 0.2;
    p.postGapS = 0.2;
    const auto path = std::filesystem::path(m_dir.path().toStdString()) / "small.h5";
    stimulus::writeStimulusFile(p, path);
    m_file = std::make_shared<const stimulus::StimulusFile>(path);
}

void tst_FrameSequence::describesTheStimulusFile()
{
    const hw::FrameSequence sequence = hw::frameSequenceOf(m_file);
    QCOMPARE(sequence.width, 32);
    QCOMPARE(sequence.height, 18);
    QCOMPARE(sequence.refreshHz, 30.0);
    QCOMPARE(sequence.rows.size(), std::size_t(m_file->displayFrames()));
    const auto rows = m_file->displayRows();
    const auto frames = sequence.rowFrames();
    QCOMPARE(frames.size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        QCOMPARE(frames[i], rows[i].frame);
        QCOMPARE(sequence.rows[i].photodiode, rows[i].photodiode);
    }
}

void tst_FrameSequence::readsTheFilesFrames()
{
    const hw::FrameSequence sequence = hw::frameSequenceOf(m_file);
    const std::size_t bytes = std::size_t(sequence.width) * std::size_t(sequence.height);
    std::vector<std::uint8_t> viaSequence(bytes), direct(bytes);
    for (std::uint64_t frame = 0; frame < m_file->uniqueFrames(); ++frame) {
        sequence.readFrame(frame, viaSequence);
        m_file->readFrame(frame, direct);
        QCOMPARE(viaSequence, direct);
    }
}

QTEST_GUILESS_MAIN(tst_FrameSequence)
#include "tst_framesequence.moc"
