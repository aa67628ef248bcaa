#pragma once

#include <QtWidgets/QGroupBox>

#include <cstdint>

class QLabel;

namespace retino {
struct RetinotopyMaps;
}

namespace ui {

class PositionMapView;

// The azimuth and altitude maps as they form during a recording (LiveMapsFeed), side by side on the cyclic
// colour map, darkened where the response is still weak, with the number of frames they hold. Rough by
// design: no drift removal, frames averaged down; the recording's analysis gives the real maps.
class LiveMapsView : public QGroupBox {
public:
    explicit LiveMapsView(QWidget *parent = nullptr);

    void showMaps(const retino::RetinotopyMaps &maps, std::uint64_t framesUsed);
    // No maps yet (or none to come): the message in both views.
    void setMessage(const QString &message);

    QString framesText() const;

private:
    PositionMapView *m_azimuth = nullptr;
    PositionMapView *m_altitude = nullptr;
    QLabel *m_frames = nullptr;
};

} // namespace ui
