#include "ui/acquisition/livemapsview.h"

#include "ui/retinotopy/positionmapview.h"

#include "core/retinotopy/retinotopymaps.h"

#include <QtCore/QLocale>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QLabel>

namespace ui {

LiveMapsView::LiveMapsView(QWidget *parent) : QGroupBox(tr("Live maps"), parent)
{
    setObjectName(QStringLiteral("liveMaps"));
    m_azimuth = new PositionMapView(tr("Azimuth"), tr("azimuth"), this);
    m_azimuth->setObjectName(QStringLiteral("liveAzimuth"));
    m_altitude = new PositionMapView(tr("Altitude"), tr("altitude"), this);
    m_altitude->setObjectName(QStringLiteral("liveAltitude"));
    for (PositionMapView *view : {m_azimuth, m_altitude})
        view->setMinimumSize(170, 230);
    m_frames = new QLabel(this);
    m_frames->setObjectName(QStringLiteral("liveMapFrames"));
    m_frames->setWordWrap(true);
    m_frames->setForegroundRole(QPalette::PlaceholderText);

    auto *views = new QHBoxLayout;
    views->addWidget(m_azimuth);
    views->addWidget(m_altitude);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(views, 1);
    layout->addWidget(m_frames);
    setMessage(tr("Shown while a recording with a stimulus runs"));
}

void LiveMapsView::showMaps(const retino::RetinotopyMaps &maps, std::uint64_t framesUsed)
{
    // Pixels outside the response mask are dimmed, not hidden: dark pixels around the cranial window have a
    // large relative noise that would otherwise fill the picture, but the mask needs both axes to respond, so
    // while the second axis's sweeps are only starting it keeps almost nothing.
    const auto showAxis = [&](PositionMapView *view, const cv::Mat1f &degrees, const cv::Mat1f &power) {
        if (degrees.empty())
            view->setMessage(tr("Waiting for both directions of this axis"));
        else
            view->showPosition(degrees, power, maps.responseMask, true, OutsideMask::Dimmed);
    };
    showAxis(m_azimuth, maps.azimuthDeg, maps.azimuthPower);
    showAxis(m_altitude, maps.altitudeDeg, maps.altitudePower);
    m_frames->setText(tr("From %1 frames; rough: no drift removal until the recording is analysed")
                          .arg(QLocale().toString(qulonglong(framesUsed))));
}

void LiveMapsView::setMessage(const QString &message)
{
    m_azimuth->setMessage(message);
    m_altitude->setMessage(message);
    m_frames->clear();
}

QString LiveMapsView::framesText() const
{
    return m_frames->text();
}

} // namespace ui
