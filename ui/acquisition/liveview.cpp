#include "ui/acquisition/liveview.h"

#include "ui/acquisition/histogramview.h"
#include "ui/acquisition/liveimage.h"
#include "ui/stimulus/frameview.h"

#include <QtCore/QLocale>
#include <QtWidgets/QBoxLayout>
#include <QtWidgets/QLabel>

namespace ui {

namespace {

const QString saturatedStyle = QStringLiteral("QLabel { background: #b3261e; color: white; padding: 2px 6px;"
                                              " border-radius: 3px; font-weight: bold; }");
const QString clearStyle = QStringLiteral("QLabel { color: #1b7f3b; padding: 2px 6px; }");

} // namespace

LiveView::LiveView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("liveView"));
    m_picture = new FrameView(this);
    m_picture->setObjectName(QStringLiteral("livePicture"));
    m_histogram = new HistogramView(this);
    m_numbers = new QLabel(this);
    m_numbers->setObjectName(QStringLiteral("liveNumbers"));
    m_numbers->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_saturation = new QLabel(this);
    m_saturation->setObjectName(QStringLiteral("saturation"));

    auto *numbers = new QHBoxLayout;
    numbers->addWidget(m_numbers, 1);
    numbers->addWidget(m_saturation);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_picture, 1);
    layout->addLayout(numbers);
    layout->addWidget(m_histogram);
    setMessage(tr("No camera frame yet"));
}

void LiveView::setImage(const LiveImage &image)
{
    m_picture->setFrame(image.picture);
    m_histogram->setImage(image);
    const QLocale locale;
    m_numbers->setText(tr("frame %1 · %2 × %3 · range %4 – %5 · mean %6 · shown %7 – %8")
                           .arg(locale.toString(qulonglong(image.cameraFrameId)))
                           .arg(image.picture.width())
                           .arg(image.picture.height())
                           .arg(image.darkest)
                           .arg(image.brightest)
                           .arg(locale.toString(image.mean, 'f', 1))
                           .arg(image.low)
                           .arg(image.high));
    if (image.saturatedFraction > 0) {
        m_saturation->setText(tr("SATURATED: %1 % of pixels at %2")
                                  .arg(locale.toString(image.saturatedFraction * 100, 'g', 3))
                                  .arg(image.maxValue));
        m_saturation->setStyleSheet(saturatedStyle);
    } else {
        m_saturation->setText(tr("No pixel saturated (full scale %1)").arg(image.maxValue));
        m_saturation->setStyleSheet(clearStyle);
    }
}

void LiveView::setMessage(const QString &message)
{
    m_picture->setMessage(message);
    m_histogram->clear();
    m_numbers->clear();
    m_saturation->clear();
    m_saturation->setStyleSheet(QString());
}

QString LiveView::saturationText() const
{
    return m_saturation->text();
}

bool LiveView::hasImage() const
{
    return !m_picture->frame().isNull();
}

} // namespace ui
