#pragma once

#include <QtWidgets/QAbstractSpinBox>

namespace ui {

// The arrow steps a spin box allows when typing may leave the schema's bounds (so the validator can say
// why) but stepping must stay within them.
template <class T>
QAbstractSpinBox::StepEnabled stepsWithinBounds(bool readOnly, T value, T lowest, T highest)
{
    if (readOnly)
        return QAbstractSpinBox::StepNone;
    QAbstractSpinBox::StepEnabled enabled = QAbstractSpinBox::StepNone;
    if (value < highest)
        enabled |= QAbstractSpinBox::StepUpEnabled;
    if (value > lowest)
        enabled |= QAbstractSpinBox::StepDownEnabled;
    return enabled;
}

} // namespace ui
