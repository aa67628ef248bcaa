#pragma once

#include <QtWidgets/QDoubleSpinBox>

namespace ui {

// A QDoubleSpinBox whose arrows stay within the schema's bounds while typing may leave them: a value the
// schema refuses reaches the form, which then says why, instead of being silently clamped or reverted.
// Shows the shortest text of the value ("52", "29.25"), not a fixed number of decimals.
class NumberSpinBox : public QDoubleSpinBox {
public:
    explicit NumberSpinBox(QWidget *parent = nullptr);

    // The range the arrow keys, the wheel and Page Up/Down step within.
    void setStepLimits(double lowest, double highest);

    void stepBy(int steps) override;
    QString textFromValue(double value) const override;

protected:
    StepEnabled stepEnabled() const override;

private:
    double m_lowest = 0;
    double m_highest = 0;
};

} // namespace ui
