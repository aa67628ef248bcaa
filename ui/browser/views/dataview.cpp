#include "ui/browser/views/dataview.h"

#include <QtGui/QPainter>

namespace ui {

void DataView::paintFigure(QPainter &painter, const QSize &size) const
{
    // What is on screen, scaled to the figure: views with a better picture of their own override this.
    const QPixmap shot = const_cast<DataView *>(this)->grab();
    painter.drawPixmap(QRect(QPoint(0, 0), size), shot);
}

} // namespace ui
