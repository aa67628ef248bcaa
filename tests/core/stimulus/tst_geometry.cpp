#include "core/stimulus/geometry.h"

#include <QtTest/QTest>

#include <array>
#include <cmath>
#include <numbers>

using stimulus::AngleMaps;
using stimulus::Correction;
using stimulus::Monitor;
using stimulus::Pose;

namespace {

constexpr double pi = std::numbers::pi;
double deg(double radians) { return radians * 180 / pi; }
double rad(double degrees) { return degrees * pi / 180; }

// 160×90 px on 16×9 cm: 0.1 cm pixels, so a foot at (0.05, −0.05) cm lies exactly on pixel (80, 45)'s centre.
Monitor smallMonitor()
{
    Monitor monitor;
    monitor.widthPx = 160;
    monitor.heightPx = 90;
    monitor.widthCm = 16;
    monitor.heightCm = 9;
    return monitor;
}

std::size_t at(const AngleMaps &maps, int column, int row)
{
    return static_cast<std::size_t>(row) * static_cast<std::size_t>(maps.width) + static_cast<std::size_t>(column);
}

// Screen-local position of a pixel centre, written out from the monitor's physical size.
std::array<double, 2> screenCm(const Monitor &monitor, const Pose &pose, int column, int row)
{
    const double pixelWidth = monitor.widthCm / monitor.widthPx, pixelHeight = monitor.heightCm / monitor.heightPx;
    const double fromLeft = (column + 0.5) * pixelWidth, fromTop = (row + 0.5) * pixelHeight;
    return {fromLeft - monitor.widthCm / 2 - pose.footXCm, monitor.heightCm / 2 - fromTop - pose.footYCm};
}

using Vec = std::array<double, 3>;
using Mat = std::array<Vec, 3>;

// Rodrigues' formula R = I + sin α K + (1 − cos α) K², K the cross-product matrix of the unit axis k: an
// independent way to turn the screen, sharing nothing with the basis vectors written out in geometry.cpp.
Mat rodrigues(Vec k, double angle)
{
    const Mat K{{{0, -k[2], k[1]}, {k[2], 0, -k[0]}, {-k[1], k[0], 0}}};
    Mat R{};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            double kk = 0;
            for (int m = 0; m < 3; ++m)
                kk += K[i][m] * K[m][j];
            R[i][j] = (i == j ? 1 : 0) + std::sin(angle) * K[i][j] + (1 - std::cos(angle)) * kk;
        }
    return R;
}

Mat times(const Mat &a, const Mat &b)
{
    Mat c{};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            for (int m = 0; m < 3; ++m)
                c[i][j] += a[i][m] * b[m][j];
    return c;
}

Vec times(const Mat &a, const Vec &v)
{
    Vec r{};
    for (int i = 0; i < 3; ++i)
        for (int m = 0; m < 3; ++m)
            r[i] += a[i][m] * v[m];
    return r;
}

// The unturned screen faces the eye along x with its right along y and up along z, so its point (u, v) is
// (x0, u, v). Tilting raises the normal (x toward z: a rotation about −y); turning is about +z.
std::array<double, 2> rotatedAngles(const Pose &pose, double u, double v)
{
    const Mat turn = times(rodrigues({0, 0, 1}, rad(pose.lateralRotationDeg)), rodrigues({0, -1, 0}, rad(pose.tiltDeg)));
    const Vec p = times(turn, Vec{pose.eyeDistanceCm, u, v});
    const double length = std::sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    return {deg(std::atan2(p[1], p[0])), deg(std::asin(p[2] / length))};
}

// Maps are float32: ~1e-5° near 100°.
constexpr double mapTolerance = 1e-4;

} // namespace

class tst_Geometry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void footMapsToPose_data();
    void footMapsToPose();
    void cornersMatchMarshel_data();
    void cornersMatchMarshel();
    void rotationAndTiltMatchRodrigues_data();
    void rotationAndTiltMatchRodrigues();
    void turningMovesTheHorizonAndTiltingTheMeridian();
    void rightIsLargerAzimuthTopIsLargerAltitude_data();
    void rightIsLargerAzimuthTopIsLargerAltitude();
    void flatAnglesAreStraightOnTheScreen();
    void farTurnedScreenDoesNotWrap();
};

void tst_Geometry::footMapsToPose_data()
{
    QTest::addColumn<double>("rotation");
    QTest::addColumn<double>("tilt");
    QTest::newRow("straight ahead") << 0.0 << 0.0;
    QTest::newRow("default lateral 30") << 30.0 << 0.0;
    QTest::newRow("tilted up 20") << 0.0 << 20.0;
    QTest::newRow("turned -45, tilted -10") << -45.0 << -10.0;
    QTest::newRow("turned 70, tilted 35") << 70.0 << 35.0;
}

