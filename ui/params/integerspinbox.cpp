#include "ui/params/integerspinbox.h"

#include "ui/params/boundedsteps.h"

#include <algorithm>

namespace ui {

IntegerSpinBox::IntegerSpinBox(QWidget *parent) : QSpinBox(parent)
{
}

void IntegerSpinBox::setStepLimits(int lowest, int highest)
{
    m_lowest = lowest;
    m_highest = highest;
}

void IntegerSpinBox::stepBy(int steps)
{
    // In 64 bits: value() + steps * singleStep() can overflow int near the ends of the typing range.
    const long long next = static_cast<long long>(value()) + static_cast<long long>(steps) * singleStep();
    setValue(static_cast<int>(std::clamp<long long>(next, m_lowest, m_highest)));
    selectAll();
}

QAbstractSpinBox::StepEnabled IntegerSpinBox::stepEnabled() const
{
    return stepsWithinBounds(isReadOnly(), value(), m_lowest, m_highest);
}

} // namespace ui
