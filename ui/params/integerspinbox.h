#pragma once

#include <QtWidgets/QSpinBox>

namespace ui {

// The integer twin of NumberSpinBox: arrows stay within the schema's bounds, typing may leave them so that
// the form can show the validator's message.
class IntegerSpinBox : public QSpinBox {
public:
    explicit IntegerSpinBox(QWidget *parent = nullptr);

    // The range the arrow keys, the wheel and Page Up/Down step within.
    void setStepLimits(int lowest, int highest);

    void stepBy(int steps) override;

protected:
    StepEnabled stepEnabled() const override;

private:
    int m_lowest = 0;
    int m_highest = 0;
};

} // namespace ui