void tst_Geometry::footMapsToPose()
{
    QFETCH(double, rotation);
    QFETCH(double, tilt);
    const Pose pose{12, 0.05, -0.05, rotation, tilt};
    const auto foot = stimulus::visualAngles(pose, {0, 0});
    QCOMPARE_LE(std::abs(foot.azimuthDeg - rotation), 1e-12);
    QCOMPARE_LE(std::abs(foot.altitudeDeg - tilt), 1e-12);

    const AngleMaps maps = stimulus::angleMaps(smallMonitor(), pose, Correction::Spherical);
    const auto centre = stimulus::pixelCentre(smallMonitor(), pose, 80, 45);
    QCOMPARE_LE(std::abs(centre.rightCm) + std::abs(centre.upCm), 1e-12);
    QCOMPARE_LE(std::abs(maps.azimuthDeg[at(maps, 80, 45)] - rotation), mapTolerance);
    QCOMPARE_LE(std::abs(maps.altitudeDeg[at(maps, 80, 45)] - tilt), mapTolerance);
}

void tst_Geometry::cornersMatchMarshel_data()
{
    QTest::addColumn<double>("footX");
    QTest::addColumn<double>("footY");
    QTest::addColumn<double>("eyeDistance");
    QTest::newRow("foot at the centre") << 0.0 << 0.0 << 10.0;
    QTest::newRow("foot off centre") << 3.0 << -2.0 << 10.0;
    QTest::newRow("far eye") << -5.0 << 1.5 << 25.0;
}

// Marshel et al. 2011, Methods: for the screen point (y, z) at eye distance x0,
// altitude = atan(z / sqrt(x0² + y²)), azimuth = atan(−y / x0); y points to the animal's left here.
void tst_Geometry::cornersMatchMarshel()
{
    QFETCH(double, footX);
    QFETCH(double, footY);
    QFETCH(double, eyeDistance);
    const Monitor monitor; // 1920×1080 on 52×29.25 cm
    const Pose pose{eyeDistance, footX, footY, 0, 0};
    const AngleMaps maps = stimulus::angleMaps(monitor, pose, Correction::Spherical);
    QCOMPARE(maps.width, 1920);
    QCOMPARE(maps.height, 1080);
    for (const auto &[column, row] : {std::pair{0, 0}, {1919, 0}, {0, 1079}, {1919, 1079}}) {
        const auto [u, v] = screenCm(monitor, pose, column, row);
        const double y = -u, z = v, x0 = eyeDistance;
        const double altitude = deg(std::atan(z / std::sqrt(x0 * x0 + y * y)));
        const double azimuth = deg(std::atan(-y / x0));
        const std::size_t i = at(maps, column, row);
        QVERIFY2(std::abs(maps.altitudeDeg[i] - altitude) < mapTolerance, qPrintable(QString::number(maps.altitudeDeg[i])));
        QVERIFY2(std::abs(maps.azimuthDeg[i] - azimuth) < mapTolerance, qPrintable(QString::number(maps.azimuthDeg[i])));
    }
}

void tst_Geometry::rotationAndTiltMatchRodrigues_data()
{
    QTest::addColumn<double>("rotation");
    QTest::addColumn<double>("tilt");
    QTest::addColumn<double>("footX");
    QTest::addColumn<double>("footY");
    QTest::newRow("turned 30") << 30.0 << 0.0 << 0.0 << 0.0;
    QTest::newRow("tilted 20") << 0.0 << 20.0 << 0.0 << 0.0;
    QTest::newRow("turned 30, tilted 15, foot off centre") << 30.0 << 15.0 << 4.0 << -3.0;
    QTest::newRow("turned -50, tilted -25") << -50.0 << -25.0 << -2.0 << 2.0;
    QTest::newRow("turned 80, tilted 40") << 80.0 << 40.0 << 1.0 << 1.0;
}

void tst_Geometry::rotationAndTiltMatchRodrigues()
{
    QFETCH(double, rotation);
    QFETCH(double, tilt);
    QFETCH(double, footX);
    QFETCH(double, footY);
    const Monitor monitor = smallMonitor();
    const Pose pose{8, footX, footY, rotation, tilt};
    const AngleMaps maps = stimulus::angleMaps(monitor, pose, Correction::Spherical);
    for (int row = 0; row < monitor.heightPx; row += 11) {
        for (int column = 0; column < monitor.widthPx; column += 13) {
            const auto [u, v] = screenCm(monitor, pose, column, row);
            const auto [azimuth, altitude] = rotatedAngles(pose, u, v);
            const std::size_t i = at(maps, column, row);
            const QByteArray where = QByteArray::number(column) + "," + QByteArray::number(row);
            QVERIFY2(std::abs(maps.azimuthDeg[i] - azimuth) < mapTolerance, where);
            QVERIFY2(std::abs(maps.altitudeDeg[i] - altitude) < mapTolerance, where);
        }
    }
}

