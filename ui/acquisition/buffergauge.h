#pragma once

#include <QtWidgets/QWidget>

#include <cstddef>

namespace ui {

// The recorder's frame ring as a bar: how full it is now, and a tick at the fullest it has been (the
// high-water mark), which tells the operator how close the disk came to making frames drop. Green up to half
// full, amber up to 90 %, red beyond.
class BufferGauge : public QWidget {
public:
    explicit BufferGauge(QWidget *parent = nullptr);

    void setFill(std::size_t fill, std::size_t highWater, std::size_t capacity);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::size_t m_fill = 0;
    std::size_t m_highWater = 0;
    std::size_t m_capacity = 0;
};

} // namespace ui
