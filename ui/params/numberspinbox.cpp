#include "ui/params/numberspinbox.h"

#include "ui/params/boundedsteps.h"

#include <QtCore/QLocale>

#include <algorithm>

namespace ui {

NumberSpinBox::NumberSpinBox(QWidget *parent) : QDoubleSpinBox(parent)
{
    // Six decimals hold every value a user types for these physical quantities; textFromValue() hides the
    // trailing zeros.
    setDecimals(6);
    setKeyboardTracking(true);
}

void NumberSpinBox::setStepLimits(double lowest, double highest)
{
    m_lowest = lowest;
    m_highest = highest;
}

void NumberSpinBox::stepBy(int steps)
{
    setValue(std::clamp(value() + steps * singleStep(), m_lowest, m_highest));
    selectAll();
}

QString NumberSpinBox::textFromValue(double value) const
{
    QLocale numbers = locale();
    numbers.setNumberOptions(QLocale::OmitGroupSeparator);
    QString text = numbers.toString(value, 'f', decimals());
    const QString point = numbers.decimalPoint();
    if (text.contains(point)) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(point.size());
    }
    return text;
}

QAbstractSpinBox::StepEnabled NumberSpinBox::stepEnabled() const
{
    return stepsWithinBounds(isReadOnly(), value(), m_lowest, m_highest);
}

} // namespace ui