// Turning about the vertical axis keeps the foot's row in the horizontal plane through the eye, where the
// azimuth is the turn plus the flat angle; tilting keeps the foot's column in a vertical plane likewise.
void tst_Geometry::turningMovesTheHorizonAndTiltingTheMeridian()
{
    const Monitor monitor = smallMonitor();
    const Pose turned{10, 0.05, -0.05, 35, 0};
    const AngleMaps horizon = stimulus::angleMaps(monitor, turned, Correction::Spherical);
    for (int column = 0; column < monitor.widthPx; ++column) {
        const double u = screenCm(monitor, turned, column, 45)[0];
        QCOMPARE_LE(std::abs(horizon.altitudeDeg[at(horizon, column, 45)]), mapTolerance);
        QCOMPARE_LE(std::abs(horizon.azimuthDeg[at(horizon, column, 45)] - (35 + deg(std::atan(u / 10)))), mapTolerance);
    }
    const Pose tilted{10, 0.05, -0.05, 0, 25};
    const AngleMaps meridian = stimulus::angleMaps(monitor, tilted, Correction::Spherical);
    for (int row = 0; row < monitor.heightPx; ++row) {
        const double v = screenCm(monitor, tilted, 80, row)[1];
        QCOMPARE_LE(std::abs(meridian.azimuthDeg[at(meridian, 80, row)]), mapTolerance);
        QCOMPARE_LE(std::abs(meridian.altitudeDeg[at(meridian, 80, row)] - (25 + deg(std::atan(v / 10)))), mapTolerance);
    }
}

void tst_Geometry::rightIsLargerAzimuthTopIsLargerAltitude_data()
{
    QTest::addColumn<double>("rotation");
    QTest::addColumn<double>("tilt");
    QTest::newRow("straight") << 0.0 << 0.0;
    QTest::newRow("default") << 30.0 << 0.0;
    QTest::newRow("turned left, tilted down") << -40.0 << -20.0;
}

void tst_Geometry::rightIsLargerAzimuthTopIsLargerAltitude()
{
    QFETCH(double, rotation);
    QFETCH(double, tilt);
    const Monitor monitor = smallMonitor();
    const AngleMaps maps = stimulus::angleMaps(monitor, Pose{10, 0, 0, rotation, tilt}, Correction::Spherical);
    for (int row = 0; row < monitor.heightPx; ++row)
        QVERIFY(maps.azimuthDeg[at(maps, monitor.widthPx - 1, row)] > maps.azimuthDeg[at(maps, 0, row)]);
    for (int column = 0; column < monitor.widthPx; ++column)
        QVERIFY(maps.altitudeDeg[at(maps, column, 0)] > maps.altitudeDeg[at(maps, column, monitor.heightPx - 1)]);
}

void tst_Geometry::flatAnglesAreStraightOnTheScreen()
{
    const Monitor monitor = smallMonitor();
    const Pose pose{10, 1, -1, 30, 10};
    const AngleMaps flat = stimulus::angleMaps(monitor, pose, Correction::None);
    for (int row = 0; row < monitor.heightPx; ++row)
        for (int column = 0; column < monitor.widthPx; ++column) {
            const auto [u, v] = screenCm(monitor, pose, column, row);
            QCOMPARE(flat.azimuthDeg[at(flat, column, row)], flat.azimuthDeg[at(flat, column, 0)]);
            QCOMPARE(flat.altitudeDeg[at(flat, column, row)], flat.altitudeDeg[at(flat, 0, row)]);
            QCOMPARE_LE(std::abs(flat.azimuthDeg[at(flat, column, row)] - (30 + deg(std::atan(u / 10)))), mapTolerance);
            QCOMPARE_LE(std::abs(flat.altitudeDeg[at(flat, column, row)] - (10 + deg(std::atan(v / 10)))), mapTolerance);
        }
}

// A screen turned to 170° spans azimuths across ±180°; the maps stay continuous around the normal instead.
void tst_Geometry::farTurnedScreenDoesNotWrap()
{
    const AngleMaps maps = stimulus::angleMaps(smallMonitor(), Pose{5, 0, 0, 170, 0}, Correction::Spherical);
    const auto range = maps.azimuthRange();
    QCOMPARE_GT(range.min, 170 - 90.0);
    QCOMPARE_LT(range.max, 170 + 90.0);
    QCOMPARE_GT(range.max, 180.0);
}

QTEST_GUILESS_MAIN(tst_Geometry)
#include "tst_geometry.moc"
